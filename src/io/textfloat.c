/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Decimal text <-> double without libm, printf or strtod (LwM2M TS Core 1.1
 * §7.4.1 "Float": decimal notation, optionally with an exponent).
 *
 * Scaling by powers of ten is done in double-double arithmetic (a value is
 * hi + lo, about 106 bits; Dekker's error-free products and Knuth's
 * two-sum), so parsing is correctly rounded except for inputs within about
 * 2^-100 of a rounding tie, and formatting produces the shortest digits that
 * read back to the same double.
 */
#include "io/text.h"

#include <math.h> /* NAN and INFINITY macros only; no libm function */
#include <string.h>

/* Exactly representable powers of ten (10^0 .. 10^22). */
static const double pow10_exact[23] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

#define TWO_POW_120 0x1p120

typedef struct {
    double hi;
    double lo;
} dd_t;

static dd_t quick_two_sum(double a, double b)
{
    dd_t r;
    r.hi = a + b;
    r.lo = b - (r.hi - a);
    return r;
}

static dd_t two_sum(double a, double b)
{
    dd_t r;
    r.hi = a + b;
    double bb = r.hi - a;
    r.lo = (a - (r.hi - bb)) + (b - bb);
    return r;
}

/* Dekker's split: a = h + l with both halves 26 bits (|a| < 2^995). */
static void split(double a, double *h, double *l)
{
    double t = 134217729.0 * a; /* 2^27 + 1 */
    *h = t - (t - a);
    *l = a - *h;
}

static dd_t two_prod(double a, double b)
{
    double ah, al, bh, bl;
    dd_t r;
    r.hi = a * b;
    split(a, &ah, &al);
    split(b, &bh, &bl);
    r.lo = ((ah * bh - r.hi) + ah * bl + al * bh) + al * bl;
    return r;
}

static dd_t dd_mul_d(dd_t a, double b)
{
    dd_t p = two_prod(a.hi, b);
    p.lo += a.lo * b;
    return quick_two_sum(p.hi, p.lo);
}

static dd_t dd_div_d(dd_t a, double b)
{
    double q1 = a.hi / b;
    dd_t p = two_prod(q1, b);
    dd_t s = two_sum(a.hi, -p.hi);
    s.lo -= p.lo;
    s.lo += a.lo;
    double q2 = (s.hi + s.lo) / b;
    return quick_two_sum(q1, q2);
}

/* a * 10^e in double-double; magnitudes must stay within about 1e-290 ..
 * 1e290 along the way (callers pre-scale by 2^±120). */
static dd_t dd_scale10(dd_t a, int e)
{
    while (e > 22) {
        a = dd_mul_d(a, 1e22);
        e -= 22;
    }
    while (e < -22) {
        a = dd_div_d(a, 1e22);
        e += 22;
    }
    return e >= 0 ? dd_mul_d(a, pow10_exact[e]) : dd_div_d(a, pow10_exact[-e]);
}

static int decimal_digits(uint64_t v)
{
    int n = 1;
    while (v >= 10) {
        v /= 10;
        n++;
    }
    return n;
}

double lwci_text_scale10(uint64_t mant, int exp10)
{
    if (mant == 0) {
        return 0.0;
    }
    int mag = exp10 + decimal_digits(mant); /* value < 10^mag */
    if (mag > 310) {
        return (double)INFINITY;
    }
    if (mag < -330) {
        return 0.0;
    }
    /* Both halves exact: 32-bit pieces of a 64-bit integer. */
    dd_t a = two_sum((double)(mant >> 32) * 4294967296.0,
                     (double)(mant & 0xFFFFFFFFu));
    double post = 1.0;
    if (mag > 250) {
        a.hi /= TWO_POW_120;
        a.lo /= TWO_POW_120;
        post = TWO_POW_120;
    } else if (mag < -250) {
        a.hi *= TWO_POW_120;
        a.lo *= TWO_POW_120;
        post = 1.0 / TWO_POW_120;
    }
    a = dd_scale10(a, exp10);
    double r = (a.hi + a.lo) * post;
    if (post < 1.0 && r < 0x1p-1022) {
        /* Subnormal result: round once, from hi + lo, to a multiple of
         * 2^-1074 (2^-954 before the 2^-120 post-scaling). */
        r = a.hi * post;
        double err = (a.hi - r * TWO_POW_120) + a.lo;
        if (err > 0x1p-955) {
            r += 0x1p-1074;
        } else if (err < -0x1p-955) {
            r -= 0x1p-1074;
        }
    }
    return r;
}

