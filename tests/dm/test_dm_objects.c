/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The standard objects Security (0), Server (1) and Device (3) served by
 * the data model: the specification's Device read example byte for byte,
 * reads, writes, executes and bootstrap operations as a server sees them,
 * and the values the client core reads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <lwc/objects/device.h>
#include <lwc/objects/security.h>
#include <lwc/objects/server.h>

#include "dm/dm.h"
#include "io/senml_cbor.h"
#include "spec_device_tlv.h"

typedef struct {
    lwci_dm_t dm;
    lwc_security_object_t sec;
    lwc_server_object_t srv;
    lwc_device_object_t dev;
    uint8_t out[1024];
    lwci_dm_response_t resp;
    int reboots;
    int triggers;
    uint16_t trigger_ssid;
    int disables;
    uint32_t disable_timeout;
    int changes;
    lwc_path_t changed;
} fx_t;

#define C(c, d) ((uint8_t)LWC_COAP_CODE(c, d))

/* ---- Application callbacks ------------------------------------------------
 */

static int app_reboot(void *ctx)
{
    ((fx_t *)ctx)->reboots++;
    return LWC_OK;
}

static int app_read_int(void *ctx, uint16_t rid, int64_t *out)
{
    (void)ctx;
    if (rid == LWC_DEVICE_RID_BATTERY_LEVEL) {
        *out = 100;
        return LWC_OK;
    }
    if (rid == LWC_DEVICE_RID_MEMORY_FREE) {
        *out = 15;
        return LWC_OK;
    }
    return LWC_ERR_NOT_FOUND;
}

static int app_time(void *ctx, int64_t *t)
{
    (void)ctx;
    *t = 1367491215;
    return LWC_OK;
}

static int spy_trigger(lwc_client_t *client, uint16_t ssid)
{
    fx_t *f = (fx_t *)(void *)client; /* the fixture stands in */
    f->triggers++;
    f->trigger_ssid = ssid;
    return LWC_OK;
}

static int spy_disable(void *ctx, uint16_t ssid, uint32_t timeout)
{
    fx_t *f = ctx;
    (void)ssid;
    f->disables++;
    f->disable_timeout = timeout;
    return LWC_OK;
}

static void on_change(void *ctx, const lwc_path_t *path)
{
    fx_t *f = ctx;
    f->changes++;
    f->changed = *path;
}

static const lwc_device_power_source_t power[2] = {{1, 3800, 125},
                                                   {5, 5000, 900}};

/* ---- Fixture ------------------------------------------------------------ */

static int setup(void **state)
{
    static fx_t f;
    static const uint8_t psk_id[] = "dev1";
    static const uint8_t psk[] = {0x01, 0x02, 0x03};
    memset(&f, 0, sizeof(f));
    lwci_dm_init(&f.dm, NULL);
    lwci_dm_set_change_hook(&f.dm, on_change, &f);

    assert_int_equal(lwc_security_object_init(&f.sec), LWC_OK);
    assert_int_equal(
        lwc_security_add_instance(&f.sec,
                                  &(lwc_security_instance_t){
                                      .server_uri = "coaps://127.0.0.1:5684",
                                      .security_mode = LWC_SECURITY_MODE_PSK,
                                      .public_key_or_identity = psk_id,
                                      .public_key_or_identity_len = 4,
                                      .secret_key = psk,
                                      .secret_key_len = sizeof(psk),
                                      .short_server_id = 101,
                                  }),
        0);

    /* Zero-initialised state works without init. */
    assert_int_equal(lwc_server_add_instance(&f.srv,
                                             &(lwc_server_instance_t){
                                                 .short_server_id = 101,
                                                 .lifetime = 300,
                                                 .binding = "U",
                                                 .communication_retry_count = 3,
                                             }),
                     0);
    f.srv.client = (lwc_client_t *)(void *)&f;
    f.srv.trigger_update = spy_trigger;

    lwc_device_info_t info = {
        .manufacturer = "Open Mobile Alliance",
        .model_number = "Lightweight M2M Client",
        .serial_number = "345000123",
        .firmware_version = "1.0",
        .utc_offset = "+02:00",
        .power_sources = power,
        .power_source_count = 2,
        .ctx = &f,
        .on_reboot = app_reboot,
        .read_int = app_read_int,
        .get_time = app_time,
    };
    assert_int_equal(lwc_device_object_init(&f.dev, &info), LWC_OK);

    assert_int_equal(lwci_dm_add_object(&f.dm, &f.sec.object), LWC_OK);
    assert_int_equal(lwci_dm_add_object(&f.dm, &f.srv.object), LWC_OK);
    assert_int_equal(lwci_dm_add_object(&f.dm, &f.dev.object), LWC_OK);
    *state = &f;
    return 0;
}

