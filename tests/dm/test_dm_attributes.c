/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Write-Attributes (LwM2M 1.1 Core §5.4.4, attributes §5.1.2, 1.2 edge /
 * con / hqmax): storing per server and level, removal, validation of
 * names, values, levels and the rules between attributes, absent targets,
 * the pool limit, and lwci_dm_attr_get()'s inheritance down to the Server
 * object's default periods.
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

/* ---- A Server object ---------------------------------------------------- */

/* Server object: instance 0 is ssid 101 with Default Minimum Period
 * srv_pmin and Default Maximum Period srv_pmax (absent when 0). */
typedef struct {
    int64_t pmin, pmax;
} srv_t;

static const lwc_resource_def_t srv_res[] = {
    {.rid = 0, .type = LWC_TYPE_INT, .ops = LWC_OP_R},
    {.rid = 2, .type = LWC_TYPE_INT, .ops = LWC_OP_R},
    {.rid = 3, .type = LWC_TYPE_INT, .ops = LWC_OP_R},
};

static int srv_read(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                    lwc_value_t *out)
{
    const srv_t *s = ctx;
    (void)iid;
    (void)riid;
    int64_t v = rid == 0 ? 101 : rid == 2 ? s->pmin : s->pmax;
    if (v == 0) {
        return LWC_ERR_NOT_FOUND;
    }
    *out = lwc_value_int(v);
    return LWC_OK;
}

static const lwc_object_handlers_t srv_handlers = {
    .list_instances = dmf_list_one,
    .read = srv_read,
};

/* ---- Fixture: the test object (dm_fixture.h) and the Server object ------ */

typedef struct {
    dmf_t d;
    lwc_object_t obj;
    lwc_object_t srv;
    srv_t srv_state;
} fx_t;

static int setup(void **state)
{
    static fx_t f;
    memset(&f, 0, sizeof(f));
    dmf_init(&f.d);
    f.obj = dmf_test_object(OID, NULL);
    f.srv_state = (srv_t){.pmin = 5, .pmax = 0};
    f.srv = (lwc_object_t){.oid = LWC_OID_SERVER,
                           .resources = srv_res,
                           .resource_count = DMF_NELEM(srv_res),
                           .multi_instance = true,
                           .handlers = &srv_handlers,
                           .user_ctx = &f.srv_state};
    dmf_add(&f.d, &f.obj);
    dmf_add(&f.d, &f.srv);
    *state = &f;
    return 0;
}

/* Write-Attributes from server ssid with the '&'-separated query q. */
static uint8_t wa_ssid(fx_t *f, uint16_t ssid, const lwc_path_t *p,
                       const char *q)
{
    lwci_dm_request_t r = dmf_request(LWCI_DM_OP_WRITE_ATTRIBUTES, p, ssid);
    dmf_set_query(&r, q);
    return dmf_run(&f->d, &r, sizeof(f->d.out))->code;
}

static uint8_t wa(fx_t *f, const lwc_path_t *p, const char *q)
{
    return wa_ssid(f, 101, p, q);
}

#define BIT(id) LWCI_ATTR_BIT(LWCI_ATTR_##id)

static const lwci_dm_attrs_t *at(fx_t *f, uint16_t ssid, const lwc_path_t *p)
{
    return lwci_dm_attr_find(&f->d.dm, ssid, p);
}

/* ---- Tests ----------------------------------------------------------------
 */

static void stores_per_level_and_server(void **state)
{
    fx_t *f = *state;
    assert_int_equal(wa(f, &LWC_PATH(OID), "pmin=10&pmax=60"), C(2, 4));
    assert_int_equal(wa(f, &LWC_PATH(OID, 1), "epmin=1&epmax=2&con=1"),
                     C(2, 4));
    assert_int_equal(wa(f, &LWC_PATH(OID, 0, 2), "gt=20.5&lt=-3&st=1e1"),
                     C(2, 4));
    assert_int_equal(wa_ssid(f, 102, &LWC_PATH(OID), "pmin=3&hqmax=30"),
                     C(2, 4));

    const lwci_dm_attrs_t *a = at(f, 101, &LWC_PATH(OID));
    assert_non_null(a);
    assert_int_equal(a->set, BIT(PMIN) | BIT(PMAX));
    assert_int_equal(a->pmin, 10);
    assert_int_equal(a->pmax, 60);
    a = at(f, 101, &LWC_PATH(OID, 1));
    assert_int_equal(a->set, BIT(EPMIN) | BIT(EPMAX) | BIT(CON));
    assert_true(a->con);
    a = at(f, 101, &LWC_PATH(OID, 0, 2));
    assert_true(a->gt == 20.5 && a->lt == -3 && a->st == 10);
    a = at(f, 102, &LWC_PATH(OID));
    assert_int_equal(a->pmin, 3);
    assert_int_equal(a->hqmax, 30);
    assert_null(at(f, 101, &LWC_PATH(OID, 0)));
    assert_null(at(f, 103, &LWC_PATH(OID)));

    /* A later request changes only what it names. */
    assert_int_equal(wa(f, &LWC_PATH(OID), "pmax=90"), C(2, 4));
    a = at(f, 101, &LWC_PATH(OID));
    assert_int_equal(a->pmin, 10);
    assert_int_equal(a->pmax, 90);
}

