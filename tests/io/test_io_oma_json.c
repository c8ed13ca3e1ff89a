/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * OMA LwM2M JSON (11543): the LwM2M 1.0 §6.4.4 example in both
 * directions, time-stamped entries, Opaque as base64, round trips,
 * block-wise windows and chunks, and malformed input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <lwc/errors.h>

#include "io/json.h"
#include "io/oma_json.h"
#include "support/io_harness.h"

#define ENC (&lwci_io_oma_json_encoder)
#define DEC (&lwci_io_oma_json_decoder)

/* Walk scripts, decoders and comparisons: tests/support/io_harness.h. */

/* ---- LwM2M 1.0 §6.4.4: Read of the Device object instance ------------ */

static const char device_json[] =
    "{\"bn\":\"/3/0/\",\"e\":["
    "{\"n\":\"0\",\"sv\":\"Open Mobile Alliance\"},"
    "{\"n\":\"1\",\"sv\":\"Lightweight M2M Client\"},"
    "{\"n\":\"2\",\"sv\":\"345000123\"},"
    "{\"n\":\"3\",\"sv\":\"1.0\"},"
    "{\"n\":\"6/0\",\"v\":1},"
    "{\"n\":\"6/1\",\"v\":5},"
    "{\"n\":\"7/0\",\"v\":3800},"
    "{\"n\":\"7/1\",\"v\":5000},"
    "{\"n\":\"8/0\",\"v\":125},"
    "{\"n\":\"8/1\",\"v\":900},"
    "{\"n\":\"9\",\"v\":100},"
    "{\"n\":\"10\",\"v\":15},"
    "{\"n\":\"11/0\",\"v\":0},"
    "{\"n\":\"13\",\"v\":1367491215},"
    "{\"n\":\"14\",\"sv\":\"+02:00\"},"
    "{\"n\":\"16\",\"sv\":\"U\"}]}";

static void test_encode_device_example(void **state)
{
    (void)state;
    ioh_check_encode(ENC, &LWC_PATH(3, 0), ioh_device_walk, ioh_device_walk_len,
                     device_json);
}

static void test_decode_device_example(void **state)
{
    ioh_got_list_t g;
    (void)state;
    assert_int_equal(ioh_decode(DEC, &LWC_PATH(3, 0), device_json, &g),
                     LWC_ERR_NOT_FOUND);
    ioh_check_device_entries(&g);
    assert_int_equal(ioh_decode(DEC, &LWC_PATH(3), device_json, &g),
                     LWC_ERR_NOT_FOUND);
    ioh_check_device_entries(&g);
}

/* Leshan's interop vectors: a single resource (no trailing '/' on "bn",
 * no "n"), time-stamped entries, "bt" after "e". */
