/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Shared between the files of the Mbed TLS port: dtls.c (transport
 * operations and handshake), dtls_setup.c (configuration from the Security
 * object), dtls_log.c (failure reasons) and factory.c.
 */
#ifndef LWC_PORT_MBEDTLS_DTLS_INTERNAL_H
#define LWC_PORT_MBEDTLS_DTLS_INTERNAL_H

#include <mbedtls/version.h>

#include <lwc/port/mbedtls.h>

#if !defined(MBEDTLS_SSL_PROTO_DTLS) || !defined(MBEDTLS_SSL_CLI_C)
#error "lwc_mbedtls needs MBEDTLS_SSL_PROTO_DTLS and MBEDTLS_SSL_CLI_C"
#endif
#if !defined(MBEDTLS_CTR_DRBG_C) || !defined(MBEDTLS_ENTROPY_C)
#error "lwc_mbedtls needs MBEDTLS_CTR_DRBG_C and MBEDTLS_ENTROPY_C"
#endif
#if MBEDTLS_VERSION_MAJOR != 2
#error "lwc_mbedtls is written for the Mbed TLS 2.x API (tested with 2.28)"
#endif

/** The DTLS transport's operations (dtls.c). */
extern const lwc_transport_ops_t lwci_mbedtls_ops;

/**
 * Apply the security settings of @p params to @p d, whose Mbed TLS
 * structures are initialised and whose RNG is seeded: SSL configuration,
 * credentials, SSL context, bio and timer callbacks (dtls_setup.c).
 */
int lwci_mbedtls_configure(lwc_mbedtls_dtls_t *d,
                           const lwc_transport_params_t *params);

/** Install the bio and timer callbacks on d->ssl (dtls.c). */
void lwci_mbedtls_set_callbacks(lwc_mbedtls_dtls_t *d);

/**
 * Record in d->failure why the handshake or session failed (Mbed TLS error
 * @p mbed_err, returned to the caller as @p err), naming the alert or the
 * certificate problem, and log it at warning level as "<what>: <reason>"
 * (dtls_log.c).
 */
void lwci_mbedtls_record_failure(lwc_mbedtls_dtls_t *d, const char *what,
                                 int mbed_err, int err);

/**
 * Free a factory pool entry except for its resumable session, its cache
 * tag and its failure record: the entry is then not in use, and @c cached
 * when it kept a session (dtls_setup.c).
 */
void lwci_mbedtls_park(lwc_mbedtls_dtls_t *d);

/** Map an Mbed TLS error of the handshake to an LWC_ERR_* (dtls_log.c). */
int lwci_mbedtls_handshake_err(const lwc_mbedtls_dtls_t *d, int mbed_err);

#endif /* LWC_PORT_MBEDTLS_DTLS_INTERNAL_H */
