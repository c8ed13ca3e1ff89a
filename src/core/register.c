/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Registration state machine of one server account: Register, Update,
 * De-register (LwM2M 1.1 Core §6.2, Transport §6.4) and the failure and
 * retry procedure of Core §6.2.1.1 driven by the Server object's
 * Communication Retry Count/Timer and Sequence Delay Timer/Retry Count
 * (1/x/17-20).
 */
#include <string.h>

#include "core.h"
#include "util/log.h"

#define MOD "reg"

/* Registration payload prefix (Transport §6.4.1): the root with rt and the
 * content formats this client reads and writes (RFC 6690 quoted list). */
static const char reg_prefix[] =
    "</>;rt=\"oma.lwm2m\";ct=\"60 110 112 11542 11543 11544\"";

void lwci_emit(lwc_client_t *c, const lwci_server_t *s, lwc_event_type_t t,
               int reason, uint8_t code)
{
    lwc_event_t ev = {.type = t,
                      .short_server_id = s->ssid,
                      .reason = reason,
                      .coap_code = code};

    if (c->on_event) {
        c->on_event(c->event_ctx, &ev);
    }
}

/* An unsigned Server object resource, or `def` when absent or invalid. */
static uint32_t server_u32(lwc_client_t *c, const lwci_server_t *s,
                           uint16_t rid, uint32_t def)
{
    int64_t v;

    if (lwci_dm_get_int(&c->dm, &LWC_PATH(1, s->server_iid, rid), &v) !=
            LWC_OK ||
        v < 0 || v > (int64_t)UINT32_MAX) {
        return def;
    }
    return (uint32_t)v;
}

void lwci_reg_close_transport(lwc_client_t *c, lwci_server_t *s)
{
    if (s->transport_open) {
        lwci_coap_ep_request_cancel(&s->ep);
        if (c->transports.release) {
            c->transports.release(c->transports.ctx, &s->transport);
        }
        memset(&s->transport, 0, sizeof(s->transport));
        s->transport_open = false;
    }
    s->request = LWCI_REQ_NONE;
}

/* Reads a Security resource into buf; absent or empty gives NULL/0. */
static const uint8_t *sec_bytes(lwc_client_t *c, const lwci_server_t *s,
                                uint16_t rid, uint8_t *buf, size_t cap,
                                size_t *len)
{
    *len = 0;
    if (lwci_dm_get_opaque(&c->dm, &LWC_PATH(0, s->security_iid, rid), buf, cap,
                           len) != LWC_OK ||
        *len == 0) {
        *len = 0;
        return NULL;
    }
    return buf;
}

/*
 * Ask the factory for a transport to the server of the Security instance.
 * Scratch space: the URI and SNI in rx_buf, the identity after them, the
 * server key in resp_buf and the secret key in the idle request buffer;
 * key material is wiped once the factory has it.
 */
static int open_transport(lwc_client_t *c, lwci_server_t *s)
{
    char *uri = (char *)c->rx_buf;
    char *sni = (char *)c->rx_buf + LWC_SERVER_URI_MAX + 1;
    uint8_t *id_buf = c->rx_buf + 2 * (LWC_SERVER_URI_MAX + 1);
    lwc_transport_params_t p = {0};
    lwci_uri_t u;
    int64_t mode = LWC_SECURITY_NOSEC;
    int64_t usage = 3;
    int rc;

    if (s->transport_open) {
        return LWC_OK;
    }
    rc = lwci_dm_get_string(&c->dm, &LWC_PATH(0, s->security_iid, 0), uri,
                            LWC_SERVER_URI_MAX + 1);
    if (rc == LWC_OK) {
        rc = lwci_uri_parse(uri, &u);
    }
    if (rc != LWC_OK) {
        LWCI_ERR(LWCI_CORE_LOG(c), MOD, "server %u: bad server URI 0/%u/0: %s",
                 s->ssid, s->security_iid, lwc_strerror(rc));
        return rc;
    }
    (void)lwci_dm_get_int(&c->dm, &LWC_PATH(0, s->security_iid, 2), &mode);
    (void)lwci_dm_get_int(&c->dm, &LWC_PATH(0, s->security_iid, 15), &usage);
    p.scheme = u.scheme;
    p.host = u.host;
    p.port = u.port;
    p.short_server_id = s->ssid;
    p.mode = (lwc_security_mode_t)mode;
    p.certificate_usage = (uint8_t)usage;
    if (lwci_dm_get_string(&c->dm, &LWC_PATH(0, s->security_iid, 14), sni,
                           LWC_SERVER_URI_MAX + 1) == LWC_OK &&
        sni[0] != '\0') {
        p.sni = sni;
    }
    p.identity = sec_bytes(c, s, 3, id_buf,
                           sizeof(c->rx_buf) - 2 * (LWC_SERVER_URI_MAX + 1),
                           &p.identity_len);
    p.server_key =
        sec_bytes(c, s, 4, c->resp_buf, sizeof(c->resp_buf), &p.server_key_len);
    p.secret_key = sec_bytes(c, s, 5, s->ep.tx.buf, sizeof(s->ep.tx.buf),
                             &p.secret_key_len);
    rc = c->transports.open(c->transports.ctx, &p, &s->transport);
    memset(c->rx_buf, 0, sizeof(c->rx_buf));
    memset(c->resp_buf, 0, sizeof(c->resp_buf));
    memset(s->ep.tx.buf, 0, sizeof(s->ep.tx.buf));
    if (rc != LWC_OK) {
        LWCI_ERR(LWCI_CORE_LOG(c), MOD, "server %u: no transport: %s", s->ssid,
                 lwc_strerror(rc));
        return rc;
    }
    s->transport_open = true;
    lwci_coap_ep_init(&s->ep, &c->platform, &s->transport);
    return LWC_OK;
}

