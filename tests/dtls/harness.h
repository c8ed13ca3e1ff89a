/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Test harness: the DTLS client decorator over a mem_net link to the
 * in-process test server, both on one virtual clock, with the client's log
 * lines captured so tests can check what a user would read.
 */
#ifndef LWC_TESTS_DTLS_HARNESS_H
#define LWC_TESTS_DTLS_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lwc/port/mbedtls.h>

#include "mem_net.h"
#include "test_server.h"

/* A loop that made no handshake progress in this many steps failed. */
#define H_MAX_STEPS 2000
/* h_connect()'s result when the step budget ran out. */
#define H_NO_RESULT 1

typedef struct {
    int64_t now;
    mem_net_t net;
    tsrv_t srv;
    bool srv_up;
    lwc_mbedtls_rng_t rng;
    lwc_mbedtls_dtls_t dtls;
    lwc_transport_t t;
    lwc_mbedtls_config_t cfg;
    lwc_platform_t pf;
    int64_t first_wake; /* wake_ms of the first WOULD_BLOCK connect(). */
    char log[8192];
    size_t log_len;
} harness_t;

/* A zeroed harness (heap), with cfg: virtual clock, log capture, 1..8 s. */
harness_t *h_new(void);
void h_free(harness_t *h);

/* Transport parameters for PSK with the given identity and key. */
lwc_transport_params_t h_psk_params(const char *identity, const uint8_t *key,
                                    size_t key_len);

/* lwc_mbedtls_dtls_init() over the mem_net client end. */
int h_open(harness_t *h, const lwc_transport_params_t *params);

/* Drive connect() and the server until connect() is no longer
 * LWC_ERR_WOULD_BLOCK, advancing the clock to the next timer whenever the
 * link is idle. Returns connect()'s result, or H_NO_RESULT. */
int h_connect(harness_t *h);

/* Send @p msg, let the server answer, receive into @p buf. Returns recv()'s
 * last result (LWC_ERR_WOULD_BLOCK when nothing came within @p wait_ms). */
int h_exchange(harness_t *h, const char *msg, uint8_t *buf, size_t cap,
               size_t *out_len, int64_t wait_ms);

/* Whether a captured log line contains @p text. */
bool h_logged(const harness_t *h, const char *text);

/* The shared PSK of the in-memory tests. */
extern const uint8_t h_key[16];

#endif /* LWC_TESTS_DTLS_HARNESS_H */
