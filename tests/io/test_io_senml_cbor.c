/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * SenML CBOR (112, src/io/senml_cbor.c): RFC 8428 §6 and the LwM2M 1.1
 * Core examples, chunked decoding, windowed encoding, malformed input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "io/cbor.h"
#include "io/senml_cbor.h"
#include "io/senml_json.h"
#include "support/io_harness.h"

#define ENC (&lwci_io_senml_cbor_encoder)
#define DEC (&lwci_io_senml_cbor_decoder)

/* Hex, decoders, entry checks and walk scripts: tests/support/io_harness.h. */

/* ---- Golden vectors ------------------------------------------------------ */

/*
 * LwM2M 1.1 Core §7.4 (SenML JSON example: Read of the Device object
 * instance /3/0), written in SenML CBOR as RFC 8428 §6 maps the labels:
 *   [{-2: "/3/0/", 0: "0", 3: "Open Mobile Alliance"},
 *    {0: "1", 3: "Lightweight M2M Client"}, {0: "2", 3: "345000123"},
 *    {0: "3", 3: "1.0"}, {0: "6/0", 2: 1}, {0: "6/1", 2: 5},
 *    {0: "7/0", 2: 3800}, {0: "7/1", 2: 5000}, {0: "8/0", 2: 125},
 *    {0: "8/1", 2: 900}, {0: "9", 2: 100}, {0: "10", 2: 15},
 *    {0: "11/0", 2: 0}, {0: "13", 2: 1367491215}, {0: "14", 3: "+02:00"},
 *    {0: "16", 3: "U"}]
 * The records, after the array head (0x90: 16 items).
 */
#define DEVICE_RECORDS                                                         \
    "a321652f332f302f00613003744f70656e204d6f62696c6520416c6c69616e"           \
    "6365a200613103764c69676874776569676874204d324d20436c69656e74a200"         \
    "61320369333435303030313233a20061330363312e30a20063362f300201a200"         \
    "63362f310205a20063372f3002190ed8a20063372f3102191388a20063382f30"         \
    "02187da20063382f3102190384a2006139021864a200623130020fa200643131"         \
    "2f300200a200623133021a5182428fa20062313403662b30323a3030a2006231"         \
    "36036155"

/* RFC 8428 §6's own CBOR dump (195 bytes, 1.5 as the half float f9 3e00)
 * is checked item by item, with its URN names refused, in
 * test_io_spec_vectors.c (RFC8428_CBOR). */

/* ---- Hand-driven walks with the walker's count ------------------------- */

/* What the walker's measure of the root reports for a list of walk events
 * (the number of values), or `rc` to fail it. */
typedef struct {
    const ioh_ev_t *ev;
    size_t n;
    int rc;
} ev_count_t;

static int count_values(void *ctx, const lwc_path_t *c, lwci_io_measure_t *out)
{
    const ev_count_t *k = ctx;
    if (c->len != 0) {
        return LWC_ERR_INVALID_ARG; /* SenML CBOR measures the root only */
    }
    if (k->rc != LWC_OK) {
        return k->rc;
    }
    *out = (lwci_io_measure_t){0};
    for (size_t i = 0; i < k->n; i++) {
        out->values += k->ev[i].kind == IOH_VALUE;
    }
    return LWC_OK;
}

/* ioh_walk_into() with a measure hook that counts k's events. */
static int counted_walk(const lwc_path_t *base, ev_count_t *k, uint8_t *out,
                        size_t cap, size_t skip, lwci_io_sink_t *sink)
{
    lwci_io_encoder_t e = {
        .ops = ENC, .sink = sink, .measure = count_values, .measure_ctx = k};
    lwci_io_sink_init(sink, out, cap, skip);
    int rc = ENC->begin(&e, base);
    for (size_t i = 0; i < k->n && rc == LWC_OK; i++) {
        const ioh_ev_t *ev = &k->ev[i];
        if (ev->kind == IOH_OPEN) {
            rc = ENC->open(&e, &ev->path);
        } else if (ev->kind == IOH_CLOSE) {
            rc = ENC->close(&e, &ev->path);
        } else {
            rc = ENC->value(&e, &ev->path, &ev->v);
        }
    }
    return rc == LWC_OK ? ENC->end(&e) : rc;
}

