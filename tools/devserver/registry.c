/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The Client Registration interface, server side: LwM2M Core 1.1 §6.2
 * (Register §6.2.1, Update §6.2.2, De-register §6.2.3) on CoAP as mapped by
 * LwM2M Transport 1.1 §6.4 (Table 6.4.3-1: POST /rd?ep=..., POST /rd/<id>,
 * DELETE /rd/<id>). Plus the Send operation's POST /dp (Core 1.1 §6.4.7).
 * A request body in Block1 blocks (RFC 7959 §2.5) is put together here
 * before the handler sees it.
 */
#include "devserver.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Lifetime when the client sends none (Core 1.1 §6.2.1, "lt"). */
#define DEFAULT_LIFETIME_S 86400u

static ds_t *ds_of(coap_session_t *s)
{
    return coap_get_app_data(coap_session_get_context(s));
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c = (char)(c | 0x20);
    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

/* Control characters from the network would break our one-line events. */
static char *sanitize(char *s)
{
    for (char *p = s; *p; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7f) {
            *p = '?';
        }
    }
    return s;
}

/* Percent-decoded copy of s[0..n) (RFC 3986 §2.1); %00 and other control
 * characters become '?'. */
static char *pct_decode(const char *s, size_t n)
{
    char *out = ds_xmalloc(n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        bool pct = s[i] == '%' && i + 2 < n;
        int hi = pct ? hex_value(s[i + 1]) : -1;
        int lo = pct ? hex_value(s[i + 2]) : -1;
        if (hi >= 0 && lo >= 0) {
            out[o++] = (char)(hi << 4 | lo);
            i += 2;
        } else {
            out[o++] = s[i];
        }
    }
    for (size_t i = 0; i < o; i++) {
        out[i] = out[i] ? out[i] : '?';
    }
    out[o] = '\0';
    return sanitize(out);
}

/* Value of key in an '&'-separated query ("" for a bare key), or NULL. */
static char *query_get(const coap_string_t *q, const char *key)
{
    if (!q || !q->s) {
        return NULL;
    }
    const char *p = (const char *)q->s;
    const char *end = p + q->length;
    size_t klen = strlen(key);
    while (p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *item_end = amp ? amp : end;
        size_t ilen = (size_t)(item_end - p);
        if (ilen >= klen && memcmp(p, key, klen) == 0 &&
            (ilen == klen || p[klen] == '=')) {
            const char *v = ilen == klen ? item_end : p + klen + 1;
            return pct_decode(v, (size_t)(item_end - v));
        }
        p = item_end + 1;
    }
    return NULL;
}

static int parse_u32(const char *s, uint32_t *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || *s == '-' || v > UINT32_MAX) {
        return -1;
    }
    *out = (uint32_t)v;
    return 0;
}

/* A request payload as a NUL-terminated one-line string (may be empty);
 * control characters (and NULs) become '?'. */
static char *payload_string(const uint8_t *data, size_t len)
{
    if (!data) {
        return ds_strdup("");
    }
    char *text = ds_strndup((const char *)data, len);
    for (size_t i = 0; i < len; i++) {
        text[i] = text[i] ? text[i] : '?';
    }
    return sanitize(text);
}

/* The alternate path of a link <X>;rt="oma.lwm2m" (Core 1.1 §6.2.1.1), or
 * "" when the client uses the root. */
static char *find_root(const char *links)
{
    const char *rt = strstr(links, "oma.lwm2m");
    if (!rt) {
        return ds_strdup("");
    }
    const char *lt = rt;
    while (lt > links && *lt != '<') {
        lt--;
    }
    const char *gt = strchr(lt, '>');
    if (*lt != '<' || !gt || gt > rt || memchr(gt, ',', (size_t)(rt - gt))) {
        return ds_strdup("");
    }
    const char *start = lt + 1;
    size_t n = (size_t)(gt - start);
    while (n > 0 && start[n - 1] == '/') {
        n--;
    }
    return ds_strndup(start, n);
}

static void client_free(ds_client_t *c)
{
    if (c->session) {
        coap_session_release(c->session);
    }
    free(c->ep);
    free(c->lwm2m);
    free(c->binding);
    free(c->objects);
    free(c->root);
    free(c);
}

/* Unlink and free c; its observations end with the registration. */
static void client_remove(ds_t *ds, ds_client_t *c)
{
    for (ds_client_t **pp = &ds->clients; *pp; pp = &(*pp)->next) {
        if (*pp == c) {
            *pp = c->next;
            break;
        }
    }
    ds_observations_drop_ep(ds, c->ep);
    client_free(c);
}

