/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* text/plain values (LwM2M TS Core 1.1 §7.4.1): exact integer limits,
 * floats without libm, booleans, object links, and rejected text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "io/text.h"

static int parse_i(const char *s, int64_t *v)
{
    return lwci_text_parse_int(s, strlen(s), v);
}

static int parse_u(const char *s, uint64_t *v)
{
    return lwci_text_parse_uint(s, strlen(s), v);
}

static void integer_limits(void **state)
{
    (void)state;
    int64_t i;
    uint64_t u;
    assert_int_equal(parse_i("9223372036854775807", &i), LWC_OK);
    assert_true(i == INT64_MAX);
    assert_int_equal(parse_i("-9223372036854775808", &i), LWC_OK);
    assert_true(i == INT64_MIN);
    assert_int_equal(parse_i("9223372036854775808", &i), LWC_ERR_MALFORMED);
    assert_int_equal(parse_i("-9223372036854775809", &i), LWC_ERR_MALFORMED);
    assert_int_equal(parse_i("99999999999999999999", &i), LWC_ERR_MALFORMED);
    assert_int_equal(parse_i("+42", &i), LWC_OK);
    assert_int_equal(i, 42);
    assert_int_equal(parse_i("-0", &i), LWC_OK);
    assert_int_equal(i, 0);
    assert_int_equal(parse_u("18446744073709551615", &u), LWC_OK);
    assert_true(u == UINT64_MAX);
    assert_int_equal(parse_u("18446744073709551616", &u), LWC_ERR_MALFORMED);
    assert_int_equal(parse_u("-1", &u), LWC_ERR_MALFORMED);

    static const char *const bad[] = {"",   "-",    "+",   " 1",  "1 ",
                                      "1a", "0x10", "1.0", "--1", "1e3"};
    for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
        if (parse_i(bad[k], &i) != LWC_ERR_MALFORMED) {
            fail_msg("accepted \"%s\"", bad[k]);
        }
    }
}

static void format_i(int64_t v, const char *want)
{
    char b[LWCI_TEXT_NUMBER_MAX];
    size_t n = lwci_text_format_int(v, b, sizeof(b));
    assert_int_equal(n, strlen(want));
    assert_memory_equal(b, want, n);
}

static void integer_format(void **state)
{
    (void)state;
    format_i(0, "0");
    format_i(-1, "-1");
    format_i(INT64_MAX, "9223372036854775807");
    format_i(INT64_MIN, "-9223372036854775808");
    char b[LWCI_TEXT_NUMBER_MAX];
    size_t n = lwci_text_format_uint(UINT64_MAX, b, sizeof(b));
    assert_int_equal(n, 20);
    assert_memory_equal(b, "18446744073709551615", 20);
    assert_int_equal(lwci_text_format_int(-12, b, 2), 0); /* too small */
    assert_int_equal(lwci_text_format_uint(123, b, 2), 0);
}

static void format_f(double v, const char *want)
{
    char b[LWCI_TEXT_NUMBER_MAX + 1];
    size_t n = lwci_text_format_float(v, b, sizeof(b) - 1);
    b[n] = '\0';
    assert_string_equal(b, want);
}

static void float_format_is_short_and_exact(void **state)
{
    (void)state;
    format_f(0.0, "0");
    format_f(23.5, "23.5");
    format_f(-2.5, "-2.5");
    format_f(0.1, "0.1");
    format_f(3.14, "3.14");
    format_f(100.0, "100");
    format_f(1.0 / 3.0, "0.3333333333333333");
    format_f(1e-7, "1e-7");
    format_f(0.000001, "0.000001");
    format_f(1e21, "1e21");
    format_f(123456789.125, "123456789.125");
    format_f(1.7976931348623157e308, "1.7976931348623157e308");
    format_f(5e-324, "5e-324");
    format_f(-1.0 / 0.0 * 1.0, "-Infinity");
    char b[4];
    assert_int_equal(lwci_text_format_float(123.25, b, sizeof(b)), 0);
}

/* Round trip through our own formatter and parser, and against the C
 * library's strtod (what a server's parser would do). */
static void float_round_trip(void **state)
{
    (void)state;
    uint64_t seed = 0x9E3779B97F4A7C15u;
    for (int k = 0; k < 20000; k++) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        double v;
        if (k % 2) {
            memcpy(&v, &seed, sizeof(v)); /* any bit pattern */
        } else {
            v = (double)(int64_t)(seed % 2000001) / 1000.0 - 1000.0;
        }
        if (v != v || v - v != 0.0) {
            continue; /* NaN, infinities */
        }
        char b[LWCI_TEXT_NUMBER_MAX + 1];
        size_t n = lwci_text_format_float(v, b, sizeof(b) - 1);
        assert_true(n > 0);
        b[n] = '\0';
        double back;
        assert_int_equal(lwci_text_parse_float(b, n, &back), LWC_OK);
        if (back != v || strtod(b, NULL) != v) {
            fail_msg("%s does not read back", b);
        }
    }
}

