/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* The strict JSON reader and writer (RFC 8259, UTF-8 per RFC 3629). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <lwc/errors.h>

#include "io/base64.h"
#include "io/json.h"

#define U8(s) ((const uint8_t *)(s))

/* RFC 8259 §13 examples. */
static const char rfc8259_object[] =
    "{\n"
    "  \"Image\": {\n"
    "      \"Width\":  800,\n"
    "      \"Height\": 600,\n"
    "      \"Title\":  \"View from 15th Floor\",\n"
    "      \"Thumbnail\": {\n"
    "          \"Url\":    \"http://www.example.com/image/481989943\",\n"
    "          \"Height\": 125,\n"
    "          \"Width\":  100\n"
    "      },\n"
    "      \"Animated\" : false,\n"
    "      \"IDs\": [116, 943, 234, 38793]\n"
    "    }\n"
    "}";

static const char rfc8259_array[] = "[\n"
                                    "  {\n"
                                    "     \"precision\": \"zip\",\n"
                                    "     \"Latitude\":  37.7668,\n"
                                    "     \"Longitude\": -122.3959,\n"
                                    "     \"Address\":   \"\",\n"
                                    "     \"City\":      \"SAN FRANCISCO\",\n"
                                    "     \"State\":     \"CA\",\n"
                                    "     \"Zip\":       \"94107\",\n"
                                    "     \"Country\":   \"US\"\n"
                                    "  },\n"
                                    "  {\n"
                                    "     \"precision\": \"zip\",\n"
                                    "     \"Latitude\":  37.371991,\n"
                                    "     \"Longitude\": -122.026020,\n"
                                    "     \"Address\":   \"\",\n"
                                    "     \"City\":      \"SUNNYVALE\",\n"
                                    "     \"State\":     \"CA\",\n"
                                    "     \"Zip\":       \"94085\",\n"
                                    "     \"Country\":   \"US\"\n"
                                    "  }\n"
                                    "]";

/* RFC 8428 §5.1.2 and §5.1.5. */
static const char rfc8428_multi[] =
    "[\n"
    "  {\"bn\":\"urn:dev:ow:10e2073a01080063:\",\"n\":\"voltage\",\"u\":\"V\","
    "\"v\":120.1},\n"
    "  {\"n\":\"current\",\"u\":\"A\",\"v\":1.2}\n"
    "]";
static const char rfc8428_types[] =
    "[\n"
    "  {\"bn\":\"urn:dev:ow:10e2073a01080063:\",\"n\":\"temp\",\"u\":\"Cel\","
    "\"v\":23.1},\n"
    "  {\"n\":\"label\",\"vs\":\"Machine Room\"},\n"
    "  {\"n\":\"open\",\"vb\":false},\n"
    "  {\"n\":\"nfc-reader\",\"vd\":\"aGkgCg\"}\n"
    "]";

static void test_utf8(void **state)
{
    static const char *const good[] = {
        "plain",
        "\xC3\xA9",
        "\xE2\x82\xAC",
        "\xF0\x9D\x84\x9E",
        "\xF4\x8F\xBF\xBF",
        "\xEF\xBF\xBF",
        "\xED\x9F\xBF",
    };
    static const char *const bad[] = {
        "\xC0\x80",         /* overlong NUL */
        "\xC1\xBF",         /* overlong */
        "\xE0\x80\x80",     /* overlong */
        "\xED\xA0\x80",     /* surrogate U+D800 */
        "\xF4\x90\x80\x80", /* above U+10FFFF */
        "\xF5\x80\x80\x80",
        "\x80",
        "\xBF",
        "\xFE",
        "\xFF",
        "\xC3",     /* truncated */
        "\xE2\x82", /* truncated */
        "\xC3\x28", /* bad continuation */
    };
    (void)state;
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        assert_true(lwci_utf8_valid(U8(good[i]), strlen(good[i])));
    }
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_false(lwci_utf8_valid(U8(bad[i]), strlen(bad[i])));
    }
    assert_int_equal(lwci_utf8_seq(U8("\xF0\x9D"), 2), -1);
    assert_int_equal(lwci_utf8_seq(U8("\xF0\x9D\x84\x9E"), 4), 4);
}

