/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * LWC_CONFIG_FILE of lwc-client-it, the example client as the DTLS
 * integration tests run it (tests/integration/test_dtls_*.sh):
 *  - key resources large enough for X.509 certificates in DER (the
 *    default, 128 bytes, holds PSKs and raw public keys only);
 *  - shorter CoAP transmission parameters (RFC 7252 §4.8.1 lets an
 *    application change them), so that a registration Update to a server
 *    that lost its DTLS session times out after 7 to 10.5 s instead of the
 *    default 62 to 93 s, and the server-restart test stays short.
 */
#ifndef LWC_TESTS_DTLS_IT_CONFIG_H
#define LWC_TESTS_DTLS_IT_CONFIG_H

#define LWC_SECURITY_KEY_MAX    1024
#define LWC_COAP_ACK_TIMEOUT_MS 1000
#define LWC_COAP_MAX_RETRANSMIT 2

#endif /* LWC_TESTS_DTLS_IT_CONFIG_H */