ds_client_t *ds_client_find(ds_t *ds, const char *ep)
{
    for (ds_client_t *c = ds->clients; c; c = c->next) {
        if (strcmp(c->ep, ep) == 0) {
            return c;
        }
    }
    return NULL;
}

static ds_client_t *client_by_id(ds_t *ds, const char *id)
{
    for (ds_client_t *c = ds->clients; c; c = c->next) {
        if (strcmp(c->id, id) == 0) {
            return c;
        }
    }
    return NULL;
}

static ds_client_t *client_by_session(ds_t *ds, const coap_session_t *s)
{
    for (ds_client_t *c = ds->clients; c; c = c->next) {
        if (c->session == s) {
            return c;
        }
    }
    return NULL;
}

static void set_session(ds_client_t *c, coap_session_t *s)
{
    if (c->session == s) {
        return;
    }
    if (c->session) {
        coap_session_release(c->session);
    }
    c->session = coap_session_reference(s);
}

static void reject(coap_pdu_t *resp, coap_pdu_code_t code, const char *what,
                   const char *why)
{
    printf("REJECTED %s: %s\n", what, why);
    coap_pdu_set_code(resp, code);
}

/* ---- Request bodies in Block1 blocks (RFC 7959 §2.5) ----------------- */

/* A transfer not continued for EXCHANGE_LIFETIME (RFC 7252 §4.8.2) is
 * dropped; so is the oldest beyond RX_MAX at once. */
#define RX_LIFETIME_MS (247 * 1000)
#define RX_MAX         16

/* The body of a request to one of our resources (see body_in()). */
typedef struct {
    const uint8_t *data; /* NULL when empty */
    size_t len;
    ds_rx_t *rx;      /* a collected Block1 body, freed by body_done() */
    bool block1;      /* the request had a Block1 option */
    coap_block_t blk; /* ... this one, echoed in the answer */
} body_t;

static void rx_free(ds_rx_t *x)
{
    coap_session_release(x->session);
    free(x->key);
    free(x->data);
    free(x);
}

static void rx_unlink(ds_t *ds, ds_rx_t *x)
{
    for (ds_rx_t **pp = &ds->rx; *pp; pp = &(*pp)->next) {
        if (*pp == x) {
            *pp = x->next;
            return;
        }
    }
}

/* Drop stale transfers; leave room for a new one. Newest first. */
static void rx_expire(ds_t *ds, int64_t now_ms)
{
    size_t n = 0;
    for (ds_rx_t **pp = &ds->rx; *pp;) {
        ds_rx_t *x = *pp;
        if (now_ms - x->last_ms > RX_LIFETIME_MS || ++n >= RX_MAX) {
            *pp = x->next;
            rx_free(x);
        } else {
            pp = &x->next;
        }
    }
}

/* Blocks belong together when they come from one session with one method
 * and path (§2.5; the token may change). */
static char *rx_key(const coap_pdu_t *req)
{
    static const char *const names[] = {"0.00",   "GET",   "POST",  "PUT",
                                        "DELETE", "FETCH", "PATCH", "iPATCH"};
    unsigned m = (unsigned)coap_pdu_get_code(req);
    coap_string_t *path = coap_get_uri_path(req);
    size_t n = path ? path->length : 0;
    char *key = ds_xmalloc(n + 16);
    snprintf(key, n + 16, "%s /%.*s", m < 8 ? names[m] : "?", (int)n,
             path ? (const char *)path->s : "");
    coap_delete_string(path);
    return key;
}

static ds_rx_t *rx_find(ds_t *ds, const coap_session_t *s, const char *key)
{
    for (ds_rx_t *x = ds->rx; x; x = x->next) {
        if (x->session == s && strcmp(x->key, key) == 0) {
            return x;
        }
    }
    return NULL;
}

/* Add block in->blk of this request to its transfer (a new one at block
 * 0). NULL with *code and *why when the block does not fit: 4.00 for a
 * block that is not of its size (§2.2), 4.08 out of order (§2.9.2), 4.13
 * too large (§2.9.3). */
