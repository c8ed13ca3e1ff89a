/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Connectivity Monitoring (4) and Location (6) as a server sees them
 * through the data model: values from the application's callbacks (4) or
 * from lwc_location_update() / a read callback (6), in text and TLV;
 * unknown values absent (4.04); nothing writable (4.05).
 */
#include <math.h> /* NAN only */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <lwc/objects/connmon.h>
#include <lwc/objects/location.h>

#include "objtest.h"

/* A modem as the application knows it. */
typedef struct {
    int64_t bearer;
    int64_t available[3];
    size_t available_count;
    int64_t rssi;
    int64_t cell_id;
    const char *ips[LWC_CONNMON_MAX_VALUES + 2];
    size_t ip_count;
    const char *apn;
    int fail; /* every callback answers LWC_ERR_IO */
} modem_t;

typedef struct {
    lwci_dm_t dm;
    objtest_t t;
    modem_t modem;
    lwc_connmon_object_t cm;
    lwc_location_object_t loc;
    lwc_location_object_t loc_cb; /* a second Location, callback-driven */
    bool cb_has_fix;
    int cb_calls;
} fx_t;

/* ---- Application callbacks ------------------------------------------ */

static int modem_int(void *ctx, uint16_t rid, uint16_t index, int64_t *out)
{
    const modem_t *m = ctx;
    if (m->fail) {
        return LWC_ERR_IO;
    }
    switch (rid) {
    case LWC_CONNMON_RID_NETWORK_BEARER:
        *out = m->bearer;
        return LWC_OK;
    case LWC_CONNMON_RID_AVAILABLE_BEARERS:
        if (index >= m->available_count) {
            return LWC_ERR_NOT_FOUND;
        }
        *out = m->available[index];
        return LWC_OK;
    case LWC_CONNMON_RID_RADIO_SIGNAL_STRENGTH:
        *out = m->rssi;
        return LWC_OK;
    case LWC_CONNMON_RID_CELL_ID:
        *out = m->cell_id;
        return LWC_OK;
    default:
        return LWC_ERR_NOT_FOUND;
    }
}

static int modem_string(void *ctx, uint16_t rid, uint16_t index,
                        const char **out)
{
    const modem_t *m = ctx;
    if (m->fail) {
        return LWC_ERR_IO;
    }
    if (rid == LWC_CONNMON_RID_IP_ADDRESSES && index < m->ip_count) {
        *out = m->ips[index];
        return LWC_OK;
    }
    if (rid == LWC_CONNMON_RID_APN && index == 0 && m->apn) {
        *out = m->apn;
        return LWC_OK;
    }
    return LWC_ERR_NOT_FOUND;
}

static int gps_read(void *ctx, lwc_location_values_t *out)
{
    fx_t *f = ctx;
    f->cb_calls++;
    if (!f->cb_has_fix) {
        return LWC_ERR_NOT_FOUND;
    }
    out->latitude = -43.5723;
    out->longitude = 153.2176;
    out->timestamp = 1700000100;
    out->speed = 1.5;
    out->has_speed = true;
    return LWC_OK;
}

/* ---- Fixture ----------------------------------------------------------- */

static int setup(void **state)
{
    static fx_t f;
    memset(&f, 0, sizeof(f));
    lwci_dm_init(&f.dm, NULL);
    f.t.dm = &f.dm;
    f.t.accept = -1;
    f.modem = (modem_t){
        .bearer = LWC_CONNMON_BEARER_LTE_FDD,
        .available = {LWC_CONNMON_BEARER_LTE_FDD, LWC_CONNMON_BEARER_NB_IOT,
                      LWC_CONNMON_BEARER_WLAN},
        .available_count = 3,
        .rssi = -97,
        .cell_id = 0x01234567,
        .ips = {"10.0.0.7", "2001:db8::7"},
        .ip_count = 2,
        .apn = "iot.example",
    };
    assert_int_equal(lwc_connmon_object_init(&f.cm,
                                             &(lwc_connmon_callbacks_t){
                                                 .read_int = modem_int,
                                                 .read_string = modem_string,
                                                 .ctx = &f.modem,
                                             }),
                     LWC_OK);
    assert_int_equal(lwc_location_object_init(&f.loc, NULL, NULL), LWC_OK);
    assert_int_equal(lwci_dm_add_object(&f.dm, &f.cm.object), LWC_OK);
    assert_int_equal(lwci_dm_add_object(&f.dm, &f.loc.object), LWC_OK);
    *state = &f;
    return 0;
}

