/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* CoRE Link Format: RFC 6690 §2 (ABNF), RFC 5987 (parmname), RFC 3986
 * (URI-reference characters), RFC 2616 §2.2 (quoted-string). */
#include "io/link.h"

#include <string.h>

#include "io/json.h"
#include "io/text.h"

/* ---- Character classes ------------------------------------------------ */

static bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

static bool in_set(char c, const char *set)
{
    return c != '\0' && strchr(set, c) != NULL;
}

/* RFC 3986 unreserved, reserved and '%'. */
static bool uri_char(char c)
{
    return is_alnum(c) || in_set(c, "-._~:/?#[]@!$&'()*+,;=%");
}

/* RFC 5987 parmname (attr-char). */
static bool parmname_char(char c)
{
    return is_alnum(c) || in_set(c, "!#$&+-.^_`|~");
}

/* RFC 6690 ptokenchar. */
static bool ptoken_char(char c)
{
    return is_alnum(c) || in_set(c, "!#$%&'()*+-./:<=>?@[]^_`{|}~");
}

static bool is_ctl(uint8_t c)
{
    return c < 0x20 || c == 0x7F;
}

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* ---- Writer ----------------------------------------------------------------
 */

void lwci_link_writer_init(lwci_link_writer_t *w, lwci_io_sink_t *sink)
{
    w->sink = sink;
    w->first = true;
    w->in_link = false;
}

int lwci_link_write_uri(lwci_link_writer_t *w, const char *uri, size_t len)
{
    if (!w || (!uri && len)) {
        return LWC_ERR_INVALID_ARG;
    }
    for (size_t i = 0; i < len; i++) {
        if (!uri_char(uri[i])) {
            return LWC_ERR_INVALID_ARG;
        }
    }
    if (!w->first) {
        lwci_io_put_byte(w->sink, ',');
    }
    lwci_io_put_byte(w->sink, '<');
    lwci_io_put(w->sink, uri, len);
    lwci_io_put_byte(w->sink, '>');
    w->first = false;
    w->in_link = true;
    return LWC_OK;
}

int lwci_link_write_path(lwci_link_writer_t *w, const lwc_path_t *path)
{
    char t[LWC_PATH_STR_MAX];
    size_t n = 0;
    if (!w || lwc_path_format(path, t, sizeof(t), &n) != LWC_OK) {
        return LWC_ERR_INVALID_ARG;
    }
    return lwci_link_write_uri(w, t, n);
}

/* Checks the state and the name, then writes ";name". */
static int attr_name(lwci_link_writer_t *w, const char *name)
{
    if (!w || !name || !name[0]) {
        return LWC_ERR_INVALID_ARG;
    }
    if (!w->in_link) {
        return LWC_ERR_STATE;
    }
    for (const char *c = name; *c; c++) {
        /* parmname, or ext-name-star: parmname "*" (RFC 5987 §3.2.1) */
        bool star = *c == '*' && c[1] == '\0' && c != name;
        if (!parmname_char(*c) && !star) {
            return LWC_ERR_INVALID_ARG;
        }
    }
    lwci_io_put_byte(w->sink, ';');
    lwci_json_put_lit(w->sink, name);
    return LWC_OK;
}

int lwci_link_write_attr(lwci_link_writer_t *w, const char *name)
{
    return attr_name(w, name);
}

int lwci_link_write_attr_token(lwci_link_writer_t *w, const char *name,
                               const char *value, size_t len)
{
    if (!value || len == 0) {
        return LWC_ERR_INVALID_ARG;
    }
    for (size_t i = 0; i < len; i++) {
        if (!ptoken_char(value[i])) {
            return LWC_ERR_INVALID_ARG;
        }
    }
    int rc = attr_name(w, name);
    if (rc != LWC_OK) {
        return rc;
    }
    lwci_io_put_byte(w->sink, '=');
    lwci_io_put(w->sink, value, len);
    return LWC_OK;
}

int lwci_link_write_attr_quoted(lwci_link_writer_t *w, const char *name,
                                const char *value, size_t len)
{
    const uint8_t *v = (const uint8_t *)value;
    if ((!v && len) || !lwci_utf8_valid(v, len)) {
        return LWC_ERR_INVALID_ARG;
    }
    for (size_t i = 0; i < len; i++) {
        if (is_ctl(v[i])) {
            return LWC_ERR_INVALID_ARG;
        }
    }
    int rc = attr_name(w, name);
    if (rc != LWC_OK) {
        return rc;
    }
    lwci_json_put_lit(w->sink, "=\"");
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        if (v[i] == '"' || v[i] == '\\') {
            lwci_io_put(w->sink, v + run, i - run);
            lwci_io_put_byte(w->sink, '\\');
            run = i;
        }
    }
    lwci_io_put(w->sink, v + run, len - run);
    lwci_io_put_byte(w->sink, '"');
    return LWC_OK;
}