/* The counted walk gives exactly the bytes of hex, also through windows of
 * every size (strictly forward, the same count in every window). */
static void expect_counted(const lwc_path_t *base, const ioh_ev_t *ev, size_t n,
                           const char *hex)
{
    uint8_t want[512], out[512], joined[512];
    ev_count_t k = {ev, n, LWC_OK};
    lwci_io_sink_t s;
    size_t wn = ioh_unhex(hex, want, sizeof(want));
    assert_int_equal(counted_walk(base, &k, out, sizeof(out), 0, &s), LWC_OK);
    assert_int_equal(s.total, wn);
    assert_memory_equal(out, want, wn);
    for (size_t w = 1; w <= wn; w++) {
        size_t got = 0;
        for (size_t skip = 0; skip < wn; skip += w) {
            assert_int_equal(counted_walk(base, &k, out, w, skip, &s), LWC_OK);
            assert_int_equal(s.total, wn);
            memcpy(joined + got, out, lwci_io_sink_len(&s));
            got += lwci_io_sink_len(&s);
        }
        assert_int_equal(got, wn);
        assert_memory_equal(joined, want, wn);
    }
}

static void test_decode_device_example(void **state)
{
    ioh_entry_t g[IOH_MAX_ENTRIES];
    size_t count;
    (void)state;

    assert_int_equal(ioh_decode_hex(DEC, "90" DEVICE_RECORDS, g, &count),
                     LWC_OK);
    ioh_check_device(g, count, false);
    /* The same pack as an indefinite-length array. */
    assert_int_equal(ioh_decode_hex(DEC, "9f" DEVICE_RECORDS "ff", g, &count),
                     LWC_OK);
    ioh_check_device(g, count, false);
}

/* bt, t, bu, u, bver, ut and unknown labels are read and ignored. */
static void test_decode_ignored_labels(void **state)
{
    ioh_entry_t g[IOH_MAX_ENTRIES];
    size_t count;
    (void)state;

    /* [{-2: "/3303/0/5700", -3: 1.5e9, -1: 10, -4: "Cel", 2: 22.5},
     *  {6: 5, 2: 23, 1: "Cel", 7: 60, 5: 1, -6: 0, 21: [1, {2: 3}],
     *   "x": "y"}] */
    assert_int_equal(
        ioh_decode_hex(
            DEC,
            "82a5216c2f333330332f302f3537303022fa4eb2d05e200a236343656c02f94d"
            "a0a806050217016343656c07183c05012500158201a1020361786179",
            g, &count),
        LWC_OK);
    assert_int_equal(count, 2);
    ioh_expect_path(&g[0], &LWC_PATH(3303, 0, 5700));
    assert_true(g[0].e.value.type == LWC_TYPE_FLOAT && g[0].e.value.f == 22.5);
    ioh_expect_int(&g[1], &LWC_PATH(3303, 0, 5700), 23);
}

