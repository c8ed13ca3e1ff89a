/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Block-wise responses (RFC 7959 §2.4) through the whole client: a Read
 * whose payload exceeds one message goes out as its first block with
 * Block2, ETag and Size2; the server fetches the rest block by block, also
 * with a smaller block size than the client offers; a block past the end
 * is refused 4.02.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <lwc/client.h>
#include <lwc/objects/security.h>
#include <lwc/objects/server.h>

#include "coap/coap_msg.h"
#include "support/fake_net.h"

#define BIG 2000

static char big[BIG + 1];

static int list_one(void *ctx, lwc_dm_list_t *list)
{
    (void)ctx;
    lwc_dm_list_add(list, 0);
    return LWC_OK;
}

static int big_read(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                    lwc_value_t *out)
{
    (void)ctx;
    (void)iid;
    (void)rid;
    (void)riid;
    *out = lwc_value_string(big);
    return LWC_OK;
}

static const lwc_resource_def_t big_res[] = {
    {.rid = 0, .type = LWC_TYPE_STRING, .ops = LWC_OP_R}};
static const lwc_object_handlers_t big_handlers = {.list_instances = list_one,
                                                   .read = big_read};
static const lwc_object_t big_obj = {.oid = 30000,
                                     .resources = big_res,
                                     .resource_count = 1,
                                     .handlers = &big_handlers};

typedef struct {
    fake_net_t net;
    lwc_client_t client;
    lwc_security_object_t sec;
    lwc_server_object_t srv;
    uint16_t mid;
} fx_t;

static int setup(void **state)
{
    static fx_t f;
    lwc_client_config_t cfg = {.endpoint_name = "blocks"};
    const lwc_security_instance_t si = {
        .server_uri = "coap://127.0.0.1",
        .security_mode = LWC_SECURITY_MODE_NOSEC,
        .short_server_id = 1};
    const lwc_server_instance_t vi = {
        .short_server_id = 1, .lifetime = 300, .binding = "U"};

    memset(&f, 0, sizeof(f));
    for (size_t i = 0; i < BIG; i++) {
        big[i] = (char)('a' + i % 26);
    }
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
    assert_int_equal(lwc_client_add_object(&f.client, &big_obj), LWC_OK);
    assert_int_equal(lwc_client_start(&f.client), LWC_OK);
    lwc_client_step(&f.client, 0);
    f.mid = 0x100;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fx_t *f = *state;
    lwc_client_deinit(&f->client);
    return 0;
}

/* GET /30000/0/0 (text), with a Block2 option when szx >= 0; returns the
 * parsed answer (pointing into the fake's capture buffer). */
static lwci_coap_msg_t get_block(fx_t *f, int szx, uint32_t num)
{
    uint8_t buf[64];
    lwci_coap_writer_t w;
    lwci_coap_msg_t m;
    fake_dgram_t *d;

    lwci_coap_writer_init(&w, buf, sizeof(buf), LWCI_COAP_CON, LWCI_COAP_GET,
                          f->mid++, (const uint8_t *)"\x0b", 1);
    lwci_coap_add_path(&w, LWCI_COAP_OPT_URI_PATH, "30000/0/0");
    if (szx >= 0) {
        lwci_coap_block_t b = {.num = num, .szx = (uint8_t)szx};
        lwci_coap_add_opt_block(&w, LWCI_COAP_OPT_BLOCK2, &b);
    }
    assert_int_equal(w.err, LWC_OK);
    fake_net_clear_sent(&f->net);
    fake_net_inject(&f->net, buf, w.len);
    lwc_client_step(&f->client, 100);
    assert_int_equal(f->net.sent_count, 1);
    d = &f->net.sent[0];
    assert_int_equal(lwci_coap_parse(&m, d->data, d->len, NULL), LWC_OK);
    return m;
}

static uint32_t etag_of(const lwci_coap_msg_t *m)
{
    size_t it = 0;
    const lwci_coap_opt_t *o = lwci_coap_find_opt(m, LWCI_COAP_OPT_ETAG, &it);
    uint32_t v = 0;

    assert_non_null(o);
    assert_int_equal(o->len, 4);
    for (int i = 0; i < 4; i++) {
        v = v << 8 | o->value[i];
    }
    return v;
}

