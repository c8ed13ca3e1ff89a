/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * CoAP parser: malformed datagrams refused (silently or with a usable
 * header, RFC 7252 §4.2-4.3), valid edge cases, the option-count limit,
 * and the helpers that read options of a parsed message (find, uint,
 * Block, joined paths, unknown critical options).
 */
#include "coap_msg_test.h"

/* ---- Malformed datagrams ------------------------------------------------- */

typedef struct {
    const char *name;
    const uint8_t *wire;
    size_t len;
    bool header_ok;
} bad_t;

#define BAD(name, lit, hok)                                                    \
    {                                                                          \
        name, W(lit), hok                                                      \
    }

/* clang-format off */
static const bad_t bad_msgs[] = {
    /* silently ignored: header or token unusable (RFC 7252 §4.2, §4.3) */
    BAD("empty datagram", "", false),
    BAD("1 byte", "\x40", false),
    BAD("3 bytes", "\x40\x01\x00", false),
    BAD("version 0", "\x00\x01\x00\x01", false),
    BAD("version 2", "\x80\x01\x00\x01", false),
    BAD("version 3", "\xc0\x45\x00\x01\xff" "x", false),
    BAD("TKL 9", "\x49\x01\x00\x01\x01\x02\x03\x04\x05\x06\x07\x08\x09",
        false),
    BAD("TKL 15", "\x4f\x01\x00\x01\x01\x02\x03\x04\x05\x06\x07\x08"
                  "\x09\x0a\x0b\x0c\x0d\x0e\x0f", false),
    BAD("TKL 4, 2 token bytes", "\x44\x01\x00\x01\xaa\xbb", false),
    BAD("TKL 8, no token", "\x48\x01\x00\x01", false),
    BAD("empty msg TKL 2, 1 token byte", "\x62\x00\x00\x01\xaa", false),
    /* header usable, the rest malformed (RFC 7252 §3, §4.1, §12.1) */
    BAD("reserved class 1.00", "\x40\x20\x00\x01", true),
    BAD("reserved class 1.31", "\x40\x3f\x00\x01", true),
    BAD("reserved class 6.00", "\x60\xc0\x00\x01", true),
    BAD("reserved class 7.31", "\x50\xff\x00\x01", true),
    BAD("empty message with token", "\x41\x00\x00\x01\xaa", true),
    BAD("empty message with option", "\x60\x00\x00\x01\xb1" "a", true),
    BAD("empty message with payload", "\x70\x00\x00\x01\xff" "x", true),
    BAD("empty message with lone marker", "\x60\x00\x00\x01\xff", true),
    BAD("payload marker without payload", "\x40\x01\x00\x01\xff", true),
    BAD("marker without payload after option",
        "\x41\x45\x00\x01\x07\xc1\x00\xff", true),
    BAD("delta nibble 15, length 0", "\x40\x01\x00\x01\xf0", true),
    BAD("delta nibble 15, length 13", "\x40\x01\x00\x01\xfd\x00", true),
    BAD("delta nibble 15, 2 bytes follow", "\x40\x01\x00\x01\xf0\x00\x00",
        true),
    BAD("length nibble 15", "\x40\x01\x00\x01\xbf" "abc", true),
    BAD("length nibble 15 after option", "\x40\x01\x00\x01\xb1" "a" "\x0f",
        true),
    BAD("length nibble 15, 13 bytes follow",
        "\x40\x01\x00\x01\x1f\x00" "0123456789abc", true),
    BAD("delta 13, extension byte missing", "\x40\x01\x00\x01\xd0", true),
    BAD("delta 14, 1 of 2 extension bytes", "\x40\x01\x00\x01\xe0\x00", true),
    BAD("length 13, extension byte missing", "\x40\x01\x00\x01\x1d", true),
    BAD("length 14, 1 of 2 extension bytes", "\x40\x01\x00\x01\x1e\x01",
        true),
    BAD("delta 13 ok, length 13 ext missing", "\x40\x01\x00\x01\xdd\x00",
        true),
    BAD("value truncated", "\x40\x01\x00\x01\xb5" "ab", true),
    BAD("value truncated, ext length 300",
        "\x40\x01\x00\x01\xbe\x00\x1f" "0123456789", true),
    BAD("value truncated by 1 at end", "\x40\x01\x00\x01\xb2" "a", true),
    BAD("option number 65536 in one delta", "\x40\x01\x00\x01\xe0\xfe\xf3",
        true),
    BAD("option number 65804 (max delta)", "\x40\x01\x00\x01\xe0\xff\xff",
        true),
    BAD("options add up past 65535",
        "\x40\x01\x00\x01\xe0\xfd\xdb\xe0\x01\x4b", true),
};
/* clang-format on */

