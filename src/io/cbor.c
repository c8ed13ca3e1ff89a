/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Bounded CBOR reader and writer: RFC 8949 §3 (encoding), §4.2 (preferred
 * serialization). See cbor.h for what is accepted. */
#include "io/cbor.h"

#include <string.h>

#include "io/text.h"

#define AI_INDEFINITE 31u
#define AI_ONE_BYTE   24u
#define BREAK_BYTE    0xffu

/* Definite counts above this are refused: no payload can hold them, and
 * the sentinels below stay free. */
#define COUNT_MAX ((uint64_t)1 << 62)

/* lwci_cbor_skip() bookkeeping for indefinite containers. */
#define LEFT_INDEF_ARRAY    UINT64_MAX
#define LEFT_INDEF_MAP_EVEN (UINT64_MAX - 1)
#define LEFT_INDEF_MAP_ODD  (UINT64_MAX - 2)

void lwci_cbor_reader_init(lwci_cbor_reader_t *r, const uint8_t *buf,
                           size_t len)
{
    r->buf = buf;
    r->len = buf ? len : 0;
    r->pos = 0;
}

/* ---- UTF-8 (RFC 3629 §4) ------------------------------------------------- */

/* The continuation bytes a lead byte announces (-1: not a lead byte), its
 * payload bits and the smallest code point that needs that length. */
static int utf8_lead(uint8_t c, uint32_t *cp, uint32_t *min)
{
    if ((c & 0xe0) == 0xc0) {
        *cp = c & 0x1fu;
        *min = 0x80;
        return 1;
    }
    if ((c & 0xf0) == 0xe0) {
        *cp = c & 0x0fu;
        *min = 0x800;
        return 2;
    }
    if ((c & 0xf8) == 0xf0) {
        *cp = c & 0x07u;
        *min = 0x10000;
        return 3;
    }
    return -1;
}

bool lwci_cbor_utf8_valid(const uint8_t *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        uint32_t min;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        int n = utf8_lead(s[i], &cp, &min);
        if (n < 0 || len - i - 1 < (size_t)n) {
            return false;
        }
        for (int k = 1; k <= n; k++) {
            if ((s[i + k] & 0xc0) != 0x80) {
                return false;
            }
            cp = (cp << 6) | (s[i + k] & 0x3fu);
        }
        /* No overlong forms, no surrogates, nothing above U+10FFFF. */
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return false;
        }
        i += (size_t)n + 1;
    }
    return true;
}

/* ---- Floats without libm (IEEE 754 binary16/32/64) ---------------------- */

static double bits_to_double(uint64_t bits)
{
    double d;
    memcpy(&d, &bits, sizeof(d));
    return d;
}

static double half_to_double(uint16_t h)
{
    uint64_t sign = (uint64_t)(h >> 15) << 63;
    unsigned exp = (h >> 10) & 0x1fu;
    uint64_t mant = h & 0x3ffu;

    if (exp == 0) {
        /* Zero or subnormal: mant * 2^-24, exact in a double. */
        double d = (double)mant / 16777216.0;
        return sign ? -d : d;
    }
    if (exp == 31) {
        return bits_to_double(sign | 0x7ff0000000000000u | (mant << 42));
    }
    return bits_to_double(sign | ((uint64_t)(exp - 15 + 1023) << 52) |
                          (mant << 42));
}

static double single_to_double(uint32_t bits)
{
    float f;
    memcpy(&f, &bits, sizeof(f));
    return (double)f;
}

/* ---- Reader -------------------------------------------------------------- */

static uint64_t load_be(const uint8_t *p, size_t n)
{
    uint64_t x = 0;
    for (size_t i = 0; i < n; i++) {
        x = (x << 8) | p[i];
    }
    return x;
}

static int read_simple(unsigned ai, uint64_t arg, lwci_cbor_item_t *it)
{
    if (ai >= 25) {
        it->type = LWCI_CBOR_T_FLOAT;
        it->arg = (uint64_t)1 << (ai - 24);
        it->f = ai == 25   ? half_to_double((uint16_t)arg)
                : ai == 26 ? single_to_double((uint32_t)arg)
                           : bits_to_double(arg);
        return LWC_OK;
    }
    if (ai == AI_ONE_BYTE && arg < 32) {
        return LWC_ERR_MALFORMED; /* RFC 8949 §3.3: not well-formed */
    }
    it->arg = arg;
    it->type = arg == 20   ? LWCI_CBOR_T_FALSE
               : arg == 21 ? LWCI_CBOR_T_TRUE
               : arg == 22 ? LWCI_CBOR_T_NULL
               : arg == 23 ? LWCI_CBOR_T_UNDEFINED
                           : LWCI_CBOR_T_SIMPLE;
    return LWC_OK;
}

