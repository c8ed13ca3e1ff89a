/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "coap_ep.h"

#include <string.h>

#include <lwc/errors.h>

#include "util/log.h"

enum { LWCI_TX_IDLE = 0, LWCI_TX_WAIT_ACK, LWCI_TX_WAIT_SEPARATE };
enum { LWCI_DEDUP_FREE = 0, LWCI_DEDUP_USED };

#define TOKEN_LEN 4

/* Options a request to the client may carry; any other critical option is
 * answered 4.02 (RFC 7252 §5.4.1). */
static const uint16_t known_request_opts[] = {
    LWCI_COAP_OPT_URI_HOST,       LWCI_COAP_OPT_URI_PORT,
    LWCI_COAP_OPT_URI_PATH,       LWCI_COAP_OPT_URI_QUERY,
    LWCI_COAP_OPT_CONTENT_FORMAT, LWCI_COAP_OPT_ACCEPT,
    LWCI_COAP_OPT_OBSERVE,        LWCI_COAP_OPT_BLOCK1,
    LWCI_COAP_OPT_BLOCK2,         LWCI_COAP_OPT_SIZE1,
    LWCI_COAP_OPT_SIZE2,
};

static int random_u32(const lwc_platform_t *pf, uint32_t *out)
{
    uint8_t b[4];
    int rc = pf->random(pf->ctx, b, sizeof(b));

    if (rc != LWC_OK) {
        return rc;
    }
    *out = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 |
           b[3];
    return LWC_OK;
}

void lwci_coap_ep_init(lwci_coap_ep_t *ep, const lwc_platform_t *pf,
                       const lwc_transport_t *transport)
{
    uint32_t r = 0;

    memset(ep, 0, sizeof(*ep));
    ep->pf = pf;
    ep->transport = transport;
    /* RFC 7252 §4.4: start message IDs at a random value. */
    if (pf && pf->random && random_u32(pf, &r) == LWC_OK) {
        ep->next_mid = (uint16_t)r;
    }
}

void lwci_coap_ep_reset(lwci_coap_ep_t *ep)
{
    memset(&ep->tx, 0, sizeof(ep->tx));
    memset(ep->dedup, 0, sizeof(ep->dedup));
    ep->has_last_sep = false;
}

bool lwci_coap_ep_busy(const lwci_coap_ep_t *ep)
{
    return ep->tx.state != LWCI_TX_IDLE;
}

static void send_raw(lwci_coap_ep_t *ep, const uint8_t *buf, size_t len)
{
    int rc = ep->transport->ops->send(ep->transport->ctx, buf, len);

    if (rc != LWC_OK) {
        LWCI_DEBUG(ep->pf, "coap", "send of %zu bytes failed: %s", len,
                   lwc_strerror(rc));
    }
}

/* An empty ACK or RST (RFC 7252 §4.2, §4.3). */
static void send_empty(lwci_coap_ep_t *ep, uint8_t type, uint16_t mid)
{
    uint8_t b[LWCI_COAP_HEADER_LEN] = {(uint8_t)(0x40 | type << 4), 0,
                                       (uint8_t)(mid >> 8), (uint8_t)mid};
    send_raw(ep, b, sizeof(b));
}

int lwci_coap_ep_request_begin(lwci_coap_ep_t *ep, lwci_coap_writer_t *w,
                               uint8_t code)
{
    lwci_coap_tx_t *tx = &ep->tx;
    uint32_t r;
    int rc;

    if (tx->state != LWCI_TX_IDLE) {
        return LWC_ERR_BUSY;
    }
    rc = random_u32(ep->pf, &r);
    if (rc != LWC_OK) {
        return rc;
    }
    tx->token_len = TOKEN_LEN;
    memcpy(tx->token, &r, TOKEN_LEN);
    tx->mid = ep->next_mid++;
    return lwci_coap_writer_init(w, tx->buf, sizeof(tx->buf), LWCI_COAP_CON,
                                 code, tx->mid, tx->token, tx->token_len);
}

/* ACK_TIMEOUT plus a random share of ACK_TIMEOUT * (ACK_RANDOM_FACTOR - 1)
 * (RFC 7252 §4.2). */
static uint32_t initial_timeout(lwci_coap_ep_t *ep)
{
    const uint32_t span = (uint32_t)LWC_COAP_ACK_TIMEOUT_MS *
                          (LWC_COAP_ACK_RANDOM_FACTOR_PCT - 100) / 100;
    uint32_t r = 0;

    if (span == 0 || random_u32(ep->pf, &r) != LWC_OK) {
        return LWC_COAP_ACK_TIMEOUT_MS;
    }
    return LWC_COAP_ACK_TIMEOUT_MS + r % (span + 1);
}

