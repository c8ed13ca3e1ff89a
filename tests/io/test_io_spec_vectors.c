/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Golden vectors taken from the specifications, for SenML CBOR (112),
 * SenML JSON (110) and LwM2M CBOR (11544): the payloads as the documents
 * print them, decoded value by value; where our encoder writes the same
 * representation, compared byte for byte, elsewhere decoded again and
 * compared by value (each place says why). Sources:
 *   - RFC 8428 §6: the hex dump of the SenML CBOR pack of §5.1.2 (copied
 *     line by line from the RFC text) and §5.1.2's JSON.
 *   - OMA LwM2M Core 1.1 (OMA-TS-LightweightM2M_Core-V1_1-20180710-A)
 *     §7.4.4 Tables 7.4.4-2 to -8, the SenML JSON examples, as Wakaama's
 *     tests/senml_json_tests.c quotes them table by table (two corrected
 *     there and here: see core_7444 and core_7445).
 *   - OMA's clarification of Core 1.1.1 §7.4.6 in
 *     OpenMobileAlliance/OMA_LwM2M_for_Developers issue #484 (2020-10-08):
 *     the SenML CBOR bytes of an object link record.
 * No byte example of LwM2M CBOR (Core 1.2 §7.4) was available to us: the
 * specs' data goes through that format by value (test_spec_values_*).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <lwc/errors.h>

#include "dm/walk.h"
#include "io/cbor.h"
#include "io/lwm2m_cbor.h"
#include "io/senml_cbor.h"
#include "io/senml_json.h"
#include "support/dm_fixture.h"
#include "support/io_harness.h"

#define SCBOR     (&lwci_io_senml_cbor_encoder)
#define SCBOR_DEC (&lwci_io_senml_cbor_decoder)
#define SJSON     (&lwci_io_senml_json_encoder)
#define SJSON_DEC (&lwci_io_senml_json_decoder)
#define LCBOR     (&lwci_io_lwm2m_cbor_encoder)
#define LCBOR_DEC (&lwci_io_lwm2m_cbor_decoder)

/* ---- SenML CBOR packs with the walker's count ---------------------------- */

/*
 * RFC 8428 §6 wants a definite-length array outside SensML streams: our
 * encoder takes the record count from the walker's measure of the root.
 * For a hand-written list of walk events, this hook is that measure: the
 * number of values among the events.
 */
typedef struct {
    const ioh_ev_t *ev;
    size_t n;
} ev_list_t;

static int count_values(void *ctx, const lwc_path_t *c, lwci_io_measure_t *out)
{
    const ev_list_t *l = ctx;
    if (c->len != 0) {
        return LWC_ERR_INVALID_ARG;
    }
    *out = (lwci_io_measure_t){0};
    for (size_t i = 0; i < l->n; i++) {
        out->values += l->ev[i].kind == IOH_VALUE;
    }
    return LWC_OK;
}

/* The SenML CBOR walk of the events, counted, is exactly the hex bytes. */
static void expect_senml_cbor_pack(const lwc_path_t *base, const ioh_ev_t *ev,
                                   size_t n, const char *hex)
{
    uint8_t out[512], want[512];
    size_t wn = ioh_unhex(hex, want, sizeof(want));
    ev_list_t l = {ev, n};
    lwci_io_sink_t s;
    lwci_io_encoder_t e = {
        .ops = SCBOR, .sink = &s, .measure = count_values, .measure_ctx = &l};
    lwci_io_sink_init(&s, out, sizeof(out), 0);
    assert_int_equal(SCBOR->begin(&e, base), LWC_OK);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(ev[i].kind, IOH_VALUE);
        assert_int_equal(SCBOR->value(&e, &ev[i].path, &ev[i].v), LWC_OK);
    }
    assert_int_equal(SCBOR->end(&e), LWC_OK);
    assert_int_equal(s.total, wn);
    assert_memory_equal(out, want, wn);
}

/* ---- RFC 8428 §6: the CBOR dump, as printed ----------------------------- */

/* RFC 8428 §6, the figure after Table 4 (offsets 0000-00c3). */
#define RFC8428_CBOR                                                           \
    "87 a7 21 78 1b 75 72 6e 3a 64 65 76 3a 6f 77 3a"                          \
    "31 30 65 32 30 37 33 61 30 31 30 38 30 30 36 3a"                          \
    "22 fb 41 d3 03 a1 5b 00 10 62 23 61 41 20 05 00"                          \
    "67 76 6f 6c 74 61 67 65 01 61 56 02 fb 40 5e 06"                          \
    "66 66 66 66 66 a3 00 67 63 75 72 72 65 6e 74 06"                          \
    "24 02 fb 3f f3 33 33 33 33 33 33 a3 00 67 63 75"                          \
    "72 72 65 6e 74 06 23 02 fb 3f f4 cc cc cc cc cc"                          \
    "cd a3 00 67 63 75 72 72 65 6e 74 06 22 02 fb 3f"                          \
    "f6 66 66 66 66 66 66 a3 00 67 63 75 72 72 65 6e"                          \
    "74 06 21 02 f9 3e 00 a3 00 67 63 75 72 72 65 6e"                          \
    "74 06 20 02 fb 3f f9 99 99 99 99 99 9a a3 00 67"                          \
    "63 75 72 72 65 6e 74 06 00 02 fb 3f fb 33 33 33"                          \
    "33 33 33"

