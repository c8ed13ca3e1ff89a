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
 * EXCHANGE_LIFETIME, and a new transfer works afterwards.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <lwc/client.h>
#include <lwc/objects/security.h>
#include <lwc/objects/server.h>

#include "coap/coap_ep.h"
#include "coap/coap_msg.h"
#include "support/fake_net.h"

#define OID      30001
#define NVALS    40 /* resource instances of /30001/0/0 */
#define VAL_LEN  44 /* bytes of each */
#define BLOCK    64
#define SZX_64   2
#define MAX_BODY 4096

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

static int list_one(void *ctx, lwc_dm_list_t *list)
{
    (void)ctx;
    lwc_dm_list_add(list, 0);
    return LWC_OK;
}

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
};
static const lwc_object_handlers_t obj_handlers = {
    .list_instances = list_one,
    .list_resource_instances = list_vals,
    .write = obj_write,
    .resource_clear = obj_clear,
    .transaction_begin = obj_begin,
    .transaction_commit = obj_commit,
    .transaction_rollback = obj_rollback,
};
static const lwc_object_t obj = {.oid = OID,
                                 .resources = obj_res,
                                 .resource_count = 2,
                                 .handlers = &obj_handlers,
                                 .user_ctx = &octx};

typedef struct {
    fake_net_t net;
    lwc_client_t client;
    lwc_security_object_t sec;
    lwc_server_object_t srv;
    uint16_t mid;
    int64_t now;
    uint8_t body[MAX_BODY];
    size_t body_len;
} fx_t;

