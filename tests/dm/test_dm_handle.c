/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The data model with a small custom object: descriptor validation, Read
 * in every format and level (block-wise: tests/io/test_io_tlv_codec.c),
 * Write (text, opaque, TLV; resource and instance; transactions), Execute,
 * Create, Delete, every error code the dispatcher answers, the
 * registration object list and the core's typed getters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "dm/dm.h"
#include "io/senml_cbor.h"
#include "support/dm_fixture.h"

#define OID  1000
#define MAXI 3

/* ---- The test object ---------------------------------------------------- */

typedef struct {
    bool used;
    int64_t value;    /* /0 RW int */
    double temp;      /* /2 RW float */
    uint8_t blob[16]; /* /3 RW opaque */
    size_t blob_len;
    bool has_flag; /* /5 optional bool */
    bool flag;
    int64_t list[4]; /* /6 multiple int, instances 0..list_len-1 */
    size_t list_len;
    uint64_t secret; /* /8 W-only uint */
} inst_t;

typedef struct {
    inst_t inst[MAXI];
    inst_t backup[MAXI];
    int begins, commits, rollbacks, writes, clears;
    char exec_args[32];
    int exec_count;
    int read_status; /* what /9 read returns */
} obj_state_t;

static const lwc_resource_def_t res[] = {
    {.rid = 0, .type = LWC_TYPE_INT, .ops = LWC_OP_RW, .mandatory = true},
    {.rid = 1, .type = LWC_TYPE_STRING, .ops = LWC_OP_R},
    {.rid = 2, .type = LWC_TYPE_FLOAT, .ops = LWC_OP_RW},
    {.rid = 3, .type = LWC_TYPE_OPAQUE, .ops = LWC_OP_RW},
    {.rid = 4, .type = LWC_TYPE_NONE, .ops = LWC_OP_E},
    {.rid = 5, .type = LWC_TYPE_BOOL, .ops = LWC_OP_RW},
    {.rid = 6, .type = LWC_TYPE_INT, .ops = LWC_OP_RW, .multiple = true},
    {.rid = 7, .type = LWC_TYPE_OBJLNK, .ops = LWC_OP_R},
    {.rid = 8, .type = LWC_TYPE_UINT, .ops = LWC_OP_W},
    {.rid = 9, .type = LWC_TYPE_TIME, .ops = LWC_OP_R},
};

static int t_list(void *ctx, lwc_dm_list_t *list)
{
    obj_state_t *s = ctx;
    for (uint16_t i = MAXI; i > 0; i--) { /* any order is fine */
        if (s->inst[i - 1].used) {
            lwc_dm_list_add(list, (uint16_t)(i - 1));
        }
    }
    return LWC_OK;
}

static int t_list_ri(void *ctx, uint16_t iid, uint16_t rid, lwc_dm_list_t *list)
{
    obj_state_t *s = ctx;
    (void)rid;
    for (size_t k = 0; k < s->inst[iid].list_len; k++) {
        lwc_dm_list_add(list, (uint16_t)k);
    }
    return LWC_OK;
}

static int t_read(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                  lwc_value_t *out)
{
    obj_state_t *s = ctx;
    inst_t *in = &s->inst[iid];
    switch (rid) {
    case 0:
        out->i = in->value; /* type is preset by the dispatcher */
        return LWC_OK;
    case 1:
        *out = lwc_value_string(iid ? "second" : "first");
        return LWC_OK;
    case 2:
        *out = lwc_value_float(in->temp);
        return LWC_OK;
    case 3:
        *out = lwc_value_opaque(in->blob, in->blob_len);
        return LWC_OK;
    case 5:
        if (!in->has_flag) {
            return LWC_ERR_NOT_FOUND;
        }
        *out = lwc_value_bool(in->flag);
        return LWC_OK;
    case 6:
        if (riid >= in->list_len) {
            return LWC_ERR_NOT_FOUND;
        }
        *out = lwc_value_int(in->list[riid]);
        return LWC_OK;
    case 7:
        *out = lwc_value_objlnk(3, iid);
        return LWC_OK;
    case 9:
        *out = lwc_value_int(1700000000); /* INT for TIME: converted */
        return s->read_status;
    default:
        return LWC_ERR_NOT_FOUND;
    }
}

static int t_write(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                   const lwc_value_t *v)
{
    obj_state_t *s = ctx;
    inst_t *in = &s->inst[iid];
    s->writes++;
    switch (rid) {
    case 0:
        if (v->i >= 2000 && v->i <= 2002) {
            /* Handler bugs (2.04, 1) and a CoAP error code (5.03). */
            static const int odd[] = {0x44, 1, LWC_COAP_SERVICE_UNAVAILABLE};
            return odd[v->i - 2000];
        }
        if (v->i > 1000) {
            return LWC_ERR_INVALID_ARG; /* range check: 4.00 */
        }
        in->value = v->i;
        return LWC_OK;
    case 2:
        in->temp = v->f;
        return LWC_OK;
    case 3:
        if (v->bytes.len > sizeof(in->blob)) {
            return LWC_ERR_NO_SPACE; /* 4.13 on a write */
        }
        memcpy(in->blob, v->bytes.data, v->bytes.len);
        in->blob_len = v->bytes.len;
        return LWC_OK;
    case 5:
        in->has_flag = true;
        in->flag = v->b;
        return LWC_OK;
    case 6:
        if (riid >= 4) {
            return LWC_ERR_NO_SPACE;
        }
        in->list[riid] = v->i;
        if (riid >= in->list_len) {
            in->list_len = riid + 1u;
        }
        return LWC_OK;
    case 8:
        in->secret = v->u;
        return LWC_OK;
    default:
        return LWC_ERR_NOT_FOUND;
    }
}

static int t_exec(void *ctx, uint16_t iid, uint16_t rid, const uint8_t *args,
                  size_t len)
{
    obj_state_t *s = ctx;
    (void)iid;
    (void)rid;
    s->exec_count++;
    memset(s->exec_args, 0, sizeof(s->exec_args));
    if (len) {
        memcpy(s->exec_args, args, len < 31 ? len : 31);
    }
    return LWC_OK;
}

static int t_clear(void *ctx, uint16_t iid, uint16_t rid)
{
    obj_state_t *s = ctx;
    (void)rid;
    s->clears++;
    s->inst[iid].list_len = 0;
    return LWC_OK;
}

static int t_create(void *ctx, uint16_t iid)
{
    obj_state_t *s = ctx;
    if (iid >= MAXI) {
        return LWC_ERR_NO_SPACE;
    }
    memset(&s->inst[iid], 0, sizeof(s->inst[iid]));
    s->inst[iid].used = true;
    return LWC_OK;
}