static ds_rx_t *rx_add(ds_t *ds, coap_session_t *s, const coap_pdu_t *req,
                       const body_t *in, coap_pdu_code_t *code,
                       const char **why)
{
    int64_t now = ds_now_ms();
    char *key = rx_key(req);
    ds_rx_t *x = rx_find(ds, s, key);
    size_t size = (size_t)16 << in->blk.szx;
    size_t off = (size_t)in->blk.num << (in->blk.szx + 4);
    *code = COAP_RESPONSE_CODE_BAD_REQUEST;
    *why = in->blk.szx > 6 ? "block size 7 (BERT)"
           : in->len > size || (in->blk.m && in->len != size)
               ? "a block not of its size"
               : NULL;
    if (!*why && in->blk.num == 0) {
        if (x) {
            rx_unlink(ds, x);
            rx_free(x);
        }
        rx_expire(ds, now);
        x = ds_xmalloc(sizeof(*x));
        memset(x, 0, sizeof(*x));
        x->session = coap_session_reference(s);
        x->key = key;
        key = NULL;
        x->next = ds->rx;
        ds->rx = x;
    } else if (!*why && (!x || x->len != off)) {
        *code = COAP_RESPONSE_CODE(408);
        *why = "block out of order";
    } else if (!*why && x->len + in->len > DS_MAX_BODY) {
        *code = COAP_RESPONSE_CODE(413);
        *why = "body too large";
    }
    free(key);
    if (*why) {
        if (x) {
            rx_unlink(ds, x);
            rx_free(x);
        }
        return NULL;
    }
    x->data = realloc(x->data, x->len + in->len + 1);
    if (!x->data) {
        abort(); /* like ds_xmalloc: the tool cannot go on */
    }
    if (in->len > 0) {
        memcpy(x->data + x->len, in->data, in->len);
    }
    x->len += in->len;
    x->last_ms = now;
    return x;
}

static void add_block1(coap_pdu_t *resp, const coap_block_t *b, bool more)
{
    uint8_t buf[4];
    unsigned v = b->num << 4 | (more ? 8u : 0u) | b->szx;
    coap_add_option(resp, COAP_OPTION_BLOCK1,
                    coap_encode_var_safe(buf, sizeof(buf), v), buf);
}

/* The whole body of a request to one of our resources. A body in Block1
 * blocks (RFC 7959 §2.5) is collected here: every block but the last is
 * answered 2.31 Continue with its Block1 option, a bad one with an error.
 * True when *in holds the body and the caller answers (then body_done());
 * false when resp is set. */
static bool body_in(ds_t *ds, coap_session_t *s, const coap_pdu_t *req,
                    coap_pdu_t *resp, body_t *in)
{
    memset(in, 0, sizeof(*in));
    if (!coap_get_data(req, &in->len, &in->data)) {
        in->data = NULL;
        in->len = 0;
    }
    in->block1 = coap_get_block(req, COAP_OPTION_BLOCK1, &in->blk);
    if (!in->block1 || (in->blk.num == 0 && !in->blk.m)) {
        return true; /* all in this message */
    }
    coap_pdu_code_t code;
    const char *why;
    ds_rx_t *x = rx_add(ds, s, req, in, &code, &why);
    if (!x) {
        char *key = rx_key(req);
        printf("REJECTED block-wise %s: %s (block %u)\n", key, why,
               in->blk.num);
        coap_pdu_set_code(resp, code);
        free(key);
        return false;
    }
    if (in->blk.m) {
        coap_pdu_set_code(resp, COAP_RESPONSE_CODE(231));
        add_block1(resp, &in->blk, true);
        return false;
    }
    rx_unlink(ds, x);
    in->rx = x;
    in->data = x->data;
    in->len = x->len;
    return true;
}

/* A successful answer to a Block1 request acknowledges its last block
 * (§2.3); free the collected body. */
static void body_done(coap_pdu_t *resp, body_t *in)
{
    if (in->block1 && COAP_RESPONSE_CLASS(coap_pdu_get_code(resp)) == 2) {
        add_block1(resp, &in->blk, false);
    }
    if (in->rx) {
        rx_free(in->rx);
    }
}

/* Fill a new client from the Register query; NULL after reject(). */
static ds_client_t *client_from_query(const coap_string_t *q, coap_pdu_t *resp)
{
    char *ep = query_get(q, "ep");
    char *lt = query_get(q, "lt");
    uint32_t lifetime = DEFAULT_LIFETIME_S;
    const char *why = !ep || !*ep ? "no ep"
                      : lt && (parse_u32(lt, &lifetime) < 0 || !lifetime)
                          ? "bad lt"
                          : NULL;
    free(lt);
    if (why) {
        free(ep);
        reject(resp, COAP_RESPONSE_CODE_BAD_REQUEST, "register", why);
        return NULL;
    }
    ds_client_t *c = ds_xmalloc(sizeof(*c));
    memset(c, 0, sizeof(*c));
    c->ep = ep;
    c->lifetime_s = lifetime;
    c->lwm2m = query_get(q, "lwm2m");
    c->binding = query_get(q, "b");
    c->lwm2m = c->lwm2m ? c->lwm2m : ds_strdup("1.0");
    c->binding = c->binding ? c->binding : ds_strdup("U");
    return c;
}