static void bare_name_removes(void **state)
{
    fx_t *f = *state;
    assert_int_equal(wa(f, &LWC_PATH(OID, 0, 0), "pmin=1&pmax=2&gt=5"),
                     C(2, 4));
    assert_int_equal(wa(f, &LWC_PATH(OID, 0, 0), "pmin&gt="), C(2, 4));
    const lwci_dm_attrs_t *a = at(f, 101, &LWC_PATH(OID, 0, 0));
    assert_non_null(a);
    assert_int_equal(a->set, BIT(PMAX));
    /* Removing the last one frees the record. */
    assert_int_equal(wa(f, &LWC_PATH(OID, 0, 0), "pmax"), C(2, 4));
    assert_null(at(f, 101, &LWC_PATH(OID, 0, 0)));
    /* Removing what is not there is fine. */
    assert_int_equal(wa(f, &LWC_PATH(OID, 0, 0), "lt"), C(2, 4));
}

static void rejects_bad_names_and_values(void **state)
{
    fx_t *f = *state;
    static const char *const bad[] = {
        "foo=1",           "dim=3",   "ver=1.1",  "PMIN=1",
        "pmin=abc",        "pmin=-1", "pmin=1.5", "pmin=+1",
        "pmax=4294967296", "gt=abc",  "gt=nan",   "gt=inf",
        "gt=1..2",         "edge=2",  "con=yes",  "pmin=1&pmin=2",
        "st=-1",           "hqmax=x", "=1",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        uint8_t code = strstr(bad[i], "edge")
                           ? wa(f, &LWC_PATH(OID, 1, 5), bad[i])
                           : wa(f, &LWC_PATH(OID, 0, 0), bad[i]);
        if (code != C(4, 0)) {
            fail_msg("%s: code %d.%02d", bad[i], code >> 5, code & 31);
        }
    }
    assert_null(at(f, 101, &LWC_PATH(OID, 0, 0)));
}

static void level_and_type_rules(void **state)
{
    fx_t *f = *state;
    /* gt/lt/st: numeric resources (single or multiple) and resource
     * instances only. */
    assert_int_equal(wa(f, &LWC_PATH(OID), "gt=1"), C(4, 0));
    assert_int_equal(wa(f, &LWC_PATH(OID, 0), "lt=1"), C(4, 0));
    assert_int_equal(wa(f, &LWC_PATH(OID, 0, 1), "st=1"), C(4, 0));
    assert_int_equal(wa(f, &LWC_PATH(OID, 0, 6), "lt=1&gt=6&st=1"), C(2, 4));
    assert_int_equal(wa(f, &LWC_PATH(OID, 0, 6, 3), "gt=1"), C(2, 4));
    assert_int_equal(wa(f, &LWC_PATH(OID, 0, 0), "gt=1"), C(2, 4));
    /* edge: boolean resources only. */
    assert_int_equal(wa(f, &LWC_PATH(OID, 0, 0), "edge=1"), C(4, 0));
    assert_int_equal(wa(f, &LWC_PATH(OID, 1), "edge=1"), C(4, 0));
    assert_int_equal(wa(f, &LWC_PATH(OID, 1, 5), "edge=1"), C(2, 4));
    assert_true(at(f, 101, &LWC_PATH(OID, 1, 5))->edge);
    /* Periods at every level, including a string resource. */
    assert_int_equal(wa(f, &LWC_PATH(OID, 0, 1), "pmin=0&pmax=0"), C(2, 4));
}