/* RFC 8428 §5.1.2, the second example (the same pack in JSON). */
static const char rfc8428_json[] =
    "[\n"
    "  {\"bn\":\"urn:dev:ow:10e2073a0108006:\",\"bt\":1.276020076001e+09,\n"
    "   \"bu\":\"A\",\"bver\":5,\n"
    "   \"n\":\"voltage\",\"u\":\"V\",\"v\":120.1},\n"
    "  {\"n\":\"current\",\"t\":-5,\"v\":1.2},\n"
    "  {\"n\":\"current\",\"t\":-4,\"v\":1.3},\n"
    "  {\"n\":\"current\",\"t\":-3,\"v\":1.4},\n"
    "  {\"n\":\"current\",\"t\":-2,\"v\":1.5},\n"
    "  {\"n\":\"current\",\"t\":-1,\"v\":1.6},\n"
    "  {\"n\":\"current\",\"v\":1.7}\n"
    "]";

/* One label/value pair of the dump: text, float of the given encoded
 * width (2, 4 or 8 bytes), or integer. */
typedef struct {
    int key;
    char kind;
    const char *s;
    double f;
    uint8_t width;
    int64_t i;
} rfc_pair_t;

/* clang-format off */
#define PS(k, t)    {(k), 's', (t), 0, 0, 0}
#define PF(k, x, w) {(k), 'f', NULL, (x), (w), 0}
#define PI(k, x)    {(k), 'i', NULL, 0, 0, (x)}

/* The diagnostic notation the RFC prints under the dump, in wire order. */
static const rfc_pair_t rfc_pairs[] = {
    PS(-2, "urn:dev:ow:10e2073a0108006:"), PF(-3, 1276020076.001, 8),
    PS(-4, "A"), PI(-1, 5), PS(0, "voltage"), PS(1, "V"), PF(2, 120.1, 8),
    PS(0, "current"), PI(6, -5), PF(2, 1.2, 8),
    PS(0, "current"), PI(6, -4), PF(2, 1.3, 8),
    PS(0, "current"), PI(6, -3), PF(2, 1.4, 8),
    PS(0, "current"), PI(6, -2), PF(2, 1.5, 2), /* a half float */
    PS(0, "current"), PI(6, -1), PF(2, 1.6, 8),
    PS(0, "current"), PI(6, 0),  PF(2, 1.7, 8),
};
/* clang-format on */
static const uint8_t rfc_record_pairs[] = {7, 3, 3, 3, 3, 3, 3};

static void expect_rfc_pair(lwci_cbor_reader_t *r, const rfc_pair_t *p)
{
    lwci_cbor_item_t it;
    lwc_value_t v;

    assert_int_equal(lwci_cbor_read_value(r, NULL, &v), LWC_OK);
    assert_true(v.type == LWC_TYPE_INT && v.i == p->key);
    assert_int_equal(lwci_cbor_peek(r, &it), LWC_OK);
    assert_int_equal(lwci_cbor_read_value(r, NULL, &v), LWC_OK);
    if (p->kind == 's') {
        assert_int_equal(v.type, LWC_TYPE_STRING);
        assert_int_equal(v.bytes.len, strlen(p->s));
        assert_memory_equal(v.bytes.data, p->s, strlen(p->s));
    } else if (p->kind == 'f') {
        /* Converted back to a double, exactly the JSON number (§6). */
        assert_true(v.type == LWC_TYPE_FLOAT && v.f == p->f);
        assert_int_equal(it.arg, p->width);
    } else {
        assert_true(v.type == LWC_TYPE_INT && v.i == p->i);
    }
}

/* The dump is well-formed CBOR holding exactly the RFC's values. */
static void test_rfc8428_cbor_dump(void **state)
{
    uint8_t p[256];
    size_t n = ioh_unhex(RFC8428_CBOR, p, sizeof(p));
    lwci_cbor_reader_t r;
    lwci_cbor_item_t it;
    size_t k = 0;
    (void)state;

    assert_int_equal(n, 0xc3);
    lwci_cbor_reader_init(&r, p, n);
    assert_int_equal(lwci_cbor_read(&r, &it), LWC_OK);
    assert_true(it.type == LWCI_CBOR_T_ARRAY && !it.indefinite && it.arg == 7);
    for (size_t rec = 0; rec < sizeof(rfc_record_pairs); rec++) {
        assert_int_equal(lwci_cbor_read(&r, &it), LWC_OK);
        assert_true(it.type == LWCI_CBOR_T_MAP &&
                    it.arg == rfc_record_pairs[rec]);
        for (size_t i = 0; i < rfc_record_pairs[rec]; i++) {
            expect_rfc_pair(&r, &rfc_pairs[k++]);
        }
    }
    assert_int_equal(k, sizeof(rfc_pairs) / sizeof(rfc_pairs[0]));
    assert_int_equal(r.pos, n);
}