/*
 * A Register attempt failed: wait Communication Retry Timer * 2^(n-1)
 * before attempt n+1 of the sequence; after Communication Retry Count
 * attempts the sequence failed: wait the Sequence Delay Timer, unless
 * Communication Sequence Retry Count sequences failed (Core §6.2.1.1).
 */
static void fail_attempt(lwc_client_t *c, lwci_server_t *s, int64_t now_ms,
                         int reason, uint8_t code)
{
    uint32_t count = server_u32(c, s, 17, LWCI_DEFAULT_RETRY_COUNT);
    uint32_t timer = server_u32(c, s, 18, LWCI_DEFAULT_RETRY_TIMER_S);
    uint32_t seq_delay = server_u32(c, s, 19, LWCI_DEFAULT_SEQ_DELAY_S);
    uint32_t seq_count = server_u32(c, s, 20, LWCI_DEFAULT_SEQ_RETRY_COUNT);
    int64_t delay_s;

    lwci_reg_close_transport(c, s);
    lwci_emit(c, s, LWC_EVENT_REGISTRATION_FAILED, reason, code);
    s->attempt++;
    if (s->attempt < (count ? count : 1)) {
        unsigned shift = s->attempt - 1u < 20u ? s->attempt - 1u : 20u;
        delay_s = (int64_t)timer << shift;
    } else {
        s->attempt = 0;
        s->sequence++;
        if (s->sequence >= (seq_count ? seq_count : 1) ||
            seq_delay == UINT32_MAX) {
            LWCI_ERR(LWCI_CORE_LOG(c), MOD,
                     "server %u: registration failed, giving up", s->ssid);
            s->state = LWCI_SRV_GAVE_UP;
            lwci_emit(c, s, LWC_EVENT_SERVER_GAVE_UP, reason, code);
            return;
        }
        delay_s = seq_delay;
    }
    LWCI_WARN(LWCI_CORE_LOG(c), MOD,
              "server %u: registration attempt failed (%s, code %u.%02u), "
              "retry in %ld s",
              s->ssid, lwc_strerror(reason), code >> 5, code & 0x1f,
              (long)delay_s);
    s->state = LWCI_SRV_WAIT;
    s->wake_ms = now_ms + delay_s * 1000;
}

/* Adds "<key>=<value>" as a Uri-Query option. */
static void add_query(lwci_coap_writer_t *w, const char *key, const char *val)
{
    char q[LWC_ENDPOINT_NAME_MAX + 8];

    lwci_format(q, sizeof(q), "%s=%s", key, val);
    lwci_coap_add_opt_str(w, LWCI_COAP_OPT_URI_QUERY, q);
}

static void add_query_u32(lwci_coap_writer_t *w, const char *key, uint32_t v)
{
    char q[24];

    lwci_format(q, sizeof(q), "%s=%lu", key, (unsigned long)v);
    lwci_coap_add_opt_str(w, LWCI_COAP_OPT_URI_QUERY, q);
}

