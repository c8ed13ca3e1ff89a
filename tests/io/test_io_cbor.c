/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The CBOR core (src/io/cbor.c) against RFC 8949 Appendix A, and the plain
 * CBOR content format (60, src/io/cbor_single.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "io/cbor.h"
#include "io/cbor_single.h"
#include "support/io_harness.h"

/* ---- Helpers ------------------------------------------------------------- */

/* Hex to bytes: ioh_unhex() of tests/support/io_harness.h. */

typedef struct {
    char s[512];
    size_t n;
} diag_t;

__attribute__((format(printf, 2, 3))) static void diag_add(diag_t *d,
                                                           const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(d->s + d->n, sizeof(d->s) - d->n, fmt, ap);
    va_end(ap);
    assert_true(k >= 0 && (size_t)k < sizeof(d->s) - d->n);
    d->n += (size_t)k;
}

static void diag_item(lwci_cbor_reader_t *r, diag_t *d, int depth);

static void diag_string(const lwci_cbor_item_t *it, diag_t *d)
{
    if (it->type == LWCI_CBOR_T_TEXT) {
        diag_add(d, "\"%.*s\"", (int)it->arg, (const char *)it->data);
        return;
    }
    diag_add(d, "h'");
    for (size_t i = 0; i < it->arg; i++) {
        diag_add(d, "%02x", it->data[i]);
    }
    diag_add(d, "'");
}

/* Items of a container until its count or break; `pairs` for maps. */
static void diag_children(lwci_cbor_reader_t *r, diag_t *d, int depth,
                          const lwci_cbor_item_t *it, bool pairs)
{
    lwci_cbor_item_t peek;
    for (uint64_t i = 0; it->indefinite || i < it->arg; i++) {
        assert_int_equal(lwci_cbor_peek(r, &peek), LWC_OK);
        if (it->indefinite && peek.type == LWCI_CBOR_T_BREAK) {
            r->pos++;
            return;
        }
        diag_add(d, i == 0 ? "" : ", ");
        diag_item(r, d, depth + 1);
        if (pairs) {
            diag_add(d, ": ");
            diag_item(r, d, depth + 1);
        }
    }
}

/* RFC 8949 §8 diagnostic notation of the next item (floats as "F"). */
static void diag_item(lwci_cbor_reader_t *r, diag_t *d, int depth)
{
    lwci_cbor_item_t it;
    assert_true(depth < 16);
    assert_int_equal(lwci_cbor_read(r, &it), LWC_OK);
    const char *ind = it.indefinite ? "_ " : "";
    switch (it.type) {
    case LWCI_CBOR_T_UINT:
        diag_add(d, "%llu", (unsigned long long)it.arg);
        break;
    case LWCI_CBOR_T_NEGINT:
        if (it.arg == UINT64_MAX) {
            diag_add(d, "-18446744073709551616");
        } else {
            diag_add(d, "-%llu", (unsigned long long)it.arg + 1);
        }
        break;
    case LWCI_CBOR_T_BYTES:
    case LWCI_CBOR_T_TEXT:
        if (!it.indefinite) {
            diag_string(&it, d);
            break;
        }
        diag_add(d, "(_ ");
        diag_children(r, d, depth, &it, false);
        diag_add(d, ")");
        break;
    case LWCI_CBOR_T_ARRAY:
        diag_add(d, "[%s", ind);
        diag_children(r, d, depth, &it, false);
        diag_add(d, "]");
        break;
    case LWCI_CBOR_T_MAP:
        diag_add(d, "{%s", ind);
        diag_children(r, d, depth, &it, true);
        diag_add(d, "}");
        break;
    case LWCI_CBOR_T_TAG:
        diag_add(d, "%llu(", (unsigned long long)it.arg);
        diag_item(r, d, depth + 1);
        diag_add(d, ")");
        break;
    case LWCI_CBOR_T_FALSE:
        diag_add(d, "false");
        break;
    case LWCI_CBOR_T_TRUE:
        diag_add(d, "true");
        break;
    case LWCI_CBOR_T_NULL:
        diag_add(d, "null");
        break;
    case LWCI_CBOR_T_UNDEFINED:
        diag_add(d, "undefined");
        break;
    case LWCI_CBOR_T_SIMPLE:
        diag_add(d, "simple(%llu)", (unsigned long long)it.arg);
        break;
    default:
        diag_add(d, "F");
        break;
    }
}

/* ---- RFC 8949 Appendix A: decoding -------------------------------------- */

typedef struct {
    const char *diag;
    const char *hex;
} vector_t;

/* Appendix A, Table 6, without the floats (see float_vectors). */
static const vector_t appendix_a[] = {
    {"0", "00"},
    {"1", "01"},
    {"10", "0a"},
    {"23", "17"},
    {"24", "1818"},
    {"25", "1819"},
    {"100", "1864"},
    {"1000", "1903e8"},
    {"1000000", "1a000f4240"},
    {"1000000000000", "1b000000e8d4a51000"},
    {"18446744073709551615", "1bffffffffffffffff"},
    {"2(h'010000000000000000')", "c249010000000000000000"},
    {"-18446744073709551616", "3bffffffffffffffff"},
    {"3(h'010000000000000000')", "c349010000000000000000"},
    {"-1", "20"},
    {"-10", "29"},
    {"-100", "3863"},
    {"-1000", "3903e7"},
    {"false", "f4"},
    {"true", "f5"},
    {"null", "f6"},
    {"undefined", "f7"},
    {"simple(16)", "f0"},
    {"simple(255)", "f8ff"},
    {"0(\"2013-03-21T20:04:00Z\")",
     "c074323031332d30332d32315432303a30343a30305a"},
    {"1(1363896240)", "c11a514b67b0"},
    {"1(F)", "c1fb41d452d9ec200000"},
    {"23(h'01020304')", "d74401020304"},
    {"24(h'6449455446')", "d818456449455446"},
    {"32(\"http://www.example.com\")",
     "d82076687474703a2f2f7777772e6578616d706c652e636f6d"},
    {"h''", "40"},
    {"h'01020304'", "4401020304"},
    {"\"\"", "60"},
    {"\"a\"", "6161"},
    {"\"IETF\"", "6449455446"},
    {"\"\"\\\"", "62225c"},
    {"\"\xc3\xbc\"", "62c3bc"},
    {"\"\xe6\xb0\xb4\"", "63e6b0b4"},
    {"\"\xf0\x90\x85\x91\"", "64f0908591"},
    {"[]", "80"},
    {"[1, 2, 3]", "83010203"},
    {"[1, [2, 3], [4, 5]]", "8301820203820405"},
    {"[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, "
     "20, 21, 22, 23, 24, 25]",
     "98190102030405060708090a0b0c0d0e0f101112131415161718181819"},
    {"{}", "a0"},
    {"{1: 2, 3: 4}", "a201020304"},
    {"{\"a\": 1, \"b\": [2, 3]}", "a26161016162820203"},
    {"[\"a\", {\"b\": \"c\"}]", "826161a161626163"},
    {"{\"a\": \"A\", \"b\": \"B\", \"c\": \"C\", \"d\": \"D\", \"e\": \"E\"}",
     "a56161614161626142616361436164614461656145"},
    {"(_ h'0102', h'030405')", "5f42010243030405ff"},
    {"(_ \"strea\", \"ming\")", "7f657374726561646d696e67ff"},
    {"[_ ]", "9fff"},
    {"[_ 1, [2, 3], [_ 4, 5]]", "9f018202039f0405ffff"},
    {"[_ 1, [2, 3], [4, 5]]", "9f01820203820405ff"},
    {"[1, [2, 3], [_ 4, 5]]", "83018202039f0405ff"},
    {"[1, [_ 2, 3], [4, 5]]", "83019f0203ff820405"},
    {"[_ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, "
     "20, 21, 22, 23, 24, 25]",
     "9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff"},
    {"{_ \"a\": 1, \"b\": [_ 2, 3]}", "bf61610161629f0203ffff"},
    {"[\"a\", {_ \"b\": \"c\"}]", "826161bf61626163ff"},
    {"{_ \"Fun\": true, \"Amt\": -2}", "bf6346756ef563416d7421ff"},
};

static void test_appendix_a_decode(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(appendix_a) / sizeof(appendix_a[0]); i++) {
        uint8_t buf[64];
        size_t n = ioh_unhex(appendix_a[i].hex, buf, sizeof(buf));
        lwci_cbor_reader_t r;
        diag_t d = {{0}, 0};

        lwci_cbor_reader_init(&r, buf, n);
        diag_item(&r, &d, 0);
        assert_string_equal(d.s, appendix_a[i].diag);
        assert_int_equal(r.pos, n);

        /* The skipper agrees on the extent; every proper prefix is
         * "needs more input", never malformed. */
        lwci_cbor_reader_init(&r, buf, n);
        assert_int_equal(lwci_cbor_skip(&r), LWC_OK);
        assert_int_equal(r.pos, n);
        for (size_t cut = 0; cut < n; cut++) {
            lwci_cbor_reader_init(&r, buf, cut);
            assert_int_equal(lwci_cbor_skip(&r), LWC_ERR_WOULD_BLOCK);
            assert_int_equal(r.pos, 0);
        }
    }
}