static int t_delete(void *ctx, uint16_t iid)
{
    obj_state_t *s = ctx;
    s->inst[iid].used = false;
    return LWC_OK;
}

static int t_begin(void *ctx)
{
    obj_state_t *s = ctx;
    s->begins++;
    memcpy(s->backup, s->inst, sizeof(s->inst));
    return LWC_OK;
}

static int t_commit(void *ctx)
{
    ((obj_state_t *)ctx)->commits++;
    return LWC_OK;
}

static void t_rollback(void *ctx)
{
    obj_state_t *s = ctx;
    s->rollbacks++;
    memcpy(s->inst, s->backup, sizeof(s->inst));
}

static const lwc_object_handlers_t handlers = {
    .list_instances = t_list,
    .list_resource_instances = t_list_ri,
    .read = t_read,
    .write = t_write,
    .execute = t_exec,
    .resource_clear = t_clear,
    .create_instance = t_create,
    .delete_instance = t_delete,
    .transaction_begin = t_begin,
    .transaction_commit = t_commit,
    .transaction_rollback = t_rollback,
};

/* ---- Fixture: the object above and the Security stand-in (dm_fixture.h) */

typedef struct {
    dmf_t d;
    obj_state_t st;
    lwc_object_t obj;
    dmf_security_t sec;
} fx_t;

static int setup(void **state)
{
    static fx_t f;
    memset(&f, 0, sizeof(f));
    dmf_init(&f.d);
    f.st.inst[0] = (inst_t){.used = true,
                            .value = 42,
                            .temp = 23.5,
                            .blob = {0xDE, 0xAD},
                            .blob_len = 2,
                            .list = {7, -1},
                            .list_len = 2};
    f.st.inst[1] = (inst_t){.used = true, .value = -5, .has_flag = true};
    f.obj = (lwc_object_t){.oid = OID,
                           .version = "1.1",
                           .resources = res,
                           .resource_count = DMF_NELEM(res),
                           .multi_instance = true,
                           .handlers = &handlers,
                           .user_ctx = &f.st};
    dmf_security_init(&f.sec);
    dmf_add(&f.d, &f.obj);
    dmf_add(&f.d, &f.sec.object);
    *state = &f;
    return 0;
}

static lwci_dm_response_t *req_full(fx_t *f, lwci_dm_op_t op,
                                    const lwc_path_t *p, int32_t accept,
                                    int32_t cf, const void *payload, size_t len,
                                    bool bootstrap)
{
    lwci_dm_request_t r = dmf_request(op, p, 1);
    r.bootstrap = bootstrap;
    r.content_format = cf;
    r.accept = accept;
    r.payload = payload;
    r.payload_len = len;
    return dmf_run(&f->d, &r, sizeof(f->d.out));
}

static lwci_dm_response_t *rd(fx_t *f, const lwc_path_t *p, int32_t accept)
{
    return req_full(f, LWCI_DM_OP_READ, p, accept, -1, NULL, 0, false);
}

static lwci_dm_response_t *wr(fx_t *f, const lwc_path_t *p, int32_t cf,
                              const void *payload, size_t len)
{
    return req_full(f, LWCI_DM_OP_WRITE_REPLACE, p, -1, cf, payload, len,
                    false);
}

static void expect_text(fx_t *f, const lwc_path_t *p, const char *want)
{
    rd(f, p, -1);
    dmf_expect_payload(&f->d, LWC_FORMAT_TEXT, want);
}

/* ---- Registry ----------------------------------------------------------- */

static void registry_rejects_bad_descriptors(void **state)
{
    fx_t *f = *state;
    lwc_resource_def_t unsorted[] = {
        {.rid = 2, .type = LWC_TYPE_INT, .ops = LWC_OP_R},
        {.rid = 1, .type = LWC_TYPE_INT, .ops = LWC_OP_R}};
    lwc_resource_def_t typed_exec[] = {
        {.rid = 1, .type = LWC_TYPE_INT, .ops = LWC_OP_E}};
    lwc_resource_def_t untyped[] = {
        {.rid = 1, .type = LWC_TYPE_NONE, .ops = LWC_OP_R}};
    lwc_resource_def_t writable[] = {
        {.rid = 1, .type = LWC_TYPE_INT, .ops = LWC_OP_RW}};
    static const lwc_object_handlers_t read_only = {.list_instances = t_list,
                                                    .read = t_read};
    lwc_object_t o = {.oid = 2000, .handlers = &read_only};
    struct {
        lwc_resource_def_t *r;
        size_t n;
        const char *version;
        const char *logged;
    } cases[] = {
        {unsorted, 2, NULL, "not sorted"},
        {typed_exec, 1, NULL, "type none"},
        {untyped, 1, NULL, "executables only"},
        {writable, 1, NULL, "no write handler"},
        {untyped, 0, "1", "version"},
        {untyped, 0, "1.x", "version"},
    };
    uint32_t gen = lwci_dm_generation(&f->d.dm);
    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        f->d.log[0] = '\0';
        o.resources = cases[k].r;
        o.resource_count = cases[k].n;
        o.version = cases[k].version;
        assert_int_equal(lwci_dm_add_object(&f->d.dm, &o), LWC_ERR_INVALID_ARG);
#if LWC_WITH_LOG
        if (!strstr(f->d.log, cases[k].logged)) {
            fail_msg("case %zu: log \"%s\" lacks \"%s\"", k, f->d.log,
                     cases[k].logged);
        }
#endif
    }
    assert_int_equal(lwci_dm_generation(&f->d.dm), gen);
    assert_int_equal(lwci_dm_add_object(&f->d.dm, &f->obj), LWC_ERR_EXISTS);
    o.resources = NULL;
    o.resource_count = 0;
    o.version = NULL;
    o.handlers = &(lwc_object_handlers_t){.read = t_read};
    assert_int_equal(lwci_dm_add_object(&f->d.dm, &o), LWC_ERR_INVALID_ARG);
}

static void registry_capacity_and_removal(void **state)
{
    fx_t *f = *state;
    static const lwc_object_handlers_t h = {.list_instances = t_list};
    lwc_object_t many[LWC_MAX_OBJECTS];
    size_t added = 0;
    for (size_t k = 0; k < LWC_MAX_OBJECTS; k++) {
        many[k] = (lwc_object_t){.oid = (uint16_t)(5000 + k), .handlers = &h};
        if (lwci_dm_add_object(&f->d.dm, &many[k]) == LWC_OK) {
            added++;
        } else {
            assert_int_equal(lwci_dm_add_object(&f->d.dm, &many[k]),
                             LWC_ERR_NO_SPACE);
        }
    }
    assert_int_equal(added, LWC_MAX_OBJECTS - 2);
    uint32_t gen = lwci_dm_generation(&f->d.dm);
    assert_int_equal(lwci_dm_remove_object(&f->d.dm, 5000), LWC_OK);
    assert_int_equal(lwci_dm_remove_object(&f->d.dm, 5000), LWC_ERR_NOT_FOUND);
    assert_true(lwci_dm_generation(&f->d.dm) != gen);
    assert_int_equal(rd(f, &LWC_PATH(5000), -1)->code, C(4, 4));
}