/* RFC 8428's names are URNs, not LwM2M paths: a Write carrying them is
 * answered 4.00 in either representation. */
static void test_rfc8428_urn_names_refused(void **state)
{
    uint8_t p[256];
    size_t n = ioh_unhex(RFC8428_CBOR, p, sizeof(p));
    ioh_entry_t g[IOH_MAX_ENTRIES];
    ioh_got_list_t j;
    size_t count;
    (void)state;

    assert_int_equal(ioh_decode_entries(SCBOR_DEC, p, n, n, g, &count),
                     LWC_ERR_MALFORMED);
    assert_int_equal(count, 0);
    assert_int_equal(ioh_decode(SJSON_DEC, &LWC_PATH_ROOT, rfc8428_json, &j),
                     LWC_ERR_MALFORMED);
    assert_int_equal(j.n, 0);
}

/*
 * The same two payloads with only the texts of bn and n changed to LwM2M
 * names: bn "/", n "3316/0/5700" (Voltage sensor value) for "voltage" and
 * "3317/0/5700" (Current) for "current". Every other byte is the RFC's:
 * bt, bu, bver, u and t are read and ignored (entries carry no time), the
 * values come out exactly, the half float too.
 */
#define N3316 "6b333331362f302f35373030"
#define N3317 "6b333331372f302f35373030"
#define RFC8428_CBOR_LWM2M                                                     \
    "87a721612f22fb41d303a15b001062236141200500" N3316                         \
    "01615602fb405e066666666666"                                               \
    "a300" N3317 "062402fb3ff3333333333333"                                    \
    "a300" N3317 "062302fb3ff4cccccccccccd"                                    \
    "a300" N3317 "062202fb3ff6666666666666"                                    \
    "a300" N3317 "062102f93e00"                                                \
    "a300" N3317 "062002fb3ff999999999999a"                                    \
    "a300" N3317 "060002fb3ffb333333333333"

static const char rfc8428_json_lwm2m[] =
    "[\n"
    "  {\"bn\":\"/\",\"bt\":1.276020076001e+09,\n"
    "   \"bu\":\"A\",\"bver\":5,\n"
    "   \"n\":\"3316/0/5700\",\"u\":\"V\",\"v\":120.1},\n"
    "  {\"n\":\"3317/0/5700\",\"t\":-5,\"v\":1.2},\n"
    "  {\"n\":\"3317/0/5700\",\"t\":-4,\"v\":1.3},\n"
    "  {\"n\":\"3317/0/5700\",\"t\":-3,\"v\":1.4},\n"
    "  {\"n\":\"3317/0/5700\",\"t\":-2,\"v\":1.5},\n"
    "  {\"n\":\"3317/0/5700\",\"t\":-1,\"v\":1.6},\n"
    "  {\"n\":\"3317/0/5700\",\"v\":1.7}\n"
    "]";

static const double rfc_values[] = {120.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7};

static void test_rfc8428_lwm2m_names(void **state)
{
    static const char *const payloads[] = {RFC8428_CBOR_LWM2M};
    uint8_t p[256];
    size_t n = ioh_unhex(RFC8428_CBOR_LWM2M, p, sizeof(p));
    ioh_entry_t g[IOH_MAX_ENTRIES];
    ioh_got_list_t j;
    size_t count;
    (void)state;

    assert_int_equal(ioh_decode_entries(SCBOR_DEC, p, n, n, g, &count), LWC_OK);
    assert_int_equal(count, 7);
    assert_int_equal(
        ioh_decode(SJSON_DEC, &LWC_PATH_ROOT, rfc8428_json_lwm2m, &j),
        LWC_ERR_NOT_FOUND);
    assert_int_equal(j.n, 7);
    for (size_t i = 0; i < 7; i++) {
        const lwc_path_t *want =
            i == 0 ? &LWC_PATH(3316, 0, 5700) : &LWC_PATH(3317, 0, 5700);
        ioh_expect_path(&g[i], want);
        assert_true(g[i].e.value.type == LWC_TYPE_FLOAT &&
                    g[i].e.value.f == rfc_values[i]);
        /* Both representations give the same entries. */
        assert_true(lwc_path_equal(&j.e[i].path, want));
        assert_int_equal(j.e[i].kind, LWCI_IO_TYPED);
        assert_true(ioh_same_value(&j.e[i].v, &g[i].e.value));
    }
    ioh_check_every_split(SCBOR_DEC, payloads, 1);
    /* The JSON too, in two Block1 chunks split anywhere. */
    for (size_t cut = 0; cut <= sizeof(rfc8428_json_lwm2m) - 1; cut++) {
        ioh_got_list_t part;
        assert_int_equal(
            ioh_decode_split(SJSON_DEC, &LWC_PATH_ROOT, rfc8428_json_lwm2m,
                             sizeof(rfc8428_json_lwm2m) - 1, cut, 64, &part),
            LWC_ERR_NOT_FOUND);
        ioh_check_same_lists(&j, &part);
    }
}

