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

#define OID 1000

static const lwc_resource_def_t res[] = {
    {.rid = 0, .type = LWC_TYPE_INT, .ops = LWC_OP_R},
    {.rid = 1, .type = LWC_TYPE_STRING, .ops = LWC_OP_R},
    {.rid = 4, .type = LWC_TYPE_NONE, .ops = LWC_OP_E},
    {.rid = 5, .type = LWC_TYPE_BOOL, .ops = LWC_OP_R}, /* absent on /0 */
    {.rid = 6, .type = LWC_TYPE_INT, .ops = LWC_OP_R, .multiple = true},
    {.rid = 7, .type = LWC_TYPE_UINT, .ops = LWC_OP_NONE}, /* bootstrap */
};

static int t_list(void *ctx, lwc_dm_list_t *list)
{
    (void)ctx;
    lwc_dm_list_add(list, 1);
    lwc_dm_list_add(list, 0);
    return LWC_OK;
}

/* /0/6 has instances 0 and 3; /1/6 is absent. */
static int t_list_ri(void *ctx, uint16_t iid, uint16_t rid, lwc_dm_list_t *list)
{
    (void)ctx;
    (void)rid;
    if (iid == 1) {
        return LWC_ERR_NOT_FOUND;
    }
    lwc_dm_list_add(list, 3);
    lwc_dm_list_add(list, 0);
    return LWC_OK;
}

static int t_read(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                  lwc_value_t *out)
{
    (void)ctx;
    (void)riid;
    switch (rid) {
    case 0:
    case 6:
        *out = lwc_value_int(1);
        return LWC_OK;
    case 1:
        *out = lwc_value_string("s");
        return LWC_OK;
    case 5:
        *out = lwc_value_bool(false);
        return iid == 0 ? LWC_ERR_NOT_FOUND : LWC_OK;
    case 7:
        *out = lwc_value_uint(9);
        return LWC_OK;
    default:
        return LWC_ERR_NOT_FOUND;
    }
}

static int t_exec(void *ctx, uint16_t iid, uint16_t rid, const uint8_t *a,
                  size_t n)
{
    (void)ctx;
    (void)iid;
    (void)rid;
    (void)a;
    (void)n;
    return LWC_OK;
}

static const lwc_object_handlers_t handlers = {
    .list_instances = t_list,
    .list_resource_instances = t_list_ri,
    .read = t_read,
    .execute = t_exec,
};

static int empty_list(void *ctx, lwc_dm_list_t *list)
{
    (void)ctx;
    (void)list;
    return LWC_OK;
}

static const lwc_object_handlers_t empty_handlers = {
    .list_instances = empty_list,
};

typedef struct {
    lwci_dm_t dm;
    lwc_platform_t pf;
    lwc_object_t obj;
    lwc_object_t empty;
    uint8_t out[512];
    lwci_dm_response_t resp;
} fx_t;

static int setup(void **state)
{
    static fx_t f;
    memset(&f, 0, sizeof(f));
    lwci_dm_init(&f.dm, &f.pf);
    f.obj = (lwc_object_t){.oid = OID,
                           .version = "1.1",
                           .resources = res,
                           .resource_count = sizeof(res) / sizeof(res[0]),
                           .multi_instance = true,
                           .handlers = &handlers};
    f.empty = (lwc_object_t){.oid = OID + 1,
                             .version = "1.0",
                             .multi_instance = true,
                             .handlers = &empty_handlers};
    assert_int_equal(lwci_dm_add_object(&f.dm, &f.obj), LWC_OK);
    assert_int_equal(lwci_dm_add_object(&f.dm, &f.empty), LWC_OK);
    *state = &f;
    return 0;
}

#define C(c, d) ((uint8_t)LWC_COAP_CODE(c, d))