static int read_str(const char *text, bool last, lwci_json_str_t *s)
{
    lwci_json_reader_t r;
    lwci_json_reader_init(&r, U8(text), strlen(text), last);
    return lwci_json_read_string(&r, s);
}

static void test_string_escapes(void **state)
{
    lwci_json_str_t s;
    uint8_t out[32];
    (void)state;
    assert_int_equal(
        read_str("\"a\\\"b\\\\c\\/\\b\\f\\n\\r\\t\\u00e9\\ud834\\udd1e\"", true,
                 &s),
        LWC_OK);
    assert_true(s.escaped);
    assert_int_equal(s.len, 5 + 1 + 5 + 2 + 4);
    assert_int_equal(lwci_json_str_decode(&s, out, sizeof(out)), LWC_OK);
    assert_memory_equal(out, "a\"b\\c/\b\f\n\r\t\xC3\xA9\xF0\x9D\x84\x9E",
                        s.len);
    assert_int_equal(lwci_json_str_decode(&s, out, s.len - 1),
                     LWC_ERR_TOO_LARGE);
    /* Keys compare by content, escaped or not. */
    assert_int_equal(read_str("\"\\u0076l\\u006F\"", true, &s), LWC_OK);
    assert_true(lwci_json_str_eq(&s, "vlo"));
    assert_false(lwci_json_str_eq(&s, "vl"));
    assert_int_equal(lwci_json_str_last(&s), 'o');
    assert_int_equal(read_str("\"x\\u005f\"", true, &s), LWC_OK);
    assert_int_equal(lwci_json_str_last(&s), '_');
    assert_int_equal(read_str("\"\"", true, &s), LWC_OK);
    assert_int_equal(s.len, 0);
    assert_int_equal(lwci_json_str_last(&s), '\0');
    /* Raw UTF-8 passes through unchanged. */
    assert_int_equal(read_str("\"\xE2\x82\xAC\"", true, &s), LWC_OK);
    assert_false(s.escaped);
    assert_int_equal(s.len, 3);
}

static void test_string_rejections(void **state)
{
    static const char *const bad[] = {
        "\"\\udd1e\"",        /* lone low surrogate */
        "\"\\ud834x\"",       /* high surrogate alone */
        "\"\\ud834\\u0041\"", /* high + non-low */
        "\"\\ud834\\ud834\"", /* high + high */
        "\"\\x\"",            /* unknown escape */
        "\"\\u12G4\"",        /* bad hex */
        "\"a\x01\"",          /* raw control character */
        "\"a\nb\"",           /* raw newline */
        "\"\xC0\x80\"",       /* overlong */
        "\"\xED\xA0\x80\"",   /* UTF-8 surrogate */
        "\"\xFF\"",           /* invalid byte */
        "\"abc",              /* unterminated */
        "abc\"",              /* no quote */
    };
    lwci_json_str_t s;
    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(read_str(bad[i], true, &s), LWC_ERR_MALFORMED);
    }
    /* Cut short but valid so far: wait for more unless it is the end. */
    assert_int_equal(read_str("\"abc", false, &s), LWC_ERR_WOULD_BLOCK);
    assert_int_equal(read_str("\"\\ud834", false, &s), LWC_ERR_WOULD_BLOCK);
    assert_int_equal(read_str("\"\xE2\x82", false, &s), LWC_ERR_WOULD_BLOCK);
    assert_int_equal(read_str("\"\xE2\x82", true, &s), LWC_ERR_MALFORMED);
}

