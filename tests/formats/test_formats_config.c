/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The content formats as the compile-time switches leave them (LWC_WITH_*,
 * include/lwc/config.h), seen by a server through the whole client: this
 * test is built in every configuration (CI also builds it with
 * tests/config/formats_off.h) and expects, format by format, what the
 * configuration it was built with says.
 *
 * - A format compiled in: a Read with its Accept answers 2.05 in it, a
 *   Write in it is applied.
 * - A format switched off: Accept gives 4.06 Not Acceptable, a Write with
 *   that Content-Format 4.15 Unsupported Content-Format and nothing
 *   changes (LwM2M 1.1 Transport §6.3, Core §7.4).
 * - A Read of an instance without Accept uses LWC_READ_DEFAULT_FORMAT.
 * - Without composite operations, FETCH and iPATCH are 4.05 on any path.
 * - text/plain, opaque and link format (Discover) are always there.
 *
 * The request payloads are written out by hand from the format
 * specifications, not produced by lwc's encoders.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "support/client_fixture.h"

/* ---- A small object: /30001/0 with an integer, a string, an opaque ---- */

#define OID 30001

typedef struct {
    int64_t number;  /* /0 RW int */
    char name[16];   /* /1 RW string */
    uint8_t blob[8]; /* /2 RW opaque */
    size_t blob_len;
} thing_t;

static const lwc_resource_def_t thing_res[] = {
    {.rid = 0, .type = LWC_TYPE_INT, .ops = LWC_OP_RW},
    {.rid = 1, .type = LWC_TYPE_STRING, .ops = LWC_OP_RW},
    {.rid = 2, .type = LWC_TYPE_OPAQUE, .ops = LWC_OP_RW},
};

static int thing_read(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                      lwc_value_t *out)
{
    thing_t *t = ctx;
    (void)iid;
    (void)riid;
    switch (rid) {
    case 0:
        *out = lwc_value_int(t->number);
        return LWC_OK;
    case 1:
        *out = lwc_value_string(t->name);
        return LWC_OK;
    case 2:
        *out = lwc_value_opaque(t->blob, t->blob_len);
        return LWC_OK;
    default:
        return LWC_ERR_NOT_FOUND;
    }
}

static int thing_write(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                       const lwc_value_t *v)
{
    thing_t *t = ctx;
    (void)iid;
    (void)riid;
    switch (rid) {
    case 0:
        t->number = v->i;
        return LWC_OK;
    case 1:
        if (v->bytes.len >= sizeof(t->name)) {
            return LWC_ERR_NO_SPACE;
        }
        memcpy(t->name, v->bytes.data, v->bytes.len);
        t->name[v->bytes.len] = '\0';
        return LWC_OK;
    case 2:
        if (v->bytes.len > sizeof(t->blob)) {
            return LWC_ERR_NO_SPACE;
        }
        memcpy(t->blob, v->bytes.data, v->bytes.len);
        t->blob_len = v->bytes.len;
        return LWC_OK;
    default:
        return LWC_ERR_NOT_FOUND;
    }
}

static const lwc_object_handlers_t thing_handlers = {
    .list_instances = cfx_list_one,
    .read = thing_read,
    .write = thing_write,
};

/* ---- Fixture: a client on the fake network (support/client_fixture.h) -- */

typedef struct {
    cfx_t c;
    thing_t thing;
    lwc_object_t obj;
} fx_t;

static int setup(void **state)
{
    static fx_t f;
    const lwc_object_t *const objects[] = {&f.obj};

    f.thing =
        (thing_t){.number = 42, .name = "hello", .blob = {1, 2}, .blob_len = 2};
    f.obj = (lwc_object_t){.oid = OID,
                           .resources = thing_res,
                           .resource_count = CFX_NELEM(thing_res),
                           .handlers = &thing_handlers,
                           .user_ctx = &f.thing};
    cfx_start(&f.c, objects, CFX_NELEM(objects)); /* the Register goes out */
    *state = &f;
    return 0;
}

#define NONE CFX_NONE

/* One confirmable request from the server, answered with an ACK (checked
 * by cfx_request); the answer. accept and cf are NONE when absent. */
