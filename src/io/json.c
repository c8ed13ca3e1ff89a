/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* A bounded, strict JSON reader and writer: RFC 8259, UTF-8 per RFC 3629. */
#include "io/json.h"

#include <string.h>

#include "io/base64.h"
#include "io/text.h"

/* ---- UTF-8 -----------------------------------------------------------------
 */

/* RFC 3629 §4: the allowed range of the second byte depends on the first
 * (no overlong forms, no surrogates, nothing above U+10FFFF). */
int lwci_utf8_seq(const uint8_t *p, size_t n)
{
    uint8_t c = p[0];
    int len;
    uint8_t lo = 0x80, hi = 0xBF;
    if (c < 0x80) {
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    for (int i = 1; i < len; i++) {
        if ((size_t)i >= n) {
            return -1;
        }
        if (p[i] < lo || p[i] > hi) {
            return 0;
        }
        lo = 0x80;
        hi = 0xBF;
    }
    return len;
}

bool lwci_utf8_valid(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        int k = lwci_utf8_seq(s + i, n - i);
        if (k <= 0) {
            return false;
        }
        i += (size_t)k;
    }
    return true;
}

/* ---- Reader ----------------------------------------------------------------
 */

void lwci_json_reader_init(lwci_json_reader_t *r, const uint8_t *buf,
                           size_t len, bool last)
{
    r->buf = buf;
    r->len = buf ? len : 0;
    r->pos = 0;
    r->last = last;
}

/* Running out of input: more may come unless this is the last chunk. */
static int eof(const lwci_json_reader_t *r)
{
    return r->last ? LWC_ERR_MALFORMED : LWC_ERR_WOULD_BLOCK;
}

static void skip_ws(lwci_json_reader_t *r)
{
    while (r->pos < r->len) {
        uint8_t c = r->buf[r->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            return;
        }
        r->pos++;
    }
}

bool lwci_json_at_end(lwci_json_reader_t *r)
{
    skip_ws(r);
    return r->pos >= r->len;
}

int lwci_json_peek(lwci_json_reader_t *r, lwci_json_tok_t *tok)
{
    skip_ws(r);
    if (r->pos >= r->len) {
        return eof(r);
    }
    uint8_t c = r->buf[r->pos];
    switch (c) {
    case '{':
        *tok = LWCI_JSON_T_OBJECT;
        return LWC_OK;
    case '[':
        *tok = LWCI_JSON_T_ARRAY;
        return LWC_OK;
    case '"':
        *tok = LWCI_JSON_T_STRING;
        return LWC_OK;
    case 't':
        *tok = LWCI_JSON_T_TRUE;
        return LWC_OK;
    case 'f':
        *tok = LWCI_JSON_T_FALSE;
        return LWC_OK;
    case 'n':
        *tok = LWCI_JSON_T_NULL;
        return LWC_OK;
    case '}':
        *tok = LWCI_JSON_T_END_OBJECT;
        return LWC_OK;
    case ']':
        *tok = LWCI_JSON_T_END_ARRAY;
        return LWC_OK;
    case ',':
        *tok = LWCI_JSON_T_COMMA;
        return LWC_OK;
    case ':':
        *tok = LWCI_JSON_T_COLON;
        return LWC_OK;
    default:
        if (c == '-' || (c >= '0' && c <= '9')) {
            *tok = LWCI_JSON_T_NUMBER;
            return LWC_OK;
        }
        return LWC_ERR_MALFORMED;
    }
}

int lwci_json_expect(lwci_json_reader_t *r, char c)
{
    skip_ws(r);
    if (r->pos >= r->len) {
        return eof(r);
    }
    if (r->buf[r->pos] != (uint8_t)c) {
        return LWC_ERR_MALFORMED;
    }
    r->pos++;
    return LWC_OK;
}

