/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * SenML JSON (110): the LwM2M 1.1 Core §7.4.4 examples in both
 * directions, RFC 8428 records, round trips, block-wise windows and
 * chunks, and malformed input.
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
#include "io/senml_json.h"
#include "support/io_harness.h"

#define ENC (&lwci_io_senml_json_encoder)
#define DEC (&lwci_io_senml_json_decoder)

/* Walk scripts, decoders and comparisons: tests/support/io_harness.h. */

/* ---- LwM2M 1.1 Core §7.4.4: Read of the Device object instance ------- */

/* ioh_device_senml_json (tests/support/io_harness.c) is the Core's text. */
#define device_senml ioh_device_senml_json

static void test_encode_device_example(void **state)
{
    (void)state;
    ioh_check_encode(ENC, &LWC_PATH(3, 0), ioh_device_walk, ioh_device_walk_len,
                     device_senml);
}

static void test_decode_device_example(void **state)
{
    static const char pretty[] =
        "[\n  {\"bn\":\"/3/0/\", \"n\":\"0\", \"vs\":\"Open Mobile "
        "Alliance\"},\n"
        "  {\"n\":\"1\",\"vs\":\"Lightweight M2M Client\"},\n"
        "  {\"n\":\"2\",\"vs\":\"345000123\"},\n  "
        "{\"n\":\"3\",\"vs\":\"1.0\"},\n"
        "  {\"n\":\"6/0\",\"v\":1},\n  {\"n\":\"6/1\",\"v\":5},\n"
        "  {\"n\":\"7/0\",\"v\":3800},\n  {\"n\":\"7/1\",\"v\":5000},\n"
        "  {\"n\":\"8/0\",\"v\":125},\n  {\"n\":\"8/1\",\"v\":900},\n"
        "  {\"n\":\"9\",\"v\":100},\n  {\"n\":\"10\",\"v\":15},\n"
        "  {\"n\":\"11/0\",\"v\":0},\n  {\"n\":\"13\",\"v\":1367491215},\n"
        "  {\"n\":\"14\",\"vs\":\"+02:00\"},\n  "
        "{\"n\":\"16\",\"vs\":\"U\"}\n]\n";
    ioh_got_list_t g;
    (void)state;
    assert_int_equal(ioh_decode(DEC, &LWC_PATH(3, 0), device_senml, &g),
                     LWC_ERR_NOT_FOUND);
    ioh_check_device_entries(&g);
    assert_int_equal(ioh_decode(DEC, &LWC_PATH(3, 0), pretty, &g),
                     LWC_ERR_NOT_FOUND);
    ioh_check_device_entries(&g);
    /* A Write on /3 or a composite write on the root reads the same. */
    assert_int_equal(ioh_decode(DEC, &LWC_PATH(3), device_senml, &g),
                     LWC_ERR_NOT_FOUND);
    ioh_check_device_entries(&g);
    assert_int_equal(ioh_decode(DEC, &LWC_PATH_ROOT, device_senml, &g),
                     LWC_ERR_NOT_FOUND);
    ioh_check_device_entries(&g);
}

/* Leshan's encodings (interop vectors): single resource, multiple
 * resource, opaque, and names per path on a composite read. */
static void test_encode_single_and_composite(void **state)
{
    static const ioh_ev_t single[] = {
        VAL(STR("Open Mobile Alliance"), 3, 0, 0)};
    static const ioh_ev_t multi[] = {OPEN(3, 0, 7), VAL(INT(3800), 3, 0, 7, 0),
                                     VAL(INT(5000), 3, 0, 7, 1),
                                     CLOSE(3, 0, 7)};
    static const ioh_ev_t opaque[] = {VAL(OPQ("\xAB\xCD\xEF"), 0, 0, 3)};
    static const ioh_ev_t composite[] = {
        VAL(STR("Open Mobile Alliance"), 3, 0, 0), VAL(INT(95), 3, 0, 9),
        VAL(INT(86400), 1, 0, 1)};
    (void)state;
    ioh_check_encode(ENC, &LWC_PATH(3, 0, 0), single, 1,
                     "[{\"bn\":\"/3/0/0\",\"vs\":\"Open Mobile Alliance\"}]");
    ioh_check_encode(ENC, &LWC_PATH(3, 0, 7), multi, 4,
                     "[{\"bn\":\"/3/0/7/\",\"n\":\"0\",\"v\":3800},"
                     "{\"n\":\"1\",\"v\":5000}]");
    ioh_check_encode(ENC, &LWC_PATH(0, 0, 3), opaque, 1,
                     "[{\"bn\":\"/0/0/3\",\"vd\":\"q83v\"}]");
    ioh_check_encode(
        ENC, &LWC_PATH_ROOT, composite, 3,
        "[{\"n\":\"/3/0/0\",\"vs\":\"Open Mobile Alliance\"},"
        "{\"n\":\"/3/0/9\",\"v\":95},{\"n\":\"/1/0/1\",\"v\":86400}]");
    ioh_check_encode(ENC, &LWC_PATH(3, 0), NULL, 0, "[]");
}

