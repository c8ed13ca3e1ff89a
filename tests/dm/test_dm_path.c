/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Typed paths (LwM2M 1.1 Core §6.1, IDs 0..65534 per §7.1): the LWC_PATH
 * macro, parsing and formatting text, prefix tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <lwc/dm.h>

static void macro_builds_every_length(void **state)
{
    (void)state;
    lwc_path_t root = LWC_PATH_ROOT;
    assert_int_equal(root.len, 0);
    assert_int_equal(LWC_PATH(3).len, 1);
    assert_int_equal(LWC_PATH(3, 0).len, 2);
    const lwc_path_t *p = &LWC_PATH(3, 0, 4);
    assert_int_equal(p->len, 3);
    assert_int_equal(p->ids[0], 3);
    assert_int_equal(p->ids[1], 0);
    assert_int_equal(p->ids[2], 4);
    lwc_path_t q = LWC_PATH(3, 0, 11, 65534);
    assert_int_equal(q.len, 4);
    assert_int_equal(q.ids[3], 65534);
}

static void parse_one(const char *s, const lwc_path_t *want)
{
    lwc_path_t p;
    assert_int_equal(lwc_path_parse(s, strlen(s), &p), LWC_OK);
    assert_true(lwc_path_equal(&p, want));
}

static void parse_valid(void **state)
{
    (void)state;
    parse_one("/", &LWC_PATH_ROOT);
    parse_one("/3", &LWC_PATH(3));
    parse_one("/3/0", &LWC_PATH(3, 0));
    parse_one("/3/0/4", &LWC_PATH(3, 0, 4));
    parse_one("/3/0/11/2", &LWC_PATH(3, 0, 11, 2));
    parse_one("/65534/65534/65534/65534",
              &LWC_PATH(65534, 65534, 65534, 65534));
    parse_one("/0/1/0", &LWC_PATH(0, 1, 0));
    /* Not NUL-terminated: only len bytes count. */
    lwc_path_t p;
    assert_int_equal(lwc_path_parse("/1/2/3garbage", 6, &p), LWC_OK);
    assert_true(lwc_path_equal(&p, &LWC_PATH(1, 2, 3)));
}

static void parse_rejects_malformed(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",
        "3/0/4",
        "//",
        "/3/",
        "/3//4",
        "/65535",
        "/3/0/99999",
        "/1/2/3/4/5",
        "/a",
        "/3/x",
        "/-1",
        "/+3",
        "/ 3",
        "/3 ",
        "/3/0/4/",
        "/4294967299",
        "/3.0",
        "/0x10",
        "\\3",
        "/3/0/4/0/",
        "/1e3",
        "/3/\xff",
        "/100000000000000000000",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        lwc_path_t p = LWC_PATH(9, 9);
        int rc = lwc_path_parse(bad[i], strlen(bad[i]), &p);
        if (rc != LWC_ERR_MALFORMED) {
            fail_msg("accepted \"%s\"", bad[i]);
        }
        /* The output is untouched on failure. */
        assert_true(lwc_path_equal(&p, &LWC_PATH(9, 9)));
    }
    assert_int_equal(lwc_path_parse("/3", 2, NULL), LWC_ERR_INVALID_ARG);
    assert_int_equal(lwc_path_parse(NULL, 2, &(lwc_path_t){0}),
                     LWC_ERR_INVALID_ARG);
}

static void format_round_trips(void **state)
{
    (void)state;
    static const char *const good[] = {
        "/", "/3", "/3/0", "/3/0/4", "/65534/0/65534/1", "/10/20/30/40"};
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        lwc_path_t p;
        char buf[LWC_PATH_STR_MAX];
        size_t n = 0;
        assert_int_equal(lwc_path_parse(good[i], strlen(good[i]), &p), LWC_OK);
        assert_int_equal(lwc_path_format(&p, buf, sizeof(buf), &n), LWC_OK);
        assert_string_equal(buf, good[i]);
        assert_int_equal(n, strlen(good[i]));
    }
}

static void format_checks_space_and_validity(void **state)
{
    (void)state;
    char buf[LWC_PATH_STR_MAX];
    const lwc_path_t *longest = &LWC_PATH(65534, 65534, 65534, 65534);
    assert_int_equal(lwc_path_format(longest, buf, sizeof(buf), NULL), LWC_OK);
    assert_string_equal(buf, "/65534/65534/65534/65534");
    assert_int_equal(lwc_path_format(longest, buf, sizeof(buf) - 1, NULL),
                     LWC_ERR_NO_SPACE);
    assert_string_equal(buf, "");
    assert_int_equal(lwc_path_format(&LWC_PATH(3, 0), buf, 4, NULL),
                     LWC_ERR_NO_SPACE);
    assert_int_equal(lwc_path_format(&LWC_PATH(3, 0), buf, 5, NULL), LWC_OK);
    lwc_path_t reserved = LWC_PATH(3, 65535);
    assert_false(lwc_path_is_valid(&reserved));
    assert_int_equal(lwc_path_format(&reserved, buf, sizeof(buf), NULL),
                     LWC_ERR_INVALID_ARG);
    lwc_path_t too_long = {.len = 5};
    assert_false(lwc_path_is_valid(&too_long));
}

static void prefixes(void **state)
{
    (void)state;
    const lwc_path_t *p = &LWC_PATH(1, 0, 1);
    assert_true(lwc_path_starts_with(p, &LWC_PATH_ROOT));
    assert_true(lwc_path_starts_with(p, &LWC_PATH(1)));
    assert_true(lwc_path_starts_with(p, &LWC_PATH(1, 0)));
    assert_true(lwc_path_starts_with(p, p));
    assert_false(lwc_path_starts_with(p, &LWC_PATH(1, 1)));
    assert_false(lwc_path_starts_with(p, &LWC_PATH(1, 0, 1, 0)));
    assert_false(lwc_path_equal(p, &LWC_PATH(1, 0)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(macro_builds_every_length),
        cmocka_unit_test(parse_valid),
        cmocka_unit_test(parse_rejects_malformed),
        cmocka_unit_test(format_round_trips),
        cmocka_unit_test(format_checks_space_and_validity),
        cmocka_unit_test(prefixes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