int lwci_json_accept(lwci_json_reader_t *r, char c, bool *found)
{
    skip_ws(r);
    if (r->pos >= r->len) {
        return eof(r);
    }
    *found = r->buf[r->pos] == (uint8_t)c;
    if (*found) {
        r->pos++;
    }
    return LWC_OK;
}

static int hex_val(uint8_t c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* "\uXXXX" at p[0..6): the 16-bit unit, or -1 when malformed. */
static long hex4(const uint8_t *p)
{
    if (p[0] != '\\' || p[1] != 'u') {
        return -1;
    }
    long v = 0;
    for (int i = 2; i < 6; i++) {
        int d = hex_val(p[i]);
        if (d < 0) {
            return -1;
        }
        v = v * 16 + d;
    }
    return v;
}

/*
 * The escape at p[0..n) (p[0] is '\\'): its code point and length.
 * LWC_ERR_WOULD_BLOCK when n is too short to hold it; LWC_ERR_MALFORMED
 * for an unknown escape, bad hex or an unpaired surrogate (RFC 8259 §7).
 */
static int parse_escape(const uint8_t *p, size_t n, size_t *used, uint32_t *cp)
{
    static const char plain[] = "\"\\/bfnrt";
    static const char value[] = "\"\\/\b\f\n\r\t";
    if (n < 2) {
        return LWC_ERR_WOULD_BLOCK;
    }
    const char *hit = p[1] ? strchr(plain, p[1]) : NULL;
    if (hit) {
        *cp = (uint8_t)value[hit - plain];
        *used = 2;
        return LWC_OK;
    }
    if (p[1] != 'u') {
        return LWC_ERR_MALFORMED;
    }
    if (n < 6) {
        return LWC_ERR_WOULD_BLOCK;
    }
    long hi = hex4(p);
    if (hi < 0 || (hi >= 0xDC00 && hi <= 0xDFFF)) {
        return LWC_ERR_MALFORMED;
    }
    if (hi < 0xD800 || hi > 0xDBFF) {
        *cp = (uint32_t)hi;
        *used = 6;
        return LWC_OK;
    }
    if (n < 12) {
        return LWC_ERR_WOULD_BLOCK;
    }
    long lo = hex4(p + 6);
    if (lo < 0xDC00 || lo > 0xDFFF) {
        return LWC_ERR_MALFORMED;
    }
    *cp =
        0x10000u + (((uint32_t)hi - 0xD800u) << 10) + ((uint32_t)lo - 0xDC00u);
    *used = 12;
    return LWC_OK;
}

static size_t utf8_len(uint32_t cp)
{
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

static size_t utf8_put(uint32_t cp, uint8_t out[4])
{
    size_t n = utf8_len(cp);
    if (n == 1) {
        out[0] = (uint8_t)cp;
        return 1;
    }
    for (size_t i = n - 1; i > 0; i--) {
        out[i] = (uint8_t)(0x80u | (cp & 0x3Fu));
        cp >>= 6;
    }
    out[0] = (uint8_t)((n == 2 ? 0xC0u : n == 3 ? 0xE0u : 0xF0u) | cp);
    return n;
}

int lwci_json_read_string(lwci_json_reader_t *r, lwci_json_str_t *out)
{
    skip_ws(r);
    if (r->pos >= r->len) {
        return eof(r);
    }
    if (r->buf[r->pos] != '"') {
        return LWC_ERR_MALFORMED;
    }
    size_t i = r->pos + 1, dec = 0;
    bool esc = false;
    for (;;) {
        if (i >= r->len) {
            return eof(r);
        }
        uint8_t c = r->buf[i];
        if (c == '"') {
            break;
        }
        if (c < 0x20) {
            return LWC_ERR_MALFORMED;
        }
        size_t used;
        uint32_t cp;
        if (c == '\\') {
            int rc = parse_escape(r->buf + i, r->len - i, &used, &cp);
            if (rc != LWC_OK) {
                return rc == LWC_ERR_WOULD_BLOCK ? eof(r) : rc;
            }
            esc = true;
            dec += utf8_len(cp);
        } else {
            int k = lwci_utf8_seq(r->buf + i, r->len - i);
            if (k == 0) {
                return LWC_ERR_MALFORMED;
            }
            if (k < 0) {
                return eof(r);
            }
            used = (size_t)k;
            dec += used;
        }
        i += used;
    }
    out->raw = r->buf + r->pos + 1;
    out->raw_len = i - r->pos - 1;
    out->len = dec;
    out->escaped = esc;
    r->pos = i + 1;
    return LWC_OK;
}

/* Digits from *i; at least one. */
static int digits(const lwci_json_reader_t *r, size_t *i)
{
    size_t start = *i;
    while (*i < r->len && r->buf[*i] >= '0' && r->buf[*i] <= '9') {
        (*i)++;
    }
    if (*i == start) {
        return *i >= r->len ? eof(r) : LWC_ERR_MALFORMED;
    }
    return LWC_OK;
}

/* RFC 8259 §6: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
int lwci_json_read_number(lwci_json_reader_t *r, lwci_json_num_t *out)
{
    skip_ws(r);
    size_t i = r->pos;
    bool integer = true;
    if (i < r->len && r->buf[i] == '-') {
        i++;
    }
    if (i >= r->len) {
        return eof(r);
    }
    if (r->buf[i] == '0') {
        i++;
    } else {
        int rc = digits(r, &i);
        if (rc != LWC_OK) {
            return rc;
        }
    }
    if (i < r->len && r->buf[i] == '.') {
        i++;
        integer = false;
        int rc = digits(r, &i);
        if (rc != LWC_OK) {
            return rc;
        }
    }
    if (i < r->len && (r->buf[i] == 'e' || r->buf[i] == 'E')) {
        i++;
        integer = false;
        if (i < r->len && (r->buf[i] == '+' || r->buf[i] == '-')) {
            i++;
        }
        int rc = digits(r, &i);
        if (rc != LWC_OK) {
            return rc;
        }
    }
    if (i >= r->len && !r->last) {
        return LWC_ERR_WOULD_BLOCK; /* more digits may follow */
    }
    out->text = (const char *)r->buf + r->pos;
    out->len = i - r->pos;
    out->integer = integer;
    r->pos = i;
    return LWC_OK;
}

