/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The example Portfolio object (examples/portfolio, OMA 16) as a server
 * sees it through the data model: its resource table against 16.xml,
 * Create with and without an Instance ID up to the pool's capacity, Write
 * of the Identity multiple resource (replace and partial update, LwM2M 1.1
 * Core §6.3.3), a failed Write or Create that changes nothing (§5.4.3,
 * the object's transaction), Delete, Execute of GetAuthData, and reads in
 * TLV and SenML JSON.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "objtest.h"
#include "portfolio.h"

typedef struct {
    lwci_dm_t dm;
    objtest_t t;
    portfolio_t pf;
} fx_t;

/* An empty object, as the example client starts it before any Create. */
static int setup(void **state)
{
    static fx_t f;
    memset(&f, 0, sizeof(f));
    lwci_dm_init(&f.dm, NULL);
    f.t.dm = &f.dm;
    f.t.accept = -1;
    assert_int_equal(portfolio_init(&f.pf), LWC_OK);
    assert_int_equal(lwci_dm_add_object(&f.dm, &f.pf.object), LWC_OK);
    *state = &f;
    return 0;
}

/* Instance 0 with Identities 0 "a", 1 "b", 2 "c". */
static int setup_abc(void **state)
{
    setup(state);
    fx_t *f = *state;
    assert_int_equal(portfolio_add_instance(&f->pf, 0), LWC_OK);
    assert_int_equal(portfolio_set_identity(&f->pf, 0, 0, "a"), LWC_OK);
    assert_int_equal(portfolio_set_identity(&f->pf, 0, 1, "b"), LWC_OK);
    assert_int_equal(portfolio_set_identity(&f->pf, 0, 2, "c"), LWC_OK);
    return 0;
}

#define ID(iid, riid) (&LWC_PATH(PORTFOLIO_OID, (iid), 0, (riid)))

static uint8_t create(fx_t *f, const uint8_t *tlv, size_t len)
{
    return objtest_req(&f->t, LWCI_DM_OP_CREATE, &LWC_PATH(PORTFOLIO_OID),
                       len ? LWC_FORMAT_TLV : -1, tlv, len)
        ->code;
}

/* ---- The resource table (OMA registry 16.xml, ObjectVersion 1.0) -------- */

/* 16.xml by hand: the registry test (test_registry_conformance.c) does not
 * cover the examples besides Temperature. */
static void resource_table_matches_16_xml(void **state)
{
    fx_t *f = *state;
    static const lwc_resource_def_t want[] = {
        /* Identity */
        {.rid = 0,
         .type = LWC_TYPE_STRING,
         .ops = LWC_OP_RW,
         .multiple = true,
         .mandatory = true},
        /* GetAuthData */
        {.rid = 1, .type = LWC_TYPE_NONE, .ops = LWC_OP_E},
        /* AuthData */
        {.rid = 2, .type = LWC_TYPE_OPAQUE, .ops = LWC_OP_R, .multiple = true},
        /* AuthStatus */
        {.rid = 3, .type = LWC_TYPE_INT, .ops = LWC_OP_R},
    };
    const lwc_object_t *o = &f->pf.object;
    assert_int_equal(o->oid, 16);
    assert_true(o->multi_instance);
    assert_null(o->version); /* 1.0: no ver= in the registration */
    assert_int_equal(o->resource_count, sizeof(want) / sizeof(want[0]));
    for (size_t i = 0; i < o->resource_count; i++) {
        assert_int_equal(o->resources[i].rid, want[i].rid);
        assert_int_equal(o->resources[i].type, want[i].type);
        assert_int_equal(o->resources[i].ops, want[i].ops);
        assert_int_equal(o->resources[i].multiple, want[i].multiple);
        assert_int_equal(o->resources[i].mandatory, want[i].mandatory);
    }
    /* Registered without instances, then with the one created. */
    char links[64];
    size_t n = 0;
    assert_int_equal(
        lwci_dm_registration_links(&f->dm, links, sizeof(links) - 1, &n),
        LWC_OK);
    links[n] = '\0';
    assert_string_equal(links, "</16>");
    assert_int_equal(create(f, NULL, 0), C(2, 1));
    assert_int_equal(
        lwci_dm_registration_links(&f->dm, links, sizeof(links) - 1, &n),
        LWC_OK);
    links[n] = '\0';
    assert_string_equal(links, "</16/0>");
}

/* ---- Create ------------------------------------------------------------- */

/* TLV (Core 1.1 §7.4.3): Identity (multiple resource 0) with instance 0
 * "abc"; the same inside object instance 5. */
static const uint8_t tlv_abc[] = {0x85, 0x00, 0x43, 0x00, 'a', 'b', 'c'};
static const uint8_t tlv_inst5_abc[] = {0x07, 0x05, 0x85, 0x00, 0x43,
                                        0x00, 'a',  'b',  'c'};

static void create_with_and_without_instance_id(void **state)
{
    fx_t *f = *state;
    /* Without an ID: the smallest free one. */
    assert_int_equal(create(f, tlv_abc, sizeof(tlv_abc)), C(2, 1));
    assert_int_equal(f->t.resp.created_iid, 0);
    expect_text(&f->t, ID(0, 0), "abc");
    expect_text(&f->t, &LWC_PATH(PORTFOLIO_OID, 0, 3), "0"); /* IDLE */
    /* With ID 5 in the payload. */
    assert_int_equal(create(f, tlv_inst5_abc, sizeof(tlv_inst5_abc)), C(2, 1));
    assert_int_equal(f->t.resp.created_iid, 5);
    expect_text(&f->t, ID(5, 0), "abc");
    /* Without a payload: an instance without identities, ID 1. */
    assert_int_equal(create(f, NULL, 0), C(2, 1));
    assert_int_equal(f->t.resp.created_iid, 1);
    assert_int_equal(objtest_read(&f->t, ID(1, 0)), C(4, 4));
    /* 5 exists already: 4.00 (§6.3.6), nothing changes. */
    assert_int_equal(create(f, tlv_inst5_abc, sizeof(tlv_inst5_abc)), C(4, 0));
    expect_text(&f->t, ID(5, 0), "abc");
}

static void create_up_to_capacity_then_4_13(void **state)
{
    fx_t *f = *state;
    for (uint16_t i = 0; i < PORTFOLIO_MAX_INSTANCES; i++) {
        assert_int_equal(create(f, tlv_abc, sizeof(tlv_abc)), C(2, 1));
        assert_int_equal(f->t.resp.created_iid, i);
    }
    assert_int_equal(create(f, tlv_abc, sizeof(tlv_abc)), C(4, 13));
    assert_int_equal(create(f, tlv_inst5_abc, sizeof(tlv_inst5_abc)), C(4, 13));
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(PORTFOLIO_OID, 5)), C(4, 4));
    /* A Delete makes room again. */
    assert_int_equal(objtest_req(&f->t, LWCI_DM_OP_DELETE,
                                 &LWC_PATH(PORTFOLIO_OID, 2), -1, NULL, 0)
                         ->code,
                     C(2, 2));
    assert_int_equal(create(f, tlv_inst5_abc, sizeof(tlv_inst5_abc)), C(2, 1));
    assert_int_equal(f->t.resp.created_iid, 5);
}