int lwci_link_write_attr_uint(lwci_link_writer_t *w, const char *name,
                              uint64_t v)
{
    char t[LWCI_TEXT_NUMBER_MAX];
    size_t n = lwci_text_format_uint(v, t, sizeof(t));
    return lwci_link_write_attr_token(w, name, t, n);
}

int lwci_link_write_attr_int(lwci_link_writer_t *w, const char *name, int64_t v)
{
    char t[LWCI_TEXT_NUMBER_MAX];
    size_t n = lwci_text_format_int(v, t, sizeof(t));
    return lwci_link_write_attr_token(w, name, t, n);
}

int lwci_link_write_attr_float(lwci_link_writer_t *w, const char *name,
                               double v)
{
    char t[LWCI_TEXT_NUMBER_MAX];
    if (v != v || v - v != 0.0) {
        return LWC_ERR_INVALID_ARG; /* NaN, infinity */
    }
    size_t n = lwci_text_format_float(v, t, sizeof(t));
    return lwci_link_write_attr_token(w, name, t, n);
}

/* ---- Parser ----------------------------------------------------------------
 */

void lwci_link_parser_init(lwci_link_parser_t *p, const char *buf, size_t len)
{
    p->buf = buf;
    p->len = buf ? len : 0;
    p->pos = 0;
}

/* The quoted-string starting at s[i] ('"'): the index after its closing
 * quote, 0 when malformed. Controls are refused, other bytes must be
 * UTF-8, a quoted-pair escapes one printable ASCII character. */
static size_t scan_quoted(const char *s, size_t n, size_t i)
{
    const uint8_t *u = (const uint8_t *)s;
    i++;
    while (i < n) {
        if (u[i] == '"') {
            return i + 1;
        }
        if (u[i] == '\\') {
            if (i + 1 >= n || is_ctl(u[i + 1]) || u[i + 1] >= 0x80) {
                return 0;
            }
            i += 2;
            continue;
        }
        if (is_ctl(u[i])) {
            return 0;
        }
        int k = lwci_utf8_seq(u + i, n - i);
        if (k <= 0) {
            return 0;
        }
        i += (size_t)k;
    }
    return 0;
}

/* ";name[=value]" at s[i]: the index after it, 0 when malformed; *a (if
 * not NULL) gets the spans. */
static size_t scan_param(const char *s, size_t n, size_t i, lwci_link_attr_t *a)
{
    lwci_link_attr_t at = {0};
    if (i >= n || s[i] != ';') {
        return 0;
    }
    size_t start = ++i;
    while (i < n && parmname_char(s[i])) {
        i++;
    }
    if (i == start) {
        return 0;
    }
    if (i < n && s[i] == '*') {
        i++; /* ext-name-star (RFC 5987 "title*") */
    }
    at.name = s + start;
    at.name_len = i - start;
    if (i < n && s[i] == '=') {
        size_t v = ++i;
        if (i < n && s[i] == '"') {
            i = scan_quoted(s, n, i);
            if (i == 0) {
                return 0;
            }
            at.value = s + v + 1;
            at.value_len = i - v - 2;
            at.quoted = true;
        } else {
            while (i < n && ptoken_char(s[i])) {
                i++;
            }
            if (i == v) {
                return 0;
            }
            at.value = s + v;
            at.value_len = i - v;
        }
    }
    if (a) {
        *a = at;
    }
    return i;
}

/* After a link: optional whitespace, then the end or ',' and more. */
static int scan_separator(const char *s, size_t n, size_t *i)
{
    size_t j = *i;
    while (j < n && is_ws(s[j])) {
        j++;
    }
    if (j < n) {
        if (s[j] != ',') {
            return LWC_ERR_MALFORMED;
        }
        j++;
        while (j < n && is_ws(s[j])) {
            j++;
        }
        if (j >= n) {
            return LWC_ERR_MALFORMED; /* trailing ',' */
        }
    }
    *i = j;
    return LWC_OK;
}

