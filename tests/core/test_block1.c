/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Block-wise Write requests (RFC 7959 §2.5, §2.9) through the whole
 * client, in simulated time: a 2 KB TLV or SenML JSON payload sent in
 * 64-byte blocks cut mid-entry lands exactly; every block but the last is
 * answered 2.31 with its Block1 echoed; a block out of order is answered
 * 4.08 and nothing is written; an entry larger than the carry is answered
 * 4.13 with Size1; a transfer abandoned half way is rolled back after
 * EXCHANGE_LIFETIME, and a new transfer works afterwards; the token may
 * change between blocks, the path, method and Content-Format may not.
 *
 * Opaque values for an object with write_chunk (a firmware-style blob
 * object): 5000 bytes in 64, 256 and 1024-byte blocks arrive once, in
 * order, with the right offsets, one last piece and Size1 as the size
 * hint; a Write in one message is one piece; every way a transfer is
 * abandoned (4.08, EXCHANGE_LIFETIME, a handler error, block 0 again, the
 * client stopping) calls write_chunk with abort before the rollback, and
 * never after the last piece was accepted.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "coap/coap_ep.h"
#include "support/client_fixture.h"

#define OID      30001
#define NVALS    40 /* resource instances of /30001/0/0 */
#define VAL_LEN  44 /* bytes of each */
#define BLOCK    64
#define SZX_64   2
#define MAX_BODY 8192

/* The object's state: a multiple string resource 0 and a single string
 * resource 1, with a transaction that snapshots and restores it. */
typedef struct {
    char vals[NVALS][VAL_LEN + 1];
    char name[512];
} state_t;

typedef struct {
    state_t cur;
    state_t saved;
    int begins, commits, rollbacks, writes;
} obj_ctx_t;

static obj_ctx_t octx;

static int list_vals(void *ctx, uint16_t iid, uint16_t rid, lwc_dm_list_t *list)
{
    obj_ctx_t *o = ctx;
    (void)iid;
    (void)rid;
    for (uint16_t i = 0; i < NVALS; i++) {
        if (o->cur.vals[i][0] != '\0') {
            lwc_dm_list_add(list, i);
        }
    }
    return LWC_OK;
}

static int obj_write(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                     const lwc_value_t *v)
{
    obj_ctx_t *o = ctx;
    (void)iid;
    o->writes++;
    if (rid == 2) {
        return LWC_OK; /* opaque: only counted */
    }
    if (rid == 1) {
        if (v->bytes.len >= sizeof(o->cur.name)) {
            return LWC_ERR_TOO_LARGE;
        }
        memcpy(o->cur.name, v->bytes.data, v->bytes.len);
        o->cur.name[v->bytes.len] = '\0';
        return LWC_OK;
    }
    if (riid >= NVALS || v->bytes.len > VAL_LEN) {
        return LWC_ERR_INVALID_ARG;
    }
    memcpy(o->cur.vals[riid], v->bytes.data, v->bytes.len);
    o->cur.vals[riid][v->bytes.len] = '\0';
    return LWC_OK;
}

static int obj_clear(void *ctx, uint16_t iid, uint16_t rid)
{
    obj_ctx_t *o = ctx;
    (void)iid;
    (void)rid;
    memset(o->cur.vals, 0, sizeof(o->cur.vals));
    return LWC_OK;
}

static int obj_begin(void *ctx)
{
    obj_ctx_t *o = ctx;
    o->saved = o->cur;
    o->begins++;
    return LWC_OK;
}

static int obj_commit(void *ctx)
{
    ((obj_ctx_t *)ctx)->commits++;
    return LWC_OK;
}

static void obj_rollback(void *ctx)
{
    obj_ctx_t *o = ctx;
    o->cur = o->saved;
    o->rollbacks++;
}

static const lwc_resource_def_t obj_res[] = {
    {.rid = 0, .type = LWC_TYPE_STRING, .ops = LWC_OP_W, .multiple = true},
    {.rid = 1, .type = LWC_TYPE_STRING, .ops = LWC_OP_W},
    {.rid = 2, .type = LWC_TYPE_OPAQUE, .ops = LWC_OP_W},
};
static const lwc_object_handlers_t obj_handlers = {
    .list_instances = cfx_list_one,
    .list_resource_instances = list_vals,
    .write = obj_write,
    .resource_clear = obj_clear,
    .transaction_begin = obj_begin,
    .transaction_commit = obj_commit,
    .transaction_rollback = obj_rollback,
};
static const lwc_object_t obj = {.oid = OID,
                                 .resources = obj_res,
                                 .resource_count = 3,
                                 .handlers = &obj_handlers,
                                 .user_ctx = &octx};

/* ---- A firmware-style object taking opaque values with write_chunk --- */

#define BLOB_OID 30002
#define BLOB_MAX 8192

