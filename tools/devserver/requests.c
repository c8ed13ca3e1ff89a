/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Requests from this server to a registered client (Device Management and
 * Information Reporting interfaces, LwM2M Core 1.1 §6.3 and §6.4, mapped to
 * CoAP by Transport 1.1 §6.4.4-6.4.5): one CON request with a random token in
 * flight at a time, sent over the session the client registered from.
 * Observations (RFC 7641) outlive the request and are matched by token.
 */
#include "devserver.h"

#include <stdlib.h>
#include <string.h>

static ds_t *ds_of(coap_session_t *s)
{
    return coap_get_app_data(coap_session_get_context(s));
}

static bool token_is(coap_bin_const_t tok, const uint8_t *t)
{
    return tok.length == DS_TOKEN_LEN && memcmp(tok.s, t, DS_TOKEN_LEN) == 0;
}

static int opt_uint(const coap_pdu_t *pdu, coap_option_num_t num)
{
    coap_opt_iterator_t it;
    coap_opt_t *opt = coap_check_option(pdu, num, &it);
    if (!opt) {
        return -1;
    }
    return (int)coap_decode_var_bytes(coap_opt_value(opt),
                                      coap_opt_length(opt));
}

static void add_uint_opt(coap_pdu_t *pdu, coap_option_num_t num, unsigned v)
{
    uint8_t buf[4];
    unsigned n = coap_encode_var_safe(buf, sizeof(buf), v);
    coap_add_option(pdu, num, n, buf);
}

/* Uri-Path options for root and path, then Content-Format, Uri-Query,
 * Accept, in option-number order (RFC 7252 §3.1). */
static int add_options(coap_pdu_t *pdu, const char *root,
                       const ds_request_spec_t *spec)
{
    char buf[512];
    const char *seg[16];
    if (strlen(root) + strlen(spec->path) + 2 > sizeof(buf)) {
        return -1;
    }
    if (spec->observe >= 0) {
        add_uint_opt(pdu, COAP_OPTION_OBSERVE, (unsigned)spec->observe);
    }
    int nr = ds_path_segments(root, buf, seg, 8);
    int np = nr < 0 ? -1
                    : ds_path_segments(spec->path, buf + strlen(root) + 1,
                                       seg + nr, 8);
    if (np < 0) {
        return -1;
    }
    for (int i = 0; i < nr + np; i++) {
        coap_add_option(pdu, COAP_OPTION_URI_PATH, strlen(seg[i]),
                        (const uint8_t *)seg[i]);
    }
    if (spec->content_type != DS_CT_NONE) {
        add_uint_opt(pdu, COAP_OPTION_CONTENT_FORMAT,
                     (unsigned)spec->content_type);
    }
    for (const char *q = spec->query; q && *q;) {
        size_t n = strcspn(q, "&");
        if (n > 0) {
            coap_add_option(pdu, COAP_OPTION_URI_QUERY, n, (const uint8_t *)q);
        }
        q += n + (q[n] == '&');
    }
    if (spec->accept != DS_CT_NONE) {
        add_uint_opt(pdu, COAP_OPTION_ACCEPT, (unsigned)spec->accept);
    }
    return 0;
}

static void release_copy(coap_session_t *s, void *p)
{
    (void)s;
    free(p);
}

/* Build and send one CON request; libcoap owns the PDU afterwards. */
static int send_pdu(ds_client_t *c, const ds_request_spec_t *spec,
                    const uint8_t *token)
{
    coap_session_t *s = c->session;
    coap_pdu_t *pdu =
        coap_pdu_init(COAP_MESSAGE_CON, spec->method, coap_new_message_id(s),
                      coap_session_max_pdu_size(s));
    if (!pdu || !coap_add_token(pdu, DS_TOKEN_LEN, token) ||
        add_options(pdu, c->root, spec) < 0) {
        coap_delete_pdu(pdu);
        return -1;
    }
    if (spec->payload_len > 0) {
        /* libcoap splits large bodies into Block1 transfers (RFC 7959). */
        uint8_t *copy = ds_xmalloc(spec->payload_len);
        memcpy(copy, spec->payload, spec->payload_len);
        if (!coap_add_data_large_request(s, pdu, spec->payload_len, copy,
                                         release_copy, copy)) {
            free(copy);
            coap_delete_pdu(pdu);
            return -1;
        }
    }
    return coap_send(s, pdu) == COAP_INVALID_MID ? -1 : 0;
}