static int literal(lwci_json_reader_t *r, const char *word)
{
    skip_ws(r);
    size_t n = strlen(word);
    for (size_t k = 0; k < n; k++) {
        if (r->pos + k >= r->len) {
            return eof(r);
        }
        if (r->buf[r->pos + k] != (uint8_t)word[k]) {
            return LWC_ERR_MALFORMED;
        }
    }
    r->pos += n;
    return LWC_OK;
}

int lwci_json_read_bool(lwci_json_reader_t *r, bool *out)
{
    lwci_json_tok_t tok;
    int rc = lwci_json_peek(r, &tok);
    if (rc != LWC_OK) {
        return rc;
    }
    if (tok != LWCI_JSON_T_TRUE && tok != LWCI_JSON_T_FALSE) {
        return LWC_ERR_MALFORMED;
    }
    *out = tok == LWCI_JSON_T_TRUE;
    return literal(r, *out ? "true" : "false");
}

/* A scalar value, or '{' / '[' opened (*opened gets the token). */
static int skip_scalar_or_open(lwci_json_reader_t *r, lwci_json_tok_t *opened)
{
    lwci_json_tok_t tok;
    lwci_json_str_t s;
    lwci_json_num_t num;
    int rc = lwci_json_peek(r, &tok);
    if (rc != LWC_OK) {
        return rc;
    }
    *opened = tok;
    switch (tok) {
    case LWCI_JSON_T_OBJECT:
    case LWCI_JSON_T_ARRAY:
        r->pos++;
        return LWC_OK;
    case LWCI_JSON_T_STRING:
        return lwci_json_read_string(r, &s);
    case LWCI_JSON_T_NUMBER:
        return lwci_json_read_number(r, &num);
    case LWCI_JSON_T_TRUE:
        return literal(r, "true");
    case LWCI_JSON_T_FALSE:
        return literal(r, "false");
    case LWCI_JSON_T_NULL:
        return literal(r, "null");
    default:
        return LWC_ERR_MALFORMED;
    }
}

