/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * CoAP codec tests: golden vectors worked out by hand from the examples of
 * RFC 7252 Appendix A and RFC 7959 §2-3, extended option forms, malformed
 * datagrams, writer errors and the option helpers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <lwc/errors.h>

#include "coap/coap_msg.h"

/* A string literal as (pointer, length), so vectors may hold NUL bytes. */
#define S(lit) (lit), (sizeof(lit) - 1)
#define W(lit) (const uint8_t *)(lit), (sizeof(lit) - 1)

#define GUARD 0xa5

/* The call must return rc / must succeed. */
#define RC(call, rc) assert_int_equal((call), (rc))
#define OK(call)     RC(call, LWC_OK)

static void parse_ok(lwci_coap_msg_t *m, const uint8_t *wire, size_t len)
{
    OK(lwci_coap_parse(m, wire, len, NULL));
}

/* Writers for the tests that do not care about header or token. */
static void start_get(lwci_coap_writer_t *w, uint8_t *buf, size_t cap)
{
    OK(lwci_coap_writer_init(w, buf, cap, LWCI_COAP_CON, LWCI_COAP_GET, 1, NULL,
                             0));
}

static void start_205(lwci_coap_writer_t *w, uint8_t *buf, size_t cap,
                      uint8_t type)
{
    OK(lwci_coap_writer_init(w, buf, cap, type, LWCI_COAP_205_CONTENT, 1, NULL,
                             0));
}

/* ---- Golden vectors ------------------------------------------------------ */

typedef struct {
    uint16_t num;
    const char *val;
    size_t len;
} vec_opt_t;

typedef struct {
    const char *name;
    const uint8_t *wire;
    size_t wire_len;
    uint8_t type;
    uint8_t code;
    uint16_t mid;
    const char *tok;
    size_t tkl;
    size_t nopt;
    vec_opt_t opt[4];
    const char *pl;
    size_t pl_len;
} vec_t;

/*
 * RFC 7252 Appendix A message flows, encoded by hand from §3: byte 0 is
 * Ver=1 (0x40) | T << 4 | TKL, byte 1 the code (2.05 = 0x45), then the MID,
 * the token, the options (Uri-Path is option 11: delta 11, length 11 gives
 * 0xbb) and 0xff before the payload.
 */
