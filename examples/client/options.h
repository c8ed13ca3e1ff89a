/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Command line of lwc-client: the server account (Security and Server
 * object values), the DTLS credentials and the client's own settings.
 */
#ifndef LWC_EXAMPLE_CLIENT_OPTIONS_H
#define LWC_EXAMPLE_CLIENT_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    const char *endpoint;
    const char *uri;
    uint32_t lifetime;
    uint16_t local_port;
    uint16_t ssid;
    bool verbose;
    /* DTLS (coaps://): PSK identity and hex key, or certificate files. */
    const char *psk_identity;
    const char *psk_key_hex;
    const char *cert_file;
    const char *key_file;
    const char *server_cert_file;
    int cert_usage; /* 0/x/15, -1: absent (3) */
    const char *sni;
    uint32_t hs_min_ms; /* handshake retransmission timeouts, 0: default */
    uint32_t hs_max_ms;
    /* Server object 1/x/17-20, 0: absent (LwM2M 1.1 Core §6.2.1.1). */
    uint32_t retry_count;
    uint32_t retry_timer;
    uint32_t seq_delay;
    uint32_t seq_retry;
} options_t;

/* 0: run; 1: exit 0 (help); -1: exit 2 (usage error, already reported). */
int options_parse(int argc, char **argv, options_t *o);

#endif /* LWC_EXAMPLE_CLIENT_OPTIONS_H */