static uint8_t request(fx_t *f, lwci_dm_op_t op, uint16_t ssid,
                       const lwc_path_t *p, const char *q, size_t cap,
                       size_t block_offset, size_t block_size)
{
    lwci_dm_request_t r = {.op = op,
                           .path = *p,
                           .ssid = ssid,
                           .content_format = -1,
                           .accept = LWC_FORMAT_LINK,
                           .block_offset = block_offset,
                           .block_size = block_size};
    while (q && *q && r.query_count < LWCI_DM_MAX_QUERY) {
        const char *amp = strchr(q, '&');
        size_t n = amp ? (size_t)(amp - q) : strlen(q);
        r.query[r.query_count++] = (lwci_dm_slice_t){.s = q, .len = n};
        q += n + (amp != NULL);
    }
    memset(f->out, 0, sizeof(f->out));
    lwci_dm_handle(&f->dm, &r, f->out, cap, &f->resp);
    return f->resp.code;
}

static void wa(fx_t *f, uint16_t ssid, const lwc_path_t *p, const char *q)
{
    assert_int_equal(request(f, LWCI_DM_OP_WRITE_ATTRIBUTES, ssid, p, q,
                             sizeof(f->out), 0, 0),
                     C(2, 4));
}

static uint8_t discover(fx_t *f, const lwc_path_t *p)
{
    return request(f, LWCI_DM_OP_DISCOVER, 101, p, NULL, sizeof(f->out), 0, 0);
}

static void expect(fx_t *f, const lwc_path_t *p, const char *want)
{
    assert_int_equal(discover(f, p), C(2, 5));
    assert_int_equal(f->resp.content_format, LWC_FORMAT_LINK);
    assert_false(f->resp.more);
    assert_int_equal(f->resp.total_len, strlen(want));
    assert_int_equal(f->resp.payload_len, strlen(want));
    assert_memory_equal(f->out, want, strlen(want));
}

static void without_attributes(void **state)
{
    fx_t *f = *state;
    expect(f, &LWC_PATH(OID),
           "</1000>;ver=1.1,</1000/0>,</1000/0/0>,</1000/0/1>,</1000/0/4>,"
           "</1000/0/6>;dim=2,</1000/1>,</1000/1/0>,</1000/1/1>,</1000/1/4>,"
           "</1000/1/5>");
    expect(f, &LWC_PATH(OID, 1),
           "</1000/1>,</1000/1/0>,</1000/1/1>,"
           "</1000/1/4>,</1000/1/5>");
    /* A multiple resource lists every instance (ETS int-261 step 1). */
    expect(f, &LWC_PATH(OID, 0, 6), "</1000/0/6>;dim=2,</1000/0/6/0>,"
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
           "</1000/0/0>;gt=50;lt=42.2,</1000/0/1>,</1000/0/4>,"
           "</1000/0/6>;dim=2;pmin=5,</1000/1>,</1000/1/0>,</1000/1/1>,"
           "</1000/1/4>,</1000/1/5>");
    expect(f, &LWC_PATH(OID, 0),
           "</1000/0>;pmax=60,</1000/0/0>;gt=50;lt=42.2,</1000/0/1>,"
           "</1000/0/4>,</1000/0/6>;dim=2;pmin=5");
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
    size_t whole_len = f->resp.payload_len;
    uint32_t etag = f->resp.etag;
    memcpy(whole, f->out, whole_len);
    assert_true(whole_len > 64);

    /* Too large for the buffer without Block2: 4.13 with the size. */
    assert_int_equal(
        request(f, LWCI_DM_OP_DISCOVER, 101, &LWC_PATH(OID), NULL, 32, 0, 0),
        C(4, 13));
    assert_true(f->resp.more);
    assert_int_equal(f->resp.total_len, whole_len);

    char joined[512];
    size_t got = 0;
    for (size_t off = 0; off < sizeof(joined); off += 16) {
        assert_int_equal(request(f, LWCI_DM_OP_DISCOVER, 101, &LWC_PATH(OID),
                                 NULL, 16, off, 16),
                         C(2, 5));
        assert_int_equal(f->resp.etag, etag);
        memcpy(joined + got, f->out, f->resp.payload_len);
        got += f->resp.payload_len;
        if (!f->resp.more) {
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