/* Base names change within a pack and stay in force (RFC 8428 §4.5.1);
 * records without a value name paths (composite read requests). */
static void test_decode_base_names(void **state)
{
    ioh_got_list_t g;
    (void)state;
    assert_int_equal(
        ioh_decode(
            DEC, &LWC_PATH_ROOT,
            "[{\"bn\":\"/3/0/\",\"n\":\"0\",\"vs\":\"Open Mobile Alliance\"},"
            "{\"n\":\"9\",\"v\":95},"
            "{\"bn\":\"/1/0/\",\"n\":\"1\",\"v\":86400},"
            "{\"n\":\"2\",\"v\":300}]",
            &g),
        LWC_ERR_NOT_FOUND);
    assert_int_equal(g.n, 4);
    assert_true(lwc_path_equal(&g.e[1].path, &LWC_PATH(3, 0, 9)));
    assert_true(lwc_path_equal(&g.e[2].path, &LWC_PATH(1, 0, 1)));
    assert_true(lwc_path_equal(&g.e[3].path, &LWC_PATH(1, 0, 2)));
    assert_int_equal(
        ioh_decode(DEC, &LWC_PATH_ROOT,
                   "[{\"n\":\"/3/0/0\"},{\"n\":\"/3/0\"},{\"n\":\"/1\"},"
                   "{\"bn\":\"/5/0/1\"},{\"bn\":\"/\",\"n\":\"6/0/0/1\"}]",
                   &g),
        LWC_ERR_NOT_FOUND);
    assert_int_equal(g.n, 5);
    assert_int_equal(g.e[0].kind, LWCI_IO_NONE);
    assert_true(lwc_path_equal(&g.e[1].path, &LWC_PATH(3, 0)));
    assert_true(lwc_path_equal(&g.e[2].path, &LWC_PATH(1)));
    assert_true(lwc_path_equal(&g.e[3].path, &LWC_PATH(5, 0, 1)));
    assert_true(lwc_path_equal(&g.e[4].path, &LWC_PATH(6, 0, 0, 1)));
    /* Without a base name: absolute when under the request path,
     * otherwise relative to it; no name at all is the request path. */
    assert_int_equal(
        ioh_decode(DEC, &LWC_PATH(3, 0),
                   "[{\"n\":\"3/0/1\",\"v\":1},{\"n\":\"2\",\"v\":2}]", &g),
        LWC_ERR_NOT_FOUND);
    assert_true(lwc_path_equal(&g.e[0].path, &LWC_PATH(3, 0, 1)));
    assert_true(lwc_path_equal(&g.e[1].path, &LWC_PATH(3, 0, 2)));
    assert_int_equal(ioh_decode(DEC, &LWC_PATH(3, 0, 1), "[{\"v\":7}]", &g),
                     LWC_ERR_NOT_FOUND);
    assert_true(lwc_path_equal(&g.e[0].path, &LWC_PATH(3, 0, 1)));
    /* Names are resolved after JSON escapes: "\/3\/0\/" + "\u0031". */
    assert_int_equal(ioh_decode(DEC, &LWC_PATH_ROOT,
                                "[{\"bn\":\"\\/3\\/0\\/\",\"n\":\"\\u0031\","
                                "\"v\":7}]",
                                &g),
                     LWC_ERR_NOT_FOUND);
    assert_true(lwc_path_equal(&g.e[0].path, &LWC_PATH(3, 0, 1)));
    /* Time, unit and version fields are accepted and ignored, as are
     * unknown fields (RFC 8428 §4.4). */
    assert_int_equal(
        ioh_decode(DEC, &LWC_PATH(3303, 0),
                   "[{\"bver\":10,\"bn\":\"/3303/0/\",\"bt\":1.5e9,"
                   "\"bu\":\"Cel\",\"n\":\"5700\",\"u\":\"Cel\","
                   "\"t\":-5,\"ut\":60,\"v\":-12.5,\"x\":{\"y\":[1]}}]",
                   &g),
        LWC_ERR_NOT_FOUND);
    assert_int_equal(g.n, 1);
    assert_true(g.e[0].v.type == LWC_TYPE_FLOAT && g.e[0].v.f == -12.5);
}

