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

/* ---- Helpers ------------------------------------------------------------- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return c - 'A' + 10;
}

static size_t unhex(const char *hex, uint8_t *out, size_t cap)
{
    size_t n = 0;
    while (*hex) {
        if (*hex == ' ') {
            hex++;
            continue;
        }
        assert_true(hex[1] != '\0' && n < cap);
        out[n++] = (uint8_t)(hexval(hex[0]) * 16 + hexval(hex[1]));
        hex += 2;
    }
    return n;
}

typedef struct {
    lwci_io_entry_t e;
    uint8_t data[64];
} got_t;

#define MAX_GOT 24

static void keep(const lwci_io_entry_t *e, got_t *g)
{
    g->e = *e;
    uint8_t t = e->value.type;
    if (e->kind == LWCI_IO_TYPED &&
        (t == LWC_TYPE_STRING || t == LWC_TYPE_OPAQUE)) {
        assert_true(e->value.bytes.len <= sizeof(g->data));
        if (e->value.bytes.len > 0) {
            memcpy(g->data, e->value.bytes.data, e->value.bytes.len);
        }
        g->e.value.bytes.data = g->data;
    }
}

/* Decode p[0..n) fed as [0, cut) then the rest (io.h's carried tail). */
static int decode_split(const uint8_t *p, size_t n, size_t cut, got_t *out,
                        size_t *count)
{
    uint8_t room[32];
    uint8_t buf[1024];
    lwci_io_decoder_t d;
    size_t have = cut;
    bool last = cut == n;

    assert_true(n <= sizeof(buf));
    memset(&d, 0, sizeof(d));
    d.ops = &lwci_io_lwm2m_cbor_decoder;
    d.scratch = room;
    d.scratch_cap = sizeof(room);
    assert_int_equal(d.ops->begin(&d, &LWC_PATH_ROOT), LWC_OK);
    memcpy(buf, p, cut);
    *count = 0;
    for (int turns = 0; turns < 100; turns++) {
        lwci_io_entry_t e;
        size_t used = SIZE_MAX;
        int rc = d.ops->next(&d, buf, have, last, &e, &used);
        assert_true(used <= have);
        if (rc == LWC_OK) {
            assert_true(*count < MAX_GOT);
            keep(&e, &out[(*count)++]);
        } else if (rc == LWC_ERR_WOULD_BLOCK) {
            assert_false(last);
            memcpy(buf + have, p + cut, n - cut);
            have += n - cut;
            last = true;
        } else {
            return rc == LWC_ERR_NOT_FOUND ? LWC_OK : rc;
        }
        memmove(buf, buf + used, have - used);
        have -= used;
    }
    fail_msg("decoder made no progress");
    return LWC_ERR_INTERNAL;
}

static int decode_hex(const char *hex, got_t *out, size_t *count)
{
    uint8_t p[1024];
    size_t n = unhex(hex, p, sizeof(p));
    return decode_split(p, n, n, out, count);
}

static void expect_path(const got_t *g, const lwc_path_t *p)
{
    assert_true(lwc_path_equal(&g->e.path, p));
}

static void expect_text(const got_t *g, const lwc_path_t *p, uint8_t type,
                        const char *s)
{
    expect_path(g, p);
    assert_int_equal(g->e.kind, LWCI_IO_TYPED);
    assert_int_equal(g->e.value.type, type);
    assert_int_equal(g->e.value.bytes.len, strlen(s));
    assert_memory_equal(g->e.value.bytes.data, s, strlen(s));
}

static void expect_int(const got_t *g, const lwc_path_t *p, int64_t v)
{
    expect_path(g, p);
    assert_int_equal(g->e.kind, LWCI_IO_TYPED);
    assert_int_equal(g->e.value.type, LWC_TYPE_INT);
    assert_true(g->e.value.i == v);
}

static void expect_none(const got_t *g, const lwc_path_t *p)
{
    expect_path(g, p);
    assert_int_equal(g->e.kind, LWCI_IO_NONE);
}

static bool same_entry(const got_t *a, const got_t *b)
{
    if (!lwc_path_equal(&a->e.path, &b->e.path) || a->e.kind != b->e.kind ||
        a->e.value.type != b->e.value.type) {
        return false;
    }
    switch (a->e.value.type) {
    case LWC_TYPE_STRING:
    case LWC_TYPE_OPAQUE:
        return a->e.value.bytes.len == b->e.value.bytes.len &&
               memcmp(a->e.value.bytes.data, b->e.value.bytes.data,
                      a->e.value.bytes.len) == 0;
    case LWC_TYPE_NONE:
        return true;
    default:
        return memcmp(&a->e.value.u, &b->e.value.u, sizeof(uint64_t)) == 0;
    }
}

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