static void rules_between_attributes(void **state)
{
    fx_t *f = *state;
    const lwc_path_t *p = &LWC_PATH(OID, 0, 2);
    assert_int_equal(wa(f, p, "gt=10&lt=20"), C(4, 0));
    assert_int_equal(wa(f, p, "gt=10&lt=10"), C(4, 0));
    assert_int_equal(wa(f, p, "gt=10&lt=0&st=5"), C(4, 0)); /* 0+10 !< 10 */
    assert_int_equal(wa(f, p, "gt=10&lt=0&st=4.5"), C(2, 4));
    /* Checked against what is already stored at that level. */
    assert_int_equal(wa(f, p, "st=6"), C(4, 0));
    assert_int_equal(wa(f, p, "lt=11"), C(4, 0));
    assert_true(at(f, 101, p)->st == 4.5);
    assert_true(at(f, 101, p)->lt == 0);

    assert_int_equal(wa(f, &LWC_PATH(OID), "pmin=10&pmax=5"), C(4, 0));
    assert_int_equal(wa(f, &LWC_PATH(OID), "pmin=10&pmax=10"), C(2, 4));
    assert_int_equal(wa(f, &LWC_PATH(OID), "pmax=9"), C(4, 0));
    assert_int_equal(wa(f, &LWC_PATH(OID), "epmin=3&epmax=2"), C(4, 0));
    /* A failed request changes nothing, not even its valid parts. */
    assert_int_equal(wa(f, &LWC_PATH(OID), "pmin=1&epmin=3&epmax=2"), C(4, 0));
    assert_int_equal(at(f, 101, &LWC_PATH(OID))->pmin, 10);
    assert_int_equal(at(f, 101, &LWC_PATH(OID))->set, BIT(PMIN) | BIT(PMAX));
    /* pmin > pmax on different levels is allowed. */
    assert_int_equal(wa(f, &LWC_PATH(OID, 0), "pmax=2"), C(2, 4));
}

static void absent_targets(void **state)
{
    fx_t *f = *state;
    assert_int_equal(wa(f, &LWC_PATH(OID + 1), "pmin=1"), C(4, 4));
    assert_int_equal(wa(f, &LWC_PATH(OID, 9), "pmin=1"), C(4, 4));
    assert_int_equal(wa(f, &LWC_PATH(OID, 0, 99), "pmin=1"), C(4, 4));
    assert_int_equal(wa(f, &LWC_PATH(OID, 0, 5), "pmin=1"), C(4, 4));
    assert_int_equal(wa(f, &LWC_PATH(OID, 0, 6, 1), "pmin=1"), C(4, 4));
    assert_int_equal(wa(f, &LWC_PATH(OID, 0, 0, 0), "pmin=1"), C(4, 4));
    assert_int_equal(wa(f, &LWC_PATH(OID, 0, 4), "pmin=1"), C(4, 5));
    assert_int_equal(wa(f, &LWC_PATH_ROOT, "pmin=1"), C(4, 5));
    assert_int_equal(wa(f, &LWC_PATH(LWC_OID_SECURITY, 0), "pmin=1"), C(4, 1));
    for (int i = 0; i < LWC_MAX_ATTRIBUTES; i++) {
        assert_true(f->d.dm.attrs[i].attrs.set == 0);
    }
}

static void pool_full_is_4_13(void **state)
{
    fx_t *f = *state;
    for (uint16_t i = 0; i < LWC_MAX_ATTRIBUTES; i++) {
        assert_int_equal(
            wa_ssid(f, (uint16_t)(i + 1), &LWC_PATH(OID), "pmin=1"), C(2, 4));
    }
    assert_int_equal(wa(f, &LWC_PATH(OID), "pmin=1"), C(4, 13));
    /* Existing records still change, removals still work and free one. */
    assert_int_equal(wa_ssid(f, 1, &LWC_PATH(OID), "pmin=2"), C(2, 4));
    assert_int_equal(wa(f, &LWC_PATH(OID), "pmin"), C(2, 4));
    assert_int_equal(wa_ssid(f, 2, &LWC_PATH(OID), "pmin"), C(2, 4));
    assert_int_equal(wa(f, &LWC_PATH(OID), "pmin=1"), C(2, 4));
    assert_int_equal(at(f, 1, &LWC_PATH(OID))->pmin, 2);
}