/* RFC 8428 §5.1.5: its names are URNs, not LwM2M paths; the same records
 * under LwM2M names decode with every value type. */
static void test_decode_rfc8428_types(void **state)
{
    static const char rfc[] =
        "[\n"
        "  {\"bn\":\"urn:dev:ow:10e2073a01080063:\",\"n\":\"temp\",\"u\":"
        "\"Cel\",\"v\":23.1},\n"
        "  {\"n\":\"label\",\"vs\":\"Machine Room\"},\n"
        "  {\"n\":\"open\",\"vb\":false},\n"
        "  {\"n\":\"nfc-reader\",\"vd\":\"aGkgCg\"}\n"
        "]";
    static const char lwm2m[] =
        "[{\"bn\":\"/3303/0/\",\"n\":\"5700\",\"u\":\"Cel\",\"v\":23.1},"
        "{\"n\":\"5750\",\"vs\":\"Machine Room\"},"
        "{\"n\":\"5850\",\"vb\":false},"
        "{\"n\":\"5910\",\"vd\":\"aGkgCg\"},"
        "{\"n\":\"5911\",\"vlo\":\"3:0\"}]";
    ioh_got_list_t g;
    (void)state;
    assert_int_equal(ioh_decode(DEC, &LWC_PATH_ROOT, rfc, &g),
                     LWC_ERR_MALFORMED);
    assert_int_equal(ioh_decode(DEC, &LWC_PATH(3303, 0), lwm2m, &g),
                     LWC_ERR_NOT_FOUND);
    assert_int_equal(g.n, 5);
    assert_true(g.e[0].v.type == LWC_TYPE_FLOAT && g.e[0].v.f == 23.1);
    assert_int_equal(g.e[1].v.type, LWC_TYPE_STRING);
    assert_memory_equal(g.e[1].v.bytes.data, "Machine Room", 12);
    assert_true(g.e[2].v.type == LWC_TYPE_BOOL && !g.e[2].v.b);
    assert_int_equal(g.e[3].v.type, LWC_TYPE_OPAQUE);
    assert_int_equal(g.e[3].v.bytes.len, 4);
    assert_memory_equal(g.e[3].v.bytes.data, "hi \n", 4);
    assert_int_equal(g.e[4].v.type, LWC_TYPE_OBJLNK);
    assert_true(g.e[4].v.objlnk.oid == 3 && g.e[4].v.objlnk.iid == 0);
}

/* Every value type through encoder and decoder. */
static const ioh_ev_t all_types_walk[] = {
    OPEN(1000, 1),
    VAL(STR("esc \"\\\n\x01 \xC3\xA9 \xF0\x9D\x84\x9E"), 1000, 1, 0),
    VAL(INT(INT64_MIN), 1000, 1, 1),
    VAL(INT(INT64_MAX), 1000, 1, 2),
    VAL(UINTV(UINT64_MAX), 1000, 1, 3),
    VAL(FLT(-1.2345678901234567e-300), 1000, 1, 4),
    VAL(FLT(0.1), 1000, 1, 5),
    VAL(BOOLV(true), 1000, 1, 6),
    VAL(OPQ(""), 1000, 1, 7),
    VAL(OPQ("\x00\xFF\x10"), 1000, 1, 8),
    VAL(OPQ("\xFB\xFF\xFE\x01"), 1000, 1, 9),
    VAL(TIME(-1), 1000, 1, 10),
    VAL(OBJ(65535, 65535), 1000, 1, 11),
    VAL(CLNK("</3/0>"), 1000, 1, 12),
    VAL(STR(""), 1000, 1, 13),
    OPEN(1000, 1, 14),
    VAL(FLT(1e21), 1000, 1, 14, 65534),
    CLOSE(1000, 1, 14),
    CLOSE(1000, 1),
};
#define ALL_EVENTS (sizeof(all_types_walk) / sizeof(all_types_walk[0]))