/* Names: bn kept, replaced, cleared; n with and without a leading '/'. */
static void test_decode_names(void **state)
{
    ioh_entry_t g[IOH_MAX_ENTRIES];
    size_t count;
    (void)state;

    /* [{-2: "/3311/", 0: "0/5850", 4: false}, {0: "1/5850", 4: true},
     *  {-2: "/1/0", 0: "/1", 2: 86400}, {-2: "", 0: "/5/0/1", 3: "coap://x"},
     *  {-2: "/", 0: "3/0/13", 2: 1(1367491215)}, {-2: "/6/0/0"}] */
    assert_int_equal(
        ioh_decode_hex(
            DEC,
            "86a321662f333331312f0066302f3538353004f4a20066312f3538353004f5a3"
            "21642f312f3000622f31021a00015180a3216000662f352f302f310368636f61"
            "703a2f2f78a321612f0066332f302f313302c11a5182428fa121662f362f302f"
            "30",
            g, &count),
        LWC_OK);
    assert_int_equal(count, 6);
    ioh_expect_path(&g[0], &LWC_PATH(3311, 0, 5850));
    assert_true(g[0].e.value.type == LWC_TYPE_BOOL && !g[0].e.value.b);
    ioh_expect_path(&g[1], &LWC_PATH(3311, 1, 5850));
    assert_true(g[1].e.value.type == LWC_TYPE_BOOL && g[1].e.value.b);
    ioh_expect_int(&g[2], &LWC_PATH(1, 0, 1), 86400);
    ioh_expect_text(&g[3], &LWC_PATH(5, 0, 1), LWC_TYPE_STRING, "coap://x");
    ioh_expect_path(&g[4], &LWC_PATH(3, 0, 13));
    assert_true(g[4].e.value.type == LWC_TYPE_TIME &&
                g[4].e.value.t == 1367491215);
    /* A record that only names a path: no value. */
    ioh_expect_path(&g[5], &LWC_PATH(6, 0, 0));
    assert_int_equal(g[5].e.kind, LWCI_IO_NONE);
}

/* Read-Composite request paths, objlnk, opaque, unsigned, indefinite
 * strings and maps. */
static void test_decode_types(void **state)
{
    ioh_entry_t g[IOH_MAX_ENTRIES];
    size_t count;
    (void)state;

    /* [_ {0: "/3/0/0"}, {0: "/1"}, {_ 0: "/16/0/5/1", "vlo": "66:1"},
     *  {0: "/16/0/6", 8: h'0102'}, {0: "/3/0/21", 2: 2^64-1},
     *  {0: (_ "/3/0", "/19"), 3: (_ "a", "b")}, {0: "/9/0/1", 2: -3}] */
    assert_int_equal(
        ioh_decode_hex(DEC,
                       "9f"
                       "a100662f332f302f30"
                       "a100622f31"
                       "bf00692f31362f302f352f3163766c6f6436363a31ff"
                       "a200672f31362f302f3608420102"
                       "a200672f332f302f3231021bffffffffffffffff"
                       "a2007f642f332f30632f3139ff037f61616162ff"
                       "a200662f392f302f310222"
                       "ff",
                       g, &count),
        LWC_OK);
    assert_int_equal(count, 7);
    ioh_expect_path(&g[0], &LWC_PATH(3, 0, 0));
    assert_int_equal(g[0].e.kind, LWCI_IO_NONE);
    ioh_expect_path(&g[1], &LWC_PATH(1));
    assert_int_equal(g[1].e.kind, LWCI_IO_NONE);
    ioh_expect_path(&g[2], &LWC_PATH(16, 0, 5, 1));
    assert_int_equal(g[2].e.value.type, LWC_TYPE_OBJLNK);
    assert_int_equal(g[2].e.value.objlnk.oid, 66);
    assert_int_equal(g[2].e.value.objlnk.iid, 1);
    ioh_expect_text(&g[3], &LWC_PATH(16, 0, 6), LWC_TYPE_OPAQUE, "\x01\x02");
    ioh_expect_path(&g[4], &LWC_PATH(3, 0, 21));
    assert_true(g[4].e.value.type == LWC_TYPE_UINT &&
                g[4].e.value.u == UINT64_MAX);
    ioh_expect_text(&g[5], &LWC_PATH(3, 0, 19), LWC_TYPE_STRING, "ab");
    ioh_expect_int(&g[6], &LWC_PATH(9, 0, 1), -3);
}

/*
 * Names (senml_name.h): SenML CBOR and SenML JSON read the same bn and n
 * as the same path, under the same request path, and refuse the same
 * names (LwM2M 1.1 Core §7.4.4, §7.4.5; RFC 8428 §4.5.1).
 */
typedef struct {
    const char *bn, *n; /* NULL: the field is absent */
    lwc_path_t base;    /* the request path */
    lwc_path_t want;    /* when rc is LWC_OK */
    int rc;
} name_case_t;

