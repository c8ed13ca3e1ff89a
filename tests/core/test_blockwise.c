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

#include "support/client_fixture.h"

#define BIG 2000

static char big[BIG + 1];

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
static const lwc_object_handlers_t big_handlers = {
    .list_instances = cfx_list_one, .read = big_read};
static const lwc_object_t big_obj = {.oid = 30000,
                                     .resources = big_res,
                                     .resource_count = 1,
                                     .handlers = &big_handlers};

/* The client (support/client_fixture.h), its Register unanswered. */
static int setup(void **state)
{
    static cfx_t f;
    static const lwc_object_t *const objects[] = {&big_obj};

    for (size_t i = 0; i < BIG; i++) {
        big[i] = (char)('a' + i % 26);
    }
    cfx_start(&f, objects, CFX_NELEM(objects));
    *state = &f;
    return 0;
}

/* GET /30000/0/0 (text), with a Block2 option when szx >= 0; returns the
 * parsed answer (pointing into the fake's capture buffer). */
static lwci_coap_msg_t get_block(cfx_t *f, int szx, uint32_t num)
{
    cfx_req_t q = cfx_req(LWCI_COAP_GET, "30000/0/0");

    if (szx >= 0) {
        q.has_block2 = true;
        q.block2 = (lwci_coap_block_t){.num = num, .szx = (uint8_t)szx};
    }
    return *cfx_request(f, &q);
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
    cfx_t *f = *state;
    lwci_coap_msg_t m = get_block(f, -1, 0);
    lwci_coap_block_t b;
    size_t size;

    assert_int_equal(m.code, LWCI_COAP_205_CONTENT);
    b = cfx_block_of(&m, LWCI_COAP_OPT_BLOCK2);
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
    assert_int_equal(cfx_uint_of(&m, LWCI_COAP_OPT_SIZE2), BIG);
}

/* The server walks the blocks at 64 bytes: reassembled, the value. */
static void test_walk_all_blocks(void **state)
{
    cfx_t *f = *state;
    char got[BIG];
    size_t n = 0;
    uint32_t etag = 0;
    lwci_coap_block_t b = {.more = true};

    for (uint32_t num = 0; b.more && num < 100; num++) {
        lwci_coap_msg_t m = get_block(f, 2, num);
        assert_int_equal(m.code, LWCI_COAP_205_CONTENT);
        b = cfx_block_of(&m, LWCI_COAP_OPT_BLOCK2);
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
    cfx_t *f = *state;
    lwci_coap_msg_t m = get_block(f, 6, 1);
    lwci_coap_block_t b;
    size_t size;
    size_t expect;

    assert_int_equal(m.code, LWCI_COAP_205_CONTENT);
    b = cfx_block_of(&m, LWCI_COAP_OPT_BLOCK2);
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
    cfx_t *f = *state;
    lwci_coap_msg_t m = get_block(f, 6, 2);

    assert_int_equal(m.code, LWCI_COAP_402_BAD_OPTION);
    assert_int_equal(m.payload_len, 0);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, cfx_teardown)
    const struct CMUnitTest tests[] = {
        T(test_server_initiated_first_block),
        T(test_walk_all_blocks),
        T(test_second_large_block),
        T(test_block_past_end_402),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