/* A Create whose payload the object refuses leaves no instance behind. */
static void failed_create_leaves_nothing(void **state)
{
    fx_t *f = *state;
    /* Identity instance 4: past PORTFOLIO_MAX_IDENTITIES, 4.13. */
    static const uint8_t too_many[] = {0x07, 0x05, 0x85, 0x00, 0x43,
                                       0x04, 'a',  'b',  'c'};
    /* A control character in an Identity: 4.00. */
    static const uint8_t bad_char[] = {0x07, 0x05, 0x85, 0x00, 0x43,
                                       0x00, 'a',  '\n', 'c'};
    assert_int_equal(create(f, too_many, sizeof(too_many)), C(4, 13));
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(PORTFOLIO_OID, 5)), C(4, 4));
    assert_int_equal(create(f, bad_char, sizeof(bad_char)), C(4, 0));
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(PORTFOLIO_OID, 5)), C(4, 4));
    /* The pool is still whole: four instances fit. */
    for (uint16_t i = 0; i < PORTFOLIO_MAX_INSTANCES; i++) {
        assert_int_equal(create(f, NULL, 0), C(2, 1));
    }
}

/* ---- Write of the Identities -------------------------------------------- */

/* Write-Replace of 16/0/0: the old Resource Instances go. */
static void replace_identities(void **state)
{
    fx_t *f = *state;
    /* Identity with instance 1 "x". */
    static const uint8_t x1[] = {0x83, 0x00, 0x41, 0x01, 'x'};
    assert_int_equal(objtest_write_tlv(&f->t, &LWC_PATH(PORTFOLIO_OID, 0, 0),
                                       x1, sizeof(x1), false),
                     C(2, 4));
    assert_int_equal(objtest_read(&f->t, ID(0, 0)), C(4, 4));
    expect_text(&f->t, ID(0, 1), "x");
    assert_int_equal(objtest_read(&f->t, ID(0, 2)), C(4, 4));
    /* Write-Replace of the instance: the same for the resource in it. */
    assert_int_equal(objtest_write_tlv(&f->t, &LWC_PATH(PORTFOLIO_OID, 0),
                                       tlv_abc, sizeof(tlv_abc), false),
                     C(2, 4));
    expect_text(&f->t, ID(0, 0), "abc");
    assert_int_equal(objtest_read(&f->t, ID(0, 1)), C(4, 4));
    /* One Resource Instance by its own path: text/plain. Its siblings
     * stay (Core §5.4.3: the Write replaces the addressed instance). */
    assert_int_equal(objtest_put_text(&f->t, ID(0, 3), "d"), C(2, 4));
    expect_text(&f->t, ID(0, 3), "d");
    expect_text(&f->t, ID(0, 0), "abc");
}

