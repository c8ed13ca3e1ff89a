/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * An in-process Mbed TLS DTLS server on the server end of a mem_net link,
 * on the test's virtual clock: HelloVerifyRequest cookies, a session cache
 * for resumption, PSK or certificates (with client certificates required),
 * and an echo of every application datagram.
 */
#ifndef LWC_TESTS_DTLS_TEST_SERVER_H
#define LWC_TESTS_DTLS_TEST_SERVER_H

#include <stdbool.h>
#include <stdint.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/pk.h>
#include <mbedtls/ssl.h>
#include <mbedtls/ssl_cache.h>
#include <mbedtls/ssl_cookie.h>
#include <mbedtls/x509_crt.h>

#include "mem_net.h"

typedef struct {
    mem_net_t *net;
    int64_t *clock;
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
    mbedtls_ssl_config conf;
    mbedtls_ssl_context ssl;
    mbedtls_ssl_cookie_ctx cookie;
    mbedtls_ssl_cache_context cache;
    mbedtls_x509_crt cert;
    mbedtls_x509_crt ca;
    mbedtls_pk_context key;
    int64_t timer_start;
    uint32_t timer_int;
    uint32_t timer_fin;
    bool connected;
    unsigned handshakes;  /* Completed handshakes. */
    unsigned close_notes; /* close_notify received. */
    unsigned failures;    /* Handshakes or sessions that failed. */
    int last_error;       /* Mbed TLS error of the last failure. */
    unsigned echoed;      /* Application datagrams echoed. */
} tsrv_t;

/* PSK server: accepts only @p identity with @p key. @p mtu 0 for none. */
int tsrv_init_psk(tsrv_t *s, mem_net_t *net, int64_t *clock,
                  const char *identity, const uint8_t *key, size_t key_len,
                  uint16_t mtu);

/*
 * Certificate server: PEM files of its certificate and key; @p ca_file
 * (may be NULL) is the CA that client certificates must chain to
 * (client authentication required when given). @p mtu 0 for none.
 */
int tsrv_init_cert(tsrv_t *s, mem_net_t *net, int64_t *clock,
                   const char *cert_file, const char *key_file,
                   const char *ca_file, uint16_t mtu);

void tsrv_free(tsrv_t *s);

/* Process everything the server can now; true when it did anything. */
bool tsrv_step(tsrv_t *s);

/* Absolute time of the server's retransmission timer, INT64_MAX if none. */
int64_t tsrv_deadline(const tsrv_t *s);

#endif /* LWC_TESTS_DTLS_TEST_SERVER_H */