typedef struct {
    double value;
    const char *hex; /* preferred (shortest) serialization */
} float_vector_t;

/* Appendix A floats; the preferred form of each value. */
static const float_vector_t float_vectors[] = {
    {0.0, "f90000"},
    {-0.0, "f98000"},
    {1.0, "f93c00"},
    {1.1, "fb3ff199999999999a"},
    {1.5, "f93e00"},
    {65504.0, "f97bff"},
    {100000.0, "fa47c35000"},
    {3.4028234663852886e+38, "fa7f7fffff"},
    {1.0e+300, "fb7e37e43c8800759c"},
    {5.960464477539063e-8, "f90001"},
    {0.00006103515625, "f90400"},
    {-4.0, "f9c400"},
    {-4.1, "fbc010666666666666"},
    {INFINITY, "f97c00"},
    {-INFINITY, "f9fc00"},
};

static bool same_double(double a, double b)
{
    return memcmp(&a, &b, sizeof(a)) == 0;
}

static void test_appendix_a_floats(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(float_vectors) / sizeof(float_vectors[0]);
         i++) {
        uint8_t want[16], out[16];
        size_t n = ioh_unhex(float_vectors[i].hex, want, sizeof(want));
        lwci_io_sink_t s;
        lwci_cbor_reader_t r;
        lwci_cbor_item_t it;

        lwci_io_sink_init(&s, out, sizeof(out), 0);
        lwci_cbor_put_float(&s, float_vectors[i].value);
        assert_int_equal(s.total, n);
        assert_memory_equal(out, want, n);

        lwci_cbor_reader_init(&r, want, n);
        assert_int_equal(lwci_cbor_read(&r, &it), LWC_OK);
        assert_int_equal(it.type, LWCI_CBOR_T_FLOAT);
        assert_true(same_double(it.f, float_vectors[i].value));
    }
    /* The other encodings of Appendix A decode to the same values. */
    static const char *const wide[] = {"fa7f800000", "fb7ff0000000000000",
                                       "faff800000", "fbfff0000000000000"};
    for (size_t i = 0; i < 4; i++) {
        uint8_t buf[16];
        size_t n = ioh_unhex(wide[i], buf, sizeof(buf));
        lwci_cbor_reader_t r;
        lwci_cbor_item_t it;
        lwci_cbor_reader_init(&r, buf, n);
        assert_int_equal(lwci_cbor_read(&r, &it), LWC_OK);
        assert_true(same_double(it.f, i < 2 ? INFINITY : -INFINITY));
    }
    /* NaN in all three widths; written as the half quiet NaN. */
    static const char *const nans[] = {"f97e00", "fa7fc00000",
                                       "fb7ff8000000000000"};
    for (size_t i = 0; i < 3; i++) {
        uint8_t buf[16], out[4];
        size_t n = ioh_unhex(nans[i], buf, sizeof(buf));
        lwci_cbor_reader_t r;
        lwci_cbor_item_t it;
        lwci_io_sink_t s;
        lwci_cbor_reader_init(&r, buf, n);
        assert_int_equal(lwci_cbor_read(&r, &it), LWC_OK);
        assert_true(it.f != it.f);
        lwci_io_sink_init(&s, out, sizeof(out), 0);
        lwci_cbor_put_float(&s, it.f);
        assert_int_equal(s.total, 3);
        assert_memory_equal(out, "\xf9\x7e\x00", 3);
    }
}