static bool is_nan(double v)
{
    return v != v;
}

static bool is_inf(double v)
{
    return !is_nan(v) && (v - v) != 0.0;
}

/* floor(log10(v)) for v > 0, give or take one. */
static int estimate_exp10(double v)
{
    int e = 0;
    while (v >= 1e22) {
        v /= 1e22;
        e += 22;
    }
    while (v < 1.0) {
        v *= 1e22;
        e -= 22;
    }
    while (v >= 10.0) {
        v /= 10.0;
        e++;
    }
    return e;
}

/* round(v * 10^s) for a result in about [10^16, 10^17). */
static uint64_t scaled_integer(double v, int s)
{
    dd_t a = {v, 0.0};
    double post = 1.0;
    if (v > 1e250) {
        a.hi /= TWO_POW_120;
        post = TWO_POW_120;
    } else if (v < 1e-250) {
        a.hi *= TWO_POW_120;
        post = 1.0 / TWO_POW_120;
    }
    a = dd_scale10(a, s);
    a.hi *= post; /* exact: powers of two, results are normal */
    a.lo *= post;
    /* hi >= 2^53 is an integer; lo adjusts it by at most a few units. */
    double f = a.lo + 0.5;
    int64_t adj = (int64_t)f;
    if ((double)adj > f) {
        adj--;
    }
    return (uint64_t)((int64_t)(uint64_t)a.hi + adj);
}

/* 17 significant digits of v > 0: *mant in [10^16, 10^17), *exp10 the
 * power of ten of the first digit. */
static void digits17(double v, uint64_t *mant, int *exp10)
{
    int e = estimate_exp10(v);
    uint64_t m = 0;
    for (int tries = 0; tries < 4; tries++) {
        m = scaled_integer(v, 16 - e);
        if (m >= 100000000000000000u) {
            e++;
        } else if (m < 10000000000000000u) {
            e--;
        } else {
            break;
        }
    }
    *mant = m;
    *exp10 = e;
}

static uint64_t pow10_u(int n)
{
    uint64_t p = 1;
    while (n-- > 0) {
        p *= 10;
    }
    return p;
}

/* Round the 17-digit m17 to p digits (half up), adjusting *e on carry. */
static uint64_t round_digits(uint64_t m17, int p, int *e)
{
    uint64_t div = pow10_u(17 - p);
    uint64_t q = m17 / div;
    uint64_t rem = m17 % div;
    if (rem >= div - rem) {
        q++;
        if (q == pow10_u(p)) {
            q /= 10;
            (*e)++;
        }
    }
    return q;
}

/* p digits of q, first digit at 10^e: positional for 1e-6 <= |v| < 1e21,
 * else d.ddde[-]x. out must hold 32 bytes. */
static size_t layout(uint64_t q, int p, int e, char *out)
{
    char d[17];
    size_t n = 0;
    for (int i = p - 1; i >= 0; i--) {
        d[i] = (char)('0' + q % 10);
        q /= 10;
    }
    if (e >= -6 && e < 21) {
        if (e < 0) {
            out[n++] = '0';
            out[n++] = '.';
            for (int i = -1; i > e; i--) {
                out[n++] = '0';
            }
            memcpy(out + n, d, (size_t)p);
            return n + (size_t)p;
        }
        for (int i = 0; i <= e; i++) {
            out[n++] = i < p ? d[i] : '0';
        }
        if (p > e + 1) {
            out[n++] = '.';
            memcpy(out + n, d + e + 1, (size_t)(p - e - 1));
            n += (size_t)(p - e - 1);
        }
        return n;
    }
    out[n++] = d[0];
    if (p > 1) {
        out[n++] = '.';
        memcpy(out + n, d + 1, (size_t)(p - 1));
        n += (size_t)(p - 1);
    }
    out[n++] = 'e';
    return n + lwci_text_format_int(e, out + n, 6);
}

static size_t put_str(const char *s, char *buf, size_t cap)
{
    size_t n = strlen(s);
    if (!buf || n > cap) {
        return 0;
    }
    memcpy(buf, s, n);
    return n;
}

