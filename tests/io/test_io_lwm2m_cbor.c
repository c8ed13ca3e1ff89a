/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * LwM2M CBOR (11544, src/io/lwm2m_cbor.c): the LwM2M Core Device example in
 * the nested-map and path-array forms of LwM2M 1.2 Core §7.4, chunked
 * decoding, windowed encoding, malformed input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "io/cbor.h"
#include "io/lwm2m_cbor.h"
#include "support/io_harness.h"

#define ENC (&lwci_io_lwm2m_cbor_encoder)
#define DEC (&lwci_io_lwm2m_cbor_decoder)

/* Hex, decoders, entry checks and walk scripts: tests/support/io_harness.h. */

/* ---- Golden vectors ------------------------------------------------------ */

/*
 * The LwM2M Core Device object example (Read of /3/0) as LwM2M 1.2 Core
 * §7.4 writes it, one map per level:
 *   {3: {0: {0: "Open Mobile Alliance", 1: "Lightweight M2M Client",
 *            2: "345000123", 3: "1.0", 6: {0: 1, 1: 5},
 *            7: {0: 3800, 1: 5000}, 8: {0: 125, 1: 900}, 9: 100, 10: 15,
 *            11: {0: 0}, 13: 1(1367491215), 14: "+02:00", 16: "U"}}}
 * INSTANCE is the innermost map (13 pairs).
 */
#define INSTANCE                                                               \
    "ad00744f70656e204d6f62696c6520416c6c69616e636501764c6967"                 \
    "6874776569676874204d324d20436c69656e7402693334353030303132330363"         \
    "312e3006a20001010507a200190ed80119138808a200187d011903840918640a"         \
    "0f0ba100000dc11a5182428f0e662b30323a3030106155"

/* The same with path arrays as keys: {[3, 0]: {...}} */
#define DEVICE_ARRAY_KEY "a1820300" INSTANCE

/* The same with one full path per value: {[3, 0, 0]: "Open...", ...,
 * [3, 0, 6, 0]: 1, ...}, 16 pairs. */
#define DEVICE_FLAT                                                            \
    "b083030000744f70656e204d6f62696c6520416c6c69616e636583030001764c"         \
    "69676874776569676874204d324d20436c69656e748303000269333435303030"         \
    "3132338303000363312e308403000600018403000601058403000700190ed884"         \
    "030007011913888403000800187d84030008011903848303000918648303000a"         \
    "0f8403000b00008303000dc11a5182428f8303000e662b30323a303083030010"         \
    "6155"

/* What the encoder writes for the walk of /3/0 (indefinite maps, the
 * first key a path array). */
#define DEVICE_ENCODED                                                         \
    "bf820300bf00744f70656e204d6f62696c6520416c6c69616e636501764c6967"         \
    "6874776569676874204d324d20436c69656e7402693334353030303132330363"         \
    "312e3006bf00010105ff07bf00190ed801191388ff08bf00187d01190384ff09"         \
    "18640a0f0bbf0000ff0dc11a5182428f0e662b30323a3030106155ffff"

static void test_decode_device_forms(void **state)
{
    static const char *const forms[] = {
        "a103a100" INSTANCE, DEVICE_ARRAY_KEY,          DEVICE_FLAT,
        DEVICE_ENCODED,      "d9d9f7" DEVICE_ARRAY_KEY, /* self-described CBOR
                                                         */
    };
    ioh_entry_t g[IOH_MAX_ENTRIES];
    size_t count;
    (void)state;
    for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        assert_int_equal(ioh_decode_hex(DEC, forms[i], g, &count), LWC_OK);
        ioh_check_device(g, count, true);
    }
}

/* {[3, 0]: {0: "a", [6]: {0: 1}}, [3, 0, 6, 1]: 5,
 *  3: {_ 1: {_ 1: null, 2: {}}}, [5, 0]: {_ }, [1, 0, 1]: (_ "x", "y")} */
#define MIXED                                                                  \
    "a5820300a20061618106a1000184030006010503bf01"                             \
    "bf01f602a0ffff820500bfff830100017f61786179ff"

