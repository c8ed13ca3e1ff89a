/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Datagrams larger than the client's receive buffer (LWC_COAP_MAX_MSG_SIZE)
 * through the whole client, in simulated time. The fake transport hands
 * over their first bytes with LWC_ERR_TOO_LARGE, as the POSIX UDP one
 * does. A Write too large for one message is answered 4.13 with a Block1
 * size that then carries the value (RFC 7959 §2.9.3) and Size1, the
 * payload that fits (§4), and nothing reaches the object; so is a Block1
 * block too large, which also rolls the open transfer back; a
 * retransmission gets the same answer, a NON request a NON one. Other
 * requests get 4.13 without Block1. Responses cut short, datagrams cut in
 * their options and transports that keep no bytes are dropped silently.
 * The client goes on working after each.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "support/client_fixture.h"

#define OID      30002
#define MAX_MSG  LWC_COAP_MAX_MSG_SIZE
#define BIG      (MAX_MSG + 200) /* a payload that cannot fit */
#define BODY_MAX 4096
#define SZX_64   2
#define SZX_1024 6
#define TOKEN    "tok-1234"

/* What the object saw: the bytes of the value in order. */
typedef struct {
    uint8_t data[BODY_MAX];
    size_t len;
    int chunks, lasts, aborts, writes;
    bool bad;
} blob_t;

static blob_t blob;

static int blob_chunk(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                      const lwc_chunk_t *c)
{
    blob_t *b = ctx;
    (void)iid;
    (void)rid;
    (void)riid;
    if (c->abort) {
        b->aborts++;
        b->len = 0;
        return LWC_OK;
    }
    b->chunks++;
    b->lasts += c->last;
    if (c->offset != b->len || c->len > BODY_MAX - b->len) {
        b->bad = true;
        return LWC_ERR_INVALID_ARG;
    }
    if (c->len > 0) {
        memcpy(b->data + b->len, c->data, c->len);
        b->len += c->len;
    }
    return LWC_OK;
}

static int blob_write(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                      const lwc_value_t *v)
{
    (void)iid;
    (void)rid;
    (void)riid;
    (void)v;
    ((blob_t *)ctx)->writes++;
    return LWC_OK;
}

static const lwc_resource_def_t blob_res[] = {
    {.rid = 0, .type = LWC_TYPE_OPAQUE, .ops = LWC_OP_W},
};
static const lwc_object_handlers_t blob_handlers = {
    .list_instances = cfx_list_one,
    .write = blob_write,
    .write_chunk = blob_chunk,
};
static const lwc_object_t blob_obj = {.oid = OID,
                                      .resources = blob_res,
                                      .resource_count = 1,
                                      .handlers = &blob_handlers,
                                      .user_ctx = &blob};

/* ---- Fixture ------------------------------------------------------------ */

/* The client (support/client_fixture.h) and the bytes of the values. */
typedef struct {
    cfx_t c;
    uint8_t body[BODY_MAX];
} fx_t;

/* Started: the Register request is out (f->c.reg), unanswered. */
static int setup_started(void **state)
{
    static fx_t f;
    static const lwc_object_t *const objects[] = {&blob_obj};

    memset(&blob, 0, sizeof(blob));
    for (size_t i = 0; i < BODY_MAX; i++) {
        f.body[i] = (uint8_t)(i * 7 + i / 251);
    }
    cfx_start(&f.c, objects, CFX_NELEM(objects));
    f.c.mid = 0x300;
    *state = &f;
    return 0;
}

/* The answer to the Register with its own message ID (a separate
 * response), with payload_len bytes. */
static size_t register_answer(fx_t *f, uint16_t mid, size_t payload_len,
                              uint8_t *buf, size_t cap)
{
    lwci_coap_msg_t reg;
    lwci_coap_writer_t w;

    cfx_parse(&f->c.reg, &reg);
    lwci_coap_writer_init(&w, buf, cap, LWCI_COAP_CON, LWCI_COAP_201_CREATED,
                          mid, reg.token, reg.token_len);
    lwci_coap_add_path(&w, LWCI_COAP_OPT_LOCATION_PATH, "rd/1");
    lwci_coap_add_payload(&w, f->body, payload_len);
    assert_int_equal(w.err, LWC_OK);
    return w.len;
}

/* Registered. */
static int setup(void **state)
{
    setup_started(state);
    cfx_register(&((fx_t *)*state)->c);
    return 0;
}