size_t lwci_text_format_float(double v, char *buf, size_t cap)
{
    if (is_nan(v)) {
        return put_str("NaN", buf, cap);
    }
    if (is_inf(v)) {
        return put_str(v > 0 ? "Infinity" : "-Infinity", buf, cap);
    }
    if (v == 0.0) {
        return put_str("0", buf, cap);
    }
    char out[32];
    size_t n = 0;
    if (v < 0) {
        out[n++] = '-';
        v = -v;
    }
    uint64_t m17;
    int e17;
    digits17(v, &m17, &e17);
    uint64_t q = m17;
    int p = 17, e = e17;
    for (int k = 1; k < 17; k++) {
        int ek = e17;
        uint64_t qk = round_digits(m17, k, &ek);
        if (lwci_text_scale10(qk, ek - k + 1) == v) {
            q = qk;
            p = k;
            e = ek;
            break;
        }
    }
    while (p > 1 && q % 10 == 0) {
        q /= 10;
        p--;
    }
    n += layout(q, p, e, out + n);
    if (!buf || n > cap) {
        return 0;
    }
    memcpy(buf, out, n);
    return n;
}

static bool word_eq(const char *s, size_t len, const char *w)
{
    size_t n = strlen(w);
    if (len != n) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') {
            c = (char)(c - 'A' + 'a');
        }
        if (c != w[i]) {
            return false;
        }
    }
    return true;
}

/* Mantissa digits: up to 19 significant ones kept, the rest only shift
 * the exponent (truncation). Returns the index after the mantissa, 0 when
 * there is no digit. */
static size_t parse_mantissa(const char *s, size_t len, uint64_t *mant,
                             int *exp10)
{
    size_t i = 0, digits = 0, kept = 0;
    bool dot = false;
    *mant = 0;
    *exp10 = 0;
    for (; i < len; i++) {
        if (s[i] == '.' && !dot) {
            dot = true;
            continue;
        }
        if (s[i] < '0' || s[i] > '9') {
            break;
        }
        digits++;
        if (*mant == 0 && s[i] == '0') {
            *exp10 -= dot ? 1 : 0;
        } else if (kept < 19) {
            *mant = *mant * 10 + (uint64_t)(s[i] - '0');
            kept++;
            *exp10 -= dot ? 1 : 0;
        } else if (!dot && *exp10 < 100000) {
            (*exp10)++;
        }
    }
    return digits ? i : 0;
}

/* [eE][+-]digits at s; huge exponents are clamped. */
static int parse_exponent(const char *s, size_t len, int *exp10)
{
    size_t i = 1;
    bool neg = false;
    if (i < len && (s[i] == '+' || s[i] == '-')) {
        neg = s[i] == '-';
        i++;
    }
    if (i == len) {
        return LWC_ERR_MALFORMED;
    }
    int e = 0;
    for (; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return LWC_ERR_MALFORMED;
        }
        if (e < 100000) {
            e = e * 10 + (s[i] - '0');
        }
    }
    *exp10 = neg ? -e : e;
    return LWC_OK;
}

int lwci_text_parse_float(const char *s, size_t len, double *out)
{
    if (!out || (!s && len)) {
        return LWC_ERR_INVALID_ARG;
    }
    bool neg = len && s[0] == '-';
    if (len && (s[0] == '-' || s[0] == '+')) {
        s++;
        len--;
    }
    if (word_eq(s, len, "nan")) {
        *out = (double)NAN;
        return LWC_OK;
    }
    if (word_eq(s, len, "inf") || word_eq(s, len, "infinity")) {
        *out = neg ? -(double)INFINITY : (double)INFINITY;
        return LWC_OK;
    }
    uint64_t mant;
    int e10;
    size_t i = parse_mantissa(s, len, &mant, &e10);
    if (i == 0) {
        return LWC_ERR_MALFORMED;
    }
    if (i < len) {
        int ex;
        if ((s[i] != 'e' && s[i] != 'E') ||
            parse_exponent(s + i, len - i, &ex) != LWC_OK) {
            return LWC_ERR_MALFORMED;
        }
        e10 += ex;
    }
    double v = lwci_text_scale10(mant, e10);
    if (is_inf(v)) {
        return LWC_ERR_MALFORMED; /* finite text beyond the double range */
    }
    *out = neg ? -v : v;
    return LWC_OK;
}