static void test_single_and_timestamped(void **state)
{
    static const ioh_ev_t single[] = {
        VAL(STR("Open Mobile Alliance"), 3, 0, 0)};
    static const ioh_ev_t multi[] = {OPEN(3, 0, 7), VAL(INT(3800), 3, 0, 7, 0),
                                     VAL(INT(5000), 3, 0, 7, 1),
                                     CLOSE(3, 0, 7)};
    static const ioh_ev_t composite[] = {VAL(INT(95), 3, 0, 9),
                                         VAL(INT(86400), 1, 0, 1)};
    ioh_got_list_t g;
    (void)state;
    ioh_check_encode(ENC, &LWC_PATH(3, 0, 0), single, 1,
                     "{\"bn\":\"/3/0/0\",\"e\":[{\"sv\":\"Open Mobile "
                     "Alliance\"}]}");
    ioh_check_encode(ENC, &LWC_PATH(3, 0, 7), multi, 4,
                     "{\"bn\":\"/3/0/7/\",\"e\":[{\"n\":\"0\",\"v\":3800},"
                     "{\"n\":\"1\",\"v\":5000}]}");
    ioh_check_encode(ENC, &LWC_PATH_ROOT, composite, 2,
                     "{\"bn\":\"/\",\"e\":[{\"n\":\"3/0/9\",\"v\":95},"
                     "{\"n\":\"1/0/1\",\"v\":86400}]}");
    ioh_check_encode(ENC, &LWC_PATH(3, 0), NULL, 0,
                     "{\"bn\":\"/3/0/\",\"e\":[]}");

    assert_int_equal(
        ioh_decode(DEC, &LWC_PATH(1024, 0, 1),
                   "{\"bn\":\"/1024/0/1\",\"e\":[{\"v\":22.9,\"t\":500},"
                   "{\"v\":22.4,\"t\":510},{\"v\":24.1,\"t\":520}]}",
                   &g),
        LWC_ERR_NOT_FOUND);
    assert_int_equal(g.n, 3);
    assert_true(lwc_path_equal(&g.e[2].path, &LWC_PATH(1024, 0, 1)));
    assert_true(g.e[2].v.type == LWC_TYPE_FLOAT && g.e[2].v.f == 24.1);
    assert_int_equal(
        ioh_decode(DEC, &LWC_PATH(1024, 0),
                   "{\"bt\":25462634,\"bn\":\"/1024/0/\",\"e\":[{\"n\":"
                   "\"1\",\"v\":22.9,\"t\":-5}]}",
                   &g),
        LWC_ERR_NOT_FOUND);
    assert_int_equal(g.n, 1);
    assert_int_equal(
        ioh_decode(DEC, &LWC_PATH(1024, 0),
                   "{\"bn\":\"/1024/0/\",\"e\":[{\"n\":\"1\",\"v\":22."
                   "9,\"t\":110}],\"bt\":1000}",
                   &g),
        LWC_ERR_NOT_FOUND);
    assert_int_equal(g.n, 1);
    assert_true(lwc_path_equal(&g.e[0].path, &LWC_PATH(1024, 0, 1)));
    /* No "bn": names are absolute when they lie under the request path,
     * else relative to it. */
    assert_int_equal(
        ioh_decode(DEC, &LWC_PATH(3, 0),
                   "{\"e\":[{\"n\":\"1\",\"sv\":\"x\"},{\"n\":\"3/0/"
                   "2\",\"bv\":true},{\"n\":\"/3/0/3\",\"ov\":\"1:2\"}"
                   "]}",
                   &g),
        LWC_ERR_NOT_FOUND);
    assert_true(lwc_path_equal(&g.e[0].path, &LWC_PATH(3, 0, 1)));
    assert_true(lwc_path_equal(&g.e[1].path, &LWC_PATH(3, 0, 2)));
    assert_true(g.e[1].v.type == LWC_TYPE_BOOL && g.e[1].v.b);
    assert_true(lwc_path_equal(&g.e[2].path, &LWC_PATH(3, 0, 3)));
    assert_true(g.e[2].v.type == LWC_TYPE_OBJLNK && g.e[2].v.objlnk.iid == 2);
}

/* Opaque values are standard base64 with padding in "sv" (LwM2M 1.0
 * §6.4.4); the decoder offers the decoded bytes in entry.raw. */