static lwci_dm_response_t *req_accept(fx_t *f, lwci_dm_op_t op,
                                      const lwc_path_t *p, int32_t cf,
                                      const void *payload, size_t len,
                                      bool bootstrap, int32_t accept)
{
    lwci_dm_request_t r = {.op = op,
                           .path = *p,
                           .bootstrap = bootstrap,
                           .content_format = cf,
                           .accept = accept,
                           .payload = payload,
                           .payload_len = len};
    lwci_dm_handle(&f->dm, &r, f->out, sizeof(f->out), &f->resp);
    return &f->resp;
}

static lwci_dm_response_t *req(fx_t *f, lwci_dm_op_t op, const lwc_path_t *p,
                               int32_t cf, const void *payload, size_t len,
                               bool bootstrap)
{
    return req_accept(f, op, p, cf, payload, len, bootstrap, -1);
}

static lwci_dm_response_t *rd(fx_t *f, const lwc_path_t *p)
{
    return req(f, LWCI_DM_OP_READ, p, -1, NULL, 0, false);
}

/* A hierarchical Read asking for TLV (the default is SenML CBOR). */
static lwci_dm_response_t *rd_tlv(fx_t *f, const lwc_path_t *p)
{
    return req_accept(f, LWCI_DM_OP_READ, p, -1, NULL, 0, false,
                      LWC_FORMAT_TLV);
}

/* Execute p without arguments; the response code. */
static uint8_t execute(fx_t *f, const lwc_path_t *p)
{
    return req(f, LWCI_DM_OP_EXECUTE, p, -1, NULL, 0, false)->code;
}

static void expect_text(fx_t *f, const lwc_path_t *p, const char *want)
{
    lwci_dm_response_t *r = rd(f, p);
    assert_int_equal(r->code, C(2, 5));
    assert_int_equal(r->content_format, LWC_FORMAT_TEXT);
    assert_int_equal(r->payload_len, strlen(want));
    assert_memory_equal(f->out, want, r->payload_len);
}

/* ---- Device ---------------------------------------------------------------
 */

static void device_read_matches_spec_example(void **state)
{
    fx_t *f = *state;
    lwci_dm_response_t *r = rd_tlv(f, &LWC_PATH(3, 0));
    assert_int_equal(r->code, C(2, 5));
    assert_int_equal(r->content_format, LWC_FORMAT_TLV);
    assert_int_equal(r->payload_len, sizeof(spec_device));
    assert_memory_equal(f->out, spec_device, sizeof(spec_device));
}

/* Without Accept the same read is SenML CBOR (LwM2M 1.1 Core §7.4), its
 * first record /3/0/0 = "Open Mobile Alliance". */
static void device_read_defaults_to_senml_cbor(void **state)
{
    fx_t *f = *state;
    lwci_dm_response_t *r = rd(f, &LWC_PATH(3, 0));
    assert_int_equal(r->code, C(2, 5));
    assert_int_equal(r->content_format, LWC_FORMAT_SENML_CBOR);
    lwci_io_decoder_t d = {.ops = &lwci_io_senml_cbor_decoder};
    assert_int_equal(d.ops->begin(&d, &LWC_PATH_ROOT), LWC_OK);
    lwci_io_entry_t e;
    size_t used = 0;
    assert_int_equal(d.ops->next(&d, f->out, r->payload_len, true, &e, &used),
                     LWC_OK);
    assert_true(lwc_path_equal(&e.path, &LWC_PATH(3, 0, 0)));
    assert_int_equal(e.value.type, LWC_TYPE_STRING);
    assert_int_equal(e.value.bytes.len, 20);
    assert_memory_equal(e.value.bytes.data, "Open Mobile Alliance", 20);
}

