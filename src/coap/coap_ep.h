/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * CoAP message layer towards one peer (RFC 7252 §4): one outgoing
 * confirmable request at a time (NSTART 1) with retransmission and
 * exponential back-off, matching of piggybacked and separate responses,
 * deduplication of incoming requests with cached responses, CoAP ping,
 * and the protocol-level rejections (4.00, 4.02, RST).
 *
 * The layer is passive: the owner feeds it datagrams and time, and it
 * reports what happened through return values. It never blocks.
 */
#ifndef LWC_COAP_EP_H
#define LWC_COAP_EP_H

#include <lwc/priv/coap_types.h>

#include "coap_msg.h"

/* EXCHANGE_LIFETIME and NON_LIFETIME (RFC 7252 §4.8.2), from the config. */
#define LWCI_COAP_MAX_TRANSMIT_SPAN_MS                                         \
    ((int64_t)LWC_COAP_ACK_TIMEOUT_MS * ((1 << LWC_COAP_MAX_RETRANSMIT) - 1) * \
     LWC_COAP_ACK_RANDOM_FACTOR_PCT / 100)
#define LWCI_COAP_MAX_TRANSMIT_WAIT_MS                                         \
    ((int64_t)LWC_COAP_ACK_TIMEOUT_MS * ((2 << LWC_COAP_MAX_RETRANSMIT) - 1) * \
     LWC_COAP_ACK_RANDOM_FACTOR_PCT / 100)
#define LWCI_COAP_MAX_LATENCY_MS      100000
#define LWCI_COAP_PROCESSING_DELAY_MS LWC_COAP_ACK_TIMEOUT_MS
#define LWCI_COAP_EXCHANGE_LIFETIME_MS                                         \
    (LWCI_COAP_MAX_TRANSMIT_SPAN_MS + 2 * LWCI_COAP_MAX_LATENCY_MS +           \
     LWCI_COAP_PROCESSING_DELAY_MS)
#define LWCI_COAP_NON_LIFETIME_MS                                              \
    (LWCI_COAP_MAX_TRANSMIT_SPAN_MS + LWCI_COAP_MAX_LATENCY_MS)

/* What lwci_coap_ep_handle() and lwci_coap_ep_tick() report. */
typedef enum {
    LWCI_COAP_EV_NONE = 0, /* nothing for the owner */
    LWCI_COAP_EV_RESPONSE, /* *resp holds the response to the request */
    LWCI_COAP_EV_TIMEOUT,  /* the request got no answer; slot is free */
    LWCI_COAP_EV_RESET,    /* the peer answered the request with RST */
} lwci_coap_ev_t;

/*
 * Handles one incoming request. `resp` is already initialised as the
 * response (ACK piggybacked for CON, NON for NON) with the request's token
 * and code 5.00: the handler sets the code and adds options and payload.
 */
typedef void (*lwci_coap_request_fn)(void *ctx, const lwci_coap_msg_t *req,
                                     lwci_coap_writer_t *resp);

void lwci_coap_ep_init(lwci_coap_ep_t *ep, const lwc_platform_t *pf,
                       const lwc_transport_t *transport);

/* Forget every exchange (e.g. after the transport was reopened). */
void lwci_coap_ep_reset(lwci_coap_ep_t *ep);

/* True while a request is waiting for its answer. */
bool lwci_coap_ep_busy(const lwci_coap_ep_t *ep);

/*
 * Start a new CON request in the outgoing slot: picks a message ID and a
 * random 4-byte token and initialises `w` over the slot's buffer.
 * LWC_ERR_BUSY while another request is outstanding; the random hook's
 * error otherwise.
 */
int lwci_coap_ep_request_begin(lwci_coap_ep_t *ep, lwci_coap_writer_t *w,
                               uint8_t code);

/*
 * Transmit the request built in `w` and arm its retransmission timer
 * (ACK_TIMEOUT to ACK_TIMEOUT * ACK_RANDOM_FACTOR). Returns the writer's
 * error if building failed (the slot is freed), LWC_OK otherwise (a send
 * that fails is retransmitted like a lost datagram).
 */
int lwci_coap_ep_request_send(lwci_coap_ep_t *ep, const lwci_coap_writer_t *w,
                              int64_t now_ms);

/* Abandon the outstanding request, if any. */
void lwci_coap_ep_request_cancel(lwci_coap_ep_t *ep);

/*
 * Process one received datagram. Requests are deduplicated and passed to
 * on_request, whose response is built in resp_buf and sent. A response to
 * the outstanding request is reported as LWCI_COAP_EV_RESPONSE with *resp
 * pointing into buf (valid while buf is), and frees the slot; an RST to it
 * as LWCI_COAP_EV_RESET.
 */
lwci_coap_ev_t lwci_coap_ep_handle(lwci_coap_ep_t *ep, int64_t now_ms,
                                   const uint8_t *buf, size_t len,
                                   lwci_coap_msg_t *resp,
                                   lwci_coap_request_fn on_request, void *ctx,
                                   uint8_t *resp_buf, size_t resp_cap);

/*
 * Process the first `len` bytes of a datagram too large for the receive
 * buffer (the transport said LWC_ERR_TOO_LARGE). A CON or NON request
 * whose header, token and options are whole within them (they end in a
 * payload marker) is deduplicated and answered like any request, but by
 * on_oversized: msg->payload then holds only the payload bytes that fitted
 * with these options. Anything else (a response, options cut short) is
 * dropped. `msg` is scratch space.
 */
void lwci_coap_ep_handle_truncated(lwci_coap_ep_t *ep, int64_t now_ms,
                                   const uint8_t *buf, size_t len,
                                   lwci_coap_msg_t *msg,
                                   lwci_coap_request_fn on_oversized, void *ctx,
                                   uint8_t *resp_buf, size_t resp_cap);

/*
 * Retransmit when due; report LWCI_COAP_EV_TIMEOUT when the request is
 * abandoned. *next_ms is lowered to this layer's next deadline.
 */
lwci_coap_ev_t lwci_coap_ep_tick(lwci_coap_ep_t *ep, int64_t now_ms,
                                 int64_t *next_ms);

#endif /* LWC_COAP_EP_H */
