/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Client core internals shared by the files of src/core. */
#ifndef LWC_CORE_CORE_H
#define LWC_CORE_CORE_H

#include <lwc/client.h>

#include "coap/coap_ep.h"
#include "dm/dm.h"

enum {
    LWCI_CLIENT_IDLE = 0, /* initialised, not started */
    LWCI_CLIENT_RUNNING,
    LWCI_CLIENT_STOPPING,
    LWCI_CLIENT_STOPPED,
};

/* Registration state of one server account. */
enum {
    LWCI_SRV_OFF = 0,     /* not started, de-registered or disabled */
    LWCI_SRV_WAIT,        /* waiting until wake_ms to attempt Register */
    LWCI_SRV_CONNECTING,  /* transport connect in progress */
    LWCI_SRV_REGISTERING, /* Register sent */
    LWCI_SRV_REGISTERED,  /* idle; Update due at wake_ms */
    LWCI_SRV_UPDATING,    /* Update sent */
    LWCI_SRV_DEREGISTERING,
    LWCI_SRV_GAVE_UP, /* every communication sequence failed */
};

/* Why an Update is wanted. */
#define LWCI_PENDING_UPDATE 0x01 /* triggered (1/x/8, API, params) */
#define LWCI_PENDING_CHECK  0x02 /* Server object changed: compare values */

/* The outstanding request of a server account. */
enum { LWCI_REQ_NONE = 0, LWCI_REQ_REGISTER, LWCI_REQ_UPDATE, LWCI_REQ_DEREG };

/* LwM2M 1.1 Core §6.2.1.1 defaults for 1/x/17-20 when absent. */
#define LWCI_DEFAULT_RETRY_COUNT     5
#define LWCI_DEFAULT_RETRY_TIMER_S   60
#define LWCI_DEFAULT_SEQ_DELAY_S     86400
#define LWCI_DEFAULT_SEQ_RETRY_COUNT 1

#define LWCI_CORE_LOG(c) (&(c)->platform)

/* uri.c: split a server URI (0/x/0). host points into buf. */
typedef struct {
    lwc_scheme_t scheme;
    const char *host;
    uint16_t port;
} lwci_uri_t;
int lwci_uri_parse(char *buf, lwci_uri_t *out);

/* register.c */
void lwci_reg_begin(lwc_client_t *c, lwci_server_t *s, int64_t now_ms);
void lwci_reg_step(lwc_client_t *c, lwci_server_t *s, int64_t now_ms,
                   int64_t *next_ms);
void lwci_reg_on_response(lwc_client_t *c, lwci_server_t *s, lwci_coap_ev_t ev,
                          const lwci_coap_msg_t *resp, int64_t now_ms);
void lwci_reg_stop(lwc_client_t *c, lwci_server_t *s, int64_t now_ms);
void lwci_reg_close_transport(lwc_client_t *c, lwci_server_t *s);
void lwci_reg_on_closed(lwc_client_t *c, lwci_server_t *s, int64_t now_ms);
void lwci_emit(lwc_client_t *c, const lwci_server_t *s, lwc_event_type_t t,
               int reason, uint8_t code);

/* request.c: a request from the server of account s (ctx is s's client
 * through lwci_request_ctx_t). */
typedef struct {
    lwc_client_t *client;
    lwci_server_t *server;
} lwci_request_ctx_t;
void lwci_handle_server_request(void *ctx, const lwci_coap_msg_t *req,
                                lwci_coap_writer_t *resp);
/* A request only the first bytes of which fitted the receive buffer
 * (req->payload holds the payload bytes that did): answered 4.13 with
 * Size1 and, for a Write, a Block1 size to restart with (RFC 7959
 * §2.9.3); never run. */
void lwci_handle_oversized_request(void *ctx, const lwci_coap_msg_t *req,
                                   lwci_coap_writer_t *resp);

/*
 * block1.c: a request from server s carrying a Block1 option (RFC 7959
 * §2.5), after its dm request r was built. A Write block goes into the
 * client's one streamed transfer and is answered here (2.31 with Block1,
 * the final code, 4.08, 4.13 with Size1): returns true with w holding the
 * code and options. False when the request has no Block1 option or holds
 * its whole payload in one block, for the caller to run as usual.
 */
bool lwci_block1_handle(lwc_client_t *c, const lwci_server_t *s,
                        const lwci_coap_msg_t *req, const lwci_dm_request_t *r,
                        lwci_coap_writer_t *w);
/* Roll back a transfer not continued within EXCHANGE_LIFETIME; otherwise
 * lower *next_ms to its expiry. From lwc_client_step(). */
void lwci_block1_step(lwc_client_t *c, int64_t now_ms, int64_t *next_ms);
/* Roll back the open transfer, if any (for lwc_client_deinit(), and when
 * a block arrives too large to read). */
void lwci_block1_abort(lwc_client_t *c);

#endif /* LWC_CORE_CORE_H */