/* One request from the server: what differs between the tests'. */
typedef struct {
    uint8_t type; /* LWCI_COAP_CON (0, the default) or LWCI_COAP_NON */
    uint8_t code; /* PUT when 0 */
    const char *path;
    bool block1; /* block num of body[0, total) at 16 << szx bytes */
    uint32_t num;
    uint8_t szx;
    size_t total;
    size_t offset; /* without block1: the payload, body[offset, +len) */
    size_t len;
    size_t pad_len; /* an elective option of this many bytes, 0: none */
    uint16_t mid;   /* 0: a new one */
} req_t;

/* q as the fixture's request: an opaque value, token TOKEN. */
static cfx_req_t req_of(fx_t *f, const req_t *q)
{
    cfx_req_t r = cfx_req(q->code ? q->code : LWCI_COAP_PUT,
                          q->path ? q->path : "30002/0/0");

    r.type = q->type;
    r.mid = q->mid;
    r.token = TOKEN;
    r.cf = LWC_FORMAT_OPAQUE;
    r.pad_len = q->pad_len;
    if (q->block1) {
        cfx_block1(&r, f->body, q->total, q->num, q->szx);
    } else {
        r.payload = f->body + q->offset;
        r.len = q->len;
    }
    return r;
}

/* Build q in f->c.req_buf: its length; *hdr_len the bytes before the
 * payload marker. */
static size_t build(fx_t *f, const req_t *q, size_t *hdr_len)
{
    cfx_req_t r = req_of(f, q);
    return cfx_build(&f->c, &r, hdr_len);
}

/* Send q; the one answer, parsed into *m (its bytes stay in sent[0]). */
static void exchange(fx_t *f, const req_t *q, lwci_coap_msg_t *m)
{
    cfx_req_t r = req_of(f, q);
    *m = *cfx_request(&f->c, &r);
}

/* Send body[0, total) in blocks of 16 << szx, each checked (2.31, then
 * 2.04); the object then holds exactly those bytes. */
static void write_in_blocks(fx_t *f, uint8_t szx, size_t total)
{
    size_t size = (size_t)16 << szx;
    uint32_t count = (uint32_t)((total + size - 1) / size);

    memset(&blob, 0, sizeof(blob));
    for (uint32_t num = 0; num < count; num++) {
        req_t q = {.block1 = true, .num = num, .szx = szx, .total = total};
        lwci_coap_msg_t m;
        exchange(f, &q, &m);
        assert_int_equal(m.code, num + 1 < count ? LWCI_COAP_231_CONTINUE
                                                 : LWCI_COAP_204_CHANGED);
    }
    assert_false(blob.bad);
    assert_int_equal(blob.lasts, 1);
    assert_int_equal(blob.len, total);
    assert_memory_equal(blob.data, f->body, total);
}

/* A small Write in one message still works: one piece, the right bytes. */
static void assert_still_working(fx_t *f)
{
    req_t q = {.len = 100, .offset = 7};
    lwci_coap_msg_t m;

    memset(&blob, 0, sizeof(blob));
    exchange(f, &q, &m);
    assert_int_equal(m.code, LWCI_COAP_204_CHANGED);
    assert_int_equal(blob.chunks, 1);
    assert_int_equal(blob.len, 100);
    assert_memory_equal(blob.data, f->body + 7, 100);
}

/* ---- Tests -------------------------------------------------------------- */

/* A Write larger than a message: 4.13 with Block1 0, M=0 and a block size
 * that fits one message beside this request's options (256 bytes with
 * 512-byte messages), Size1 the payload that fits; nothing written. The
 * value then goes through in blocks of the size asked for. */
static void test_oversized_write_413(void **state)
{
    fx_t *f = *state;
    req_t q = {.len = BIG};
    size_t hdr_len = 0;
    size_t len = build(f, &q, &hdr_len);
    lwci_coap_msg_t m;
    lwci_coap_block_t b;

    assert_true(len > MAX_MSG);
    assert_int_equal(cfx_deliver(&f->c, f->c.req_buf, len), 1);
    cfx_parse(&f->c.net.sent[0], &m);
    assert_int_equal(m.type, LWCI_COAP_ACK);
    assert_int_equal(m.mid, f->c.req_mid);
    assert_memory_equal(m.token, TOKEN, strlen(TOKEN));
    assert_int_equal(m.code, LWCI_COAP_413_TOO_LARGE);
    b = cfx_block_of(&m, LWCI_COAP_OPT_BLOCK1);
    assert_int_equal(b.num, 0);
    assert_false(b.more);
    /* With a Block1 (4 bytes) and Size1 (5) added it still fits. */
    assert_true(hdr_len + 1 + 9 + ((size_t)16 << b.szx) <= MAX_MSG);
#if LWC_COAP_MAX_MSG_SIZE == 512
    assert_int_equal(b.szx, 4);
#endif
    assert_int_equal(cfx_uint_of(&m, LWCI_COAP_OPT_SIZE1),
                     MAX_MSG - hdr_len - 1);
    assert_int_equal(m.payload_len, 0);
    assert_int_equal(blob.chunks + blob.writes + blob.aborts, 0);

    write_in_blocks(f, b.szx, BIG);
    assert_still_working(f);
}

