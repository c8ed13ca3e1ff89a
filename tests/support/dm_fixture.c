/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* The data-model test fixture: see dm_fixture.h. */
#include "support/dm_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

/* ---- Data model, requests, responses ------------------------------------ */

static void capture_log(void *ctx, lwc_log_level_t level, const char *module,
                        const char *line)
{
    dmf_t *f = ctx;
    size_t used = strlen(f->log);
    (void)level;
    (void)module;
    snprintf(f->log + used, sizeof(f->log) - used, "%s\n", line);
}

static void on_change(void *ctx, const lwc_path_t *path)
{
    dmf_t *f = ctx;
    if (f->changes < DMF_MAX_CHANGES) {
        f->changed[f->changes] = *path;
    }
    f->changes++;
}

void dmf_init(dmf_t *f)
{
    memset(f, 0, sizeof(*f));
    f->pf.ctx = f;
    f->pf.log = capture_log;
    lwci_dm_init(&f->dm, &f->pf);
    lwci_dm_set_change_hook(&f->dm, on_change, f);
}

void dmf_add(dmf_t *f, const lwc_object_t *o)
{
    assert_int_equal(lwci_dm_add_object(&f->dm, o), LWC_OK);
}

lwci_dm_request_t dmf_request(lwci_dm_op_t op, const lwc_path_t *p,
                              uint16_t ssid)
{
    return (lwci_dm_request_t){
        .op = op, .path = *p, .ssid = ssid, .content_format = -1, .accept = -1};
}

void dmf_set_query(lwci_dm_request_t *r, const char *q)
{
    while (q && *q && r->query_count < LWCI_DM_MAX_QUERY) {
        const char *amp = strchr(q, '&');
        size_t n = amp ? (size_t)(amp - q) : strlen(q);
        r->query[r->query_count++] = (lwci_dm_slice_t){.s = q, .len = n};
        q += n + (amp != NULL);
    }
}

lwci_dm_response_t *dmf_run(dmf_t *f, const lwci_dm_request_t *r, size_t cap)
{
    assert_true(cap <= sizeof(f->out));
    memset(f->out, 0xAA, sizeof(f->out));
    lwci_dm_handle(&f->dm, r, f->out, cap, &f->resp);
    return &f->resp;
}

void dmf_expect_payload(const dmf_t *f, int32_t cf, const char *want)
{
    size_t n = strlen(want);
    assert_int_equal(f->resp.code, C(2, 5));
    assert_int_equal(f->resp.content_format, cf);
    assert_int_equal(f->resp.payload_len, n);
    assert_memory_equal(f->out, want, n);
    assert_false(f->resp.more);
    assert_int_equal(f->resp.total_len, n);
}

/* ---- Handlers ------------------------------------------------------------ */

int dmf_list_one(void *ctx, lwc_dm_list_t *list)
{
    (void)ctx;
    lwc_dm_list_add(list, 0);
    return LWC_OK;
}

int dmf_list_none(void *ctx, lwc_dm_list_t *list)
{
    (void)ctx;
    (void)list;
    return LWC_OK;
}

int dmf_execute_ok(void *ctx, uint16_t iid, uint16_t rid, const uint8_t *args,
                   size_t len)
{
    (void)ctx;
    (void)iid;
    (void)rid;
    (void)args;
    (void)len;
    return LWC_OK;
}

int dmf_write_ok(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                 const lwc_value_t *v)
{
    (void)ctx;
    (void)iid;
    (void)rid;
    (void)riid;
    (void)v;
    return LWC_OK;
}

/* ---- The test object ----------------------------------------------------- */

static const lwc_resource_def_t test_res[] = {
    {.rid = 0, .type = LWC_TYPE_INT, .ops = LWC_OP_RW},
    {.rid = 1, .type = LWC_TYPE_STRING, .ops = LWC_OP_R},
    {.rid = 2, .type = LWC_TYPE_FLOAT, .ops = LWC_OP_R},
    {.rid = 4, .type = LWC_TYPE_NONE, .ops = LWC_OP_E},
    {.rid = 5, .type = LWC_TYPE_BOOL, .ops = LWC_OP_R},
    {.rid = 6, .type = LWC_TYPE_INT, .ops = LWC_OP_R, .multiple = true},
    {.rid = 7, .type = LWC_TYPE_UINT, .ops = LWC_OP_NONE},
};

static int test_list(void *ctx, lwc_dm_list_t *list)
{
    (void)ctx;
    lwc_dm_list_add(list, 1);
    lwc_dm_list_add(list, 0);
    return LWC_OK;
}

static int test_list_ri(void *ctx, uint16_t iid, uint16_t rid,
                        lwc_dm_list_t *list)
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

