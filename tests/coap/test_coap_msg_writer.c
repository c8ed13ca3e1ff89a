/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * CoAP writer: argument and order errors, a buffer too small at every
 * stage of a message (nothing written past the capacity, what was written
 * a prefix of the whole), payloads copied or written in place, the code
 * changed after the fact, and Uri-Path options from a path string.
 */
#include "coap_msg_test.h"

/* ---- Writer errors ------------------------------------------------------- */

static void test_writer_init_errors(void **state)
{
    uint8_t buf[16];
    lwci_coap_writer_t w;
    const uint8_t tok[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    size_t cap;

    (void)state;
    memset(buf, GUARD, sizeof(buf));
    RC(lwci_coap_writer_init(&w, buf, sizeof(buf), LWCI_COAP_CON, LWCI_COAP_GET,
                             1, tok, 9),
       LWC_ERR_INVALID_ARG);
    assert_int_equal(w.err, LWC_ERR_INVALID_ARG);
    RC(lwci_coap_writer_init(&w, buf, sizeof(buf), 4, LWCI_COAP_GET, 1, NULL,
                             0),
       LWC_ERR_INVALID_ARG);
    RC(lwci_coap_writer_init(&w, buf, sizeof(buf), LWCI_COAP_CON, LWCI_COAP_GET,
                             1, NULL, 2),
       LWC_ERR_INVALID_ARG);
    /* too small for the header plus token: nothing written */
    for (cap = 0; cap < 4 + 8; cap++) {
        RC(lwci_coap_writer_init(&w, buf, cap, LWCI_COAP_CON, LWCI_COAP_GET, 1,
                                 tok, 8),
           LWC_ERR_NO_SPACE);
        assert_int_equal(w.err, LWC_ERR_NO_SPACE);
        assert_int_equal(w.len, 0);
        /* every later call is a no-op returning the first error */
        RC(lwci_coap_add_opt_uint(&w, 12, 0), LWC_ERR_NO_SPACE);
        RC(lwci_coap_add_payload(&w, "x", 1), LWC_ERR_NO_SPACE);
        lwci_coap_writer_set_code(&w, LWCI_COAP_205_CONTENT);
    }
    assert_int_equal(buf[0], GUARD);
    assert_int_equal(buf[1], GUARD);
    OK(lwci_coap_writer_init(&w, buf, 12, LWCI_COAP_CON, LWCI_COAP_GET, 1, tok,
                             8));
    assert_int_equal(w.len, 12);
}

/* The whole message used by the "too small at every stage" test: header,
 * 4-byte token, options with every extended form, payload by both paths. */
static int build_big(uint8_t *buf, size_t cap, size_t *len)
{
    static const uint8_t tok[4] = {0xca, 0xfe, 0xba, 0xbe};
    static const char long_val[300] = "x";
    const lwci_coap_block_t blk = {.num = 70000, .more = true, .szx = 6};
    lwci_coap_writer_t w;
    uint8_t *p;
    size_t avail = 99;
    int rc;

    lwci_coap_writer_init(&w, buf, cap, LWCI_COAP_CON, LWCI_COAP_POST, 0x4242,
                          tok, sizeof(tok));
    lwci_coap_add_path(&w, LWCI_COAP_OPT_URI_PATH, "/rd/5a3f");
    lwci_coap_add_opt_uint(&w, LWCI_COAP_OPT_CONTENT_FORMAT, 11542);
    lwci_coap_add_opt(&w, LWCI_COAP_OPT_URI_QUERY, long_val, 20);
    lwci_coap_add_opt_block(&w, LWCI_COAP_OPT_BLOCK1, &blk);
    lwci_coap_add_opt(&w, 300, long_val, sizeof(long_val));
    lwci_coap_add_payload(&w, "head:", 5);
    p = lwci_coap_payload_ptr(&w, &avail);
    if (p != NULL && avail >= 3) {
        memcpy(p, "abc", 3);
    }
    rc = lwci_coap_commit_payload(&w, 3);
    assert_int_equal(rc, w.err);
    assert_true(w.len <= cap);
    *len = w.len;
    return w.err;
}

static void test_writer_too_small_every_stage(void **state)
{
    static uint8_t ref[512];
    static uint8_t buf[512 + 16];
    lwci_coap_msg_t m;
    size_t ref_len = 0;
    size_t cap;
    size_t len;

    (void)state;
    OK(build_big(ref, sizeof(ref), &ref_len));
    parse_ok(&m, ref, ref_len);
    assert_int_equal(m.payload_len, 8);
    assert_memory_equal(m.payload, "head:abc", 8);
    assert_int_equal(m.opt_count, 6);

    for (cap = 0; cap < ref_len; cap++) {
        size_t i;

        memset(buf, GUARD, sizeof(buf));
        assert_int_equal(build_big(buf, cap, &len), LWC_ERR_NO_SPACE);
        /* what was written is a prefix of the full message... */
        assert_memory_equal(buf, ref, len);
        /* ...and nothing at or past cap was touched */
        for (i = cap; i < sizeof(buf); i++) {
            assert_int_equal(buf[i], GUARD);
        }
    }
    memset(buf, GUARD, sizeof(buf));
    OK(build_big(buf, ref_len, &len));
    assert_int_equal(len, ref_len);
    assert_memory_equal(buf, ref, ref_len);
}

static void test_writer_order_errors(void **state)
{
    uint8_t buf[64];
    lwci_coap_writer_t w;
    size_t len;

    (void)state;
    /* a decreasing option number is refused, nothing written, sticky */
    start_get(&w, buf, sizeof(buf));
    OK(lwci_coap_add_opt_str(&w, LWCI_COAP_OPT_URI_PATH, "a"));
    OK(lwci_coap_add_opt_str(&w, LWCI_COAP_OPT_URI_PATH, "b"));
    len = w.len;
    RC(lwci_coap_add_opt_uint(&w, LWCI_COAP_OPT_OBSERVE, 0),
       LWC_ERR_INVALID_ARG);
    assert_int_equal(w.len, len);
    assert_int_equal(w.err, LWC_ERR_INVALID_ARG);
    RC(lwci_coap_add_opt_uint(&w, LWCI_COAP_OPT_ACCEPT, 0),
       LWC_ERR_INVALID_ARG);
    RC(lwci_coap_add_payload(&w, "x", 1), LWC_ERR_INVALID_ARG);
    assert_int_equal(w.len, len);

    /* an option after the payload is refused */
    start_205(&w, buf, sizeof(buf), LWCI_COAP_ACK);
    OK(lwci_coap_add_payload(&w, "22.3 C", 6));
    len = w.len;
    RC(lwci_coap_add_opt_uint(&w, LWCI_COAP_OPT_SIZE1, 6), LWC_ERR_STATE);
    assert_int_equal(w.len, len);
    RC(lwci_coap_add_payload(&w, "!", 1), LWC_ERR_STATE);

    /* the same after an in-place payload */
    start_205(&w, buf, sizeof(buf), LWCI_COAP_ACK);
    assert_non_null(lwci_coap_payload_ptr(&w, &len));
    OK(lwci_coap_commit_payload(&w, 1));
    RC(lwci_coap_add_opt_uint(&w, LWCI_COAP_OPT_SIZE1, 6), LWC_ERR_STATE);
}

static void test_writer_bad_args(void **state)
{
    uint8_t buf[64];
    lwci_coap_writer_t w;
    lwci_coap_block_t b = {.num = 1u << 20, .more = false, .szx = 0};

    (void)state;
    start_get(&w, buf, sizeof(buf));
    RC(lwci_coap_add_opt_block(&w, LWCI_COAP_OPT_BLOCK2, &b),
       LWC_ERR_INVALID_ARG);
    assert_int_equal(w.len, 4);

    start_get(&w, buf, sizeof(buf));
    b.num = (1u << 20) - 1;
    b.szx = 7;
    RC(lwci_coap_add_opt_block(&w, LWCI_COAP_OPT_BLOCK2, &b),
       LWC_ERR_INVALID_ARG);

    start_get(&w, buf, sizeof(buf));
    RC(lwci_coap_add_opt_str(&w, LWCI_COAP_OPT_URI_PATH, NULL),
       LWC_ERR_INVALID_ARG);

    start_get(&w, buf, sizeof(buf));
    RC(lwci_coap_add_opt(&w, LWCI_COAP_OPT_ETAG, NULL, 3), LWC_ERR_INVALID_ARG);

    start_get(&w, buf, sizeof(buf));
    RC(lwci_coap_add_payload(&w, NULL, 3), LWC_ERR_INVALID_ARG);
}

static void test_writer_payload(void **state)
{
    uint8_t buf[16];
    lwci_coap_writer_t w;
    uint8_t *p;
    size_t avail = 0;

    (void)state;
    /* len 0 writes no marker; several calls append after one marker */
    start_205(&w, buf, sizeof(buf), LWCI_COAP_NON);
    OK(lwci_coap_add_payload(&w, NULL, 0));
    assert_int_equal(w.len, 4);
    OK(lwci_coap_add_payload(&w, "ab", 2));
    OK(lwci_coap_add_payload(&w, "cd", 2));
    assert_int_equal(w.len, 9);
    assert_memory_equal(buf + 4,
                        "\xff"
                        "abcd",
                        5);

    /* in place: room excludes the marker; commit(0) writes nothing */
    start_205(&w, buf, sizeof(buf), LWCI_COAP_NON);
    p = lwci_coap_payload_ptr(&w, &avail);
    assert_ptr_equal(p, buf + 5);
    assert_int_equal(avail, sizeof(buf) - 5);
    OK(lwci_coap_commit_payload(&w, 0));
    assert_int_equal(w.len, 4);
    RC(lwci_coap_commit_payload(&w, avail + 1), LWC_ERR_NO_SPACE);
    assert_int_equal(w.len, 4);

    start_205(&w, buf, sizeof(buf), LWCI_COAP_NON);
    p = lwci_coap_payload_ptr(&w, &avail);
    memset(p, 'z', avail);
    OK(lwci_coap_commit_payload(&w, avail));
    assert_int_equal(w.len, sizeof(buf));
    assert_int_equal(buf[4], 0xff);
    assert_null(lwci_coap_payload_ptr(&w, &avail));
    assert_int_equal(avail, 0);

    /* after add_payload the in-place area follows without a second marker */
    start_205(&w, buf, sizeof(buf), LWCI_COAP_NON);
    lwci_coap_add_payload(&w, "ab", 2);
    p = lwci_coap_payload_ptr(&w, &avail);
    assert_ptr_equal(p, buf + 7);
    assert_int_equal(avail, sizeof(buf) - 7);
    p[0] = 'c';
    OK(lwci_coap_commit_payload(&w, 1));
    assert_memory_equal(buf + 4,
                        "\xff"
                        "abc",
                        4);

    /* exactly one byte free: no room for marker and payload */
    start_205(&w, buf, 5, LWCI_COAP_NON);
    assert_null(lwci_coap_payload_ptr(&w, &avail));
    assert_int_equal(avail, 0);
    RC(lwci_coap_add_payload(&w, "a", 1), LWC_ERR_NO_SPACE);
}

static void test_writer_set_code(void **state)
{
    uint8_t buf[32];
    lwci_coap_writer_t w;
    lwci_coap_msg_t m;

    (void)state;
    lwci_coap_writer_init(&w, buf, sizeof(buf), LWCI_COAP_ACK,
                          LWCI_COAP_205_CONTENT, 9, (const uint8_t *)"\x01", 1);
    lwci_coap_add_opt_uint(&w, LWCI_COAP_OPT_CONTENT_FORMAT, 0);
    lwci_coap_writer_set_code(&w, LWCI_COAP_404_NOT_FOUND);
    parse_ok(&m, buf, w.len);
    assert_int_equal(m.code, LWCI_COAP_404_NOT_FOUND);
    assert_int_equal(m.opt_count, 1);
    assert_int_equal(m.opts[0].len, 0);
}

static void test_add_path(void **state)
{
    static const uint8_t expect[] = {0xb1, '3', 0x01, '0', 0x01, '4'};
    static const char *const bad[] = {"a//b", "a/", "//a", "3/0/"};
    uint8_t buf[64];
    lwci_coap_writer_t w;
    lwci_coap_msg_t m;
    char out[32];
    size_t i;

    (void)state;
    start_get(&w, buf, sizeof(buf));
    OK(lwci_coap_add_path(&w, LWCI_COAP_OPT_URI_PATH, "/3/0/4"));
    assert_int_equal(w.len, 4 + sizeof(expect));
    assert_memory_equal(buf + 4, expect, sizeof(expect));

    /* without the leading slash: same bytes; round trip through join */
    start_get(&w, buf, sizeof(buf));
    OK(lwci_coap_add_path(&w, LWCI_COAP_OPT_URI_PATH, "3/0/4"));
    assert_memory_equal(buf + 4, expect, sizeof(expect));
    parse_ok(&m, buf, w.len);
    lwci_coap_join_path(&m, LWCI_COAP_OPT_URI_PATH, out, sizeof(out));
    assert_string_equal(out, "3/0/4");

    /* the root adds nothing */
    start_get(&w, buf, sizeof(buf));
    OK(lwci_coap_add_path(&w, LWCI_COAP_OPT_URI_PATH, ""));
    OK(lwci_coap_add_path(&w, LWCI_COAP_OPT_URI_PATH, "/"));
    assert_int_equal(w.len, 4);

    /* empty segments: refused before anything is written */
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        start_get(&w, buf, sizeof(buf));
        RC(lwci_coap_add_path(&w, LWCI_COAP_OPT_URI_PATH, bad[i]),
           LWC_ERR_INVALID_ARG);
        assert_int_equal(w.len, 4);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_writer_init_errors),
        cmocka_unit_test(test_writer_too_small_every_stage),
        cmocka_unit_test(test_writer_order_errors),
        cmocka_unit_test(test_writer_bad_args),
        cmocka_unit_test(test_writer_payload),
        cmocka_unit_test(test_writer_set_code),
        cmocka_unit_test(test_add_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