/* Register (Core 1.1 §6.2.1) with the whole payload in. */
static void register_client(ds_t *ds, coap_session_t *s, const body_t *in,
                            const coap_string_t *q, coap_pdu_t *resp)
{
    ds_client_t *c = client_from_query(q, resp);
    if (!c) {
        return;
    }
    ds_client_t *old = ds_client_find(ds, c->ep);
    if (old) {
        client_remove(ds, old);
    }
    snprintf(c->id, sizeof(c->id), "%u", ++ds->next_id);
    c->objects = payload_string(in->data, in->len);
    c->root = find_root(c->objects);
    c->session = coap_session_reference(s);
    c->last_update_ms = ds_now_ms();
    c->update_seq = ds->event_seq;
    c->next = ds->clients;
    ds->clients = c;
    coap_add_option(resp, COAP_OPTION_LOCATION_PATH, 2, (const uint8_t *)"rd");
    coap_add_option(resp, COAP_OPTION_LOCATION_PATH, strlen(c->id),
                    (const uint8_t *)c->id);
    coap_pdu_set_code(resp, COAP_RESPONSE_CODE_CREATED);
    printf("REGISTERED ep=%s location=/rd/%s lt=%u lwm2m=%s b=%s objects=%s\n",
           c->ep, c->id, (unsigned)c->lifetime_s, c->lwm2m, c->binding,
           c->objects);
}

/* POST /rd?ep=...: Register (Core 1.1 §6.2.1, Transport 1.1 §6.4.3). */
static void rd_register(coap_resource_t *r, coap_session_t *s,
                        const coap_pdu_t *req, const coap_string_t *q,
                        coap_pdu_t *resp)
{
    (void)r;
    ds_t *ds = ds_of(s);
    body_t in;
    if (!body_in(ds, s, req, resp, &in)) {
        return;
    }
    register_client(ds, s, &in, q, resp);
    body_done(resp, &in);
}

/* POST /rd/<id>: Update (Core 1.1 §6.2.2); every parameter is optional. */
static void rd_update(ds_t *ds, ds_client_t *c, coap_session_t *s,
                      const body_t *in, const coap_string_t *q,
                      coap_pdu_t *resp)
{
    char *lt = query_get(q, "lt");
    uint32_t lifetime = c->lifetime_s;
    if (lt && (parse_u32(lt, &lifetime) < 0 || !lifetime)) {
        free(lt);
        reject(resp, COAP_RESPONSE_CODE_BAD_REQUEST, "update", "bad lt");
        return;
    }
    free(lt);
    c->lifetime_s = lifetime;
    char *b = query_get(q, "b");
    if (b) {
        free(c->binding);
        c->binding = b;
    }
    char *objects = payload_string(in->data, in->len);
    if (*objects) {
        free(c->objects);
        free(c->root);
        c->objects = objects;
        c->root = find_root(objects);
    } else {
        free(objects);
    }
    set_session(c, s); /* the client may have a new address (NAT) */
    c->last_update_ms = ds_now_ms();
    c->update_seq = ++ds->event_seq;
    coap_pdu_set_code(resp, COAP_RESPONSE_CODE_CHANGED);
    printf("UPDATED ep=%s location=/rd/%s lt=%u b=%s objects=%s\n", c->ep,
           c->id, (unsigned)c->lifetime_s, c->binding, c->objects);
}

/* Any request libcoap has no resource for: POST (Update) or DELETE
 * (De-register) on /rd/<id>; 4.04 for unknown locations, 4.05 for other
 * methods. */
static void rd_other(coap_resource_t *r, coap_session_t *s,
                     const coap_pdu_t *req, const coap_string_t *q,
                     coap_pdu_t *resp)
{
    (void)r;
    ds_t *ds = ds_of(s);
    body_t in;
    if (!body_in(ds, s, req, resp, &in)) {
        return;
    }
    coap_string_t *path = coap_get_uri_path(req);
    ds_client_t *c = NULL;
    if (path && path->length > 3 && path->length < 20 &&
        memcmp(path->s, "rd/", 3) == 0) {
        char id[20];
        memcpy(id, path->s + 3, path->length - 3);
        id[path->length - 3] = '\0';
        c = client_by_id(ds, id);
    }
    coap_pdu_code_t method = coap_pdu_get_code(req);
    if (!c) {
        printf("REJECTED %s /%.*s: unknown location\n",
               method == COAP_REQUEST_CODE_DELETE ? "deregister" : "request",
               path ? (int)path->length : 0, path ? (const char *)path->s : "");
        coap_pdu_set_code(resp, COAP_RESPONSE_CODE_NOT_FOUND);
    } else if (method == COAP_REQUEST_CODE_POST) {
        rd_update(ds, c, s, &in, q, resp);
    } else if (method != COAP_REQUEST_CODE_DELETE) {
        coap_pdu_set_code(resp, COAP_RESPONSE_CODE_NOT_ALLOWED);
    } else {
        /* De-register (Core 1.1 §6.2.3). */
        printf("DEREGISTERED ep=%s location=/rd/%s\n", c->ep, c->id);
        client_remove(ds, c);
        coap_pdu_set_code(resp, COAP_RESPONSE_CODE_DELETED);
    }
    coap_delete_string(path);
    body_done(resp, &in);
}