/* Lifetime (1/x/1) and binding (1/x/7) as they are now. */
static void current_params(lwc_client_t *c, const lwci_server_t *s,
                           bool *has_lt, uint32_t *lt, char *binding)
{
    int64_t v;

    *has_lt =
        lwci_dm_get_int(&c->dm, &LWC_PATH(1, s->server_iid, 1), &v) == LWC_OK &&
        v >= 0 && v <= (int64_t)UINT32_MAX;
    *lt = *has_lt ? (uint32_t)v : 0;
    if (lwci_dm_get_string(&c->dm, &LWC_PATH(1, s->server_iid, 7), binding,
                           LWCI_BINDING_MAX) != LWC_OK) {
        binding[0] = '\0';
    }
}

/* Writes the registration payload: prefix, then the object list. */
static int add_links(lwc_client_t *c, lwci_coap_writer_t *w)
{
    size_t avail = 0;
    uint8_t *p = lwci_coap_payload_ptr(w, &avail);
    size_t n = sizeof(reg_prefix) - 1;
    size_t links = 0;
    int rc;

    if (!p || avail < n + 1) {
        return LWC_ERR_TOO_LARGE;
    }
    memcpy(p, reg_prefix, n);
    p[n] = ',';
    rc = lwci_dm_registration_links(&c->dm, (char *)p + n + 1, avail - n - 1,
                                    &links);
    if (rc != LWC_OK) {
        return rc == LWC_ERR_NO_SPACE ? LWC_ERR_TOO_LARGE : rc;
    }
    return lwci_coap_commit_payload(w, links ? n + 1 + links : n);
}

static void send_register(lwc_client_t *c, lwci_server_t *s, int64_t now_ms)
{
    lwci_coap_writer_t w;
    int rc = lwci_coap_ep_request_begin(&s->ep, &w, LWCI_COAP_POST);

    if (rc == LWC_OK) {
        current_params(c, s, &s->has_lifetime, &s->lifetime_s, s->binding);
        s->generation = lwci_dm_generation(&c->dm);
        lwci_coap_add_opt_str(&w, LWCI_COAP_OPT_URI_PATH, "rd");
        lwci_coap_add_opt_uint(&w, LWCI_COAP_OPT_CONTENT_FORMAT, 40);
        add_query(&w, "ep", c->endpoint);
        if (s->has_lifetime) {
            add_query_u32(&w, "lt", s->lifetime_s);
        }
        add_query(&w, "lwm2m", "1.1");
        if (s->binding[0]) {
            add_query(&w, "b", s->binding);
        }
        rc = add_links(c, &w);
        if (rc == LWC_OK) {
            rc = lwci_coap_ep_request_send(&s->ep, &w, now_ms);
        }
    }
    if (rc != LWC_OK) {
        LWCI_ERR(LWCI_CORE_LOG(c), MOD,
                 "server %u: cannot build Register (%s): is "
                 "LWC_COAP_MAX_MSG_SIZE large enough for the object list?",
                 s->ssid, lwc_strerror(rc));
        lwci_coap_ep_request_cancel(&s->ep);
        fail_attempt(c, s, now_ms, rc, 0);
        return;
    }
    LWCI_INFO(LWCI_CORE_LOG(c), MOD, "server %u: Register sent", s->ssid);
    s->request = LWCI_REQ_REGISTER;
    s->state = LWCI_SRV_REGISTERING;
}

/* Connect the transport (a DTLS handshake may take several steps). */
static void connect_and_register(lwc_client_t *c, lwci_server_t *s,
                                 int64_t now_ms)
{
    int64_t wake = now_ms + 1000;
    int rc = s->transport.ops->connect(s->transport.ctx, now_ms, &wake);

    if (rc == LWC_ERR_WOULD_BLOCK) {
        s->state = LWCI_SRV_CONNECTING;
        s->wake_ms = wake > now_ms ? wake : now_ms + 1;
        return;
    }
    if (rc != LWC_OK) {
        LWCI_WARN(LWCI_CORE_LOG(c), MOD, "server %u: connect failed: %s",
                  s->ssid, lwc_strerror(rc));
        fail_attempt(c, s, now_ms, rc, 0);
        return;
    }
    send_register(c, s, now_ms);
}

static void attempt_register(lwc_client_t *c, lwci_server_t *s, int64_t now_ms)
{
    int rc = open_transport(c, s);

    if (rc != LWC_OK) {
        fail_attempt(c, s, now_ms, rc, 0);
        return;
    }
    lwci_coap_ep_request_cancel(&s->ep);
    s->location[0] = '\0';
    connect_and_register(c, s, now_ms);
}