static void device_resources(void **state)
{
    fx_t *f = *state;
    expect_text(f, &LWC_PATH(3, 0, 0), "Open Mobile Alliance");
    expect_text(f, &LWC_PATH(3, 0, 16), "U");
    expect_text(f, &LWC_PATH(3, 0, 13), "1367491215");
    expect_text(f, &LWC_PATH(3, 0, 7, 1), "5000");
    expect_text(f, &LWC_PATH(3, 0, 11, 0), "0");
    assert_int_equal(rd(f, &LWC_PATH(3, 0, 17))->code, C(4, 4));
    assert_int_equal(rd(f, &LWC_PATH(3, 0, 21))->code, C(4, 4));
    assert_int_equal(rd(f, &LWC_PATH(3, 1))->code, C(4, 4));
    assert_int_equal(rd(f, &LWC_PATH(3, 0, 4))->code, C(4, 5));

    assert_int_equal(lwc_device_add_error(f->dev.object.user_ctx, 7), LWC_OK);
    assert_int_equal(lwc_device_add_error(&f->dev, 2), LWC_OK);
    assert_int_equal(lwc_device_add_error(&f->dev, 33), LWC_ERR_INVALID_ARG);
    assert_int_equal(rd_tlv(f, &LWC_PATH(3, 0, 11))->code, C(2, 5));
    assert_memory_equal(f->out, "\x86\x0B\x41\x00\x07\x41\x01\x02", 8);
    assert_int_equal(execute(f, &LWC_PATH(3, 0, 12)), C(2, 4));
    expect_text(f, &LWC_PATH(3, 0, 11, 0), "0");
    assert_int_equal(rd(f, &LWC_PATH(3, 0, 11, 1))->code, C(4, 4));
}

static void device_execute_and_write(void **state)
{
    fx_t *f = *state;
    assert_int_equal(execute(f, &LWC_PATH(3, 0, 4)), C(2, 4));
    assert_int_equal(f->reboots, 1);
    /* No factory-reset callback: 5.01. */
    assert_int_equal(execute(f, &LWC_PATH(3, 0, 5)), C(5, 1));
    assert_int_equal(req(f, LWCI_DM_OP_WRITE_REPLACE, &LWC_PATH(3, 0, 14), 0,
                         "-05:00", 6, false)
                         ->code,
                     C(2, 4));
    expect_text(f, &LWC_PATH(3, 0, 14), "-05:00");
    assert_int_equal(req(f, LWCI_DM_OP_WRITE_REPLACE, &LWC_PATH(3, 0, 15), 0,
                         "Europe/Berlin", 13, false)
                         ->code,
                     C(2, 4));
    expect_text(f, &LWC_PATH(3, 0, 15), "Europe/Berlin");
    assert_int_equal(f->changes, 2);
    /* Current Time without set_time: 4.05; read-only: 4.05. */
    assert_int_equal(
        req(f, LWCI_DM_OP_WRITE_REPLACE, &LWC_PATH(3, 0, 13), 0, "0", 1, false)
            ->code,
        C(4, 5));
    assert_int_equal(
        req(f, LWCI_DM_OP_WRITE_REPLACE, &LWC_PATH(3, 0, 0), 0, "x", 1, false)
            ->code,
        C(4, 5));
    char tz[40];
    memset(tz, 'x', sizeof(tz));
    assert_int_equal(req(f, LWCI_DM_OP_WRITE_REPLACE, &LWC_PATH(3, 0, 15), 0,
                         tz, sizeof(tz), false)
                         ->code,
                     C(4, 0));
    assert_int_equal(
        req(f, LWCI_DM_OP_CREATE, &LWC_PATH(3), LWC_FORMAT_TLV, "", 0, false)
            ->code,
        C(4, 5));
}

/* ---- Server ---------------------------------------------------------------
 */