static int num(const char *text, bool last, lwc_value_t *v)
{
    lwci_json_reader_t r;
    lwci_json_num_t n;
    lwci_json_reader_init(&r, U8(text), strlen(text), last);
    int rc = lwci_json_read_number(&r, &n);
    if (rc == LWC_OK && r.pos != strlen(text)) {
        return LWC_ERR_MALFORMED; /* a number ends before the text */
    }
    return rc == LWC_OK ? lwci_json_num_value(&n, v) : rc;
}

static void test_numbers(void **state)
{
    static const char *const bad[] = {"01",   "-",   "1.",   ".5",  "1e",
                                      "+1",   "--1", "1e+",  "0x1", "-a",
                                      "1.e3", "00",  "1e999"};
    lwc_value_t v;
    (void)state;
    assert_int_equal(num("0", true, &v), LWC_OK);
    assert_int_equal(v.type, LWC_TYPE_INT);
    assert_int_equal(num("9223372036854775807", true, &v), LWC_OK);
    assert_int_equal(v.type, LWC_TYPE_INT);
    assert_true(v.i == INT64_MAX);
    assert_int_equal(num("-9223372036854775808", true, &v), LWC_OK);
    assert_true(v.type == LWC_TYPE_INT && v.i == INT64_MIN);
    assert_int_equal(num("18446744073709551615", true, &v), LWC_OK);
    assert_true(v.type == LWC_TYPE_UINT && v.u == UINT64_MAX);
    assert_int_equal(num("18446744073709551616", true, &v), LWC_OK);
    assert_true(v.type == LWC_TYPE_FLOAT && v.f == 18446744073709551616.0);
    assert_int_equal(num("-9223372036854775809", true, &v), LWC_OK);
    assert_int_equal(v.type, LWC_TYPE_FLOAT);
    assert_int_equal(num("-1.5e+10", true, &v), LWC_OK);
    assert_true(v.type == LWC_TYPE_FLOAT && v.f == -1.5e10);
    assert_int_equal(num("22.9", true, &v), LWC_OK);
    assert_true(v.f == 22.9);
    assert_int_equal(num("1E3", true, &v), LWC_OK);
    assert_true(v.type == LWC_TYPE_FLOAT && v.f == 1000.0);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(num(bad[i], true, &v), LWC_ERR_MALFORMED);
    }
    /* A number at the end of a non-final chunk may still grow. */
    assert_int_equal(num("12", false, &v), LWC_ERR_WOULD_BLOCK);
}

static void test_documents(void **state)
{
    static const char *const good[] = {
        rfc8259_object,
        rfc8259_array,
        rfc8428_multi,
        rfc8428_types,
        "\"Hello world!\"",
        "42",
        "true",
        " null ",
        "[]",
        "{}",
        "[[[[[[[[1]]]]]]]]",
        "{\"a\":[{\"b\":{}}],\"c\":[1,2,3]}",
    };
    static const char *const bad[] = {
        "",
        "[1,]",
        "{\"a\":1,}",
        "{1:2}",
        "[1 2]",
        "tru",
        "nul",
        "[]]",
        "[",
        "{\"a\"}",
        "{\"a\":}",
        "[,1]",
        "// c\n1",
        "[1]x",
        "'a'",
        "[NaN]",
        "[Infinity]",
        "[-]",
        "{\"a\" 1}",
        "\xEF\xBB\xBF[]",
        "[[[[[[[[[1]]]]]]]]]", /* nine levels */
    };
    (void)state;
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        assert_int_equal(lwci_json_validate(U8(good[i]), strlen(good[i]), 8),
                         LWC_OK);
    }
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(lwci_json_validate(U8(bad[i]), strlen(bad[i]), 8),
                         LWC_ERR_MALFORMED);
    }
    /* The caller's bound applies: two levels are too many for 1. */
    assert_int_equal(lwci_json_validate(U8("[[1]]"), 5, 1), LWC_ERR_MALFORMED);
    assert_int_equal(lwci_json_validate(U8("[1]"), 3, 1), LWC_OK);
}