static void test_malformed(void **state)
{
    size_t i;

    (void)state;
    assert_true(sizeof(bad_msgs) / sizeof(bad_msgs[0]) >= 25);
    for (i = 0; i < sizeof(bad_msgs) / sizeof(bad_msgs[0]); i++) {
        const bad_t *b = &bad_msgs[i];
        lwci_coap_msg_t m;
        bool hok = !b->header_ok;

        print_message("malformed: %s\n", b->name);
        RC(lwci_coap_parse(&m, b->wire, b->len, &hok), LWC_ERR_MALFORMED);
        assert_int_equal(hok, b->header_ok);
        /* header_ok may be NULL */
        RC(lwci_coap_parse(&m, b->wire, b->len, NULL), LWC_ERR_MALFORMED);
    }
}

/* A message whose header is usable reports type, code, MID and token even
 * when its options are malformed, so the caller can answer 4.00 / RST. */
static void test_malformed_keeps_header(void **state)
{
    static const uint8_t wire[] = {0x42, 0x02, 0xbe, 0xef, 0x11, 0x22, 0xf0};
    lwci_coap_msg_t m;
    bool hok = false;

    (void)state;
    RC(lwci_coap_parse(&m, wire, sizeof(wire), &hok), LWC_ERR_MALFORMED);
    assert_true(hok);
    assert_int_equal(m.type, LWCI_COAP_CON);
    assert_int_equal(m.code, LWCI_COAP_POST);
    assert_int_equal(m.mid, 0xbeef);
    assert_int_equal(m.token_len, 2);
    assert_int_equal(m.token[0], 0x11);
    assert_int_equal(m.token[1], 0x22);
}

/* Boundaries that are valid: option 65535, a payload made of 0xff bytes, an
 * option with an empty value, every type with code 0.00. */
static void test_valid_edges(void **state)
{
    static const uint8_t ff_payload[] = {0x40, 0x02, 0x00, 0x01,
                                         0xff, 0xff, 0xff};
    lwci_coap_msg_t m;
    uint8_t t;

    (void)state;
    parse_ok(&m, W("\x40\x01\x00\x01\xe0\xfe\xf2"));
    assert_int_equal(m.opts[0].number, 65535);
    assert_int_equal(m.opts[0].len, 0);

    parse_ok(&m, ff_payload, sizeof(ff_payload));
    assert_int_equal(m.opt_count, 0);
    assert_int_equal(m.payload_len, 2);
    assert_ptr_equal(m.payload, ff_payload + 5);

    /* If-None-Match twice, both empty */
    parse_ok(&m, W("\x40\x01\x00\x01\x50\x00"));
    assert_int_equal(m.opt_count, 2);
    assert_int_equal(m.opts[0].number, LWCI_COAP_OPT_IF_NONE_MATCH);
    assert_int_equal(m.opts[1].number, LWCI_COAP_OPT_IF_NONE_MATCH);

    for (t = 0; t < 4; t++) {
        uint8_t e[4] = {(uint8_t)(0x40 | (t << 4)), 0x00, 0x00, 0x07};
        parse_ok(&m, e, sizeof(e));
        assert_int_equal(m.type, t);
        assert_int_equal(m.code, LWCI_COAP_EMPTY);
    }
}

/* More options than LWC_COAP_MAX_OPTIONS: LWC_ERR_NO_SPACE, header usable,
 * unless the rest is malformed. */
static void test_too_many_options(void **state)
{
    uint8_t buf[LWC_COAP_MAX_OPTIONS * 4 + 64];
    lwci_coap_writer_t w;
    lwci_coap_msg_t m;
    bool hok = false;
    size_t i;

    (void)state;
    lwci_coap_writer_init(&w, buf, sizeof(buf), LWCI_COAP_CON, LWCI_COAP_GET, 7,
                          (const uint8_t *)"t", 1);
    for (i = 0; i < LWC_COAP_MAX_OPTIONS; i++) {
        lwci_coap_add_opt_str(&w, LWCI_COAP_OPT_URI_PATH, "s");
    }
    OK(w.err);
    OK(lwci_coap_parse(&m, buf, w.len, &hok));
    assert_int_equal(m.opt_count, LWC_COAP_MAX_OPTIONS);

    lwci_coap_add_opt_str(&w, LWCI_COAP_OPT_URI_QUERY, "q");
    lwci_coap_add_payload(&w, "p", 1);
    RC(lwci_coap_parse(&m, buf, w.len, &hok), LWC_ERR_NO_SPACE);
    assert_true(hok);
    assert_int_equal(m.mid, 7);
    assert_int_equal(m.opt_count, LWC_COAP_MAX_OPTIONS);

    buf[w.len - 2] = 0x0f; /* marker -> option with length nibble 15 */
    RC(lwci_coap_parse(&m, buf, w.len, &hok), LWC_ERR_MALFORMED);
    assert_true(hok);
}