int lwci_coap_ep_request_send(lwci_coap_ep_t *ep, const lwci_coap_writer_t *w,
                              int64_t now_ms)
{
    lwci_coap_tx_t *tx = &ep->tx;

    if (w->err != LWC_OK) {
        tx->state = LWCI_TX_IDLE;
        return w->err;
    }
    tx->len = (uint16_t)w->len;
    tx->retransmits = 0;
    tx->timeout_ms = initial_timeout(ep);
    tx->deadline_ms = now_ms + tx->timeout_ms;
    tx->state = LWCI_TX_WAIT_ACK;
    send_raw(ep, tx->buf, tx->len);
    return LWC_OK;
}

void lwci_coap_ep_request_cancel(lwci_coap_ep_t *ep)
{
    ep->tx.state = LWCI_TX_IDLE;
}

lwci_coap_ev_t lwci_coap_ep_tick(lwci_coap_ep_t *ep, int64_t now_ms,
                                 int64_t *next_ms)
{
    lwci_coap_tx_t *tx = &ep->tx;

    if (tx->state == LWCI_TX_IDLE) {
        return LWCI_COAP_EV_NONE;
    }
    if (now_ms >= tx->deadline_ms) {
        if (tx->state == LWCI_TX_WAIT_SEPARATE ||
            tx->retransmits >= LWC_COAP_MAX_RETRANSMIT) {
            tx->state = LWCI_TX_IDLE;
            return LWCI_COAP_EV_TIMEOUT;
        }
        /* RFC 7252 §4.2: double the timeout on each retransmission. */
        tx->retransmits++;
        tx->timeout_ms *= 2;
        tx->deadline_ms = now_ms + tx->timeout_ms;
        LWCI_DEBUG(ep->pf, "coap", "retransmission %u of mid %u",
                   tx->retransmits, tx->mid);
        send_raw(ep, tx->buf, tx->len);
    }
    if (tx->deadline_ms < *next_ms) {
        *next_ms = tx->deadline_ms;
    }
    return LWCI_COAP_EV_NONE;
}

static bool token_matches(const lwci_coap_tx_t *tx, const lwci_coap_msg_t *m)
{
    return m->token_len == tx->token_len &&
           memcmp(m->token, tx->token, tx->token_len) == 0;
}

/* A message whose code is a response (class 2-5) or an empty ACK/RST. */
static lwci_coap_ev_t handle_answer(lwci_coap_ep_t *ep, int64_t now_ms,
                                    const lwci_coap_msg_t *m)
{
    lwci_coap_tx_t *tx = &ep->tx;
    bool mid_match = tx->state == LWCI_TX_WAIT_ACK && m->mid == tx->mid;

    if (m->type == LWCI_COAP_RST) {
        if (mid_match) {
            tx->state = LWCI_TX_IDLE;
            return LWCI_COAP_EV_RESET;
        }
        return LWCI_COAP_EV_NONE;
    }
    if (m->type == LWCI_COAP_ACK) {
        if (!mid_match) {
            return LWCI_COAP_EV_NONE; /* stray or duplicate ACK */
        }
        if (m->code == LWCI_COAP_EMPTY) {
            /* RFC 7252 §5.2.2: separate response follows. */
            tx->state = LWCI_TX_WAIT_SEPARATE;
            tx->deadline_ms = now_ms + LWCI_COAP_EXCHANGE_LIFETIME_MS;
            return LWCI_COAP_EV_NONE;
        }
        if (!token_matches(tx, m)) {
            return LWCI_COAP_EV_NONE;
        }
        tx->state = LWCI_TX_IDLE;
        return LWCI_COAP_EV_RESPONSE;
    }
    /* CON or NON response: a separate response (or NON to our request). */
    if (tx->state != LWCI_TX_IDLE && token_matches(tx, m)) {
        if (m->type == LWCI_COAP_CON) {
            send_empty(ep, LWCI_COAP_ACK, m->mid);
            ep->last_sep_mid = m->mid;
            ep->has_last_sep = true;
        }
        tx->state = LWCI_TX_IDLE;
        return LWCI_COAP_EV_RESPONSE;
    }
    if (m->type == LWCI_COAP_CON) {
        if (ep->has_last_sep && m->mid == ep->last_sep_mid) {
            send_empty(ep, LWCI_COAP_ACK, m->mid); /* our ACK was lost */
        } else {
            send_empty(ep, LWCI_COAP_RST, m->mid); /* RFC 7252 §4.2 */
        }
    }
    return LWCI_COAP_EV_NONE;
}