static int read_indefinite(unsigned major, lwci_cbor_item_t *it)
{
    switch (major) {
    case LWCI_CBOR_MAJOR_BYTES:
    case LWCI_CBOR_MAJOR_TEXT:
    case LWCI_CBOR_MAJOR_ARRAY:
    case LWCI_CBOR_MAJOR_MAP:
        it->type = (uint8_t)major;
        it->indefinite = true;
        return LWC_OK;
    case LWCI_CBOR_MAJOR_SIMPLE:
        it->type = LWCI_CBOR_T_BREAK;
        return LWC_OK;
    default:
        return LWC_ERR_MALFORMED;
    }
}

static int read_string_body(lwci_cbor_reader_t *r, lwci_cbor_item_t *it)
{
    if (it->arg > r->len - r->pos) {
        return LWC_ERR_WOULD_BLOCK;
    }
    it->data = r->buf + r->pos;
    if (it->type == LWCI_CBOR_T_TEXT &&
        !lwci_cbor_utf8_valid(it->data, (size_t)it->arg)) {
        return LWC_ERR_MALFORMED;
    }
    r->pos += (size_t)it->arg;
    return LWC_OK;
}

static int read_head(lwci_cbor_reader_t *r, lwci_cbor_item_t *it)
{
    memset(it, 0, sizeof(*it));
    if (r->pos >= r->len) {
        return LWC_ERR_WOULD_BLOCK;
    }
    uint8_t ib = r->buf[r->pos++];
    unsigned major = ib >> 5;
    unsigned ai = ib & 0x1fu;
    uint64_t arg = ai;

    if (ai == AI_INDEFINITE) {
        return read_indefinite(major, it);
    }
    if (ai > 27) {
        return LWC_ERR_MALFORMED; /* 28-30 are reserved */
    }
    if (ai >= AI_ONE_BYTE) {
        size_t n = (size_t)1 << (ai - AI_ONE_BYTE);
        if (n > r->len - r->pos) {
            return LWC_ERR_WOULD_BLOCK;
        }
        arg = load_be(r->buf + r->pos, n);
        r->pos += n;
    }
    if (major == LWCI_CBOR_MAJOR_SIMPLE) {
        return read_simple(ai, arg, it);
    }
    it->type = (uint8_t)major;
    it->arg = arg;
    if (major == LWCI_CBOR_MAJOR_BYTES || major == LWCI_CBOR_MAJOR_TEXT) {
        return read_string_body(r, it);
    }
    return LWC_OK;
}

int lwci_cbor_read(lwci_cbor_reader_t *r, lwci_cbor_item_t *it)
{
    size_t start = r->pos;
    int rc = read_head(r, it);
    if (rc != LWC_OK) {
        r->pos = start;
    }
    return rc;
}

int lwci_cbor_peek(const lwci_cbor_reader_t *r, lwci_cbor_item_t *it)
{
    lwci_cbor_reader_t tmp = *r;
    return read_head(&tmp, it);
}

/* The chunks of an indefinite string, joined at sc->buf + sc->used; with
 * sc NULL they are only checked. */
static int read_chunks(lwci_cbor_reader_t *r, uint8_t type,
                       lwci_cbor_scratch_t *sc, const uint8_t **data,
                       size_t *len)
{
    size_t first = sc ? sc->used : 0;
    lwci_cbor_item_t c;

    for (;;) {
        int rc = read_head(r, &c);
        if (rc != LWC_OK) {
            return rc;
        }
        if (c.type == LWCI_CBOR_T_BREAK) {
            break;
        }
        if (c.type != type || c.indefinite) {
            return LWC_ERR_MALFORMED;
        }
        if (!sc || c.arg == 0) {
            continue;
        }
        if (c.arg > sc->cap - sc->used) {
            return LWC_ERR_TOO_LARGE;
        }
        memcpy(sc->buf + sc->used, c.data, (size_t)c.arg);
        sc->used += (size_t)c.arg;
    }
    *data = sc && sc->used > first ? sc->buf + first : NULL;
    *len = sc ? sc->used - first : 0;
    return LWC_OK;
}

