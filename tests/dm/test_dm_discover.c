/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Discover (LwM2M 1.1 Core §5.4.2): the link lists of an object, an
 * instance and a resource, with ver=, dim= and the requesting server's
 * attributes (own level on objects and instances, inherited on a
 * resource), absent and bootstrap-only resources left out, block-wise
 * windows, and the error codes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "dm/attributes.h"
#include "support/dm_fixture.h"

#define OID 1000

/* The test object of dm_fixture.h at OID, version 1.1, and an object
 * without instances or resources at OID + 1, version 1.0. */
typedef struct {
    dmf_t d;
    lwc_object_t obj;
    lwc_object_t empty;
} fx_t;

static const lwc_object_handlers_t empty_handlers = {
    .list_instances = dmf_list_none,
};

static int setup(void **state)
{
    static fx_t f;
    memset(&f, 0, sizeof(f));
    dmf_init(&f.d);
    f.obj = dmf_test_object(OID, "1.1");
    f.empty = (lwc_object_t){.oid = OID + 1,
                             .version = "1.0",
                             .multi_instance = true,
                             .handlers = &empty_handlers};
    dmf_add(&f.d, &f.obj);
    dmf_add(&f.d, &f.empty);
    *state = &f;
    return 0;
}

static uint8_t request(fx_t *f, lwci_dm_op_t op, uint16_t ssid,
                       const lwc_path_t *p, const char *q, size_t cap,
                       size_t block_offset, size_t block_size)
{
    lwci_dm_request_t r = dmf_request(op, p, ssid);
    r.accept = LWC_FORMAT_LINK;
    r.block_offset = block_offset;
    r.block_size = block_size;
    dmf_set_query(&r, q);
    return dmf_run(&f->d, &r, cap)->code;
}

static void wa(fx_t *f, uint16_t ssid, const lwc_path_t *p, const char *q)
{
    assert_int_equal(request(f, LWCI_DM_OP_WRITE_ATTRIBUTES, ssid, p, q,
                             sizeof(f->d.out), 0, 0),
                     C(2, 4));
}

static uint8_t discover(fx_t *f, const lwc_path_t *p)
{
    return request(f, LWCI_DM_OP_DISCOVER, 101, p, NULL, sizeof(f->d.out), 0,
                   0);
}

static void expect(fx_t *f, const lwc_path_t *p, const char *want)
{
    assert_int_equal(discover(f, p), C(2, 5));
    dmf_expect_payload(&f->d, LWC_FORMAT_LINK, want);
}

static void without_attributes(void **state)
{
    fx_t *f = *state;
    expect(f, &LWC_PATH(OID),
           "</1000>;ver=1.1,</1000/0>,</1000/0/0>,</1000/0/1>,</1000/0/2>,"
           "</1000/0/4>,</1000/0/6>;dim=2,</1000/1>,</1000/1/0>,</1000/1/1>,"
           "</1000/1/2>,</1000/1/4>,</1000/1/5>");
    expect(f, &LWC_PATH(OID, 1),
           "</1000/1>,</1000/1/0>,</1000/1/1>,</1000/1/2>,"
           "</1000/1/4>,</1000/1/5>");
    /* A multiple resource lists every instance (ETS int-261 step 1). */
    expect(f, &LWC_PATH(OID, 0, 6),
           "</1000/0/6>;dim=2,</1000/0/6/0>,"
           "</1000/0/6/3>");
    expect(f, &LWC_PATH(OID, 0, 4), "</1000/0/4>");
    expect(f, &LWC_PATH(OID + 1), "</1001>");
}