static void server_read_and_core_values(void **state)
{
    fx_t *f = *state;
    /* 0=101, 1=300, 6=false, 7="U", 17=3 (the other optional ones absent) */
    static const uint8_t want[] = {0xC1, 0x00, 0x65, 0xC2, 0x01, 0x01,
                                   0x2C, 0xC1, 0x06, 0x00, 0xC1, 0x07,
                                   'U',  0xC1, 0x11, 0x03};
    lwci_dm_response_t *r = rd_tlv(f, &LWC_PATH(1, 0));
    assert_int_equal(r->code, C(2, 5));
    assert_int_equal(r->payload_len, sizeof(want));
    assert_memory_equal(f->out, want, sizeof(want));

    int64_t v;
    assert_int_equal(lwci_dm_get_int(&f->dm, &LWC_PATH(1, 0, 1), &v), LWC_OK);
    assert_int_equal(v, 300);
    assert_int_equal(lwci_dm_get_int(&f->dm, &LWC_PATH(1, 0, 17), &v), LWC_OK);
    assert_int_equal(v, 3);
    /* Unset retry timer: absent, the core uses the spec default. */
    assert_int_equal(lwci_dm_get_int(&f->dm, &LWC_PATH(1, 0, 18), &v),
                     LWC_ERR_NOT_FOUND);
    assert_int_equal(rd(f, &LWC_PATH(1, 0, 18))->code, C(4, 4));
    char b[8];
    assert_int_equal(
        lwci_dm_get_string(&f->dm, &LWC_PATH(1, 0, 7), b, sizeof(b)), LWC_OK);
    assert_string_equal(b, "U");
}

static void server_writes(void **state)
{
    fx_t *f = *state;
    assert_int_equal(
        req(f, LWCI_DM_OP_WRITE_REPLACE, &LWC_PATH(1, 0, 1), 0, "60", 2, false)
            ->code,
        C(2, 4));
    assert_int_equal(f->changes, 1);
    assert_true(lwc_path_equal(&f->changed, &LWC_PATH(1, 0, 1)));
    int64_t v;
    lwci_dm_get_int(&f->dm, &LWC_PATH(1, 0, 1), &v);
    assert_int_equal(v, 60);
    assert_int_equal(
        req(f, LWCI_DM_OP_WRITE_REPLACE, &LWC_PATH(1, 0, 1), 0, "-1", 2, false)
            ->code,
        C(4, 0));
    assert_int_equal(
        req(f, LWCI_DM_OP_WRITE_REPLACE, &LWC_PATH(1, 0, 7), 0, "UQ", 2, false)
            ->code,
        C(2, 4));
    static const char *const bad_bindings[] = {"", "X", "UU", "u", "UQSNTMHX"};
    for (size_t k = 0; k < 5; k++) {
        assert_int_equal(req(f, LWCI_DM_OP_WRITE_REPLACE, &LWC_PATH(1, 0, 7), 0,
                             bad_bindings[k], strlen(bad_bindings[k]), false)
                             ->code,
                         C(4, 0));
    }
    assert_int_equal(
        req(f, LWCI_DM_OP_WRITE_REPLACE, &LWC_PATH(1, 0, 0), 0, "5", 1, false)
            ->code,
        C(4, 5));
    assert_int_equal(req(f, LWCI_DM_OP_WRITE_REPLACE, &LWC_PATH(1, 0, 19), 0,
                         "120", 3, false)
                         ->code,
                     C(2, 4));
    assert_int_equal(lwci_dm_get_int(&f->dm, &LWC_PATH(1, 0, 19), &v), LWC_OK);
    assert_int_equal(v, 120);

    /* Lifetime 500 with an invalid binding in one request: nothing
     * changes (transaction rollback). */
    static const uint8_t tlv[] = {0xC2, 0x01, 0x01, 0xF4, 0xC1, 0x07, 'Z'};
    assert_int_equal(req(f, LWCI_DM_OP_WRITE_PARTIAL, &LWC_PATH(1, 0),
                         LWC_FORMAT_TLV, tlv, sizeof(tlv), false)
                         ->code,
                     C(4, 0));
    lwci_dm_get_int(&f->dm, &LWC_PATH(1, 0, 1), &v);
    assert_int_equal(v, 60);
}