static void get_resolves_inheritance(void **state)
{
    fx_t *f = *state;
    lwci_dm_attrs_t a;
    /* Nothing written: Server object defaults (1/0/2 = 5, no 1/0/3). */
    assert_int_equal(lwci_dm_attr_get(&f->d.dm, 101, &LWC_PATH(OID, 0, 0), &a),
                     LWC_OK);
    assert_int_equal(a.set, BIT(PMIN));
    assert_int_equal(a.pmin, 5);
    f->srv_state.pmax = 300;
    assert_int_equal(lwci_dm_attr_get(&f->d.dm, 101, &LWC_PATH(OID, 0, 0), &a),
                     LWC_OK);
    assert_int_equal(a.set, BIT(PMIN) | BIT(PMAX));
    assert_int_equal(a.pmax, 300);
    /* A server without a Server instance: pmin 0 (§5.1.2), no pmax. */
    assert_int_equal(lwci_dm_attr_get(&f->d.dm, 7, &LWC_PATH(OID, 0, 0), &a),
                     LWC_OK);
    assert_int_equal(a.set, BIT(PMIN));
    assert_int_equal(a.pmin, 0);

    assert_int_equal(wa(f, &LWC_PATH(OID), "pmin=10&epmin=4"), C(2, 4));
    assert_int_equal(wa(f, &LWC_PATH(OID, 0), "pmax=60&epmin=3"), C(2, 4));
    assert_int_equal(wa(f, &LWC_PATH(OID, 0, 6), "pmin=20"), C(2, 4));
    assert_int_equal(wa(f, &LWC_PATH(OID, 0, 6, 3), "gt=1&pmax=70"), C(2, 4));
    assert_int_equal(
        lwci_dm_attr_get(&f->d.dm, 101, &LWC_PATH(OID, 0, 6, 3), &a), LWC_OK);
    assert_int_equal(a.set, BIT(PMIN) | BIT(PMAX) | BIT(GT) | BIT(EPMIN));
    assert_int_equal(a.pmin, 20);
    assert_int_equal(a.pmax, 70);
    assert_int_equal(a.epmin, 3);
    assert_true(a.gt == 1);
    /* Another resource instance and another instance inherit less. */
    assert_int_equal(
        lwci_dm_attr_get(&f->d.dm, 101, &LWC_PATH(OID, 0, 6, 0), &a), LWC_OK);
    assert_int_equal(a.pmax, 60);
    assert_int_equal(lwci_dm_attr_get(&f->d.dm, 101, &LWC_PATH(OID, 1, 0), &a),
                     LWC_OK);
    assert_int_equal(a.pmin, 10);
    assert_int_equal(a.pmax, 300); /* from 1/0/3 */
    assert_int_equal(a.epmin, 4);
    /* Another server sees none of it. */
    assert_int_equal(
        lwci_dm_attr_get(&f->d.dm, 102, &LWC_PATH(OID, 0, 6, 3), &a), LWC_OK);
    assert_int_equal(a.set, BIT(PMIN));
    assert_int_equal(lwci_dm_attr_get(&f->d.dm, 101, &LWC_PATH_ROOT, &a),
                     LWC_ERR_INVALID_ARG);
}

static void forget_by_prefix_and_server(void **state)
{
    fx_t *f = *state;
    assert_int_equal(wa(f, &LWC_PATH(OID), "pmin=1"), C(2, 4));
    assert_int_equal(wa(f, &LWC_PATH(OID, 0), "pmin=1"), C(2, 4));
    assert_int_equal(wa(f, &LWC_PATH(OID, 0, 0), "pmin=1"), C(2, 4));
    assert_int_equal(wa(f, &LWC_PATH(OID, 1), "pmin=1"), C(2, 4));
    assert_int_equal(wa_ssid(f, 102, &LWC_PATH(OID, 0), "pmin=1"), C(2, 4));
    lwci_dm_attr_forget(&f->d.dm, 0, &LWC_PATH(OID, 0));
    assert_null(at(f, 101, &LWC_PATH(OID, 0)));
    assert_null(at(f, 101, &LWC_PATH(OID, 0, 0)));
    assert_null(at(f, 102, &LWC_PATH(OID, 0)));
    assert_non_null(at(f, 101, &LWC_PATH(OID)));
    assert_non_null(at(f, 101, &LWC_PATH(OID, 1)));
    lwci_dm_attr_forget(&f->d.dm, 101, &LWC_PATH_ROOT);
    assert_null(at(f, 101, &LWC_PATH(OID)));
    assert_null(at(f, 101, &LWC_PATH(OID, 1)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(stores_per_level_and_server, setup),
        cmocka_unit_test_setup(bare_name_removes, setup),
        cmocka_unit_test_setup(rejects_bad_names_and_values, setup),
        cmocka_unit_test_setup(level_and_type_rules, setup),
        cmocka_unit_test_setup(rules_between_attributes, setup),
        cmocka_unit_test_setup(absent_targets, setup),
        cmocka_unit_test_setup(pool_full_is_4_13, setup),
        cmocka_unit_test_setup(get_resolves_inheritance, setup),
        cmocka_unit_test_setup(forget_by_prefix_and_server, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
