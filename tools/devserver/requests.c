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
 *
 * Block-wise transfers (RFC 7959) are done here, not by libcoap (see
 * devserver.h). A payload too large for one message goes out in Block1
 * blocks (§2.5). An answer or a notification in Block2 blocks is put
 * together by asking for each next block with a new token (§2.4, §2.6); a
 * FETCH repeats its payload every time (RFC 8132 §2.3.2). The whole body is
 * then printed as a one-message answer would be.
 */
#include "devserver.h"

#include <stdlib.h>
#include <string.h>

/* RFC 7959 §2.2: NUM has 20 bits. */
#define BLOCK_NUM_MAX 0xFFFFFu

typedef enum {
    BODY_DONE, /* the last block is in */
    BODY_MORE, /* ask for the block at len */
    BODY_FAIL,
} body_step_t;

/* One message of a request: which options and which payload bytes. */
typedef struct {
    bool observe; /* send spec->observe (the first message only) */
    long b2_num;  /* Block2 NUM asked for; -1: no Block2 option */
    unsigned b2_szx;
    long b1_num; /* -1: no Block1 option */
    bool b1_more;
    unsigned b1_szx;
    size_t size1; /* the whole payload, with Block1 NUM 0; else 0 */
    const uint8_t *data;
    size_t len;
} msg_t;

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

/* "none" or the number of a Content-Format; buf holds 16 bytes. */
static const char *ct_str(int ct, char *buf)
{
    if (ct < 0) {
        return "none";
    }
    snprintf(buf, 16, "%d", ct);
    return buf;
}

static void add_uint_opt(coap_pdu_t *pdu, coap_option_num_t num, unsigned v)
{
    uint8_t buf[4];
    unsigned n = coap_encode_var_safe(buf, sizeof(buf), v);
    coap_add_option(pdu, num, n, buf);
}

/* Block1, Block2 and Size1 of m (RFC 7959 §2.2, §4), after Accept. */
static void add_block_opts(coap_pdu_t *pdu, const msg_t *m)
{
    if (m->b2_num >= 0) {
        add_uint_opt(pdu, COAP_OPTION_BLOCK2,
                     (unsigned)m->b2_num << 4 | m->b2_szx);
    }
    if (m->b1_num >= 0) {
        add_uint_opt(pdu, COAP_OPTION_BLOCK1,
                     (unsigned)m->b1_num << 4 | (m->b1_more ? 8u : 0u) |
                         m->b1_szx);
    }
    if (m->size1 > 0) {
        add_uint_opt(pdu, COAP_OPTION_SIZE1, (unsigned)m->size1);
    }
}

/* Uri-Path options for root and path, then Content-Format, Uri-Query,
 * Accept and the Block options, in option-number order (RFC 7252 §3.1). */