/* A Block1 block too large for a message, mid-transfer: 4.13 with its
 * block number and a smaller size; the transfer is rolled back (the
 * object is told), so its next block is 4.08; block 0 at the size asked
 * for starts it over. */
static void test_oversized_block_rolls_back(void **state)
{
    fx_t *f = *state;
    size_t total = 4 * 1024;
    /* 1024-byte blocks do not fit 512-byte messages; pad larger ones. */
    size_t pad = MAX_MSG > 1024 ? MAX_MSG - 1024 + 64 : 0;
    lwci_coap_msg_t m;
    lwci_coap_block_t b;

    for (uint32_t num = 0; num < 2; num++) {
        req_t q = {.block1 = true, .num = num, .szx = SZX_64, .total = total};
        exchange(f, &q, &m);
        assert_int_equal(m.code, LWCI_COAP_231_CONTINUE);
    }
    assert_int_equal(blob.chunks, 2);
    req_t big = {.block1 = true,
                 .num = 2, /* bytes 2048..3071 */
                 .szx = SZX_1024,
                 .total = total,
                 .pad_len = pad};
    exchange(f, &big, &m);
    assert_int_equal(m.code, LWCI_COAP_413_TOO_LARGE);
    b = cfx_block_of(&m, LWCI_COAP_OPT_BLOCK1);
    assert_int_equal(b.num, 2);
    assert_false(b.more);
    assert_true(b.szx < SZX_1024);
    assert_true(cfx_uint_of(&m, LWCI_COAP_OPT_SIZE1) < 1024);
    assert_int_equal(blob.aborts, 1);
    assert_int_equal(blob.chunks, 2);

    req_t next = {.block1 = true, .num = 2, .szx = SZX_64, .total = total};
    exchange(f, &next, &m);
    assert_int_equal(m.code, LWCI_COAP_408_INCOMPLETE);
    assert_int_equal(blob.chunks, 2);

    write_in_blocks(f, b.szx, total);
    assert_still_working(f);
}

/* RFC 7252 §4.5: the same CON again gets the same bytes; a NON request is
 * answered NON with a message ID of its own. */
static void test_retransmission_same_answer(void **state)
{
    fx_t *f = *state;
    req_t q = {.len = BIG, .mid = 0x4242};
    uint8_t first[FAKE_DGRAM_SIZE];
    size_t first_len;
    lwci_coap_msg_t m;

    exchange(f, &q, &m);
    assert_int_equal(m.code, LWCI_COAP_413_TOO_LARGE);
    first_len = f->c.net.sent[0].len;
    memcpy(first, f->c.net.sent[0].data, first_len);
    exchange(f, &q, &m);
    assert_int_equal(f->c.net.sent[0].len, first_len);
    assert_memory_equal(f->c.net.sent[0].data, first, first_len);
    assert_int_equal(blob.chunks + blob.writes, 0);

    req_t non = {.type = LWCI_COAP_NON, .len = BIG, .mid = 0x4343};
    exchange(f, &non, &m);
    assert_int_equal(m.type, LWCI_COAP_NON);
    assert_int_equal(m.code, LWCI_COAP_413_TOO_LARGE);
    assert_true(m.mid != 0x4343);
    assert_int_equal(blob.chunks + blob.writes, 0);
    assert_still_working(f);
}

/* Only a Write is taken block-wise: a Create gets 4.13 with Size1 but no
 * Block1. A request that is wrong whatever its size gets its own error. */
static void test_other_requests(void **state)
{
    fx_t *f = *state;
    req_t create = {.code = LWCI_COAP_POST, .path = "30002", .len = BIG};
    req_t bad_path = {.path = "30002/x", .len = BIG};
    lwci_coap_block_t b;
    lwci_coap_msg_t m;

    exchange(f, &create, &m);
    assert_int_equal(m.code, LWCI_COAP_413_TOO_LARGE);
    assert_int_equal(lwci_coap_get_block(&m, LWCI_COAP_OPT_BLOCK1, &b),
                     LWC_ERR_NOT_FOUND);
    assert_true(cfx_uint_of(&m, LWCI_COAP_OPT_SIZE1) > 0);
    exchange(f, &bad_path, &m);
    assert_int_equal(m.code, LWCI_COAP_400_BAD_REQUEST);
    assert_int_equal(blob.chunks + blob.writes, 0);
    assert_still_working(f);
}