/* What the decoder gives back: SenML numbers are INT (TIME too), corelnk
 * is a string. */
static lwc_value_t as_decoded(lwc_value_t v)
{
    if (v.type == LWC_TYPE_TIME) {
        return lwc_value_int(v.t);
    }
    if (v.type == LWC_TYPE_CORELNK) {
        v.type = LWC_TYPE_STRING;
    }
    return v;
}

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
        lwc_value_t want = as_decoded(all_types_walk[i].v);
        assert_true(lwc_path_equal(&g.e[k].path, &all_types_walk[i].path));
        assert_true(ioh_same_value(&g.e[k].v, &want));
        k++;
    }
    assert_int_equal(k, g.n);
}

/* Block-wise: encoding through windows of every size gives the same
 * bytes (the encoder writes strictly forward). */
static void test_windows(void **state)
{
    uint8_t full[1024];
    size_t flen, ftotal;
    (void)state;
    assert_int_equal(ioh_run_walk(ENC, &LWC_PATH(1000, 1), all_types_walk,
                                  ALL_EVENTS, full, sizeof(full), 0, &flen,
                                  &ftotal),
                     LWC_OK);
    assert_int_equal(flen, ftotal);
    ioh_check_windows(ENC, &LWC_PATH(1000, 1), all_types_walk, ALL_EVENTS, full,
                      flen);
}

/* Block1: every split point gives the same entries. */
static void test_chunked_decode(void **state)
{
    static const char escaped[] =
        "[{\"bn\":\"/1000/1/\",\"n\":\"0\",\"vs\":\"a\\u00e9\\ud834\\udd1e\"},"
        " {\"n\":\"9\", \"vd\":\"AP8Q\"} , {\"n\":\"1\",\"v\":-1.5e-3},"
        "{\"n\":\"2\",\"vb\":true},{\"n\":\"11\",\"vlo\":\"65535:65535\"}] ";
    const char *payloads[] = {device_senml, escaped};
    (void)state;
    for (size_t p = 0; p < 2; p++) {
        size_t n = strlen(payloads[p]);
        ioh_got_list_t whole, split;
        const lwc_path_t *base = p == 0 ? &LWC_PATH(3, 0) : &LWC_PATH(1000, 1);
        assert_int_equal(
            ioh_decode_split(DEC, base, payloads[p], n, 0, 256, &whole),
            LWC_ERR_NOT_FOUND);
        for (size_t k = 0; k <= n; k++) {
            assert_int_equal(
                ioh_decode_split(DEC, base, payloads[p], n, k, 256, &split),
                LWC_ERR_NOT_FOUND);
            ioh_check_same_lists(&whole, &split);
        }
    }
}