static const lwci_coap_msg_t *request(fx_t *f, uint8_t method, const char *path,
                                      int32_t accept, int32_t cf,
                                      const void *payload, size_t len)
{
    cfx_req_t q = cfx_req(method, path);

    q.accept = accept;
    q.cf = cf;
    q.payload = payload;
    q.len = len;
    return cfx_request(&f->c, &q);
}

/* A plain Read of a resource answers this text. */
static void expect_text(fx_t *f, const char *path, const char *want)
{
    cfx_expect_content(request(f, LWCI_COAP_GET, path, NONE, NONE, NULL, 0),
                       LWC_FORMAT_TEXT, want, strlen(want));
}

/* ---- One hierarchical format -------------------------------------------- */

/*
 * A format as a server uses it on /30001/0: a Read with Accept, and a
 * Write-Replace (PUT) whose payload sets /0 to 7 and /1 to "ok".
 */
typedef struct {
    int32_t ct;
    bool enabled; /* per this build's LWC_WITH_* */
    const uint8_t *write;
    size_t write_len;
} fmt_case_t;

static void check_hierarchical(fx_t *f, const fmt_case_t *c)
{
    const lwci_coap_msg_t *m =
        request(f, LWCI_COAP_GET, "30001/0", c->ct, NONE, NULL, 0);
    if (c->enabled) {
        assert_int_equal(m->code, LWCI_COAP_205_CONTENT);
        assert_int_equal(cfx_format_of(m), c->ct);
        cfx_expect_contains(m, "hello", 5); /* /1, a string in every format */
    } else {
        assert_int_equal(m->code, LWCI_COAP_406_NOT_ACCEPTABLE);
        assert_int_equal(m->payload_len, 0);
    }
    m = request(f, LWCI_COAP_PUT, "30001/0", NONE, c->ct, c->write,
                c->write_len);
    if (c->enabled) {
        assert_int_equal(m->code, LWCI_COAP_204_CHANGED);
        expect_text(f, "30001/0/0", "7");
        expect_text(f, "30001/0/1", "ok");
    } else {
        assert_int_equal(m->code, LWCI_COAP_415_UNSUPPORTED_FORMAT);
        expect_text(f, "30001/0/0", "42");
        expect_text(f, "30001/0/1", "hello");
    }
}

#define CASE(fmt, on, bytes)                                                   \
    (&(fmt_case_t){.ct = (fmt),                                                \
                   .enabled = (on),                                            \
                   .write = (const uint8_t *)(bytes),                          \
                   .write_len = sizeof(bytes) - 1})

/* OMA TLV (Core 1.1 §7.4.3): resource 0, 1 byte, 7; resource 1, "ok". */
static void tlv(void **state)
{
    check_hierarchical(*state, CASE(LWC_FORMAT_TLV, LWC_WITH_TLV,
                                    "\xc1\x00\x07"
                                    "\xc2\x01ok"));
}

/* SenML JSON (RFC 8428 §4, Core 1.1 §7.4.4). */
static void senml_json(void **state)
{
    check_hierarchical(*state,
                       CASE(LWC_FORMAT_SENML_JSON, LWC_WITH_SENML_JSON,
                            "[{\"bn\":\"/30001/0/\",\"n\":\"0\",\"v\":7},"
                            "{\"n\":\"1\",\"vs\":\"ok\"}]"));
}

/* SenML CBOR (RFC 8428 §6): bn -2, n 0, v 2, vs 3. */
static void senml_cbor(void **state)
{
    check_hierarchical(*state, CASE(LWC_FORMAT_SENML_CBOR, LWC_WITH_SENML_CBOR,
                                    "\x82"
                                    "\xa3\x21\x69/30001/0/\x00\x61"
                                    "0\x02\x07"
                                    "\xa2\x00\x61"
                                    "1\x03\x62ok"));
}

/* LwM2M CBOR (LwM2M 1.2 Core §7.4): {[30001, 0]: {0: 7, 1: "ok"}}. */
static void lwm2m_cbor(void **state)
{
    check_hierarchical(*state, CASE(LWC_FORMAT_LWM2M_CBOR, LWC_WITH_LWM2M_CBOR,
                                    "\xa1\x82\x19\x75\x31\x00"
                                    "\xa2\x00\x07\x01\x62ok"));
}