static int setup(void **state)
{
    static fx_t f;
    lwc_client_config_t cfg = {.endpoint_name = "block1"};
    const lwc_security_instance_t si = {.server_uri = "coap://127.0.0.1",
                                        .security_mode =
                                            LWC_SECURITY_MODE_NOSEC,
                                        .short_server_id = 1};
    const lwc_server_instance_t vi = {
        .short_server_id = 1, .lifetime = 86400, .binding = "U"};

    memset(&f, 0, sizeof(f));
    memset(&octx, 0, sizeof(octx));
    fake_net_init(&f.net);
    cfg.platform = fake_net_platform(&f.net);
    cfg.transports = fake_net_factory(&f.net);
    assert_int_equal(lwc_client_init(&f.client, &cfg), LWC_OK);
    assert_int_equal(lwc_security_object_init(&f.sec), LWC_OK);
    assert_true(lwc_security_add_instance(&f.sec, &si) >= 0);
    assert_int_equal(lwc_security_object_install(&f.client, &f.sec), LWC_OK);
    assert_int_equal(lwc_server_object_init(&f.srv), LWC_OK);
    assert_true(lwc_server_add_instance(&f.srv, &vi) >= 0);
    assert_int_equal(lwc_server_object_install(&f.client, &f.srv), LWC_OK);
    assert_int_equal(lwc_client_add_object(&f.client, &obj), LWC_OK);
    assert_int_equal(lwc_client_start(&f.client), LWC_OK);
    lwc_client_step(&f.client, 0);
    f.mid = 0x200;
    f.now = 100;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fx_t *f = *state;
    lwc_client_deinit(&f->client);
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

/* Send block `num` (payload body[num * size ...]) of a PUT to `path`;
 * returns the parsed answer. */
static lwci_coap_msg_t put_block(fx_t *f, const char *path, uint16_t cf,
                                 uint32_t num, uint8_t szx, const char *token)
{
    static uint8_t buf[1200];
    lwci_coap_writer_t w;
    lwci_coap_msg_t m;
    size_t size = (size_t)16 << szx;
    size_t off = (size_t)num * size;
    size_t len = f->body_len - off < size ? f->body_len - off : size;
    lwci_coap_block_t b = {
        .num = num, .more = off + len < f->body_len, .szx = szx};

    lwci_coap_writer_init(&w, buf, sizeof(buf), LWCI_COAP_CON, LWCI_COAP_PUT,
                          f->mid++, (const uint8_t *)token,
                          (uint8_t)strlen(token));
    lwci_coap_add_path(&w, LWCI_COAP_OPT_URI_PATH, path);
    lwci_coap_add_opt_uint(&w, LWCI_COAP_OPT_CONTENT_FORMAT, cf);
    lwci_coap_add_opt_block(&w, LWCI_COAP_OPT_BLOCK1, &b);
    lwci_coap_add_payload(&w, f->body + off, len);
    assert_int_equal(w.err, LWC_OK);
    fake_net_clear_sent(&f->net);
    fake_net_inject(&f->net, buf, w.len);
    f->now += 10;
    lwc_client_step(&f->client, f->now);
    assert_int_equal(f->net.sent_count, 1);
    assert_int_equal(
        lwci_coap_parse(&m, f->net.sent[0].data, f->net.sent[0].len, NULL),
        LWC_OK);
    return m;
}

/* Every block in order at 64 bytes; each answer checked. */
static void send_all(fx_t *f, const char *path, uint16_t cf, uint8_t last)
{
    uint32_t count = (uint32_t)((f->body_len + BLOCK - 1) / BLOCK);

    for (uint32_t num = 0; num < count; num++) {
        lwci_coap_msg_t m = put_block(f, path, cf, num, SZX_64, "t1");
        lwci_coap_block_t b;
        bool final = num + 1 == count;
        assert_int_equal(m.code, final ? last : LWCI_COAP_231_CONTINUE);
        assert_int_equal(lwci_coap_get_block(&m, LWCI_COAP_OPT_BLOCK1, &b),
                         LWC_OK);
        assert_int_equal(b.num, num);
        assert_int_equal(b.szx, SZX_64);
        assert_int_equal(b.more, !final);
        assert_int_equal(m.token_len, 2);
        assert_memory_equal(m.token, "t1", 2);
    }
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

/* Another token mid-transfer: 4.08 and the transfer is gone. */
static void test_other_token_408(void **state)
{
    fx_t *f = *state;
    lwci_coap_msg_t m;

    tlv_body(f, 1);
    m = put_block(f, "30001/0/0", LWC_FORMAT_TLV, 0, SZX_64, "t1");
    assert_int_equal(m.code, LWCI_COAP_231_CONTINUE);
    m = put_block(f, "30001/0/0", LWC_FORMAT_TLV, 1, SZX_64, "zz");
    assert_int_equal(m.code, LWCI_COAP_408_INCOMPLETE);
    assert_int_equal(octx.rollbacks, 1);
    m = put_block(f, "30001/0/0", LWC_FORMAT_TLV, 1, SZX_64, "t1");
    assert_int_equal(m.code, LWCI_COAP_408_INCOMPLETE);
}

/* A 400-byte string cannot be carried across blocks: 4.13, Size1. */
static void test_entry_larger_than_carry_413(void **state)
{
    fx_t *f = *state;
    lwci_coap_msg_t m;
    uint32_t size1 = 0;
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
    assert_int_equal(lwci_coap_get_uint(&m, LWCI_COAP_OPT_SIZE1, &size1),
                     LWC_OK);
    assert_int_equal(size1, LWC_BLOCK1_CARRY_SIZE);
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
    start = f->now;
    assert_true(octx.writes > NVALS); /* some of the new values went in */
    lwc_client_step(&f->client, start + LWCI_COAP_EXCHANGE_LIFETIME_MS - 1);
    assert_int_equal(octx.rollbacks, 0);
    lwc_client_step(&f->client, start + LWCI_COAP_EXCHANGE_LIFETIME_MS);
    assert_int_equal(octx.rollbacks, 1);
    assert_vals(1); /* the first transfer's values are back */
    f->now = start + LWCI_COAP_EXCHANGE_LIFETIME_MS + 10;
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
    assert_true(lwc_client_step(&f->client, f->now) <=
                f->now + LWCI_COAP_EXCHANGE_LIFETIME_MS);
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

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_tlv_2k_in_64_byte_blocks),
        T(test_senml_json_2k_in_64_byte_blocks),
        T(test_out_of_order_408),
        T(test_other_token_408),
        T(test_entry_larger_than_carry_413),
        T(test_abandoned_transfer_expires),
        T(test_step_deadline_covers_expiry),
        T(test_text_value_across_blocks),
        T(test_block0_restarts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