static void next_instance_enumerates_in_order(void **state)
{
    fx_t *f = *state;
    uint16_t iid = 99;
    assert_int_equal(lwci_dm_next_instance(&f->d.dm, OID, -1, &iid), LWC_OK);
    assert_int_equal(iid, 0);
    assert_int_equal(lwci_dm_next_instance(&f->d.dm, OID, 0, &iid), LWC_OK);
    assert_int_equal(iid, 1);
    assert_int_equal(lwci_dm_next_instance(&f->d.dm, OID, 1, &iid),
                     LWC_ERR_NOT_FOUND);
    assert_int_equal(lwci_dm_next_instance(&f->d.dm, 4242, -1, &iid),
                     LWC_ERR_NOT_FOUND);
}

/* ---- Read --------------------------------------------------------------- */

static void read_single_values_as_text(void **state)
{
    fx_t *f = *state;
    expect_text(f, &LWC_PATH(OID, 0, 0), "42");
    expect_text(f, &LWC_PATH(OID, 1, 0), "-5");
    expect_text(f, &LWC_PATH(OID, 0, 1), "first");
    expect_text(f, &LWC_PATH(OID, 0, 2), "23.5");
    expect_text(f, &LWC_PATH(OID, 1, 5), "0");
    expect_text(f, &LWC_PATH(OID, 1, 7), "3:1");
    expect_text(f, &LWC_PATH(OID, 0, 9), "1700000000");
    expect_text(f, &LWC_PATH(OID, 0, 6, 1), "-1");
}

static void read_opaque_and_formats(void **state)
{
    fx_t *f = *state;
    lwci_dm_response_t *r = rd(f, &LWC_PATH(OID, 0, 3), -1);
    assert_int_equal(r->code, C(2, 5));
    assert_int_equal(r->content_format, LWC_FORMAT_OPAQUE);
    assert_int_equal(r->payload_len, 2);
    assert_memory_equal(f->d.out, "\xDE\xAD", 2);
    assert_int_equal(rd(f, &LWC_PATH(OID, 0, 3), LWC_FORMAT_TEXT)->code,
                     C(4, 6));
    assert_int_equal(rd(f, &LWC_PATH(OID, 0, 0), LWC_FORMAT_OPAQUE)->code,
                     C(4, 6));
    assert_int_equal(rd(f, &LWC_PATH(OID, 0, 0), 9999)->code, C(4, 6));
    assert_int_equal(rd(f, &LWC_PATH(OID, 0), LWC_FORMAT_TEXT)->code, C(4, 6));
    assert_int_equal(rd(f, &LWC_PATH(OID, 0, 6), LWC_FORMAT_TEXT)->code,
                     C(4, 6));
    r = rd(f, &LWC_PATH(OID, 0, 0), LWC_FORMAT_TLV);
    assert_int_equal(r->code, C(2, 5));
    assert_int_equal(r->content_format, LWC_FORMAT_TLV);
    assert_int_equal(r->payload_len, 3);
    assert_memory_equal(f->d.out, "\xC1\x00\x2A", 3);
}

static void read_instance_object_and_multiple_as_tlv(void **state)
{
    fx_t *f = *state;
    /* /1000/1: 0=-5, 1="second", 2=0.0 (float32), 3=empty opaque,
     * 5=false, 6 with no instances, 7=3:1, 9=1700000000. Not 4 (E) nor 8
     * (W only). */
    static const uint8_t inst1[] = {
        0xC1, 0x00, 0xFB, 0xC6, 0x01, 's',  'e',  'c',  'o',  'n',  'd',  0xC4,
        0x02, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x03, 0xC1, 0x05, 0x00, 0x80, 0x06,
        0xC4, 0x07, 0x00, 0x03, 0x00, 0x01, 0xC4, 0x09, 0x65, 0x53, 0xF1, 0x00};
    lwci_dm_response_t *r = rd(f, &LWC_PATH(OID, 1), LWC_FORMAT_TLV);
    assert_int_equal(r->code, C(2, 5));
    assert_int_equal(r->content_format, LWC_FORMAT_TLV);
    assert_int_equal(r->payload_len, sizeof(inst1));
    assert_memory_equal(f->d.out, inst1, sizeof(inst1));

    r = rd(f, &LWC_PATH(OID, 0, 6), LWC_FORMAT_TLV);
    assert_int_equal(r->code, C(2, 5));
    assert_int_equal(r->payload_len, 8);
    assert_memory_equal(f->d.out, "\x86\x06\x41\x00\x07\x41\x01\xFF", 8);

    r = rd(f, &LWC_PATH(OID), LWC_FORMAT_TLV);
    assert_int_equal(r->code, C(2, 5));
    size_t len0 = 0;
    /* Instance 1 is the second object instance entry, byte-identical. */
    assert_int_equal(f->d.out[0], 0x08);
    assert_int_equal(f->d.out[1], 0x00);
    len0 = 3 + f->d.out[2];
    assert_memory_equal(f->d.out + len0, "\x08\x01", 2);
    assert_int_equal(f->d.out[len0 + 2], sizeof(inst1));
    assert_memory_equal(f->d.out + len0 + 3, inst1, sizeof(inst1));
    assert_int_equal(r->payload_len, len0 + 3 + sizeof(inst1));
}

/* Decode a SenML CBOR payload into at most cap entries; the count. */
static size_t senml_cbor_entries(const uint8_t *buf, size_t len,
                                 lwci_io_entry_t *out, size_t cap)
{
    uint8_t scratch[64];
    lwci_io_decoder_t d = {.ops = &lwci_io_senml_cbor_decoder,
                           .scratch = scratch,
                           .scratch_cap = sizeof(scratch)};
    assert_int_equal(d.ops->begin(&d, &LWC_PATH_ROOT), LWC_OK);
    size_t n = 0;
    size_t off = 0;
    for (;;) {
        size_t used = 0;
        lwci_io_entry_t e;
        int rc = d.ops->next(&d, buf + off, len - off, true, &e, &used);
        off += used;
        if (rc == LWC_ERR_NOT_FOUND) {
            break;
        }
        assert_int_equal(rc, LWC_OK);
        assert_true(n < cap);
        out[n++] = e;
    }
    assert_int_equal(off, len);
    return n;
}