/*
 * Our encoder cannot write bt, bu, t or u (entries carry no time), and at
 * the root it names every record in full instead of using bn, so it does
 * not reproduce the pack. What it shares with the RFC is each value's
 * encoding: RFC 8428 §6 asks for a form that converts back to the same
 * double, and the RFC writes 1.5 as a half float and the others as
 * doubles, which is also RFC 8949 §4.2.2's preferred serialization.
 */
#define V3316 "a2006c2f333331362f302f3537303002"
#define V3317 "a2006c2f333331372f302f3537303002"

static void test_rfc8428_value_encodings(void **state)
{
    ioh_ev_t ev[7];
    (void)state;
    for (size_t i = 0; i < 7; i++) {
        ev[i] = (ioh_ev_t){IOH_VALUE,
                           i == 0 ? LWC_PATH(3316, 0, 5700)
                                  : LWC_PATH(3317, 0, 5700),
                           lwc_value_float(rfc_values[i])};
    }
    /* Like the RFC's, a definite-length array of 7 records (87). */
    expect_senml_cbor_pack(&LWC_PATH_ROOT, ev, 7,
                           "87" V3316 "fb405e066666666666" V3317
                           "fb3ff3333333333333" V3317 "fb3ff4cccccccccccd" V3317
                           "fb3ff6666666666666" V3317 "f93e00" V3317
                           "fb3ff999999999999a" V3317 "fb3ffb333333333333");
}

/* ---- LwM2M Core 1.1 §7.4.4: the SenML JSON tables ----------------------- */

/* Table 7.4.4-2: Read /3/0 (the Device object instance). */
#define core_7442 ioh_device_senml_json /* tests/support/io_harness.c */

/* Table 7.4.4-3: Read /72 with historical values (bt and t). */
static const char core_7443[] =
    "[{\"bn\":\"/72/\",\"bt\":25462634,\"n\":\"1/2\",\"v\":22.4,\"t\":-5},"
    "{\"n\":\"1/2\",\"v\":22.9,\"t\":-30},"
    "{\"n\":\"1/2\",\"v\":24.1,\"t\":-50}]";

/* Table 7.4.4-4: object links (Objects 65, 66, 67 of Appendix C). The
 * table prints the last link in hexadecimal; Core Appendix C writes object
 * links in decimal, so this is "65535:65535" (the null link). */
static const char core_7444[] =
    "[{\"bn\":\"/\",\"n\":\"65/0/0/0\",\"vlo\":\"66:0\"},"
    "{\"n\":\"65/0/0/1\",\"vlo\":\"66:1\"},"
    "{\"n\":\"65/0/1\",\"vs\":\"8613800755500\"},"
    "{\"n\":\"65/0/2\",\"v\":1},"
    "{\"n\":\"66/0/0\",\"vs\":\"myService1\"},"
    "{\"n\":\"66/0/1\",\"vs\":\"Internet.15.234\"},"
    "{\"n\":\"66/0/2\",\"vlo\":\"67:0\"},"
    "{\"n\":\"66/1/0\",\"vs\":\"myService2\"},"
    "{\"n\":\"66/1/1\",\"vs\":\"Internet.15.235\"},"
    "{\"n\":\"66/1/2\",\"vlo\":\"65535:65535\"},"
    "{\"n\":\"67/0/0\",\"vs\":\"85.76.76.84\"},"
    "{\"n\":\"67/0/1\",\"vs\":\"85.76.255.255\"}]";

/* Table 7.4.4-5: Read /3/0/0 (the table lacks the closing quote of the
 * value; added). */
static const char core_7445[] =
    "[{\"bn\":\"/3/0/0\",\"vs\":\"Open Mobile Alliance\"}]";

/* Table 7.4.4-6: a Read-Composite request. */
static const char core_7446[] =
    "[{\"n\":\"/3/0/0\"},{\"n\":\"/3/0/9\"},{\"n\":\"/1/0/1\"}]";