/* Malformed input: the right code, no crash (run under ASan/UBSan). */
static void test_malformed(void **state)
{
    static const struct {
        const char *payload;
        int rc;
    } bad[] = {
        {"", LWC_ERR_MALFORMED},
        {"[{\"bn\":\"/3/0/\",\"n\":\"0\",\"v\":1", LWC_ERR_MALFORMED},
        {"{\"n\":\"/3/0/1\",\"v\":1}", LWC_ERR_MALFORMED},
        {"[{\"n\":\"/3/0/1\",\"v\":1},]", LWC_ERR_MALFORMED},
        {"[{\"n\":\"/3/0/1\",\"v\":1}] x", LWC_ERR_MALFORMED},
        {"[{\"n\":\"/3/0/1\",\"x\":[[[[[[[[1]]]]]]]]}]", LWC_ERR_MALFORMED},
        {"[{\"n\":\"/3/0/1\",\"v\":\"1\"}]", LWC_ERR_MALFORMED},
        {"[{\"n\":\"/3/0/1\",\"vb\":1}]", LWC_ERR_MALFORMED},
        {"[{\"n\":\"/3/0/1\",\"vs\":5}]", LWC_ERR_MALFORMED},
        {"[{\"n\":\"/3/0/1\",\"n\":\"/3/0/2\",\"v\":1}]", LWC_ERR_MALFORMED},
        {"[{\"n\":\"/3/0/1\",\"v\":1,\"vs\":\"1\"}]", LWC_ERR_MALFORMED},
        {"[{\"n\":\"/3/0/65535\",\"v\":1}]", LWC_ERR_MALFORMED},
        {"[{\"n\":\"/3/0/1/2/3\",\"v\":1}]", LWC_ERR_MALFORMED},
        {"[{\"n\":\"/3/0/1\",\"vs\":\"\xC0\x80\"}]", LWC_ERR_MALFORMED},
        {"[{\"n\":\"/3/0/1\",\"vs\":\"\\udc00\"}]", LWC_ERR_MALFORMED},
        {"[{\"n\":\"/3/0/1\",\"vs\":\"a\x01\"}]", LWC_ERR_MALFORMED},
        {"[{\"n\":\"/3/0/1\",\"vd\":\"q83v=\"}]", LWC_ERR_MALFORMED},
        {"[{\"n\":\"/3/0/1\",\"vd\":\"!!!!\"}]", LWC_ERR_MALFORMED},
        {"[{\"n\":\"/3/0/1\",\"v\":1,\"x_\":1}]", LWC_ERR_MALFORMED},
        {"[{\"bver\":11,\"n\":\"/3/0/1\",\"v\":1}]", LWC_ERR_MALFORMED},
        {"[{\"n\":\"/4/0/1\",\"v\":1}]", LWC_ERR_MALFORMED}, /* not in /3/0 */
        {"[{\"n\":\"/3/0\",\"v\":1}]", LWC_ERR_MALFORMED},
        {"[{\"n\":\"/3/0/1\",\"v\":1e999}]", LWC_ERR_MALFORMED},
        {"[{\"n\":\"/3/0/1\",\"v\":01}]", LWC_ERR_MALFORMED},
        {"[{\"n\":\"/3/0/1\",\"vlo\":\"3:65536\"}]", LWC_ERR_MALFORMED},
        {"[{\"n\":\"/3/0/1\",\"vlo\":\"3-0\"}]", LWC_ERR_MALFORMED},
        {"[{\"bn\":\"/3//\",\"n\":\"1\",\"v\":1}]", LWC_ERR_MALFORMED},
        {"[{\"bn\":\"3/0/\",\"n\":\"1\",\"v\":1}]", LWC_ERR_MALFORMED},
        /* "/3/0/0" + "1" = "/3/0/01": two IDs run together (senml_name.h) */
        {"[{\"bn\":\"/3/0/0\",\"n\":\"1\",\"v\":1}]", LWC_ERR_MALFORMED},
        {"[{\"bn\":\"/3/0/1/2/\",\"v\":1}]", LWC_ERR_MALFORMED},
        {"[{\"n\":\"/3/0/1\",\"bv\":1,\"v\":1}]", LWC_ERR_MALFORMED},
        {"[{\"n\":\"/3/0/1\",\"s\":1}]", LWC_ERR_MALFORMED},
        {"[{\"n\":\"/3/0/1\",\"vs\":\"x\"},{\"n\":\"/3/0/2\"x}]",
         LWC_ERR_MALFORMED},
        {"[{\"n\":\"/3/0/\\u0000\",\"v\":1}]", LWC_ERR_MALFORMED},
        {"[1]", LWC_ERR_MALFORMED},
        {"[[{\"n\":\"/3/0/1\",\"v\":1}]]", LWC_ERR_MALFORMED},
    };
    ioh_got_list_t g;
    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int rc = ioh_decode(DEC, &LWC_PATH(3, 0), bad[i].payload, &g);
        if (rc != bad[i].rc) {
            print_error("case %zu: %s -> %d\n", i, bad[i].payload, rc);
        }
        assert_int_equal(rc, bad[i].rc);
    }
}

/* A value larger than the scratch is TOO_LARGE (4.13), not truncated; a
 * plain string needs no scratch at all. */
static void test_scratch_limits(void **state)
{
    static const char esc[] = "[{\"n\":\"/3/0/1\",\"vs\":\"\\u0041BCDEFGH\"}]";
    static const char b64[] = "[{\"n\":\"/3/0/1\",\"vd\":\"AAECAwQFBgc\"}]";
    static const char plain[] = "[{\"n\":\"/3/0/1\",\"vs\":\"ABCDEFGH\"}]";
    ioh_got_list_t g;
    (void)state;
    assert_int_equal(
        ioh_decode_split(DEC, &LWC_PATH(3, 0), esc, strlen(esc), 0, 7, &g),
        LWC_ERR_TOO_LARGE);
    assert_int_equal(
        ioh_decode_split(DEC, &LWC_PATH(3, 0), esc, strlen(esc), 0, 8, &g),
        LWC_ERR_NOT_FOUND);
    assert_int_equal(
        ioh_decode_split(DEC, &LWC_PATH(3, 0), b64, strlen(b64), 0, 7, &g),
        LWC_ERR_TOO_LARGE);
    assert_int_equal(
        ioh_decode_split(DEC, &LWC_PATH(3, 0), b64, strlen(b64), 0, 8, &g),
        LWC_ERR_NOT_FOUND);
    assert_int_equal(
        ioh_decode_split(DEC, &LWC_PATH(3, 0), plain, strlen(plain), 0, 0, &g),
        LWC_ERR_NOT_FOUND);
    assert_memory_equal(g.e[0].v.bytes.data, "ABCDEFGH", 8);
}