/* A member name and its ':' inside an object. */
int lwci_json_read_key(lwci_json_reader_t *r, lwci_json_str_t *key)
{
    int rc = lwci_json_read_string(r, key);
    return rc != LWC_OK ? rc : lwci_json_expect(r, ':');
}

int lwci_json_end_element(lwci_json_reader_t *r, char close, bool *more)
{
    int rc = lwci_json_accept(r, ',', more);
    if (rc == LWC_OK && !*more) {
        rc = lwci_json_expect(r, close);
    }
    return rc;
}

/*
 * Iterative: `stack` has one bit per open container (1: object), so the
 * depth bound is the only limit and no recursion is needed. Every pass
 * consumes input or returns.
 */
int lwci_json_skip_value(lwci_json_reader_t *r, unsigned max_depth)
{
    uint32_t stack = 0;
    unsigned depth = 0;
    lwci_json_str_t key;
    int rc;
    if (max_depth > LWCI_JSON_MAX_DEPTH) {
        max_depth = LWCI_JSON_MAX_DEPTH;
    }
    for (;;) {
        lwci_json_tok_t t;
        if ((rc = skip_scalar_or_open(r, &t)) != LWC_OK) {
            return rc;
        }
        if (t == LWCI_JSON_T_OBJECT || t == LWCI_JSON_T_ARRAY) {
            if (depth == max_depth) {
                return LWC_ERR_MALFORMED;
            }
            bool obj = t == LWCI_JSON_T_OBJECT;
            stack = (stack << 1) | (obj ? 1u : 0u);
            depth++;
            bool empty;
            if ((rc = lwci_json_accept(r, obj ? '}' : ']', &empty)) != LWC_OK) {
                return rc;
            }
            if (!empty) {
                if (obj && (rc = lwci_json_read_key(r, &key)) != LWC_OK) {
                    return rc;
                }
                continue;
            }
            stack >>= 1;
            depth--;
        }
        /* A value ended: close containers or go to the next member. */
        for (;;) {
            if (depth == 0) {
                return LWC_OK;
            }
            bool obj = stack & 1u;
            bool more;
            if ((rc = lwci_json_accept(r, ',', &more)) != LWC_OK) {
                return rc;
            }
            if (more) {
                if (obj && (rc = lwci_json_read_key(r, &key)) != LWC_OK) {
                    return rc;
                }
                break;
            }
            if ((rc = lwci_json_expect(r, obj ? '}' : ']')) != LWC_OK) {
                return rc;
            }
            stack >>= 1;
            depth--;
        }
    }
}

int lwci_json_validate(const uint8_t *buf, size_t len, unsigned max_depth)
{
    lwci_json_reader_t r;
    lwci_json_reader_init(&r, buf, len, true);
    int rc = lwci_json_skip_value(&r, max_depth);
    if (rc != LWC_OK) {
        return LWC_ERR_MALFORMED;
    }
    return lwci_json_at_end(&r) ? LWC_OK : LWC_ERR_MALFORMED;
}

/* ---- Tokens ----------------------------------------------------------------
 */

/* The next character of a validated string body as UTF-8 bytes in u;
 * returns the raw bytes it took (always >= 1). */