static void test_opaque(void **state)
{
    static const ioh_ev_t opaque[] = {
        VAL(OPQ("\x01\x02\x03\x04\x05"), 5, 0, 0)};
    static const char text[] =
        "{\"bn\":\"/5/0/0\",\"e\":[{\"sv\":\"AQIDBAU=\"}]}";
    uint8_t scratch[16];
    lwci_io_decoder_t d = {
        .ops = DEC, .scratch = scratch, .scratch_cap = sizeof(scratch)};
    lwci_io_entry_t e;
    size_t used;
    (void)state;
    ioh_check_encode(ENC, &LWC_PATH(5, 0, 0), opaque, 1, text);
    assert_int_equal(DEC->begin(&d, &LWC_PATH(5, 0, 0)), LWC_OK);
    assert_int_equal(
        DEC->next(&d, (const uint8_t *)text, strlen(text), true, &e, &used),
        LWC_OK);
    assert_int_equal(e.value.type, LWC_TYPE_STRING);
    assert_int_equal(e.value.bytes.len, 8);
    assert_non_null(e.raw);
    assert_int_equal(e.raw_len, 5);
    assert_memory_equal(e.raw, "\x01\x02\x03\x04\x05", 5);
    /* Escaped text is unescaped first; the bytes go next to it. */
    static const char esc[] =
        "{\"e\":[{\"n\":\"/5/0/0\",\"sv\":\"\\u0041QIDBAU=\"}]}";
    assert_int_equal(DEC->begin(&d, &LWC_PATH(5, 0, 0)), LWC_OK);
    assert_int_equal(
        DEC->next(&d, (const uint8_t *)esc, strlen(esc), true, &e, &used),
        LWC_OK);
    assert_memory_equal(e.value.bytes.data, "AQIDBAU=", 8);
    assert_int_equal(e.raw_len, 5);
    assert_memory_equal(e.raw, "\x01\x02\x03\x04\x05", 5);
    /* Not base64: raw is NULL; the string itself is fine. */
    static const char str[] = "{\"e\":[{\"n\":\"/5/0/0\",\"sv\":\"hello!\"}]}";
    assert_int_equal(DEC->begin(&d, &LWC_PATH(5, 0, 0)), LWC_OK);
    assert_int_equal(
        DEC->next(&d, (const uint8_t *)str, strlen(str), true, &e, &used),
        LWC_OK);
    assert_null(e.raw);
    assert_int_equal(e.raw_len, 0);
}

static const ioh_ev_t all_types_walk[] = {
    OPEN(1000, 1),
    VAL(STR("esc \"\\\n\x01 \xC3\xA9 \xF0\x9D\x84\x9E"), 1000, 1, 0),
    VAL(INT(INT64_MIN), 1000, 1, 1),
    VAL(UINTV(UINT64_MAX), 1000, 1, 3),
    VAL(FLT(-1.2345678901234567e-300), 1000, 1, 4),
    VAL(BOOLV(false), 1000, 1, 6),
    VAL(TIME(-1), 1000, 1, 10),
    VAL(OBJ(65535, 65535), 1000, 1, 11),
    VAL(CLNK("</3/0>;ver=1.1"), 1000, 1, 12),
    VAL(STR(""), 1000, 1, 13),
    OPEN(1000, 1, 14),
    VAL(FLT(0.5), 1000, 1, 14, 0),
    VAL(FLT(1e-7), 1000, 1, 14, 65534),
    CLOSE(1000, 1, 14),
    CLOSE(1000, 1),
};
#define ALL_EVENTS (sizeof(all_types_walk) / sizeof(all_types_walk[0]))

static void test_round_trip_all_types(void **state)
{
    uint8_t out[1024];
    size_t len, total;
    ioh_got_list_t g;
    (void)state;
    assert_int_equal(ioh_run_walk(ENC, &LWC_PATH(1000, 1), all_types_walk,
                                  ALL_EVENTS, out, sizeof(out) - 1, 0, &len,
                                  &total),
                     LWC_OK);
    out[len] = '\0';
    assert_int_equal(lwci_json_validate(out, len, 3), LWC_OK);
    assert_int_equal(ioh_decode(DEC, &LWC_PATH(1000, 1), (char *)out, &g),
                     LWC_ERR_NOT_FOUND);
    size_t k = 0;
    for (size_t i = 0; i < ALL_EVENTS; i++) {
        if (all_types_walk[i].kind != IOH_VALUE) {
            continue;
        }
        lwc_value_t want = all_types_walk[i].v;
        if (want.type == LWC_TYPE_TIME) {
            want = lwc_value_int(want.t);
        } else if (want.type == LWC_TYPE_CORELNK) {
            want.type = LWC_TYPE_STRING;
        }
        assert_true(lwc_path_equal(&g.e[k].path, &all_types_walk[i].path));
        assert_true(ioh_same_value(&g.e[k].v, &want));
        k++;
    }
    assert_int_equal(k, g.n);
}