/* Partial update (POST on the instance, Core §6.3.3): the named Resource
 * Instances are added or updated, the others stay. */
static void partial_update_of_identities(void **state)
{
    fx_t *f = *state;
    /* Identity with instance 1 "x" and 3 "y". */
    static const uint8_t x1_y3[] = {0x86, 0x00, 0x41, 0x01,
                                    'x',  0x41, 0x03, 'y'};
    assert_int_equal(objtest_write_tlv(&f->t, &LWC_PATH(PORTFOLIO_OID, 0),
                                       x1_y3, sizeof(x1_y3), true),
                     C(2, 4));
    expect_text(&f->t, ID(0, 0), "a");
    expect_text(&f->t, ID(0, 1), "x");
    expect_text(&f->t, ID(0, 2), "c");
    expect_text(&f->t, ID(0, 3), "y");
}

/* A Write that fails half-way changes nothing (Core §5.4.3): the first
 * Resource Instance is written before the second is refused. */
static void failed_write_is_rolled_back(void **state)
{
    fx_t *f = *state;
    /* 10 bytes of Resource Instances: an 8-bit length field (0x88). */
    static const uint8_t too_many[] = {0x88, 0x00, 0x0A, 0x43, 0x00, 'n', 'e',
                                       'w',  0x43, 0x04, 'o',  'u',  't'};
    static const uint8_t bad_char[] = {0x88, 0x00, 0x0A, 0x43, 0x00, 'n', 'e',
                                       'w',  0x43, 0x01, 'o',  0x07, 't'};
    for (int partial = 0; partial < 2; partial++) {
        assert_int_equal(objtest_write_tlv(&f->t, &LWC_PATH(PORTFOLIO_OID, 0),
                                           too_many, sizeof(too_many), partial),
                         C(4, 13));
        assert_int_equal(objtest_write_tlv(&f->t, &LWC_PATH(PORTFOLIO_OID, 0),
                                           bad_char, sizeof(bad_char), partial),
                         C(4, 0));
        expect_text(&f->t, ID(0, 0), "a");
        expect_text(&f->t, ID(0, 1), "b");
        expect_text(&f->t, ID(0, 2), "c");
        assert_int_equal(objtest_read(&f->t, ID(0, 3)), C(4, 4));
    }
    /* Longer than PORTFOLIO_IDENTITY_MAX: 4.00, the old value stays. */
    char longer[PORTFOLIO_IDENTITY_MAX + 2];
    memset(longer, 'z', sizeof(longer) - 1);
    longer[sizeof(longer) - 1] = '\0';
    assert_int_equal(objtest_put_text(&f->t, ID(0, 1), longer), C(4, 0));
    expect_text(&f->t, ID(0, 1), "b");
    longer[PORTFOLIO_IDENTITY_MAX] = '\0'; /* exactly the maximum */
    assert_int_equal(objtest_put_text(&f->t, ID(0, 1), longer), C(2, 4));
    expect_text(&f->t, ID(0, 1), longer);
}

