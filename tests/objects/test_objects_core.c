/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * What the 1.2 versions of Security (0), Server (1) and Device (3) added,
 * as a server sees it through the data model: Security's ciphersuites and
 * TLS/OSCORE settings written by the bootstrap server, the Server
 * resources 9..27 (stored scalars, bootstrap-only ones, the unstored
 * multiple ones), Device's ExtDevInfo, Reset Error Code, Current Time,
 * UTC Offset and Timezone, and the object versions in the registration.
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

#include "objtest.h"

typedef struct {
    lwci_dm_t dm;
    objtest_t t;
    lwc_security_object_t sec;
    lwc_server_object_t srv;
    lwc_device_object_t dev;
    int bs_requests;
    uint16_t bs_ssid;
    int64_t clock;
    int time_sets;
} fx_t;

/* ---- Application callbacks ------------------------------------------ */

static int app_reboot(void *ctx)
{
    (void)ctx;
    return LWC_OK;
}

static int app_get_time(void *ctx, int64_t *t)
{
    *t = ((fx_t *)ctx)->clock;
    return LWC_OK;
}

static int app_set_time(void *ctx, int64_t t)
{
    fx_t *f = ctx;
    if (t < 0) {
        return LWC_ERR_INVALID_ARG;
    }
    f->clock = t;
    f->time_sets++;
    return LWC_OK;
}

static int app_bootstrap_request(void *ctx, uint16_t ssid)
{
    fx_t *f = ctx;
    f->bs_requests++;
    f->bs_ssid = ssid;
    return LWC_OK;
}

static const lwc_device_objlnk_t ext_info[2] = {{.oid = 10299, .iid = 0},
                                                {.oid = 10299, .iid = 1}};

/* ---- Fixture ----------------------------------------------------------- */

static int setup(void **state)
{
    static fx_t f;
    memset(&f, 0, sizeof(f));
    lwci_dm_init(&f.dm, NULL);
    f.t.dm = &f.dm;
    f.t.accept = -1;
    f.clock = 1700000000;

    assert_int_equal(lwc_security_object_init(&f.sec), LWC_OK);
    assert_int_equal(
        lwc_security_add_instance(&f.sec,
                                  &(lwc_security_instance_t){
                                      .server_uri = "coap://127.0.0.1:5683",
                                      .security_mode = LWC_SECURITY_MODE_NOSEC,
                                      .short_server_id = 101,
                                  }),
        0);
    assert_int_equal(lwc_server_object_init(&f.srv), LWC_OK);
    assert_int_equal(lwc_server_add_instance(&f.srv,
                                             &(lwc_server_instance_t){
                                                 .short_server_id = 101,
                                                 .lifetime = 300,
                                                 .binding = "U",
                                             }),
                     0);
    lwc_device_info_t info = {
        .manufacturer = "ACME",
        .ctx = &f,
        .on_reboot = app_reboot,
        .get_time = app_get_time,
        .set_time = app_set_time,
    };
    assert_int_equal(lwc_device_object_init(&f.dev, &info), LWC_OK);
    assert_int_equal(lwci_dm_add_object(&f.dm, &f.sec.object), LWC_OK);
    assert_int_equal(lwci_dm_add_object(&f.dm, &f.srv.object), LWC_OK);
    assert_int_equal(lwci_dm_add_object(&f.dm, &f.dev.object), LWC_OK);
    *state = &f;
    return 0;
}

/* ---- Security 1.2 -------------------------------------------------------- */

/* Bootstrap-Write of a whole instance carrying 1.2 resources: the stored
 * ones read back, the unstored ones are accepted and absent. */