/* Mixed keys, null, empty maps, indefinite strings. */
static void test_decode_mixed(void **state)
{
    ioh_entry_t g[IOH_MAX_ENTRIES];
    size_t count;
    (void)state;

    assert_int_equal(ioh_decode_hex(DEC, MIXED, g, &count), LWC_OK);
    assert_int_equal(count, 7);
    ioh_expect_text(&g[0], &LWC_PATH(3, 0, 0), LWC_TYPE_STRING, "a");
    ioh_expect_int(&g[1], &LWC_PATH(3, 0, 6, 0), 1);
    ioh_expect_int(&g[2], &LWC_PATH(3, 0, 6, 1), 5);
    ioh_expect_none(&g[3], &LWC_PATH(3, 1, 1));
    ioh_expect_none(&g[4], &LWC_PATH(3, 1, 2));
    ioh_expect_none(&g[5], &LWC_PATH(5, 0));
    ioh_expect_text(&g[6], &LWC_PATH(1, 0, 1), LWC_TYPE_STRING, "xy");

    /* An empty root map has no entries. */
    assert_int_equal(ioh_decode_hex(DEC, "a0", g, &count), LWC_OK);
    assert_int_equal(count, 0);
    assert_int_equal(ioh_decode_hex(DEC, "bfff", g, &count), LWC_OK);
    assert_int_equal(count, 0);
}

static void test_decode_every_split(void **state)
{
    static const char *const payloads[] = {
        "a103a100" INSTANCE, DEVICE_FLAT, DEVICE_ENCODED, MIXED, "bfff",
    };
    (void)state;
    ioh_check_every_split(DEC, payloads,
                          sizeof(payloads) / sizeof(payloads[0]));
}

#define TWENTY_A                                                               \
    "61616161616161616161"                                                     \
    "61616161616161616161"

static void test_decode_malformed(void **state)
{
    static const ioh_hex_case_t bad[] = {
        {"", LWC_ERR_MALFORMED},           /* empty */
        {"83010203", LWC_ERR_MALFORMED},   /* not a map */
        {"a161610101", LWC_ERR_MALFORMED}, /* text key */
        {"a1200101", LWC_ERR_MALFORMED},   /* negative key */
        {"a119ffff01", LWC_ERR_MALFORMED}, /* ID 65535 */
        {"a18001", LWC_ERR_MALFORMED},     /* empty path array */
        {"a1850102030405"
         "01",
         LWC_ERR_MALFORMED},                       /* 5 IDs */
        {"a19f0102030405ff01", LWC_ERR_MALFORMED}, /* 5 IDs, indefinite */
        {"a1830102"
         "03a1820405"
         "01",
         LWC_ERR_MALFORMED},                       /* 5 IDs deep */
        {"a18301020383010203", LWC_ERR_MALFORMED}, /* array as value */
        {"a1820300"
         "01",
         LWC_ERR_MALFORMED}, /* value on instance */
        {"a2830300010183030001"
         "02",
         LWC_ERR_MALFORMED},                           /* same key */
        {"a103a200a1000100a10102", LWC_ERR_MALFORMED}, /* 0 twice */
        {"a1830300010100", LWC_ERR_MALFORMED},         /* bytes after */
        {"a18303000119", LWC_ERR_MALFORMED},           /* truncated */
        {"bf8303000101", LWC_ERR_MALFORMED},           /* no break */
        {"bb000000010000000083030001"
         "01",
         LWC_ERR_MALFORMED}, /* count */
        {"a183030001"
         "62c328",
         LWC_ERR_MALFORMED},                   /* UTF-8 */
        {"a28303000101ff", LWC_ERR_MALFORMED}, /* break in definite */
        {"a183030001"
         "c074",
         LWC_ERR_MALFORMED}, /* tag 0 */
        {"a18403000100"
         "a10001",
         LWC_ERR_MALFORMED}, /* map on 4 IDs */
        {"a1420102"
         "01",
         LWC_ERR_MALFORMED}, /* bytes key */
        {"a1f93c00"
         "01",
         LWC_ERR_MALFORMED}, /* float key */
        {"a1826133"
         "00"
         "01",
         LWC_ERR_MALFORMED}, /* text in a path */
        {"a183030001"
         "f7",
         LWC_ERR_MALFORMED},             /* undefined */
        {"a1c10301", LWC_ERR_MALFORMED}, /* tagged key */
        {"a183030001"
         "7f74" TWENTY_A "74" TWENTY_A "ff",
         LWC_ERR_TOO_LARGE}, /* 40 bytes of chunks, 32 of scratch */
    };
    (void)state;
    ioh_check_hex_cases(DEC, bad, sizeof(bad) / sizeof(bad[0]));
}

/* ---- Encoder ------------------------------------------------------------- */