/* OMA LwM2M JSON (Core 1.1 §7.4.5). */
static void oma_json(void **state)
{
    check_hierarchical(
        *state, CASE(LWC_FORMAT_OMA_JSON, LWC_WITH_OMA_JSON,
                     "{\"bn\":\"/30001/0/\",\"e\":[{\"n\":\"0\",\"v\":7},"
                     "{\"n\":\"1\",\"sv\":\"ok\"}]}"));
}

/* Plain CBOR (60) carries a single value: /30001/0/0. */
static void cbor_single(void **state)
{
    fx_t *f = *state;
    static const uint8_t nine[] = {0x09};
    const lwci_coap_msg_t *m =
        request(f, LWCI_COAP_GET, "30001/0/0", LWC_FORMAT_CBOR, NONE, NULL, 0);
#if LWC_WITH_CBOR
    cfx_expect_content(m, LWC_FORMAT_CBOR, "\x18\x2a", 2); /* 42 */
    m = request(f, LWCI_COAP_PUT, "30001/0/0", NONE, LWC_FORMAT_CBOR, nine,
                sizeof(nine));
    assert_int_equal(m->code, LWCI_COAP_204_CHANGED);
    expect_text(f, "30001/0/0", "9");
#else
    assert_int_equal(m->code, LWCI_COAP_406_NOT_ACCEPTABLE);
    m = request(f, LWCI_COAP_PUT, "30001/0/0", NONE, LWC_FORMAT_CBOR, nine,
                sizeof(nine));
    assert_int_equal(m->code, LWCI_COAP_415_UNSUPPORTED_FORMAT);
    expect_text(f, "30001/0/0", "42");
#endif
}

/* ---- What every configuration has --------------------------------------- */

static void read_without_accept_uses_the_default(void **state)
{
    fx_t *f = *state;
    const lwci_coap_msg_t *m =
        request(f, LWCI_COAP_GET, "30001/0", NONE, NONE, NULL, 0);
    assert_int_equal(m->code, LWCI_COAP_205_CONTENT);
    assert_int_equal(cfx_format_of(m), LWC_READ_DEFAULT_FORMAT);
    cfx_expect_contains(m, "hello", 5);
    /* A single resource is text/plain whatever the default. */
    expect_text(f, "30001/0/0", "42");
}

static void text_plain_always(void **state)
{
    fx_t *f = *state;
    const lwci_coap_msg_t *m =
        request(f, LWCI_COAP_GET, "30001/0/1", LWC_FORMAT_TEXT, NONE, NULL, 0);
    cfx_expect_content(m, LWC_FORMAT_TEXT, "hello", 5);
    m = request(f, LWCI_COAP_PUT, "30001/0/0", NONE, LWC_FORMAT_TEXT, "-3", 2);
    assert_int_equal(m->code, LWCI_COAP_204_CHANGED);
    expect_text(f, "30001/0/0", "-3");
    /* text/plain cannot carry an instance. */
    m = request(f, LWCI_COAP_GET, "30001/0", LWC_FORMAT_TEXT, NONE, NULL, 0);
    assert_int_equal(m->code, LWCI_COAP_406_NOT_ACCEPTABLE);
}

static void opaque_always(void **state)
{
    fx_t *f = *state;
    static const uint8_t bytes[] = {0x00, 0xff, 0x10};
    const lwci_coap_msg_t *m = request(f, LWCI_COAP_GET, "30001/0/2",
                                       LWC_FORMAT_OPAQUE, NONE, NULL, 0);
    cfx_expect_content(m, LWC_FORMAT_OPAQUE, "\x01\x02", 2);
    m = request(f, LWCI_COAP_PUT, "30001/0/2", NONE, LWC_FORMAT_OPAQUE, bytes,
                sizeof(bytes));
    assert_int_equal(m->code, LWCI_COAP_204_CHANGED);
    m = request(f, LWCI_COAP_GET, "30001/0/2", NONE, NONE, NULL, 0);
    /* Opaque: the resource's default format. */
    cfx_expect_content(m, LWC_FORMAT_OPAQUE, bytes, sizeof(bytes));
}

