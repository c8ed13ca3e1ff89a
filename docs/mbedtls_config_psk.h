/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * A minimal Mbed TLS 2.28 configuration for an lwc device that only uses
 * DTLS 1.2 with pre-shared keys (LwM2M Security Mode 0): the two PSK
 * ciphersuites of LwM2M 1.1 Transport §5.2.8.2, session resumption, and
 * nothing else (no X.509, no public-key crypto, no file system, no
 * sockets, no time). Build Mbed TLS and lwc_mbedtls with
 *
 *     -DMBEDTLS_CONFIG_FILE='"mbedtls_config_psk.h"'
 *
 * The device must give lwc a platform random hook (lwc_platform_t::random,
 * passed to lwc_mbedtls_rng_init(&rng, &platform), whose generator goes
 * in lwc_mbedtls_config_t::rng): with
 * MBEDTLS_NO_PLATFORM_ENTROPY it is the only entropy source. Alternatively
 * define MBEDTLS_ENTROPY_HARDWARE_ALT and provide mbedtls_hardware_poll().
 *
 * See docs/dtls.md for what each option is needed for.
 */
#ifndef LWC_MBEDTLS_CONFIG_PSK_H
#define LWC_MBEDTLS_CONFIG_PSK_H

/* ---- System ------------------------------------------------------------ */
#define MBEDTLS_HAVE_ASM
#define MBEDTLS_NO_PLATFORM_ENTROPY /* no /dev/urandom on a device */

/* ---- Crypto: AES-128 in CCM (CCM_8 suite) and CBC, SHA-256 ------------- */
#define MBEDTLS_AES_C
#define MBEDTLS_AES_ROM_TABLES /* tables in flash, not RAM */
#define MBEDTLS_AES_FEWER_TABLES
#define MBEDTLS_CCM_C
#define MBEDTLS_CIPHER_C
#define MBEDTLS_CIPHER_MODE_CBC /* TLS_PSK_WITH_AES_128_CBC_SHA256 */
#define MBEDTLS_MD_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA256_SMALLER

/* ---- Random: CTR-DRBG over the entropy pool (lwc adds its hook) -------- */
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_CTR_DRBG_C
#define MBEDTLS_ENTROPY_MAX_SOURCES 2

/* ---- DTLS 1.2 client ---------------------------------------------------- */
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_CLI_C
#define MBEDTLS_SSL_PROTO_TLS1_2
#define MBEDTLS_SSL_PROTO_DTLS
#define MBEDTLS_SSL_DTLS_ANTI_REPLAY  /* RFC 6347 §4.1.2.6 */
#define MBEDTLS_SSL_DTLS_HELLO_VERIFY /* answer the server's cookie */
#define MBEDTLS_KEY_EXCHANGE_PSK_ENABLED
/* No MBEDTLS_SSL_SERVER_NAME_INDICATION: Mbed TLS 2 ties SNI to X.509. */
#define MBEDTLS_SSL_EXTENDED_MASTER_SECRET
#define MBEDTLS_SSL_ENCRYPT_THEN_MAC
#define MBEDTLS_SSL_SESSION_TICKETS /* resumption with tickets, RFC 5077 */
/* #define MBEDTLS_SSL_DTLS_CONNECTION_ID   draft CID, see docs/dtls.md */

/* Only the suites LwM2M asks for: smaller ClientHello, no surprises. */
#define MBEDTLS_SSL_CIPHERSUITES                                               \
    MBEDTLS_TLS_PSK_WITH_AES_128_CCM_8, MBEDTLS_TLS_PSK_WITH_AES_128_CBC_SHA256

/*
 * Record buffers (Mbed TLS allocates one of each per session). They must
 * hold the largest CoAP message (LWC_COAP_MAX_MSG_SIZE, 1152 by default)
 * and the largest handshake message; PSK handshakes are small.
 */
#define MBEDTLS_SSL_IN_CONTENT_LEN  1280
#define MBEDTLS_SSL_OUT_CONTENT_LEN 1280
#define MBEDTLS_PSK_MAX_LEN         32 /* bytes of 0/x/5 */

#include "mbedtls/check_config.h"

#endif /* LWC_MBEDTLS_CONFIG_PSK_H */