/* ---- Connectivity Monitoring ------------------------------------------ */

static void connmon_instance_in_tlv(void **state)
{
    fx_t *f = *state;
    static const uint8_t want[] = {
        /* 0 Network Bearer: 6 (LTE-FDD) */
        0xC1, 0x00, 0x06,
        /* 1 Available Network Bearer: [6, 7, 21] */
        0x88, 0x01, 0x09, 0x41, 0x00, 0x06, 0x41, 0x01, 0x07, 0x41, 0x02, 0x15,
        /* 2 Radio Signal Strength: -97 dBm */
        0xC1, 0x02, 0x9F,
        /* 4 IP Addresses */
        0x88, 0x04, 0x19, 0x48, 0x00, 0x08, '1', '0', '.', '0', '.', '0', '.',
        '7', 0x48, 0x01, 0x0B, '2', '0', '0', '1', ':', 'd', 'b', '8', ':', ':',
        '7',
        /* 7 APN */
        0x88, 0x07, 0x0E, 0x48, 0x00, 0x0B, 'i', 'o', 't', '.', 'e', 'x', 'a',
        'm', 'p', 'l', 'e',
        /* 8 Cell ID */
        0xC4, 0x08, 0x01, 0x23, 0x45, 0x67};
    expect_tlv(&f->t, &LWC_PATH(4, 0), want);
}

static void connmon_single_values_in_text(void **state)
{
    fx_t *f = *state;
    expect_text(&f->t, &LWC_PATH(4, 0, 0), "6");
    expect_text(&f->t, &LWC_PATH(4, 0, 2), "-97");
    expect_text(&f->t, &LWC_PATH(4, 0, 1, 2), "21");
    expect_text(&f->t, &LWC_PATH(4, 0, 4, 1), "2001:db8::7");
    expect_text(&f->t, &LWC_PATH(4, 0, 8), "19088743");
    /* Values the modem does not know: absent. */
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(4, 0, 3)), C(4, 4));
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(4, 0, 5)), C(4, 4));
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(4, 0, 13)), C(4, 4));
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(4, 0, 4, 2)), C(4, 4));
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(4, 1)), C(4, 4));
    /* The bearer changes: the next read says so (nothing is cached). */
    f->modem.bearer = LWC_CONNMON_BEARER_NB_IOT;
    expect_text(&f->t, &LWC_PATH(4, 0, 0), "7");
    f->modem.apn = NULL;
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(4, 0, 7)), C(4, 4));
}

/* The last read answered an empty SenML pack: the default format of a
 * hierarchical read (LwM2M 1.1 Core §7.4), an empty definite-length CBOR
 * array (RFC 8428 §6) because the instance has no readable resource. */
static void expect_empty_senml_cbor(const objtest_t *t)
{
    assert_int_equal(t->resp.content_format, LWC_FORMAT_SENML_CBOR);
    assert_int_equal(t->resp.payload_len, 1);
    assert_memory_equal(t->out, "\x80", 1);
}

/* At most LWC_CONNMON_MAX_VALUES instances of a multiple resource. */
static void connmon_multiple_resources_are_bounded(void **state)
{
    fx_t *f = *state;
    for (size_t i = 0; i < LWC_CONNMON_MAX_VALUES + 2; i++) {
        f->modem.ips[i] = "::1";
    }
    f->modem.ip_count = LWC_CONNMON_MAX_VALUES + 2;
    f->t.accept = LWC_FORMAT_TLV;
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(4, 0, 4)), C(2, 5));
    f->t.accept = -1;
    /* n entries of "::1" (5 bytes each) in one multiple-resource entry */
    size_t n = LWC_CONNMON_MAX_VALUES;
    assert_int_equal(f->t.resp.payload_len, (n * 5 > 255 ? 4 : 3) + n * 5);
    expect_text(&f->t, &LWC_PATH(4, 0, 4, LWC_CONNMON_MAX_VALUES - 1), "::1");
    assert_int_equal(
        objtest_read(&f->t, &LWC_PATH(4, 0, 4, LWC_CONNMON_MAX_VALUES)),
        C(4, 4));
}