static void check_device(const got_t *g, size_t count)
{
    assert_int_equal(count, 16);
    expect_text(&g[0], &LWC_PATH(3, 0, 0), LWC_TYPE_STRING,
                "Open Mobile Alliance");
    expect_text(&g[1], &LWC_PATH(3, 0, 1), LWC_TYPE_STRING,
                "Lightweight M2M Client");
    expect_text(&g[2], &LWC_PATH(3, 0, 2), LWC_TYPE_STRING, "345000123");
    expect_text(&g[3], &LWC_PATH(3, 0, 3), LWC_TYPE_STRING, "1.0");
    expect_int(&g[4], &LWC_PATH(3, 0, 6, 0), 1);
    expect_int(&g[5], &LWC_PATH(3, 0, 6, 1), 5);
    expect_int(&g[6], &LWC_PATH(3, 0, 7, 0), 3800);
    expect_int(&g[7], &LWC_PATH(3, 0, 7, 1), 5000);
    expect_int(&g[8], &LWC_PATH(3, 0, 8, 0), 125);
    expect_int(&g[9], &LWC_PATH(3, 0, 8, 1), 900);
    expect_int(&g[10], &LWC_PATH(3, 0, 9), 100);
    expect_int(&g[11], &LWC_PATH(3, 0, 10), 15);
    expect_int(&g[12], &LWC_PATH(3, 0, 11, 0), 0);
    expect_path(&g[13], &LWC_PATH(3, 0, 13));
    assert_true(g[13].e.value.type == LWC_TYPE_TIME &&
                g[13].e.value.t == 1367491215);
    expect_text(&g[14], &LWC_PATH(3, 0, 14), LWC_TYPE_STRING, "+02:00");
    expect_text(&g[15], &LWC_PATH(3, 0, 16), LWC_TYPE_STRING, "U");
}

static void test_decode_device_forms(void **state)
{
    static const char *const forms[] = {
        "a103a100" INSTANCE, DEVICE_ARRAY_KEY,          DEVICE_FLAT,
        DEVICE_ENCODED,      "d9d9f7" DEVICE_ARRAY_KEY, /* self-described CBOR
                                                         */
    };
    got_t g[MAX_GOT];
    size_t count;
    (void)state;
    for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        assert_int_equal(decode_hex(forms[i], g, &count), LWC_OK);
        check_device(g, count);
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
    got_t g[MAX_GOT];
    size_t count;
    (void)state;

    assert_int_equal(decode_hex(MIXED, g, &count), LWC_OK);
    assert_int_equal(count, 7);
    expect_text(&g[0], &LWC_PATH(3, 0, 0), LWC_TYPE_STRING, "a");
    expect_int(&g[1], &LWC_PATH(3, 0, 6, 0), 1);
    expect_int(&g[2], &LWC_PATH(3, 0, 6, 1), 5);
    expect_none(&g[3], &LWC_PATH(3, 1, 1));
    expect_none(&g[4], &LWC_PATH(3, 1, 2));
    expect_none(&g[5], &LWC_PATH(5, 0));
    expect_text(&g[6], &LWC_PATH(1, 0, 1), LWC_TYPE_STRING, "xy");

    /* An empty root map has no entries. */
    assert_int_equal(decode_hex("a0", g, &count), LWC_OK);
    assert_int_equal(count, 0);
    assert_int_equal(decode_hex("bfff", g, &count), LWC_OK);
    assert_int_equal(count, 0);
}

static void test_decode_every_split(void **state)
{
    static const char *const payloads[] = {
        "a103a100" INSTANCE, DEVICE_FLAT, DEVICE_ENCODED, MIXED, "bfff",
    };
    (void)state;
    for (size_t i = 0; i < sizeof(payloads) / sizeof(payloads[0]); i++) {
        uint8_t p[512];
        got_t whole[MAX_GOT], part[MAX_GOT];
        size_t n = unhex(payloads[i], p, sizeof(p));
        size_t nw, np;
        assert_int_equal(decode_split(p, n, n, whole, &nw), LWC_OK);
        for (size_t cut = 0; cut < n; cut++) {
            assert_int_equal(decode_split(p, n, cut, part, &np), LWC_OK);
            assert_int_equal(np, nw);
            for (size_t k = 0; k < nw; k++) {
                assert_true(same_entry(&whole[k], &part[k]));
            }
        }
    }
}