/* clang-format off */
static const vec_t rfc7252_vectors[] = {
    {"A.1 fig16 CON GET, no token",
     W("\x40\x01\x7d\x34\xbb" "temperature"),
     LWCI_COAP_CON, LWCI_COAP_GET, 0x7d34, S(""),
     1, {{11, S("temperature")}}, NULL, 0},
    {"A.1 fig16 ACK 2.05 piggybacked",
     W("\x60\x45\x7d\x34\xff" "22.3 C"),
     LWCI_COAP_ACK, LWCI_COAP_205_CONTENT, 0x7d34, S(""),
     0, {{0}}, S("22.3 C")},
    {"A.1 fig17 CON GET, token 0x20",
     W("\x41\x01\x7d\x35\x20\xbb" "temperature"),
     LWCI_COAP_CON, LWCI_COAP_GET, 0x7d35, S("\x20"),
     1, {{11, S("temperature")}}, NULL, 0},
    {"A.1 fig17 ACK 2.05, token 0x20",
     W("\x61\x45\x7d\x35\x20\xff" "22.3 C"),
     LWCI_COAP_ACK, LWCI_COAP_205_CONTENT, 0x7d35, S("\x20"),
     0, {{0}}, S("22.3 C")},
    {"A.3 fig20 CON GET, token 0x53",
     W("\x41\x01\x7d\x38\x53\xbb" "temperature"),
     LWCI_COAP_CON, LWCI_COAP_GET, 0x7d38, S("\x53"),
     1, {{11, S("temperature")}}, NULL, 0},
    {"A.3 fig20 empty ACK",
     W("\x60\x00\x7d\x38"),
     LWCI_COAP_ACK, LWCI_COAP_EMPTY, 0x7d38, S(""), 0, {{0}}, NULL, 0},
    {"A.3 fig20 CON 2.05 separate response",
     W("\x41\x45\xad\x7b\x53\xff" "22.3 C"),
     LWCI_COAP_CON, LWCI_COAP_205_CONTENT, 0xad7b, S("\x53"),
     0, {{0}}, S("22.3 C")},
    {"A.3 fig20 empty ACK of the response",
     W("\x60\x00\xad\x7b"),
     LWCI_COAP_ACK, LWCI_COAP_EMPTY, 0xad7b, S(""), 0, {{0}}, NULL, 0},
    {"A.3 fig21 RST of an unexpected response",
     W("\x70\x00\xad\x7c"),
     LWCI_COAP_RST, LWCI_COAP_EMPTY, 0xad7c, S(""), 0, {{0}}, NULL, 0},
    {"A.4 fig22 NON GET, token 0x75",
     W("\x51\x01\x7d\x40\x75\xbb" "temperature"),
     LWCI_COAP_NON, LWCI_COAP_GET, 0x7d40, S("\x75"),
     1, {{11, S("temperature")}}, NULL, 0},
    {"A.4 fig22 NON 2.05",
     W("\x51\x45\xad\x7d\x75\xff" "22.3 C"),
     LWCI_COAP_NON, LWCI_COAP_205_CONTENT, 0xad7d, S("\x75"),
     0, {{0}}, S("22.3 C")},
    {"CON empty message (CoAP ping, RFC 7252 §4.3)",
     W("\x40\x00\x12\x34"),
     LWCI_COAP_CON, LWCI_COAP_EMPTY, 0x1234, S(""), 0, {{0}}, NULL, 0},
    {"8-byte token, 4.04",
     W("\x68\x84\xff\xff" "\x01\x02\x03\x04\x05\x06\x07\x08"),
     LWCI_COAP_ACK, LWCI_COAP_404_NOT_FOUND, 0xffff,
     S("\x01\x02\x03\x04\x05\x06\x07\x08"), 0, {{0}}, NULL, 0},
    /* LwM2M Register: POST /rd?ep=node1&lt=300, Content-Format 40. */
    {"LwM2M register, repeated Uri-Query",
     W("\x42\x02\x00\x01\xbe\xef\xb2" "rd" "\x11\x28\x38" "ep=node1"
       "\x06" "lt=300" "\xff</1/0>"),
     LWCI_COAP_CON, LWCI_COAP_POST, 0x0001, S("\xbe\xef"),
     4, {{11, S("rd")}, {12, S("\x28")}, {15, S("ep=node1")},
         {15, S("lt=300")}},
     S("</1/0>")},
    /* LwM2M Register answer: 2.01 Created, Location-Path rd/5a3f. */
    {"2.01 Location-Path rd/5a3f",
     W("\x62\x41\x00\x01\xbe\xef\x82" "rd" "\x04" "5a3f"),
     LWCI_COAP_ACK, LWCI_COAP_201_CREATED, 0x0001, S("\xbe\xef"),
     2, {{8, S("rd")}, {8, S("5a3f")}}, NULL, 0},
};
/* clang-format on */

/*
 * RFC 7959 Figure 2 (block-wise GET) and Figure 6/§3.2 (atomic PUT) with
 * 128-byte blocks (SZX 3). Block2 is option 23 (delta 12 after Uri-Path,
 * or 23 = 13 + 10 from zero); Block1 is 27 (11 + 16 = 11 + 13 + 3).
 * Values: 0/1/128 = 0x0b, 1/0/128 = 0x13, 2/0/128 = 0x23.
 */
/* clang-format off */
static const vec_t rfc7959_vectors[] = {
    {"fig2 CON GET /status 2:1/0/128",
     W("\x40\x01\x04\xd3\xb6" "status" "\xc1\x13"),
     LWCI_COAP_CON, LWCI_COAP_GET, 1235, S(""),
     2, {{11, S("status")}, {23, S("\x13")}}, NULL, 0},
    {"fig2 ACK 2.05 2:2/0/128 (last block)",
     W("\x60\x45\x04\xd4\xd1\x0a\x23\xff" "end"),
     LWCI_COAP_ACK, LWCI_COAP_205_CONTENT, 1236, S(""),
     1, {{23, S("\x23")}}, S("end")},
    {"fig6 ACK 2.31 Continue 1:0/1/128",
     W("\x60\x5f\x04\xd2\xd1\x0e\x0b"),
     LWCI_COAP_ACK, LWCI_COAP_231_CONTINUE, 1234, S(""),
     1, {{27, S("\x0b")}}, NULL, 0},
    {"fig6 ACK 2.04 Changed 1:2/0/128",
     W("\x60\x44\x04\xd4\xd1\x0e\x23"),
     LWCI_COAP_ACK, LWCI_COAP_204_CHANGED, 1236, S(""),
     1, {{27, S("\x23")}}, NULL, 0},
};
/* clang-format on */