/* Too large for one message: the first block, as large as the message
 * buffer allows (1024 bytes with the default configuration), with Size2. */
static void test_server_initiated_first_block(void **state)
{
    fx_t *f = *state;
    lwci_coap_msg_t m = get_block(f, -1, 0);
    lwci_coap_block_t b;
    uint32_t size2;
    size_t size;

    assert_int_equal(m.code, LWCI_COAP_205_CONTENT);
    assert_int_equal(lwci_coap_get_block(&m, LWCI_COAP_OPT_BLOCK2, &b),
                     LWC_OK);
    size = (size_t)16 << b.szx;
    assert_int_equal(b.num, 0);
    assert_true(b.more);
    assert_true(size < LWC_COAP_MAX_MSG_SIZE);
    assert_true(2 * size + 64 > LWC_COAP_MAX_MSG_SIZE || b.szx == 6);
#if LWC_COAP_MAX_MSG_SIZE >= 1152
    assert_int_equal(b.szx, 6);
#endif
    assert_int_equal(m.payload_len, size);
    assert_memory_equal(m.payload, big, size);
    assert_int_equal(lwci_coap_get_uint(&m, LWCI_COAP_OPT_SIZE2, &size2),
                     LWC_OK);
    assert_int_equal(size2, BIG);
}

/* The server walks the blocks at 64 bytes: reassembled, the value. */
static void test_walk_all_blocks(void **state)
{
    fx_t *f = *state;
    char got[BIG];
    size_t n = 0;
    uint32_t etag = 0;
    lwci_coap_block_t b = {.more = true};

    for (uint32_t num = 0; b.more && num < 100; num++) {
        lwci_coap_msg_t m = get_block(f, 2, num);
        assert_int_equal(m.code, LWCI_COAP_205_CONTENT);
        assert_int_equal(lwci_coap_get_block(&m, LWCI_COAP_OPT_BLOCK2, &b),
                         LWC_OK);
        assert_int_equal(b.num, num);
        assert_int_equal(b.szx, 2);
        assert_true(m.payload_len <= 64);
        if (num == 0) {
            etag = etag_of(&m);
        } else {
            assert_int_equal(etag_of(&m), etag); /* same representation */
        }
        memcpy(got + n, m.payload, m.payload_len);
        n += m.payload_len;
    }
    assert_false(b.more);
    assert_int_equal(n, BIG);
    assert_memory_equal(got, big, BIG);
}

/* Asked for the second 1024-byte block: with the default configuration
 * it holds the rest and is the last; with a smaller message buffer the
 * client answers with a smaller block at the same offset, renumbered
 * (RFC 7959 §2.4). */
static void test_second_large_block(void **state)
{
    fx_t *f = *state;
    lwci_coap_msg_t m = get_block(f, 6, 1);
    lwci_coap_block_t b;
    size_t size;
    size_t expect;

    assert_int_equal(m.code, LWCI_COAP_205_CONTENT);
    assert_int_equal(lwci_coap_get_block(&m, LWCI_COAP_OPT_BLOCK2, &b),
                     LWC_OK);
    size = (size_t)16 << b.szx;
    assert_int_equal((size_t)b.num * size, 1024);
    expect = BIG - 1024 < size ? BIG - 1024 : size;
    assert_int_equal(m.payload_len, expect);
    assert_memory_equal(m.payload, big + 1024, expect);
    assert_int_equal(b.more, 1024 + size < BIG);
#if LWC_COAP_MAX_MSG_SIZE >= 1152
    assert_int_equal(b.szx, 6);
    assert_false(b.more);
#endif
}

static void test_block_past_end_402(void **state)
{
    fx_t *f = *state;
    lwci_coap_msg_t m = get_block(f, 6, 2);

    assert_int_equal(m.code, LWCI_COAP_402_BAD_OPTION);
    assert_int_equal(m.payload_len, 0);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_server_initiated_first_block),
        T(test_walk_all_blocks),
        T(test_second_large_block),
        T(test_block_past_end_402),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