static size_t str_unit(const uint8_t *p, size_t n, uint8_t u[4], size_t *ulen)
{
    if (p[0] == '\\') {
        size_t used = 1;
        uint32_t cp = 0xFFFD;
        if (parse_escape(p, n, &used, &cp) != LWC_OK) {
            used = 1; /* not reached for a validated string */
        }
        *ulen = utf8_put(cp, u);
        return used;
    }
    int k = lwci_utf8_seq(p, n);
    size_t used = k > 0 ? (size_t)k : 1;
    memcpy(u, p, used);
    *ulen = used;
    return used;
}

bool lwci_json_str_eq(const lwci_json_str_t *s, const char *lit)
{
    size_t n = strlen(lit);
    if (s->len != n) {
        return false;
    }
    if (!s->escaped) {
        return memcmp(s->raw, lit, n) == 0;
    }
    size_t i = 0, o = 0;
    while (i < s->raw_len) {
        uint8_t u[4];
        size_t ulen;
        i += str_unit(s->raw + i, s->raw_len - i, u, &ulen);
        if (o + ulen > n || memcmp(lit + o, u, ulen) != 0) {
            return false;
        }
        o += ulen;
    }
    return o == n;
}

char lwci_json_str_last(const lwci_json_str_t *s)
{
    size_t i = 0;
    uint8_t u[4];
    size_t ulen = 0;
    while (i < s->raw_len) {
        i += str_unit(s->raw + i, s->raw_len - i, u, &ulen);
    }
    if (ulen == 0) {
        return '\0';
    }
    return ulen == 1 ? (char)u[0] : (char)0x80;
}

int lwci_json_str_decode(const lwci_json_str_t *s, uint8_t *out, size_t cap)
{
    if (s->len > cap) {
        return LWC_ERR_TOO_LARGE;
    }
    size_t i = 0, o = 0;
    while (i < s->raw_len) {
        uint8_t u[4];
        size_t ulen;
        i += str_unit(s->raw + i, s->raw_len - i, u, &ulen);
        if (o + ulen > cap) {
            return LWC_ERR_TOO_LARGE;
        }
        memcpy(out + o, u, ulen);
        o += ulen;
    }
    return LWC_OK;
}

int lwci_json_num_value(const lwci_json_num_t *n, lwc_value_t *out)
{
    lwc_value_t v = {0, {0}};
    if (n->integer) {
        if (lwci_text_parse_int(n->text, n->len, &v.i) == LWC_OK) {
            v.type = LWC_TYPE_INT;
            *out = v;
            return LWC_OK;
        }
        if (n->text[0] != '-' &&
            lwci_text_parse_uint(n->text, n->len, &v.u) == LWC_OK) {
            v.type = LWC_TYPE_UINT;
            *out = v;
            return LWC_OK;
        }
    }
    if (lwci_text_parse_float(n->text, n->len, &v.f) != LWC_OK) {
        return LWC_ERR_MALFORMED;
    }
    v.type = LWC_TYPE_FLOAT;
    *out = v;
    return LWC_OK;
}

/* ---- Values of the JSON formats ----------------------------------------- */

int lwci_json_str_value(const lwci_json_str_t *s, uint8_t *scratch, size_t cap,
                        lwc_value_t *out)
{
    lwc_value_t v = {0, {0}};
    v.type = LWC_TYPE_STRING;
    v.bytes.len = s->len;
    v.bytes.data = s->raw;
    if (s->escaped) {
        int rc = lwci_json_str_decode(s, scratch, cap);
        if (rc != LWC_OK) {
            return rc;
        }
        v.bytes.data = scratch;
    }
    *out = v;
    return LWC_OK;
}

int lwci_json_str_base64(const lwci_json_str_t *s, unsigned flags,
                         uint8_t *scratch, size_t cap, lwc_value_t *out)
{
    const char *src = (const char *)s->raw;
    if (s->escaped) {
        /* Unescape into scratch, then decode in place. */
        int rc = lwci_json_str_decode(s, scratch, cap);
        if (rc != LWC_OK) {
            return rc;
        }
        src = (const char *)scratch;
    }
    size_t n = 0;
    int rc = lwci_b64_decode(src, s->len, scratch, cap, flags, &n);
    if (rc != LWC_OK) {
        return rc;
    }
    *out = lwc_value_opaque(n ? scratch : s->raw, n);
    return LWC_OK;
}

