/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The example IPSO Temperature object (examples/temperature, 3303) as a
 * server sees it through the data model: samples and their min/max, the
 * Reset Min and Max execute, the writable Application Type with its
 * validation, absent resources and read-only ones.
 */
#include <math.h> /* NAN, INFINITY only */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "objtest.h"
#include "temperature.h"

typedef struct {
    lwci_dm_t dm;
    objtest_t t;
    temperature_t temp;
} fx_t;

static int setup(void **state)
{
    static fx_t f;
    memset(&f, 0, sizeof(f));
    lwci_dm_init(&f.dm, NULL);
    f.t.dm = &f.dm;
    f.t.accept = -1;
    const temperature_config_t cfg = {
        .units = "Cel",
        .has_range = true,
        .min_range = -40.0,
        .max_range = 125.0,
        .application_type = "Outdoor",
    };
    assert_int_equal(temperature_init(&f.temp, &cfg), LWC_OK);
    assert_int_equal(lwci_dm_add_object(&f.dm, &f.temp.object), LWC_OK);
    *state = &f;
    return 0;
}

#define P(rid) (&LWC_PATH(TEMPERATURE_OID, 0, (rid)))

static void before_the_first_sample(void **state)
{
    fx_t *f = *state;
    assert_int_equal(objtest_read(&f->t, P(5700)), C(4, 4));
    assert_int_equal(objtest_read(&f->t, P(5601)), C(4, 4));
    assert_int_equal(objtest_read(&f->t, P(5602)), C(4, 4));
    expect_text(&f->t, P(5701), "Cel");
    expect_text(&f->t, P(5603), "-40");
    expect_text(&f->t, P(5604), "125");
    expect_text(&f->t, P(5750), "Outdoor");
    /* Defined by 3303.xml, not reported by this sensor. */
    assert_int_equal(objtest_read(&f->t, P(5518)), C(4, 4));
    assert_int_equal(objtest_read(&f->t, P(6042)), C(4, 4));
    assert_int_equal(objtest_read(&f->t, P(6049)), C(4, 4));
    assert_int_equal(objtest_read(&f->t, P(6050)), C(4, 4));
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(TEMPERATURE_OID, 1)),
                     C(4, 4));
}

static void samples_track_min_and_max(void **state)
{
    fx_t *f = *state;
    assert_int_equal(temperature_set_value(&f->temp, 21.5), LWC_OK);
    assert_int_equal(temperature_set_value(&f->temp, 19.0), LWC_OK);
    assert_int_equal(temperature_set_value(&f->temp, 23.25), LWC_OK);
    expect_text(&f->t, P(5700), "23.25");
    expect_text(&f->t, P(5601), "19");
    expect_text(&f->t, P(5602), "23.25");
    /* The instance in TLV: 16-bit Resource IDs, floats that fit 4 bytes. */
    static const uint8_t want[] = {
        0xE4, 0x15, 0xE1, 0x41, 0x98, 0x00, 0x00, /* 5601: 19.0 */
        0xE4, 0x15, 0xE2, 0x41, 0xBA, 0x00, 0x00, /* 5602: 23.25 */
        0xE4, 0x15, 0xE3, 0xC2, 0x20, 0x00, 0x00, /* 5603: -40.0 */
        0xE4, 0x15, 0xE4, 0x42, 0xFA, 0x00, 0x00, /* 5604: 125.0 */
        0xE4, 0x16, 0x44, 0x41, 0xBA, 0x00, 0x00, /* 5700: 23.25 */
        0xE3, 0x16, 0x45, 'C',  'e',  'l',        /* 5701 */
        0xE7, 0x16, 0x76, 'O',  'u',  't',  'd',  'o', 'o', 'r'}; /* 5750 */
    expect_tlv(&f->t, &LWC_PATH(TEMPERATURE_OID, 0), want);
    /* Not a number: refused, nothing changes. */
    assert_int_equal(temperature_set_value(&f->temp, NAN), LWC_ERR_INVALID_ARG);
    assert_int_equal(temperature_set_value(&f->temp, -INFINITY),
                     LWC_ERR_INVALID_ARG);
    assert_int_equal(temperature_set_value(NULL, 1.0), LWC_ERR_INVALID_ARG);
    expect_text(&f->t, P(5601), "19");
}