static lwci_coap_dedup_t *dedup_find(lwci_coap_ep_t *ep, uint16_t mid,
                                     int64_t now_ms)
{
    for (size_t i = 0; i < LWC_COAP_DEDUP_ENTRIES; i++) {
        lwci_coap_dedup_t *d = &ep->dedup[i];
        if (d->state == LWCI_DEDUP_USED && d->expires_ms <= now_ms) {
            d->state = LWCI_DEDUP_FREE;
        }
        if (d->state == LWCI_DEDUP_USED && d->mid == mid) {
            return d;
        }
    }
    return NULL;
}

/* Remember a processed request: a free slot, else the one expiring first. */
static void dedup_store(lwci_coap_ep_t *ep, const lwci_coap_msg_t *req,
                        const lwci_coap_writer_t *resp, int64_t now_ms)
{
    lwci_coap_dedup_t *d = &ep->dedup[0];

    for (size_t i = 0; i < LWC_COAP_DEDUP_ENTRIES; i++) {
        if (ep->dedup[i].state == LWCI_DEDUP_FREE) {
            d = &ep->dedup[i];
            break;
        }
        if (ep->dedup[i].expires_ms < d->expires_ms) {
            d = &ep->dedup[i];
        }
    }
    d->state = LWCI_DEDUP_USED;
    d->mid = req->mid;
    d->code = req->code;
    d->expires_ms =
        now_ms + (req->type == LWCI_COAP_CON ? LWCI_COAP_EXCHANGE_LIFETIME_MS
                                             : LWCI_COAP_NON_LIFETIME_MS);
    d->resp_len = 0;
    if (resp && resp->err == LWC_OK && resp->len <= sizeof(d->resp)) {
        memcpy(d->resp, resp->buf, resp->len);
        d->resp_len = (uint16_t)resp->len;
    }
}

/* Answer a request with a bare error code (4.00, 4.02). */
static void reject_request(lwci_coap_ep_t *ep, const lwci_coap_msg_t *req,
                           uint8_t code, uint8_t *buf, size_t cap)
{
    lwci_coap_writer_t w;
    uint8_t type = req->type == LWCI_COAP_CON ? LWCI_COAP_ACK : LWCI_COAP_NON;
    uint16_t mid = type == LWCI_COAP_ACK ? req->mid : ep->next_mid++;

    if (lwci_coap_writer_init(&w, buf, cap, type, code, mid, req->token,
                              req->token_len) == LWC_OK) {
        send_raw(ep, w.buf, w.len);
    }
}

static void handle_request(lwci_coap_ep_t *ep, int64_t now_ms,
                           const lwci_coap_msg_t *req,
                           lwci_coap_request_fn on_request, void *ctx,
                           uint8_t *resp_buf, size_t resp_cap)
{
    lwci_coap_dedup_t *dup = dedup_find(ep, req->mid, now_ms);
    lwci_coap_writer_t w;
    uint8_t type = req->type == LWCI_COAP_CON ? LWCI_COAP_ACK : LWCI_COAP_NON;
    uint16_t mid;
    uint16_t crit;

    if (dup) {
        /* RFC 7252 §4.5: answer a duplicate like the original, once. */
        if (dup->resp_len > 0) {
            send_raw(ep, dup->resp, dup->resp_len);
            return;
        }
        if (req->code != LWCI_COAP_GET && req->code != LWCI_COAP_FETCH) {
            LWCI_DEBUG(ep->pf, "coap", "duplicate mid %u dropped", req->mid);
            return;
        }
    }
    crit = lwci_coap_unknown_critical(req, known_request_opts,
                                      sizeof(known_request_opts) /
                                          sizeof(known_request_opts[0]));
    if (crit != 0) {
        LWCI_WARN(ep->pf, "coap", "unknown critical option %u: 4.02", crit);
        reject_request(ep, req, LWCI_COAP_402_BAD_OPTION, resp_buf, resp_cap);
        return;
    }
    mid = type == LWCI_COAP_ACK ? req->mid : ep->next_mid++;
    if (lwci_coap_writer_init(&w, resp_buf, resp_cap, type,
                              LWCI_COAP_500_INTERNAL_ERROR, mid, req->token,
                              req->token_len) != LWC_OK) {
        return;
    }
    on_request(ctx, req, &w);
    if (w.err != LWC_OK) {
        /* The handler overflowed the buffer: say so rather than truncate. */
        LWCI_WARN(ep->pf, "coap", "response to mid %u too large: 5.00",
                  req->mid);
        lwci_coap_writer_init(&w, resp_buf, resp_cap, type,
                              LWCI_COAP_500_INTERNAL_ERROR, mid, req->token,
                              req->token_len);
    }
    send_raw(ep, w.buf, w.len);
    dedup_store(ep, req, &w, now_ms);
}