#define TWENTY_A                                                               \
    "61616161616161616161"                                                     \
    "61616161616161616161"

static void test_decode_malformed(void **state)
{
    static const struct {
        const char *hex;
        int rc;
    } bad[] = {
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
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        got_t g[MAX_GOT];
        size_t count;
        int rc = decode_hex(bad[i].hex, g, &count);
        if (rc != bad[i].rc) {
            fail_msg("case %zu (%s): got %d, want %d", i, bad[i].hex, rc,
                     bad[i].rc);
        }
    }
}

/* ---- Encoder ------------------------------------------------------------- */

typedef struct {
    char op; /* 'o' open, 'v' value, 'c' close */
    lwc_path_t path;
    lwc_value_t v;
} ev_t;

static int run_walk(const lwc_path_t *base, const ev_t *ev, size_t n,
                    uint8_t *out, size_t cap, size_t skip, lwci_io_sink_t *s)
{
    lwci_io_encoder_t e;
    memset(&e, 0, sizeof(e));
    lwci_io_sink_init(s, out, cap, skip);
    e.ops = &lwci_io_lwm2m_cbor_encoder;
    e.sink = s;
    int rc = e.ops->begin(&e, base);
    for (size_t i = 0; i < n && rc == LWC_OK; i++) {
        rc = ev[i].op == 'o'   ? e.ops->open(&e, &ev[i].path)
             : ev[i].op == 'v' ? e.ops->value(&e, &ev[i].path, &ev[i].v)
                               : e.ops->close(&e, &ev[i].path);
    }
    return rc == LWC_OK ? e.ops->end(&e) : rc;
}

static lwc_value_t str(const char *s)
{
    lwc_value_t v = {.type = LWC_TYPE_STRING};
    v.bytes.data = s;
    v.bytes.len = strlen(s);
    return v;
}

#define V(p, val)                                                              \
    {                                                                          \
        'v', p, val                                                            \
    }
#define O(p)                                                                   \
    {                                                                          \
        'o', p,                                                                \
        {                                                                      \
            0,                                                                 \
            {                                                                  \
                0                                                              \
            }                                                                  \
        }                                                                      \
    }
#define C(p)                                                                   \
    {                                                                          \
        'c', p,                                                                \
        {                                                                      \
            0,                                                                 \
            {                                                                  \
                0                                                              \
            }                                                                  \
        }                                                                      \
    }

static void device_walk(ev_t *ev, size_t *n)
{
    const ev_t all[] = {
        O(LWC_PATH(3, 0)),
        V(LWC_PATH(3, 0, 0), str("Open Mobile Alliance")),
        V(LWC_PATH(3, 0, 1), str("Lightweight M2M Client")),
        V(LWC_PATH(3, 0, 2), str("345000123")),
        V(LWC_PATH(3, 0, 3), str("1.0")),
        O(LWC_PATH(3, 0, 6)),
        V(LWC_PATH(3, 0, 6, 0), lwc_value_int(1)),
        V(LWC_PATH(3, 0, 6, 1), lwc_value_int(5)),
        C(LWC_PATH(3, 0, 6)),
        O(LWC_PATH(3, 0, 7)),
        V(LWC_PATH(3, 0, 7, 0), lwc_value_int(3800)),
        V(LWC_PATH(3, 0, 7, 1), lwc_value_int(5000)),
        C(LWC_PATH(3, 0, 7)),
        O(LWC_PATH(3, 0, 8)),
        V(LWC_PATH(3, 0, 8, 0), lwc_value_int(125)),
        V(LWC_PATH(3, 0, 8, 1), lwc_value_int(900)),
        C(LWC_PATH(3, 0, 8)),
        V(LWC_PATH(3, 0, 9), lwc_value_int(100)),
        V(LWC_PATH(3, 0, 10), lwc_value_int(15)),
        O(LWC_PATH(3, 0, 11)),
        V(LWC_PATH(3, 0, 11, 0), lwc_value_int(0)),
        C(LWC_PATH(3, 0, 11)),
        V(LWC_PATH(3, 0, 13), lwc_value_time(1367491215)),
        V(LWC_PATH(3, 0, 14), str("+02:00")),
        V(LWC_PATH(3, 0, 16), str("U")),
        C(LWC_PATH(3, 0)),
    };
    memcpy(ev, all, sizeof(all));
    *n = sizeof(all) / sizeof(all[0]);
}