static void check_parsed(const vec_t *v, const lwci_coap_msg_t *m)
{
    size_t i;

    assert_int_equal(m->type, v->type);
    assert_int_equal(m->code, v->code);
    assert_int_equal(m->mid, v->mid);
    assert_int_equal(m->token_len, v->tkl);
    assert_memory_equal(m->token, v->tok, v->tkl);
    assert_int_equal(m->opt_count, v->nopt);
    for (i = 0; i < v->nopt; i++) {
        assert_int_equal(m->opts[i].number, v->opt[i].num);
        assert_int_equal(m->opts[i].len, v->opt[i].len);
        assert_memory_equal(m->opts[i].value, v->opt[i].val, v->opt[i].len);
    }
    assert_int_equal(m->payload_len, v->pl_len);
    if (v->pl == NULL) {
        assert_null(m->payload);
    } else {
        assert_memory_equal(m->payload, v->pl, v->pl_len);
    }
}

static void build_vector(const vec_t *v, uint8_t *buf, size_t cap,
                         size_t *out_len)
{
    lwci_coap_writer_t w;
    size_t i;

    OK(lwci_coap_writer_init(&w, buf, cap, v->type, v->code, v->mid,
                             (const uint8_t *)v->tok, (uint8_t)v->tkl));
    for (i = 0; i < v->nopt; i++) {
        OK(lwci_coap_add_opt(&w, v->opt[i].num, v->opt[i].val, v->opt[i].len));
    }
    OK(lwci_coap_add_payload(&w, v->pl, v->pl_len));
    OK(w.err);
    *out_len = w.len;
}

static void check_vectors(const vec_t *vecs, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        const vec_t *v = &vecs[i];
        lwci_coap_msg_t m;
        bool hok = false;
        uint8_t out[256];
        size_t len = 0;

        print_message("vector: %s\n", v->name);
        OK(lwci_coap_parse(&m, v->wire, v->wire_len, &hok));
        assert_true(hok);
        check_parsed(v, &m);
        build_vector(v, out, sizeof(out), &len);
        assert_int_equal(len, v->wire_len);
        assert_memory_equal(out, v->wire, len);
    }
}

static void test_rfc7252_vectors(void **state)
{
    (void)state;
    check_vectors(rfc7252_vectors,
                  sizeof(rfc7252_vectors) / sizeof(rfc7252_vectors[0]));
}

static void test_rfc7959_vectors(void **state)
{
    (void)state;
    check_vectors(rfc7959_vectors,
                  sizeof(rfc7959_vectors) / sizeof(rfc7959_vectors[0]));
}

/* RFC 7959 Figure 2, second message: 2.05 with Block2 0/1/128 and a full
 * 128-byte block; Figure 6 first message: PUT /options with Block1 0/1/128. */
static void test_rfc7959_full_blocks(void **state)
{
    static const uint8_t get_hdr[] = {0x60, 0x45, 0x04, 0xd2,
                                      0xd1, 0x0a, 0x0b, 0xff};
    static const uint8_t put_hdr[] = {0x40, 0x03, 0x04, 0xd2, 0xb7, 'o',
                                      'p',  't',  'i',  'o',  'n',  's',
                                      0xd1, 0x03, 0x0b, 0xff};
    const lwci_coap_block_t b0 = {.num = 0, .more = true, .szx = 3};
    uint8_t block[128];
    uint8_t out[200];
    lwci_coap_writer_t w;
    lwci_coap_msg_t m;
    lwci_coap_block_t b;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(block); i++) {
        block[i] = (uint8_t)i;
    }
    lwci_coap_writer_init(&w, out, sizeof(out), LWCI_COAP_ACK,
                          LWCI_COAP_205_CONTENT, 1234, NULL, 0);
    lwci_coap_add_opt_block(&w, LWCI_COAP_OPT_BLOCK2, &b0);
    OK(lwci_coap_add_payload(&w, block, sizeof(block)));
    assert_int_equal(w.len, sizeof(get_hdr) + sizeof(block));
    assert_memory_equal(out, get_hdr, sizeof(get_hdr));
    assert_memory_equal(out + sizeof(get_hdr), block, sizeof(block));
    parse_ok(&m, out, w.len);
    OK(lwci_coap_get_block(&m, LWCI_COAP_OPT_BLOCK2, &b));
    assert_int_equal(b.num, 0);
    assert_true(b.more);
    assert_int_equal(b.szx, 3);
    assert_int_equal(16u << b.szx, m.payload_len);
    RC(lwci_coap_get_block(&m, LWCI_COAP_OPT_BLOCK1, &b), LWC_ERR_NOT_FOUND);

    lwci_coap_writer_init(&w, out, sizeof(out), LWCI_COAP_CON, LWCI_COAP_PUT,
                          1234, NULL, 0);
    lwci_coap_add_path(&w, LWCI_COAP_OPT_URI_PATH, "/options");
    lwci_coap_add_opt_block(&w, LWCI_COAP_OPT_BLOCK1, &b0);
    OK(lwci_coap_add_payload(&w, block, sizeof(block)));
    assert_int_equal(w.len, sizeof(put_hdr) + sizeof(block));
    assert_memory_equal(out, put_hdr, sizeof(put_hdr));
    parse_ok(&m, out, w.len);
    OK(lwci_coap_get_block(&m, LWCI_COAP_OPT_BLOCK1, &b));
    assert_int_equal(b.num, 0);
    assert_true(b.more);
    assert_int_equal(b.szx, 3);
}

