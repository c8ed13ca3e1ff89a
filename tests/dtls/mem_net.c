/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "mem_net.h"

#include <string.h>

#include <lwc/errors.h>

static void enqueue(mem_queue_t *q, const uint8_t *buf, size_t len)
{
    mem_dgram_t *slot;

    if (q->count == MEM_QUEUE_LEN || len > MEM_DGRAM_MAX) {
        return; /* A full link loses datagrams, like a real one. */
    }
    slot = &q->q[(q->head + q->count) % MEM_QUEUE_LEN];
    memcpy(slot->data, buf, len);
    slot->len = len;
    q->count++;
}

static void push(mem_net_t *n, int dir, const uint8_t *buf, size_t len)
{
    mem_queue_t *q = &n->dir[dir];
    const char *pat = n->pattern[dir];
    unsigned idx = n->sent[dir]++;
    char fault = '.';

    if (idx < 64) {
        n->send_times[dir][idx] = n->clock ? *n->clock : 0;
    }
    if (pat && idx < strlen(pat)) {
        fault = pat[idx];
    }
    if (fault == 'D') {
        return;
    }
    if (fault == 'H' && !q->has_held && len <= MEM_DGRAM_MAX) {
        memcpy(q->held.data, buf, len);
        q->held.len = len;
        q->has_held = true;
        return;
    }
    enqueue(q, buf, len);
    if (fault == 'U') {
        enqueue(q, buf, len);
    }
    if (q->has_held) { /* Released behind the datagram that overtook it. */
        enqueue(q, q->held.data, q->held.len);
        q->has_held = false;
    }
}

/* Pops one datagram; a held one comes out once nothing overtakes it. */
static bool pop(mem_net_t *n, int dir, uint8_t *buf, size_t cap,
                size_t *out_len, bool *too_large)
{
    mem_queue_t *q = &n->dir[dir];
    mem_dgram_t *d;

    *too_large = false;
    if (q->count == 0 && q->has_held) {
        enqueue(q, q->held.data, q->held.len);
        q->has_held = false;
    }
    if (q->count == 0) {
        return false;
    }
    d = &q->q[q->head];
    q->head = (q->head + 1) % MEM_QUEUE_LEN;
    q->count--;
    n->delivered[dir]++;
    if (d->len > cap) {
        *too_large = true;
        return true;
    }
    memcpy(buf, d->data, d->len);
    *out_len = d->len;
    return true;
}

static int c_connect(void *ctx, int64_t now_ms, int64_t *wake_ms)
{
    mem_net_t *n = ctx;

    (void)now_ms;
    (void)wake_ms;
    n->client_connects++;
    n->client_open = true;
    return LWC_OK;
}

static int c_send(void *ctx, const uint8_t *buf, size_t len)
{
    mem_net_t *n = ctx;

    if (!n->client_open) {
        return LWC_ERR_CLOSED;
    }
    push(n, MEM_TO_SERVER, buf, len);
    return LWC_OK;
}

static int c_recv(void *ctx, uint8_t *buf, size_t cap, size_t *out_len)
{
    mem_net_t *n = ctx;
    bool too_large;

    if (!n->client_open) {
        return LWC_ERR_CLOSED;
    }
    if (!pop(n, MEM_TO_CLIENT, buf, cap, out_len, &too_large)) {
        return LWC_ERR_WOULD_BLOCK;
    }
    return too_large ? LWC_ERR_TOO_LARGE : LWC_OK;
}

static void c_close(void *ctx)
{
    mem_net_t *n = ctx;

    n->client_closes++;
    n->client_open = false;
}

static const lwc_transport_ops_t client_ops = {
    .connect = c_connect,
    .send = c_send,
    .recv = c_recv,
    .close = c_close,
    .get_fd = NULL,
};

void mem_net_init(mem_net_t *n, int64_t *clock)
{
    memset(n, 0, sizeof(*n));
    n->clock = clock;
}

lwc_transport_t mem_net_client(mem_net_t *n)
{
    lwc_transport_t t = {.ops = &client_ops, .ctx = n};
    return t;
}

void mem_net_server_send(mem_net_t *n, const uint8_t *buf, size_t len)
{
    push(n, MEM_TO_CLIENT, buf, len);
}

bool mem_net_server_recv(mem_net_t *n, uint8_t *buf, size_t cap,
                         size_t *out_len)
{
    bool too_large;

    while (pop(n, MEM_TO_SERVER, buf, cap, out_len, &too_large)) {
        if (!too_large) {
            return true;
        }
    }
    return false;
}

size_t mem_net_pending(const mem_net_t *n)
{
    size_t total = 0;

    for (int i = 0; i < 2; i++) {
        total += n->dir[i].count + (n->dir[i].has_held ? 1u : 0u);
    }
    return total;
}

void mem_net_flush(mem_net_t *n)
{
    for (int i = 0; i < 2; i++) {
        n->dir[i].count = 0;
        n->dir[i].head = 0;
        n->dir[i].has_held = false;
    }
}