static void float_parse(void **state)
{
    (void)state;
    double d;
    static const struct {
        const char *s;
        double v;
    } good[] = {{"1", 1.0},
                {"-0.5", -0.5},
                {"+.25", 0.25},
                {"5.", 5.0},
                {"1e3", 1000.0},
                {"1E-3", 0.001},
                {"2.5e+2", 250.0},
                {"0.1", 0.1},
                {"1e-400", 0.0},
                {"123456789012345678901234567890", 1.2345678901234568e29}};
    for (size_t k = 0; k < sizeof(good) / sizeof(good[0]); k++) {
        assert_int_equal(
            lwci_text_parse_float(good[k].s, strlen(good[k].s), &d), LWC_OK);
        assert_true(d == good[k].v);
    }
    assert_int_equal(lwci_text_parse_float("NaN", 3, &d), LWC_OK);
    assert_true(d != d);
    assert_int_equal(lwci_text_parse_float("-Infinity", 9, &d), LWC_OK);
    assert_true(d < -1e308);
    static const char *const bad[] = {"",      ".",   "e5",    "1e",    "1e+",
                                      "1.2.3", "--1", "1e400", "0x1p3", "1 "};
    for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
        if (lwci_text_parse_float(bad[k], strlen(bad[k]), &d) !=
            LWC_ERR_MALFORMED) {
            fail_msg("accepted \"%s\"", bad[k]);
        }
    }
}

static void values_encode(void **state)
{
    (void)state;
    char b[32];
    size_t n;
    lwc_value_t v = lwc_value_bool(true);
    assert_int_equal(lwci_text_encode(&v, b, sizeof(b), &n), LWC_OK);
    assert_memory_equal(b, "1", n);
    v = lwc_value_objlnk(3, 65535);
    assert_int_equal(lwci_text_encode(&v, b, sizeof(b), &n), LWC_OK);
    assert_int_equal(n, 7);
    assert_memory_equal(b, "3:65535", 7);
    v = lwc_value_time(1367491215);
    assert_int_equal(lwci_text_encode(&v, b, sizeof(b), &n), LWC_OK);
    assert_memory_equal(b, "1367491215", n);
    v = lwc_value_string("hello");
    assert_int_equal(lwci_text_encode(&v, b, 4, &n), LWC_ERR_NO_SPACE);
    assert_int_equal(lwci_text_encode(&v, b, 5, &n), LWC_OK);
    v = lwc_value_opaque("x", 1);
    assert_int_equal(lwci_text_encode(&v, b, sizeof(b), &n),
                     LWC_ERR_UNSUPPORTED);
}

static void values_decode(void **state)
{
    (void)state;
    lwc_value_t v;
    assert_int_equal(lwci_text_decode("1", 1, LWC_TYPE_BOOL, &v), LWC_OK);
    assert_true(v.b);
    assert_int_equal(lwci_text_decode("true", 4, LWC_TYPE_BOOL, &v),
                     LWC_ERR_MALFORMED);
    assert_int_equal(lwci_text_decode("2", 1, LWC_TYPE_BOOL, &v),
                     LWC_ERR_MALFORMED);
    assert_int_equal(lwci_text_decode("66:1", 4, LWC_TYPE_OBJLNK, &v), LWC_OK);
    assert_int_equal(v.objlnk.oid, 66);
    assert_int_equal(v.objlnk.iid, 1);
    static const char *const bad_links[] = {
        "66", ":1", "66:", "65536:0", "1:2:3", "a:b"};
    for (size_t k = 0; k < sizeof(bad_links) / sizeof(bad_links[0]); k++) {
        assert_int_equal(lwci_text_decode(bad_links[k], strlen(bad_links[k]),
                                          LWC_TYPE_OBJLNK, &v),
                         LWC_ERR_MALFORMED);
    }
    assert_int_equal(lwci_text_decode("-5", 2, LWC_TYPE_UINT, &v),
                     LWC_ERR_MALFORMED);
    assert_int_equal(lwci_text_decode("-5", 2, LWC_TYPE_TIME, &v), LWC_OK);
    assert_true(v.type == LWC_TYPE_TIME && v.t == -5);
    assert_int_equal(lwci_text_decode("abc", 3, LWC_TYPE_STRING, &v), LWC_OK);
    assert_int_equal(v.bytes.len, 3);
    assert_int_equal(lwci_text_decode("abc", 3, LWC_TYPE_OPAQUE, &v),
                     LWC_ERR_UNSUPPORTED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(integer_limits),
        cmocka_unit_test(integer_format),
        cmocka_unit_test(float_format_is_short_and_exact),
        cmocka_unit_test(float_round_trip),
        cmocka_unit_test(float_parse),
        cmocka_unit_test(values_encode),
        cmocka_unit_test(values_decode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