int lwci_cbor_read_string(lwci_cbor_reader_t *r, const lwci_cbor_item_t *head,
                          lwci_cbor_scratch_t *sc, const uint8_t **data,
                          size_t *len)
{
    if (head->type != LWCI_CBOR_T_BYTES && head->type != LWCI_CBOR_T_TEXT) {
        return LWC_ERR_MALFORMED;
    }
    if (!head->indefinite) {
        *data = head->data;
        *len = (size_t)head->arg;
        return LWC_OK;
    }
    lwci_cbor_scratch_t none = {NULL, 0, 0};
    lwci_cbor_scratch_t *use = sc ? sc : &none;
    size_t start = r->pos;
    size_t used = use->used;
    int rc = read_chunks(r, head->type, use, data, len);
    if (rc != LWC_OK) {
        r->pos = start;
        use->used = used;
    }
    return rc;
}

/* ---- Skipping a whole item ---------------------------------------------- */

/* One more item finished inside the containers on the stack: pop every
 * definite container it completes. */
static void item_done(uint64_t *left, unsigned *depth)
{
    while (*depth > 0) {
        uint64_t *l = &left[*depth - 1];
        if (*l == LEFT_INDEF_ARRAY) {
            return;
        }
        if (*l == LEFT_INDEF_MAP_EVEN || *l == LEFT_INDEF_MAP_ODD) {
            *l = *l == LEFT_INDEF_MAP_EVEN ? LEFT_INDEF_MAP_ODD
                                           : LEFT_INDEF_MAP_EVEN;
            return;
        }
        if (--*l > 0) {
            return;
        }
        (*depth)--;
    }
}

/* A container head: push it, or count it as done when it is empty. */
static int open_container(const lwci_cbor_item_t *it, uint64_t *left,
                          unsigned *depth)
{
    uint64_t n;
    if (it->arg > COUNT_MAX) {
        return LWC_ERR_MALFORMED;
    }
    if (it->indefinite) {
        n = it->type == LWCI_CBOR_T_MAP ? LEFT_INDEF_MAP_EVEN
                                        : LEFT_INDEF_ARRAY;
    } else {
        n = it->type == LWCI_CBOR_T_MAP ? 2 * it->arg : it->arg;
    }
    if (n == 0) {
        item_done(left, depth);
        return LWC_OK;
    }
    if (*depth == LWCI_CBOR_MAX_DEPTH) {
        return LWC_ERR_MALFORMED;
    }
    left[(*depth)++] = n;
    return LWC_OK;
}

static int close_indefinite(uint64_t *left, unsigned *depth)
{
    if (*depth == 0) {
        return LWC_ERR_MALFORMED;
    }
    uint64_t l = left[*depth - 1];
    if (l != LEFT_INDEF_ARRAY && l != LEFT_INDEF_MAP_EVEN) {
        return LWC_ERR_MALFORMED; /* definite container, or a lone key */
    }
    (*depth)--;
    item_done(left, depth);
    return LWC_OK;
}

static int skip_item(lwci_cbor_reader_t *r)
{
    uint64_t left[LWCI_CBOR_MAX_DEPTH];
    unsigned depth = 0;
    bool tagged = false;
    const uint8_t *data;
    size_t len;

    for (;;) {
        lwci_cbor_item_t it;
        int rc = read_head(r, &it);
        if (rc != LWC_OK) {
            return rc;
        }
        switch (it.type) {
        case LWCI_CBOR_T_TAG:
            tagged = true;
            continue; /* the tagged item follows */
        case LWCI_CBOR_T_BREAK:
            rc = tagged ? LWC_ERR_MALFORMED : close_indefinite(left, &depth);
            break;
        case LWCI_CBOR_T_ARRAY:
        case LWCI_CBOR_T_MAP:
            rc = open_container(&it, left, &depth);
            break;
        case LWCI_CBOR_T_BYTES:
        case LWCI_CBOR_T_TEXT:
            if (it.indefinite) {
                rc = read_chunks(r, it.type, NULL, &data, &len);
            }
            if (rc == LWC_OK) {
                item_done(left, &depth);
            }
            break;
        default:
            item_done(left, &depth);
            break;
        }
        if (rc != LWC_OK) {
            return rc;
        }
        tagged = false;
        if (depth == 0) {
            return LWC_OK;
        }
    }
}