static void test_encode_device(void **state)
{
    ev_t ev[32];
    size_t n;
    uint8_t out[512], want[512];
    lwci_io_sink_t s;
    got_t g[MAX_GOT];
    size_t count;
    (void)state;

    device_walk(ev, &n);
    size_t wn = unhex(DEVICE_ENCODED, want, sizeof(want));
    assert_int_equal(run_walk(&LWC_PATH(3, 0), ev, n, out, sizeof(out), 0, &s),
                     LWC_OK);
    assert_int_equal(s.total, wn);
    assert_memory_equal(out, want, wn);
    /* It reads back as the example. */
    assert_int_equal(decode_split(out, wn, wn, g, &count), LWC_OK);
    check_device(g, count);

    for (size_t win = 1; win <= wn; win++) {
        uint8_t joined[512];
        size_t got = 0;
        for (size_t skip = 0; skip < wn; skip += win) {
            uint8_t part[512];
            assert_int_equal(
                run_walk(&LWC_PATH(3, 0), ev, n, part, win, skip, &s), LWC_OK);
            assert_int_equal(s.total, wn);
            memcpy(joined + got, part, lwci_io_sink_len(&s));
            got += lwci_io_sink_len(&s);
        }
        assert_int_equal(got, wn);
        assert_memory_equal(joined, want, wn);
    }
}

static void expect_walk(const lwc_path_t *base, const ev_t *ev, size_t n,
                        const char *hex)
{
    uint8_t out[256], want[256];
    lwci_io_sink_t s;
    size_t wn = unhex(hex, want, sizeof(want));
    assert_int_equal(run_walk(base, ev, n, out, sizeof(out), 0, &s), LWC_OK);
    assert_int_equal(s.total, wn);
    assert_memory_equal(out, want, wn);
}

static void test_encode_bases(void **state)
{
    (void)state;
    /* Read of the root: {_ 1: {_ 0: {_ 0: 1, 1: 86400}}, 3: {...}} */
    ev_t root[] = {
        O(LWC_PATH(1)),
        O(LWC_PATH(1, 0)),
        V(LWC_PATH(1, 0, 0), lwc_value_int(1)),
        V(LWC_PATH(1, 0, 1), lwc_value_uint(86400)),
        C(LWC_PATH(1, 0)),
        C(LWC_PATH(1)),
        O(LWC_PATH(3)),
        O(LWC_PATH(3, 0)),
        V(LWC_PATH(3, 0, 9), lwc_value_int(100)),
        C(LWC_PATH(3, 0)),
        C(LWC_PATH(3)),
    };
    expect_walk(&LWC_PATH_ROOT, root, 11,
                "bf01bf00bf0001011a00015180ffff03bf00bf091864ffffff");

    /* Read of a resource: {_ [3, 0, 9]: 100} */
    ev_t res[] = {V(LWC_PATH(3, 0, 9), lwc_value_int(100))};
    expect_walk(&LWC_PATH(3, 0, 9), res, 1, "bf830300091864ff");

    /* Read of a multiple resource: {_ [3, 0, 6]: {_ 0: 1, 1: 5}} */
    ev_t multi[] = {
        O(LWC_PATH(3, 0, 6)),
        V(LWC_PATH(3, 0, 6, 0), lwc_value_int(1)),
        V(LWC_PATH(3, 0, 6, 1), lwc_value_int(5)),
        C(LWC_PATH(3, 0, 6)),
    };
    expect_walk(&LWC_PATH(3, 0, 6), multi, 4, "bf83030006bf00010105ffff");

    /* Read-Composite: one full-path key per requested path. */
    ev_t comp[] = {
        V(LWC_PATH(3, 0, 9), lwc_value_int(100)),
        V(LWC_PATH(1, 0, 1), lwc_value_uint(86400)),
        O(LWC_PATH(3, 0, 6)),
        V(LWC_PATH(3, 0, 6, 0), lwc_value_int(1)),
        V(LWC_PATH(3, 0, 6, 1), lwc_value_int(5)),
        C(LWC_PATH(3, 0, 6)),
    };
    expect_walk(&LWC_PATH_ROOT, comp, 6,
                "bf830300091864830100011a0001518083030006bf00010105ffff");
}