static void security_bootstrap_write_v12(void **state)
{
    fx_t *f = *state;
    static const uint8_t inst[] = {
        /* 0: "coap://127.0.0.1:9", 1: false, 2: 3 (NoSec), 10: 102 */
        0xC8, 0x00, 0x12, 'c', 'o', 'a', 'p', ':', '/', '/', '1', '2', '7', '.',
        '0', '.', '0', '.', '1', ':', '9', 0xC1, 0x01, 0x00, 0xC1, 0x02, 0x03,
        0xC1, 0x0A, 0x66,
        /* 16: [0] = 0xC0A8, [1] = 0xAE */
        0x87, 0x10, 0x42, 0x00, 0xC0, 0xA8, 0x41, 0x01, 0xAE,
        /* 17: 21:0 (objlnk) */
        0xC4, 0x11, 0x00, 0x15, 0x00, 0x00,
        /* 22: 1 */
        0xC1, 0x16, 0x01,
        /* 25: ["coap:/"], not stored */
        0x88, 0x19, 0x08, 0x46, 0x00, 'c', 'o', 'a', 'p', ':', '/',
        /* 28: 3 */
        0xC1, 0x1C, 0x03,
        /* 30: "x", not stored */
        0xC1, 0x1E, 'x'};
    static const uint8_t ciphers[] = {0x87, 0x10, 0x42, 0x00, 0xC0,
                                      0xA8, 0x41, 0x01, 0xAE};
    f->t.bootstrap = true;
    assert_int_equal(
        objtest_write_tlv(&f->t, &LWC_PATH(0, 1), inst, sizeof(inst), false),
        C(2, 4));
    expect_tlv(&f->t, &LWC_PATH(0, 1, 16), ciphers);
    expect_text(&f->t, &LWC_PATH(0, 1, 16, 1), "174");
    expect_text(&f->t, &LWC_PATH(0, 1, 17), "21:0");
    expect_text(&f->t, &LWC_PATH(0, 1, 22), "1");
    expect_text(&f->t, &LWC_PATH(0, 1, 28), "3");
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(0, 1, 23)), C(4, 4));
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(0, 1, 25)), C(4, 4));
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(0, 1, 30)), C(4, 4));
    /* The instance set up by the application has none of them. */
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(0, 0, 16)), C(4, 4));
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(0, 0, 17)), C(4, 4));
    /* A management server still sees nothing of it. */
    f->t.bootstrap = false;
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(0, 1, 16)), C(4, 1));
}

static void security_ciphersuite_limits(void **state)
{
    fx_t *f = *state;
    static const uint8_t one[] = {0x42, 0x05, 0xC0, 0x2B};
    static const uint8_t after[] = {0x84, 0x10, 0x42, 0x05, 0xC0, 0x2B};
    static const uint8_t five[] = {0x41, 0x00, 0x01, 0x41, 0x01,
                                   0x02, 0x41, 0x02, 0x03, 0x41,
                                   0x03, 0x04, 0x41, 0x04, 0x05};
    f->t.bootstrap = true;
    /* Write-Replace of the resource replaces every instance. */
    assert_int_equal(
        objtest_write_tlv(&f->t, &LWC_PATH(0, 0, 16), one, sizeof(one), false),
        C(2, 4));
    assert_int_equal(
        objtest_write_tlv(&f->t, &LWC_PATH(0, 0, 16), one, sizeof(one), false),
        C(2, 4));
    expect_tlv(&f->t, &LWC_PATH(0, 0, 16), after);
    /* Five more do not fit next to it (4 by default). */
    assert_int_equal(
        objtest_write_tlv(&f->t, &LWC_PATH(0, 0, 16), five, sizeof(five), true),
        C(4, 13));
    /* Out of range values: 4.00. */
    assert_int_equal(objtest_put_text(&f->t, &LWC_PATH(0, 0, 16, 9), "65536"),
                     C(4, 0));
    assert_int_equal(objtest_put_text(&f->t, &LWC_PATH(0, 0, 28), "16"),
                     C(4, 0));
    assert_int_equal(objtest_put_text(&f->t, &LWC_PATH(0, 0, 22), "65536"),
                     C(4, 0));
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(0, 0, 22)), C(4, 4));
}