static void connmon_is_read_only(void **state)
{
    fx_t *f = *state;
    assert_int_equal(objtest_put_text(&f->t, &LWC_PATH(4, 0, 0), "7"), C(4, 5));
    assert_int_equal(objtest_put_text(&f->t, &LWC_PATH(4, 0, 4, 0), "x"),
                     C(4, 5));
    assert_int_equal(objtest_exec(&f->t, &LWC_PATH(4, 0, 0)), C(4, 5));
    assert_int_equal(
        objtest_req(&f->t, LWCI_DM_OP_DELETE, &LWC_PATH(4, 0), -1, NULL, 0)
            ->code,
        C(4, 5));
    assert_int_equal(objtest_req(&f->t, LWCI_DM_OP_CREATE, &LWC_PATH(4),
                                 LWC_FORMAT_TLV, NULL, 0)
                         ->code,
                     C(4, 5));
}

static void connmon_callback_errors(void **state)
{
    fx_t *f = *state;
    f->modem.fail = 1;
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(4, 0, 0)), C(5, 0));
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(4, 0, 4)), C(5, 0));
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(4, 0)), C(5, 0));
    /* Without callbacks every resource is absent; the instance exists. */
    assert_int_equal(
        lwc_connmon_object_init(&f->cm, &(lwc_connmon_callbacks_t){0}), LWC_OK);
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(4, 0, 0)), C(4, 4));
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(4, 0, 1)), C(4, 4));
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(4, 0)), C(2, 5));
    expect_empty_senml_cbor(&f->t);
    assert_int_equal(lwc_connmon_object_init(&f->cm, NULL),
                     LWC_ERR_INVALID_ARG);
}

/* ---- Location ------------------------------------------------------------ */

static void location_absent_until_first_fix(void **state)
{
    fx_t *f = *state;
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(6, 0, 0)), C(4, 4));
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(6, 0, 5)), C(4, 4));
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(6, 0)), C(2, 5));
    expect_empty_senml_cbor(&f->t);
}

static void location_update_and_read(void **state)
{
    fx_t *f = *state;
    uint8_t velocity[4] = {0x00, 0x5A, 0x00, 0x0A}; /* 90 deg, 10 km/h */
    lwc_location_values_t v = {
        .latitude = 52.5163,
        .longitude = 13.3777,
        .timestamp = 1700000000,
        .altitude = 34.5,
        .has_altitude = true,
        .velocity = velocity,
        .velocity_len = sizeof(velocity),
    };
    assert_int_equal(lwc_location_update(&f->loc, &v), LWC_OK);
    velocity[1] = 0; /* the object keeps its own copy */
    expect_text(&f->t, &LWC_PATH(6, 0, 0), "52.5163");
    expect_text(&f->t, &LWC_PATH(6, 0, 1), "13.3777");
    expect_text(&f->t, &LWC_PATH(6, 0, 2), "34.5");
    expect_text(&f->t, &LWC_PATH(6, 0, 5), "1700000000");
    lwci_dm_response_t *r =
        objtest_req(&f->t, LWCI_DM_OP_READ, &LWC_PATH(6, 0, 4), -1, NULL, 0);
    assert_int_equal(r->code, C(2, 5));
    assert_int_equal(r->content_format, LWC_FORMAT_OPAQUE);
    assert_int_equal(r->payload_len, 4);
    assert_memory_equal(f->t.out, "\x00\x5A\x00\x0A", 4);
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(6, 0, 3)), C(4, 4));
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(6, 0, 6)), C(4, 4));

    /* TLV carries the double itself (8 bytes when a float would lose
     * precision, 4 when it would not). */
    static const uint8_t lat[] = {0xC8, 0x00, 0x08, 0x40, 0x4A, 0x42,
                                  0x16, 0x1E, 0x4F, 0x76, 0x60};
    static const uint8_t alt[] = {0xC4, 0x02, 0x42, 0x0A, 0x00, 0x00};
    f->t.accept = LWC_FORMAT_TLV;
    expect_tlv(&f->t, &LWC_PATH(6, 0, 0), lat);
    expect_tlv(&f->t, &LWC_PATH(6, 0, 2), alt);

    lwc_location_clear(&f->loc);
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(6, 0, 0)), C(4, 4));
}