/* Table 7.4.4-7: its response, spacing as printed. */
static const char core_7447[] =
    "[{\"n\":\"/3/0/0\", \"vs\":\"Open Mobile Alliance\"},"
    "{\"n\" :\"/3/0/9\", \"v\":95},"
    "{\"n\":\"/1/0/1\", \"v\":86400}]";

/* Table 7.4.4-8: a Write-Composite request. */
static const char core_7448[] = "[{\"n\":\"/3311/0/5850\", \"vb\":false},"
                                "{\"n\":\"/3311/1/5850\", \"vb\":false},"
                                "{\"n\":\"/3311/2/5851\", \"v\":20},"
                                "{\"n\":\"/3308/0/5900\", \"v\":18}]";

static void expect_got(const ioh_got_t *e, const lwc_path_t *p,
                       const lwc_value_t *v)
{
    assert_true(lwc_path_equal(&e->path, p));
    assert_int_equal(e->kind, LWCI_IO_TYPED);
    assert_true(ioh_same_value(&e->v, v));
}

#define EXPECT_GOT(e, val, ...)                                                \
    do {                                                                       \
        const lwc_value_t want_ = val;                                         \
        expect_got((e), &LWC_PATH(__VA_ARGS__), &want_);                       \
    } while (0)

static void test_core_json_device_and_history(void **state)
{
    ioh_got_list_t g;
    (void)state;

    assert_int_equal(ioh_decode(SJSON_DEC, &LWC_PATH(3, 0), core_7442, &g),
                     LWC_ERR_NOT_FOUND);
    ioh_check_device_entries(&g);

    /* Three values of one resource; their times are not kept. */
    assert_int_equal(ioh_decode(SJSON_DEC, &LWC_PATH(72), core_7443, &g),
                     LWC_ERR_NOT_FOUND);
    assert_int_equal(g.n, 3);
    EXPECT_GOT(&g.e[0], FLT(22.4), 72, 1, 2);
    EXPECT_GOT(&g.e[1], FLT(22.9), 72, 1, 2);
    EXPECT_GOT(&g.e[2], FLT(24.1), 72, 1, 2);
}

static void test_core_json_object_links(void **state)
{
    ioh_got_list_t g;
    (void)state;

    assert_int_equal(ioh_decode(SJSON_DEC, &LWC_PATH_ROOT, core_7444, &g),
                     LWC_ERR_NOT_FOUND);
    assert_int_equal(g.n, 12);
    EXPECT_GOT(&g.e[0], OBJ(66, 0), 65, 0, 0, 0);
    EXPECT_GOT(&g.e[1], OBJ(66, 1), 65, 0, 0, 1);
    EXPECT_GOT(&g.e[2], STR("8613800755500"), 65, 0, 1);
    EXPECT_GOT(&g.e[3], INT(1), 65, 0, 2);
    EXPECT_GOT(&g.e[4], STR("myService1"), 66, 0, 0);
    EXPECT_GOT(&g.e[5], STR("Internet.15.234"), 66, 0, 1);
    EXPECT_GOT(&g.e[6], OBJ(67, 0), 66, 0, 2);
    EXPECT_GOT(&g.e[7], STR("myService2"), 66, 1, 0);
    EXPECT_GOT(&g.e[8], STR("Internet.15.235"), 66, 1, 1);
    EXPECT_GOT(&g.e[9], OBJ(65535, 65535), 66, 1, 2);
    EXPECT_GOT(&g.e[10], STR("85.76.76.84"), 67, 0, 0);
    EXPECT_GOT(&g.e[11], STR("85.76.255.255"), 67, 0, 1);
}

static void test_core_json_single_and_composite(void **state)
{
    ioh_got_list_t g;
    (void)state;

    assert_int_equal(ioh_decode(SJSON_DEC, &LWC_PATH(3, 0, 0), core_7445, &g),
                     LWC_ERR_NOT_FOUND);
    assert_int_equal(g.n, 1);
    EXPECT_GOT(&g.e[0], STR("Open Mobile Alliance"), 3, 0, 0);

    /* Read-Composite request: paths only. */
    assert_int_equal(ioh_decode(SJSON_DEC, &LWC_PATH_ROOT, core_7446, &g),
                     LWC_ERR_NOT_FOUND);
    assert_int_equal(g.n, 3);
    assert_true(lwc_path_equal(&g.e[0].path, &LWC_PATH(3, 0, 0)));
    assert_true(lwc_path_equal(&g.e[1].path, &LWC_PATH(3, 0, 9)));
    assert_true(lwc_path_equal(&g.e[2].path, &LWC_PATH(1, 0, 1)));
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(g.e[i].kind, LWCI_IO_NONE);
    }

    assert_int_equal(ioh_decode(SJSON_DEC, &LWC_PATH_ROOT, core_7447, &g),
                     LWC_ERR_NOT_FOUND);
    assert_int_equal(g.n, 3);
    EXPECT_GOT(&g.e[0], STR("Open Mobile Alliance"), 3, 0, 0);
    EXPECT_GOT(&g.e[1], INT(95), 3, 0, 9);
    EXPECT_GOT(&g.e[2], INT(86400), 1, 0, 1);

    assert_int_equal(ioh_decode(SJSON_DEC, &LWC_PATH_ROOT, core_7448, &g),
                     LWC_ERR_NOT_FOUND);
    assert_int_equal(g.n, 4);
    EXPECT_GOT(&g.e[0], BOOLV(false), 3311, 0, 5850);
    EXPECT_GOT(&g.e[1], BOOLV(false), 3311, 1, 5850);
    EXPECT_GOT(&g.e[2], INT(20), 3311, 2, 5851);
    EXPECT_GOT(&g.e[3], INT(18), 3308, 0, 5900);
}