/* What the blob object saw. log: one letter per event in order, a run
 * of middle pieces as one C: B begin, C pieces, L the last piece, A
 * abort, V validate, M commit, R rollback. */
typedef struct {
    uint8_t data[BLOB_MAX];
    size_t len; /* bytes received in order (reset by abort) */
    size_t size_hint;
    uint16_t iid, rid, riid;
    int chunks, lasts, aborts, writes;
    bool bad;    /* a piece out of order or malformed, or after last */
    int fail_at; /* the piece (1-based) answered with fail_rc */
    int fail_rc;
    int validate_rc;
    char log[48];
} blob_t;

static blob_t blob;

static void note(blob_t *b, char ev)
{
    size_t n = strlen(b->log);
    if (ev == 'C' && n > 0 && b->log[n - 1] == 'C') {
        return;
    }
    if (n + 1 < sizeof(b->log)) {
        b->log[n] = ev;
        b->log[n + 1] = '\0';
    }
}

static int blob_chunk(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                      const lwc_chunk_t *c)
{
    blob_t *b = ctx;
    if (c->abort) {
        b->aborts++;
        b->bad |= c->len != 0 || c->last;
        b->len = 0; /* drop what came before */
        note(b, 'A');
        return LWC_OK;
    }
    b->chunks++;
    note(b, c->last ? 'L' : 'C');
    if (b->chunks == 1) {
        b->size_hint = c->size_hint;
        b->iid = iid;
        b->rid = rid;
        b->riid = riid;
    }
    if (c->offset != b->len || (c->len > 0) != (c->data != NULL) ||
        c->len > BLOB_MAX - b->len || b->lasts > 0) {
        b->bad = true;
    } else if (c->len > 0) {
        memcpy(b->data + b->len, c->data, c->len);
        b->len += c->len;
    }
    b->lasts += c->last;
    return b->chunks == b->fail_at ? b->fail_rc : LWC_OK;
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

static int blob_list_ri(void *ctx, uint16_t iid, uint16_t rid,
                        lwc_dm_list_t *list)
{
    (void)ctx;
    (void)iid;
    (void)rid;
    (void)list;
    return LWC_OK;
}

static int blob_begin(void *ctx)
{
    note(ctx, 'B');
    return LWC_OK;
}

static int blob_validate(void *ctx)
{
    note(ctx, 'V');
    return ((blob_t *)ctx)->validate_rc;
}

static int blob_commit(void *ctx)
{
    note(ctx, 'M');
    return LWC_OK;
}

static void blob_rollback(void *ctx)
{
    note(ctx, 'R');
}

/* 0: the package (opaque); 1: opaque resource instances; 2: a string. */
static const lwc_resource_def_t blob_res[] = {
    {.rid = 0, .type = LWC_TYPE_OPAQUE, .ops = LWC_OP_W},
    {.rid = 1, .type = LWC_TYPE_OPAQUE, .ops = LWC_OP_W, .multiple = true},
    {.rid = 2, .type = LWC_TYPE_STRING, .ops = LWC_OP_W},
};
static const lwc_object_handlers_t blob_handlers = {
    .list_instances = cfx_list_one,
    .list_resource_instances = blob_list_ri,
    .write = blob_write,
    .transaction_begin = blob_begin,
    .transaction_validate = blob_validate,
    .transaction_commit = blob_commit,
    .transaction_rollback = blob_rollback,
    .write_chunk = blob_chunk,
};
static const lwc_object_t blob_obj = {.oid = BLOB_OID,
                                      .resources = blob_res,
                                      .resource_count = 3,
                                      .handlers = &blob_handlers,
                                      .user_ctx = &blob};

/* The client (support/client_fixture.h) and the payload of the requests. */
typedef struct {
    cfx_t c;
    uint8_t body[MAX_BODY];
    size_t body_len;
} fx_t;

static int setup(void **state)
{
    static fx_t f;
    static const lwc_object_t *const objects[] = {&obj, &blob_obj};

    memset(&f, 0, sizeof(f));
    memset(&octx, 0, sizeof(octx));
    memset(&blob, 0, sizeof(blob));
    cfx_start(&f.c, objects, CFX_NELEM(objects));
    *state = &f;
    return 0;
}

/* The value of resource instance i, distinct per transfer `gen`. */
static void make_val(char *out, unsigned i, unsigned gen)
{
    for (unsigned k = 0; k < VAL_LEN; k++) {
        out[k] = (char)('a' + (i * 7 + k + gen) % 26);
    }
}

/* TLV (LwM2M 1.1 Core §7.4.3) of /30001/0/0 with NVALS instances. */
static void tlv_body(fx_t *f, unsigned gen)
{
    size_t n = 0;
    size_t inner = NVALS * (3 + VAL_LEN);

    f->body[n++] = 0x90; /* multiple resource, 8-bit ID, 16-bit length */
    f->body[n++] = 0;
    f->body[n++] = (uint8_t)(inner >> 8);
    f->body[n++] = (uint8_t)inner;
    for (unsigned i = 0; i < NVALS; i++) {
        f->body[n++] = 0x48; /* resource instance, 8-bit length */
        f->body[n++] = (uint8_t)i;
        f->body[n++] = VAL_LEN;
        make_val((char *)f->body + n, i, gen);
        n += VAL_LEN;
    }
    f->body_len = n;
}

/* SenML JSON (RFC 8428) of the same values, one record each. */
static void senml_body(fx_t *f, unsigned gen)
{
    size_t n = 0;
    char val[VAL_LEN + 1] = {0};

    f->body[n++] = '[';
    for (unsigned i = 0; i < NVALS; i++) {
        make_val(val, i, gen);
        n += (size_t)snprintf((char *)f->body + n, MAX_BODY - n,
                              "%s{\"bn\":\"/30001/0/\",\"n\":\"0/%u\","
                              "\"vs\":\"%s\"}",
                              i ? "," : "", i, val);
    }
    f->body[n++] = ']';
    f->body_len = n;
}

/* One Write request: what differs between the tests' requests. */
typedef struct {
    const char *path;
    int32_t cf;        /* Content-Format, -1 for none */
    uint8_t method;    /* LWCI_COAP_PUT or LWCI_COAP_POST */
    uint32_t size1;    /* Size1 in block 0, 0 for none */
    const char *token; /* 1 to 8 characters */
} req_t;

/* Send the request: without Block1 (szx > 6) the whole body, else block
 * `num` (payload body[num * size ...]); returns the parsed answer. */
static lwci_coap_msg_t send_req(fx_t *f, const req_t *q, uint32_t num,
                                uint8_t szx)
{
    cfx_req_t r = cfx_req(q->method, q->path);

    r.cf = q->cf;
    r.token = q->token;
    r.size1 = num == 0 ? q->size1 : 0;
    if (szx <= 6) {
        cfx_block1(&r, f->body, f->body_len, num, szx);
    } else {
        r.payload = f->body;
        r.len = f->body_len;
    }
    return *cfx_request(&f->c, &r);
}

/* Send block `num` of a PUT to `path`; returns the parsed answer. */
static lwci_coap_msg_t put_block(fx_t *f, const char *path, uint16_t cf,
                                 uint32_t num, uint8_t szx, const char *token)
{
    const req_t q = {
        .path = path, .cf = cf, .method = LWCI_COAP_PUT, .token = token};
    return send_req(f, &q, num, szx);
}

/* Every block of q in order at 16 << szx bytes; each answer checked,
 * the last one against `last`. With tokens, block n goes with a token
 * of its own ("t0", "t1", ...). */
static void send_blocks(fx_t *f, const req_t *q, uint8_t szx, uint8_t last,
                        bool tokens)
{
    size_t size = (size_t)16 << szx;
    uint32_t count = (uint32_t)((f->body_len + size - 1) / size);

    for (uint32_t num = 0; num < count; num++) {
        char token[12];
        req_t qn = *q;
        if (tokens) {
            snprintf(token, sizeof(token), "t%u", (unsigned)num);
            qn.token = token;
        }
        /* The answer's token is checked by cfx_request(). */
        lwci_coap_msg_t m = send_req(f, &qn, num, szx);
        lwci_coap_block_t b;
        bool final = num + 1 == count;
        assert_int_equal(m.code, final ? last : LWCI_COAP_231_CONTINUE);
        if (m.code >> 5 != 2) {
            continue; /* an error carries no Block1 */
        }
        b = cfx_block_of(&m, LWCI_COAP_OPT_BLOCK1);
        assert_int_equal(b.num, num);
        assert_int_equal(b.szx, szx);
        assert_int_equal(b.more, !final);
    }
}

/* Every block of a PUT in order at 64 bytes; each answer checked. */
static void send_all(fx_t *f, const char *path, uint16_t cf, uint8_t last)
{
    const req_t q = {
        .path = path, .cf = cf, .method = LWCI_COAP_PUT, .token = "t1"};
    send_blocks(f, &q, SZX_64, last, false);
}

static void assert_vals(unsigned gen)
{
    char want[VAL_LEN + 1] = {0};
    for (unsigned i = 0; i < NVALS; i++) {
        make_val(want, i, gen);
        assert_string_equal(octx.cur.vals[i], want);
    }
}

static void test_tlv_2k_in_64_byte_blocks(void **state)
{
    fx_t *f = *state;

    tlv_body(f, 1);
    assert_true(f->body_len > 1800);
    assert_true((3 + VAL_LEN) % BLOCK != 0); /* entries cut mid-way */
    send_all(f, "30001/0/0", LWC_FORMAT_TLV, LWCI_COAP_204_CHANGED);
    assert_vals(1);
    assert_int_equal(octx.writes, NVALS);
    assert_int_equal(octx.begins, 1);
    assert_int_equal(octx.commits, 1);
    assert_int_equal(octx.rollbacks, 0);
}

static void test_senml_json_2k_in_64_byte_blocks(void **state)
{
    fx_t *f = *state;

    senml_body(f, 3);
    assert_true(f->body_len > 2000);
    send_all(f, "30001/0", LWC_FORMAT_SENML_JSON, LWCI_COAP_204_CHANGED);
    assert_vals(3);
    assert_int_equal(octx.commits, 1);
}

/* Block 2 after block 0: 4.08, rolled back; the next block also 4.08. */
static void test_out_of_order_408(void **state)
{
    fx_t *f = *state;
    lwci_coap_msg_t m;

    tlv_body(f, 1);
    m = put_block(f, "30001/0/0", LWC_FORMAT_TLV, 0, SZX_64, "t1");
    assert_int_equal(m.code, LWCI_COAP_231_CONTINUE);
    assert_int_equal(octx.writes, 1); /* the first complete entry */
    m = put_block(f, "30001/0/0", LWC_FORMAT_TLV, 2, SZX_64, "t1");
    assert_int_equal(m.code, LWCI_COAP_408_INCOMPLETE);
    assert_int_equal(octx.rollbacks, 1);
    assert_int_equal(octx.commits, 0);
    assert_string_equal(octx.cur.vals[0], ""); /* nothing written */
    m = put_block(f, "30001/0/0", LWC_FORMAT_TLV, 1, SZX_64, "t1");
    assert_int_equal(m.code, LWCI_COAP_408_INCOMPLETE);
}

/* A new token for every block (RFC 7959 allows it; libcoap does it):
 * the transfer goes on, each answer carries its request's token. */
static void test_token_may_change(void **state)
{
    fx_t *f = *state;
    const req_t q = {.path = "30001/0/0",
                     .cf = LWC_FORMAT_TLV,
                     .method = LWCI_COAP_PUT,
                     .token = "t"};

    tlv_body(f, 6);
    send_blocks(f, &q, SZX_64, LWCI_COAP_204_CHANGED, true);
    assert_vals(6);
    assert_int_equal(octx.commits, 1);
    assert_int_equal(octx.rollbacks, 0);
}

/* A block of another request mid-transfer (other path, method or
 * Content-Format, same token): 4.08, the transfer is rolled back and its
 * own next block is 4.08 too. */
static void test_other_request_408(void **state)
{
    fx_t *f = *state;
    const req_t q = {.path = "30001/0",
                     .cf = LWC_FORMAT_TLV,
                     .method = LWCI_COAP_PUT,
                     .token = "t1"};
    req_t others[3] = {q, q, q};
    lwci_coap_msg_t m;

    others[0].path = "30001/0/0";
    others[1].method = LWCI_COAP_POST;
    others[2].cf = LWC_FORMAT_SENML_JSON;
    tlv_body(f, 1);
    for (int i = 0; i < 3; i++) {
        m = send_req(f, &q, 0, SZX_64);
        assert_int_equal(m.code, LWCI_COAP_231_CONTINUE);
        m = send_req(f, &others[i], 1, SZX_64);
        assert_int_equal(m.code, LWCI_COAP_408_INCOMPLETE);
        assert_int_equal(octx.rollbacks, i + 1);
        m = send_req(f, &q, 1, SZX_64);
        assert_int_equal(m.code, LWCI_COAP_408_INCOMPLETE);
    }
    assert_int_equal(octx.commits, 0);
    assert_string_equal(octx.cur.vals[0], "");
}

/* A 400-byte string cannot be carried across blocks: 4.13, Size1. */
static void test_entry_larger_than_carry_413(void **state)
{
    fx_t *f = *state;
    lwci_coap_msg_t m;
    uint32_t num;

    f->body[0] = 0xD0; /* resource, 8-bit ID, 16-bit length */
    f->body[1] = 1;
    f->body[2] = 400 >> 8;
    f->body[3] = 400 & 0xff;
    memset(f->body + 4, 'x', 400);
    f->body_len = 404;
    for (num = 0; num < 10; num++) {
        m = put_block(f, "30001/0", LWC_FORMAT_TLV, num, SZX_64, "t1");
        if (m.code != LWCI_COAP_231_CONTINUE) {
            break;
        }
    }
    assert_int_equal(m.code, LWCI_COAP_413_TOO_LARGE);
    assert_true((num + 1) * BLOCK > LWC_BLOCK1_CARRY_SIZE);
    assert_int_equal(cfx_uint_of(&m, LWCI_COAP_OPT_SIZE1),
                     LWC_BLOCK1_CARRY_SIZE);
    assert_string_equal(octx.cur.name, "");
    assert_int_equal(octx.commits, 0);
}

/* Half a transfer, then silence: rolled back at EXCHANGE_LIFETIME, not
 * before; its next block is then 4.08, and a new transfer works. */
static void test_abandoned_transfer_expires(void **state)
{
    fx_t *f = *state;
    lwci_coap_msg_t m;
    int64_t start;

    tlv_body(f, 1);
    send_all(f, "30001/0/0", LWC_FORMAT_TLV, LWCI_COAP_204_CHANGED);
    tlv_body(f, 2);
    for (uint32_t num = 0; num < 5; num++) {
        m = put_block(f, "30001/0/0", LWC_FORMAT_TLV, num, SZX_64, "t1");
        assert_int_equal(m.code, LWCI_COAP_231_CONTINUE);
    }
    start = f->c.now;
    assert_true(octx.writes > NVALS); /* some of the new values went in */
    lwc_client_step(&f->c.client, start + LWCI_COAP_EXCHANGE_LIFETIME_MS - 1);
    assert_int_equal(octx.rollbacks, 0);
    lwc_client_step(&f->c.client, start + LWCI_COAP_EXCHANGE_LIFETIME_MS);
    assert_int_equal(octx.rollbacks, 1);
    assert_vals(1); /* the first transfer's values are back */
    f->c.now = start + LWCI_COAP_EXCHANGE_LIFETIME_MS + 10;
    m = put_block(f, "30001/0/0", LWC_FORMAT_TLV, 5, SZX_64, "t1");
    assert_int_equal(m.code, LWCI_COAP_408_INCOMPLETE);
    send_all(f, "30001/0/0", LWC_FORMAT_TLV, LWCI_COAP_204_CHANGED);
    assert_vals(2);
    assert_int_equal(octx.commits, 2);
}

/* The step deadline wakes the client for the expiry. */
static void test_step_deadline_covers_expiry(void **state)
{
    fx_t *f = *state;
    lwci_coap_msg_t m;

    tlv_body(f, 1);
    m = put_block(f, "30001/0/0", LWC_FORMAT_TLV, 0, SZX_64, "t1");
    assert_int_equal(m.code, LWCI_COAP_231_CONTINUE);
    assert_true(lwc_client_step(&f->c.client, f->c.now) <=
                f->c.now + LWCI_COAP_EXCHANGE_LIFETIME_MS);
}

/* A text/plain value (a single-value format) spanning blocks is taken
 * while it fits the carry; a longer one (e.g. a firmware image) is 4.13. */
static void test_text_value_across_blocks(void **state)
{
    fx_t *f = *state;
    lwci_coap_msg_t m;

    memset(f->body, 'n', 200);
    f->body_len = 200;
    send_all(f, "30001/0/1", LWC_FORMAT_TEXT, LWCI_COAP_204_CHANGED);
    assert_int_equal(strlen(octx.cur.name), 200);
    assert_int_equal(octx.cur.name[199], 'n');
    memset(f->body, 'o', 400);
    f->body_len = 400;
    for (uint32_t num = 0; num < 4; num++) {
        m = put_block(f, "30001/0/1", LWC_FORMAT_TEXT, num, SZX_64, "t1");
        assert_int_equal(m.code, LWCI_COAP_231_CONTINUE);
    }
    m = put_block(f, "30001/0/1", LWC_FORMAT_TEXT, 4, SZX_64, "t1");
    assert_int_equal(m.code, LWCI_COAP_413_TOO_LARGE);
    assert_int_equal(octx.cur.name[0], 'n'); /* the old value stays */
}

/* Block 0 again mid-transfer restarts it: the first attempt is rolled
 * back and only the second one's values land. */
static void test_block0_restarts(void **state)
{
    fx_t *f = *state;
    lwci_coap_msg_t m;

    tlv_body(f, 4);
    for (uint32_t num = 0; num < 3; num++) {
        m = put_block(f, "30001/0/0", LWC_FORMAT_TLV, num, SZX_64, "t1");
        assert_int_equal(m.code, LWCI_COAP_231_CONTINUE);
    }
    tlv_body(f, 5);
    send_all(f, "30001/0/0", LWC_FORMAT_TLV, LWCI_COAP_204_CHANGED);
    assert_int_equal(octx.rollbacks, 1);
    assert_int_equal(octx.commits, 1);
    assert_vals(5);
}

/* ---- Opaque values streamed to write_chunk ---------------------------- */

#define BLOB_LEN 5000
/* 1024-byte blocks where a message that size fits the client's buffer,
 * else 256 (the minimal configuration). */
#define SZX_BIG (LWC_COAP_MAX_MSG_SIZE >= 1024 + 64 ? 6 : 4)

/* BLOB_LEN bytes that differ from block to block (a misplaced block
 * shows). */
static void blob_body(fx_t *f, uint32_t seed)
{
    for (size_t i = 0; i < BLOB_LEN; i++) {
        seed = seed * 1103515245u + 12345u;
        f->body[i] = (uint8_t)(seed >> 16);
    }
    f->body_len = BLOB_LEN;
}

static const req_t blob_put = {.path = "30002/0/0",
                               .cf = LWC_FORMAT_OPAQUE,
                               .method = LWCI_COAP_PUT,
                               .size1 = BLOB_LEN,
                               .token = "fw"};

static void assert_blob(const fx_t *f)
{
    assert_false(blob.bad);
    assert_int_equal(blob.len, f->body_len);
    assert_memory_equal(blob.data, f->body, f->body_len);
    assert_int_equal(blob.lasts, 1);
}

/* 5000 bytes in 64, 256 and 1024-byte blocks (1024 is far above the
 * carry): every byte once, in order, one last piece per block, Size1 as
 * the hint, inside one transaction; write is not called. */
static void test_chunks_in_blocks(void **state)
{
    fx_t *f = *state;
    static const uint8_t szx[] = {2, 4, SZX_BIG};

    for (size_t i = 0; i < sizeof(szx); i++) {
        size_t size = (size_t)16 << szx[i];
        memset(&blob, 0, sizeof(blob));
        blob_body(f, (uint32_t)i);
        send_blocks(f, &blob_put, szx[i], LWCI_COAP_204_CHANGED, false);
        assert_blob(f);
        assert_int_equal(blob.chunks, (BLOB_LEN + size - 1) / size);
        assert_int_equal(blob.size_hint, BLOB_LEN);
        assert_int_equal(blob.iid, 0);
        assert_int_equal(blob.rid, 0);
        assert_int_equal(blob.riid, LWC_ID_NONE);
        assert_string_equal(blob.log, "BCLVM");
        assert_int_equal(blob.aborts, 0);
        assert_int_equal(blob.writes, 0);
    }
}

/* Without Size1 the hint is 0; a resource instance gets its riid; the
 * tokens may change; POST works as PUT. */
static void test_chunks_to_resource_instance(void **state)
{
    fx_t *f = *state;
    req_t q = blob_put;

    q.path = "30002/0/1/7";
    q.size1 = 0;
    q.method = LWCI_COAP_POST;
    blob_body(f, 9);
    send_blocks(f, &q, 4, LWCI_COAP_204_CHANGED, true);
    assert_blob(f);
    assert_int_equal(blob.size_hint, 0);
    assert_int_equal(blob.rid, 1);
    assert_int_equal(blob.riid, 7);
}

/* A Write in one message is one piece: offset 0, last, its length as the
 * hint; also without Content-Format (opaque is the resource's default). */
static void test_chunk_in_one_message(void **state)
{
    fx_t *f = *state;
    req_t q = blob_put;
    lwci_coap_msg_t m;

    blob_body(f, 3);
    f->body_len = 300; /* more than the carry */
    q.size1 = 0;
    m = send_req(f, &q, 0, 7);
    assert_int_equal(m.code, LWCI_COAP_204_CHANGED);
    assert_blob(f);
    assert_int_equal(blob.chunks, 1);
    assert_int_equal(blob.size_hint, 300);
    assert_string_equal(blob.log, "BLVM");
    memset(&blob, 0, sizeof(blob));
    q.cf = -1;
    m = send_req(f, &q, 0, 7);
    assert_int_equal(m.code, LWCI_COAP_204_CHANGED);
    assert_blob(f);
    assert_string_equal(blob.log, "BLVM");
}

/* Other formats to the same resource still go through write; text/plain
 * to an opaque resource is refused before any piece. */
static void test_chunk_only_for_opaque(void **state)
{
    fx_t *f = *state;
    req_t q = blob_put;
    lwci_coap_msg_t m;
    static const uint8_t tlv[] = {0xC3, 0x00, 'a', 'b', 'c'};

    memcpy(f->body, tlv, sizeof(tlv));
    f->body_len = sizeof(tlv);
    q.path = "30002/0";
    q.cf = LWC_FORMAT_TLV;
    m = send_req(f, &q, 0, 7);
    assert_int_equal(m.code, LWCI_COAP_204_CHANGED);
    assert_int_equal(blob.writes, 1);
    assert_int_equal(blob.chunks, 0);
    q.path = "30002/0/0";
    q.cf = LWC_FORMAT_TEXT;
    m = send_req(f, &q, 0, SZX_64);
    assert_int_equal(m.code, LWC_COAP_UNSUPPORTED_CONTENT_FORMAT);
    assert_int_equal(blob.chunks, 0);
    assert_string_equal(blob.log, "BVM"); /* the TLV write only */
}

/* Blocks 0 and 1, then 3: 4.08, abort before the rollback, once. */
static void test_chunk_out_of_order_aborts(void **state)
{
    fx_t *f = *state;
    lwci_coap_msg_t m;

    blob_body(f, 1);
    for (uint32_t num = 0; num < 2; num++) {
        m = send_req(f, &blob_put, num, SZX_64);
        assert_int_equal(m.code, LWCI_COAP_231_CONTINUE);
    }
    m = send_req(f, &blob_put, 3, SZX_64);
    assert_int_equal(m.code, LWCI_COAP_408_INCOMPLETE);
    assert_string_equal(blob.log, "BCAR");
    m = send_req(f, &blob_put, 2, SZX_64);
    assert_int_equal(m.code, LWCI_COAP_408_INCOMPLETE);
    assert_int_equal(blob.aborts, 1);
    assert_false(blob.bad);
}

/* No next block: abort and rollback at EXCHANGE_LIFETIME, not before. */
static void test_chunk_timeout_aborts(void **state)
{
    fx_t *f = *state;
    lwci_coap_msg_t m;

    blob_body(f, 2);
    for (uint32_t num = 0; num < 3; num++) {
        m = send_req(f, &blob_put, num, 4);
        assert_int_equal(m.code, LWCI_COAP_231_CONTINUE);
    }
    lwc_client_step(&f->c.client,
                    f->c.now + LWCI_COAP_EXCHANGE_LIFETIME_MS - 1);
    assert_string_equal(blob.log, "BC");
    lwc_client_step(&f->c.client, f->c.now + LWCI_COAP_EXCHANGE_LIFETIME_MS);
    assert_string_equal(blob.log, "BCAR");
    assert_int_equal(blob.len, 0);
}

/* The handler has no room at the third piece: 4.13 without Size1 (the
 * carry is not the limit), abort once, rollback; the next block is 4.08. */
static void test_chunk_handler_error_aborts(void **state)
{
    fx_t *f = *state;
    lwci_coap_msg_t m;
    uint32_t size1 = 0;

    blob_body(f, 4);
    blob.fail_at = 3;
    blob.fail_rc = LWC_ERR_NO_SPACE;
    for (uint32_t num = 0; num < 2; num++) {
        m = send_req(f, &blob_put, num, SZX_BIG);
        assert_int_equal(m.code, LWCI_COAP_231_CONTINUE);
    }
    m = send_req(f, &blob_put, 2, SZX_BIG);
    assert_int_equal(m.code, LWCI_COAP_413_TOO_LARGE);
    assert_int_equal(lwci_coap_get_uint(&m, LWCI_COAP_OPT_SIZE1, &size1),
                     LWC_ERR_NOT_FOUND);
    assert_string_equal(blob.log, "BCAR");
    m = send_req(f, &blob_put, 3, SZX_BIG);
    assert_int_equal(m.code, LWCI_COAP_408_INCOMPLETE);
    assert_int_equal(blob.aborts, 1);
    /* In one message: the same code, abort, rollback. */
    memset(&blob, 0, sizeof(blob));
    blob.fail_at = 1;
    blob.fail_rc = LWC_ERR_NO_SPACE;
    f->body_len = 100;
    m = send_req(f, &blob_put, 0, 7);
    assert_int_equal(m.code, LWCI_COAP_413_TOO_LARGE);
    assert_string_equal(blob.log, "BLAR");
}

/* Block 0 again mid-transfer: the first is aborted, the second lands. */
static void test_chunk_restart_aborts_first(void **state)
{
    fx_t *f = *state;
    lwci_coap_msg_t m;

    blob_body(f, 5);
    for (uint32_t num = 0; num < 3; num++) {
        m = send_req(f, &blob_put, num, SZX_64);
        assert_int_equal(m.code, LWCI_COAP_231_CONTINUE);
    }
    blob_body(f, 6);
    send_blocks(f, &blob_put, SZX_64, LWCI_COAP_204_CHANGED, false);
    assert_string_equal(blob.log, "BCARBCLVM");
    assert_blob(f);
}

/* The client stops mid-transfer: abort and rollback at the next step. */
static void test_chunk_client_stop_aborts(void **state)
{
    fx_t *f = *state;
    lwci_coap_msg_t m;

    blob_body(f, 7);
    m = send_req(f, &blob_put, 0, SZX_64);
    assert_int_equal(m.code, LWCI_COAP_231_CONTINUE);
    assert_int_equal(lwc_client_stop(&f->c.client), LWC_OK);
    lwc_client_step(&f->c.client, f->c.now + 10);
    assert_string_equal(blob.log, "BCAR");
}

/* A request that changes the object of an open transfer cannot run in
 * its transaction: the transfer ends first (abort, rollback), then the
 * request runs in a transaction of its own, and the transfer's next block
 * gets 4.08. A Write to another object leaves the transfer alone. */
static void test_conflicting_request_ends_transfer(void **state)
{
    fx_t *f = *state;
    req_t q = blob_put;
    lwci_coap_msg_t m;

    blob_body(f, 11);
    m = send_req(f, &blob_put, 0, SZX_64);
    assert_int_equal(m.code, LWCI_COAP_231_CONTINUE);
    /* Another object: the transfer goes on. */
    q = (req_t){.path = "30001/0/1",
                .cf = LWC_FORMAT_TEXT,
                .method = LWCI_COAP_PUT,
                .token = "o"};
    memcpy(f->body, "x", 1);
    f->body_len = 1;
    m = send_req(f, &q, 0, 7);
    assert_int_equal(m.code, LWCI_COAP_204_CHANGED);
    blob_body(f, 11);
    m = send_req(f, &blob_put, 1, SZX_64);
    assert_int_equal(m.code, LWCI_COAP_231_CONTINUE);
    assert_string_equal(blob.log, "BC");
    /* The same object, in one message: the transfer ends first. */
    q = blob_put;
    q.token = "one";
    f->body_len = 10;
    m = send_req(f, &q, 0, 7);
    assert_int_equal(m.code, LWCI_COAP_204_CHANGED);
    assert_string_equal(blob.log, "BCARBLVM");
    assert_false(blob.bad);
    assert_int_equal(blob.len, 10);
    blob_body(f, 11);
    m = send_req(f, &blob_put, 2, SZX_64);
    assert_int_equal(m.code, LWCI_COAP_408_INCOMPLETE);
}

/* A stopping client starts no transfer: 5.03, no handler runs. */
static void test_no_transfer_while_stopping(void **state)
{
    fx_t *f = *state;
    lwci_coap_msg_t m;

    /* Registered first, so that stopping takes a De-register exchange. */
    cfx_register(&f->c);
    assert_int_equal(lwc_client_stop(&f->c.client), LWC_OK);
    f->c.now += 10;
    lwc_client_step(&f->c.client, f->c.now); /* sends the De-register */
    assert_false(lwc_client_is_stopped(&f->c.client));
    blob_body(f, 12);
    m = send_req(f, &blob_put, 0, SZX_64);
    assert_int_equal(m.code, LWCI_COAP_503_UNAVAILABLE);
    assert_string_equal(blob.log, "");
}

/* The last piece accepted, then validate fails: rolled back, no abort. */
static void test_no_abort_after_last(void **state)
{
    fx_t *f = *state;
    req_t q = blob_put;

    blob_body(f, 8);
    blob.validate_rc = LWC_ERR_INVALID_ARG;
    send_blocks(f, &q, SZX_BIG, LWC_COAP_BAD_REQUEST, false);
    assert_string_equal(blob.log, "BCLVR");
    assert_int_equal(blob.aborts, 0);
}

/* An object without write_chunk: an opaque value larger than the carry
 * is still 4.13 with Size1. */
static void test_opaque_without_chunks_413(void **state)
{
    fx_t *f = *state;
    req_t q = blob_put;
    lwci_coap_msg_t m;
    uint32_t num;

    q.path = "30001/0/2";
    blob_body(f, 1);
    f->body_len = 400;
    for (num = 0; num < 10; num++) {
        m = send_req(f, &q, num, SZX_64);
        if (m.code != LWCI_COAP_231_CONTINUE) {
            break;
        }
    }
    assert_int_equal(m.code, LWCI_COAP_413_TOO_LARGE);
    assert_int_equal(cfx_uint_of(&m, LWCI_COAP_OPT_SIZE1),
                     LWC_BLOCK1_CARRY_SIZE);
    assert_int_equal(octx.writes, 0);
    assert_int_equal(octx.rollbacks, 1);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, cfx_teardown)
    const struct CMUnitTest tests[] = {
        T(test_tlv_2k_in_64_byte_blocks),
        T(test_senml_json_2k_in_64_byte_blocks),
        T(test_out_of_order_408),
        T(test_token_may_change),
        T(test_other_request_408),
        T(test_entry_larger_than_carry_413),
        T(test_abandoned_transfer_expires),
        T(test_step_deadline_covers_expiry),
        T(test_text_value_across_blocks),
        T(test_block0_restarts),
        T(test_chunks_in_blocks),
        T(test_chunks_to_resource_instance),
        T(test_chunk_in_one_message),
        T(test_chunk_only_for_opaque),
        T(test_chunk_out_of_order_aborts),
        T(test_chunk_timeout_aborts),
        T(test_chunk_handler_error_aborts),
        T(test_chunk_restart_aborts_first),
        T(test_chunk_client_stop_aborts),
        T(test_conflicting_request_ends_transfer),
        T(test_no_transfer_while_stopping),
        T(test_no_abort_after_last),
        T(test_opaque_without_chunks_413),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