static void test_windows(void **state)
{
    uint8_t full[1024];
    size_t flen, ftotal;
    (void)state;
    assert_int_equal(ioh_run_walk(ENC, &LWC_PATH(1000, 1), all_types_walk,
                                  ALL_EVENTS, full, sizeof(full), 0, &flen,
                                  &ftotal),
                     LWC_OK);
    ioh_check_windows(ENC, &LWC_PATH(1000, 1), all_types_walk, ALL_EVENTS, full,
                      flen);
}

static void test_chunked_decode(void **state)
{
    static const char other[] =
        " { \"bt\" : 5 , \"bn\":\"/1000/1/\", \"e\" : [ {\"n\":\"0\",\"sv\":"
        "\"a\\u00e9\\ud834\\udd1e\",\"t\":-1} , {\"n\":\"9\",\"sv\":\"AP8Q\"},"
        "{\"n\":\"1\",\"v\":-1.5e-3},{\"bv\":true,\"n\":\"2\"},"
        "{\"n\":\"11\",\"ov\":\"65535:65535\"} ] , \"bt\" : 7 } \n";
    static const char empty[] = "{\"bn\":\"/1000/1/\",\"e\":[]}";
    const char *payloads[] = {device_json, other, empty};
    const lwc_path_t *bases[] = {&LWC_PATH(3, 0), &LWC_PATH(1000, 1),
                                 &LWC_PATH(1000, 1)};
    (void)state;
    for (size_t p = 0; p < 3; p++) {
        size_t n = strlen(payloads[p]);
        ioh_got_list_t whole, split;
        assert_int_equal(
            ioh_decode_split(DEC, bases[p], payloads[p], n, 0, 256, &whole),
            LWC_ERR_NOT_FOUND);
        assert_int_equal(whole.n, p == 0 ? 16 : p == 1 ? 5 : 0);
        for (size_t k = 0; k <= n; k++) {
            assert_int_equal(
                ioh_decode_split(DEC, bases[p], payloads[p], n, k, 256, &split),
                LWC_ERR_NOT_FOUND);
            ioh_check_same_lists(&whole, &split);
        }
    }
}