static void read_only_and_absent_resources(void **state)
{
    fx_t *f = *state;
    const lwc_path_t *status = &LWC_PATH(PORTFOLIO_OID, 0, 3);
    assert_int_equal(objtest_put_text(&f->t, status, "1"), C(4, 5));
    assert_int_equal(
        objtest_put_text(&f->t, &LWC_PATH(PORTFOLIO_OID, 0, 2, 0), "1"),
        C(4, 5));
    /* AuthData is never produced. */
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(PORTFOLIO_OID, 0, 2, 0)),
                     C(4, 4));
    /* GetAuthData: no service behind it, the state says so. */
    expect_text(&f->t, status, "0");
    assert_int_equal(objtest_exec(&f->t, &LWC_PATH(PORTFOLIO_OID, 0, 1)),
                     C(2, 4));
    expect_text(&f->t, status, "2");
    assert_int_equal(objtest_exec(&f->t, &LWC_PATH(PORTFOLIO_OID, 1, 1)),
                     C(4, 4));
    assert_int_equal(objtest_exec(&f->t, ID(0, 0)), C(4, 5));
}

/* ---- Delete ------------------------------------------------------------- */

static void delete_instance(void **state)
{
    fx_t *f = *state;
    const lwc_path_t *inst = &LWC_PATH(PORTFOLIO_OID, 0);
    assert_int_equal(
        objtest_req(&f->t, LWCI_DM_OP_DELETE, inst, -1, NULL, 0)->code,
        C(2, 2));
    assert_int_equal(objtest_read(&f->t, inst), C(4, 4));
    assert_int_equal(objtest_read(&f->t, ID(0, 0)), C(4, 4));
    assert_int_equal(
        objtest_req(&f->t, LWCI_DM_OP_DELETE, inst, -1, NULL, 0)->code,
        C(4, 4));
    /* Created again, it starts empty. */
    assert_int_equal(create(f, NULL, 0), C(2, 1));
    assert_int_equal(f->t.resp.created_iid, 0);
    assert_int_equal(objtest_read(&f->t, ID(0, 1)), C(4, 4));
    /* Delete of the object or of a resource: 4.05. */
    assert_int_equal(objtest_req(&f->t, LWCI_DM_OP_DELETE,
                                 &LWC_PATH(PORTFOLIO_OID), -1, NULL, 0)
                         ->code,
                     C(4, 5));
}

/* ---- Reads in TLV and SenML JSON ---------------------------------------- */

static void read_instance_tlv_and_senml(void **state)
{
    fx_t *f = *state;
    assert_int_equal(portfolio_add_instance(&f->pf, 7), LWC_OK);
    assert_int_equal(portfolio_set_identity(&f->pf, 7, 1, "id"), LWC_OK);
    /* Identity {0: "a", 1: "b", 2: "c"}, AuthStatus 0. */
    static const uint8_t want0[] = {0x88, 0x00, 0x09, 0x41, 0x00,
                                    'a',  0x41, 0x01, 'b',  0x41,
                                    0x02, 'c',  0xC1, 0x03, 0x00};
    expect_tlv(&f->t, &LWC_PATH(PORTFOLIO_OID, 0), want0);
    /* The object: both instances, in Instance ID order. */
    /* clang-format off */
    static const uint8_t want_obj[] = {
        0x08, 0x00, 0x0F,                         /* instance 0, 15 bytes */
        0x88, 0x00, 0x09, 0x41, 0x00, 'a', 0x41, 0x01, 'b', 0x41, 0x02, 'c',
        0xC1, 0x03, 0x00,
        0x08, 0x07, 0x09,                         /* instance 7, 9 bytes */
        0x84, 0x00, 0x42, 0x01, 'i', 'd',
        0xC1, 0x03, 0x00};
    /* clang-format on */
    expect_tlv(&f->t, &LWC_PATH(PORTFOLIO_OID), want_obj);

    static const char senml[] =
        "[{\"bn\":\"/16/7/\",\"n\":\"0/1\",\"vs\":\"id\"},"
        "{\"n\":\"3\",\"v\":0}]";
    f->t.accept = LWC_FORMAT_SENML_JSON;
    lwci_dm_response_t *r = objtest_req(
        &f->t, LWCI_DM_OP_READ, &LWC_PATH(PORTFOLIO_OID, 7), -1, NULL, 0);
    assert_int_equal(r->code, C(2, 5));
    assert_int_equal(r->content_format, LWC_FORMAT_SENML_JSON);
    assert_int_equal(r->payload_len, strlen(senml));
    assert_memory_equal(f->t.out, senml, r->payload_len);

    /* A Write in SenML JSON, read back in TLV. */
    static const char write[] =
        "[{\"bn\":\"/16/7/0/\",\"n\":\"0\",\"vs\":\"p\"},"
        "{\"n\":\"2\",\"vs\":\"q\"}]";
    f->t.accept = -1;
    assert_int_equal(objtest_req(&f->t, LWCI_DM_OP_WRITE_REPLACE,
                                 &LWC_PATH(PORTFOLIO_OID, 7, 0),
                                 LWC_FORMAT_SENML_JSON, write, strlen(write))
                         ->code,
                     C(2, 4));
    static const uint8_t want7[] = {0x86, 0x00, 0x41, 0x00,
                                    'p',  0x41, 0x02, 'q'};
    expect_tlv(&f->t, &LWC_PATH(PORTFOLIO_OID, 7, 0), want7);
}