/* ---- Writing the tables back --------------------------------------------- */

/* JSON text without the whitespace between tokens (RFC 8259 §2). */
static void json_compact(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    bool in_string = false;
    for (; *in; in++) {
        char c = *in;
        if (in_string && c == '\\' && in[1]) {
            assert_true(n + 2 < cap);
            out[n++] = c;
            out[n++] = *++in;
            continue;
        }
        if (c == '"') {
            in_string = !in_string;
        } else if (!in_string &&
                   (c == ' ' || c == '\n' || c == '\r' || c == '\t')) {
            continue;
        }
        assert_true(n + 1 < cap);
        out[n++] = c;
    }
    out[n] = '\0';
}

/* The decoded entries as a walk of values (containers leave no trace in
 * SenML; LwM2M CBOR names each value in full at the root). */
static size_t walk_of(const ioh_got_list_t *g, ioh_ev_t *ev)
{
    for (size_t i = 0; i < g->n; i++) {
        ev[i] = (ioh_ev_t){IOH_VALUE, g->e[i].path, g->e[i].v};
    }
    return g->n;
}

/* Decode `spec` on `base`, encode its entries again on the same base:
 * exactly the spec's text, whitespace aside. */
static void expect_json_fixed_point(const lwc_path_t *base, const char *spec)
{
    ioh_got_list_t g;
    ioh_ev_t ev[64];
    char want[1024];

    assert_int_equal(ioh_decode(SJSON_DEC, base, spec, &g), LWC_ERR_NOT_FOUND);
    json_compact(spec, want, sizeof(want));
    ioh_check_encode(SJSON, base, ev, walk_of(&g, ev), want);
}

/* Tables -2, -5, -7 and -8 are what our encoder writes for their data. */
static void test_core_json_encode_as_printed(void **state)
{
    (void)state;
    expect_json_fixed_point(&LWC_PATH(3, 0), core_7442);
    expect_json_fixed_point(&LWC_PATH(3, 0, 0), core_7445);
    expect_json_fixed_point(&LWC_PATH_ROOT, core_7447);
    expect_json_fixed_point(&LWC_PATH_ROOT, core_7448);
}

/*
 * Table -3 carries times, which our entries do not keep, and table -4
 * names records relative to bn "/", where our encoder at the root writes
 * the full name without bn (RFC 8428 §4.5.1 makes the two equal). Written
 * back and read again, they hold the same values.
 */
static void expect_json_same_values(const lwc_path_t *base, const char *spec)
{
    ioh_got_list_t g, again;
    ioh_ev_t ev[64];
    uint8_t out[1024];
    size_t len, total;

    assert_int_equal(ioh_decode(SJSON_DEC, base, spec, &g), LWC_ERR_NOT_FOUND);
    assert_int_equal(ioh_run_walk(SJSON, base, ev, walk_of(&g, ev), out,
                                  sizeof(out) - 1, 0, &len, &total),
                     LWC_OK);
    out[len] = '\0';
    assert_int_equal(ioh_decode(SJSON_DEC, base, (const char *)out, &again),
                     LWC_ERR_NOT_FOUND);
    ioh_check_same_lists(&g, &again);
}

static void test_core_json_encode_by_value(void **state)
{
    (void)state;
    expect_json_same_values(&LWC_PATH(72), core_7443);
    expect_json_same_values(&LWC_PATH_ROOT, core_7444);
}

/*
 * The tables' data through the binary formats: written from the root by
 * SenML CBOR and LwM2M CBOR and read back, the same paths and values,
 * each as the resource's declared type would take it (LwM2M CBOR carries
 * an object link as its text, Core 1.2 §7.4).
 */