/* [{-2: bn, 0: n}] (the fields present), decoded against c->base. */
static int senml_cbor_name(const name_case_t *c, ioh_got_list_t *g)
{
    uint8_t p[160];
    lwci_io_sink_t s;
    lwci_io_sink_init(&s, p, sizeof(p), 0);
    lwci_cbor_put_head(&s, LWCI_CBOR_MAJOR_ARRAY, 1);
    lwci_cbor_put_head(&s, LWCI_CBOR_MAJOR_MAP,
                       (c->bn != NULL) + (c->n != NULL));
    if (c->bn) {
        lwci_cbor_put_int(&s, LWCI_SENML_BN);
        lwci_cbor_put_text(&s, c->bn, strlen(c->bn));
    }
    if (c->n) {
        lwci_cbor_put_uint(&s, LWCI_SENML_N);
        lwci_cbor_put_text(&s, c->n, strlen(c->n));
    }
    assert_false(lwci_io_sink_more(&s));
    return ioh_decode_split(DEC, &c->base, (const char *)p, s.total, s.total,
                            64, g);
}

/* [{"bn": bn, "n": n}], decoded against c->base. */
static int senml_json_name(const name_case_t *c, ioh_got_list_t *g)
{
    char p[160];
    int k = snprintf(
        p, sizeof(p), "[{%s%s%s%s%s%s%s}]", c->bn ? "\"bn\":\"" : "",
        c->bn ? c->bn : "", c->bn ? "\"" : "", c->bn && c->n ? "," : "",
        c->n ? "\"n\":\"" : "", c->n ? c->n : "", c->n ? "\"" : "");
    assert_true(k > 0 && (size_t)k < sizeof(p));
    return ioh_decode(&lwci_io_senml_json_decoder, &c->base, p, g);
}

