/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Execute arguments (LwM2M 1.1 Core §5.4.5): parsing and the 4.00 the data
 * model answers for a malformed list before any handler runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <lwc/dm.h>

#include "dm/dm.h"
#include "support/dm_fixture.h"

#define ARGS(s) (const uint8_t *)(s), strlen(s)

static void test_spec_examples(void **state)
{
    /* The specification's examples: 0,1 / 2='10.3' / 7,0='https://...' */
    const char *text = "2='10.3',7,0='https://x.example/a?b=1'";
    size_t pos = 0;
    lwc_execute_arg_t a;
    (void)state;

    assert_int_equal(lwc_execute_arg_next(ARGS(text), &pos, &a), LWC_OK);
    assert_int_equal(a.id, 2);
    assert_int_equal(a.value_len, 4);
    assert_memory_equal(a.value, "10.3", 4);
    assert_int_equal(lwc_execute_arg_next(ARGS(text), &pos, &a), LWC_OK);
    assert_int_equal(a.id, 7);
    assert_null(a.value);
    assert_int_equal(lwc_execute_arg_next(ARGS(text), &pos, &a), LWC_OK);
    assert_int_equal(a.id, 0);
    assert_int_equal(a.value_len, strlen("https://x.example/a?b=1"));
    assert_int_equal(lwc_execute_arg_next(ARGS(text), &pos, &a),
                     LWC_ERR_NOT_FOUND);
}

static void test_valid_lists(void **state)
{
    const char *ok[] = {
        "", "0", "9", "0,1", "3=''", "1='a',2='!#$%&()*+'", "5='~[]^_`{|}'"};
    (void)state;
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        if (!lwc_execute_args_valid(ARGS(ok[i]))) {
            fail_msg("rejected valid \"%s\"", ok[i]);
        }
    }
    assert_true(lwc_execute_args_valid(NULL, 0));
}

static void test_malformed_lists(void **state)
{
    const char *bad[] = {
        "a",   "10",   ",1",      "1,",       "1,,2",     "1=",
        "1=x", "1='x", "1='a b'", "1='a\"b'", "1='a\\b'", "1='x'y",
        "1 ",  " 1",   "1='x',",  "1=''2",    "reboot",   "1;2",
    };
    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (lwc_execute_args_valid(ARGS(bad[i]))) {
            fail_msg("accepted malformed \"%s\"", bad[i]);
        }
    }
    /* A NUL byte inside a value is not a CHAR either. */
    assert_false(lwc_execute_args_valid((const uint8_t *)"1='a\0b'", 7));
}

static void test_bad_pointers(void **state)
{
    size_t pos = 0;
    lwc_execute_arg_t a;
    (void)state;
    assert_int_equal(lwc_execute_arg_next(NULL, 3, &pos, &a),
                     LWC_ERR_INVALID_ARG);
    assert_int_equal(lwc_execute_arg_next(ARGS("1"), NULL, &a),
                     LWC_ERR_INVALID_ARG);
}

/* Through the data model: 4.00 before the handler, 2.04 with valid args. */
static int executed;
static uint8_t last_args[32];
static size_t last_len;

static int exec_cb(void *ctx, uint16_t iid, uint16_t rid, const uint8_t *args,
                   size_t len)
{
    (void)ctx;
    (void)iid;
    (void)rid;
    executed++;
    last_len = len < sizeof(last_args) ? len : sizeof(last_args);
    if (args) {
        memcpy(last_args, args, last_len);
    }
    return LWC_OK;
}

static void test_dispatch(void **state)
{
    static const lwc_resource_def_t res[] = {
        {.rid = 1, .type = LWC_TYPE_NONE, .ops = LWC_OP_E}};
    static const lwc_object_handlers_t h = {.list_instances = dmf_list_one,
                                            .execute = exec_cb};
    static const lwc_object_t obj = {
        .oid = 4000, .resources = res, .resource_count = 1, .handlers = &h};
    static dmf_t f;
    lwci_dm_request_t r =
        dmf_request(LWCI_DM_OP_EXECUTE, &LWC_PATH(4000, 0, 1), 1);
    (void)state;

    dmf_init(&f);
    dmf_add(&f, &obj);
    r.payload = (const uint8_t *)"1='x y'";
    r.payload_len = 7;
    assert_int_equal(dmf_run(&f, &r, 0)->code, LWC_COAP_BAD_REQUEST);
    assert_int_equal(executed, 0);
    r.payload = (const uint8_t *)"0,1='on'";
    r.payload_len = 8;
    assert_int_equal(dmf_run(&f, &r, 0)->code, LWC_COAP_CHANGED);
    assert_int_equal(executed, 1);
    assert_int_equal(last_len, 8);
    assert_memory_equal(last_args, "0,1='on'", 8);
    r.payload = NULL;
    r.payload_len = 0;
    assert_int_equal(dmf_run(&f, &r, 0)->code, LWC_COAP_CHANGED);
    assert_int_equal(executed, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec_examples),
        cmocka_unit_test(test_valid_lists),
        cmocka_unit_test(test_malformed_lists),
        cmocka_unit_test(test_bad_pointers),
        cmocka_unit_test(test_dispatch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