void lwci_reg_begin(lwc_client_t *c, lwci_server_t *s, int64_t now_ms)
{
    s->attempt = 0;
    s->sequence = 0;
    s->pending = 0;
    s->state = LWCI_SRV_WAIT;
    s->wake_ms = now_ms;
    LWCI_DEBUG(LWCI_CORE_LOG(c), MOD, "server %u: registration scheduled",
               s->ssid);
}

/*
 * The next Update is due before the lifetime runs out, early enough for a
 * whole CoAP exchange (MAX_TRANSMIT_WAIT); for lifetimes too short for that
 * margin, at half the lifetime. Lifetime 0 is infinite: no periodic Update.
 */
static int64_t update_due(const lwci_server_t *s, int64_t now_ms)
{
    int64_t lt_ms = (int64_t)(s->has_lifetime ? s->lifetime_s : 86400) * 1000;

    if (s->has_lifetime && s->lifetime_s == 0) {
        return INT64_MAX;
    }
    if (lt_ms > 2 * LWCI_COAP_MAX_TRANSMIT_WAIT_MS) {
        return now_ms + lt_ms - LWCI_COAP_MAX_TRANSMIT_WAIT_MS;
    }
    return now_ms + lt_ms / 2;
}

static void send_update(lwc_client_t *c, lwci_server_t *s, int64_t now_ms)
{
    lwci_coap_writer_t w;
    bool has_lt;
    uint32_t lt;
    char binding[LWCI_BINDING_MAX];
    uint32_t gen = lwci_dm_generation(&c->dm);
    int rc = lwci_coap_ep_request_begin(&s->ep, &w, LWCI_COAP_POST);

    if (rc != LWC_OK) {
        return; /* busy: the step after the answer sends it */
    }
    current_params(c, s, &has_lt, &lt, binding);
    lwci_coap_add_path(&w, LWCI_COAP_OPT_URI_PATH, s->location);
    if (gen != s->generation) {
        lwci_coap_add_opt_uint(&w, LWCI_COAP_OPT_CONTENT_FORMAT, 40);
    }
    if (has_lt && (!s->has_lifetime || lt != s->lifetime_s)) {
        add_query_u32(&w, "lt", lt);
    }
    if (strcmp(binding, s->binding) != 0 && binding[0]) {
        add_query(&w, "b", binding);
    }
    rc = gen != s->generation ? add_links(c, &w) : LWC_OK;
    if (rc == LWC_OK) {
        rc = lwci_coap_ep_request_send(&s->ep, &w, now_ms);
    }
    s->pending = 0;
    if (rc != LWC_OK) {
        lwci_coap_ep_request_cancel(&s->ep);
        fail_attempt(c, s, now_ms, rc, 0);
        return;
    }
    s->has_lifetime = has_lt;
    s->lifetime_s = lt;
    memcpy(s->binding, binding, sizeof(binding));
    s->generation = gen;
    LWCI_INFO(LWCI_CORE_LOG(c), MOD, "server %u: Update sent", s->ssid);
    s->request = LWCI_REQ_UPDATE;
    s->state = LWCI_SRV_UPDATING;
}

/* Whether a registered account needs an Update now. */
static bool update_wanted(lwc_client_t *c, lwci_server_t *s, int64_t now_ms)
{
    if (s->pending & LWCI_PENDING_CHECK) {
        bool has_lt;
        uint32_t lt;
        char binding[LWCI_BINDING_MAX];

        s->pending &= (uint8_t)~LWCI_PENDING_CHECK;
        current_params(c, s, &has_lt, &lt, binding);
        if ((has_lt && (!s->has_lifetime || lt != s->lifetime_s)) ||
            (binding[0] && strcmp(binding, s->binding) != 0)) {
            s->pending |= LWCI_PENDING_UPDATE;
        }
    }
    return (s->pending & LWCI_PENDING_UPDATE) ||
           lwci_dm_generation(&c->dm) != s->generation || now_ms >= s->wake_ms;
}