static void test_names_same_in_both_decoders(void **state)
{
    static const char long_name[] = /* 49 bytes: one too many */
        "/0000000000000000000000000000000000000000000000003";
    const name_case_t cases[] = {
        /* Absolute names, as the specification writes them. */
        {NULL, "/3/0/1", LWC_PATH_ROOT, LWC_PATH(3, 0, 1), LWC_OK},
        {NULL, "/3/0/1", LWC_PATH(3, 0), LWC_PATH(3, 0, 1), LWC_OK},
        {"", "/3/0/1", LWC_PATH_ROOT, LWC_PATH(3, 0, 1), LWC_OK},
        /* bn + relative n. */
        {"/3/0/", "1", LWC_PATH_ROOT, LWC_PATH(3, 0, 1), LWC_OK},
        {"/3/0/", "6/1", LWC_PATH(3, 0), LWC_PATH(3, 0, 6, 1), LWC_OK},
        {"/3/0", "/1", LWC_PATH_ROOT, LWC_PATH(3, 0, 1), LWC_OK},
        {"/", "3/0/1", LWC_PATH_ROOT, LWC_PATH(3, 0, 1), LWC_OK},
        {"/3/0/1", NULL, LWC_PATH(3, 0, 1), LWC_PATH(3, 0, 1), LWC_OK},
        /* Names without a leading '/': absolute when under the request
         * path (Leshan), else relative to it (Wakaama); none at all is
         * the request path. */
        {NULL, "3/0/1", LWC_PATH_ROOT, LWC_PATH(3, 0, 1), LWC_OK},
        {NULL, "3/0/1", LWC_PATH(3, 0), LWC_PATH(3, 0, 1), LWC_OK},
        {NULL, "1", LWC_PATH(3, 0), LWC_PATH(3, 0, 1), LWC_OK},
        {NULL, "6/0", LWC_PATH(3, 0), LWC_PATH(3, 0, 6, 0), LWC_OK},
        {NULL, "0/1", LWC_PATH(3), LWC_PATH(3, 0, 1), LWC_OK},
        {NULL, NULL, LWC_PATH(3, 0, 1), LWC_PATH(3, 0, 1), LWC_OK},
        {NULL, "", LWC_PATH(3, 0, 1), LWC_PATH(3, 0, 1), LWC_OK},
        /* Names that form no path, or none under the request path. */
        {"/3/0", "1", LWC_PATH_ROOT, LWC_PATH_ROOT, LWC_ERR_MALFORMED},
        {"3/0/", "1", LWC_PATH_ROOT, LWC_PATH_ROOT, LWC_ERR_MALFORMED},
        {"/3/0//", "1", LWC_PATH_ROOT, LWC_PATH_ROOT, LWC_ERR_MALFORMED},
        {"/3/0/1/2/", NULL, LWC_PATH_ROOT, LWC_PATH_ROOT, LWC_ERR_MALFORMED},
        {"/3/0/", NULL, LWC_PATH_ROOT, LWC_PATH_ROOT, LWC_ERR_MALFORMED},
        {"/3/0/", "/1", LWC_PATH_ROOT, LWC_PATH_ROOT, LWC_ERR_MALFORMED},
        {NULL, "/3//1", LWC_PATH_ROOT, LWC_PATH_ROOT, LWC_ERR_MALFORMED},
        {NULL, "/3/0/1/2/3", LWC_PATH_ROOT, LWC_PATH_ROOT, LWC_ERR_MALFORMED},
        {NULL, "/65535", LWC_PATH_ROOT, LWC_PATH_ROOT, LWC_ERR_MALFORMED},
        {NULL, "/3/0/1/", LWC_PATH_ROOT, LWC_PATH_ROOT, LWC_ERR_MALFORMED},
        {NULL, "urn:dev:ow:10e2073a01080063", LWC_PATH_ROOT, LWC_PATH_ROOT,
         LWC_ERR_MALFORMED},
        {NULL, "/4/0/1", LWC_PATH(3, 0), LWC_PATH_ROOT, LWC_ERR_MALFORMED},
        {"/4/0/", "1", LWC_PATH(3, 0), LWC_PATH_ROOT, LWC_ERR_MALFORMED},
        {NULL, "x", LWC_PATH(3, 0), LWC_PATH_ROOT, LWC_ERR_MALFORMED},
        {NULL, long_name, LWC_PATH_ROOT, LWC_PATH_ROOT, LWC_ERR_MALFORMED},
        {long_name, NULL, LWC_PATH_ROOT, LWC_PATH_ROOT, LWC_ERR_MALFORMED},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        static ioh_got_list_t gc, gj;
        const name_case_t *c = &cases[i];
        int rc = senml_cbor_name(c, &gc);
        int rj = senml_json_name(c, &gj);
        int want = c->rc == LWC_OK ? LWC_ERR_NOT_FOUND : c->rc;
        if (rc != want || rj != want) {
            fail_msg("case %zu (bn %s, n %s): CBOR %d, JSON %d, want %d", i,
                     c->bn ? c->bn : "-", c->n ? c->n : "-", rc, rj, want);
        }
        if (c->rc == LWC_OK) {
            assert_int_equal(gc.n, 1);
            assert_int_equal(gj.n, 1);
            assert_true(lwc_path_equal(&gc.e[0].path, &c->want));
            assert_true(lwc_path_equal(&gj.e[0].path, &c->want));
            assert_int_equal(gc.e[0].kind, LWCI_IO_NONE);
        }
    }
}

/* Every split of every valid payload gives the same entries. */
static void test_decode_every_split(void **state)
{
    static const char *const payloads[] = {
        "90" DEVICE_RECORDS,
        "9f" DEVICE_RECORDS "ff",
        "9f"
        "bf00692f31362f302f352f3163766c6f6436363a31ff"
        "a2007f642f332f30632f3139ff037f61616162ff"
        "ff",
        "80",
        "9fff",
    };
    (void)state;
    ioh_check_every_split(DEC, payloads,
                          sizeof(payloads) / sizeof(payloads[0]));
}

#define SIXTEEN                                                                \
    "6161616161616161"                                                         \
    "6161616161616161"