/* ---- The local API ------------------------------------------------------ */

static void local_api_checks(void **state)
{
    fx_t *f = *state;
    assert_int_equal(portfolio_init(NULL), LWC_ERR_INVALID_ARG);
    assert_int_equal(portfolio_add_instance(NULL, 0), LWC_ERR_INVALID_ARG);
    assert_int_equal(portfolio_add_instance(&f->pf, LWC_ID_MAX + 1),
                     LWC_ERR_INVALID_ARG);
    assert_int_equal(portfolio_add_instance(&f->pf, 3), LWC_OK);
    assert_int_equal(portfolio_add_instance(&f->pf, 3), LWC_ERR_EXISTS);
    assert_int_equal(portfolio_set_identity(&f->pf, 4, 0, "x"),
                     LWC_ERR_NOT_FOUND);
    assert_int_equal(
        portfolio_set_identity(&f->pf, 3, PORTFOLIO_MAX_IDENTITIES, "x"),
        LWC_ERR_INVALID_ARG);
    assert_int_equal(portfolio_set_identity(&f->pf, 3, 0, "tab\there"),
                     LWC_ERR_INVALID_ARG);
    assert_int_equal(portfolio_set_identity(&f->pf, 3, 0, NULL),
                     LWC_ERR_INVALID_ARG);
    assert_int_equal(portfolio_install(NULL, &f->pf), LWC_ERR_INVALID_ARG);
    for (uint16_t i = 10; i < 10 + PORTFOLIO_MAX_INSTANCES - 1; i++) {
        assert_int_equal(portfolio_add_instance(&f->pf, i), LWC_OK);
    }
    assert_int_equal(portfolio_add_instance(&f->pf, 20), LWC_ERR_NO_SPACE);
    /* What the API made is what a server reads. */
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(PORTFOLIO_OID, 12)),
                     C(2, 5));
    assert_int_equal(objtest_read(&f->t, &LWC_PATH(PORTFOLIO_OID, 20)),
                     C(4, 4));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(resource_table_matches_16_xml, setup),
        cmocka_unit_test_setup(create_with_and_without_instance_id, setup),
        cmocka_unit_test_setup(create_up_to_capacity_then_4_13, setup),
        cmocka_unit_test_setup(failed_create_leaves_nothing, setup),
        cmocka_unit_test_setup(replace_identities, setup_abc),
        cmocka_unit_test_setup(partial_update_of_identities, setup_abc),
        cmocka_unit_test_setup(failed_write_is_rolled_back, setup_abc),
        cmocka_unit_test_setup(read_only_and_absent_resources, setup_abc),
        cmocka_unit_test_setup(delete_instance, setup_abc),
        cmocka_unit_test_setup(read_instance_tlv_and_senml, setup_abc),
        cmocka_unit_test_setup(local_api_checks, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