static void test_encode_types(void **state)
{
    lwc_value_t opaque = {.type = LWC_TYPE_OPAQUE};
    lwc_value_t lnk = str("</3/0>");
    (void)state;
    opaque.bytes.data = "\x01\x02";
    opaque.bytes.len = 2;
    lnk.type = LWC_TYPE_CORELNK;

    ev_t types[] = {
        V(LWC_PATH(1, 0, 1), lwc_value_uint(86400)),
        V(LWC_PATH(3, 0, 13), lwc_value_time(1367491215)),
        V(LWC_PATH(3303, 0, 5700), lwc_value_float(22.5)),
        V(LWC_PATH(3311, 0, 5850), lwc_value_bool(true)),
        V(LWC_PATH(16, 0, 5, 1), lwc_value_objlnk(66, 1)),
        V(LWC_PATH(16, 0, 6), opaque),
        V(LWC_PATH(1, 0, 22), lnk),
        V(LWC_PATH(9, 0, 1), lwc_value_int(-3)),
        V(LWC_PATH(3, 0, 21), lwc_value_uint(UINT64_MAX)),
    };
    const char *hex =
        "bf830100011a000151808303000dc11a5182428f83190ce700191644f94da083"
        "190cef001916daf584100005016436363a318310000642010283010016663c2f"
        "332f303e8309000122830300151bffffffffffffffffff";
    expect_walk(&LWC_PATH_ROOT, types, 9, hex);

    /* Decoded back: the object link arrives as its text. */
    uint8_t p[128];
    got_t g[MAX_GOT];
    size_t count;
    size_t n = unhex(hex, p, sizeof(p));
    assert_int_equal(decode_split(p, n, n, g, &count), LWC_OK);
    assert_int_equal(count, 9);
    assert_true(g[0].e.value.type == LWC_TYPE_INT && g[0].e.value.i == 86400);
    assert_true(g[1].e.value.type == LWC_TYPE_TIME);
    assert_true(g[2].e.value.type == LWC_TYPE_FLOAT && g[2].e.value.f == 22.5);
    assert_true(g[3].e.value.type == LWC_TYPE_BOOL && g[3].e.value.b);
    expect_text(&g[4], &LWC_PATH(16, 0, 5, 1), LWC_TYPE_STRING, "66:1");
    expect_text(&g[5], &LWC_PATH(16, 0, 6), LWC_TYPE_OPAQUE, "\x01\x02");
    expect_text(&g[6], &LWC_PATH(1, 0, 22), LWC_TYPE_STRING, "</3/0>");
    expect_int(&g[7], &LWC_PATH(9, 0, 1), -3);
    assert_true(g[8].e.value.type == LWC_TYPE_UINT &&
                g[8].e.value.u == UINT64_MAX);
}

static void test_encode_refusals(void **state)
{
    uint8_t out[64];
    lwci_io_sink_t s;
    lwc_value_t none = {.type = LWC_TYPE_NONE};
    (void)state;

    ev_t outside[] = {V(LWC_PATH(4, 0, 1), lwc_value_int(1))};
    assert_int_equal(
        run_walk(&LWC_PATH(3, 0), outside, 1, out, sizeof(out), 0, &s),
        LWC_ERR_INVALID_ARG);
    ev_t exec[] = {V(LWC_PATH(3, 0, 4), none)};
    assert_int_equal(
        run_walk(&LWC_PATH(3, 0), exec, 1, out, sizeof(out), 0, &s),
        LWC_ERR_UNSUPPORTED);
    assert_int_equal(s.total, 1); /* only the root map head */
    ev_t deep[] = {O(LWC_PATH(3, 0, 6, 0))};
    assert_int_equal(
        run_walk(&LWC_PATH(3, 0), deep, 1, out, sizeof(out), 0, &s),
        LWC_ERR_INVALID_ARG);
    ev_t unbalanced[] = {C(LWC_PATH(3, 0))};
    assert_int_equal(
        run_walk(&LWC_PATH(3, 0), unbalanced, 1, out, sizeof(out), 0, &s),
        LWC_ERR_STATE);
    /* end() closes what the walk left open: the output stays well-formed. */
    ev_t open_only[] = {O(LWC_PATH(3, 0))};
    assert_int_equal(
        run_walk(&LWC_PATH(3, 0), open_only, 1, out, sizeof(out), 0, &s),
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