int lwci_cbor_skip(lwci_cbor_reader_t *r)
{
    size_t start = r->pos;
    int rc = skip_item(r);
    if (rc != LWC_OK) {
        r->pos = start;
    }
    return rc;
}

/* ---- Values ---------------------------------------------------------------
 * RFC 8949 §3.4.2 (tag 1), §3.4.4 (tag 4). */

/* -1 - arg as an int64, or LWC_ERR_MALFORMED below INT64_MIN. */
static int negint_value(uint64_t arg, int64_t *out)
{
    if (arg > (uint64_t)INT64_MAX) {
        return LWC_ERR_MALFORMED;
    }
    *out = -1 - (int64_t)arg;
    return LWC_OK;
}

/* An integer item (major 0 or 1) within int64. */
static int int_item(const lwci_cbor_item_t *it, int64_t *out)
{
    if (it->type == LWCI_CBOR_T_NEGINT) {
        return negint_value(it->arg, out);
    }
    if (it->type != LWCI_CBOR_T_UINT || it->arg > (uint64_t)INT64_MAX) {
        return LWC_ERR_MALFORMED;
    }
    *out = (int64_t)it->arg;
    return LWC_OK;
}

/* 1(int) or 1(integral float) as seconds since the epoch. */
static int read_time(lwci_cbor_reader_t *r, lwc_value_t *out)
{
    lwci_cbor_item_t it;
    int64_t t;
    int rc = read_head(r, &it);
    if (rc != LWC_OK) {
        return rc;
    }
    if (it.type == LWCI_CBOR_T_FLOAT) {
        /* 2^63 bounds keep the conversion defined (C11 6.3.1.4). */
        if (!(it.f >= -9223372036854775808.0 && it.f < 9223372036854775808.0)) {
            return LWC_ERR_MALFORMED;
        }
        t = (int64_t)it.f;
        if ((double)t != it.f) {
            return LWC_ERR_MALFORMED; /* fractional seconds */
        }
    } else if (int_item(&it, &t) != LWC_OK) {
        return LWC_ERR_MALFORMED;
    }
    *out = lwc_value_time(t);
    return LWC_OK;
}

/* 4([exponent, mantissa]): mantissa * 10^exponent, both 64-bit integers. */
static int read_decimal(lwci_cbor_reader_t *r, lwc_value_t *out)
{
    lwci_cbor_item_t arr, e, m;
    int64_t exp10;
    int rc = read_head(r, &arr);
    if (rc == LWC_OK) {
        rc = read_head(r, &e);
    }
    if (rc == LWC_OK) {
        rc = read_head(r, &m);
    }
    if (rc != LWC_OK) {
        return rc;
    }
    if (arr.type != LWCI_CBOR_T_ARRAY || arr.indefinite || arr.arg != 2 ||
        int_item(&e, &exp10) != LWC_OK ||
        (m.type != LWCI_CBOR_T_UINT && m.type != LWCI_CBOR_T_NEGINT)) {
        return LWC_ERR_MALFORMED;
    }
    /* |mantissa|; -1 - arg has magnitude arg + 1, which must fit. */
    uint64_t mag = m.arg;
    if (m.type == LWCI_CBOR_T_NEGINT) {
        if (mag == UINT64_MAX) {
            return LWC_ERR_MALFORMED;
        }
        mag++;
    }
    /* Beyond +-400 the result is certainly infinite or zero. */
    int e10 = exp10 > 400 ? 400 : exp10 < -400 ? -400 : (int)exp10;
    double v = lwci_text_scale10(mag, e10);
    if (v - v != 0.0) {
        return LWC_ERR_MALFORMED; /* overflowed to infinity */
    }
    *out = lwc_value_float(m.type == LWCI_CBOR_T_NEGINT ? -v : v);
    return LWC_OK;
}