/* A response cut short is dropped: no ACK, no RST, no registration. The
 * whole response registers. */
static void test_truncated_response_dropped(void **state)
{
    fx_t *f = *state;
    uint8_t buf[FAKE_DGRAM_SIZE];
    uint8_t empty_ack[4];
    lwci_coap_msg_t reg;
    size_t len;

    /* The server acknowledges the Register; the response follows. */
    cfx_parse(&f->c.reg, &reg);
    empty_ack[0] = 0x60;
    empty_ack[1] = 0;
    empty_ack[2] = (uint8_t)(reg.mid >> 8);
    empty_ack[3] = (uint8_t)reg.mid;
    assert_int_equal(cfx_deliver(&f->c, empty_ack, sizeof(empty_ack)), 0);

    len = register_answer(f, 0x777, BIG, buf, sizeof(buf));
    assert_true(len > MAX_MSG);
    assert_int_equal(cfx_deliver(&f->c, buf, len), 0);
    assert_int_equal(f->c.registered, 0);

    len = register_answer(f, 0x778, 10, buf, sizeof(buf));
    assert_int_equal(cfx_deliver(&f->c, buf, len), 1); /* the ACK */
    assert_int_equal(f->c.registered, 1);
    assert_still_working(f);
}

/* Cut inside an option, or where one ends (nothing proves that the
 * options ended there): dropped. Cut right after the payload marker: the
 * options are whole, 4.13 (no payload fitted: no Size1, no Block1). */
static void test_cut_in_options(void **state)
{
    fx_t *f = *state;
    req_t inside = {.len = 100, .pad_len = MAX_MSG};
    lwci_coap_block_t b;
    lwci_coap_msg_t m;
    size_t hdr_len = 0;
    size_t len;

    len = build(f, &inside, NULL);
    assert_true(len > MAX_MSG);
    assert_int_equal(cfx_deliver(&f->c, f->c.req_buf, len), 0);

    /* Options ending exactly at the cut, then a payload. */
    req_t between = {.len = 100, .pad_len = 300};
    for (int i = 0; i < MAX_MSG && hdr_len != MAX_MSG; i++) {
        between.pad_len = (size_t)(300 + i);
        len = build(f, &between, &hdr_len);
    }
    assert_int_equal(hdr_len, MAX_MSG);
    assert_int_equal(cfx_deliver(&f->c, f->c.req_buf, len), 0);

    req_t marker = between;
    marker.pad_len--;
    len = build(f, &marker, &hdr_len);
    assert_int_equal(hdr_len, MAX_MSG - 1); /* 0xFF is the last byte in */
    assert_true(len > MAX_MSG);
    assert_int_equal(cfx_deliver(&f->c, f->c.req_buf, len), 1);
    cfx_parse(&f->c.net.sent[0], &m);
    assert_int_equal(m.code, LWCI_COAP_413_TOO_LARGE);
    assert_int_equal(lwci_coap_get_block(&m, LWCI_COAP_OPT_BLOCK1, &b),
                     LWC_ERR_NOT_FOUND);
    assert_null(lwci_coap_find_opt(&m, LWCI_COAP_OPT_SIZE1, &(size_t){0}));
    assert_int_equal(blob.chunks + blob.writes, 0);
    assert_still_working(f);
}

/* A transport that keeps none of the bytes: dropped, as before. */
static void test_transport_without_bytes(void **state)
{
    fx_t *f = *state;
    req_t q = {.len = BIG};
    size_t len = build(f, &q, NULL);

    f->c.net.truncate_keeps_nothing = true;
    assert_int_equal(cfx_deliver(&f->c, f->c.req_buf, len), 0);
    assert_int_equal(blob.chunks + blob.writes, 0);
    assert_still_working(f);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, cfx_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_oversized_write_413),
        T(test_oversized_block_rolls_back),
        T(test_retransmission_same_answer),
        T(test_other_requests),
        cmocka_unit_test_setup_teardown(test_truncated_response_dropped,
                                        setup_started, cfx_teardown),
        T(test_cut_in_options),
        T(test_transport_without_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