int lwci_link_next(lwci_link_parser_t *p, lwci_link_t *out)
{
    if (!p || !out) {
        return LWC_ERR_INVALID_ARG;
    }
    const char *s = p->buf;
    size_t n = p->len, i = p->pos;
    if (i >= n) {
        return LWC_ERR_NOT_FOUND;
    }
    if (s[i] != '<') {
        return LWC_ERR_MALFORMED;
    }
    size_t u = ++i;
    while (i < n && s[i] != '>') {
        if (!uri_char(s[i++])) {
            return LWC_ERR_MALFORMED;
        }
    }
    if (i >= n) {
        return LWC_ERR_MALFORMED;
    }
    lwci_link_t l = {.uri = s + u, .uri_len = i - u, .params = s + i + 1};
    size_t ps = ++i;
    while (i < n && s[i] == ';') {
        if (l.attr_count == LWCI_LINK_MAX_ATTRS) {
            return LWC_ERR_TOO_LARGE;
        }
        i = scan_param(s, n, i, NULL);
        if (i == 0) {
            return LWC_ERR_MALFORMED;
        }
        l.attr_count++;
    }
    l.params_len = i - ps;
    if (scan_separator(s, n, &i) != LWC_OK) {
        return LWC_ERR_MALFORMED;
    }
    p->pos = i;
    *out = l;
    return LWC_OK;
}

int lwci_link_attr_next(const lwci_link_t *l, size_t *iter,
                        lwci_link_attr_t *out)
{
    if (!l || !iter || !out) {
        return LWC_ERR_INVALID_ARG;
    }
    if (*iter >= l->params_len) {
        return LWC_ERR_NOT_FOUND;
    }
    size_t end = scan_param(l->params, l->params_len, *iter, out);
    if (end == 0) {
        return LWC_ERR_MALFORMED;
    }
    *iter = end;
    return LWC_OK;
}

bool lwci_link_attr_is(const lwci_link_attr_t *a, const char *name)
{
    size_t n = strlen(name);
    if (a->name_len != n) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char x = a->name[i], y = name[i];
        x = (x >= 'A' && x <= 'Z') ? (char)(x - 'A' + 'a') : x;
        y = (y >= 'A' && y <= 'Z') ? (char)(y - 'A' + 'a') : y;
        if (x != y) {
            return false;
        }
    }
    return true;
}

int lwci_link_attr_text(const lwci_link_attr_t *a, char *out, size_t cap,
                        size_t *out_len)
{
    if (!a->value) {
        return LWC_ERR_NOT_FOUND;
    }
    size_t o = 0;
    for (size_t i = 0; i < a->value_len; i++) {
        if (a->quoted && a->value[i] == '\\' && i + 1 < a->value_len) {
            i++;
        }
        if (o >= cap) {
            return LWC_ERR_NO_SPACE;
        }
        out[o++] = a->value[i];
    }
    *out_len = o;
    return LWC_OK;
}

int lwci_link_attr_uint(const lwci_link_attr_t *a, uint64_t *out)
{
    char t[24];
    size_t n;
    if (lwci_link_attr_text(a, t, sizeof(t), &n) != LWC_OK || n == 0 ||
        t[0] < '0' || t[0] > '9') {
        return LWC_ERR_MALFORMED;
    }
    return lwci_text_parse_uint(t, n, out) == LWC_OK ? LWC_OK
                                                     : LWC_ERR_MALFORMED;
}

int lwci_link_attr_float(const lwci_link_attr_t *a, double *out)
{
    char t[64];
    size_t n;
    if (lwci_link_attr_text(a, t, sizeof(t), &n) != LWC_OK || n == 0) {
        return LWC_ERR_MALFORMED;
    }
    for (size_t i = 0; i < n; i++) {
        if (!in_set(t[i], "0123456789.-+eE")) {
            return LWC_ERR_MALFORMED; /* no NaN, no infinity */
        }
    }
    double v;
    if (lwci_text_parse_float(t, n, &v) != LWC_OK) {
        return LWC_ERR_MALFORMED;
    }
    *out = v;
    return LWC_OK;
}

int lwci_link_uri_path(const lwci_link_t *l, lwc_path_t *out)
{
    if (!l || !out) {
        return LWC_ERR_INVALID_ARG;
    }
    return lwc_path_parse(l->uri, l->uri_len, out) == LWC_OK
               ? LWC_OK
               : LWC_ERR_MALFORMED;
}