static int scalar_value(lwci_cbor_reader_t *r, const lwci_cbor_item_t *it,
                        lwci_cbor_scratch_t *sc, lwc_value_t *out)
{
    const uint8_t *data;
    size_t len;
    int64_t i;
    int rc;

    switch (it->type) {
    case LWCI_CBOR_T_UINT:
        *out = it->arg > (uint64_t)INT64_MAX ? lwc_value_uint(it->arg)
                                             : lwc_value_int((int64_t)it->arg);
        return LWC_OK;
    case LWCI_CBOR_T_NEGINT:
        rc = negint_value(it->arg, &i);
        if (rc == LWC_OK) {
            *out = lwc_value_int(i);
        }
        return rc;
    case LWCI_CBOR_T_FLOAT:
        *out = lwc_value_float(it->f);
        return LWC_OK;
    case LWCI_CBOR_T_FALSE:
    case LWCI_CBOR_T_TRUE:
        *out = lwc_value_bool(it->type == LWCI_CBOR_T_TRUE);
        return LWC_OK;
    case LWCI_CBOR_T_NULL:
        memset(out, 0, sizeof(*out));
        out->type = LWC_TYPE_NONE;
        return LWC_OK;
    case LWCI_CBOR_T_BYTES:
    case LWCI_CBOR_T_TEXT:
        rc = lwci_cbor_read_string(r, it, sc, &data, &len);
        if (rc == LWC_OK) {
            memset(out, 0, sizeof(*out));
            out->type = it->type == LWCI_CBOR_T_TEXT ? LWC_TYPE_STRING
                                                     : LWC_TYPE_OPAQUE;
            out->bytes.data = data;
            out->bytes.len = len;
        }
        return rc;
    default:
        return LWC_ERR_MALFORMED;
    }
}

int lwci_cbor_read_value(lwci_cbor_reader_t *r, lwci_cbor_scratch_t *sc,
                         lwc_value_t *out)
{
    size_t start = r->pos;
    lwci_cbor_item_t it;
    int rc = read_head(r, &it);

    if (rc == LWC_OK && it.type == LWCI_CBOR_T_TAG) {
        rc = it.arg == LWCI_CBOR_TAG_EPOCH_TIME ? read_time(r, out)
             : it.arg == LWCI_CBOR_TAG_DECIMAL  ? read_decimal(r, out)
                                                : LWC_ERR_MALFORMED;
    } else if (rc == LWC_OK) {
        rc = scalar_value(r, &it, sc, out);
    }
    if (rc != LWC_OK) {
        r->pos = start;
    }
    return rc;
}

/* ---- Writer -------------------------------------------------------------- */

void lwci_cbor_put_head(lwci_io_sink_t *s, unsigned major, uint64_t arg)
{
    uint8_t b[9];
    size_t n;
    uint8_t mt = (uint8_t)(major << 5);

    if (arg < AI_ONE_BYTE) {
        b[0] = (uint8_t)(mt | arg);
        n = 0;
    } else if (arg <= 0xffu) {
        b[0] = mt | 24u;
        n = 1;
    } else if (arg <= 0xffffu) {
        b[0] = mt | 25u;
        n = 2;
    } else if (arg <= 0xffffffffu) {
        b[0] = mt | 26u;
        n = 4;
    } else {
        b[0] = mt | 27u;
        n = 8;
    }
    for (size_t i = 0; i < n; i++) {
        b[1 + i] = (uint8_t)(arg >> (8 * (n - 1 - i)));
    }
    lwci_io_put(s, b, n + 1);
}

void lwci_cbor_put_uint(lwci_io_sink_t *s, uint64_t v)
{
    lwci_cbor_put_head(s, LWCI_CBOR_MAJOR_UINT, v);
}

void lwci_cbor_put_int(lwci_io_sink_t *s, int64_t v)
{
    if (v >= 0) {
        lwci_cbor_put_head(s, LWCI_CBOR_MAJOR_UINT, (uint64_t)v);
    } else {
        /* -1 - v without overflow, also for INT64_MIN. */
        lwci_cbor_put_head(s, LWCI_CBOR_MAJOR_NEGINT, (uint64_t)(-(v + 1)));
    }
}

static void put_be(lwci_io_sink_t *s, uint8_t ib, uint64_t v, size_t n)
{
    uint8_t b[9];
    b[0] = ib;
    for (size_t i = 0; i < n; i++) {
        b[1 + i] = (uint8_t)(v >> (8 * (n - 1 - i)));
    }
    lwci_io_put(s, b, n + 1);
}