static void test_decode_malformed(void **state)
{
    static const ioh_hex_case_t bad[] = {
        {"", LWC_ERR_MALFORMED},                     /* empty */
        {"a100612f", LWC_ERR_MALFORMED},             /* not an array */
        {"8101", LWC_ERR_MALFORMED},                 /* record not a map */
        {"81a200622f3102", LWC_ERR_MALFORMED},       /* truncated */
        {"82a100622f31", LWC_ERR_MALFORMED},         /* record missing */
        {"81a200622f3100622f32", LWC_ERR_MALFORMED}, /* n twice */
        {"81a300662f312f302f310201036161", LWC_ERR_MALFORMED},     /* v, vs */
        {"81a200662f312f302f310301", LWC_ERR_MALFORMED},           /* vs int */
        {"81a200662f312f302f310401", LWC_ERR_MALFORMED},           /* vb int */
        {"81a200662f312f302f31086161", LWC_ERR_MALFORMED},         /* vd text */
        {"81a10001", LWC_ERR_MALFORMED},                           /* n int */
        {"81a2200b00622f31", LWC_ERR_MALFORMED},                   /* bver 11 */
        {"81a200622f3164666f6f5f01", LWC_ERR_MALFORMED},           /* "foo_" */
        {"81a200662f312f302f310362c328", LWC_ERR_MALFORMED},       /* UTF-8 */
        {"81a200662f312f302f3163766c6f623636", LWC_ERR_MALFORMED}, /* vlo */
        {"81a200662f312f302f3163766c6f6737303030303a31", LWC_ERR_MALFORMED},
        {"81a2006a2f312f322f332f342f350201", LWC_ERR_MALFORMED}, /* 5 IDs */
        {"81a200642f312f300201", LWC_ERR_MALFORMED},     /* value on instance */
        {"81a200662f312f302f312401", LWC_ERR_MALFORMED}, /* bv */
        {"81a1006975726e3a6465763a31", LWC_ERR_MALFORMED}, /* not a path */
        {"81a100662f3635353335", LWC_ERR_MALFORMED},       /* ID 65535 */
        {"81a100642f2d312f", LWC_ERR_MALFORMED},           /* "/-1/" */
        {"81a2004201020201", LWC_ERR_MALFORMED},           /* name as bytes */
        {"81a2f400622f31", LWC_ERR_MALFORMED},             /* bool key */
        {"81a100622f31ff", LWC_ERR_MALFORMED},             /* bytes after */
        {"80 00", LWC_ERR_MALFORMED},                      /* bytes after */
        {"9bffffffffffffffff", LWC_ERR_MALFORMED},         /* huge count */
        {"81a200622f31ff", LWC_ERR_MALFORMED},             /* break in map */
        {"81a200622f31181e"                                /* too deep */
         "81818181818181818100",
         LWC_ERR_MALFORMED},
        {"81a200662f312f302f3102f6", LWC_ERR_MALFORMED},   /* v null */
        {"81a200662f312f302f3102c074", LWC_ERR_MALFORMED}, /* tag 0 */
        {"81a1007f422f31ff", LWC_ERR_MALFORMED},           /* n: byte chunk */
        {"81a200662f312f302f31037f74" SIXTEEN "61616161"
         "74" SIXTEEN "62626262"
         "ff",
         LWC_ERR_TOO_LARGE}, /* 40 bytes of chunks, 32 of scratch */
    };
    (void)state;
    ioh_check_hex_cases(DEC, bad, sizeof(bad) / sizeof(bad[0]));
}

/* ---- Encoder ------------------------------------------------------------- */

/*
 * The walk of /3/0 gives the spec example byte for byte: a definite-length
 * array of 16 records (RFC 8428 §6: definite outside SensML streams), its
 * count from the walker's measure, through every window size. Driven by
 * hand without a measure hook, the encoder can only write the same
 * records in an indefinite-length array.
 */
static void test_encode_device_example(void **state)
{
    const ioh_ev_t *ev = ioh_device_walk;
    size_t n = ioh_device_walk_len;
    uint8_t want[512];
    (void)state;

    expect_counted(&LWC_PATH(3, 0), ev, n, "90" DEVICE_RECORDS);

    size_t wn = ioh_unhex("9f" DEVICE_RECORDS "ff", want, sizeof(want));
    ioh_check_windows(ENC, &LWC_PATH(3, 0), ev, n, want, wn);
}