void lwci_reg_step(lwc_client_t *c, lwci_server_t *s, int64_t now_ms,
                   int64_t *next_ms)
{
    if (s->transport_open && s->state != LWCI_SRV_CONNECTING) {
        if (lwci_coap_ep_tick(&s->ep, now_ms, next_ms) ==
            LWCI_COAP_EV_TIMEOUT) {
            lwci_reg_on_response(c, s, LWCI_COAP_EV_TIMEOUT, NULL, now_ms);
        }
    }
    switch (s->state) {
    case LWCI_SRV_WAIT:
        if (now_ms >= s->wake_ms) {
            attempt_register(c, s, now_ms);
        }
        break;
    case LWCI_SRV_CONNECTING:
        connect_and_register(c, s, now_ms);
        break;
    case LWCI_SRV_REGISTERED:
        if (update_wanted(c, s, now_ms)) {
            send_update(c, s, now_ms);
        }
        break;
    default:
        break;
    }
    if ((s->state == LWCI_SRV_WAIT || s->state == LWCI_SRV_CONNECTING ||
         s->state == LWCI_SRV_REGISTERED) &&
        s->wake_ms < *next_ms) {
        *next_ms = s->wake_ms;
    }
    if (s->transport_open && s->state != LWCI_SRV_CONNECTING) {
        (void)lwci_coap_ep_tick(&s->ep, now_ms, next_ms);
    }
}

/* Outcome of an exchange as (reason, CoAP code) for events and logs. */
static int outcome(lwci_coap_ev_t ev, const lwci_coap_msg_t *resp,
                   uint8_t *code)
{
    *code = 0;
    if (ev == LWCI_COAP_EV_TIMEOUT) {
        return LWC_ERR_TIMEOUT;
    }
    if (ev == LWCI_COAP_EV_RESET) {
        return LWC_ERR_RESET;
    }
    *code = resp->code;
    return LWCI_COAP_CODE_CLASS(resp->code) == 2 ? LWC_OK : LWC_ERR_REJECTED;
}

/*
 * The registration location from the 2.01's Location-Path options, joined
 * by '/'. RFC 7252 §5.10.7 wants one option per segment, but some servers
 * (lwm2m-node-lib) send "rd/1" in a single option; like other clients we
 * accept '/' inside a value as a separator, as long as no segment is empty
 * and no value holds a NUL. LWC_ERR_MALFORMED or LWC_ERR_NO_SPACE.
 */
static int store_location(const lwci_coap_msg_t *resp, char *out, size_t cap)
{
    const lwci_coap_opt_t *o;
    size_t it = 0;
    size_t n = 0;

    while ((o = lwci_coap_find_opt(resp, LWCI_COAP_OPT_LOCATION_PATH, &it))) {
        bool seg_empty = true;

        if (n > 0) {
            if (n + 1 >= cap) {
                return LWC_ERR_NO_SPACE;
            }
            out[n++] = '/';
        }
        for (size_t i = 0; i < o->len; i++) {
            uint8_t ch = o->value[i];
            if (ch == '\0' || (ch == '/' && seg_empty)) {
                return LWC_ERR_MALFORMED;
            }
            seg_empty = ch == '/';
            if (n + 1 >= cap) {
                return LWC_ERR_NO_SPACE;
            }
            out[n++] = (char)ch;
        }
        if (seg_empty) {
            return LWC_ERR_MALFORMED; /* empty option or trailing '/' */
        }
    }
    if (n == 0) {
        return LWC_ERR_MALFORMED;
    }
    out[n] = '\0';
    return LWC_OK;
}

static void on_register_answer(lwc_client_t *c, lwci_server_t *s, int reason,
                               uint8_t code, const lwci_coap_msg_t *resp,
                               int64_t now_ms)
{
    if (reason == LWC_OK && code == LWCI_COAP_201_CREATED) {
        if (store_location(resp, s->location, sizeof(s->location)) != LWC_OK) {
            LWCI_WARN(LWCI_CORE_LOG(c), MOD,
                      "server %u: 2.01 without a usable Location-Path",
                      s->ssid);
            reason = LWC_ERR_MALFORMED;
        }
    } else if (reason == LWC_OK) {
        reason = LWC_ERR_REJECTED; /* Register must be answered 2.01 */
    }
    if (reason != LWC_OK) {
        fail_attempt(c, s, now_ms, reason, code);
        return;
    }
    s->attempt = 0;
    s->sequence = 0;
    s->state = LWCI_SRV_REGISTERED;
    s->registered_ms = now_ms;
    s->wake_ms = update_due(s, now_ms);
    LWCI_INFO(LWCI_CORE_LOG(c), MOD, "server %u: registered at /%s", s->ssid,
              s->location);
    lwci_emit(c, s, LWC_EVENT_REGISTERED, LWC_OK, code);
}