static void security_add_instance_ciphersuites(void **state)
{
    fx_t *f = *state;
    const uint16_t cs[LWC_SECURITY_MAX_CIPHERSUITES + 1] = {0xC0A8, 0xC0AE};
    lwc_security_instance_t in = {.server_uri = "coaps://127.0.0.1:5684",
                                  .security_mode = LWC_SECURITY_MODE_PSK,
                                  .short_server_id = 7,
                                  .ciphersuites = cs,
                                  .ciphersuite_count = 2};
    assert_int_equal(lwc_security_add_instance(&f->sec, &in), 1);
    f->t.bootstrap = true;
    expect_text(&f->t, &LWC_PATH(0, 1, 16, 0), "49320");
    expect_text(&f->t, &LWC_PATH(0, 1, 16, 1), "49326");
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(0, 1, 16, 2)), C(4, 4));
    assert_int_equal(lwc_security_remove_instance(&f->sec, 1), LWC_OK);
    in.ciphersuite_count = LWC_SECURITY_MAX_CIPHERSUITES + 1;
    assert_int_equal(lwc_security_add_instance(&f->sec, &in),
                     LWC_ERR_INVALID_ARG);
    in.ciphersuites = NULL;
    in.ciphersuite_count = 1;
    assert_int_equal(lwc_security_add_instance(&f->sec, &in),
                     LWC_ERR_INVALID_ARG);
}

/* ---- Server 1.2 -----------------------------------------------------------
 */

static void server_writable_v12_resources(void **state)
{
    fx_t *f = *state;
    static const struct {
        uint16_t rid;
        const char *text;
    } ok[] = {
        {LWC_SERVER_RID_APN_LINK, "11:0"},
        {LWC_SERVER_RID_INITIAL_REGISTRATION_DELAY, "30"},
        {LWC_SERVER_RID_TRIGGER, "1"},
        {LWC_SERVER_RID_PREFERRED_TRANSPORT, "T"},
        {LWC_SERVER_RID_MUTE_SEND, "1"},
        {LWC_SERVER_RID_DEFAULT_NOTIFICATION_MODE, "1"},
        {LWC_SERVER_RID_PROFILE_ID_HASH_ALGORITHM, "255"},
    };
    for (size_t k = 0; k < sizeof(ok) / sizeof(ok[0]); k++) {
        const lwc_path_t p = LWC_PATH(1, 0, ok[k].rid);
        assert_int_equal(objtest_read(&f->t, &p), C(4, 4)); /* not yet */
        assert_int_equal(objtest_put_text(&f->t, &p, ok[k].text), C(2, 4));
        expect_text(&f->t, &p, ok[k].text);
    }
    static const struct {
        uint16_t rid;
        const char *text;
    } bad[] = {
        {LWC_SERVER_RID_PREFERRED_TRANSPORT, "X"},
        {LWC_SERVER_RID_PREFERRED_TRANSPORT, "UT"},
        {LWC_SERVER_RID_PREFERRED_TRANSPORT, "Q"},
        {LWC_SERVER_RID_DEFAULT_NOTIFICATION_MODE, "2"},
        {LWC_SERVER_RID_PROFILE_ID_HASH_ALGORITHM, "256"},
    };
    for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
        const lwc_path_t p = LWC_PATH(1, 0, bad[k].rid);
        assert_int_equal(objtest_put_text(&f->t, &p, bad[k].text), C(4, 0));
    }
    expect_text(&f->t, &LWC_PATH(1, 0, 22), "T"); /* unchanged */
    expect_text(&f->t, &LWC_PATH(1, 0, 26), "1");
}

/* 11, 12, 13, 15, 16 are read-only for management servers; the bootstrap
 * server sets them. */