static void expect_entry(const lwci_io_entry_t *e, const lwc_path_t *p,
                         uint8_t type)
{
    assert_true(lwc_path_equal(&e->path, p));
    assert_int_equal(e->kind, LWCI_IO_TYPED);
    assert_int_equal(e->value.type, type);
}

/* LwM2M 1.1 Core §7.4: a 1.1 client answers a
 * hierarchical Read without Accept in SenML CBOR (LWC_READ_DEFAULT_FORMAT);
 * a single resource still defaults to text/plain. */
static void read_hierarchical_defaults_to_senml_cbor(void **state)
{
    fx_t *f = *state;
    lwci_io_entry_t e[16];
    lwci_dm_response_t *r = rd(f, &LWC_PATH(OID, 1), -1);
    assert_int_equal(r->code, C(2, 5));
    assert_int_equal(r->content_format, LWC_FORMAT_SENML_CBOR);
    /* 0=-5, 1="second", 2=0.0, 3=empty, 5=false, 7=3:1, 9=1700000000. */
    assert_int_equal(senml_cbor_entries(f->d.out, r->payload_len, e, 16), 7);
    expect_entry(&e[0], &LWC_PATH(OID, 1, 0), LWC_TYPE_INT);
    assert_int_equal(e[0].value.i, -5);
    expect_entry(&e[1], &LWC_PATH(OID, 1, 1), LWC_TYPE_STRING);
    assert_int_equal(e[1].value.bytes.len, 6);
    assert_memory_equal(e[1].value.bytes.data, "second", 6);
    expect_entry(&e[2], &LWC_PATH(OID, 1, 2), LWC_TYPE_FLOAT);
    assert_true(e[2].value.f == 0.0);
    expect_entry(&e[3], &LWC_PATH(OID, 1, 3), LWC_TYPE_OPAQUE);
    assert_int_equal(e[3].value.bytes.len, 0);
    expect_entry(&e[4], &LWC_PATH(OID, 1, 5), LWC_TYPE_BOOL);
    assert_false(e[4].value.b);
    expect_entry(&e[5], &LWC_PATH(OID, 1, 7), LWC_TYPE_OBJLNK);
    assert_int_equal(e[5].value.objlnk.oid, 3);
    assert_int_equal(e[5].value.objlnk.iid, 1);
    expect_entry(&e[6], &LWC_PATH(OID, 1, 9), LWC_TYPE_INT);
    assert_int_equal(e[6].value.i, 1700000000);

    r = rd(f, &LWC_PATH(OID, 0, 6), -1);
    assert_int_equal(r->code, C(2, 5));
    assert_int_equal(r->content_format, LWC_FORMAT_SENML_CBOR);
    assert_int_equal(senml_cbor_entries(f->d.out, r->payload_len, e, 16), 2);
    expect_entry(&e[0], &LWC_PATH(OID, 0, 6, 0), LWC_TYPE_INT);
    assert_int_equal(e[0].value.i, 7);
    expect_entry(&e[1], &LWC_PATH(OID, 0, 6, 1), LWC_TYPE_INT);
    assert_int_equal(e[1].value.i, -1);

    /* The whole object: both instances, in order. */
    r = rd(f, &LWC_PATH(OID), -1);
    assert_int_equal(r->content_format, LWC_FORMAT_SENML_CBOR);
    size_t n = senml_cbor_entries(f->d.out, r->payload_len, e, 16);
    assert_int_equal(n, 15); /* 8 resource values in /0, 7 in /1 */
    expect_entry(&e[0], &LWC_PATH(OID, 0, 0), LWC_TYPE_INT);
    assert_int_equal(e[0].value.i, 42);
    expect_entry(&e[5], &LWC_PATH(OID, 0, 6, 1), LWC_TYPE_INT);
    expect_entry(&e[8], &LWC_PATH(OID, 1, 0), LWC_TYPE_INT);
    assert_int_equal(e[8].value.i, -5);
    expect_entry(&e[14], &LWC_PATH(OID, 1, 9), LWC_TYPE_INT);

    /* Single values keep their own defaults. */
    assert_int_equal(rd(f, &LWC_PATH(OID, 0, 0), -1)->content_format,
                     LWC_FORMAT_TEXT);
    assert_int_equal(rd(f, &LWC_PATH(OID, 0, 6, 0), -1)->content_format,
                     LWC_FORMAT_TEXT);
}

static void read_errors(void **state)
{
    fx_t *f = *state;
    assert_int_equal(rd(f, &LWC_PATH(4242), -1)->code, C(4, 4));
    assert_int_equal(rd(f, &LWC_PATH(OID, 2), -1)->code, C(4, 4));
    assert_int_equal(rd(f, &LWC_PATH(OID, 0, 77), -1)->code, C(4, 4));
    /* Optional resource whose handler says NOT_FOUND is absent. */
    assert_int_equal(rd(f, &LWC_PATH(OID, 0, 5), -1)->code, C(4, 4));
    assert_int_equal(rd(f, &LWC_PATH(OID, 0, 6, 3), -1)->code, C(4, 4));
    assert_int_equal(rd(f, &LWC_PATH(OID, 0, 0, 0), -1)->code, C(4, 4));
    assert_int_equal(rd(f, &LWC_PATH(OID, 0, 4), -1)->code, C(4, 5));
    assert_int_equal(rd(f, &LWC_PATH(OID, 0, 8), -1)->code, C(4, 5));
    assert_int_equal(rd(f, &LWC_PATH_ROOT, -1)->code, C(4, 5));
    /* A handler's CoAP code goes out unchanged; other errors are 5.00. */
    f->st.read_status = LWC_COAP_SERVICE_UNAVAILABLE;
    assert_int_equal(rd(f, &LWC_PATH(OID, 0, 9), -1)->code, C(5, 3));
    assert_int_equal(rd(f, &LWC_PATH(OID, 0), -1)->code, C(5, 3));
    f->st.read_status = LWC_ERR_IO;
    assert_int_equal(rd(f, &LWC_PATH(OID, 0, 9), -1)->code, C(5, 0));
    f->st.read_status = LWC_ERR_DENIED;
    assert_int_equal(rd(f, &LWC_PATH(OID, 0, 9), -1)->code, C(4, 1));
    f->st.read_status = LWC_OK;
    /* Too big for the buffer without a block size: 4.13, with the size of
     * the whole so that the core can answer block-wise. */
    lwci_dm_request_t r = dmf_request(LWCI_DM_OP_READ, &LWC_PATH(OID), 0);
    dmf_run(&f->d, &r, 20);
    assert_int_equal(f->d.resp.code, C(4, 13));
    assert_true(f->d.resp.more);
    assert_true(f->d.resp.total_len > 20);
    assert_int_equal(f->d.resp.payload_len, 0);
    r.path = LWC_PATH(OID, 0, 1);
    dmf_run(&f->d, &r, 4);
    assert_int_equal(f->d.resp.code, C(4, 13));
    assert_int_equal(f->d.resp.total_len, 5); /* "first" */
}

