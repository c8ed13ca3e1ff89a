/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* The windowed output sink: block-wise slicing of a re-encoded payload. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "io/io.h"

static const char text[] = "0123456789abcdefghijklmnopqrstuvwxyz";

/* Writes `text` in pieces of `piece` bytes into a window. */
static void produce(lwci_io_sink_t *s, size_t piece)
{
    size_t n = sizeof(text) - 1;
    for (size_t i = 0; i < n; i += piece) {
        lwci_io_put(s, text + i, i + piece <= n ? piece : n - i);
    }
}

static void test_windows_reassemble(void **state)
{
    (void)state;
    /* Every block size and piece size: concatenated windows == payload. */
    for (size_t block = 1; block <= 16; block++) {
        for (size_t piece = 1; piece <= 7; piece++) {
            char out[64] = {0};
            size_t got = 0;
            for (size_t skip = 0; skip < sizeof(text) - 1; skip += block) {
                uint8_t win[16];
                lwci_io_sink_t s;
                lwci_io_sink_init(&s, win, block, skip);
                produce(&s, piece);
                assert_int_equal(s.total, sizeof(text) - 1);
                memcpy(out + got, win, lwci_io_sink_len(&s));
                got += lwci_io_sink_len(&s);
                assert_int_equal(lwci_io_sink_more(&s),
                                 skip + block < sizeof(text) - 1);
            }
            assert_int_equal(got, sizeof(text) - 1);
            assert_memory_equal(out, text, got);
        }
    }
}

static void test_window_never_overrun(void **state)
{
    uint8_t buf[8];
    lwci_io_sink_t s;
    (void)state;

    memset(buf, 0xAA, sizeof(buf));
    lwci_io_sink_init(&s, buf + 2, 4, 10);
    produce(&s, 3);
    assert_memory_equal(buf + 2, "abcd", 4);
    assert_int_equal(buf[0], 0xAA);
    assert_int_equal(buf[1], 0xAA);
    assert_int_equal(buf[6], 0xAA);
    assert_int_equal(buf[7], 0xAA);
}

static void test_measuring_and_hash(void **state)
{
    lwci_io_sink_t a, b, c;
    uint8_t w[4];
    (void)state;

    lwci_io_sink_init(&a, NULL, 0, 0);
    produce(&a, 5);
    assert_int_equal(a.total, sizeof(text) - 1);
    assert_int_equal(lwci_io_sink_len(&a), 0);
    /* The hash covers every byte whatever the window: an ETag. */
    lwci_io_sink_init(&b, w, sizeof(w), 20);
    produce(&b, 2);
    assert_int_equal(a.hash, b.hash);
    lwci_io_sink_init(&c, NULL, 0, 0);
    lwci_io_put(&c, "x", 1);
    assert_true(c.hash != a.hash);
    /* FNV-1a of "a" is 0xe40c292c. */
    lwci_io_sink_init(&c, NULL, 0, 0);
    lwci_io_put_byte(&c, 'a');
    assert_int_equal(c.hash, 0xe40c292cu);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_windows_reassemble),
        cmocka_unit_test(test_window_never_overrun),
        cmocka_unit_test(test_measuring_and_hash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