void ds_request_spec_free(ds_request_spec_t *spec)
{
    free(spec->path);
    free(spec->payload);
    free(spec->query);
    memset(spec, 0, sizeof(*spec));
}

static void request_clear(ds_t *ds)
{
    ds_request_spec_free(&ds->req.spec);
    free(ds->req.ep);
    memset(&ds->req, 0, sizeof(ds->req));
}

static ds_observation_t *observation_add(ds_t *ds, const char *ep,
                                         const char *path, const uint8_t *tok)
{
    ds_observation_t *o = ds_xmalloc(sizeof(*o));
    memset(o, 0, sizeof(*o));
    o->ep = ds_strdup(ep);
    o->path = ds_strdup(path);
    memcpy(o->token, tok, DS_TOKEN_LEN);
    o->next = ds->observations;
    ds->observations = o;
    return o;
}

static ds_observation_t *observation_by_token(ds_t *ds, coap_bin_const_t tok)
{
    for (ds_observation_t *o = ds->observations; o; o = o->next) {
        if (token_is(tok, o->token)) {
            return o;
        }
    }
    return NULL;
}

/* End the request without a response: what is "timeout", "reset" or
 * "error"; an observation it was to start is forgotten. */
static void request_abort(ds_t *ds, const char *what)
{
    if (ds->req.active) {
        printf("RESPONSE %s /%s\n", what, ds->req.spec.path);
    }
    if (ds->req.spec.observe == 0) {
        coap_bin_const_t tok = {.length = DS_TOKEN_LEN, .s = ds->req.token};
        ds_observation_remove(ds, observation_by_token(ds, tok));
    }
    request_clear(ds);
    ds_set_last(ds, what, ds_strdup(""));
}

int ds_request_send(ds_t *ds, ds_client_t *c, ds_request_spec_t *spec)
{
    request_clear(ds);
    ds->req.spec = *spec;
    memset(spec, 0, sizeof(*spec));
    ds->req.ep = ds_strdup(c->ep);
    if (ds->req.spec.has_token) {
        memcpy(ds->req.token, ds->req.spec.token, DS_TOKEN_LEN);
    } else {
        coap_prng(ds->req.token, DS_TOKEN_LEN);
    }
    if (ds->req.spec.observe == 0) {
        observation_add(ds, c->ep, ds->req.spec.path, ds->req.token);
    }
    if (send_pdu(c, &ds->req.spec, ds->req.token) < 0) {
        printf("ERROR: cannot send the request to %s\n", c->ep);
        request_abort(ds, "error");
        return -1;
    }
    ds->req.active = true;
    return 0;
}

/* Print "RESPONSE ..." and the decoded payload; finish the command. */
static void finish_request(ds_t *ds, const coap_pdu_t *rcv, const uint8_t *data,
                           size_t len)
{
    char code[16];
    coap_pdu_code_t pc = coap_pdu_get_code(rcv);
    ds_code_str(pc, code, sizeof(code));
    int ct = opt_uint(rcv, COAP_OPTION_CONTENT_FORMAT);
    int obs = opt_uint(rcv, COAP_OPTION_OBSERVE);
    char cts[16] = "none";
    if (ct >= 0) {
        snprintf(cts, sizeof(cts), "%d", ct);
    }
    printf("RESPONSE %s /%s ct=%s", code, ds->req.spec.path, cts);
    if (obs >= 0) {
        printf(" observe=%d", obs);
    }
    putchar('\n');
    char *out = ds_render_payload(ct, data, len, ds->req.spec.path);
    fputs(out, stdout);
    if (ds->req.spec.observe == 0) {
        coap_bin_const_t tok = {.length = DS_TOKEN_LEN, .s = ds->req.token};
        ds_observation_t *o = observation_by_token(ds, tok);
        if (o && COAP_RESPONSE_CLASS(pc) == 2 && obs >= 0) {
            o->established = true;
        } else if (o) {
            printf("  (observation not established)\n");
            ds_observation_remove(ds, o);
        }
    }
    request_clear(ds);
    ds_set_last(ds, code, out);
}

/* libcoap reassembles Block2 bodies (COAP_BLOCK_SINGLE_BODY, RFC 7959
 * §2.4) and hands over the whole payload. */
static coap_response_t on_request_response(ds_t *ds, const coap_pdu_t *rcv)
{
    size_t len = 0, off = 0, total = 0;
    const uint8_t *data = NULL;
    if (!coap_get_data_large(rcv, &len, &data, &off, &total)) {
        len = 0;
    }
    finish_request(ds, rcv, data, len);
    return COAP_RESPONSE_OK;
}