static void security_needs_bootstrap(void **state)
{
    fx_t *f = *state;
    assert_int_equal(rd(f, &LWC_PATH(0, 0, 0), -1)->code, C(4, 1));
    assert_int_equal(rd(f, &LWC_PATH(0), -1)->code, C(4, 1));
    assert_int_equal(req_full(f, LWCI_DM_OP_EXECUTE, &LWC_PATH(0, 0, 0), -1, -1,
                              NULL, 0, false)
                         ->code,
                     C(4, 1));
    assert_int_equal(wr(f, &LWC_PATH(0, 0, 0), 0, "x", 1)->code, C(4, 1));
    lwci_dm_response_t *r =
        req_full(f, LWCI_DM_OP_READ, &LWC_PATH(0, 0, 0), -1, -1, NULL, 0, true);
    assert_int_equal(r->code, C(2, 5));
    assert_memory_equal(f->d.out, "coap://x", 8);
}

/* ---- Execute ------------------------------------------------------------ */

static void execute(void **state)
{
    fx_t *f = *state;
    lwci_dm_response_t *r =
        req_full(f, LWCI_DM_OP_EXECUTE, &LWC_PATH(OID, 1, 4), -1, -1, "0='a',1",
                 7, false);
    assert_int_equal(r->code, C(2, 4));
    assert_int_equal(f->st.exec_count, 1);
    assert_string_equal(f->st.exec_args, "0='a',1");
    static const lwc_path_t not_allowed[] = {LWC_PATH(OID, 0, 0),
                                             LWC_PATH(OID, 0), LWC_PATH(OID),
                                             LWC_PATH(OID, 0, 4, 0)};
    for (size_t k = 0; k < 4; k++) {
        r = req_full(f, LWCI_DM_OP_EXECUTE, &not_allowed[k], -1, -1, NULL, 0,
                     false);
        assert_int_equal(r->code, C(4, 5));
    }
    r = req_full(f, LWCI_DM_OP_EXECUTE, &LWC_PATH(OID, 2, 4), -1, -1, NULL, 0,
                 false);
    assert_int_equal(r->code, C(4, 4));
    r = req_full(f, LWCI_DM_OP_EXECUTE, &LWC_PATH(OID, 0, 99), -1, -1, NULL, 0,
                 false);
    assert_int_equal(r->code, C(4, 4));
    assert_int_equal(f->st.exec_count, 1);
}

/* ---- Write -------------------------------------------------------------- */

static void write_single_values(void **state)
{
    fx_t *f = *state;
    assert_int_equal(wr(f, &LWC_PATH(OID, 0, 0), 0, "17", 2)->code, C(2, 4));
    assert_int_equal(f->st.inst[0].value, 17);
    assert_int_equal(f->d.changes, 1);
    assert_true(lwc_path_equal(&f->d.changed[0], &LWC_PATH(OID, 0, 0)));
    assert_int_equal(wr(f, &LWC_PATH(OID, 0, 2), 0, "-1.25e2", 7)->code,
                     C(2, 4));
    assert_true(f->st.inst[0].temp == -125.0);
    /* No Content-Format: text for a single value. */
    assert_int_equal(wr(f, &LWC_PATH(OID, 1, 5), -1, "1", 1)->code, C(2, 4));
    assert_true(f->st.inst[1].flag);
    assert_int_equal(wr(f, &LWC_PATH(OID, 0, 3), 42, "\x01\x02\x03", 3)->code,
                     C(2, 4));
    assert_int_equal(f->st.inst[0].blob_len, 3);
    assert_int_equal(
        wr(f, &LWC_PATH(OID, 0, 8), 0, "18446744073709551615", 20)->code,
        C(2, 4));
    assert_true(f->st.inst[0].secret == UINT64_MAX);
    /* TLV: one resource entry of the right ID. */
    assert_int_equal(
        wr(f, &LWC_PATH(OID, 0, 0), LWC_FORMAT_TLV, "\xC2\x00\x01\x00", 4)
            ->code,
        C(2, 4));
    assert_int_equal(f->st.inst[0].value, 256);
    assert_int_equal(wr(f, &LWC_PATH(OID, 0, 6, 1), 0, "9", 1)->code, C(2, 4));
    assert_int_equal(f->st.inst[0].list[1], 9);
    assert_int_equal(f->st.commits, 7);
    assert_int_equal(f->st.rollbacks, 0);
}