static void test_encode_device(void **state)
{
    const ioh_ev_t *ev = ioh_device_walk;
    size_t n = ioh_device_walk_len;
    uint8_t out[512], want[512];
    lwci_io_sink_t s;
    ioh_entry_t g[IOH_MAX_ENTRIES];
    size_t count;
    (void)state;

    size_t wn = ioh_unhex(DEVICE_ENCODED, want, sizeof(want));
    assert_int_equal(
        ioh_walk_into(ENC, &LWC_PATH(3, 0), ev, n, out, sizeof(out), 0, &s),
        LWC_OK);
    assert_int_equal(s.total, wn);
    assert_memory_equal(out, want, wn);
    /* It reads back as the example. */
    assert_int_equal(ioh_decode_entries(DEC, out, wn, wn, g, &count), LWC_OK);
    ioh_check_device(g, count, true);

    ioh_check_windows(ENC, &LWC_PATH(3, 0), ev, n, want, wn);
}

static void test_encode_bases(void **state)
{
    (void)state;
    /* Read of the root: {_ 1: {_ 0: {_ 0: 1, 1: 86400}}, 3: {...}} */
    ioh_ev_t root[] = {
        IOH_OPEN_AT(LWC_PATH(1)),
        IOH_OPEN_AT(LWC_PATH(1, 0)),
        IOH_VALUE_AT(LWC_PATH(1, 0, 0), lwc_value_int(1)),
        IOH_VALUE_AT(LWC_PATH(1, 0, 1), lwc_value_uint(86400)),
        IOH_CLOSE_AT(LWC_PATH(1, 0)),
        IOH_CLOSE_AT(LWC_PATH(1)),
        IOH_OPEN_AT(LWC_PATH(3)),
        IOH_OPEN_AT(LWC_PATH(3, 0)),
        IOH_VALUE_AT(LWC_PATH(3, 0, 9), lwc_value_int(100)),
        IOH_CLOSE_AT(LWC_PATH(3, 0)),
        IOH_CLOSE_AT(LWC_PATH(3)),
    };
    ioh_expect_walk(ENC, &LWC_PATH_ROOT, root, 11,
                    "bf01bf00bf0001011a00015180ffff03bf00bf091864ffffff");

    /* Read of a resource: {_ [3, 0, 9]: 100} */
    ioh_ev_t res[] = {IOH_VALUE_AT(LWC_PATH(3, 0, 9), lwc_value_int(100))};
    ioh_expect_walk(ENC, &LWC_PATH(3, 0, 9), res, 1, "bf830300091864ff");

    /* Read of a multiple resource: {_ [3, 0, 6]: {_ 0: 1, 1: 5}} */
    ioh_ev_t multi[] = {
        IOH_OPEN_AT(LWC_PATH(3, 0, 6)),
        IOH_VALUE_AT(LWC_PATH(3, 0, 6, 0), lwc_value_int(1)),
        IOH_VALUE_AT(LWC_PATH(3, 0, 6, 1), lwc_value_int(5)),
        IOH_CLOSE_AT(LWC_PATH(3, 0, 6)),
    };
    ioh_expect_walk(ENC, &LWC_PATH(3, 0, 6), multi, 4,
                    "bf83030006bf00010105ffff");

    /* Read-Composite: one full-path key per requested path. */
    ioh_ev_t comp[] = {
        IOH_VALUE_AT(LWC_PATH(3, 0, 9), lwc_value_int(100)),
        IOH_VALUE_AT(LWC_PATH(1, 0, 1), lwc_value_uint(86400)),
        IOH_OPEN_AT(LWC_PATH(3, 0, 6)),
        IOH_VALUE_AT(LWC_PATH(3, 0, 6, 0), lwc_value_int(1)),
        IOH_VALUE_AT(LWC_PATH(3, 0, 6, 1), lwc_value_int(5)),
        IOH_CLOSE_AT(LWC_PATH(3, 0, 6)),
    };
    ioh_expect_walk(ENC, &LWC_PATH_ROOT, comp, 6,
                    "bf830300091864830100011a0001518083030006bf00010105ffff");
}