/* A notification (RFC 7641 §3.2): print it; an error code ends it. */
static void on_notify(ds_observation_t *o, const coap_pdu_t *rcv)
{
    char code[16];
    coap_pdu_code_t pc = coap_pdu_get_code(rcv);
    ds_code_str(pc, code, sizeof(code));
    int ct = opt_uint(rcv, COAP_OPTION_CONTENT_FORMAT);
    int seq = opt_uint(rcv, COAP_OPTION_OBSERVE);
    size_t len = 0, off = 0, total = 0;
    const uint8_t *data = NULL;
    if (!coap_get_data_large(rcv, &len, &data, &off, &total)) {
        len = 0;
    }
    char cts[16] = "none";
    if (ct >= 0) {
        snprintf(cts, sizeof(cts), "%d", ct);
    }
    printf("NOTIFY /%s seq=%d code=%s ep=%s ct=%s\n", o->path, seq, code, o->ep,
           cts);
    char *out = ds_render_payload(ct, data, len, o->path);
    fputs(out, stdout);
    free(o->last_output);
    o->last_output = out;
    snprintf(o->last_code, sizeof(o->last_code), "%s", code);
    o->count++;
    if (COAP_RESPONSE_CLASS(pc) != 2 || seq < 0) {
        printf("  (observation ended)\n");
        o->established = false;
    }
}

static coap_response_t on_response(coap_session_t *s, const coap_pdu_t *sent,
                                   const coap_pdu_t *rcv, const coap_mid_t mid)
{
    (void)sent;
    (void)mid;
    ds_t *ds = ds_of(s);
    coap_bin_const_t tok = coap_pdu_get_token(rcv);
    if (ds->req.active && token_is(tok, ds->req.token)) {
        return on_request_response(ds, rcv);
    }
    ds_observation_t *o = observation_by_token(ds, tok);
    if (o && o->established) {
        on_notify(o, rcv);
        return COAP_RESPONSE_OK;
    }
    /* Unknown token: a late answer (ignore) or a notification nobody
     * observes any more; RST cancels it (RFC 7641 §3.6). */
    coap_pdu_type_t t = coap_pdu_get_type(rcv);
    return t == COAP_MESSAGE_ACK ? COAP_RESPONSE_OK : COAP_RESPONSE_FAIL;
}

static void on_nack(coap_session_t *s, const coap_pdu_t *sent,
                    const coap_nack_reason_t reason, const coap_mid_t mid)
{
    (void)mid;
    ds_t *ds = ds_of(s);
    if (!sent || !ds->req.active ||
        !token_is(coap_pdu_get_token(sent), ds->req.token)) {
        return;
    }
    const char *what = reason == COAP_NACK_RST                ? "reset"
                       : reason == COAP_NACK_TOO_MANY_RETRIES ? "timeout"
                                                              : "error";
    request_abort(ds, what);
}

void ds_request_timeout(ds_t *ds)
{
    request_abort(ds, "timeout");
}

void ds_requests_install(ds_t *ds)
{
    coap_register_response_handler(ds->ctx, on_response);
    coap_register_nack_handler(ds->ctx, on_nack);
}

ds_observation_t *ds_observation_find(ds_t *ds, const char *ep,
                                      const char *path)
{
    for (ds_observation_t *o = ds->observations; o; o = o->next) {
        if (strcmp(o->ep, ep) == 0 && strcmp(o->path, path) == 0) {
            return o;
        }
    }
    return NULL;
}

void ds_observation_remove(ds_t *ds, ds_observation_t *o)
{
    for (ds_observation_t **pp = &ds->observations; o && *pp;
         pp = &(*pp)->next) {
        if (*pp == o) {
            *pp = o->next;
            free(o->ep);
            free(o->path);
            free(o->last_output);
            free(o);
            return;
        }
    }
}

void ds_observations_drop_ep(ds_t *ds, const char *ep)
{
    ds_observation_t *o = ds->observations;
    while (o) {
        ds_observation_t *next = o->next;
        if (strcmp(o->ep, ep) == 0) {
            ds_observation_remove(ds, o);
        }
        o = next;
    }
}

void ds_requests_free(ds_t *ds)
{
    request_clear(ds);
    while (ds->observations) {
        ds_observation_remove(ds, ds->observations);
    }
}
