/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lwc/errors.h>

const uint8_t h_key[16] = {0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
                           0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f};

static int64_t h_clock(void *ctx)
{
    return ((harness_t *)ctx)->now;
}

static void h_log(void *ctx, lwc_log_level_t level, const char *module,
                  const char *line)
{
    harness_t *h = ctx;
    int n = snprintf(h->log + h->log_len, sizeof(h->log) - h->log_len,
                     "%d %s: %s\n", (int)level, module, line);

    if (n > 0 && (size_t)n < sizeof(h->log) - h->log_len) {
        h->log_len += (size_t)n;
    }
    if (getenv("LWC_TEST_VERBOSE")) {
        fprintf(stderr, "[%lld] %s: %s\n", (long long)h->now, module, line);
    }
}

harness_t *h_new(void)
{
    harness_t *h = calloc(1, sizeof(*h));

    if (!h) {
        abort();
    }
    mem_net_init(&h->net, &h->now);
    h->pf.ctx = h;
    h->pf.log = h_log;
    h->cfg.now_ms = h_clock;
    h->cfg.clock_ctx = h;
    h->cfg.platform = &h->pf;
    if (lwc_mbedtls_rng_init(&h->rng, NULL) != LWC_OK) {
        abort();
    }
    h->cfg.rng = &h->rng;
    h->cfg.hs_timeout_min_ms = 1000;
    h->cfg.hs_timeout_max_ms = 8000;
    return h;
}

void h_free(harness_t *h)
{
    if (!h) {
        return;
    }
    lwc_mbedtls_dtls_deinit(&h->dtls);
    if (h->srv_up) {
        tsrv_free(&h->srv);
    }
    lwc_mbedtls_rng_deinit(&h->rng);
    free(h);
}

lwc_transport_params_t h_psk_params(const char *identity, const uint8_t *key,
                                    size_t key_len)
{
    lwc_transport_params_t p;

    memset(&p, 0, sizeof(p));
    p.scheme = LWC_SCHEME_COAPS;
    p.host = "lwm2m.test";
    p.port = 5684;
    p.mode = LWC_SECURITY_PSK;
    p.identity = (const uint8_t *)identity;
    p.identity_len = strlen(identity);
    p.secret_key = key;
    p.secret_key_len = key_len;
    p.certificate_usage = 3;
    return p;
}

int h_open(harness_t *h, const lwc_transport_params_t *params)
{
    lwc_transport_t inner = mem_net_client(&h->net);

    return lwc_mbedtls_dtls_init(&h->dtls, &h->cfg, &inner, params, &h->t);
}

/* Jump to the earliest timer still in the future (time never stalls). */
static void advance(harness_t *h, int64_t client_wake)
{
    int64_t next = INT64_MAX;
    int64_t srv = h->srv_up ? tsrv_deadline(&h->srv) : INT64_MAX;

    if (client_wake > h->now) {
        next = client_wake;
    }
    if (srv > h->now && srv < next) {
        next = srv;
    }
    h->now = next == INT64_MAX ? h->now + 1 : next;
}

int h_connect(harness_t *h)
{
    h->first_wake = -1;
    for (int i = 0; i < H_MAX_STEPS; i++) {
        int64_t wake = INT64_MAX;
        int rc = h->t.ops->connect(h->t.ctx, h->now, &wake);

        if (rc != LWC_ERR_WOULD_BLOCK) {
            return rc;
        }
        if (h->first_wake < 0) {
            h->first_wake = wake;
        }
        if (h->srv_up) {
            tsrv_step(&h->srv);
        }
        if (mem_net_pending(&h->net) == 0) {
            advance(h, wake);
        }
    }
    return H_NO_RESULT;
}

int h_exchange(harness_t *h, const char *msg, uint8_t *buf, size_t cap,
               size_t *out_len, int64_t wait_ms)
{
    int64_t until = h->now + wait_ms;
    int rc = h->t.ops->send(h->t.ctx, (const uint8_t *)msg, strlen(msg));

    if (rc != LWC_OK) {
        return rc;
    }
    for (int i = 0; i < H_MAX_STEPS && h->now <= until; i++) {
        if (h->srv_up) {
            tsrv_step(&h->srv);
        }
        rc = h->t.ops->recv(h->t.ctx, buf, cap, out_len);
        if (rc != LWC_ERR_WOULD_BLOCK) {
            return rc;
        }
        if (mem_net_pending(&h->net) == 0) {
            advance(h, until + 1);
        }
    }
    return rc;
}

bool h_logged(const harness_t *h, const char *text)
{
    return strstr(h->log, text) != NULL;
}