static void server_executes(void **state)
{
    fx_t *f = *state;
    assert_int_equal(execute(f, &LWC_PATH(1, 0, 8)), C(2, 4));
    assert_int_equal(f->triggers, 1);
    assert_int_equal(f->trigger_ssid, 101);
    assert_int_equal(execute(f, &LWC_PATH(1, 0, 4)), C(5, 1));
    f->srv.on_disable = spy_disable;
    f->srv.disable_ctx = f;
    assert_int_equal(execute(f, &LWC_PATH(1, 0, 4)), C(2, 4));
    assert_int_equal(f->disable_timeout, 86400);
    assert_int_equal(execute(f, &LWC_PATH(1, 0, 1)), C(4, 5));
}

static void server_bootstrap_create(void **state)
{
    fx_t *f = *state;
    if (LWC_MAX_SERVERS < 2) {
        skip(); /* needs a second Server instance slot */
    }
    uint32_t gen = lwci_dm_generation(&f->dm);
    /* Bootstrap-Write /1/5 with SSID 102, lifetime 120, binding "U". */
    static const uint8_t inst[] = {0xC1, 0x00, 0x66, 0xC1, 0x01,
                                   0x78, 0xC1, 0x07, 'U'};
    lwci_dm_response_t *r = req(f, LWCI_DM_OP_WRITE_REPLACE, &LWC_PATH(1, 5),
                                LWC_FORMAT_TLV, inst, sizeof(inst), true);
    assert_int_equal(r->code, C(2, 4));
    assert_true(lwci_dm_generation(&f->dm) != gen);
    int64_t v;
    assert_int_equal(lwci_dm_get_int(&f->dm, &LWC_PATH(1, 5, 0), &v), LWC_OK);
    assert_int_equal(v, 102);
    char links[64];
    size_t n;
    assert_int_equal(
        lwci_dm_registration_links(&f->dm, links, sizeof(links), &n), LWC_OK);
    links[n] = '\0';
    assert_string_equal(links,
                        "</1>;ver=1.2,</1/0>,</1/5>,</3>;ver=1.2,</3/0>");

    /* No free slot left (LWC_SERVER_MAX_INSTANCES = LWC_MAX_SERVERS = 2). */
    r = req(f, LWCI_DM_OP_CREATE, &LWC_PATH(1), LWC_FORMAT_TLV, inst,
            sizeof(inst), false);
    assert_int_equal(r->code, C(4, 13));
    assert_int_equal(
        req(f, LWCI_DM_OP_DELETE, &LWC_PATH(1, 5), -1, NULL, 0, false)->code,
        C(2, 2));
    /* Duplicate SSID, or none at all: validate refuses, nothing created. */
    static const uint8_t dup[] = {0xC1, 0x00, 0x65, 0xC1, 0x01, 0x78};
    r = req(f, LWCI_DM_OP_CREATE, &LWC_PATH(1), LWC_FORMAT_TLV, dup,
            sizeof(dup), false);
    assert_int_equal(r->code, C(4, 0));
    r = req(f, LWCI_DM_OP_CREATE, &LWC_PATH(1), LWC_FORMAT_TLV, dup + 3, 3,
            false);
    assert_int_equal(r->code, C(4, 0));
    assert_int_equal(lwci_dm_next_instance(&f->dm, 1, 0, &(uint16_t){0}),
                     LWC_ERR_NOT_FOUND);
}