/* POST /dp: Send (Core 1.1 §6.4.7) from a registered client. */
static void dp_send(coap_resource_t *r, coap_session_t *s,
                    const coap_pdu_t *req, const coap_string_t *q,
                    coap_pdu_t *resp)
{
    (void)r;
    (void)q;
    ds_t *ds = ds_of(s);
    ds_client_t *c = client_by_session(ds, s);
    body_t in;
    if (!c) {
        reject(resp, COAP_RESPONSE_CODE_NOT_FOUND, "send", "not registered");
        return;
    }
    if (!body_in(ds, s, req, resp, &in)) {
        return;
    }
    coap_opt_iterator_t it;
    coap_opt_t *opt = coap_check_option(req, COAP_OPTION_CONTENT_FORMAT, &it);
    int ct = opt ? (int)coap_decode_var_bytes(coap_opt_value(opt),
                                              coap_opt_length(opt))
                 : DS_CT_NONE;
    printf("SEND ep=%s ct=%d\n", c->ep, ct);
    ds_print_payload(stdout, ct, in.data, in.len, NULL);
    coap_pdu_set_code(resp, COAP_RESPONSE_CODE_CHANGED);
    body_done(resp, &in);
}

int ds_registry_install(ds_t *ds)
{
    coap_resource_t *rd = coap_resource_init(coap_make_str_const("rd"), 0);
    coap_resource_t *dp = coap_resource_init(coap_make_str_const("dp"), 0);
    coap_resource_t *other = coap_resource_unknown_init(rd_other);
    if (!rd || !dp || !other) {
        return -1;
    }
    coap_register_handler(rd, COAP_REQUEST_POST, rd_register);
    coap_register_handler(dp, COAP_REQUEST_POST, dp_send);
    coap_register_handler(other, COAP_REQUEST_POST, rd_other);
    coap_register_handler(other, COAP_REQUEST_DELETE, rd_other);
    coap_add_resource(ds->ctx, rd);
    coap_add_resource(ds->ctx, dp);
    coap_add_resource(ds->ctx, other);
    return 0;
}

void ds_registry_expire(ds_t *ds, int64_t now_ms)
{
    ds_client_t *c = ds->clients;
    while (c) {
        ds_client_t *next = c->next;
        if (now_ms - c->last_update_ms >= (int64_t)c->lifetime_s * 1000) {
            printf("EXPIRED ep=%s location=/rd/%s\n", c->ep, c->id);
            client_remove(ds, c);
        }
        c = next;
    }
}

void ds_registry_list(ds_t *ds, FILE *f)
{
    size_t n = 0;
    for (ds_client_t *c = ds->clients; c; c = c->next) {
        n++;
    }
    fprintf(f, "CLIENTS %zu\n", n);
    int64_t now = ds_now_ms();
    for (ds_client_t *c = ds->clients; c; c = c->next) {
        unsigned char addr[INET6_ADDRSTRLEN + 16] = "?";
        const coap_address_t *ra = coap_session_get_addr_remote(c->session);
        if (ra) {
            coap_print_addr(ra, addr, sizeof(addr));
        }
        int64_t left =
            (int64_t)c->lifetime_s * 1000 - (now - c->last_update_ms);
        fprintf(f,
                "  ep=%s location=/rd/%s lt=%u expires_in=%lld lwm2m=%s b=%s "
                "addr=%s objects=%s\n",
                c->ep, c->id, (unsigned)c->lifetime_s, (long long)(left / 1000),
                c->lwm2m, c->binding, (const char *)addr, c->objects);
    }
}

void ds_registry_free(ds_t *ds)
{
    while (ds->rx) {
        ds_rx_t *x = ds->rx;
        ds->rx = x->next;
        rx_free(x);
    }
    while (ds->clients) {
        ds_client_t *c = ds->clients;
        ds->clients = c->next;
        client_free(c);
    }
}
