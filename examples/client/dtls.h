/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * lwc-client's DTLS part (built when Mbed TLS is found): the credentials
 * from the command line, converted to what the Security object stores
 * (PSK bytes, DER certificates and keys), and the Mbed TLS transport
 * factory around the POSIX UDP factory.
 */
#ifndef LWC_EXAMPLE_CLIENT_DTLS_H
#define LWC_EXAMPLE_CLIENT_DTLS_H

#include <stddef.h>
#include <stdint.h>

#include <lwc/objects/security.h>
#include <lwc/port/mbedtls.h>

#include "options.h"

/* Largest certificate file read, and largest DER object kept. */
#define EXAMPLE_FILE_MAX 16384
#define EXAMPLE_DER_MAX  4096

typedef struct {
    lwc_mbedtls_rng_t rng;
    lwc_mbedtls_dtls_t pool[LWC_MAX_SERVERS + 1];
    lwc_mbedtls_factory_t factory;
    uint8_t identity[EXAMPLE_DER_MAX];   /* 0/x/3 */
    uint8_t server_key[EXAMPLE_DER_MAX]; /* 0/x/4 */
    uint8_t secret_key[EXAMPLE_DER_MAX]; /* 0/x/5 */
    uint8_t file[EXAMPLE_FILE_MAX + 1];  /* a file being read, NUL-ended */
} example_dtls_t;

/*
 * Fill the security mode and key resources of @p sec from the options
 * (@p sec keeps pointers into @p x). NoSec for coap://. Returns 0, or -1
 * after printing why.
 */
int example_dtls_credentials(example_dtls_t *x, const options_t *o,
                             lwc_security_instance_t *sec);

/*
 * Seed the random generator and put the DTLS factory around @p udp;
 * @p out is the factory to give the client. @p pf must outlive @p x.
 * Returns 0, or -1 after printing why.
 */
int example_dtls_init(example_dtls_t *x, const options_t *o,
                      const lwc_platform_t *pf,
                      const lwc_transport_factory_t *udp,
                      lwc_transport_factory_t *out);

/* After lwc_client_deinit(), before the UDP factory's deinit. */
void example_dtls_deinit(example_dtls_t *x);

/* Why the last DTLS transport of server @p ssid failed, or NULL. */
const char *example_dtls_failure(const example_dtls_t *x, uint16_t ssid);

#endif /* LWC_EXAMPLE_CLIENT_DTLS_H */
