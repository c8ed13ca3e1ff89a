/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "fake_net.h"

#include <stdio.h>
#include <string.h>

#include <lwc/errors.h>

static int f_connect(void *ctx, int64_t now_ms, int64_t *wake_ms)
{
    fake_net_t *n = ctx;
    (void)now_ms;
    (void)wake_ms;
    n->connects++;
    return n->connect_result;
}

static int f_send(void *ctx, const uint8_t *buf, size_t len)
{
    fake_net_t *n = ctx;
    fake_dgram_t *d;

    if (n->sent_count == FAKE_MAX_DGRAMS || len > FAKE_DGRAM_SIZE) {
        return LWC_ERR_NO_SPACE;
    }
    d = &n->sent[n->sent_count++];
    memcpy(d->data, buf, len);
    d->len = len;
    d->at_ms = n->now_ms;
    return LWC_OK;
}

static int f_recv(void *ctx, uint8_t *buf, size_t cap, size_t *out_len)
{
    fake_net_t *n = ctx;
    fake_dgram_t *d;

    if (n->recv_error != LWC_OK) {
        int rc = n->recv_error;
        n->recv_error = LWC_OK;
        return rc;
    }
    if (n->inbox_head == n->inbox_count) {
        return LWC_ERR_WOULD_BLOCK;
    }
    d = &n->inbox[n->inbox_head++];
    if (n->inbox_head == n->inbox_count) {
        n->inbox_head = n->inbox_count = 0;
    }
    if (d->len > cap) {
        /* Like recvmsg() with MSG_TRUNC: the first cap bytes (transport.h),
         * or none for a transport that keeps nothing. */
        *out_len = n->truncate_keeps_nothing ? 0 : cap;
        memcpy(buf, d->data, *out_len);
        return LWC_ERR_TOO_LARGE;
    }
    memcpy(buf, d->data, d->len);
    *out_len = d->len;
    return LWC_OK;
}

static void f_close(void *ctx)
{
    (void)ctx;
}

static int f_get_fd(void *ctx)
{
    (void)ctx;
    return -1;
}

static const lwc_transport_ops_t fake_ops = {
    .connect = f_connect,
    .send = f_send,
    .recv = f_recv,
    .close = f_close,
    .get_fd = f_get_fd,
};

static int f_open(void *ctx, const lwc_transport_params_t *p,
                  lwc_transport_t *out)
{
    fake_net_t *n = ctx;

    n->opens++;
    if (n->open_result != LWC_OK) {
        return n->open_result;
    }
    n->last_params = *p;
    snprintf(n->last_host, sizeof(n->last_host), "%s", p->host);
    n->last_params.host = n->last_host;
    n->open = true;
    *out = fake_net_transport(n);
    return LWC_OK;
}

static void f_release(void *ctx, lwc_transport_t *t)
{
    fake_net_t *n = ctx;
    (void)t;
    n->releases++;
    n->open = false;
}

static int f_random(void *ctx, uint8_t *buf, size_t len)
{
    fake_net_t *n = ctx;

    for (size_t i = 0; i < len; i++) {
        buf[i] = (uint8_t)(n->random_value >> (24 - 8 * (i % 4)));
    }
    return LWC_OK;
}

static void f_log(void *ctx, lwc_log_level_t level, const char *module,
                  const char *line)
{
    fake_net_t *n = ctx;
    (void)level;
    n->log_lines++;
    snprintf(n->last_log, sizeof(n->last_log), "%s: %s", module, line);
}

void fake_net_init(fake_net_t *n)
{
    memset(n, 0, sizeof(*n));
    n->connect_result = LWC_OK;
    n->open_result = LWC_OK;
}

lwc_platform_t fake_net_platform(fake_net_t *n)
{
    lwc_platform_t p = {.ctx = n, .random = f_random, .log = f_log};
    return p;
}

lwc_transport_factory_t fake_net_factory(fake_net_t *n)
{
    lwc_transport_factory_t f = {
        .ctx = n, .open = f_open, .release = f_release};
    return f;
}

lwc_transport_t fake_net_transport(fake_net_t *n)
{
    lwc_transport_t t = {.ops = &fake_ops, .ctx = n};
    return t;
}

void fake_net_inject(fake_net_t *n, const uint8_t *buf, size_t len)
{
    fake_dgram_t *d;

    if (n->inbox_count == FAKE_MAX_DGRAMS || len > FAKE_DGRAM_SIZE) {
        return;
    }
    d = &n->inbox[n->inbox_count++];
    memcpy(d->data, buf, len);
    d->len = len;
}

void fake_net_clear_sent(fake_net_t *n)
{
    n->sent_count = 0;
}