/* ---- Extended option delta and length (RFC 7252 §3.1) -------------------- */

typedef struct {
    uint16_t prev;      /* option written before, 0 for none */
    uint16_t num;       /* option under test */
    size_t len;         /* its value length */
    const uint8_t *hdr; /* expected option header bytes */
    size_t hdr_len;
} ext_case_t;

static void check_ext_case(const ext_case_t *c)
{
    static uint8_t value[1200];
    uint8_t buf[1300];
    lwci_coap_writer_t w;
    lwci_coap_msg_t m;
    size_t off = LWCI_COAP_HEADER_LEN;
    size_t i;

    for (i = 0; i < c->len; i++) {
        value[i] = (uint8_t)(i * 7 + 1);
    }
    start_get(&w, buf, sizeof(buf));
    if (c->prev != 0) {
        lwci_coap_add_opt(&w, c->prev, NULL, 0);
        off += 1 + (c->prev >= 13) + (c->prev >= 269);
    }
    OK(lwci_coap_add_opt(&w, c->num, value, c->len));
    assert_int_equal(w.len, off + c->hdr_len + c->len);
    assert_memory_equal(buf + off, c->hdr, c->hdr_len);
    assert_memory_equal(buf + off + c->hdr_len, value, c->len);

    parse_ok(&m, buf, w.len);
    assert_int_equal(m.opt_count, c->prev != 0 ? 2 : 1);
    assert_int_equal(m.opts[m.opt_count - 1].number, c->num);
    assert_int_equal(m.opts[m.opt_count - 1].len, c->len);
    assert_memory_equal(m.opts[m.opt_count - 1].value, value, c->len);
}

static void test_extended_forms(void **state)
{
    static const ext_case_t cases[] = {
        /* delta 12 / 13 / 268 / 269 / 2048 / 65535 */
        {0, 12, 0, W("\xc0")},
        {0, 13, 0, W("\xd0\x00")},
        {0, 268, 1, W("\xd1\xff")},
        {0, 269, 0, W("\xe0\x00\x00")},
        {0, 2048, 2, W("\xe2\x06\xf3")},
        {0, 65535, 0, W("\xe0\xfe\xf2")},
        /* delta measured from the previous option, 0 for a repeat */
        {11, 11, 3, W("\x03")},
        {11, 24, 0, W("\xd0\x00")},
        {60, 329, 1, W("\xe1\x00\x00")},
        {2000, 65535, 0, W("\xe0\xf7\x22")},
        /* length 12 / 13 / 268 / 269 / 300 / 1000 */
        {0, 1, 12, W("\x1c")},
        {0, 1, 13, W("\x1d\x00")},
        {0, 1, 268, W("\x1d\xff")},
        {0, 1, 269, W("\x1e\x00\x00")},
        {0, 1, 300, W("\x1e\x00\x1f")},
        {0, 1, 1000, W("\x1e\x02\xdb")},
        /* both extended: delta 3000 (0x0aab + 269), length 500 (0xe7 + 269) */
        {0, 3000, 500, W("\xee\x0a\xab\x00\xe7")},
        {0, 100, 100, W("\xdd\x57\x57")},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        print_message("ext case %zu\n", i);
        check_ext_case(&cases[i]);
    }
}

/*
 * Write one option with a 1-byte delta extension (number 13..268) into a
 * fresh CON GET, check its header and value bytes, and parse it back.
 */