int lwci_json_str_objlnk(const lwci_json_str_t *s, lwc_value_t *out)
{
    uint8_t tmp[16];
    if (s->len > sizeof(tmp) || lwci_json_str_decode(s, tmp, sizeof(tmp))) {
        return LWC_ERR_MALFORMED;
    }
    if (lwci_text_decode((const char *)tmp, s->len, LWC_TYPE_OBJLNK, out)) {
        return LWC_ERR_MALFORMED;
    }
    return LWC_OK;
}

/* ---- Writer ----------------------------------------------------------------
 */

void lwci_json_put_lit(lwci_io_sink_t *s, const char *lit)
{
    lwci_io_put(s, lit, strlen(lit));
}

static void put_escape(lwci_io_sink_t *s, uint8_t c)
{
    static const char hex[] = "0123456789abcdef";
    char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15u]};
    switch (c) {
    case '"':
    case '\\':
        e[1] = (char)c;
        break;
    case '\b':
        e[1] = 'b';
        break;
    case '\f':
        e[1] = 'f';
        break;
    case '\n':
        e[1] = 'n';
        break;
    case '\r':
        e[1] = 'r';
        break;
    case '\t':
        e[1] = 't';
        break;
    default:
        lwci_io_put(s, e, 6);
        return;
    }
    lwci_io_put(s, e, 2);
}

int lwci_json_put_string(lwci_io_sink_t *s, const void *data, size_t len)
{
    const uint8_t *p = data;
    if ((!p && len) || !lwci_utf8_valid(p, len)) {
        return LWC_ERR_INVALID_ARG;
    }
    lwci_io_put_byte(s, '"');
    size_t run = 0; /* start of the pending run of plain bytes */
    for (size_t i = 0; i < len; i++) {
        if (p[i] < 0x20 || p[i] == '"' || p[i] == '\\') {
            lwci_io_put(s, p + run, i - run);
            put_escape(s, p[i]);
            run = i + 1;
        }
    }
    lwci_io_put(s, p + run, len - run);
    lwci_io_put_byte(s, '"');
    return LWC_OK;
}

int lwci_json_put_number(lwci_io_sink_t *s, const lwc_value_t *v)
{
    char num[LWCI_TEXT_NUMBER_MAX];
    if (v->type == LWC_TYPE_FLOAT && (v->f != v->f || v->f - v->f != 0.0)) {
        return LWC_ERR_UNSUPPORTED; /* NaN, infinity: no JSON number */
    }
    size_t n = lwci_text_format_number(v, num, sizeof(num));
    if (n == 0) {
        return LWC_ERR_UNSUPPORTED;
    }
    lwci_io_put(s, num, n);
    return LWC_OK;
}

void lwci_json_put_base64(lwci_io_sink_t *s, const void *data, size_t len,
                          unsigned flags)
{
    const uint8_t *p = data;
    lwci_io_put_byte(s, '"');
    for (size_t i = 0; i < len; i += 3) {
        char grp[4];
        size_t k =
            lwci_b64_encode_group(p + i, len - i < 3 ? len - i : 3, grp, flags);
        lwci_io_put(s, grp, k);
    }
    lwci_io_put_byte(s, '"');
}

void lwci_json_put_objlnk(lwci_io_sink_t *s, uint16_t oid, uint16_t iid)
{
    char tmp[14];
    size_t n = 0;
    tmp[n++] = '"';
    n += lwci_text_format_uint(oid, tmp + n, sizeof(tmp) - n);
    tmp[n++] = ':';
    n += lwci_text_format_uint(iid, tmp + n, sizeof(tmp) - n);
    tmp[n++] = '"';
    lwci_io_put(s, tmp, n);
}