static void expect_binary_same_values(const lwci_io_encoder_ops_t *enc,
                                      const lwci_io_decoder_ops_t *dec,
                                      const lwc_path_t *base, const char *spec)
{
    ioh_got_list_t g;
    ioh_ev_t ev[64];
    ioh_entry_t back[IOH_MAX_ENTRIES];
    uint8_t out[1024];
    size_t len, total, count;

    assert_int_equal(ioh_decode(SJSON_DEC, base, spec, &g), LWC_ERR_NOT_FOUND);
    assert_int_equal(ioh_run_walk(enc, &LWC_PATH_ROOT, ev, walk_of(&g, ev), out,
                                  sizeof(out), 0, &len, &total),
                     LWC_OK);
    assert_int_equal(len, total);
    assert_int_equal(ioh_decode_entries(dec, out, len, len / 2, back, &count),
                     LWC_OK);
    assert_int_equal(count, g.n);
    for (size_t i = 0; i < count; i++) {
        lwc_value_t v;
        assert_true(lwc_path_equal(&back[i].e.path, &g.e[i].path));
        assert_int_equal(
            lwci_io_entry_value(&back[i].e, enc->format, g.e[i].v.type, &v),
            LWC_OK);
        assert_true(ioh_same_value(&v, &g.e[i].v));
    }
}

static void test_spec_values_through_cbor_formats(void **state)
{
    /* Automatic: LWC_PATH is a compound literal. */
    const struct {
        lwc_path_t base;
        const char *text;
    } tables[] = {
        {LWC_PATH(3, 0), core_7442}, {LWC_PATH(72), core_7443},
        {LWC_PATH_ROOT, core_7444},  {LWC_PATH(3, 0, 0), core_7445},
        {LWC_PATH_ROOT, core_7447},  {LWC_PATH_ROOT, core_7448},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
        expect_binary_same_values(SCBOR, SCBOR_DEC, &tables[i].base,
                                  tables[i].text);
        /* Not table -3 in LwM2M CBOR: it has no timestamps, and a map
         * holds each path once (RFC 8949 §5.6), so three values of one
         * resource have no LwM2M CBOR form (Core 1.2 uses SenML for
         * historical data). */
        if (tables[i].text != core_7443) {
            expect_binary_same_values(LCBOR, LCBOR_DEC, &tables[i].base,
                                      tables[i].text);
        }
    }
}

/* ---- SenML CBOR in the LwM2M documents ------------------------------------
 */

/*
 * OMA_LwM2M_for_Developers issue #484 (OMA's answer of 2020-10-08 on Core
 * 1.1.1 §7.4.6): [{"n":"/65/0/0/0","vlo":"66:0"}] in SenML CBOR is
 *   81 A2 00 69 2F36352F302F302F30 63 766C6F 64 36363A30
 * "vlo" is a text label: it has no CBOR integer (RFC 8428 §6, Table 4).
 */
#define OMA484_RECORD "a200692f36352f302f302f3063766c6f6436363a30"

static void test_oma_objlnk_record(void **state)
{
    static const char *const payloads[] = {"81" OMA484_RECORD};
    ioh_entry_t g[IOH_MAX_ENTRIES];
    size_t count;
    (void)state;

    assert_int_equal(ioh_decode_hex(SCBOR_DEC, "81" OMA484_RECORD, g, &count),
                     LWC_OK);
    assert_int_equal(count, 1);
    ioh_expect_path(&g[0], &LWC_PATH(65, 0, 0, 0));
    assert_int_equal(g[0].e.value.type, LWC_TYPE_OBJLNK);
    assert_int_equal(g[0].e.value.objlnk.oid, 66);
    assert_int_equal(g[0].e.value.objlnk.iid, 0);
    ioh_check_every_split(SCBOR_DEC, payloads, 1);

    /* Our encoder writes OMA's payload byte for byte, its definite-length
     * array head included (RFC 8428 §6). */
    ioh_ev_t ev[] = {VAL(OBJ(66, 0), 65, 0, 0, 0)};
    expect_senml_cbor_pack(&LWC_PATH_ROOT, ev, 1, "81" OMA484_RECORD);
}

/*
 * Core 1.1.1 §7.4.6's one SenML CBOR example, the Read of /3/0 (Table
 * 7.4.4-2 in SenML CBOR; RFC 8428 §6 maps every label to its integer).
 * We could not read the spec's own rendering; these are the bytes that
 * Leshan's SenMLCborSerializerTest and Wakaama's tests/senml_cbor_tests.c
 * (test 1, "From Table 7.4.4-2") both expect, independently of us. A
 * definite-length array of 16 records.
 */
#define CORE_DEVICE_SENML_CBOR                                                 \
    "90a321652f332f302f00613003744f70656e204d6f62696c6520416c6c69616e"         \
    "6365a200613103764c69676874776569676874204d324d20436c69656e74a200"         \
    "61320369333435303030313233a20061330363312e30a20063362f300201a200"         \
    "63362f310205a20063372f3002190ed8a20063372f3102191388a20063382f30"         \
    "02187da20063382f3102190384a2006139021864a200623130020fa200643131"         \
    "2f300200a200623133021a5182428fa20062313403662b30323a3030a2006231"         \
    "36036155"