static void test_malformed(void **state)
{
    static const char *const bad[] = {
        "",
        "[]",
        "{\"bn\":\"/3/0/\"}",                               /* no "e" */
        "{\"e\":[{\"n\":\"1\",\"v\":1}],\"bn\":\"/3/0/\"}", /* bn after e */
        "{\"bn\":\"/3/0/\",\"x\":1,\"e\":[]}",
        "{\"bn\":\"/3/0/\" \"e\":[]}", /* no ',' */
        "{\"bn\":\"/3/0/\",\"e\":[{\"n\":\"1\",\"v\":1}{\"n\":\"2\",\"v\":1}]}",
        "{\"bn\":\"/3/0/\",\"bn\":\"/3/0/\",\"e\":[]}",
        "{\"bn\":\"/3/0/\",\"e\":{}}",
        "{\"bn\":\"/3/0/\",\"e\":[{\"n\":\"1\",\"v\":1},]}",
        "{\"bn\":\"/3/0/\",\"e\":[{\"n\":\"1\"}]}", /* no value */
        "{\"bn\":\"/3/0/\",\"e\":[{}]}",
        "{\"bn\":\"/3/0/\",\"e\":[{\"n\":\"1\",\"v\":1,\"sv\":\"1\"}]}",
        "{\"bn\":\"/3/0/\",\"e\":[{\"n\":\"1\",\"n\":\"2\",\"v\":1}]}",
        "{\"bn\":\"/3/0/\",\"e\":[{\"n\":\"1\",\"v\":\"1\"}]}",
        "{\"bn\":\"/3/0/\",\"e\":[{\"n\":\"1\",\"bv\":1}]}",
        "{\"bn\":\"/3/0/\",\"e\":[{\"n\":\"1\",\"sv\":1}]}",
        "{\"bn\":\"/3/0/\",\"e\":[{\"n\":\"1\",\"ov\":\"3\"}]}",
        "{\"bn\":\"/3/0/\",\"e\":[{\"n\":\"1\",\"vs\":\"x\"}]}",
        "{\"bn\":\"/3/0/\",\"e\":[{\"n\":\"1\",\"v\":[[[1]]]}]}",
        "{\"bn\":\"/4/0/\",\"e\":[{\"n\":\"1\",\"v\":1}]}", /* outside /3/0 */
        "{\"bn\":\"/3/\",\"e\":[{\"n\":\"0\",\"v\":1}]}",   /* instance level */
        "{\"bn\":\"/3/0/\",\"e\":[{\"n\":\"70000\",\"v\":1}]}",
        "{\"bn\":\"/3/0/\",\"e\":[{\"n\":\"1\",\"sv\":\"\xED\xA0\x80\"}]}",
        "{\"bn\":\"/3/0/\",\"e\":[{\"n\":\"1\",\"sv\":\"\\ud800\"}]}",
        "{\"bn\":\"/3/0/\",\"e\":[{\"n\":\"1\",\"v\":1}]",
        "{\"bn\":\"/3/0/\",\"e\":[{\"n\":\"1\",\"v\":1}]} }",
        "{\"bn\":\"/3/0/\",\"e\":[{\"n\":\"1\",\"v\":1}],\"x\":2}",
        "{\"bn\":\"/3/0/\",\"e\":[{\"n\":\"1\",\"v\":1}],}",
        "{\"bn\":3,\"e\":[]}",
        "{\"bn\":\"/3/0/\",\"e\":[{\"n\":\"1\",\"v\":-}]}",
        "{\"bn\":\"/3/0/\",\"e\":[{\"n\":\"1\",\"v\":1}]}{}",
    };
    ioh_got_list_t g;
    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int rc = ioh_decode(DEC, &LWC_PATH(3, 0), bad[i], &g);
        if (rc != LWC_ERR_MALFORMED) {
            print_error("case %zu: %s -> %d\n", i, bad[i], rc);
        }
        assert_int_equal(rc, LWC_ERR_MALFORMED);
    }
}

static void test_encoder_rejections(void **state)
{
    uint8_t out[64];
    size_t len, total;
    const ioh_ev_t bad_utf8[] = {VAL(STR("\xC3"), 3, 0, 1)};
    const ioh_ev_t bad_type[] = {VAL(NONEV, 3, 0, 1)};
    const ioh_ev_t outside[] = {VAL(INT(1), 4, 0, 1)};
    (void)state;
    assert_int_equal(ioh_run_walk(ENC, &LWC_PATH(3, 0), bad_utf8, 1, out,
                                  sizeof(out), 0, &len, &total),
                     LWC_ERR_INVALID_ARG);
    assert_int_equal(ioh_run_walk(ENC, &LWC_PATH(3, 0), bad_type, 1, out,
                                  sizeof(out), 0, &len, &total),
                     LWC_ERR_UNSUPPORTED);
    assert_int_equal(ioh_run_walk(ENC, &LWC_PATH(3, 0), outside, 1, out,
                                  sizeof(out), 0, &len, &total),
                     LWC_ERR_INVALID_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_encode_device_example),
        cmocka_unit_test(test_decode_device_example),
        cmocka_unit_test(test_single_and_timestamped),
        cmocka_unit_test(test_opaque),
        cmocka_unit_test(test_round_trip_all_types),
        cmocka_unit_test(test_windows),
        cmocka_unit_test(test_chunked_decode),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_encoder_rejections),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