static void with_attributes(void **state)
{
    fx_t *f = *state;
    wa(f, 101, &LWC_PATH(OID), "pmin=10");
    wa(f, 101, &LWC_PATH(OID, 0), "pmax=60");
    wa(f, 101, &LWC_PATH(OID, 0, 0), "gt=50&lt=42.2");
    wa(f, 101, &LWC_PATH(OID, 0, 6), "pmin=5");
    wa(f, 101, &LWC_PATH(OID, 0, 6, 3), "gt=1&con=1");
    wa(f, 102, &LWC_PATH(OID, 0, 1), "pmin=99"); /* another server's */

    expect(f, &LWC_PATH(OID),
           "</1000>;ver=1.1;pmin=10,</1000/0>;pmax=60,"
           "</1000/0/0>;gt=50;lt=42.2,</1000/0/1>,</1000/0/2>,</1000/0/4>,"
           "</1000/0/6>;dim=2;pmin=5,</1000/1>,</1000/1/0>,</1000/1/1>,"
           "</1000/1/2>,</1000/1/4>,</1000/1/5>");
    expect(f, &LWC_PATH(OID, 0),
           "</1000/0>;pmax=60,</1000/0/0>;gt=50;lt=42.2,</1000/0/1>,"
           "</1000/0/2>,</1000/0/4>,</1000/0/6>;dim=2;pmin=5");
    /* A resource shows what it inherits from its instance and object. */
    expect(f, &LWC_PATH(OID, 0, 0),
           "</1000/0/0>;pmin=10;pmax=60;gt=50;lt=42.2");
    expect(f, &LWC_PATH(OID, 0, 6),
           "</1000/0/6>;dim=2;pmin=5;pmax=60,</1000/0/6/0>,"
           "</1000/0/6/3>;gt=1;con=1");
    expect(f, &LWC_PATH(OID, 1, 0), "</1000/1/0>;pmin=10");
    expect(f, &LWC_PATH(OID, 0, 1), "</1000/0/1>;pmin=10;pmax=60");
}

static void block_wise(void **state)
{
    fx_t *f = *state;
    wa(f, 101, &LWC_PATH(OID), "pmin=10&pmax=20");
    assert_int_equal(discover(f, &LWC_PATH(OID)), C(2, 5));
    char whole[512];
    size_t whole_len = f->d.resp.payload_len;
    uint32_t etag = f->d.resp.etag;
    memcpy(whole, f->d.out, whole_len);
    assert_true(whole_len > 64);

    /* Too large for the buffer without Block2: 4.13 with the size. */
    assert_int_equal(
        request(f, LWCI_DM_OP_DISCOVER, 101, &LWC_PATH(OID), NULL, 32, 0, 0),
        C(4, 13));
    assert_true(f->d.resp.more);
    assert_int_equal(f->d.resp.total_len, whole_len);

    char joined[512];
    size_t got = 0;
    for (size_t off = 0; off < sizeof(joined); off += 16) {
        assert_int_equal(request(f, LWCI_DM_OP_DISCOVER, 101, &LWC_PATH(OID),
                                 NULL, 16, off, 16),
                         C(2, 5));
        assert_int_equal(f->d.resp.etag, etag);
        memcpy(joined + got, f->d.out, f->d.resp.payload_len);
        got += f->d.resp.payload_len;
        if (!f->d.resp.more) {
            break;
        }
    }
    assert_int_equal(got, whole_len);
    assert_memory_equal(joined, whole, whole_len);
    /* A block past the end names nothing. */
    assert_int_equal(
        request(f, LWCI_DM_OP_DISCOVER, 101, &LWC_PATH(OID), NULL, 16, 512, 16),
        C(4, 2));
}

static void errors(void **state)
{
    fx_t *f = *state;
    assert_int_equal(discover(f, &LWC_PATH(OID, 9)), C(4, 4));
    assert_int_equal(discover(f, &LWC_PATH(OID, 9, 0)), C(4, 4));
    assert_int_equal(discover(f, &LWC_PATH(OID, 0, 5)), C(4, 4));
    assert_int_equal(discover(f, &LWC_PATH(OID, 0, 99)), C(4, 4));
    assert_int_equal(discover(f, &LWC_PATH(OID, 0, 7)), C(4, 4));
    assert_int_equal(discover(f, &LWC_PATH(OID, 1, 6)), C(4, 4));
    assert_int_equal(discover(f, &LWC_PATH(OID, 0, 6, 0)), C(4, 5));
    assert_int_equal(discover(f, &LWC_PATH(OID + 2)), C(4, 4));
    assert_int_equal(discover(f, &LWC_PATH_ROOT), C(4, 5));
    assert_int_equal(discover(f, &LWC_PATH(LWC_OID_SECURITY)), C(4, 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(without_attributes, setup),
        cmocka_unit_test_setup(with_attributes, setup),
        cmocka_unit_test_setup(block_wise, setup),
        cmocka_unit_test_setup(errors, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