/* Every proper prefix of a document is "more input needed" while more
 * may come, and malformed once it is known to be the end. */
static void test_prefixes_would_block(void **state)
{
    static const char *const docs[] = {rfc8259_object, rfc8259_array,
                                       rfc8428_types,
                                       "[\"\\ud834\\udd1e\",-1.5e-3,true]"};
    (void)state;
    for (size_t d = 0; d < sizeof(docs) / sizeof(docs[0]); d++) {
        size_t n = strlen(docs[d]);
        for (size_t k = 0; k < n; k++) {
            lwci_json_reader_t r;
            lwci_json_reader_init(&r, U8(docs[d]), k, false);
            assert_int_equal(lwci_json_skip_value(&r, 8), LWC_ERR_WOULD_BLOCK);
            lwci_json_reader_init(&r, U8(docs[d]), k, true);
            assert_int_equal(lwci_json_skip_value(&r, 8), LWC_ERR_MALFORMED);
        }
    }
}

/* Tokens one at a time, as the format decoders use them. */
static void test_cursor(void **state)
{
    const char *doc = " { \"n\" : \"x\" , \"vb\" : true , \"v\" : -2 } ";
    lwci_json_reader_t r;
    lwci_json_str_t s;
    lwci_json_num_t n;
    lwci_json_tok_t tok;
    bool b, found;
    (void)state;
    lwci_json_reader_init(&r, U8(doc), strlen(doc), true);
    assert_int_equal(lwci_json_peek(&r, &tok), LWC_OK);
    assert_int_equal(tok, LWCI_JSON_T_OBJECT);
    assert_int_equal(lwci_json_expect(&r, '{'), LWC_OK);
    assert_int_equal(lwci_json_read_string(&r, &s), LWC_OK);
    assert_true(lwci_json_str_eq(&s, "n"));
    assert_int_equal(lwci_json_expect(&r, ':'), LWC_OK);
    assert_int_equal(lwci_json_read_string(&r, &s), LWC_OK);
    assert_int_equal(lwci_json_accept(&r, ',', &found), LWC_OK);
    assert_true(found);
    assert_int_equal(lwci_json_read_string(&r, &s), LWC_OK);
    assert_int_equal(lwci_json_expect(&r, ':'), LWC_OK);
    assert_int_equal(lwci_json_read_bool(&r, &b), LWC_OK);
    assert_true(b);
    assert_int_equal(lwci_json_expect(&r, ','), LWC_OK);
    assert_int_equal(lwci_json_read_string(&r, &s), LWC_OK);
    assert_int_equal(lwci_json_expect(&r, ':'), LWC_OK);
    assert_int_equal(lwci_json_peek(&r, &tok), LWC_OK);
    assert_int_equal(tok, LWCI_JSON_T_NUMBER);
    assert_int_equal(lwci_json_read_number(&r, &n), LWC_OK);
    assert_true(n.integer && n.len == 2);
    assert_int_equal(lwci_json_read_bool(&r, &b), LWC_ERR_MALFORMED);
    assert_int_equal(lwci_json_accept(&r, ',', &found), LWC_OK);
    assert_false(found);
    assert_int_equal(lwci_json_expect(&r, '}'), LWC_OK);
    assert_true(lwci_json_at_end(&r));
    assert_int_equal(lwci_json_expect(&r, '}'), LWC_ERR_MALFORMED);
}

/* The writer's output for `data`, NUL-terminated. */
static int put_string(const void *data, size_t len, char *out, size_t cap)
{
    lwci_io_sink_t s;
    lwci_io_sink_init(&s, (uint8_t *)out, cap - 1, 0);
    int rc = lwci_json_put_string(&s, data, len);
    out[lwci_io_sink_len(&s)] = '\0';
    return rc;
}