static void location_rejects_invalid_fixes(void **state)
{
    fx_t *f = *state;
    const lwc_location_values_t good = {
        .latitude = 1.0, .longitude = 2.0, .timestamp = 3};
    assert_int_equal(lwc_location_update(&f->loc, &good), LWC_OK);
    const lwc_location_values_t bad[] = {
        {.latitude = 90.5, .longitude = 2.0},
        {.latitude = 1.0, .longitude = -180.5},
        {.latitude = NAN, .longitude = 2.0},
        {.latitude = 1.0, .longitude = 2.0, .radius = -1.0, .has_radius = true},
        {.latitude = 1.0, .longitude = 2.0, .speed = INFINITY, .has_speed = 1},
        {.latitude = 1.0, .longitude = 2.0, .velocity_len = 2},
    };
    for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
        assert_int_equal(lwc_location_update(&f->loc, &bad[k]),
                         LWC_ERR_INVALID_ARG);
    }
    static const uint8_t nine[LWC_LOCATION_VELOCITY_MAX + 1] = {0};
    const lwc_location_values_t long_velocity = {.velocity = nine,
                                                 .velocity_len = sizeof(nine)};
    assert_int_equal(lwc_location_update(&f->loc, &long_velocity),
                     LWC_ERR_NO_SPACE);
    assert_int_equal(lwc_location_update(NULL, &good), LWC_ERR_INVALID_ARG);
    /* The stored fix did not change. */
    expect_text(&f->t, &LWC_PATH(6, 0, 0), "1");
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(6, 0, 3)), C(4, 4));
    /* Read-only for servers. */
    assert_int_equal(objtest_put_text(&f->t, &LWC_PATH(6, 0, 0), "5.0"),
                     C(4, 5));
    expect_text(&f->t, &LWC_PATH(6, 0, 0), "1");
}

static void location_from_callback(void **state)
{
    fx_t *f = *state;
    assert_int_equal(lwci_dm_remove_object(&f->dm, LWC_OID_LOCATION), LWC_OK);
    assert_int_equal(lwc_location_object_init(&f->loc_cb, gps_read, f), LWC_OK);
    assert_int_equal(lwci_dm_add_object(&f->dm, &f->loc_cb.object), LWC_OK);
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(6, 0, 0)), C(4, 4));
    f->cb_has_fix = true;
    expect_text(&f->t, &LWC_PATH(6, 0, 0), "-43.5723");
    expect_text(&f->t, &LWC_PATH(6, 0, 1), "153.2176");
    expect_text(&f->t, &LWC_PATH(6, 0, 6), "1.5");
    expect_text(&f->t, &LWC_PATH(6, 0, 5), "1700000100");
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(6, 0, 2)), C(4, 4));
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(6, 0, 4)), C(4, 4));
    assert_int_equal(f->cb_calls, 7); /* once per read: nothing cached */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(connmon_instance_in_tlv, setup),
        cmocka_unit_test_setup(connmon_single_values_in_text, setup),
        cmocka_unit_test_setup(connmon_multiple_resources_are_bounded, setup),
        cmocka_unit_test_setup(connmon_is_read_only, setup),
        cmocka_unit_test_setup(connmon_callback_errors, setup),
        cmocka_unit_test_setup(location_absent_until_first_fix, setup),
        cmocka_unit_test_setup(location_update_and_read, setup),
        cmocka_unit_test_setup(location_rejects_invalid_fixes, setup),
        cmocka_unit_test_setup(location_from_callback, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