static void write_one(lwci_coap_msg_t *m, uint8_t *buf, lwci_coap_writer_t *w,
                      uint16_t num, const uint8_t *bytes, size_t len)
{
    assert_int_equal(w->len, 6 + len);
    assert_int_equal(buf[4], 0xd0 | len);
    assert_int_equal(buf[5], num - 13);
    assert_memory_equal(buf + 6, bytes, len);
    parse_ok(m, buf, w->len);
}

/* Unsigned option values use the shortest big-endian form (RFC 7252 §3.2). */
static void test_uint_encoding(void **state)
{
    static const struct {
        uint32_t v;
        const uint8_t *bytes;
        size_t len;
    } cases[] = {
        {0, W("")},
        {1, W("\x01")},
        {255, W("\xff")},
        {256, W("\x01\x00")},
        {11542, W("\x2d\x16")}, /* LwM2M TLV content format */
        {65535, W("\xff\xff")},
        {65536, W("\x01\x00\x00")},
        {0x12345678, W("\x12\x34\x56\x78")},
        {0xffffffff, W("\xff\xff\xff\xff")},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint8_t buf[16];
        lwci_coap_writer_t w;
        lwci_coap_msg_t m;
        uint32_t v = 0xdeadbeef;

        start_get(&w, buf, sizeof(buf));
        OK(lwci_coap_add_opt_uint(&w, LWCI_COAP_OPT_MAX_AGE, cases[i].v));
        write_one(&m, buf, &w, LWCI_COAP_OPT_MAX_AGE, cases[i].bytes,
                  cases[i].len);
        OK(lwci_coap_get_uint(&m, LWCI_COAP_OPT_MAX_AGE, &v));
        assert_int_equal(v, cases[i].v);
    }
}

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

static void test_block_codec(void **state)
{
    static const struct {
        lwci_coap_block_t b;
        const uint8_t *bytes;
        size_t len;
    } cases[] = {
        {{.num = 0, .more = false, .szx = 0}, W("")},
        {{.num = 0, .more = true, .szx = 3}, W("\x0b")},
        {{.num = 2, .more = false, .szx = 3}, W("\x23")},
        {{.num = 15, .more = true, .szx = 6}, W("\xfe")},
        {{.num = 21, .more = false, .szx = 6}, W("\x01\x56")},
        {{.num = 4095, .more = true, .szx = 2}, W("\xff\xfa")},
        {{.num = 4096, .more = false, .szx = 0}, W("\x01\x00\x00")},
        {{.num = 0xfffff, .more = true, .szx = 6}, W("\xff\xff\xfe")},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint8_t buf[16];
        lwci_coap_writer_t w;
        lwci_coap_msg_t m;
        lwci_coap_block_t out = {.num = 99, .more = true, .szx = 5};

        start_get(&w, buf, sizeof(buf));
        OK(lwci_coap_add_opt_block(&w, LWCI_COAP_OPT_BLOCK2, &cases[i].b));
        write_one(&m, buf, &w, LWCI_COAP_OPT_BLOCK2, cases[i].bytes,
                  cases[i].len);
        OK(lwci_coap_get_block(&m, LWCI_COAP_OPT_BLOCK2, &out));
        assert_int_equal(out.num, cases[i].b.num);
        assert_int_equal(out.more, cases[i].b.more);
        assert_int_equal(out.szx, cases[i].b.szx);
    }
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
        cmocka_unit_test(test_rfc7252_vectors),
        cmocka_unit_test(test_rfc7959_vectors),
        cmocka_unit_test(test_rfc7959_full_blocks),
        cmocka_unit_test(test_extended_forms),
        cmocka_unit_test(test_uint_encoding),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_malformed_keeps_header),
        cmocka_unit_test(test_valid_edges),
        cmocka_unit_test(test_too_many_options),
        cmocka_unit_test(test_writer_init_errors),
        cmocka_unit_test(test_writer_too_small_every_stage),
        cmocka_unit_test(test_writer_order_errors),
        cmocka_unit_test(test_writer_bad_args),
        cmocka_unit_test(test_writer_payload),
        cmocka_unit_test(test_writer_set_code),
        cmocka_unit_test(test_find_opt),
        cmocka_unit_test(test_get_uint_helpers),
        cmocka_unit_test(test_block_codec),
        cmocka_unit_test(test_block_malformed),
        cmocka_unit_test(test_join_path),
        cmocka_unit_test(test_add_path),
        cmocka_unit_test(test_unknown_critical),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