static int test_read(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                     lwc_value_t *out)
{
    (void)ctx;
    (void)riid;
    switch (rid) {
    case 0:
    case 6:
        *out = lwc_value_int(7);
        return LWC_OK;
    case 1:
        *out = lwc_value_string("x");
        return LWC_OK;
    case 2:
        *out = lwc_value_float(1.5);
        return LWC_OK;
    case 5:
        *out = lwc_value_bool(true);
        return iid == 0 ? LWC_ERR_NOT_FOUND : LWC_OK;
    case 7:
        *out = lwc_value_uint(9);
        return LWC_OK;
    default:
        return LWC_ERR_NOT_FOUND;
    }
}

static const lwc_object_handlers_t test_handlers = {
    .list_instances = test_list,
    .list_resource_instances = test_list_ri,
    .read = test_read,
    .write = dmf_write_ok,
    .execute = dmf_execute_ok,
};

lwc_object_t dmf_test_object(uint16_t oid, const char *version)
{
    return (lwc_object_t){.oid = oid,
                          .version = version,
                          .resources = test_res,
                          .resource_count = DMF_NELEM(test_res),
                          .multi_instance = true,
                          .handlers = &test_handlers};
}

/* ---- The Device object of the specification's examples ----------------- */

static const lwc_resource_def_t device_res[] = {
    {.rid = 0, .type = LWC_TYPE_STRING, .ops = LWC_OP_R},
    {.rid = 1, .type = LWC_TYPE_STRING, .ops = LWC_OP_R},
    {.rid = 2, .type = LWC_TYPE_STRING, .ops = LWC_OP_R},
    {.rid = 3, .type = LWC_TYPE_STRING, .ops = LWC_OP_R},
    {.rid = 4, .type = LWC_TYPE_NONE, .ops = LWC_OP_E},
    {.rid = 6, .type = LWC_TYPE_INT, .ops = LWC_OP_R, .multiple = true},
    {.rid = 7, .type = LWC_TYPE_INT, .ops = LWC_OP_R, .multiple = true},
    {.rid = 8, .type = LWC_TYPE_INT, .ops = LWC_OP_R, .multiple = true},
    {.rid = 9, .type = LWC_TYPE_INT, .ops = LWC_OP_R},
    {.rid = 10, .type = LWC_TYPE_INT, .ops = LWC_OP_R},
    {.rid = 11, .type = LWC_TYPE_INT, .ops = LWC_OP_R, .multiple = true},
    {.rid = 13, .type = LWC_TYPE_TIME, .ops = LWC_OP_RW},
    {.rid = 14, .type = LWC_TYPE_STRING, .ops = LWC_OP_RW},
    {.rid = 15, .type = LWC_TYPE_STRING, .ops = LWC_OP_RW},
    {.rid = 16, .type = LWC_TYPE_STRING, .ops = LWC_OP_R},
};

lwc_object_t dmf_device_object(const lwc_object_handlers_t *handlers,
                               void *user_ctx)
{
    return (lwc_object_t){.oid = LWC_OID_DEVICE,
                          .resources = device_res,
                          .resource_count = DMF_NELEM(device_res),
                          .handlers = handlers,
                          .user_ctx = user_ctx};
}

/* ---- A Security object stand-in ---------------------------------------- */

static const lwc_resource_def_t sec_res[] = {
    {.rid = 0, .type = LWC_TYPE_STRING, .ops = LWC_OP_NONE},
};

static int sec_read(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                    lwc_value_t *out)
{
    const dmf_security_t *s = ctx;
    (void)iid;
    (void)rid;
    (void)riid;
    *out = lwc_value_string(s->uri);
    return LWC_OK;
}

static int sec_write(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                     const lwc_value_t *v)
{
    dmf_security_t *s = ctx;
    (void)iid;
    (void)rid;
    (void)riid;
    if (v->bytes.len >= sizeof(s->uri)) {
        return LWC_ERR_NO_SPACE;
    }
    memcpy(s->uri, v->bytes.data, v->bytes.len);
    s->uri[v->bytes.len] = '\0';
    return LWC_OK;
}

static const lwc_object_handlers_t sec_handlers = {
    .list_instances = dmf_list_one,
    .read = sec_read,
    .write = sec_write,
};

void dmf_security_init(dmf_security_t *s)
{
    memset(s, 0, sizeof(*s));
    strcpy(s->uri, "coap://x");
    s->object = (lwc_object_t){.oid = LWC_OID_SECURITY,
                               .resources = sec_res,
                               .resource_count = DMF_NELEM(sec_res),
                               .handlers = &sec_handlers,
                               .user_ctx = s};
}