/* The significand (with its hidden bit) has no set bit below `shift`. */
static bool fits(uint64_t sig, unsigned shift)
{
    return (sig & (((uint64_t)1 << shift) - 1)) == 0;
}

/* Binary16 bits of a finite non-zero double when exact, else -1. */
static int32_t to_half(uint64_t sign, int e, uint64_t sig)
{
    if (e >= -14 && e <= 15 && fits(sig, 42)) {
        return (int32_t)((sign >> 48) | ((uint64_t)(e + 15) << 10) |
                         ((sig >> 42) & 0x3ffu));
    }
    if (e >= -24 && e < -14 && fits(sig, (unsigned)(28 - e))) {
        return (int32_t)((sign >> 48) | (sig >> (28 - e)));
    }
    return -1;
}

/* Binary32 bits of a finite non-zero double when exact, else -1. */
static int64_t to_single(uint64_t sign, int e, uint64_t sig)
{
    if (e >= -126 && e <= 127 && fits(sig, 29)) {
        return (int64_t)((sign >> 32) | ((uint64_t)(e + 127) << 23) |
                         ((sig >> 29) & 0x7fffffu));
    }
    if (e >= -149 && e < -126 && fits(sig, (unsigned)(-97 - e))) {
        return (int64_t)((sign >> 32) | (sig >> (-97 - e)));
    }
    return -1;
}

void lwci_cbor_put_float(lwci_io_sink_t *s, double v)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof(bits));
    uint64_t sign = bits & 0x8000000000000000u;
    unsigned biased = (unsigned)((bits >> 52) & 0x7ffu);
    uint64_t frac = bits & 0xfffffffffffffu;

    if (biased == 0x7ff) {
        /* Infinity keeps its sign; every NaN becomes the quiet NaN. */
        put_be(s, 0xf9, frac ? 0x7e00u : ((sign >> 48) | 0x7c00u), 2);
        return;
    }
    if (biased == 0 && frac == 0) {
        put_be(s, 0xf9, sign >> 48, 2); /* +0.0 / -0.0 */
        return;
    }
    if (biased != 0) {
        int e = (int)biased - 1023;
        uint64_t sig = frac | ((uint64_t)1 << 52);
        int32_t h = to_half(sign, e, sig);
        if (h >= 0) {
            put_be(s, 0xf9, (uint64_t)h, 2);
            return;
        }
        int64_t f = to_single(sign, e, sig);
        if (f >= 0) {
            put_be(s, 0xfa, (uint64_t)f, 4);
            return;
        }
    }
    put_be(s, 0xfb, bits, 8); /* double subnormals never fit smaller */
}

void lwci_cbor_put_bool(lwci_io_sink_t *s, bool v)
{
    lwci_io_put_byte(s, v ? 0xf5 : 0xf4);
}

void lwci_cbor_put_null(lwci_io_sink_t *s)
{
    lwci_io_put_byte(s, 0xf6);
}

static void put_string(lwci_io_sink_t *s, unsigned major, const void *data,
                       size_t len)
{
    lwci_cbor_put_head(s, major, len);
    if (len > 0) {
        lwci_io_put(s, data, len);
    }
}

void lwci_cbor_put_text(lwci_io_sink_t *s, const void *data, size_t len)
{
    put_string(s, LWCI_CBOR_MAJOR_TEXT, data, len);
}

void lwci_cbor_put_bytes(lwci_io_sink_t *s, const void *data, size_t len)
{
    put_string(s, LWCI_CBOR_MAJOR_BYTES, data, len);
}

void lwci_cbor_put_indefinite(lwci_io_sink_t *s, unsigned major)
{
    lwci_io_put_byte(s, (uint8_t)((major << 5) | AI_INDEFINITE));
}

void lwci_cbor_put_break(lwci_io_sink_t *s)
{
    lwci_io_put_byte(s, BREAK_BYTE);
}

size_t lwci_cbor_format_objlnk(uint16_t oid, uint16_t iid, char *buf,
                               size_t cap)
{
    size_t n = lwci_text_format_uint(oid, buf, cap);
    if (n == 0 || n >= cap) {
        return 0;
    }
    buf[n] = ':';
    size_t m = lwci_text_format_uint(iid, buf + n + 1, cap - n - 1);
    return m ? n + 1 + m : 0;
}