/* ---- Option helpers ------------------------------------------------------ */

static void test_find_opt(void **state)
{
    lwci_coap_msg_t m;
    const lwci_coap_opt_t *o;
    size_t iter = 0;

    (void)state;
    /* Observe "o", Uri-Path "a", "b", Uri-Query "x", "y" */
    parse_ok(&m, W("\x40\x01\x00\x01\x61o\x51"
                   "a\x01"
                   "b\x41x\x01y"));
    o = lwci_coap_find_opt(&m, LWCI_COAP_OPT_URI_PATH, &iter);
    assert_non_null(o);
    assert_int_equal(o->value[0], 'a');
    o = lwci_coap_find_opt(&m, LWCI_COAP_OPT_URI_PATH, &iter);
    assert_non_null(o);
    assert_int_equal(o->value[0], 'b');
    assert_null(lwci_coap_find_opt(&m, LWCI_COAP_OPT_URI_PATH, &iter));
    iter = 0;
    o = lwci_coap_find_opt(&m, LWCI_COAP_OPT_URI_QUERY, &iter);
    assert_int_equal(o->value[0], 'x');
    assert_int_equal(iter, 4);
    iter = 0;
    assert_null(lwci_coap_find_opt(&m, LWCI_COAP_OPT_ACCEPT, &iter));
    iter = 0;
    o = lwci_coap_find_opt(&m, LWCI_COAP_OPT_OBSERVE, &iter);
    assert_int_equal(o->value[0], 'o');
}

static void test_get_uint_helpers(void **state)
{
    lwci_coap_msg_t m;
    uint32_t v = 0;
    uint16_t cf = 0;

    (void)state;
    /* Observe 3 bytes, Content-Format 11543 with a leading zero byte,
     * Accept twice */
    parse_ok(&m, W("\x40\x01\x00\x01\x63\x01\x02\x03\x63\x00\x2d\x17\x51\x28"
                   "\x01\x3c"));
    OK(lwci_coap_get_observe(&m, &v));
    assert_int_equal(v, 0x010203);
    OK(lwci_coap_get_content_format(&m, &cf));
    assert_int_equal(cf, 11543);
    RC(lwci_coap_get_accept(&m, &cf), LWC_ERR_MALFORMED);
    RC(lwci_coap_get_uint(&m, LWCI_COAP_OPT_ACCEPT, &v), LWC_ERR_MALFORMED);
    RC(lwci_coap_get_uint(&m, LWCI_COAP_OPT_MAX_AGE, &v), LWC_ERR_NOT_FOUND);
    OK(lwci_coap_opt_uint(&m.opts[3], &v));
    assert_int_equal(v, 60);

    /* Observe 4 bytes, Content-Format 65536, Max-Age 5 bytes */
    parse_ok(&m, W("\x40\x01\x00\x01\x64\x00\x00\x00\x01\x63\x01\x00\x00\x25"
                   "\x00\x00\x00\x00\x07"));
    RC(lwci_coap_get_observe(&m, &v), LWC_ERR_MALFORMED);
    OK(lwci_coap_get_uint(&m, LWCI_COAP_OPT_OBSERVE, &v));
    assert_int_equal(v, 1);
    RC(lwci_coap_get_content_format(&m, &cf), LWC_ERR_MALFORMED);
    RC(lwci_coap_get_accept(&m, &cf), LWC_ERR_NOT_FOUND);
    RC(lwci_coap_get_uint(&m, LWCI_COAP_OPT_MAX_AGE, &v), LWC_ERR_MALFORMED);
    RC(lwci_coap_opt_uint(&m.opts[2], &v), LWC_ERR_MALFORMED);
}

