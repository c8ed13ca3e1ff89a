/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Private layout of the CoAP message layer's per-peer state (src/coap/
 * coap_ep.c). Public only so that lwc_client_t can be allocated statically;
 * never touch these fields from an application.
 */
#ifndef LWC_PRIV_COAP_TYPES_H
#define LWC_PRIV_COAP_TYPES_H

#include <stdbool.h>
#include <stdint.h>

#include <lwc/config.h>
#include <lwc/platform.h>
#include <lwc/transport.h>

/* One remembered incoming request (RFC 7252 §4.5 deduplication). */
typedef struct {
    int64_t expires_ms;
    uint16_t mid;
    uint16_t resp_len; /* 0: remembered but response not cached */
    uint8_t state;     /* LWCI_DEDUP_* (coap_ep.c) */
    uint8_t code;      /* the request's method */
    uint8_t resp[LWC_COAP_DEDUP_RESPONSE_SIZE];
} lwci_coap_dedup_t;

/* The single outgoing confirmable request (NSTART = 1, RFC 7252 §4.7). */
typedef struct {
    int64_t deadline_ms; /* next retransmission, or when to give up */
    uint32_t timeout_ms; /* current retransmission timeout */
    uint16_t mid;
    uint16_t len;
    uint8_t state; /* LWCI_TX_* (coap_ep.c) */
    uint8_t retransmits;
    uint8_t token_len;
    uint8_t token[8];
    uint8_t buf[LWC_COAP_MAX_MSG_SIZE];
} lwci_coap_tx_t;

/* Message-layer state towards one peer. */
typedef struct {
    const lwc_transport_t *transport;
    const lwc_platform_t *pf;
    lwci_coap_tx_t tx;
    lwci_coap_dedup_t dedup[LWC_COAP_DEDUP_ENTRIES];
    uint16_t next_mid;
    uint16_t last_sep_mid; /* last separate CON response we acknowledged */
    bool has_last_sep;
} lwci_coap_ep_t;

#endif /* LWC_PRIV_COAP_TYPES_H */