static void server_add_instance_checks(void **state)
{
    fx_t *f = *state;
    if (LWC_MAX_SERVERS < 2) {
        skip(); /* needs a second Server instance slot */
    }
    lwc_server_instance_t in = {.short_server_id = 101, .lifetime = 60};
    assert_int_equal(lwc_server_add_instance(&f->srv, &in), LWC_ERR_EXISTS);
    in.short_server_id = 0;
    assert_int_equal(lwc_server_add_instance(&f->srv, &in),
                     LWC_ERR_INVALID_ARG);
    in.short_server_id = 7;
    in.binding = "UX";
    assert_int_equal(lwc_server_add_instance(&f->srv, &in),
                     LWC_ERR_INVALID_ARG);
    in.binding = NULL;
    assert_int_equal(lwc_server_add_instance(&f->srv, &in), 1);
    in.short_server_id = 8;
    assert_int_equal(lwc_server_add_instance(&f->srv, &in), LWC_ERR_NO_SPACE);
    assert_int_equal(lwc_server_remove_instance(&f->srv, 1), LWC_OK);
    assert_int_equal(lwc_server_remove_instance(&f->srv, 1), LWC_ERR_NOT_FOUND);
}

/* ---- Security ---------------------------------------------------------------
 */

static void security_only_for_bootstrap(void **state)
{
    fx_t *f = *state;
    assert_int_equal(rd(f, &LWC_PATH(0, 0, 0))->code, C(4, 1));
    assert_int_equal(rd(f, &LWC_PATH(0))->code, C(4, 1));
    lwci_dm_response_t *r =
        req(f, LWCI_DM_OP_READ, &LWC_PATH(0, 0, 3), -1, NULL, 0, true);
    assert_int_equal(r->code, C(2, 5));
    assert_int_equal(r->content_format, LWC_FORMAT_OPAQUE);
    assert_memory_equal(f->out, "dev1", 4);
    char uri[LWC_SERVER_URI_MAX + 1];
    assert_int_equal(
        lwci_dm_get_string(&f->dm, &LWC_PATH(0, 0, 0), uri, sizeof(uri)),
        LWC_OK);
    assert_string_equal(uri, "coaps://127.0.0.1:5684");
    uint8_t key[LWC_SECURITY_KEY_MAX];
    size_t n;
    assert_int_equal(
        lwci_dm_get_opaque(&f->dm, &LWC_PATH(0, 0, 5), key, sizeof(key), &n),
        LWC_OK);
    assert_int_equal(n, 3);
    int64_t v;
    bool b = true;
    assert_int_equal(lwci_dm_get_int(&f->dm, &LWC_PATH(0, 0, 10), &v), LWC_OK);
    assert_int_equal(v, 101);
    assert_int_equal(lwci_dm_get_int(&f->dm, &LWC_PATH(0, 0, 2), &v), LWC_OK);
    assert_int_equal(v, LWC_SECURITY_MODE_PSK);
    assert_int_equal(lwci_dm_get_bool(&f->dm, &LWC_PATH(0, 0, 1), &b), LWC_OK);
    assert_false(b);
    assert_int_equal(lwci_dm_get_int(&f->dm, &LWC_PATH(0, 0, 11), &v),
                     LWC_ERR_NOT_FOUND);
}

static void security_bootstrap_write_and_delete(void **state)
{
    fx_t *f = *state;
    /* Bootstrap-Write /0/1: URI, bootstrap=false, mode 3, SSID 102. */
    static const uint8_t inst[] = {
        0xC8, 0x00, 0x12, 'c',  'o',  'a',  'p',  ':',  '/',  '/',  '1',
        '2',  '7',  '.',  '0',  '.',  '0',  '.',  '1',  ':',  '9',  0xC1,
        0x01, 0x00, 0xC1, 0x02, 0x03, 0xC1, 0x0A, 0x66, 0xC1, 0x06, 0x00};
    lwci_dm_response_t *r = req(f, LWCI_DM_OP_WRITE_REPLACE, &LWC_PATH(0, 1),
                                LWC_FORMAT_TLV, inst, sizeof(inst), true);
    assert_int_equal(r->code, C(2, 4));
    char uri[32];
    assert_int_equal(
        lwci_dm_get_string(&f->dm, &LWC_PATH(0, 1, 0), uri, sizeof(uri)),
        LWC_OK);
    assert_string_equal(uri, "coap://127.0.0.1:9");
    /* SMS Security Mode was accepted but is not stored. */
    assert_int_equal(
        req(f, LWCI_DM_OP_READ, &LWC_PATH(0, 1, 6), -1, NULL, 0, true)->code,
        C(4, 4));
    /* Too long a key: 4.13. */
    uint8_t big[LWC_SECURITY_KEY_MAX + 1] = {0};
    r = req(f, LWCI_DM_OP_WRITE_REPLACE, &LWC_PATH(0, 1, 5), LWC_FORMAT_OPAQUE,
            big, sizeof(big), true);
    assert_int_equal(r->code, C(4, 13));
    r = req(f, LWCI_DM_OP_WRITE_REPLACE, &LWC_PATH(0, 1, 2), 0, "5", 1, true);
    assert_int_equal(r->code, C(4, 0));
    assert_int_equal(
        req(f, LWCI_DM_OP_DELETE, &LWC_PATH(0, 1), -1, NULL, 0, true)->code,
        C(2, 2));
    assert_int_equal(lwci_dm_get_string(&f->dm, &LWC_PATH(0, 1, 0), uri, 32),
                     LWC_ERR_NOT_FOUND);
    assert_int_equal(
        req(f, LWCI_DM_OP_DELETE, &LWC_PATH(0, 0), -1, NULL, 0, false)->code,
        C(4, 1));
}