static void test_writer_strings(void **state)
{
    char out[128];
    lwci_json_str_t s;
    uint8_t back[64];
    (void)state;
    assert_int_equal(
        put_string("a\"b\\c\n\x01\x1f/\xC3\xA9", 11, out, sizeof(out)), LWC_OK);
    assert_string_equal(out, "\"a\\\"b\\\\c\\n\\u0001\\u001f/\xC3\xA9\"");
    /* Invalid UTF-8 is refused and nothing is written. */
    assert_int_equal(put_string("ab\xC0\x80", 4, out, sizeof(out)),
                     LWC_ERR_INVALID_ARG);
    assert_string_equal(out, "");
    /* Every byte 0x00..0x7F survives writer -> reader. */
    for (unsigned c = 0; c < 0x80; c++) {
        uint8_t in[3] = {'x', (uint8_t)c, 'y'};
        assert_int_equal(put_string(in, 3, out, sizeof(out)), LWC_OK);
        assert_int_equal(read_str(out, true, &s), LWC_OK);
        assert_int_equal(s.len, 3);
        assert_int_equal(lwci_json_str_decode(&s, back, sizeof(back)), LWC_OK);
        assert_memory_equal(back, in, 3);
    }
}

static void test_writer_values(void **state)
{
    static const struct {
        lwc_value_t v;
        const char *text;
    } ok[] = {
        {{.type = LWC_TYPE_INT, .i = INT64_MIN}, "-9223372036854775808"},
        {{.type = LWC_TYPE_UINT, .u = UINT64_MAX}, "18446744073709551615"},
        {{.type = LWC_TYPE_TIME, .t = 1367491215}, "1367491215"},
        {{.type = LWC_TYPE_FLOAT, .f = 22.9}, "22.9"},
        {{.type = LWC_TYPE_FLOAT, .f = -0.000125}, "-0.000125"},
        {{.type = LWC_TYPE_FLOAT, .f = 1e300}, "1e300"},
        {{.type = LWC_TYPE_FLOAT, .f = 23.0}, "23"},
    };
    char out[64];
    lwci_io_sink_t s;
    (void)state;
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        lwci_io_sink_init(&s, (uint8_t *)out, sizeof(out) - 1, 0);
        assert_int_equal(lwci_json_put_number(&s, &ok[i].v), LWC_OK);
        out[lwci_io_sink_len(&s)] = '\0';
        assert_string_equal(out, ok[i].text);
        assert_int_equal(lwci_json_validate(U8(out), strlen(out), 0), LWC_OK);
    }
    lwc_value_t nan = lwc_value_float(0.0);
    nan.f = nan.f / nan.f;
    lwc_value_t inf = lwc_value_float(1e308);
    inf.f *= 10.0;
    lwc_value_t str = lwc_value_string("x");
    assert_int_equal(lwci_json_put_number(&s, &nan), LWC_ERR_UNSUPPORTED);
    assert_int_equal(lwci_json_put_number(&s, &inf), LWC_ERR_UNSUPPORTED);
    assert_int_equal(lwci_json_put_number(&s, &str), LWC_ERR_UNSUPPORTED);

    lwci_io_sink_init(&s, (uint8_t *)out, sizeof(out) - 1, 0);
    lwci_json_put_base64(&s, "hi \n", 4, LWCI_B64_URL | LWCI_B64_NOPAD);
    lwci_json_put_lit(&s, ",");
    lwci_json_put_objlnk(&s, 65535, 0);
    out[lwci_io_sink_len(&s)] = '\0';
    assert_string_equal(out, "\"aGkgCg\",\"65535:0\"");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_string_escapes),
        cmocka_unit_test(test_string_rejections),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_documents),
        cmocka_unit_test(test_prefixes_would_block),
        cmocka_unit_test(test_cursor),
        cmocka_unit_test(test_writer_strings),
        cmocka_unit_test(test_writer_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