/* Many records: the decoder's state does not grow with the count. */
static void test_many_records(void **state)
{
    static char payload[64 * 1024];
    uint8_t scratch[8];
    size_t n = 0;
    (void)state;
    payload[n++] = '[';
    for (unsigned i = 0; i < 3000; i++) {
        n += (size_t)snprintf(payload + n, sizeof(payload) - n,
                              "%s{%s\"n\":\"%u\",\"v\":1}", i ? "," : "",
                              i ? "" : "\"bn\":\"/5/0/1/\",", i);
    }
    payload[n++] = ']';
    lwci_io_decoder_t d = {
        .ops = DEC, .scratch = scratch, .scratch_cap = sizeof(scratch)};
    assert_int_equal(DEC->begin(&d, &LWC_PATH(5, 0)), LWC_OK);
    size_t pos = 0, count = 0;
    for (;;) {
        lwci_io_entry_t e;
        size_t used;
        int rc =
            DEC->next(&d, (uint8_t *)payload + pos, n - pos, true, &e, &used);
        pos += used;
        if (rc != LWC_OK) {
            assert_int_equal(rc, LWC_ERR_NOT_FOUND);
            break;
        }
        assert_int_equal(e.path.ids[3], count);
        count++;
    }
    assert_int_equal(count, 3000);
}

static void test_encoder_rejections(void **state)
{
    uint8_t out[64];
    size_t len, total;
    lwc_value_t nan = lwc_value_float(0.0);
    nan.f = nan.f / nan.f;
    const ioh_ev_t bad_nan[] = {VAL(nan, 3, 0, 1)};
    const ioh_ev_t bad_utf8[] = {VAL(STR("\xFF"), 3, 0, 1)};
    const ioh_ev_t bad_type[] = {VAL(NONEV, 3, 0, 1)};
    const ioh_ev_t outside[] = {VAL(INT(1), 4, 0, 1)};
    const ioh_ev_t second[] = {VAL(INT(1), 3, 0, 1), VAL(INT(2), 3, 0, 1)};
    (void)state;
    assert_int_equal(ioh_run_walk(ENC, &LWC_PATH(3, 0), bad_nan, 1, out,
                                  sizeof(out), 0, &len, &total),
                     LWC_ERR_UNSUPPORTED);
    assert_int_equal(ioh_run_walk(ENC, &LWC_PATH(3, 0), bad_utf8, 1, out,
                                  sizeof(out), 0, &len, &total),
                     LWC_ERR_INVALID_ARG);
    assert_int_equal(ioh_run_walk(ENC, &LWC_PATH(3, 0), bad_type, 1, out,
                                  sizeof(out), 0, &len, &total),
                     LWC_ERR_UNSUPPORTED);
    assert_int_equal(ioh_run_walk(ENC, &LWC_PATH(3, 0), outside, 1, out,
                                  sizeof(out), 0, &len, &total),
                     LWC_ERR_INVALID_ARG);
    assert_int_equal(ioh_run_walk(ENC, &LWC_PATH(3, 0, 1), second, 2, out,
                                  sizeof(out), 0, &len, &total),
                     LWC_ERR_INVALID_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_encode_device_example),
        cmocka_unit_test(test_decode_device_example),
        cmocka_unit_test(test_encode_single_and_composite),
        cmocka_unit_test(test_decode_base_names),
        cmocka_unit_test(test_decode_rfc8428_types),
        cmocka_unit_test(test_round_trip_all_types),
        cmocka_unit_test(test_windows),
        cmocka_unit_test(test_chunked_decode),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_scratch_limits),
        cmocka_unit_test(test_many_records),
        cmocka_unit_test(test_encoder_rejections),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