lwci_coap_ev_t lwci_coap_ep_handle(lwci_coap_ep_t *ep, int64_t now_ms,
                                   const uint8_t *buf, size_t len,
                                   lwci_coap_msg_t *msg,
                                   lwci_coap_request_fn on_request, void *ctx,
                                   uint8_t *resp_buf, size_t resp_cap)
{
    bool header_ok = false;
    int rc = lwci_coap_parse(msg, buf, len, &header_ok);
    uint8_t cls;

    if (rc != LWC_OK) {
        if (!header_ok) {
            LWCI_DEBUG(ep->pf, "coap", "dropped %zu bad bytes", len);
            return LWCI_COAP_EV_NONE; /* RFC 7252 §4.2: silently ignore */
        }
        cls = LWCI_COAP_CODE_CLASS(msg->code);
        LWCI_WARN(ep->pf, "coap", "malformed message mid %u: %s", msg->mid,
                  lwc_strerror(rc));
        if (msg->type == LWCI_COAP_CON && cls == 0 &&
            msg->code != LWCI_COAP_EMPTY) {
            reject_request(ep, msg,
                           rc == LWC_ERR_NO_SPACE ? LWCI_COAP_402_BAD_OPTION
                                                  : LWCI_COAP_400_BAD_REQUEST,
                           resp_buf, resp_cap);
        } else if (msg->type == LWCI_COAP_CON) {
            send_empty(ep, LWCI_COAP_RST, msg->mid);
        }
        return LWCI_COAP_EV_NONE;
    }
    if (msg->code == LWCI_COAP_EMPTY) {
        if (msg->type == LWCI_COAP_CON) {
            send_empty(ep, LWCI_COAP_RST, msg->mid); /* CoAP ping §4.3 */
            return LWCI_COAP_EV_NONE;
        }
        if (msg->type == LWCI_COAP_NON) {
            return LWCI_COAP_EV_NONE;
        }
        return handle_answer(ep, now_ms, msg);
    }
    if (LWCI_COAP_CODE_CLASS(msg->code) == 0) {
        if (msg->type == LWCI_COAP_CON || msg->type == LWCI_COAP_NON) {
            handle_request(ep, now_ms, msg, on_request, ctx, resp_buf,
                           resp_cap);
        }
        return LWCI_COAP_EV_NONE; /* a request in an ACK/RST is ignored */
    }
    return handle_answer(ep, now_ms, msg);
}

/*
 * Whether the first len bytes of a cut datagram hold its whole header,
 * token and options: only a payload marker within them proves that the
 * options ended (a cut at an option boundary parses as well). A marker as
 * the very last byte fails the parse (no payload after it): the bytes
 * before it must then parse to the end, which puts that 0xFF where an
 * option would start, so it is the marker.
 */
static bool parse_truncated(lwci_coap_msg_t *msg, const uint8_t *buf,
                            size_t len)
{
    if (lwci_coap_parse(msg, buf, len, NULL) == LWC_OK) {
        return msg->payload != NULL;
    }
    return len > LWCI_COAP_HEADER_LEN && buf[len - 1] == 0xFF &&
           lwci_coap_parse(msg, buf, len - 1, NULL) == LWC_OK &&
           msg->payload == NULL;
}

void lwci_coap_ep_handle_truncated(lwci_coap_ep_t *ep, int64_t now_ms,
                                   const uint8_t *buf, size_t len,
                                   lwci_coap_msg_t *msg,
                                   lwci_coap_request_fn on_oversized, void *ctx,
                                   uint8_t *resp_buf, size_t resp_cap)
{
    if (!buf || !parse_truncated(msg, buf, len)) {
        LWCI_DEBUG(ep->pf, "coap",
                   "datagram over %zu bytes cut in its options: dropped", len);
        return;
    }
    if (LWCI_COAP_CODE_CLASS(msg->code) != 0 || msg->code == LWCI_COAP_EMPTY ||
        (msg->type != LWCI_COAP_CON && msg->type != LWCI_COAP_NON)) {
        /* Not a request: a response cut short cannot be asked for again
         * in smaller pieces here; the peer retransmits it or our request
         * times out. */
        LWCI_DEBUG(ep->pf, "coap",
                   "mid %u over %zu bytes, not a request: dropped", msg->mid,
                   len);
        return;
    }
    handle_request(ep, now_ms, msg, on_oversized, ctx, resp_buf, resp_cap);
}