static void security_add_instance_checks(void **state)
{
    fx_t *f = *state;
    if (LWC_SECURITY_MAX_INSTANCES < 3) {
        skip(); /* needs three Security instance slots */
    }
    char long_uri[LWC_SERVER_URI_MAX + 2];
    memset(long_uri, 'a', sizeof(long_uri) - 1);
    long_uri[sizeof(long_uri) - 1] = '\0';
    const lwc_security_instance_t bad[] = {
        {.short_server_id = 1},
        {.server_uri = "", .short_server_id = 1},
        {.server_uri = long_uri, .short_server_id = 1},
        {.server_uri = "coap://x"}, /* no SSID, not bootstrap */
        {.server_uri = "coap://x", .short_server_id = 1, .security_mode = 5},
        {.server_uri = "coap://x",
         .short_server_id = 1,
         .secret_key_len = LWC_SECURITY_KEY_MAX + 1,
         .secret_key = (const uint8_t *)long_uri},
        {.server_uri = "coap://x", .short_server_id = 1, .secret_key_len = 3},
    };
    for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
        assert_int_equal(lwc_security_add_instance(&f->sec, &bad[k]),
                         LWC_ERR_INVALID_ARG);
    }
    lwc_security_instance_t bs = {.server_uri = "coap://bs",
                                  .bootstrap = true,
                                  .client_hold_off_time = 10};
    int iid = lwc_security_add_instance(&f->sec, &bs);
    assert_int_equal(iid, 1);
    int64_t v;
    assert_int_equal(lwci_dm_get_int(&f->dm, &LWC_PATH(0, 1, 11), &v), LWC_OK);
    assert_int_equal(v, 10);
    assert_int_equal(lwci_dm_get_int(&f->dm, &LWC_PATH(0, 1, 10), &v),
                     LWC_ERR_NOT_FOUND);
    assert_int_equal(lwc_security_add_instance(&f->sec, &bs), 2);
    assert_int_equal(lwc_security_add_instance(&f->sec, &bs), LWC_ERR_NO_SPACE);
    assert_int_equal(lwc_security_remove_instance(&f->sec, 2), LWC_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(device_read_matches_spec_example, setup),
        cmocka_unit_test_setup(device_read_defaults_to_senml_cbor, setup),
        cmocka_unit_test_setup(device_resources, setup),
        cmocka_unit_test_setup(device_execute_and_write, setup),
        cmocka_unit_test_setup(server_read_and_core_values, setup),
        cmocka_unit_test_setup(server_writes, setup),
        cmocka_unit_test_setup(server_executes, setup),
        cmocka_unit_test_setup(server_bootstrap_create, setup),
        cmocka_unit_test_setup(server_add_instance_checks, setup),
        cmocka_unit_test_setup(security_only_for_bootstrap, setup),
        cmocka_unit_test_setup(security_bootstrap_write_and_delete, setup),
        cmocka_unit_test_setup(security_add_instance_checks, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