static void server_bootstrap_only_resources(void **state)
{
    fx_t *f = *state;
    static const struct {
        uint16_t rid;
        const char *text;
    } ro[] = {
        {LWC_SERVER_RID_TLS_DTLS_ALERT_CODE, "40"},
        {LWC_SERVER_RID_LAST_BOOTSTRAPPED, "1700000000"},
        {LWC_SERVER_RID_REGISTRATION_PRIORITY_ORDER, "2"},
        {LWC_SERVER_RID_REGISTRATION_FAILURE_BLOCK, "1"},
        {LWC_SERVER_RID_BOOTSTRAP_ON_REGISTRATION_FAILURE, "0"},
    };
    for (size_t k = 0; k < sizeof(ro) / sizeof(ro[0]); k++) {
        const lwc_path_t p = LWC_PATH(1, 0, ro[k].rid);
        f->t.bootstrap = false;
        assert_int_equal(objtest_put_text(&f->t, &p, ro[k].text), C(4, 5));
        assert_int_equal(objtest_read(&f->t, &p), C(4, 4));
        f->t.bootstrap = true;
        assert_int_equal(objtest_put_text(&f->t, &p, ro[k].text), C(2, 4));
        f->t.bootstrap = false;
        expect_text(&f->t, &p, ro[k].text);
    }
    f->t.bootstrap = true;
    assert_int_equal(objtest_put_text(&f->t, &LWC_PATH(1, 0, 11), "256"),
                     C(4, 0));
}

/* 24 and 25 are not stored: absent, and a Write says so (4.05). */
static void server_unstored_multiple_resources(void **state)
{
    fx_t *f = *state;
    static const uint8_t links[] = {0x44, 0x00, 0x00, 0x0B, 0x00, 0x01};
    static const uint8_t versions[] = {0x43, 0x00, '1', '.', '2'};
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(1, 0, 24)), C(4, 4));
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(1, 0, 25)), C(4, 4));
    assert_int_equal(objtest_write_tlv(&f->t, &LWC_PATH(1, 0, 24), links,
                                       sizeof(links), false),
                     C(4, 5));
    assert_int_equal(objtest_write_tlv(&f->t, &LWC_PATH(1, 0, 25), versions,
                                       sizeof(versions), false),
                     C(4, 5));
    /* The whole instance still reads (without them). */
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(1, 0)), C(2, 5));
}

static void server_bootstrap_request_trigger(void **state)
{
    fx_t *f = *state;
    assert_int_equal(objtest_exec(&f->t, &LWC_PATH(1, 0, 9)), C(5, 1));
    f->srv.on_bootstrap_request = app_bootstrap_request;
    f->srv.bootstrap_request_ctx = f;
    assert_int_equal(objtest_exec(&f->t, &LWC_PATH(1, 0, 9)), C(2, 4));
    assert_int_equal(f->bs_requests, 1);
    assert_int_equal(f->bs_ssid, 101);
    assert_int_equal(objtest_exec(&f->t, &LWC_PATH(1, 0, 21)), C(4, 5));
}

/* ---- Device 1.2 -----------------------------------------------------------
 */

static void device_ext_dev_info(void **state)
{
    fx_t *f = *state;
    /* Not given: absent, and left out of the instance (0 "ACME", 11 [0],
     * 13 1700000000, 16 "U"). */
    static const uint8_t instance[] = {0xC4, 0x00, 'A',  'C',  'M',  'E',  0x83,
                                       0x0B, 0x41, 0x00, 0x00, 0xC4, 0x0D, 0x65,
                                       0x53, 0xF1, 0x00, 0xC1, 0x10, 'U'};
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(3, 0, 22)), C(4, 4));
    expect_tlv(&f->t, &LWC_PATH(3, 0), instance);
    lwc_device_info_t info = f->dev.info;
    info.ext_dev_info = ext_info;
    info.ext_dev_info_count = 2;
    assert_int_equal(lwc_device_object_init(&f->dev, &info), LWC_OK);
    static const uint8_t want[] = {0x88, 0x16, 0x0C, 0x44, 0x00,
                                   0x28, 0x3B, 0x00, 0x00, 0x44,
                                   0x01, 0x28, 0x3B, 0x00, 0x01};
    expect_tlv(&f->t, &LWC_PATH(3, 0, 22), want);
    expect_text(&f->t, &LWC_PATH(3, 0, 22, 1), "10299:1");
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(3, 0, 22, 2)), C(4, 4));
    info.ext_dev_info = NULL;
    assert_int_equal(lwc_device_object_init(&f->dev, &info),
                     LWC_ERR_INVALID_ARG);
}