static void test_encode_types(void **state)
{
    lwc_value_t opaque = {.type = LWC_TYPE_OPAQUE};
    lwc_value_t lnk = ioh_str("</3/0>");
    (void)state;
    opaque.bytes.data = "\x01\x02";
    opaque.bytes.len = 2;
    lnk.type = LWC_TYPE_CORELNK;

    ioh_ev_t types[] = {
        IOH_VALUE_AT(LWC_PATH(1, 0, 1), lwc_value_uint(86400)),
        IOH_VALUE_AT(LWC_PATH(3, 0, 13), lwc_value_time(1367491215)),
        IOH_VALUE_AT(LWC_PATH(3303, 0, 5700), lwc_value_float(22.5)),
        IOH_VALUE_AT(LWC_PATH(3311, 0, 5850), lwc_value_bool(true)),
        IOH_VALUE_AT(LWC_PATH(16, 0, 5, 1), lwc_value_objlnk(66, 1)),
        IOH_VALUE_AT(LWC_PATH(16, 0, 6), opaque),
        IOH_VALUE_AT(LWC_PATH(1, 0, 22), lnk),
        IOH_VALUE_AT(LWC_PATH(9, 0, 1), lwc_value_int(-3)),
        IOH_VALUE_AT(LWC_PATH(3, 0, 21), lwc_value_uint(UINT64_MAX)),
    };
    const char *hex =
        "bf830100011a000151808303000dc11a5182428f83190ce700191644f94da083"
        "190cef001916daf584100005016436363a318310000642010283010016663c2f"
        "332f303e8309000122830300151bffffffffffffffffff";
    ioh_expect_walk(ENC, &LWC_PATH_ROOT, types, 9, hex);

    /* Decoded back: the object link arrives as its text. */
    uint8_t p[128];
    ioh_entry_t g[IOH_MAX_ENTRIES];
    size_t count;
    size_t n = ioh_unhex(hex, p, sizeof(p));
    assert_int_equal(ioh_decode_entries(DEC, p, n, n, g, &count), LWC_OK);
    assert_int_equal(count, 9);
    assert_true(g[0].e.value.type == LWC_TYPE_INT && g[0].e.value.i == 86400);
    assert_true(g[1].e.value.type == LWC_TYPE_TIME);
    assert_true(g[2].e.value.type == LWC_TYPE_FLOAT && g[2].e.value.f == 22.5);
    assert_true(g[3].e.value.type == LWC_TYPE_BOOL && g[3].e.value.b);
    ioh_expect_text(&g[4], &LWC_PATH(16, 0, 5, 1), LWC_TYPE_STRING, "66:1");
    ioh_expect_text(&g[5], &LWC_PATH(16, 0, 6), LWC_TYPE_OPAQUE, "\x01\x02");
    ioh_expect_text(&g[6], &LWC_PATH(1, 0, 22), LWC_TYPE_STRING, "</3/0>");
    ioh_expect_int(&g[7], &LWC_PATH(9, 0, 1), -3);
    assert_true(g[8].e.value.type == LWC_TYPE_UINT &&
                g[8].e.value.u == UINT64_MAX);
}

static void test_encode_refusals(void **state)
{
    uint8_t out[64];
    lwci_io_sink_t s;
    lwc_value_t none = {.type = LWC_TYPE_NONE};
    (void)state;

    ioh_ev_t outside[] = {IOH_VALUE_AT(LWC_PATH(4, 0, 1), lwc_value_int(1))};
    assert_int_equal(ioh_walk_into(ENC, &LWC_PATH(3, 0), outside, 1, out,
                                   sizeof(out), 0, &s),
                     LWC_ERR_INVALID_ARG);
    ioh_ev_t exec[] = {IOH_VALUE_AT(LWC_PATH(3, 0, 4), none)};
    assert_int_equal(
        ioh_walk_into(ENC, &LWC_PATH(3, 0), exec, 1, out, sizeof(out), 0, &s),
        LWC_ERR_UNSUPPORTED);
    assert_int_equal(s.total, 1); /* only the root map head */
    ioh_ev_t deep[] = {IOH_OPEN_AT(LWC_PATH(3, 0, 6, 0))};
    assert_int_equal(
        ioh_walk_into(ENC, &LWC_PATH(3, 0), deep, 1, out, sizeof(out), 0, &s),
        LWC_ERR_INVALID_ARG);
    ioh_ev_t unbalanced[] = {IOH_CLOSE_AT(LWC_PATH(3, 0))};
    assert_int_equal(ioh_walk_into(ENC, &LWC_PATH(3, 0), unbalanced, 1, out,
                                   sizeof(out), 0, &s),
                     LWC_ERR_STATE);
    /* end() closes what the walk left open: the output stays well-formed. */
    ioh_ev_t open_only[] = {IOH_OPEN_AT(LWC_PATH(3, 0))};
    assert_int_equal(ioh_walk_into(ENC, &LWC_PATH(3, 0), open_only, 1, out,
                                   sizeof(out), 0, &s),
                     LWC_OK);
    lwci_cbor_reader_t r;
    lwci_cbor_reader_init(&r, out, s.total);
    assert_int_equal(lwci_cbor_skip(&r), LWC_OK);
    assert_int_equal(r.pos, s.total);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_device_forms),
        cmocka_unit_test(test_decode_mixed),
        cmocka_unit_test(test_decode_every_split),
        cmocka_unit_test(test_decode_malformed),
        cmocka_unit_test(test_encode_device),
        cmocka_unit_test(test_encode_bases),
        cmocka_unit_test(test_encode_types),
        cmocka_unit_test(test_encode_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
