/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* The POSIX platform hooks: clock, random bytes, stderr log sink. */
#define _GNU_SOURCE

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include <lwc/errors.h>
#include <lwc/port/posix.h>

static int64_t mono_ms(void)
{
    struct timespec ts;
    assert_int_equal(clock_gettime(CLOCK_MONOTONIC, &ts), 0);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Milliseconds of CLOCK_MONOTONIC: bracketed by direct readings. */
static void test_now_ms_is_monotonic_ms(void **state)
{
    (void)state;
    int64_t before = mono_ms();
    int64_t now = lwc_posix_now_ms();
    int64_t after = mono_ms();
    assert_true(before <= now);
    assert_true(now <= after);
}

static bool all_equal(const uint8_t *b, size_t len, uint8_t v)
{
    for (size_t i = 0; i < len; i++) {
        if (b[i] != v) {
            return false;
        }
    }
    return true;
}

/* Every part of a large buffer is written: no 32-byte window keeps the
 * sentinel (chance of a false failure: 2^-256 per window). */
static void test_random_fills_whole_buffer(void **state)
{
    static uint8_t buf[70000];

    (void)state;
    for (int pass = 0; pass < 2; pass++) {
        uint8_t sentinel = pass ? 0xff : 0x00;
        memset(buf, sentinel, sizeof(buf));
        assert_int_equal(lwc_posix_random(NULL, buf, sizeof(buf)), LWC_OK);
        for (size_t off = 0; off + 32 <= sizeof(buf); off += 32) {
            assert_false(all_equal(buf + off, 32, sentinel));
        }
    }
}

static void test_random_calls_differ(void **state)
{
    uint8_t a[16], b[16];
    lwc_platform_t pf = lwc_posix_platform(NULL);

    (void)state;
    assert_int_equal(pf.random(pf.ctx, a, sizeof(a)), LWC_OK);
    assert_int_equal(pf.random(pf.ctx, b, sizeof(b)), LWC_OK);
    assert_memory_not_equal(a, b, sizeof(a));
    assert_int_equal(lwc_posix_random(NULL, NULL, 0), LWC_OK);
    assert_int_equal(lwc_posix_random(NULL, NULL, 4), LWC_ERR_INVALID_ARG);
}

/* Run the platform's log hook with stderr redirected to a file; return
 * what was written. */
static void capture_log(lwc_posix_platform_ctx_t *ctx, char *out, size_t cap)
{
    lwc_platform_t pf = lwc_posix_platform(ctx);
    FILE *tmp = tmpfile();
    assert_non_null(tmp);
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    assert_true(saved >= 0);
    assert_true(dup2(fileno(tmp), STDERR_FILENO) >= 0);

    pf.log(pf.ctx, LWC_LOG_ERROR, "core", "boom 1");
    pf.log(pf.ctx, LWC_LOG_INFO, "coap", "hello");
    pf.log(pf.ctx, LWC_LOG_DEBUG, "dm", "detail");

    fflush(stderr);
    assert_true(dup2(saved, STDERR_FILENO) >= 0);
    close(saved);
    rewind(tmp);
    size_t n = fread(out, 1, cap - 1, tmp);
    out[n] = '\0';
    fclose(tmp);
}

static void test_log_format_and_filter(void **state)
{
    char out[256];
    lwc_posix_platform_ctx_t ctx = {.log_level = LWC_LOG_INFO};

    (void)state;
    capture_log(&ctx, out, sizeof(out));
    assert_string_equal(out, "ERROR core: boom 1\nINFO coap: hello\n");

    ctx.log_level = LWC_LOG_ERROR;
    capture_log(&ctx, out, sizeof(out));
    assert_string_equal(out, "ERROR core: boom 1\n");

    capture_log(NULL, out, sizeof(out));
    assert_string_equal(
        out, "ERROR core: boom 1\nINFO coap: hello\nDEBUG dm: detail\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_now_ms_is_monotonic_ms),
        cmocka_unit_test(test_random_fills_whole_buffer),
        cmocka_unit_test(test_random_calls_differ),
        cmocka_unit_test(test_log_format_and_filter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
