/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * CoAP codec golden vectors: messages worked out by hand from the examples of
 * RFC 7252 Appendix A and RFC 7959 §2-3, parsed and rebuilt byte for byte;
 * the extended option delta and length forms (RFC 7252 §3.1) and the
 * shortest forms of uint and Block option values (RFC 7252 §3.2, RFC 7959
 * §2.2).
 */
#include "coap_msg_test.h"

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

/* Block option values: NUM, M and SZX in the shortest form (RFC 7959 §2.2). */
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc7252_vectors),
        cmocka_unit_test(test_rfc7959_vectors),
        cmocka_unit_test(test_rfc7959_full_blocks),
        cmocka_unit_test(test_extended_forms),
        cmocka_unit_test(test_uint_encoding),
        cmocka_unit_test(test_block_codec),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