static void reset_min_and_max(void **state)
{
    fx_t *f = *state;
    assert_int_equal(temperature_set_value(&f->temp, 30.0), LWC_OK);
    assert_int_equal(temperature_set_value(&f->temp, 20.5), LWC_OK);
    expect_text(&f->t, P(5602), "30");
    assert_int_equal(objtest_exec(&f->t, P(5605)), C(2, 4));
    expect_text(&f->t, P(5601), "20.5");
    expect_text(&f->t, P(5602), "20.5");
    assert_int_equal(temperature_set_value(&f->temp, 22.0), LWC_OK);
    expect_text(&f->t, P(5601), "20.5");
    expect_text(&f->t, P(5602), "22");
    /* Only 5605 executes. */
    assert_int_equal(objtest_exec(&f->t, P(5700)), C(4, 5));
    assert_int_equal(objtest_exec(&f->t, P(5750)), C(4, 5));
}

static void application_type_is_validated(void **state)
{
    fx_t *f = *state;
    assert_int_equal(objtest_put_text(&f->t, P(5750), "Freezer 2"), C(2, 4));
    expect_text(&f->t, P(5750), "Freezer 2");
    char longer[TEMPERATURE_APP_TYPE_MAX + 2];
    memset(longer, 'a', sizeof(longer) - 1);
    longer[sizeof(longer) - 1] = '\0';
    assert_int_equal(objtest_put_text(&f->t, P(5750), longer), C(4, 0));
    assert_int_equal(objtest_put_text(&f->t, P(5750), "a\nb"), C(4, 0));
    expect_text(&f->t, P(5750), "Freezer 2");
    longer[TEMPERATURE_APP_TYPE_MAX] = '\0'; /* exactly the maximum */
    assert_int_equal(objtest_put_text(&f->t, P(5750), longer), C(2, 4));
    expect_text(&f->t, P(5750), longer);
    /* Written empty: absent. */
    assert_int_equal(objtest_put_text(&f->t, P(5750), ""), C(2, 4));
    assert_int_equal(objtest_read(&f->t, P(5750)), C(4, 4));
}

static void read_only_resources_refuse_writes(void **state)
{
    fx_t *f = *state;
    assert_int_equal(objtest_put_text(&f->t, P(5700), "1.5"), C(4, 5));
    assert_int_equal(objtest_put_text(&f->t, P(5701), "K"), C(4, 5));
    assert_int_equal(objtest_put_text(&f->t, P(5605), ""), C(4, 5));
    assert_int_equal(objtest_read(&f->t, P(5605)), C(4, 5));
    /* The bootstrap server may write anything; the object still says no. */
    f->t.bootstrap = true;
    assert_int_equal(objtest_put_text(&f->t, P(5700), "1.5"), C(4, 5));
    assert_int_equal(objtest_read(&f->t, P(5700)), C(4, 4));
    assert_int_equal(objtest_req(&f->t, LWCI_DM_OP_CREATE,
                                 &LWC_PATH(TEMPERATURE_OID), LWC_FORMAT_TLV,
                                 NULL, 0)
                         ->code,
                     C(4, 5));
}

static void init_checks_and_registration(void **state)
{
    fx_t *f = *state;
    char links[64];
    size_t n = 0;
    assert_int_equal(
        lwci_dm_registration_links(&f->dm, links, sizeof(links) - 1, &n),
        LWC_OK);
    links[n] = '\0';
    assert_string_equal(links, "</3303>;ver=1.1,</3303/0>");

    temperature_t t;
    temperature_config_t cfg = {
        .has_range = true, .min_range = 10.0, .max_range = -10.0};
    assert_int_equal(temperature_init(&t, &cfg), LWC_ERR_INVALID_ARG);
    cfg.max_range = NAN;
    assert_int_equal(temperature_init(&t, &cfg), LWC_ERR_INVALID_ARG);
    cfg = (temperature_config_t){.application_type = "tab\there"};
    assert_int_equal(temperature_init(&t, &cfg), LWC_ERR_INVALID_ARG);
    assert_int_equal(temperature_init(NULL, &cfg), LWC_ERR_INVALID_ARG);
    assert_int_equal(temperature_init(&t, NULL), LWC_ERR_INVALID_ARG);
    /* Minimal configuration: only the sensor value, once sampled. */
    cfg = (temperature_config_t){0};
    assert_int_equal(temperature_init(&t, &cfg), LWC_OK);
    assert_int_equal(temperature_install(NULL, &t), LWC_ERR_INVALID_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(before_the_first_sample, setup),
        cmocka_unit_test_setup(samples_track_min_and_max, setup),
        cmocka_unit_test_setup(reset_min_and_max, setup),
        cmocka_unit_test_setup(application_type_is_validated, setup),
        cmocka_unit_test_setup(read_only_resources_refuse_writes, setup),
        cmocka_unit_test_setup(init_checks_and_registration, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