/* The Device object instance of the example, served by the data model:
 * dmf_device_object() of support/dm_fixture.h with handlers that read the
 * values of ioh_device_walk. */

/* The value event of /3/0/rid(/riid), or NULL. */
static const ioh_ev_t *device_value(uint16_t rid, uint16_t riid)
{
    for (size_t i = 0; i < ioh_device_walk_len; i++) {
        const ioh_ev_t *e = &ioh_device_walk[i];
        if (e->kind == IOH_VALUE && e->path.ids[2] == rid &&
            (riid == LWC_ID_NONE
                 ? e->path.len == 3
                 : e->path.len == 4 && e->path.ids[3] == riid)) {
            return e;
        }
    }
    return NULL;
}

static int device_list_ri(void *ctx, uint16_t iid, uint16_t rid,
                          lwc_dm_list_t *list)
{
    (void)ctx;
    (void)iid;
    for (size_t i = 0; i < ioh_device_walk_len; i++) {
        const ioh_ev_t *e = &ioh_device_walk[i];
        if (e->kind == IOH_VALUE && e->path.len == 4 && e->path.ids[2] == rid) {
            lwc_dm_list_add(list, e->path.ids[3]);
        }
    }
    return LWC_OK;
}

static int device_read(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                       lwc_value_t *out)
{
    const ioh_ev_t *e = device_value(rid, riid);
    (void)ctx;
    (void)iid;
    if (!e) {
        return LWC_ERR_NOT_FOUND;
    }
    *out = e->v;
    return LWC_OK;
}

static const lwc_object_handlers_t device_handlers = {
    .list_instances = dmf_list_one,
    .list_resource_instances = device_list_ri,
    .read = device_read,
};

/*
 * The SenML CBOR and SenML JSON forms of the example give the same
 * entries; a Read of /3/0 from the data model writes the example's bytes
 * exactly, its definite-length array head (90: 16 records) included, in
 * one piece and in Block2 windows of any size.
 */
static void test_core_device_senml_cbor(void **state)
{
    uint8_t want[512], out[512], joined[512];
    size_t wn = ioh_unhex(CORE_DEVICE_SENML_CBOR, want, sizeof(want));
    ioh_entry_t g[IOH_MAX_ENTRIES];
    ioh_got_list_t j;
    lwci_io_sink_t s;
    size_t count;
    const lwc_object_t device_object =
        dmf_device_object(&device_handlers, NULL);
    (void)state;

    assert_int_equal(ioh_decode_entries(SCBOR_DEC, want, wn, wn, g, &count),
                     LWC_OK);
    ioh_check_device(g, count, false);
    assert_int_equal(ioh_decode(SJSON_DEC, &LWC_PATH(3, 0), core_7442, &j),
                     LWC_ERR_NOT_FOUND);
    assert_int_equal(j.n, count);
    for (size_t i = 0; i < count; i++) {
        assert_true(lwc_path_equal(&g[i].e.path, &j.e[i].path));
        assert_true(ioh_same_value(&g[i].e.value, &j.e[i].v));
    }

    lwci_io_sink_init(&s, out, sizeof(out), 0);
    assert_int_equal(
        lwci_dm_walk_read(&device_object, &LWC_PATH(3, 0), false, SCBOR, &s),
        LWC_OK);
    assert_int_equal(s.total, wn);
    assert_memory_equal(out, want, wn);
    for (size_t w = 1; w <= wn; w += 13) {
        size_t got = 0;
        for (size_t skip = 0; skip < wn; skip += w) {
            lwci_io_sink_init(&s, out, w, skip);
            assert_int_equal(lwci_dm_walk_read(&device_object, &LWC_PATH(3, 0),
                                               false, SCBOR, &s),
                             LWC_OK);
            assert_int_equal(s.total, wn);
            memcpy(joined + got, out, lwci_io_sink_len(&s));
            got += lwci_io_sink_len(&s);
        }
        assert_int_equal(got, wn);
        assert_memory_equal(joined, want, wn);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc8428_cbor_dump),
        cmocka_unit_test(test_rfc8428_urn_names_refused),
        cmocka_unit_test(test_rfc8428_lwm2m_names),
        cmocka_unit_test(test_rfc8428_value_encodings),
        cmocka_unit_test(test_core_json_device_and_history),
        cmocka_unit_test(test_core_json_object_links),
        cmocka_unit_test(test_core_json_single_and_composite),
        cmocka_unit_test(test_core_json_encode_as_printed),
        cmocka_unit_test(test_core_json_encode_by_value),
        cmocka_unit_test(test_spec_values_through_cbor_formats),
        cmocka_unit_test(test_oma_objlnk_record),
        cmocka_unit_test(test_core_device_senml_cbor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
