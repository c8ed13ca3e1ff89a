/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The Client Registration interface, server side: LwM2M Core 1.1 §6.2
 * (Register §6.2.1, Update §6.2.2, De-register §6.2.3) on CoAP as mapped by
 * LwM2M Transport 1.1 §6.4 (Table 6.4.3-1: POST /rd?ep=..., POST /rd/<id>,
 * DELETE /rd/<id>). Plus the Send operation's POST /dp (Core 1.1 §6.4.7).
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

/* The request payload as a NUL-terminated one-line string (may be empty);
 * control characters (and NULs) become '?'. */
static char *payload_string(const coap_pdu_t *req)
{
    size_t len = 0, off = 0, total = 0;
    const uint8_t *data = NULL;
    if (!coap_get_data_large(req, &len, &data, &off, &total)) {
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

/* POST /rd?ep=...: Register (Core 1.1 §6.2.1, Transport 1.1 §6.4.3). */
static void rd_register(coap_resource_t *r, coap_session_t *s,
                        const coap_pdu_t *req, const coap_string_t *q,
                        coap_pdu_t *resp)
{
    (void)r;
    ds_t *ds = ds_of(s);
    ds_client_t *c = client_from_query(q, resp);
    if (!c) {
        return;
    }
    ds_client_t *old = ds_client_find(ds, c->ep);
    if (old) {
        client_remove(ds, old);
    }
    snprintf(c->id, sizeof(c->id), "%u", ++ds->next_id);
    c->objects = payload_string(req);
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

/* POST /rd/<id>: Update (Core 1.1 §6.2.2); every parameter is optional. */
static void rd_update(ds_t *ds, ds_client_t *c, coap_session_t *s,
                      const coap_pdu_t *req, const coap_string_t *q,
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
    char *objects = payload_string(req);
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
        rd_update(ds, c, s, req, q, resp);
    } else if (method != COAP_REQUEST_CODE_DELETE) {
        coap_pdu_set_code(resp, COAP_RESPONSE_CODE_NOT_ALLOWED);
    } else {
        /* De-register (Core 1.1 §6.2.3). */
        printf("DEREGISTERED ep=%s location=/rd/%s\n", c->ep, c->id);
        client_remove(ds, c);
        coap_pdu_set_code(resp, COAP_RESPONSE_CODE_DELETED);
    }
    coap_delete_string(path);
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
    if (!c) {
        reject(resp, COAP_RESPONSE_CODE_NOT_FOUND, "send", "not registered");
        return;
    }
    coap_opt_iterator_t it;
    coap_opt_t *opt = coap_check_option(req, COAP_OPTION_CONTENT_FORMAT, &it);
    int ct = opt ? (int)coap_decode_var_bytes(coap_opt_value(opt),
                                              coap_opt_length(opt))
                 : DS_CT_NONE;
    size_t len = 0, off = 0, total = 0;
    const uint8_t *data = NULL;
    coap_get_data_large(req, &len, &data, &off, &total);
    printf("SEND ep=%s ct=%d\n", c->ep, ct);
    ds_print_payload(stdout, ct, data, len, NULL);
    coap_pdu_set_code(resp, COAP_RESPONSE_CODE_CHANGED);
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
    while (ds->clients) {
        ds_client_t *c = ds->clients;
        ds->clients = c->next;
        client_free(c);
    }
}