static void write_errors(void **state)
{
    fx_t *f = *state;
    int writes = f->st.writes;
    struct {
        lwc_path_t p;
        int32_t cf;
        const char *payload;
        size_t len;
        uint8_t code;
    } cases[] = {
        {LWC_PATH(OID, 0, 0), 0, "abc", 3, C(4, 0)},
        {LWC_PATH(OID, 0, 0), 0, "99999999999999999999", 20, C(4, 0)},
        {LWC_PATH(OID, 0, 0), 0, "", 0, C(4, 0)},
        {LWC_PATH(OID, 0, 5), 0, "2", 1, C(4, 0)},
        {LWC_PATH(OID, 0, 1), 0, "x", 1, C(4, 5)},       /* read-only */
        {LWC_PATH(OID, 0, 4), 0, "x", 1, C(4, 5)},       /* executable */
        {LWC_PATH(OID), LWC_FORMAT_TLV, "", 0, C(4, 5)}, /* object */
        {LWC_PATH(OID, 0, 0), 9999, "1", 1, C(4, 15)},   /* unknown */
        {LWC_PATH(OID, 0, 0), 42, "1", 1, C(4, 15)},     /* opaque on int */
        {LWC_PATH(OID, 0, 3), 0, "1", 1, C(4, 15)},      /* text on opaque */
        {LWC_PATH(OID, 0), 0, "1", 1, C(4, 15)},         /* text on instance */
        {LWC_PATH(OID, 0, 6), 0, "1", 1, C(4, 15)},      /* text on multiple */
        {LWC_PATH(OID, 0, 0), LWC_FORMAT_TLV, "\xC1\x01\x05", 3, C(4, 0)},
        {LWC_PATH(OID, 0, 0), LWC_FORMAT_TLV, "\xC1\x00", 2, C(4, 0)},
        {LWC_PATH(OID, 0, 0), LWC_FORMAT_TLV, "\xC3\x00\x01\x02\x03", 5,
         C(4, 0)}, /* 3-byte integer */
        {LWC_PATH(OID, 0, 0), LWC_FORMAT_TLV, "\xC1\x00\x01\xC1\x00\x02", 6,
         C(4, 0)}, /* two values for one resource */
        {LWC_PATH(OID, 0, 0), LWC_FORMAT_TLV, "", 0, C(4, 0)},
        {LWC_PATH(OID, 0, 0), LWC_FORMAT_TLV, "\x83\x00\x41\x00\x01", 5,
         C(4, 0)}, /* multiple resource entry for a single resource */
        {LWC_PATH(OID, 0, 6), LWC_FORMAT_TLV, "\x83\x07\x41\x00\x01", 5,
         C(4, 0)}, /* another multiple resource */
        {LWC_PATH(OID, 0, 6), LWC_FORMAT_TLV, "\xC1\x06\x01", 3, C(4, 0)},
        {LWC_PATH(OID, 0, 6, 1), LWC_FORMAT_TLV, "\x41\x02\x01", 3,
         C(4, 0)}, /* another resource instance */
        {LWC_PATH(OID, 9, 0), 0, "1", 1, C(4, 4)},
        {LWC_PATH(OID, 0, 99), 0, "1", 1, C(4, 4)},
        {LWC_PATH(4242, 0, 0), 0, "1", 1, C(4, 4)},
    };
    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        uint8_t code =
            wr(f, &cases[k].p, cases[k].cf, cases[k].payload, cases[k].len)
                ->code;
        if (code != cases[k].code) {
            fail_msg("case %zu: got %d.%02d", k, code >> 5, code & 31);
        }
    }
    assert_int_equal(f->st.writes, writes); /* nothing reached a handler */
    assert_int_equal(f->d.changes, 0);
    /* Handler range checks: 4.00; too big for the handler: 4.13. */
    assert_int_equal(wr(f, &LWC_PATH(OID, 0, 0), 0, "1001", 4)->code, C(4, 0));
    assert_int_equal(
        wr(f, &LWC_PATH(OID, 0, 3), 42, "0123456789abcdefX", 17)->code,
        C(4, 13));
    assert_int_equal(f->st.rollbacks, 2);
    assert_int_equal(f->st.inst[0].value, 42);
    /* A handler's CoAP error code is sent as it is; any other positive
     * value is a bug and never passes for success: 5.00. */
    assert_int_equal(wr(f, &LWC_PATH(OID, 0, 0), 0, "2000", 4)->code, C(5, 0));
    assert_int_equal(wr(f, &LWC_PATH(OID, 0, 0), 0, "2001", 4)->code, C(5, 0));
    assert_int_equal(wr(f, &LWC_PATH(OID, 0, 0), 0, "2002", 4)->code, C(5, 3));
    assert_int_equal(f->st.inst[0].value, 42);
    assert_int_equal(f->d.changes, 0);
}

/* An instance write is all-or-nothing: a failing second resource undoes
 * the first, and malformed TLV reaches no handler. */
static void write_instance_tlv(void **state)
{
    fx_t *f = *state;
    /* 0 = 7, 5 = true, 6 = [10, 11] */
    static const uint8_t good[] = {0xC1, 0x00, 0x07, 0xC1, 0x05, 0x01, 0x86,
                                   0x06, 0x41, 0x00, 0x0A, 0x41, 0x01, 0x0B};
    lwci_dm_response_t *r =
        req_full(f, LWCI_DM_OP_WRITE_PARTIAL, &LWC_PATH(OID, 0), -1,
                 LWC_FORMAT_TLV, good, sizeof(good), false);
    assert_int_equal(r->code, C(2, 4));
    assert_int_equal(f->st.inst[0].value, 7);
    assert_true(f->st.inst[0].flag);
    assert_int_equal(f->st.inst[0].list[1], 11);
    assert_int_equal(f->st.clears, 0); /* partial update keeps instances */
    assert_int_equal(f->d.changes, 1);
    assert_true(lwc_path_equal(&f->d.changed[0], &LWC_PATH(OID, 0)));

    /* Wrapped in an object instance entry, as some servers send it. */
    static const uint8_t wrapped[] = {0x03, 0x01, 0xC1, 0x00, 0x03};
    assert_int_equal(
        wr(f, &LWC_PATH(OID, 1), LWC_FORMAT_TLV, wrapped, sizeof(wrapped))
            ->code,
        C(2, 4));
    assert_int_equal(f->st.inst[1].value, 3);

    /* 0 = 8 then 0 = 5000 (rejected by the handler): rolled back. */
    static const uint8_t second_fails[] = {0xC1, 0x00, 0x08, 0xC2,
                                           0x00, 0x13, 0x88};
    int rb = f->st.rollbacks;
    assert_int_equal(wr(f, &LWC_PATH(OID, 0), LWC_FORMAT_TLV, second_fails,
                        sizeof(second_fails))
                         ->code,
                     C(4, 0));
    assert_int_equal(f->st.rollbacks, rb + 1);
    assert_int_equal(f->st.inst[0].value, 7);

    int writes = f->st.writes;
    const struct {
        const char *what;
        const char *b;
        size_t n;
        uint8_t code;
    } bad[] = {
        {"truncated second entry", "\xC1\x00\x01\xC1\x05", 5, C(4, 0)},
        {"resource instance at top level", "\x41\x00\x01", 3, C(4, 0)},
        {"single entry for a multiple resource", "\xC1\x06\x01", 3, C(4, 0)},
        {"multiple entry for a single resource", "\x83\x00\x41\x00\x01", 5,
         C(4, 0)},
        {"resource inside a multiple resource", "\x83\x06\xC1\x00\x01", 5,
         C(4, 0)},
        {"nested object instance", "\x03\x00\x03\x00\x00", 5, C(4, 0)},
        {"wrapper for another instance", "\x03\x01\xC1\x00\x03", 5, C(4, 0)},
        {"unknown resource", "\xC1\x00\x01\xC1\x4D\x01", 6, C(4, 4)},
        {"read-only resource", "\xC1\x00\x01\xC1\x01\x41", 6, C(4, 5)},
        {"bad bool", "\xC1\x00\x01\xC1\x05\x02", 6, C(4, 0)},
        {"length beyond payload", "\xC8\x00\xFF\x01", 4, C(4, 0)},
    };
    for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
        uint8_t code =
            wr(f, &LWC_PATH(OID, 0), LWC_FORMAT_TLV, bad[k].b, bad[k].n)->code;
        if (code != bad[k].code) {
            fail_msg("%s: got %d.%02d", bad[k].what, code >> 5, code & 31);
        }
    }
    assert_int_equal(f->st.writes, writes);
}