static void test_encode_types_and_bases(void **state)
{
    lwc_value_t opaque = {.type = LWC_TYPE_OPAQUE};
    lwc_value_t lnk = ioh_str("</3/0>");
    (void)state;
    opaque.bytes.data = "\x01\x02";
    opaque.bytes.len = 2;
    lnk.type = LWC_TYPE_CORELNK;

    /* Single resource: bn only. [{-2: "/3/0/9", 2: 100}] */
    ioh_ev_t one[] = {IOH_VALUE_AT(LWC_PATH(3, 0, 9), lwc_value_int(100))};
    expect_counted(&LWC_PATH(3, 0, 9), one, 1, "81a221662f332f302f39021864");

    /* Multiple resource: bn with '/', n per instance. */
    ioh_ev_t multi[] = {
        IOH_OPEN_AT(LWC_PATH(3, 0, 6)),
        IOH_VALUE_AT(LWC_PATH(3, 0, 6, 0), lwc_value_int(1)),
        IOH_VALUE_AT(LWC_PATH(3, 0, 6, 1), lwc_value_int(5)),
        IOH_CLOSE_AT(LWC_PATH(3, 0, 6)),
    };
    expect_counted(&LWC_PATH(3, 0, 6), multi, 4,
                   "82a321672f332f302f362f0061300201a20061310205");

    /* An instance without readable resources: the empty pack. */
    ioh_ev_t empty[] = {IOH_OPEN_AT(LWC_PATH(4, 0)),
                        IOH_CLOSE_AT(LWC_PATH(4, 0))};
    expect_counted(&LWC_PATH(4, 0), empty, 2, "80");

    /* Root base (composite read, Send): full names, no bn; every type. */
    ioh_ev_t types[] = {
        IOH_VALUE_AT(LWC_PATH(1, 0, 1), lwc_value_uint(86400)),
        IOH_VALUE_AT(LWC_PATH(3, 0, 13), lwc_value_time(1367491215)),
        IOH_VALUE_AT(LWC_PATH(3303, 0, 5700), lwc_value_float(22.5)),
        IOH_VALUE_AT(LWC_PATH(3311, 0, 5850), lwc_value_bool(true)),
        IOH_VALUE_AT(LWC_PATH(16, 0, 5, 1), lwc_value_objlnk(66, 1)),
        IOH_VALUE_AT(LWC_PATH(16, 0, 6), opaque),
        IOH_VALUE_AT(LWC_PATH(1, 0, 22), lnk),
        IOH_VALUE_AT(LWC_PATH(9, 0, 1), lwc_value_int(-3)),
    };
    expect_counted(
        &LWC_PATH_ROOT, types, 8,
        "88a200662f312f302f31021a00015180a200672f332f302f3133021a5182428f"
        "a2006c2f333330332f302f3537303002f94da0a2006c2f333331312f302f3538"
        "353004f5a200692f31362f302f352f3163766c6f6436363a31a200672f31362f"
        "302f3608420102a200672f312f302f323203663c2f332f303ea200662f392f30"
        "2f310222");

    /* 24 records: the count takes a second byte (RFC 8949 §3.1). */
    ioh_ev_t many[24];
    for (uint16_t i = 0; i < 24; i++) {
        many[i] = (ioh_ev_t)IOH_VALUE_AT(LWC_PATH(1, 0, i), lwc_value_int(0));
    }
    uint8_t out[512];
    lwci_io_sink_t s;
    ev_count_t k = {many, 24, LWC_OK};
    assert_int_equal(counted_walk(&LWC_PATH(1, 0), &k, out, sizeof(out), 0, &s),
                     LWC_OK);
    assert_memory_equal(out, "\x98\x18\xa3", 3);
}

/* The measure's failure (a handler error while counting) is begin's:
 * nothing is written. */