static void device_reset_error_code(void **state)
{
    fx_t *f = *state;
    static const uint8_t two[] = {0x86, 0x0B, 0x41, 0x00,
                                  0x01, 0x41, 0x01, 0x05};
    static const uint8_t none[] = {0x83, 0x0B, 0x41, 0x00, 0x00};
    expect_tlv(&f->t, &LWC_PATH(3, 0, 11), none);
    assert_int_equal(lwc_device_add_error(&f->dev, 1), LWC_OK);
    assert_int_equal(lwc_device_add_error(&f->dev, 5), LWC_OK);
    assert_int_equal(lwc_device_add_error(&f->dev, 5), LWC_OK); /* once */
    expect_tlv(&f->t, &LWC_PATH(3, 0, 11), two);
    assert_int_equal(objtest_exec(&f->t, &LWC_PATH(3, 0, 12)), C(2, 4));
    expect_tlv(&f->t, &LWC_PATH(3, 0, 11), none);
    /* Only executables execute; Error Code is read-only. */
    assert_int_equal(objtest_exec(&f->t, &LWC_PATH(3, 0, 11)), C(4, 5));
    assert_int_equal(objtest_put_text(&f->t, &LWC_PATH(3, 0, 11, 0), "3"),
                     C(4, 5));
}

static void device_time_resources(void **state)
{
    fx_t *f = *state;
    expect_text(&f->t, &LWC_PATH(3, 0, 13), "1700000000");
    assert_int_equal(objtest_put_text(&f->t, &LWC_PATH(3, 0, 13), "1700000600"),
                     C(2, 4));
    assert_int_equal(f->time_sets, 1);
    expect_text(&f->t, &LWC_PATH(3, 0, 13), "1700000600");
    /* The application's callback refuses: 4.00, time unchanged. */
    assert_int_equal(objtest_put_text(&f->t, &LWC_PATH(3, 0, 13), "-5"),
                     C(4, 0));
    expect_text(&f->t, &LWC_PATH(3, 0, 13), "1700000600");
    /* UTC Offset and Timezone: absent until written, then stored. */
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(3, 0, 14)), C(4, 4));
    assert_int_equal(objtest_put_text(&f->t, &LWC_PATH(3, 0, 14), "+01:00"),
                     C(2, 4));
    assert_int_equal(
        objtest_put_text(&f->t, &LWC_PATH(3, 0, 15), "Europe/Paris"), C(2, 4));
    expect_text(&f->t, &LWC_PATH(3, 0, 14), "+01:00");
    expect_text(&f->t, &LWC_PATH(3, 0, 15), "Europe/Paris");
    /* Supported Binding and Modes: "U" unless set, read-only. */
    expect_text(&f->t, &LWC_PATH(3, 0, 16), "U");
    assert_int_equal(objtest_put_text(&f->t, &LWC_PATH(3, 0, 16), "UQ"),
                     C(4, 5));
    /* Not provided by this device: 4.04. */
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(3, 0, 9)), C(4, 4));
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(3, 0, 19)), C(4, 4));
}

/* ---- Versions in the registration ------------------------------------- */

static void registration_announces_versions(void **state)
{
    fx_t *f = *state;
    char links[128];
    size_t n = 0;
    assert_int_equal(
        lwci_dm_registration_links(&f->dm, links, sizeof(links) - 1, &n),
        LWC_OK);
    links[n] = '\0';
    assert_string_equal(links, "</1>;ver=1.2,</1/0>,</3>;ver=1.2,</3/0>");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(security_bootstrap_write_v12, setup),
        cmocka_unit_test_setup(security_ciphersuite_limits, setup),
        cmocka_unit_test_setup(security_add_instance_ciphersuites, setup),
        cmocka_unit_test_setup(server_writable_v12_resources, setup),
        cmocka_unit_test_setup(server_bootstrap_only_resources, setup),
        cmocka_unit_test_setup(server_unstored_multiple_resources, setup),
        cmocka_unit_test_setup(server_bootstrap_request_trigger, setup),
        cmocka_unit_test_setup(device_ext_dev_info, setup),
        cmocka_unit_test_setup(device_reset_error_code, setup),
        cmocka_unit_test_setup(device_time_resources, setup),
        cmocka_unit_test_setup(registration_announces_versions, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