static void discover_always(void **state)
{
    fx_t *f = *state;
    static const char want[] = "</30001/0>,</30001/0/0>,</30001/0/1>,"
                               "</30001/0/2>";
    const lwci_coap_msg_t *m =
        request(f, LWCI_COAP_GET, "30001/0", LWC_FORMAT_LINK, NONE, NULL, 0);
    cfx_expect_content(m, LWC_FORMAT_LINK, want, strlen(want));
}

/* ---- Composite operations (FETCH, iPATCH on the root) ------------------- */

/* SenML CBOR [{n: "/30001/0/0"}] and [{n: "/30001/0/0", v: 9}]; SenML
 * JSON when SenML CBOR is not there (the composite switch needs one of
 * the SenML or LwM2M CBOR formats; a build without SenML lacks this). */
#if LWC_WITH_SENML_CBOR
#define COMPOSITE_CT    LWC_FORMAT_SENML_CBOR
#define COMPOSITE_READ  "\x81\xa1\x00\x6a/30001/0/0"
#define COMPOSITE_WRITE "\x81\xa2\x00\x6a/30001/0/0\x02\x09"
#define COMPOSITE_42    "\x18\x2a"
#else
#define COMPOSITE_CT    LWC_FORMAT_SENML_JSON
#define COMPOSITE_READ  "[{\"n\":\"/30001/0/0\"}]"
#define COMPOSITE_WRITE "[{\"n\":\"/30001/0/0\",\"v\":9}]"
#define COMPOSITE_42    "42"
#endif

static void composite(void **state)
{
    fx_t *f = *state;
    const lwci_coap_msg_t *m =
        request(f, LWCI_COAP_FETCH, "", COMPOSITE_CT, COMPOSITE_CT,
                COMPOSITE_READ, sizeof(COMPOSITE_READ) - 1);
#if LWC_WITH_COMPOSITE && (LWC_WITH_SENML_CBOR || LWC_WITH_SENML_JSON)
    assert_int_equal(m->code, LWCI_COAP_205_CONTENT);
    assert_int_equal(cfx_format_of(m), COMPOSITE_CT);
    cfx_expect_contains(m, COMPOSITE_42, sizeof(COMPOSITE_42) - 1);
    m = request(f, LWCI_COAP_IPATCH, "", NONE, COMPOSITE_CT, COMPOSITE_WRITE,
                sizeof(COMPOSITE_WRITE) - 1);
    assert_int_equal(m->code, LWCI_COAP_204_CHANGED);
    expect_text(f, "30001/0/0", "9");
#elif !LWC_WITH_COMPOSITE
    /* Not compiled in: a method this client does not support, 4.05
     * (RFC 7252 §5.8), on the root and on any other path alike. */
    assert_int_equal(m->code, LWCI_COAP_405_METHOD_NOT_ALLOWED);
    assert_int_equal(m->payload_len, 0);
    m = request(f, LWCI_COAP_IPATCH, "", NONE, COMPOSITE_CT, COMPOSITE_WRITE,
                sizeof(COMPOSITE_WRITE) - 1);
    assert_int_equal(m->code, LWCI_COAP_405_METHOD_NOT_ALLOWED);
    m = request(f, LWCI_COAP_FETCH, "30001/0", COMPOSITE_CT, COMPOSITE_CT,
                COMPOSITE_READ, sizeof(COMPOSITE_READ) - 1);
    assert_int_equal(m->code, LWCI_COAP_405_METHOD_NOT_ALLOWED);
    m = request(f, LWCI_COAP_IPATCH, "30001/0/0", NONE, COMPOSITE_CT,
                COMPOSITE_WRITE, sizeof(COMPOSITE_WRITE) - 1);
    assert_int_equal(m->code, LWCI_COAP_405_METHOD_NOT_ALLOWED);
    expect_text(f, "30001/0/0", "42");
#else
    (void)m;
    skip(); /* composite with LwM2M CBOR only: not covered here */
#endif
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, cfx_teardown)
    const struct CMUnitTest tests[] = {
        T(tlv),
        T(senml_json),
        T(senml_cbor),
        T(lwm2m_cbor),
        T(oma_json),
        T(cbor_single),
        T(read_without_accept_uses_the_default),
        T(text_plain_always),
        T(opaque_always),
        T(discover_always),
        T(composite),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