static void test_encode_measure_failure(void **state)
{
    ioh_ev_t one[] = {IOH_VALUE_AT(LWC_PATH(3, 0, 9), lwc_value_int(100))};
    ev_count_t k = {one, 1, LWC_COAP_INTERNAL_SERVER_ERROR};
    uint8_t out[16];
    lwci_io_sink_t s;
    (void)state;
    assert_int_equal(
        counted_walk(&LWC_PATH(3, 0, 9), &k, out, sizeof(out), 0, &s),
        LWC_COAP_INTERNAL_SERVER_ERROR);
    assert_int_equal(s.total, 0);
}

static void test_encode_refusals(void **state)
{
    uint8_t out[64];
    lwci_io_sink_t s;
    lwc_value_t none = {.type = LWC_TYPE_NONE};
    lwc_value_t bad = ioh_str("\xed\xa0\x80");
    (void)state;

    ioh_ev_t outside[] = {IOH_VALUE_AT(LWC_PATH(4, 0, 1), lwc_value_int(1))};
    assert_int_equal(ioh_walk_into(ENC, &LWC_PATH(3, 0), outside, 1, out,
                                   sizeof(out), 0, &s),
                     LWC_ERR_INVALID_ARG);
    ioh_ev_t exec[] = {IOH_VALUE_AT(LWC_PATH(3, 0, 4), none)};
    assert_int_equal(
        ioh_walk_into(ENC, &LWC_PATH(3, 0), exec, 1, out, sizeof(out), 0, &s),
        LWC_ERR_UNSUPPORTED);
    ioh_ev_t utf[] = {IOH_VALUE_AT(LWC_PATH(3, 0, 0), bad)};
    assert_int_equal(
        ioh_walk_into(ENC, &LWC_PATH(3, 0), utf, 1, out, sizeof(out), 0, &s),
        LWC_ERR_INVALID_ARG);
    /* Nothing but the array head was written. */
    assert_int_equal(s.total, 1);
}

/* What the encoder writes, the decoder reads back. */
static void test_round_trip(void **state)
{
    const ioh_ev_t *ev = ioh_device_walk;
    size_t n = ioh_device_walk_len;
    uint8_t out[512];
    lwci_io_sink_t s;
    ioh_entry_t g[IOH_MAX_ENTRIES];
    size_t count;
    (void)state;

    ev_count_t walk = {ev, n, LWC_OK};
    assert_int_equal(
        counted_walk(&LWC_PATH(3, 0), &walk, out, sizeof(out), 0, &s), LWC_OK);
    assert_int_equal(
        ioh_decode_entries(DEC, out, s.total, s.total / 2, g, &count), LWC_OK);
    assert_int_equal(count, 16);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (ev[i].kind != IOH_VALUE) {
            continue;
        }
        assert_true(lwc_path_equal(&g[k].e.path, &ev[i].path));
        if (ev[i].v.type == LWC_TYPE_TIME) {
            /* SenML carries time as a plain number. */
            assert_true(g[k].e.value.type == LWC_TYPE_INT &&
                        g[k].e.value.i == ev[i].v.t);
        } else if (ev[i].v.type == LWC_TYPE_STRING) {
            assert_int_equal(g[k].e.value.bytes.len, ev[i].v.bytes.len);
            assert_memory_equal(g[k].e.value.bytes.data, ev[i].v.bytes.data,
                                ev[i].v.bytes.len);
        } else {
            assert_true(g[k].e.value.i == ev[i].v.i);
        }
        k++;
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_device_example),
        cmocka_unit_test(test_decode_ignored_labels),
        cmocka_unit_test(test_decode_names),
        cmocka_unit_test(test_names_same_in_both_decoders),
        cmocka_unit_test(test_decode_types),
        cmocka_unit_test(test_decode_every_split),
        cmocka_unit_test(test_decode_malformed),
        cmocka_unit_test(test_encode_device_example),
        cmocka_unit_test(test_encode_types_and_bases),
        cmocka_unit_test(test_encode_measure_failure),
        cmocka_unit_test(test_encode_refusals),
        cmocka_unit_test(test_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