/* An empty multiple resource entry (or no entry at all) replaces the
 * resource with nothing; a partial update with it changes nothing. */
static void write_empty_multiple_resource(void **state)
{
    fx_t *f = *state;
    lwci_dm_response_t *r =
        req_full(f, LWCI_DM_OP_WRITE_PARTIAL, &LWC_PATH(OID, 0), -1,
                 LWC_FORMAT_TLV, "\x80\x06", 2, false);
    assert_int_equal(r->code, C(2, 4));
    assert_int_equal(f->st.clears, 0);
    assert_int_equal(f->st.inst[0].list_len, 2);
    r = wr(f, &LWC_PATH(OID, 0), LWC_FORMAT_TLV, "\x80\x06", 2);
    assert_int_equal(r->code, C(2, 4));
    assert_int_equal(f->st.clears, 1);
    assert_int_equal(f->st.inst[0].list_len, 0);
    f->st.inst[0].list_len = 2;
    r = wr(f, &LWC_PATH(OID, 0, 6), LWC_FORMAT_TLV, "", 0);
    assert_int_equal(r->code, C(2, 4));
    assert_int_equal(f->st.clears, 2);
    assert_int_equal(f->st.inst[0].list_len, 0);
    /* Empty entries are checked like others. */
    assert_int_equal(
        wr(f, &LWC_PATH(OID, 0), LWC_FORMAT_TLV, "\x80\x00", 2)->code,
        C(4, 0)); /* 0 is single */
    assert_int_equal(
        wr(f, &LWC_PATH(OID, 0), LWC_FORMAT_TLV, "\x80\x4D", 2)->code, C(4, 4));
}

static void write_replace_clears_multiple_resource(void **state)
{
    fx_t *f = *state;
    static const uint8_t one[] = {0x83, 0x06, 0x41, 0x02, 0x05};
    assert_int_equal(
        wr(f, &LWC_PATH(OID, 0, 6), LWC_FORMAT_TLV, one, sizeof(one))->code,
        C(2, 4));
    assert_int_equal(f->st.clears, 1);
    assert_int_equal(f->st.inst[0].list_len, 3);
    assert_int_equal(f->st.inst[0].list[2], 5);
    /* Bare resource instances, partial: no clear. */
    lwci_dm_response_t *r =
        req_full(f, LWCI_DM_OP_WRITE_PARTIAL, &LWC_PATH(OID, 0, 6), -1,
                 LWC_FORMAT_TLV, "\x41\x00\x01", 3, false);
    assert_int_equal(r->code, C(2, 4));
    assert_int_equal(f->st.clears, 1);
    assert_int_equal(f->st.inst[0].list[0], 1);
}

static void bootstrap_writes_any_resource(void **state)
{
    fx_t *f = *state;
    lwci_dm_response_t *r = req_full(f, LWCI_DM_OP_WRITE_REPLACE,
                                     &LWC_PATH(OID, 0, 1), -1, 0, "x", 1, true);
    /* Read-only for a server, writable for bootstrap: reaches the handler
     * (which has no such resource and says so). */
    assert_int_equal(r->code, C(4, 4));
    r = req_full(f, LWCI_DM_OP_WRITE_REPLACE, &LWC_PATH(OID, 2), -1,
                 LWC_FORMAT_TLV, "\xC1\x00\x09", 3, true);
    assert_int_equal(r->code, C(2, 4)); /* creates the missing instance */
    assert_true(f->st.inst[2].used);
    assert_int_equal(f->st.inst[2].value, 9);
}

/* ---- Create / Delete / others ------------------------------------------ */

static void create_and_delete(void **state)
{
    fx_t *f = *state;
    uint32_t gen = lwci_dm_generation(&f->d.dm);
    lwci_dm_response_t *r = req_full(f, LWCI_DM_OP_CREATE, &LWC_PATH(OID), -1,
                                     LWC_FORMAT_TLV, "\xC1\x00\x05", 3, false);
    assert_int_equal(r->code, C(2, 1));
    assert_int_equal(r->created_iid, 2);
    assert_int_equal(f->st.inst[2].value, 5);
    assert_true(lwci_dm_generation(&f->d.dm) != gen);
    /* Full: the handler says NO_SPACE for ID 3: 4.13. */
    r = req_full(f, LWCI_DM_OP_CREATE, &LWC_PATH(OID), -1, LWC_FORMAT_TLV, "",
                 0, false);
    assert_int_equal(r->code, C(4, 13));
    /* Existing instance ID in the payload: 4.00. */
    r = req_full(f, LWCI_DM_OP_CREATE, &LWC_PATH(OID), -1, LWC_FORMAT_TLV,
                 "\x03\x01\xC1\x00\x05", 5, false);
    assert_int_equal(r->code, C(4, 0));
    /* A failing write undoes the creation (transaction rollback). */
    assert_int_equal(req_full(f, LWCI_DM_OP_DELETE, &LWC_PATH(OID, 2), -1, -1,
                              NULL, 0, false)
                         ->code,
                     C(2, 2));
    assert_false(f->st.inst[2].used);
    r = req_full(f, LWCI_DM_OP_CREATE, &LWC_PATH(OID), -1, LWC_FORMAT_TLV,
                 "\xC2\x00\x13\x88", 4, false);
    assert_int_equal(r->code, C(4, 0));
    assert_false(f->st.inst[2].used);
    assert_int_equal(req_full(f, LWCI_DM_OP_DELETE, &LWC_PATH(OID, 2), -1, -1,
                              NULL, 0, false)
                         ->code,
                     C(4, 4));
    assert_int_equal(
        req_full(f, LWCI_DM_OP_DELETE, &LWC_PATH(OID), -1, -1, NULL, 0, false)
            ->code,
        C(4, 5));
    assert_int_equal(
        req_full(f, LWCI_DM_OP_CREATE, &LWC_PATH(OID), -1, 0, "1", 1, false)
            ->code,
        C(4, 15));
    assert_int_equal(
        req_full(f, LWCI_DM_OP_CREATE, &LWC_PATH(OID), -1, 9999, "1", 1, false)
            ->code,
        C(4, 15));
    /* Two instances in one Create: 4.00, nothing created. */
    r = req_full(f, LWCI_DM_OP_CREATE, &LWC_PATH(OID), -1, LWC_FORMAT_TLV,
                 "\x03\x02\xC1\x00\x05\x00\x04", 7, false);
    assert_int_equal(r->code, C(4, 0));
    assert_false(f->st.inst[2].used);
    /* An empty instance entry names the instance. */
    r = req_full(f, LWCI_DM_OP_CREATE, &LWC_PATH(OID), -1, LWC_FORMAT_TLV,
                 "\x00\x02", 2, false);
    assert_int_equal(r->code, C(2, 1));
    assert_int_equal(r->created_iid, 2);
    assert_true(f->st.inst[2].used);
}