static int add_options(coap_pdu_t *pdu, const char *root,
                       const ds_request_spec_t *spec, const msg_t *m)
{
    char buf[512];
    const char *seg[16];
    if (strlen(root) + strlen(spec->path) + 2 > sizeof(buf)) {
        return -1;
    }
    if (m->observe && spec->observe >= 0) {
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
    add_block_opts(pdu, m);
    return 0;
}

/* Build and send one CON message; libcoap owns the PDU afterwards. */
static int send_msg(const ds_client_t *c, const ds_request_spec_t *spec,
                    const uint8_t *token, const msg_t *m)
{
    coap_session_t *s = c->session;
    coap_pdu_t *pdu =
        coap_pdu_init(COAP_MESSAGE_CON, spec->method, coap_new_message_id(s),
                      coap_session_max_pdu_size(s));
    if (!pdu || !coap_add_token(pdu, DS_TOKEN_LEN, token) ||
        add_options(pdu, c->root, spec, m) < 0 ||
        (m->len > 0 && !coap_add_data(pdu, m->len, m->data))) {
        coap_delete_pdu(pdu);
        return -1;
    }
    return coap_send(s, pdu) == COAP_INVALID_MID ? -1 : 0;
}

static size_t count_char(const char *s, char ch)
{
    size_t n = 0;
    for (; s && *s; s++) {
        n += *s == ch;
    }
    return n;
}

/* At least the bytes of a message of spec to c besides its payload: the
 * header, token and payload marker, every option with up to 3 bytes of
 * option header (RFC 7252 §3.1), the Block options at their largest. */
static size_t msg_overhead(const ds_client_t *c, const ds_request_spec_t *spec)
{
    size_t segs = count_char(c->root, '/') + count_char(spec->path, '/') + 2;
    size_t n = 4 + DS_TOKEN_LEN + 1;
    n += strlen(c->root) + strlen(spec->path) + 3 * segs;
    if (spec->query) {
        n += strlen(spec->query) + 3 * (count_char(spec->query, '&') + 1);
    }
    /* Observe, Content-Format, Accept, Block2, Block1, Size1 */
    return n + (3 + 3) + (3 + 2) + (3 + 2) + (3 + 3) + (3 + 3) + (3 + 4);
}

/* The largest block size exponent (16 << szx bytes, szx <= 6) of at most
 * avail bytes, or -1. */
static int fit_szx(size_t avail)
{
    int szx = 6;
    while (szx >= 0 && ((size_t)16 << szx) > avail) {
        szx--;
    }
    return szx;
}

static void body_free(ds_body_t *b)
{
    free(b->data);
    memset(b, 0, sizeof(*b));
}

static bool etag_is(const ds_body_t *b, const coap_opt_t *etag)
{
    size_t n = etag ? coap_opt_length(etag) : 0;
    return n == b->etag_len &&
           (n == 0 || memcmp(coap_opt_value(etag), b->etag, n) == 0);
}

static void etag_keep(ds_body_t *b, const coap_opt_t *etag)
{
    size_t n = etag ? coap_opt_length(etag) : 0;
    b->etag_len = n <= sizeof(b->etag) ? n : sizeof(b->etag);
    if (b->etag_len > 0) {
        memcpy(b->etag, coap_opt_value(etag), b->etag_len);
    }
}

/* The first block: remember what every later block must repeat. */
static void body_start(ds_body_t *b, const coap_pdu_t *rcvd,
                       const coap_opt_t *etag)
{
    body_free(b);
    b->active = true;
    b->ct = opt_uint(rcvd, COAP_OPTION_CONTENT_FORMAT);
    b->observe = opt_uint(rcvd, COAP_OPTION_OBSERVE);
    b->code = coap_pdu_get_code(rcvd);
    etag_keep(b, etag);
}

/* Take the Block2 block blk of rcvd into b (RFC 7959 §2.4). MORE: ask for
 * the block at b->len of 16 << b->szx bytes next; DONE: b holds the whole
 * body; FAIL: *why tells why. Another ETag than the first block's means the
 * representation changed (RFC 7252 §5.10.6): start over from block 0, at
 * most DS_MAX_RESTARTS times. */
static body_step_t body_add(ds_body_t *b, const coap_pdu_t *rcvd,
                            const coap_block_t *blk, const char **why)
{
    coap_opt_iterator_t it;
    coap_opt_t *etag = coap_check_option(rcvd, COAP_OPTION_ETAG, &it);
    size_t len = 0;
    const uint8_t *data = NULL;
    if (!coap_get_data(rcvd, &len, &data)) {
        len = 0;
    }
    size_t size = (size_t)16 << blk->szx;
    size_t off = (size_t)blk->num << (blk->szx + 4);
    if (!b->active) {
        body_start(b, rcvd, etag);
    } else if (!etag_is(b, etag)) {
        *why = "the ETag kept changing";
        if (b->restarts == DS_MAX_RESTARTS) {
            return BODY_FAIL;
        }
        b->restarts++;
        b->len = 0;
        b->blocks = 0;
        etag_keep(b, etag);
        return BODY_MORE;
    }
    *why = blk->szx > 6 ? "block size 7 (BERT) on a datagram transport"
           : opt_uint(rcvd, COAP_OPTION_CONTENT_FORMAT) != b->ct
               ? "the Content-Format changed between blocks"
           : off != b->len ? "a block out of order"
           : len > size || (blk->m && len != size)
               ? "a block that is not of its size (RFC 7959 §2.2)"
           : b->blocks == DS_MAX_BLOCKS || b->len + len > DS_MAX_BODY
               ? "too many blocks or bytes"
               : NULL;
    if (*why) {
        return BODY_FAIL;
    }
    uint8_t *grown = realloc(b->data, b->len + len + 1);
    if (!grown) {
        *why = "out of memory";
        return BODY_FAIL;
    }
    b->data = grown;
    if (len > 0) {
        memcpy(b->data + b->len, data, len);
    }
    b->len += len;
    b->blocks++;
    b->szx = blk->szx;
    return blk->m ? BODY_MORE : BODY_DONE;
}

/* The Block2 option of a request for the block at b->len. */
static msg_t block2_msg(const ds_body_t *b)
{
    size_t num = b->len >> (b->szx + 4);
    return (msg_t){.b2_num = num <= BLOCK_NUM_MAX ? (long)num : -1,
                   .b2_szx = b->szx,
                   .b1_num = -1};
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
    body_free(&ds->req.body);
    free(ds->req.ep);
    memset(&ds->req, 0, sizeof(ds->req));
}

static ds_observation_t *observation_add(ds_t *ds, const char *ep,
                                         const ds_request_spec_t *spec,
                                         const uint8_t *tok)
{
    ds_observation_t *o = ds_xmalloc(sizeof(*o));
    memset(o, 0, sizeof(*o));
    o->ep = ds_strdup(ep);
    o->path = ds_strdup(spec->path);
    o->accept = spec->accept;
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

/* The observation whose block-wise notification asked for a block with
 * token tok. */
static ds_observation_t *observation_by_xfer(ds_t *ds, coap_bin_const_t tok)
{
    for (ds_observation_t *o = ds->observations; o; o = o->next) {
        if (o->body.active && token_is(tok, o->xfer_token)) {
            return o;
        }
    }
    return NULL;
}

/* End the request without a response: what is "timeout", "reset" or
 * "error", why (or NULL) says more; an observation it was to start is
 * forgotten. */
static void request_abort(ds_t *ds, const char *what, const char *why)
{
    if (ds->req.active) {
        printf("RESPONSE %s /%s\n", what, ds->req.spec.path);
        if (why) {
            printf("  (%s)\n", why);
        }
    }
    if (ds->req.spec.observe == 0) {
        coap_bin_const_t tok = {.length = DS_TOKEN_LEN, .s = ds->req.token};
        ds_observation_remove(ds, observation_by_token(ds, tok));
    }
    request_clear(ds);
    ds_set_last(ds, what, ds_strdup(""));
}

static ds_client_t *request_client(ds_t *ds)
{
    return ds->req.ep ? ds_client_find(ds, ds->req.ep) : NULL;
}

/* The Block1 block at req.b1_off (RFC 7959 §2.5), Size1 with the first
 * (§4), with token req.cur. */
static int send_block1(ds_t *ds, const ds_client_t *c)
{
    ds_request_t *r = &ds->req;
    size_t size = (size_t)16 << r->b1_szx;
    size_t left = r->spec.payload_len - r->b1_off;
    size_t num = r->b1_off >> (r->b1_szx + 4);
    if (num > BLOCK_NUM_MAX) {
        return -1;
    }
    msg_t m = {.observe = r->b1_off == 0,
               .b2_num = -1,
               .b1_num = (long)num,
               .b1_more = left > size,
               .b1_szx = r->b1_szx,
               .size1 = r->b1_off == 0 ? r->spec.payload_len : 0,
               .data = r->spec.payload + r->b1_off,
               .len = left > size ? size : left};
    r->b1_len = m.len;
    r->b1_count++;
    return send_msg(c, &r->spec, r->cur, &m);
}

/* The first message: the whole payload when it fits into one message to
 * c, else its first Block1 block of the largest size that fits. */
static int send_first(ds_t *ds, const ds_client_t *c)
{
    ds_request_t *r = &ds->req;
    size_t max = coap_session_max_pdu_size(c->session);
    size_t over = msg_overhead(c, &r->spec);
    if (r->spec.payload_len > 0 && r->spec.payload_len + over > max) {
        int szx = fit_szx(max > over ? max - over : 0);
        if (szx < 0) {
            return -1;
        }
        r->b1_szx = (unsigned)szx;
        return send_block1(ds, c);
    }
    msg_t m = {.observe = true,
               .b2_num = -1,
               .b1_num = -1,
               .data = r->spec.payload,
               .len = r->spec.payload_len};
    return send_msg(c, &r->spec, r->cur, &m);
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
    memcpy(ds->req.cur, ds->req.token, DS_TOKEN_LEN);
    if (ds->req.spec.observe == 0) {
        observation_add(ds, c->ep, &ds->req.spec, ds->req.token);
    }
    if (send_first(ds, c) < 0) {
        printf("ERROR: cannot send the request to %s\n", c->ep);
        request_abort(ds, "error", NULL);
        return -1;
    }
    ds->req.active = true;
    return 0;
}

/* Block1 goes on (RFC 7959 §2.5): 2.31 Continue acknowledges the block in
 * flight, and the client may ask for smaller blocks; 4.13 with a smaller
 * Block1 size starts over with that size (§2.9.3). 1: the next block is
 * out; 0: rcvd is the answer; -1: cannot send. */
static int block1_next(ds_t *ds, const coap_pdu_t *rcvd)
{
    ds_request_t *r = &ds->req;
    coap_pdu_code_t code = coap_pdu_get_code(rcvd);
    coap_block_t b;
    if (r->b1_len == 0 || !coap_get_block(rcvd, COAP_OPTION_BLOCK1, &b)) {
        return 0;
    }
    if (code == COAP_RESPONSE_CODE(231) &&
        r->b1_off + r->b1_len < r->spec.payload_len) {
        r->b1_off += r->b1_len;
        r->b1_szx = b.szx < r->b1_szx ? b.szx : r->b1_szx;
    } else if (code == COAP_RESPONSE_CODE(413) && b.szx < r->b1_szx) {
        r->b1_off = 0;
        r->b1_szx = b.szx;
    } else {
        return 0;
    }
    ds_client_t *c = request_client(ds);
    coap_prng(r->cur, DS_TOKEN_LEN);
    return c && send_block1(ds, c) == 0 ? 1 : -1;
}

/* Ask for the Block2 block at req.body.len with the request's options but
 * Observe (RFC 7959 §2.4); a FETCH repeats its payload (RFC 8132 §2.3.2). */
static int send_block2(ds_t *ds)
{
    ds_request_t *r = &ds->req;
    ds_client_t *c = request_client(ds);
    msg_t m = block2_msg(&r->body);
    if (!c || m.b2_num < 0) {
        return -1;
    }
    if (r->spec.method == COAP_REQUEST_CODE_FETCH) {
        m.data = r->spec.payload;
        m.len = r->spec.payload_len;
    }
    coap_prng(r->cur, DS_TOKEN_LEN);
    return send_msg(c, &r->spec, r->cur, &m);
}

/* Print "RESPONSE ..." and the decoded payload; finish the command. */
static void finish_request(ds_t *ds, coap_pdu_code_t pc, int ct, int obs,
                           const uint8_t *data, size_t len)
{
    char code[16];
    char cts[16];
    ds_code_str(pc, code, sizeof(code));
    printf("RESPONSE %s /%s ct=%s", code, ds->req.spec.path, ct_str(ct, cts));
    if (obs >= 0) {
        printf(" observe=%d", obs);
    }
    putchar('\n');
    if (ds->req.b1_count > 1) {
        printf("  (block-wise request: %u Block1 messages, %zu bytes)\n",
               ds->req.b1_count, ds->req.spec.payload_len);
    }
    if (ds->req.body.blocks > 1) {
        printf("  (block-wise answer: %u Block2 blocks, %zu bytes)\n",
               ds->req.body.blocks, len);
    }
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

/* A block of a block-wise answer (RFC 7959 §2.4): ask for the next one,
 * or finish with the whole body. */
static void request_block2(ds_t *ds, const coap_pdu_t *rcvd,
                           const coap_block_t *blk)
{
    ds_body_t *b = &ds->req.body;
    const char *why = NULL;
    body_step_t step = body_add(b, rcvd, blk, &why);
    coap_pdu_code_t method = ds->req.spec.method;
    if (step == BODY_MORE && method != COAP_REQUEST_CODE_GET &&
        method != COAP_REQUEST_CODE_FETCH) {
        /* Asking a PUT, POST or iPATCH again would repeat its action. */
        why = "only GET and FETCH ask for more blocks";
        step = BODY_FAIL;
    } else if (step == BODY_MORE && send_block2(ds) < 0) {
        why = "cannot ask for the next block";
        step = BODY_FAIL;
    }
    if (step == BODY_FAIL) {
        char note[160];
        snprintf(note, sizeof(note), "block-wise answer failed: %s", why);
        request_abort(ds, "error", note);
    } else if (step == BODY_DONE) {
        finish_request(ds, b->code, b->ct, b->observe, b->data, b->len);
    }
}

static coap_response_t on_request_response(ds_t *ds, const coap_pdu_t *rcvd)
{
    int rc = block1_next(ds, rcvd);
    if (rc != 0) {
        if (rc < 0) {
            request_abort(ds, "error", "cannot send the next Block1 block");
        }
        return COAP_RESPONSE_OK;
    }
    coap_pdu_code_t code = coap_pdu_get_code(rcvd);
    coap_block_t blk;
    bool block2 = COAP_RESPONSE_CLASS(code) == 2 &&
                  coap_get_block(rcvd, COAP_OPTION_BLOCK2, &blk);
    if (block2) {
        request_block2(ds, rcvd, &blk);
    } else if (ds->req.body.active) {
        char note[80], cs[16];
        ds_code_str(code, cs, sizeof(cs));
        snprintf(note, sizeof(note),
                 "block-wise answer failed: the next block was answered %s",
                 cs);
        request_abort(ds, "error", note);
    } else {
        size_t len = 0;
        const uint8_t *data = NULL;
        if (!coap_get_data(rcvd, &len, &data)) {
            len = 0;
        }
        finish_request(ds, code, opt_uint(rcvd, COAP_OPTION_CONTENT_FORMAT),
                       opt_uint(rcvd, COAP_OPTION_OBSERVE), data, len);
    }
    return COAP_RESPONSE_OK;
}

/* Print a notification (RFC 7641 §3.2); an error code ends it. */
static void notify_print(ds_observation_t *o, coap_pdu_code_t pc, int ct,
                         int seq, const ds_body_t *b, const uint8_t *data,
                         size_t len)
{
    char code[16];
    char cts[16];
    ds_code_str(pc, code, sizeof(code));
    printf("NOTIFY /%s seq=%d code=%s ep=%s ct=%s\n", o->path, seq, code, o->ep,
           ct_str(ct, cts));
    if (b && b->blocks > 1) {
        printf("  (block-wise notification: %u Block2 blocks, %zu bytes)\n",
               b->blocks, len);
    }
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

/* A block-wise notification failed: say so (it does not count as a
 * notification) and forget it. */
static void notify_fail(ds_observation_t *o, const char *why)
{
    char code[16];
    char cts[16];
    ds_code_str(o->body.code, code, sizeof(code));
    printf("NOTIFY /%s seq=%d code=%s ep=%s ct=%s\n"
           "  (block-wise notification failed: %s)\n",
           o->path, o->body.observe, code, o->ep, ct_str(o->body.ct, cts), why);
    body_free(&o->body);
}

/* Ask for the next block of o's notification: a GET of its path with the
 * Accept of the Observe request and no Observe (RFC 7959 §2.6). */
static int notify_next(ds_t *ds, ds_observation_t *o)
{
    ds_client_t *c = ds_client_find(ds, o->ep);
    ds_request_spec_t spec = {.method = COAP_REQUEST_CODE_GET,
                              .path = o->path,
                              .accept = o->accept,
                              .content_type = DS_CT_NONE,
                              .observe = -1};
    msg_t m = block2_msg(&o->body);
    if (!c || m.b2_num < 0) {
        return -1;
    }
    coap_prng(o->xfer_token, DS_TOKEN_LEN);
    return send_msg(c, &spec, o->xfer_token, &m);
}

/* A block of o's block-wise notification: the first, which came with the
 * observation's token, or one asked for by notify_next(). */
static void notify_block(ds_t *ds, ds_observation_t *o, const coap_pdu_t *rcvd,
                         const coap_block_t *blk)
{
    ds_body_t *b = &o->body;
    const char *why = NULL;
    body_step_t step = body_add(b, rcvd, blk, &why);
    if (step == BODY_MORE && notify_next(ds, o) < 0) {
        why = "cannot ask for the next block";
        step = BODY_FAIL;
    }
    if (step == BODY_FAIL) {
        notify_fail(o, why);
    } else if (step == BODY_DONE) {
        notify_print(o, b->code, b->ct, b->observe, b, b->data, b->len);
        body_free(b);
    }
}

/* The answer to a GET for the next block of a notification. */
static void on_notify_block(ds_t *ds, ds_observation_t *o,
                            const coap_pdu_t *rcvd)
{
    coap_pdu_code_t code = coap_pdu_get_code(rcvd);
    coap_block_t blk;
    if (COAP_RESPONSE_CLASS(code) == 2 &&
        coap_get_block(rcvd, COAP_OPTION_BLOCK2, &blk)) {
        notify_block(ds, o, rcvd, &blk);
        return;
    }
    char why[64];
    ds_code_str(code, why, sizeof(why));
    strncat(why, " for the next block", sizeof(why) - strlen(why) - 1);
    notify_fail(o, why);
}

/* A notification (RFC 7641 §3.2). Its first block starts a block-wise
 * one (RFC 7959 §2.6) and replaces any still being put together. */
static void on_notify(ds_t *ds, ds_observation_t *o, const coap_pdu_t *rcvd)
{
    coap_pdu_code_t code = coap_pdu_get_code(rcvd);
    coap_block_t blk;
    body_free(&o->body);
    if (COAP_RESPONSE_CLASS(code) == 2 &&
        coap_get_block(rcvd, COAP_OPTION_BLOCK2, &blk)) {
        notify_block(ds, o, rcvd, &blk);
        return;
    }
    size_t len = 0;
    const uint8_t *data = NULL;
    if (!coap_get_data(rcvd, &len, &data)) {
        len = 0;
    }
    notify_print(o, code, opt_uint(rcvd, COAP_OPTION_CONTENT_FORMAT),
                 opt_uint(rcvd, COAP_OPTION_OBSERVE), NULL, data, len);
}

static coap_response_t on_response(coap_session_t *s, const coap_pdu_t *sent,
                                   const coap_pdu_t *rcv, const coap_mid_t mid)
{
    (void)sent;
    (void)mid;
    ds_t *ds = ds_of(s);
    coap_bin_const_t tok = coap_pdu_get_token(rcv);
    if (ds->req.active && token_is(tok, ds->req.cur)) {
        return on_request_response(ds, rcv);
    }
    ds_observation_t *o = observation_by_xfer(ds, tok);
    if (o) {
        on_notify_block(ds, o, rcv);
        return COAP_RESPONSE_OK;
    }
    o = observation_by_token(ds, tok);
    if (o && o->established) {
        on_notify(ds, o, rcv);
        return COAP_RESPONSE_OK;
    }
    /* A notification while the answer to its Observe request still comes
     * block-wise: the observation is not established yet; drop it. */
    if (o && ds->req.active && token_is(tok, ds->req.token)) {
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
    if (!sent) {
        return;
    }
    const char *what = reason == COAP_NACK_RST                ? "reset"
                       : reason == COAP_NACK_TOO_MANY_RETRIES ? "timeout"
                                                              : "error";
    coap_bin_const_t tok = coap_pdu_get_token(sent);
    ds_observation_t *o = observation_by_xfer(ds, tok);
    if (o) {
        notify_fail(o, what);
    } else if (ds->req.active && token_is(tok, ds->req.cur)) {
        request_abort(ds, what, NULL);
    }
}

void ds_request_timeout(ds_t *ds)
{
    request_abort(ds, "timeout", NULL);
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
            body_free(&o->body);
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
