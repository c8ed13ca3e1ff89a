/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* The printf-free log formatter and the log hook (src/util/log.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <lwc/errors.h>

#include "util/log.h"

static void check(const char *expect, const char *fmt, ...)
{
    char buf[128];
    va_list ap;
    size_t n;

    va_start(ap, fmt);
    n = lwci_vformat(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    assert_string_equal(buf, expect);
    assert_int_equal(n, strlen(expect));
}

static void test_integers(void **state)
{
    (void)state;
    check("0 -1 42", "%d %d %u", 0, -1, 42u);
    check("-2147483648", "%d", INT32_MIN);
    check("-9223372036854775808", "%lld", (long long)INT64_MIN);
    check("18446744073709551615", "%llu", (unsigned long long)UINT64_MAX);
    check("ff FF 0", "%x %X %x", 255u, 255u, 0u);
    check("123456789", "%zu", (size_t)123456789);
    check("-12345", "%ld", -12345L);
}

static void test_widths(void **state)
{
    (void)state;
    check("4.04", "%u.%02u", 4u, 4u);
    check("2.31", "%u.%02u", 2u, 31u);
    check("   7|0007|-007", "%4u|%04d|%04d", 7u, 7, -7);
    check("0000beef", "%08x", 0xbeefu);
    check("12345", "%2u", 12345u); /* wider values are not cut */
}

static void test_strings(void **state)
{
    (void)state;
    check("rd/a1 x", "%s %c", "rd/a1", 'x');
    check("abc", "%.*s", 3, "abcdef");
    check("(null)", "%s", (const char *)NULL);
    check("100%", "100%%");
    check("?", "%q");
}

static void test_truncation(void **state)
{
    char buf[6];
    (void)state;
    assert_int_equal(lwci_format(buf, sizeof(buf), "%s", "abcdefgh"), 5);
    assert_string_equal(buf, "abcde");
    assert_int_equal(lwci_format(buf, 1, "%d", 12), 0);
    assert_string_equal(buf, "");
    assert_int_equal(lwci_format(NULL, 0, "x"), 0);
}

typedef struct {
    int calls;
    lwc_log_level_t level;
    char module[16];
    char line[64];
} sink_t;

static void sink(void *ctx, lwc_log_level_t level, const char *module,
                 const char *line)
{
    sink_t *s = ctx;
    s->calls++;
    s->level = level;
    strncpy(s->module, module, sizeof(s->module) - 1);
    strncpy(s->line, line, sizeof(s->line) - 1);
}

static void test_hook(void **state)
{
    sink_t s = {0};
    lwc_platform_t pf = {.ctx = &s, .log = sink};
    (void)state;

    lwci_log(&pf, LWC_LOG_WARN, "core", "server %u: %s", 7u,
             lwc_strerror(LWC_ERR_TIMEOUT));
    assert_int_equal(s.calls, 1);
    assert_int_equal(s.level, LWC_LOG_WARN);
    assert_string_equal(s.module, "core");
    assert_string_equal(s.line, "server 7: timed out");
    /* No hook, no platform: nothing happens, nothing crashes. */
    pf.log = NULL;
    lwci_log(&pf, LWC_LOG_ERROR, "core", "x");
    lwci_log(NULL, LWC_LOG_ERROR, "core", "x");
    assert_int_equal(s.calls, 1);
}

static void test_strerror(void **state)
{
    (void)state;
    assert_string_equal(lwc_strerror(LWC_OK), "success");
    assert_string_equal(lwc_strerror(LWC_ERR_INVALID_ARG), "invalid argument");
    assert_string_equal(lwc_strerror(-999), "unknown error");
    for (int e = LWC_ERR_INTERNAL; e < 0; e++) {
        assert_string_not_equal(lwc_strerror(e), "unknown error");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_integers), cmocka_unit_test(test_widths),
        cmocka_unit_test(test_strings),  cmocka_unit_test(test_truncation),
        cmocka_unit_test(test_hook),     cmocka_unit_test(test_strerror),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