static void on_update_answer(lwc_client_t *c, lwci_server_t *s, int reason,
                             uint8_t code, int64_t now_ms)
{
    if (reason == LWC_OK && code == LWCI_COAP_204_CHANGED) {
        s->state = LWCI_SRV_REGISTERED;
        s->registered_ms = now_ms;
        s->wake_ms = update_due(s, now_ms);
        lwci_emit(c, s, LWC_EVENT_UPDATED, LWC_OK, code);
        return;
    }
    if (reason == LWC_OK) {
        reason = LWC_ERR_REJECTED;
    }
    /* Core §6.2.2: a failed Update (4.04: the server lost the registration;
     * or no answer) leads to a fresh Register. */
    LWCI_WARN(LWCI_CORE_LOG(c), MOD,
              "server %u: Update failed (%s, code %u.%02u): registering again",
              s->ssid, lwc_strerror(reason), code >> 5, code & 0x1f);
    lwci_emit(c, s, LWC_EVENT_REGISTRATION_FAILED, reason, code);
    s->attempt = 0;
    s->sequence = 0;
    if (reason == LWC_ERR_TIMEOUT) {
        lwci_reg_close_transport(c, s); /* reconnect: e.g. a new session */
    }
    attempt_register(c, s, now_ms);
}

void lwci_reg_on_response(lwc_client_t *c, lwci_server_t *s, lwci_coap_ev_t ev,
                          const lwci_coap_msg_t *resp, int64_t now_ms)
{
    uint8_t code;
    int reason = outcome(ev, resp, &code);
    uint8_t req = s->request;

    s->request = LWCI_REQ_NONE;
    switch (req) {
    case LWCI_REQ_REGISTER:
        on_register_answer(c, s, reason, code, resp, now_ms);
        break;
    case LWCI_REQ_UPDATE:
        on_update_answer(c, s, reason, code, now_ms);
        break;
    case LWCI_REQ_DEREG:
        LWCI_INFO(LWCI_CORE_LOG(c), MOD, "server %u: de-registered (%s)",
                  s->ssid, lwc_strerror(reason));
        lwci_reg_close_transport(c, s);
        s->state = LWCI_SRV_OFF;
        lwci_emit(c, s, LWC_EVENT_DEREGISTERED, reason, code);
        break;
    default:
        break;
    }
}

void lwci_reg_stop(lwc_client_t *c, lwci_server_t *s, int64_t now_ms)
{
    lwci_coap_writer_t w;
    bool registered =
        s->state == LWCI_SRV_REGISTERED || s->state == LWCI_SRV_UPDATING;

    if (s->transport_open) {
        lwci_coap_ep_request_cancel(&s->ep);
    }
    s->request = LWCI_REQ_NONE;
    if (registered &&
        lwci_coap_ep_request_begin(&s->ep, &w, LWCI_COAP_DELETE) == LWC_OK) {
        lwci_coap_add_path(&w, LWCI_COAP_OPT_URI_PATH, s->location);
        if (lwci_coap_ep_request_send(&s->ep, &w, now_ms) == LWC_OK) {
            LWCI_INFO(LWCI_CORE_LOG(c), MOD, "server %u: De-register sent",
                      s->ssid);
            s->request = LWCI_REQ_DEREG;
            s->state = LWCI_SRV_DEREGISTERING;
            return;
        }
    }
    lwci_reg_close_transport(c, s);
    s->state = LWCI_SRV_OFF;
}

/*
 * The transport says the connection is gone (a DTLS close_notify or fatal
 * alert from the server): the session cannot carry our requests any more,
 * so waiting for the next exchange to time out would only delay things.
 * A registered account registers again at once over a new connection; a
 * Register in flight counts as a failed attempt.
 */
void lwci_reg_on_closed(lwc_client_t *c, lwci_server_t *s, int64_t now_ms)
{
    LWCI_WARN(LWCI_CORE_LOG(c), MOD, "server %u: connection closed by peer",
              s->ssid);
    switch (s->state) {
    case LWCI_SRV_REGISTERING:
        fail_attempt(c, s, now_ms, LWC_ERR_CLOSED, 0);
        break;
    case LWCI_SRV_REGISTERED:
    case LWCI_SRV_UPDATING:
        lwci_reg_close_transport(c, s);
        lwci_emit(c, s, LWC_EVENT_REGISTRATION_FAILED, LWC_ERR_CLOSED, 0);
        s->attempt = 0;
        s->sequence = 0;
        attempt_register(c, s, now_ms);
        break;
    case LWCI_SRV_DEREGISTERING:
        lwci_reg_close_transport(c, s);
        s->state = LWCI_SRV_OFF;
        lwci_emit(c, s, LWC_EVENT_DEREGISTERED, LWC_ERR_CLOSED, 0);
        break;
    default:
        lwci_reg_close_transport(c, s);
        break;
    }
}
