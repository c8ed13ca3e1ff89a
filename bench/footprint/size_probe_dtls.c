/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Not linked: scripts/footprint.sh compiles this for the target with the
 * Mbed TLS configuration of the DTLS report (docs/mbedtls_config_psk.h by
 * default) and reads each array's size with `nm -S`, like size_probe.c:
 * the RAM the application allocates for the DTLS glue.
 */
#include <lwc/port/mbedtls.h>

char size_probe_lwc_mbedtls_dtls_t[sizeof(lwc_mbedtls_dtls_t)];
char size_probe_lwc_mbedtls_rng_t[sizeof(lwc_mbedtls_rng_t)];
char size_probe_lwc_mbedtls_factory_t[sizeof(lwc_mbedtls_factory_t)];