int lwci_cbor_check_value(const lwc_value_t *v)
{
    if (!v) {
        return LWC_ERR_INVALID_ARG;
    }
    switch (v->type) {
    case LWC_TYPE_STRING:
    case LWC_TYPE_CORELNK:
    case LWC_TYPE_OPAQUE:
        if (!v->bytes.data && v->bytes.len > 0) {
            return LWC_ERR_INVALID_ARG;
        }
        if (v->type != LWC_TYPE_OPAQUE && v->bytes.len > 0 &&
            !lwci_cbor_utf8_valid(v->bytes.data, v->bytes.len)) {
            return LWC_ERR_INVALID_ARG;
        }
        return LWC_OK;
    case LWC_TYPE_INT:
    case LWC_TYPE_UINT:
    case LWC_TYPE_FLOAT:
    case LWC_TYPE_BOOL:
    case LWC_TYPE_TIME:
    case LWC_TYPE_OBJLNK:
        return LWC_OK;
    case LWC_TYPE_NONE:
        return LWC_ERR_UNSUPPORTED;
    default:
        return LWC_ERR_INVALID_ARG;
    }
}

int lwci_cbor_put_value(lwci_io_sink_t *s, const lwc_value_t *v)
{
    char lnk[12];
    int rc = lwci_cbor_check_value(v);
    if (rc != LWC_OK) {
        return rc;
    }
    switch (v->type) {
    case LWC_TYPE_STRING:
    case LWC_TYPE_CORELNK:
        lwci_cbor_put_text(s, v->bytes.data, v->bytes.len);
        break;
    case LWC_TYPE_OPAQUE:
        lwci_cbor_put_bytes(s, v->bytes.data, v->bytes.len);
        break;
    case LWC_TYPE_INT:
        lwci_cbor_put_int(s, v->i);
        break;
    case LWC_TYPE_UINT:
        lwci_cbor_put_uint(s, v->u);
        break;
    case LWC_TYPE_FLOAT:
        lwci_cbor_put_float(s, v->f);
        break;
    case LWC_TYPE_BOOL:
        lwci_cbor_put_bool(s, v->b);
        break;
    case LWC_TYPE_TIME:
        lwci_cbor_put_head(s, LWCI_CBOR_MAJOR_TAG, LWCI_CBOR_TAG_EPOCH_TIME);
        lwci_cbor_put_int(s, v->t);
        break;
    default: /* LWC_TYPE_OBJLNK, checked above */
        lwci_cbor_put_text(s, lnk,
                           lwci_cbor_format_objlnk(v->objlnk.oid, v->objlnk.iid,
                                                   lnk, sizeof(lnk)));
        break;
    }
    return LWC_OK;
}

/* ---- Decoder driver ------------------------------------------------------ */

int lwci_cbor_read_described(lwci_cbor_reader_t *r, lwci_cbor_item_t *it)
{
    int rc = lwci_cbor_read(r, it);
    if (rc == LWC_OK && it->type == LWCI_CBOR_T_TAG &&
        it->arg == LWCI_CBOR_TAG_SELF_DESCR) {
        rc = lwci_cbor_read(r, it);
    }
    return rc;
}

int lwci_cbor_dec_begin(lwci_io_decoder_t *d, const lwc_path_t *base)
{
    if (!d || !lwc_path_is_valid(base)) {
        return LWC_ERR_INVALID_ARG;
    }
    d->base = *base;
    memset(&d->st, 0, sizeof(d->st));
    return LWC_OK;
}

int lwci_cbor_dec_next(lwci_io_decoder_t *d, const uint8_t *buf, size_t len,
                       bool last, lwci_io_entry_t *out, size_t *consumed,
                       lwci_cbor_step_fn step, void *st, size_t st_size)
{
    lwci_cbor_reader_t r;

    if (!d || !out || !consumed || (!buf && len)) {
        return LWC_ERR_INVALID_ARG;
    }
    lwci_cbor_scratch_t sc = {d->scratch, d->scratch ? d->scratch_cap : 0, 0};
    memcpy(st, &d->st, st_size);
    lwci_cbor_reader_init(&r, buf, len);
    int rc = step(st, &r, &sc, last, out);
    if (rc == LWC_ERR_WOULD_BLOCK && last) {
        rc = LWC_ERR_MALFORMED; /* the payload ends inside an item */
    }
    *consumed = r.pos;
    memcpy(&d->st, st, st_size);
    return rc;
}