static void test_block_malformed(void **state)
{
    lwci_coap_msg_t m;
    lwci_coap_block_t b;

    (void)state;
    /* Block2 with SZX 7 */
    parse_ok(&m, W("\x40\x01\x00\x01\xd1\x0a\x17"));
    RC(lwci_coap_get_block(&m, LWCI_COAP_OPT_BLOCK2, &b), LWC_ERR_MALFORMED);
    /* Block1 of 4 bytes */
    parse_ok(&m, W("\x40\x01\x00\x01\xd4\x0e\x00\x00\x00\x10"));
    RC(lwci_coap_get_block(&m, LWCI_COAP_OPT_BLOCK1, &b), LWC_ERR_MALFORMED);
    /* Block2 twice */
    parse_ok(&m, W("\x40\x01\x00\x01\xd1\x0a\x03\x01\x13"));
    RC(lwci_coap_get_block(&m, LWCI_COAP_OPT_BLOCK2, &b), LWC_ERR_MALFORMED);
}

static void test_join_path(void **state)
{
    lwci_coap_msg_t m;
    char out[32];

    (void)state;
    /* 2.01 Created, Location-Path "rd", "5a3f" */
    parse_ok(&m, W("\x62\x41\x00\x01\xbe\xef\x82rd\x04"
                   "5a3f"));
    OK(lwci_coap_join_path(&m, LWCI_COAP_OPT_LOCATION_PATH, out, sizeof(out)));
    assert_string_equal(out, "rd/5a3f");
    OK(lwci_coap_join_path(&m, LWCI_COAP_OPT_LOCATION_PATH, out, 8));
    assert_string_equal(out, "rd/5a3f");
    RC(lwci_coap_join_path(&m, LWCI_COAP_OPT_LOCATION_PATH, out, 7),
       LWC_ERR_NO_SPACE);
    RC(lwci_coap_join_path(&m, LWCI_COAP_OPT_LOCATION_PATH, out, 3),
       LWC_ERR_NO_SPACE);
    OK(lwci_coap_join_path(&m, LWCI_COAP_OPT_URI_PATH, out, sizeof(out)));
    assert_string_equal(out, "");
    OK(lwci_coap_join_path(&m, LWCI_COAP_OPT_URI_PATH, out, 1));
    RC(lwci_coap_join_path(&m, LWCI_COAP_OPT_URI_PATH, out, 0),
       LWC_ERR_NO_SPACE);

    /* Uri-Path "a/b": a slash inside a segment */
    parse_ok(&m, W("\x40\x01\x00\x01\xb3"
                   "a/b"));
    RC(lwci_coap_join_path(&m, LWCI_COAP_OPT_URI_PATH, out, sizeof(out)),
       LWC_ERR_MALFORMED);
    /* Uri-Path "3", "a\0" */
    parse_ok(&m, W("\x40\x01\x00\x01\xb1"
                   "3\x02"
                   "a\x00"));
    RC(lwci_coap_join_path(&m, LWCI_COAP_OPT_URI_PATH, out, sizeof(out)),
       LWC_ERR_MALFORMED);
}

static void test_unknown_critical(void **state)
{
    static const uint16_t all[] = {1, 11, 2049};
    static const uint16_t some[] = {11, 1};
    lwci_coap_msg_t m;

    (void)state;
    /* If-Match (1, critical), Observe (6, elective), Uri-Path (11,
     * critical), option 2048 (elective), option 2049 (critical) */
    parse_ok(&m, W("\x40\x01\x00\x01\x10\x50\x50\xe0\x06\xe8\x10"));
    assert_int_equal(m.opt_count, 5);
    assert_int_equal(m.opts[3].number, 2048);
    assert_int_equal(m.opts[4].number, 2049);
    assert_int_equal(lwci_coap_unknown_critical(&m, all, 3), 0);
    assert_int_equal(lwci_coap_unknown_critical(&m, some, 2), 2049);
    assert_int_equal(lwci_coap_unknown_critical(&m, all + 1, 2), 1);
    assert_int_equal(lwci_coap_unknown_critical(&m, NULL, 0), 1);
    /* elective options only: nothing to reject */
    m.opt_count = 2;
    m.opts[0] = m.opts[1];
    assert_int_equal(lwci_coap_unknown_critical(&m, NULL, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_malformed_keeps_header),
        cmocka_unit_test(test_valid_edges),
        cmocka_unit_test(test_too_many_options),
        cmocka_unit_test(test_find_opt),
        cmocka_unit_test(test_get_uint_helpers),
        cmocka_unit_test(test_block_malformed),
        cmocka_unit_test(test_join_path),
        cmocka_unit_test(test_unknown_critical),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