/* An operation the data model does not know is 5.01, not a crash (Discover,
 * Write-Attributes and the composite operations have their own tests). */
static void unimplemented_operations(void **state)
{
    fx_t *f = *state;
    lwci_dm_op_t unknown = (lwci_dm_op_t)(LWCI_DM_OP_WRITE_COMPOSITE + 7);
    assert_int_equal(
        req_full(f, unknown, &LWC_PATH(OID, 0), -1, -1, NULL, 0, false)->code,
        C(5, 1));
}

/* ---- Registration links and getters -------------------------------------- */

static void registration_links(void **state)
{
    fx_t *f = *state;
    static const lwc_object_handlers_t h = {.list_instances = dmf_list_none};
    lwc_object_t empty = {.oid = 42, .version = "2.0", .handlers = &h};
    lwc_object_t v10 = {.oid = 7, .version = "1.0", .handlers = &h};
    lwc_object_t oscore = {.oid = LWC_OID_OSCORE, .handlers = &h};
    if (LWC_MAX_OBJECTS < 8) {
        skip(); /* needs room for three more objects */
    }
    assert_int_equal(lwci_dm_add_object(&f->d.dm, &empty), LWC_OK);
    assert_int_equal(lwci_dm_add_object(&f->d.dm, &v10), LWC_OK);
    assert_int_equal(lwci_dm_add_object(&f->d.dm, &oscore), LWC_OK);
    char buf[128];
    size_t n = 0;
    assert_int_equal(lwci_dm_registration_links(&f->d.dm, buf, sizeof(buf), &n),
                     LWC_OK);
    const char *want = "</7>,</42>;ver=2.0,</1000>;ver=1.1,</1000/0>,</1000/1>";
    assert_int_equal(n, strlen(want));
    assert_memory_equal(buf, want, n);
    assert_int_equal(lwci_dm_registration_links(&f->d.dm, buf, n - 1, &n),
                     LWC_ERR_NO_SPACE);
}

static void typed_getters(void **state)
{
    fx_t *f = *state;
    int64_t i;
    bool b;
    char s[8];
    uint8_t o[4];
    size_t n;
    assert_int_equal(lwci_dm_get_int(&f->d.dm, &LWC_PATH(OID, 0, 0), &i),
                     LWC_OK);
    assert_int_equal(i, 42);
    assert_int_equal(lwci_dm_get_int(&f->d.dm, &LWC_PATH(OID, 0, 9), &i),
                     LWC_OK);
    assert_int_equal(i, 1700000000);
    assert_int_equal(lwci_dm_get_int(&f->d.dm, &LWC_PATH(OID, 0, 1), &i),
                     LWC_ERR_MALFORMED);
    assert_int_equal(lwci_dm_get_int(&f->d.dm, &LWC_PATH(OID, 0, 6, 0), &i),
                     LWC_OK);
    assert_int_equal(i, 7);
    assert_int_equal(lwci_dm_get_bool(&f->d.dm, &LWC_PATH(OID, 1, 5), &b),
                     LWC_OK);
    assert_false(b);
    assert_int_equal(lwci_dm_get_bool(&f->d.dm, &LWC_PATH(OID, 0, 5), &b),
                     LWC_ERR_NOT_FOUND);
    assert_int_equal(lwci_dm_get_string(&f->d.dm, &LWC_PATH(OID, 1, 1), s, 7),
                     LWC_OK);
    assert_string_equal(s, "second");
    assert_int_equal(lwci_dm_get_string(&f->d.dm, &LWC_PATH(OID, 1, 1), s, 6),
                     LWC_ERR_NO_SPACE);
    assert_int_equal(
        lwci_dm_get_opaque(&f->d.dm, &LWC_PATH(OID, 0, 3), o, 4, &n), LWC_OK);
    assert_int_equal(n, 2);
    assert_int_equal(
        lwci_dm_get_opaque(&f->d.dm, &LWC_PATH(OID, 0, 3), o, 1, &n),
        LWC_ERR_NO_SPACE);
    assert_int_equal(lwci_dm_get_int(&f->d.dm, &LWC_PATH(OID, 5, 0), &i),
                     LWC_ERR_NOT_FOUND);
    assert_int_equal(lwci_dm_get_int(&f->d.dm, &LWC_PATH(OID, 0), &i),
                     LWC_ERR_NOT_FOUND);
    /* The core reads Security without being a bootstrap server. */
    assert_int_equal(lwci_dm_get_string(&f->d.dm, &LWC_PATH(0, 0, 0), s, 8),
                     LWC_ERR_NO_SPACE);
    char uri[16];
    assert_int_equal(
        lwci_dm_get_string(&f->d.dm, &LWC_PATH(0, 0, 0), uri, sizeof(uri)),
        LWC_OK);
    assert_string_equal(uri, "coap://x");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(registry_rejects_bad_descriptors, setup),
        cmocka_unit_test_setup(registry_capacity_and_removal, setup),
        cmocka_unit_test_setup(next_instance_enumerates_in_order, setup),
        cmocka_unit_test_setup(read_single_values_as_text, setup),
        cmocka_unit_test_setup(read_opaque_and_formats, setup),
        cmocka_unit_test_setup(read_instance_object_and_multiple_as_tlv, setup),
        cmocka_unit_test_setup(read_hierarchical_defaults_to_senml_cbor, setup),
        cmocka_unit_test_setup(read_errors, setup),
        cmocka_unit_test_setup(security_needs_bootstrap, setup),
        cmocka_unit_test_setup(execute, setup),
        cmocka_unit_test_setup(write_single_values, setup),
        cmocka_unit_test_setup(write_errors, setup),
        cmocka_unit_test_setup(write_instance_tlv, setup),
        cmocka_unit_test_setup(write_empty_multiple_resource, setup),
        cmocka_unit_test_setup(write_replace_clears_multiple_resource, setup),
        cmocka_unit_test_setup(bootstrap_writes_any_resource, setup),
        cmocka_unit_test_setup(create_and_delete, setup),
        cmocka_unit_test_setup(unimplemented_operations, setup),
        cmocka_unit_test_setup(registration_links, setup),
        cmocka_unit_test_setup(typed_getters, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