/* ---- RFC 8949 Appendix A: encoding -------------------------------------- */

static void expect_sink(const lwci_io_sink_t *s, const uint8_t *out,
                        const char *hex)
{
    uint8_t want[64];
    size_t n = ioh_unhex(hex, want, sizeof(want));
    assert_int_equal(s->total, n);
    assert_memory_equal(out, want, n);
}

static void test_appendix_a_encode_ints(void **state)
{
    static const struct {
        int64_t v;
        const char *hex;
    } ints[] = {
        {0, "00"},
        {1, "01"},
        {10, "0a"},
        {23, "17"},
        {24, "1818"},
        {25, "1819"},
        {100, "1864"},
        {1000, "1903e8"},
        {1000000, "1a000f4240"},
        {1000000000000, "1b000000e8d4a51000"},
        {-1, "20"},
        {-10, "29"},
        {-100, "3863"},
        {-1000, "3903e7"},
        {INT64_MIN, "3b7fffffffffffffff"},
        {INT64_MAX, "1b7fffffffffffffff"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
        uint8_t out[16];
        lwci_io_sink_t s;
        lwci_io_sink_init(&s, out, sizeof(out), 0);
        lwci_cbor_put_int(&s, ints[i].v);
        expect_sink(&s, out, ints[i].hex);
    }
    uint8_t out[16];
    lwci_io_sink_t s;
    lwci_io_sink_init(&s, out, sizeof(out), 0);
    lwci_cbor_put_uint(&s, UINT64_MAX);
    expect_sink(&s, out, "1bffffffffffffffff");
}

static void test_appendix_a_encode_other(void **state)
{
    uint8_t out[64];
    lwci_io_sink_t s;
    (void)state;

    lwci_io_sink_init(&s, out, sizeof(out), 0);
    lwci_cbor_put_bool(&s, false);
    lwci_cbor_put_bool(&s, true);
    lwci_cbor_put_null(&s);
    expect_sink(&s, out, "f4f5f6");

    lwci_io_sink_init(&s, out, sizeof(out), 0);
    lwci_cbor_put_bytes(&s, NULL, 0);
    lwci_cbor_put_bytes(&s, "\x01\x02\x03\x04", 4);
    lwci_cbor_put_text(&s, NULL, 0);
    lwci_cbor_put_text(&s, "IETF", 4);
    lwci_cbor_put_text(&s, "\xe6\xb0\xb4", 3);
    expect_sink(&s, out, "40 4401020304 60 6449455446 63e6b0b4");

    /* [_ 1, [2, 3], [_ 4, 5]] */
    lwci_io_sink_init(&s, out, sizeof(out), 0);
    lwci_cbor_put_indefinite(&s, LWCI_CBOR_MAJOR_ARRAY);
    lwci_cbor_put_uint(&s, 1);
    lwci_cbor_put_head(&s, LWCI_CBOR_MAJOR_ARRAY, 2);
    lwci_cbor_put_uint(&s, 2);
    lwci_cbor_put_uint(&s, 3);
    lwci_cbor_put_indefinite(&s, LWCI_CBOR_MAJOR_ARRAY);
    lwci_cbor_put_uint(&s, 4);
    lwci_cbor_put_uint(&s, 5);
    lwci_cbor_put_break(&s);
    lwci_cbor_put_break(&s);
    expect_sink(&s, out, "9f018202039f0405ffff");

    /* {_ "Fun": true, "Amt": -2} and 1(1363896240) */
    lwci_io_sink_init(&s, out, sizeof(out), 0);
    lwci_cbor_put_indefinite(&s, LWCI_CBOR_MAJOR_MAP);
    lwci_cbor_put_text(&s, "Fun", 3);
    lwci_cbor_put_bool(&s, true);
    lwci_cbor_put_text(&s, "Amt", 3);
    lwci_cbor_put_int(&s, -2);
    lwci_cbor_put_break(&s);
    lwci_cbor_put_head(&s, LWCI_CBOR_MAJOR_TAG, 1);
    lwci_cbor_put_uint(&s, 1363896240);
    expect_sink(&s, out, "bf6346756ef563416d7421ff c11a514b67b0");
}

/* Shortest exact float width, at the edges of each format. */
static void test_float_widths(void **state)
{
    static const float_vector_t edges[] = {
        {65505.0, "fa477fe100"},          /* just past half */
        {0x1p-24, "f90001"},              /* smallest half subnormal */
        {0x1p-25, "fa33000000"},          /* below it: single */
        {0x1p-15, "f90200"},              /* half subnormal */
        {0x1.ffcp-15, "fa387fe000"},      /* 11 bits: not a half */
        {0x1p-149, "fa00000001"},         /* smallest single subnormal */
        {0x1p-150, "fb3690000000000000"}, /* below it: double */
        {0x1p-1074, "fb0000000000000001"},
        {0.100000001490116119384765625, "fa3dcccccd"},
        {0.1, "fb3fb999999999999a"},
        {-65504.0, "f9fbff"},
        {0x1p+127, "fa7f000000"},
        {0x1p+128, "fb47f0000000000000"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
        uint8_t out[16];
        lwci_io_sink_t s;
        lwci_cbor_reader_t r;
        lwci_cbor_item_t it;
        lwci_io_sink_init(&s, out, sizeof(out), 0);
        lwci_cbor_put_float(&s, edges[i].value);
        expect_sink(&s, out, edges[i].hex);
        lwci_cbor_reader_init(&r, out, s.total);
        assert_int_equal(lwci_cbor_read(&r, &it), LWC_OK);
        assert_true(same_double(it.f, edges[i].value));
    }
    /* Every half bit pattern decodes and re-encodes to itself (except
     * NaN payloads, which collapse to 0x7e00). */
    for (uint32_t h = 0; h <= 0xffff; h++) {
        uint8_t in[3] = {0xf9, (uint8_t)(h >> 8), (uint8_t)h};
        uint8_t out[16];
        lwci_cbor_reader_t r;
        lwci_cbor_item_t it;
        lwci_io_sink_t s;
        lwci_cbor_reader_init(&r, in, 3);
        assert_int_equal(lwci_cbor_read(&r, &it), LWC_OK);
        lwci_io_sink_init(&s, out, sizeof(out), 0);
        lwci_cbor_put_float(&s, it.f);
        bool nan = (h & 0x7c00) == 0x7c00 && (h & 0x3ff) != 0;
        assert_int_equal(s.total, 3);
        if (nan) {
            assert_memory_equal(out, "\xf9\x7e\x00", 3);
        } else {
            assert_memory_equal(out, in, 3);
        }
    }
}

/* ---- Reader: malformed input -------------------------------------------- */

static void test_reader_malformed(void **state)
{
    static const char *const bad[] = {
        "1c",
        "1d",
        "1e", /* reserved additional information */
        "1f",
        "3f",
        "df", /* indefinite integer / tag */
        "f800",
        "f81f", /* two-byte simple value below 32 */
        "fc",
        "fd",
        "fe",                   /* reserved */
        "ff",                   /* lone break */
        "81ff",                 /* break in a definite array */
        "a1ff",                 /* break in a definite map */
        "bf01ff",               /* indefinite map with a key only */
        "9fc1ff",               /* tag on a break */
        "5f6161ff",             /* text chunk in a byte string */
        "7f5f41ffff",           /* byte chunk in a text string */
        "7f7fffff",             /* nested indefinite chunk */
        "62c328",               /* invalid UTF-8 continuation */
        "62c080",               /* overlong encoding */
        "63eda080",             /* surrogate */
        "64f4908080",           /* above U+10FFFF */
        "61ff",                 /* invalid byte */
        "7f61c361bcff",         /* code point split between chunks */
        "81818181818181818100", /* 9 nested arrays: too deep */
        "9bffffffffffffffff",   /* absurd count */
        "bb4000000000000001",   /* absurd map count */
    };
    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        uint8_t buf[32];
        size_t n = ioh_unhex(bad[i], buf, sizeof(buf));
        lwci_cbor_reader_t r;
        lwci_cbor_reader_init(&r, buf, n);
        assert_int_equal(lwci_cbor_skip(&r), LWC_ERR_MALFORMED);
        assert_int_equal(r.pos, 0);
    }
    /* Eight levels are fine; a length beyond the input needs more. */
    static const char *const more[] = {"818181818181818100",
                                       "5b0000000100000000", "7a00010000"};
    for (size_t i = 0; i < 3; i++) {
        uint8_t buf[32];
        size_t n = ioh_unhex(more[i], buf, sizeof(buf));
        lwci_cbor_reader_t r;
        lwci_cbor_reader_init(&r, buf, n);
        assert_int_equal(lwci_cbor_skip(&r),
                         i == 0 ? LWC_OK : LWC_ERR_WOULD_BLOCK);
    }
}

/* ---- Values -------------------------------------------------------------- */

static int read_value_hex(const char *hex, lwc_value_t *v, uint8_t *buf,
                          size_t cap, lwci_cbor_scratch_t *sc)
{
    size_t n = ioh_unhex(hex, buf, cap);
    lwci_cbor_reader_t r;
    lwci_cbor_reader_init(&r, buf, n);
    int rc = lwci_cbor_read_value(&r, sc, v);
    assert_int_equal(r.pos, rc == LWC_OK ? n : 0);
    return rc;
}

static void test_values(void **state)
{
    uint8_t buf[64];
    uint8_t room[16];
    lwci_cbor_scratch_t sc = {room, sizeof(room), 0};
    lwc_value_t v;
    (void)state;

    assert_int_equal(read_value_hex("1b7fffffffffffffff", &v, buf, 64, NULL),
                     LWC_OK);
    assert_true(v.type == LWC_TYPE_INT && v.i == INT64_MAX);
    assert_int_equal(read_value_hex("1b8000000000000000", &v, buf, 64, NULL),
                     LWC_OK);
    assert_true(v.type == LWC_TYPE_UINT && v.u == (uint64_t)1 << 63);
    assert_int_equal(read_value_hex("3b7fffffffffffffff", &v, buf, 64, NULL),
                     LWC_OK);
    assert_true(v.type == LWC_TYPE_INT && v.i == INT64_MIN);
    assert_int_equal(read_value_hex("3b8000000000000000", &v, buf, 64, NULL),
                     LWC_ERR_MALFORMED);
    /* Non-shortest integer encodings are well-formed. */
    assert_int_equal(read_value_hex("1b0000000000000005", &v, buf, 64, NULL),
                     LWC_OK);
    assert_true(v.type == LWC_TYPE_INT && v.i == 5);

    /* RFC 8949 §3.4.2 epoch time; fractional seconds are refused. */
    assert_int_equal(read_value_hex("c11a514b67b0", &v, buf, 64, NULL), LWC_OK);
    assert_true(v.type == LWC_TYPE_TIME && v.t == 1363896240);
    assert_int_equal(read_value_hex("c13a0000000f", &v, buf, 64, NULL), LWC_OK);
    assert_true(v.type == LWC_TYPE_TIME && v.t == -16);
    assert_int_equal(read_value_hex("c1fb41d452d9ec000000", &v, buf, 64, NULL),
                     LWC_OK);
    assert_true(v.type == LWC_TYPE_TIME && v.t == 1363896240);
    assert_int_equal(read_value_hex("c1fb41d452d9ec200000", &v, buf, 64, NULL),
                     LWC_ERR_MALFORMED);
    assert_int_equal(read_value_hex("c1f97c00", &v, buf, 64, NULL),
                     LWC_ERR_MALFORMED);
    assert_int_equal(read_value_hex("c16161", &v, buf, 64, NULL),
                     LWC_ERR_MALFORMED);

    /* RFC 8949 §3.4.4: 4([-2, 27315]) is 273.15. */
    assert_int_equal(read_value_hex("c48221196ab3", &v, buf, 64, NULL), LWC_OK);
    assert_true(v.type == LWC_TYPE_FLOAT && v.f == 273.15);
    assert_int_equal(read_value_hex("c482203831", &v, buf, 64, NULL), LWC_OK);
    assert_true(v.type == LWC_TYPE_FLOAT && v.f == -5.0);
    assert_int_equal(read_value_hex("c482193e8001", &v, buf, 64, NULL),
                     LWC_ERR_MALFORMED); /* 1e16000 overflows */
    assert_int_equal(read_value_hex("c4820102", &v, buf, 64, NULL), LWC_OK);
    assert_true(v.f == 20.0);
    assert_int_equal(
        read_value_hex("c48201c249010000000000000000", &v, buf, 64, NULL),
        LWC_ERR_MALFORMED); /* bignum mantissa */
    assert_int_equal(read_value_hex("c48301020304", &v, buf, 64, NULL),
                     LWC_ERR_MALFORMED);

    /* Other tags, containers and odd simple values are not values. */
    static const char *const not_values[] = {
        "c074323031332d30332d32315432303a30343a30305a",
        "c249010000000000000000",
        "d74401020304",
        "80",
        "a0",
        "f7",
        "f0",
        "ff",
        "d9d9f700"};
    for (size_t i = 0; i < sizeof(not_values) / sizeof(not_values[0]); i++) {
        assert_int_equal(read_value_hex(not_values[i], &v, buf, 64, NULL),
                         LWC_ERR_MALFORMED);
    }

    /* Indefinite strings are joined in the scratch buffer. */
    assert_int_equal(
        read_value_hex("7f657374726561646d696e67ff", &v, buf, 64, &sc), LWC_OK);
    assert_int_equal(v.type, LWC_TYPE_STRING);
    assert_int_equal(v.bytes.len, 9);
    assert_memory_equal(v.bytes.data, "streaming", 9);
    assert_ptr_equal(v.bytes.data, room);
    assert_int_equal(read_value_hex("5f42010243030405ff", &v, buf, 64, &sc),
                     LWC_OK);
    assert_int_equal(v.type, LWC_TYPE_OPAQUE);
    assert_memory_equal(v.bytes.data, "\x01\x02\x03\x04\x05", 5);
    assert_int_equal(sc.used, 14);
    /* ... and refused when it is full, with sc.used unchanged. */
    assert_int_equal(read_value_hex("5f43010203ff", &v, buf, 64, &sc),
                     LWC_ERR_TOO_LARGE);
    assert_int_equal(sc.used, 14);
    assert_int_equal(read_value_hex("5f40ff", &v, buf, 64, NULL), LWC_OK);
    assert_int_equal(v.bytes.len, 0);
    assert_int_equal(read_value_hex("f6", &v, buf, 64, NULL), LWC_OK);
    assert_int_equal(v.type, LWC_TYPE_NONE);
}

/* ---- Plain CBOR (60): encoder -------------------------------------------- */

/* begin, one value, end through a window of `cap` bytes at `skip`. */
static int encode_single(const lwc_path_t *base, const lwc_value_t *v,
                         uint8_t *out, size_t cap, size_t skip,
                         lwci_io_sink_t *s)
{
    lwci_io_encoder_t e;
    memset(&e, 0, sizeof(e));
    lwci_io_sink_init(s, out, cap, skip);
    e.ops = &lwci_io_cbor_single_encoder;
    e.sink = s;
    int rc = e.ops->begin(&e, base);
    if (rc == LWC_OK) {
        rc = e.ops->value(&e, base, v);
    }
    return rc == LWC_OK ? e.ops->end(&e) : rc;
}

static void test_single_encode(void **state)
{
    static const char long_text[] = "Lightweight M2M Client, a long string "
                                    "of more than twenty-four bytes";
    lwc_value_t v[10];
    const char *hex[10] = {
        "1903e8",                 /* INT 1000 */
        "3903e7",                 /* INT -1000 */
        "1bffffffffffffffff",     /* UINT max */
        "fb3ff199999999999a",     /* FLOAT 1.1 */
        "f5",                     /* BOOL */
        "c11a514b67b0",           /* TIME, RFC 8949 Appendix A */
        "6531373a3138",           /* OBJLNK "17:18" */
        "6449455446",             /* STRING */
        "4401020304",             /* OPAQUE */
        "6a3c2f313e3b63743d3630", /* CORELNK "</1>;ct=60" */
    };
    (void)state;
    v[0] = lwc_value_int(1000);
    v[1] = lwc_value_int(-1000);
    v[2] = lwc_value_uint(UINT64_MAX);
    v[3] = lwc_value_float(1.1);
    v[4] = lwc_value_bool(true);
    v[5] = lwc_value_time(1363896240);
    v[6] = lwc_value_objlnk(17, 18);
    v[7].type = LWC_TYPE_STRING, v[7].bytes.data = "IETF", v[7].bytes.len = 4;
    v[8].type = LWC_TYPE_OPAQUE, v[8].bytes.data = "\x01\x02\x03\x04";
    v[8].bytes.len = 4;
    v[9].type = LWC_TYPE_CORELNK, v[9].bytes.data = "</1>;ct=60";
    v[9].bytes.len = 10;
    for (size_t i = 0; i < 10; i++) {
        uint8_t out[32];
        lwci_io_sink_t s;
        assert_int_equal(
            encode_single(&LWC_PATH(3, 0, 1), &v[i], out, sizeof(out), 0, &s),
            LWC_OK);
        expect_sink(&s, out, hex[i]);
    }

    /* A long string through every window size reassembles exactly. */
    lwc_value_t t = {.type = LWC_TYPE_STRING};
    t.bytes.data = long_text;
    t.bytes.len = sizeof(long_text) - 1;
    uint8_t whole[128];
    lwci_io_sink_t s;
    assert_int_equal(
        encode_single(&LWC_PATH(3, 0, 0), &t, whole, sizeof(whole), 0, &s),
        LWC_OK);
    size_t total = s.total;
    assert_int_equal(total, 2 + sizeof(long_text) - 1);
    for (size_t win = 1; win <= total; win++) {
        uint8_t joined[128];
        size_t got = 0;
        for (size_t skip = 0; skip < total; skip += win) {
            uint8_t part[128];
            assert_int_equal(
                encode_single(&LWC_PATH(3, 0, 0), &t, part, win, skip, &s),
                LWC_OK);
            memcpy(joined + got, part, lwci_io_sink_len(&s));
            got += lwci_io_sink_len(&s);
            assert_int_equal(lwci_io_sink_more(&s), skip + win < total);
        }
        assert_int_equal(got, total);
        assert_memory_equal(joined, whole, total);
    }
}

static void test_single_encode_refusals(void **state)
{
    lwci_io_encoder_t e;
    lwci_io_sink_t s;
    uint8_t out[16];
    lwc_value_t one = lwc_value_int(1);
    lwc_value_t bad = {.type = LWC_TYPE_STRING};
    (void)state;

    memset(&e, 0, sizeof(e));
    lwci_io_sink_init(&s, out, sizeof(out), 0);
    e.ops = &lwci_io_cbor_single_encoder;
    e.sink = &s;
    /* A multiple resource or an instance has no single-value form. */
    assert_int_equal(e.ops->begin(&e, &LWC_PATH(3, 0, 6)), LWC_OK);
    assert_int_equal(e.ops->open(&e, &LWC_PATH(3, 0, 6)), LWC_ERR_UNSUPPORTED);
    /* A second value is refused and nothing is written for it. */
    assert_int_equal(e.ops->begin(&e, &LWC_PATH(3, 0, 1)), LWC_OK);
    assert_int_equal(e.ops->end(&e), LWC_ERR_NOT_FOUND);
    assert_int_equal(e.ops->value(&e, &LWC_PATH(3, 0, 1), &one), LWC_OK);
    size_t after_one = s.total;
    assert_int_equal(e.ops->value(&e, &LWC_PATH(3, 0, 1), &one),
                     LWC_ERR_UNSUPPORTED);
    assert_int_equal(s.total, after_one);
    assert_int_equal(e.ops->end(&e), LWC_OK);
    /* Invalid UTF-8 and executable resources cannot be written. */
    assert_int_equal(e.ops->begin(&e, &LWC_PATH(3, 0, 1)), LWC_OK);
    bad.bytes.data = "\xc3\x28";
    bad.bytes.len = 2;
    assert_int_equal(e.ops->value(&e, &LWC_PATH(3, 0, 1), &bad),
                     LWC_ERR_INVALID_ARG);
    bad.type = LWC_TYPE_NONE;
    assert_int_equal(e.ops->value(&e, &LWC_PATH(3, 0, 1), &bad),
                     LWC_ERR_UNSUPPORTED);
    bad.type = LWC_TYPE_OPAQUE;
    bad.bytes.data = NULL;
    assert_int_equal(e.ops->value(&e, &LWC_PATH(3, 0, 1), &bad),
                     LWC_ERR_INVALID_ARG);
}

/* ---- Plain CBOR (60): decoder -------------------------------------------- */

static int decode_single(const uint8_t *buf, size_t len, bool last,
                         lwci_io_decoder_t *d, lwci_io_entry_t *e,
                         size_t *consumed)
{
    return d->ops->next(d, buf, len, last, e, consumed);
}

static void begin_single(lwci_io_decoder_t *d, uint8_t *scratch, size_t cap)
{
    memset(d, 0, sizeof(*d));
    d->ops = &lwci_io_cbor_single_decoder;
    d->scratch = scratch;
    d->scratch_cap = cap;
    assert_int_equal(d->ops->begin(d, &LWC_PATH(3, 0, 14)), LWC_OK);
}

static void test_single_decode(void **state)
{
    uint8_t buf[64];
    uint8_t room[32];
    lwci_io_decoder_t d;
    lwci_io_entry_t e;
    size_t used;
    (void)state;

    /* A string, then the clean end of the payload. */
    size_t n = ioh_unhex("662b30323a3030", buf, sizeof(buf)); /* "+02:00" */
    begin_single(&d, room, sizeof(room));
    assert_int_equal(decode_single(buf, n, true, &d, &e, &used), LWC_OK);
    assert_int_equal(used, n);
    assert_true(lwc_path_equal(&e.path, &LWC_PATH(3, 0, 14)));
    assert_int_equal(e.kind, LWCI_IO_TYPED);
    assert_int_equal(e.value.type, LWC_TYPE_STRING);
    assert_memory_equal(e.value.bytes.data, "+02:00", 6);
    assert_int_equal(decode_single(NULL, 0, true, &d, &e, &used),
                     LWC_ERR_NOT_FOUND);

    /* Self-described CBOR, time, null. */
    n = ioh_unhex("d9d9f7c11a514b67b0", buf, sizeof(buf));
    begin_single(&d, room, sizeof(room));
    assert_int_equal(decode_single(buf, n, true, &d, &e, &used), LWC_OK);
    assert_true(e.value.type == LWC_TYPE_TIME && e.value.t == 1363896240);
    n = ioh_unhex("f6", buf, sizeof(buf));
    begin_single(&d, room, sizeof(room));
    assert_int_equal(decode_single(buf, n, true, &d, &e, &used), LWC_OK);
    assert_int_equal(e.kind, LWCI_IO_NONE);

    /* Every split into two chunks gives the same value. */
    n = ioh_unhex("7f657374726561646d696e67ff", buf, sizeof(buf));
    for (size_t cut = 0; cut <= n; cut++) {
        uint8_t joined[64];
        begin_single(&d, room, sizeof(room));
        int rc = decode_single(buf, cut, cut == n, &d, &e, &used);
        if (cut < n) {
            assert_int_equal(rc, LWC_ERR_WOULD_BLOCK);
            memcpy(joined, buf + used, cut - used);
            memcpy(joined + cut - used, buf + cut, n - cut);
            rc = decode_single(joined, n - used, true, &d, &e, &used);
        }
        assert_int_equal(rc, LWC_OK);
        assert_int_equal(e.value.bytes.len, 9);
        assert_memory_equal(e.value.bytes.data, "streaming", 9);
        assert_int_equal(decode_single(NULL, 0, true, &d, &e, &used),
                         LWC_ERR_NOT_FOUND);
    }
}

static void test_single_decode_malformed(void **state)
{
    static const char *const bad[] = {
        "",                   /* empty payload */
        "01 02",              /* two items */
        "83010203",           /* array */
        "a10102",             /* map */
        "c074323031332d30",   /* unknown tag (and truncated) */
        "c2420100",           /* bignum */
        "1c",                 /* reserved */
        "19 03",              /* truncated integer */
        "64 4945",            /* truncated string */
        "62 c328",            /* invalid UTF-8 */
        "7f 6161 4161 ff",    /* chunk of the wrong type */
        "3b8000000000000000", /* below INT64_MIN */
        "ff",                 /* break */
        "f7",                 /* undefined */
        "f810",               /* simple(16) in two bytes */
        "c1 6161",            /* time as text */
        "d9d9f7",             /* tag without item */
    };
    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        uint8_t buf[32], room[8];
        lwci_io_decoder_t d;
        lwci_io_entry_t e;
        size_t used = 99;
        size_t n = ioh_unhex(bad[i], buf, sizeof(buf));
        begin_single(&d, room, sizeof(room));
        assert_int_equal(decode_single(buf, n, true, &d, &e, &used),
                         LWC_ERR_MALFORMED);
    }
    /* A string whose chunks overflow the scratch buffer. */
    uint8_t buf[32], room[4];
    lwci_io_decoder_t d;
    lwci_io_entry_t e;
    size_t used;
    size_t n = ioh_unhex("7f 63616263 63646566 ff", buf, sizeof(buf));
    begin_single(&d, room, sizeof(room));
    assert_int_equal(decode_single(buf, n, true, &d, &e, &used),
                     LWC_ERR_TOO_LARGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_appendix_a_decode),
        cmocka_unit_test(test_appendix_a_floats),
        cmocka_unit_test(test_appendix_a_encode_ints),
        cmocka_unit_test(test_appendix_a_encode_other),
        cmocka_unit_test(test_float_widths),
        cmocka_unit_test(test_reader_malformed),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_single_encode),
        cmocka_unit_test(test_single_encode_refusals),
        cmocka_unit_test(test_single_decode),
        cmocka_unit_test(test_single_decode_malformed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
