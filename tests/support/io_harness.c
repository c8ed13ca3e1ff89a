/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The content-format test harness (io_harness.h). Built with
 * LWCT_IO_HARNESS_FUZZ (the fuzz targets) only the fuzz part is compiled,
 * without cmocka.
 */
#include "io_harness.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Same length and bytes of two string or opaque values. */
static bool same_bytes(const lwc_value_t *a, const lwc_value_t *b)
{
    return a->bytes.len == b->bytes.len &&
           (a->bytes.len == 0 ||
            memcmp(a->bytes.data, b->bytes.data, a->bytes.len) == 0);
}

#ifndef LWCT_IO_HARNESS_FUZZ
#include <setjmp.h>
#include <stdarg.h>

#include <cmocka.h>

/* ---- Unit tests (cmocka) ---------------------------------------------- */

lwc_value_t ioh_str(const char *s)
{
    lwc_value_t v = {.type = LWC_TYPE_STRING};
    v.bytes.data = s;
    v.bytes.len = strlen(s);
    return v;
}

int ioh_walk_into(const lwci_io_encoder_ops_t *ops, const lwc_path_t *base,
                  const ioh_ev_t *ev, size_t n, uint8_t *out, size_t cap,
                  size_t skip, lwci_io_sink_t *sink)
{
    lwci_io_encoder_t e = {.ops = ops, .sink = sink};
    lwci_io_sink_init(sink, out, cap, skip);
    int rc = ops->begin(&e, base);
    for (size_t i = 0; i < n && rc == LWC_OK; i++) {
        if (ev[i].kind == IOH_OPEN) {
            rc = ops->open(&e, &ev[i].path);
        } else if (ev[i].kind == IOH_CLOSE) {
            rc = ops->close(&e, &ev[i].path);
        } else {
            rc = ops->value(&e, &ev[i].path, &ev[i].v);
        }
    }
    return rc == LWC_OK ? ops->end(&e) : rc;
}

int ioh_run_walk(const lwci_io_encoder_ops_t *ops, const lwc_path_t *base,
                 const ioh_ev_t *ev, size_t n, uint8_t *buf, size_t cap,
                 size_t skip, size_t *len, size_t *total)
{
    lwci_io_sink_t sink;
    int rc = ioh_walk_into(ops, base, ev, n, buf, cap, skip, &sink);
    *len = lwci_io_sink_len(&sink);
    *total = sink.total;
    return rc;
}

void ioh_check_encode(const lwci_io_encoder_ops_t *ops, const lwc_path_t *base,
                      const ioh_ev_t *ev, size_t n, const char *want)
{
    uint8_t out[1024];
    size_t len, total;
    assert_int_equal(
        ioh_run_walk(ops, base, ev, n, out, sizeof(out), 0, &len, &total),
        LWC_OK);
    assert_int_equal(len, total);
    out[len] = '\0';
    assert_string_equal((char *)out, want);
}

void ioh_check_windows(const lwci_io_encoder_ops_t *ops, const lwc_path_t *base,
                       const ioh_ev_t *ev, size_t n, const uint8_t *want,
                       size_t wn)
{
    uint8_t joined[1024], part[1024];
    assert_true(wn <= sizeof(joined));
    for (size_t w = 1; w <= wn; w++) {
        size_t got = 0;
        for (size_t skip = 0; skip < wn; skip += w) {
            size_t len, total;
            assert_int_equal(
                ioh_run_walk(ops, base, ev, n, part, w, skip, &len, &total),
                LWC_OK);
            assert_int_equal(total, wn);
            memcpy(joined + got, part, len);
            got += len;
        }
        assert_int_equal(got, wn);
        assert_memory_equal(joined, want, wn);
    }
}

void ioh_expect_walk(const lwci_io_encoder_ops_t *ops, const lwc_path_t *base,
                     const ioh_ev_t *ev, size_t n, const char *hex)
{
    uint8_t out[256], want[256];
    lwci_io_sink_t s;
    size_t wn = ioh_unhex(hex, want, sizeof(want));
    assert_int_equal(ioh_walk_into(ops, base, ev, n, out, sizeof(out), 0, &s),
                     LWC_OK);
    assert_int_equal(s.total, wn);
    assert_memory_equal(out, want, wn);
}

const ioh_ev_t ioh_device_walk[] = {
    OPEN(3, 0),
    VAL(STR("Open Mobile Alliance"), 3, 0, 0),
    VAL(STR("Lightweight M2M Client"), 3, 0, 1),
    VAL(STR("345000123"), 3, 0, 2),
    VAL(STR("1.0"), 3, 0, 3),
    OPEN(3, 0, 6),
    VAL(INT(1), 3, 0, 6, 0),
    VAL(INT(5), 3, 0, 6, 1),
    CLOSE(3, 0, 6),
    OPEN(3, 0, 7),
    VAL(INT(3800), 3, 0, 7, 0),
    VAL(INT(5000), 3, 0, 7, 1),
    CLOSE(3, 0, 7),
    OPEN(3, 0, 8),
    VAL(INT(125), 3, 0, 8, 0),
    VAL(INT(900), 3, 0, 8, 1),
    CLOSE(3, 0, 8),
    VAL(INT(100), 3, 0, 9),
    VAL(INT(15), 3, 0, 10),
    OPEN(3, 0, 11),
    VAL(INT(0), 3, 0, 11, 0),
    CLOSE(3, 0, 11),
    VAL(TIME(1367491215), 3, 0, 13),
    VAL(STR("+02:00"), 3, 0, 14),
    VAL(STR("U"), 3, 0, 16),
    CLOSE(3, 0),
};
const size_t ioh_device_walk_len =
    sizeof(ioh_device_walk) / sizeof(ioh_device_walk[0]);

const char ioh_device_senml_json[] =
    "[{\"bn\":\"/3/0/\",\"n\":\"0\",\"vs\":\"Open Mobile Alliance\"},"
    "{\"n\":\"1\",\"vs\":\"Lightweight M2M Client\"},"
    "{\"n\":\"2\",\"vs\":\"345000123\"},"
    "{\"n\":\"3\",\"vs\":\"1.0\"},"
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
    "{\"n\":\"14\",\"vs\":\"+02:00\"},"
    "{\"n\":\"16\",\"vs\":\"U\"}]";

static void keep_in_list(ioh_got_list_t *g, const lwci_io_entry_t *e)
{
    assert_true(g->n < 64);
    ioh_got_t *x = &g->e[g->n++];
    x->path = e->path;
    x->kind = e->kind;
    x->v = e->value;
    uint8_t t = e->value.type;
    if (e->kind == LWCI_IO_TYPED &&
        (t == LWC_TYPE_STRING || t == LWC_TYPE_OPAQUE)) {
        assert_true(g->used + e->value.bytes.len <= sizeof(g->store));
        if (e->value.bytes.len) {
            memcpy(g->store + g->used, e->value.bytes.data, e->value.bytes.len);
        }
        x->v.bytes.data = g->store + g->used;
        g->used += e->value.bytes.len;
    }
}

/* One chunk: entries until the decoder ends it (each call returns an
 * entry or ends the chunk: bounded). */
static int decode_chunk(lwci_io_decoder_t *d, uint8_t *buf, size_t *have,
                        size_t len, bool last, ioh_got_list_t *g)
{
    int rc = LWC_OK;
    for (size_t guard = 0; guard <= len + 2; guard++) {
        lwci_io_entry_t e;
        size_t used = 0;
        rc = d->ops->next(d, buf, *have, last, &e, &used);
        assert_true(used <= *have);
        if (rc == LWC_OK) {
            keep_in_list(g, &e); /* before the input moves */
        }
        memmove(buf, buf + used, *have - used);
        *have -= used;
        if (rc != LWC_OK) {
            break;
        }
    }
    return rc;
}

int ioh_decode_split(const lwci_io_decoder_ops_t *ops, const lwc_path_t *base,
                     const char *payload, size_t len, size_t split,
                     size_t scratch_cap, ioh_got_list_t *g)
{
    uint8_t buf[4096];
    uint8_t scratch[256];
    size_t have = 0;
    lwci_io_decoder_t d = {
        .ops = ops, .scratch = scratch, .scratch_cap = scratch_cap};
    memset(g, 0, sizeof(*g));
    assert_true(len <= sizeof(buf) && scratch_cap <= sizeof(scratch));
    int rc = ops->begin(&d, base);
    if (rc != LWC_OK) {
        return rc;
    }
    for (int chunk = 0; chunk < 2; chunk++) {
        size_t from = chunk ? split : 0, to = chunk ? len : split;
        memcpy(buf + have, payload + from, to - from);
        have += to - from;
        rc = decode_chunk(&d, buf, &have, len, chunk == 1, g);
        if (rc != LWC_ERR_WOULD_BLOCK || chunk == 1) {
            return rc;
        }
    }
    return rc;
}

int ioh_decode(const lwci_io_decoder_ops_t *ops, const lwc_path_t *base,
               const char *payload, ioh_got_list_t *g)
{
    return ioh_decode_split(ops, base, payload, strlen(payload), 0, 256, g);
}

bool ioh_same_value(const lwc_value_t *a, const lwc_value_t *b)
{
    if (a->type != b->type) {
        return false;
    }
    switch (a->type) {
    case LWC_TYPE_STRING:
    case LWC_TYPE_OPAQUE:
    case LWC_TYPE_CORELNK:
        return same_bytes(a, b);
    case LWC_TYPE_INT:
        return a->i == b->i;
    case LWC_TYPE_UINT:
        return a->u == b->u;
    case LWC_TYPE_FLOAT:
        return a->f == b->f;
    case LWC_TYPE_BOOL:
        return a->b == b->b;
    case LWC_TYPE_TIME:
        return a->t == b->t;
    case LWC_TYPE_OBJLNK:
        return a->objlnk.oid == b->objlnk.oid && a->objlnk.iid == b->objlnk.iid;
    default:
        return true;
    }
}

void ioh_check_same_lists(const ioh_got_list_t *a, const ioh_got_list_t *b)
{
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        assert_true(lwc_path_equal(&a->e[i].path, &b->e[i].path));
        assert_int_equal(a->e[i].kind, b->e[i].kind);
        if (a->e[i].kind == LWCI_IO_TYPED) {
            assert_true(ioh_same_value(&a->e[i].v, &b->e[i].v));
        }
    }
}

void ioh_check_device_entries(const ioh_got_list_t *g)
{
    size_t k = 0;
    assert_int_equal(g->n, 16);
    for (size_t i = 0; i < ioh_device_walk_len; i++) {
        const ioh_ev_t *ev = &ioh_device_walk[i];
        if (ev->kind != IOH_VALUE) {
            continue;
        }
        lwc_value_t want = ev->v;
        if (want.type == LWC_TYPE_TIME) {
            want = lwc_value_int(want.t);
        }
        assert_true(lwc_path_equal(&g->e[k].path, &ev->path));
        assert_int_equal(g->e[k].kind, LWCI_IO_TYPED);
        assert_true(ioh_same_value(&g->e[k].v, &want));
        k++;
    }
}

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

size_t ioh_unhex(const char *hex, uint8_t *out, size_t cap)
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

static void keep_entry(const lwci_io_entry_t *e, ioh_entry_t *g)
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

int ioh_decode_entries(const lwci_io_decoder_ops_t *ops, const uint8_t *p,
                       size_t n, size_t cut, ioh_entry_t *out, size_t *count)
{
    uint8_t room[32];
    uint8_t buf[1024];
    lwci_io_decoder_t d = {.ops = ops, .scratch = room, .scratch_cap = 32};
    size_t have = cut;
    bool last = cut == n;

    assert_true(n <= sizeof(buf));
    assert_int_equal(ops->begin(&d, &LWC_PATH_ROOT), LWC_OK);
    memcpy(buf, p, cut);
    *count = 0;
    for (int turns = 0; turns < 100; turns++) {
        lwci_io_entry_t e;
        size_t used = SIZE_MAX;
        int rc = ops->next(&d, buf, have, last, &e, &used);
        assert_true(used <= have);
        if (rc == LWC_OK) {
            assert_true(*count < IOH_MAX_ENTRIES);
            keep_entry(&e, &out[(*count)++]);
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

void ioh_check_every_split(const lwci_io_decoder_ops_t *ops,
                           const char *const *hex, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        uint8_t p[512];
        ioh_entry_t whole[IOH_MAX_ENTRIES], part[IOH_MAX_ENTRIES];
        size_t n = ioh_unhex(hex[i], p, sizeof(p));
        size_t nw, np;
        assert_int_equal(ioh_decode_entries(ops, p, n, n, whole, &nw), LWC_OK);
        for (size_t cut = 0; cut < n; cut++) {
            assert_int_equal(ioh_decode_entries(ops, p, n, cut, part, &np),
                             LWC_OK);
            assert_int_equal(np, nw);
            for (size_t k = 0; k < nw; k++) {
                assert_true(ioh_same_entry(&whole[k], &part[k]));
            }
        }
    }
}

int ioh_decode_hex(const lwci_io_decoder_ops_t *ops, const char *hex,
                   ioh_entry_t *out, size_t *count)
{
    uint8_t p[1024];
    size_t n = ioh_unhex(hex, p, sizeof(p));
    return ioh_decode_entries(ops, p, n, n, out, count);
}

void ioh_check_hex_cases(const lwci_io_decoder_ops_t *ops,
                         const ioh_hex_case_t *cases, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        ioh_entry_t g[IOH_MAX_ENTRIES];
        size_t n;
        int rc = ioh_decode_hex(ops, cases[i].hex, g, &n);
        if (rc != cases[i].rc) {
            fail_msg("case %zu (%s): got %d, want %d", i, cases[i].hex, rc,
                     cases[i].rc);
        }
    }
}

void ioh_expect_path(const ioh_entry_t *g, const lwc_path_t *p)
{
    assert_true(lwc_path_equal(&g->e.path, p));
}

void ioh_expect_text(const ioh_entry_t *g, const lwc_path_t *p, uint8_t type,
                     const char *s)
{
    ioh_expect_path(g, p);
    assert_int_equal(g->e.kind, LWCI_IO_TYPED);
    assert_int_equal(g->e.value.type, type);
    assert_int_equal(g->e.value.bytes.len, strlen(s));
    assert_memory_equal(g->e.value.bytes.data, s, strlen(s));
}

void ioh_expect_int(const ioh_entry_t *g, const lwc_path_t *p, int64_t v)
{
    ioh_expect_path(g, p);
    assert_int_equal(g->e.kind, LWCI_IO_TYPED);
    assert_int_equal(g->e.value.type, LWC_TYPE_INT);
    assert_true(g->e.value.i == v);
}

void ioh_expect_none(const ioh_entry_t *g, const lwc_path_t *p)
{
    ioh_expect_path(g, p);
    assert_int_equal(g->e.kind, LWCI_IO_NONE);
}

void ioh_check_device(const ioh_entry_t *g, size_t count, bool time_typed)
{
    assert_int_equal(count, 16);
    ioh_expect_text(&g[0], &LWC_PATH(3, 0, 0), LWC_TYPE_STRING,
                    "Open Mobile Alliance");
    ioh_expect_text(&g[1], &LWC_PATH(3, 0, 1), LWC_TYPE_STRING,
                    "Lightweight M2M Client");
    ioh_expect_text(&g[2], &LWC_PATH(3, 0, 2), LWC_TYPE_STRING, "345000123");
    ioh_expect_text(&g[3], &LWC_PATH(3, 0, 3), LWC_TYPE_STRING, "1.0");
    ioh_expect_int(&g[4], &LWC_PATH(3, 0, 6, 0), 1);
    ioh_expect_int(&g[5], &LWC_PATH(3, 0, 6, 1), 5);
    ioh_expect_int(&g[6], &LWC_PATH(3, 0, 7, 0), 3800);
    ioh_expect_int(&g[7], &LWC_PATH(3, 0, 7, 1), 5000);
    ioh_expect_int(&g[8], &LWC_PATH(3, 0, 8, 0), 125);
    ioh_expect_int(&g[9], &LWC_PATH(3, 0, 8, 1), 900);
    ioh_expect_int(&g[10], &LWC_PATH(3, 0, 9), 100);
    ioh_expect_int(&g[11], &LWC_PATH(3, 0, 10), 15);
    ioh_expect_int(&g[12], &LWC_PATH(3, 0, 11, 0), 0);
    if (time_typed) {
        ioh_expect_path(&g[13], &LWC_PATH(3, 0, 13));
        assert_true(g[13].e.value.type == LWC_TYPE_TIME &&
                    g[13].e.value.t == 1367491215);
    } else {
        ioh_expect_int(&g[13], &LWC_PATH(3, 0, 13), 1367491215);
    }
    ioh_expect_text(&g[14], &LWC_PATH(3, 0, 14), LWC_TYPE_STRING, "+02:00");
    ioh_expect_text(&g[15], &LWC_PATH(3, 0, 16), LWC_TYPE_STRING, "U");
}

bool ioh_same_entry(const ioh_entry_t *a, const ioh_entry_t *b)
{
    const lwc_value_t *x = &a->e.value, *y = &b->e.value;
    if (!lwc_path_equal(&a->e.path, &b->e.path) || a->e.kind != b->e.kind ||
        x->type != y->type) {
        return false;
    }
    switch (x->type) {
    case LWC_TYPE_STRING:
    case LWC_TYPE_OPAQUE:
        return same_bytes(x, y);
    case LWC_TYPE_OBJLNK:
        return x->objlnk.oid == y->objlnk.oid && x->objlnk.iid == y->objlnk.iid;
    case LWC_TYPE_NONE:
        return true;
    default:
        return memcmp(&x->u, &y->u, sizeof(uint64_t)) == 0;
    }
}
#endif /* !LWCT_IO_HARNESS_FUZZ */

/* ---- Fuzz targets ---------------------------------------------------------
 */

void ioh_fail(const char *what)
{
#ifdef LWCT_IO_HARNESS_FUZZ
    (void)what;
    abort();
#else
    fail_msg("%s", what);
#endif
}

static void fuzz_keep(ioh_fuzz_list_t *out, const lwci_io_entry_t *e)
{
    lwci_io_entry_t *k = &out->e[out->n++];
    *k = *e;
    k->raw = NULL;
    k->raw_len = 0;
    uint8_t t = e->value.type;
    if (e->kind == LWCI_IO_TYPED &&
        (t == LWC_TYPE_STRING || t == LWC_TYPE_OPAQUE) &&
        e->value.bytes.len > 0) {
        memcpy(out->bytes + out->used, e->value.bytes.data, e->value.bytes.len);
        k->value.bytes.data = out->bytes + out->used;
        out->used += e->value.bytes.len;
    }
}

bool ioh_same_exact_value(const lwc_value_t *a, const lwc_value_t *b)
{
    if (a->type != b->type) {
        return false;
    }
    switch (a->type) {
    case LWC_TYPE_STRING:
    case LWC_TYPE_OPAQUE:
        return same_bytes(a, b);
    case LWC_TYPE_FLOAT:
        /* Every NaN is written as the one quiet NaN. */
        return (a->f != a->f && b->f != b->f) ||
               memcmp(&a->f, &b->f, sizeof(a->f)) == 0;
    case LWC_TYPE_BOOL:
        return a->b == b->b;
    case LWC_TYPE_OBJLNK:
        return a->objlnk.oid == b->objlnk.oid && a->objlnk.iid == b->objlnk.iid;
    case LWC_TYPE_NONE:
        return true;
    default:
        return a->u == b->u;
    }
}

/* ---- Text formats ---- */

#define TEXT_SCRATCH 64

/* Entries of one chunk until the decoder ends it: every OK consumes
 * input, so at most size + 1 calls. */
static int text_chunk(const ioh_fuzz_text_t *f, lwci_io_decoder_t *d,
                      const lwc_path_t *base, uint8_t *buf, size_t *have,
                      size_t size, bool last, ioh_fuzz_list_t *out)
{
    int rc = LWC_OK;
    for (size_t guard = 0; guard <= size + 1; guard++) {
        lwci_io_entry_t e;
        size_t used = 0;
        rc = f->dec->next(d, buf, *have, last, &e, &used);
        IOH_CHECK(used <= *have);
        if (rc == LWC_OK) {
            IOH_CHECK(used > 0 && out->n < out->cap);
            IOH_CHECK(lwc_path_is_valid(&e.path));
            IOH_CHECK(lwc_path_starts_with(&e.path, base));
            if (f->check_entry) {
                f->check_entry(&e, d->scratch, d->scratch_cap);
            }
            fuzz_keep(out, &e);
        }
        memmove(buf, buf + used, *have - used);
        *have -= used;
        if (rc != LWC_OK) {
            break;
        }
    }
    return rc;
}

/* Decode data as [0, cut) then the rest; buf has room for size bytes. */
static int text_decode(const ioh_fuzz_text_t *f, const lwc_path_t *base,
                       const uint8_t *data, size_t size, size_t cut,
                       uint8_t *buf, ioh_fuzz_list_t *out)
{
    uint8_t scratch[TEXT_SCRATCH];
    lwci_io_decoder_t d = {
        .ops = f->dec, .scratch = scratch, .scratch_cap = sizeof(scratch)};
    size_t have = 0;
    int rc = f->dec->begin(&d, base);
    IOH_CHECK(rc == LWC_OK);
    out->n = 0;
    out->used = 0;
    for (int chunk = 0; chunk < 2; chunk++) {
        size_t from = chunk ? cut : 0, to = chunk ? size : cut;
        memcpy(buf + have, data + from, to - from);
        have += to - from;
        rc = text_chunk(f, &d, base, buf, &have, size, chunk == 1, out);
        IOH_CHECK(rc != LWC_OK);
        if (rc != LWC_ERR_WOULD_BLOCK || chunk == 1) {
            break;
        }
    }
    IOH_CHECK(rc == LWC_ERR_NOT_FOUND || rc == LWC_ERR_MALFORMED ||
              rc == LWC_ERR_TOO_LARGE);
    return rc;
}

static bool is_num(uint8_t t)
{
    return t == LWC_TYPE_INT || t == LWC_TYPE_UINT || t == LWC_TYPE_FLOAT;
}

static double as_double(const lwc_value_t *v)
{
    return v->type == LWC_TYPE_INT    ? (double)v->i
           : v->type == LWC_TYPE_UINT ? (double)v->u
                                      : v->f;
}

/* Text numbers are untyped: an integer may come back as a float. */
static bool same_text_value(const lwc_value_t *a, const lwc_value_t *b)
{
    if (is_num(a->type) && is_num(b->type)) {
        if (a->type == b->type && a->type != LWC_TYPE_FLOAT) {
            return a->type == LWC_TYPE_INT ? a->i == b->i : a->u == b->u;
        }
        return as_double(a) == as_double(b);
    }
    if (a->type != b->type) {
        return false;
    }
    switch (a->type) {
    case LWC_TYPE_STRING:
    case LWC_TYPE_OPAQUE:
        return same_bytes(a, b);
    case LWC_TYPE_BOOL:
        return a->b == b->b;
    case LWC_TYPE_OBJLNK:
        return a->objlnk.oid == b->objlnk.oid && a->objlnk.iid == b->objlnk.iid;
    default:
        return false;
    }
}

static void text_same(const ioh_fuzz_list_t *a, const ioh_fuzz_list_t *b,
                      bool by_value)
{
    IOH_CHECK(a->n == b->n);
    for (size_t i = 0; i < a->n; i++) {
        IOH_CHECK(lwc_path_equal(&a->e[i].path, &b->e[i].path));
        IOH_CHECK(a->e[i].kind == b->e[i].kind);
        if (a->e[i].kind != LWCI_IO_TYPED) {
            continue;
        }
        if (!by_value) {
            IOH_CHECK(a->e[i].value.type == b->e[i].value.type);
        }
        IOH_CHECK(same_text_value(&a->e[i].value, &b->e[i].value));
    }
}

/* Encode the entries (all with values) from the root into out. */
static size_t text_reencode(const ioh_fuzz_text_t *f, const ioh_fuzz_list_t *in,
                            uint8_t *out, size_t cap)
{
    lwci_io_sink_t sink;
    lwci_io_encoder_t e = {.ops = f->enc, .sink = &sink};
    lwci_io_sink_init(&sink, out, cap, 0);
    IOH_CHECK(f->enc->begin(&e, &LWC_PATH_ROOT) == LWC_OK);
    for (size_t i = 0; i < in->n; i++) {
        IOH_CHECK(f->enc->value(&e, &in->e[i].path, &in->e[i].value) == LWC_OK);
    }
    IOH_CHECK(f->enc->end(&e) == LWC_OK);
    IOH_CHECK(!lwci_io_sink_more(&sink));
    return lwci_io_sink_len(&sink);
}

static void text_round_trip(const ioh_fuzz_text_t *f, const ioh_fuzz_list_t *a,
                            ioh_fuzz_list_t *b, uint8_t *buf, size_t cap)
{
    for (size_t i = 0; i < a->n; i++) {
        if (a->e[i].kind != LWCI_IO_TYPED) {
            return; /* only payloads whose entries all carry values */
        }
    }
    uint8_t *text = malloc(cap);
    IOH_CHECK(text != NULL);
    size_t n = text_reencode(f, a, text, cap);
    IOH_CHECK(f->well_formed(text, n));
    /* Re-encoded values all fit the scratch they came through. */
    IOH_CHECK(text_decode(f, &LWC_PATH_ROOT, text, n, n / 2, buf, b) ==
              LWC_ERR_NOT_FOUND);
    text_same(a, b, true);
    free(text);
}

static bool list_alloc(ioh_fuzz_list_t *l, size_t cap, size_t bytes)
{
    l->e = calloc(cap, sizeof(lwci_io_entry_t));
    l->n = 0;
    l->cap = cap;
    l->bytes = malloc(bytes);
    l->used = 0;
    return l->e && l->bytes;
}

static void list_free(ioh_fuzz_list_t *l)
{
    free(l->e);
    free(l->bytes);
}

int ioh_fuzz_text(const ioh_fuzz_text_t *f, const uint8_t *data, size_t size)
{
    static const lwc_path_t bases[4] = {{.len = 0},
                                        {.ids = {3}, .len = 1},
                                        {.ids = {3, 0}, .len = 2},
                                        {.ids = {3, 0, 1}, .len = 3}};
    if (size < 1 || size > 4096) {
        return 0;
    }
    const lwc_path_t *base = &bases[data[0] & 3u];
    size_t pick = data[0] >> 2;
    data++;
    size--;
    size_t cut = pick * (size + 1) / 64;
    size_t cap = 16 * size + 64;
    ioh_fuzz_list_t a, b;
    uint8_t *buf = malloc(cap);
    IOH_CHECK(list_alloc(&a, size + 1, size + 1) &&
              list_alloc(&b, size + 1, size + 1) && buf);

    int rc = text_decode(f, base, data, size, size, buf, &a);
    IOH_CHECK(text_decode(f, base, data, size, cut, buf, &b) == rc);
    text_same(&a, &b, false);
    if (rc == LWC_ERR_NOT_FOUND) {
        text_round_trip(f, &a, &b, buf, cap);
    }
    free(buf);
    list_free(&a);
    list_free(&b);
    return 0;
}

/* ---- Binary formats ---- */

#define BINARY_ENTRIES 64
#define BINARY_OUT     8192

/* Decode data fed as [0, cut) then the rest; buf has room for size. */
static int binary_decode(const ioh_fuzz_binary_t *f, const uint8_t *data,
                         size_t size, size_t cut, uint8_t *buf,
                         ioh_fuzz_list_t *out)
{
    uint8_t room[48];
    lwci_io_decoder_t d = {
        .ops = f->dec, .scratch = room, .scratch_cap = sizeof(room)};
    size_t have = cut;
    bool last = cut == size;

    IOH_CHECK(f->dec->begin(&d, &LWC_PATH_ROOT) == LWC_OK);
    if (cut > 0) {
        memcpy(buf, data, cut);
    }
    out->n = 0;
    out->used = 0;
    /* Every entry takes at least one byte; two more turns for the chunk
     * boundary and the end. */
    for (size_t turn = 0; turn < size + 3; turn++) {
        lwci_io_entry_t e;
        size_t used = SIZE_MAX;
        int rc = f->dec->next(&d, have ? buf : NULL, have, last, &e, &used);
        IOH_CHECK(used <= have);
        if (rc == LWC_OK) {
            IOH_CHECK(lwc_path_is_valid(&e.path));
            IOH_CHECK(e.kind == LWCI_IO_NONE ||
                      (e.kind == LWCI_IO_TYPED && e.path.len >= 3));
            if (out->n == out->cap) {
                return LWC_ERR_TOO_LARGE; /* the harness's limit */
            }
            fuzz_keep(out, &e);
        } else if (rc == LWC_ERR_WOULD_BLOCK) {
            IOH_CHECK(!last);
            if (size > cut) {
                memcpy(buf + have, data + cut, size - cut);
            }
            have += size - cut;
            last = true;
        } else {
            IOH_CHECK(rc == LWC_ERR_NOT_FOUND || rc == LWC_ERR_MALFORMED ||
                      rc == LWC_ERR_TOO_LARGE);
            return rc == LWC_ERR_NOT_FOUND ? LWC_OK : rc;
        }
        memmove(buf, buf + used, have - used);
        have -= used;
    }
    IOH_CHECK(false); /* no progress */
    return LWC_ERR_INTERNAL;
}

static bool same_entry(const lwci_io_entry_t *a, const lwci_io_entry_t *b)
{
    return lwc_path_equal(&a->path, &b->path) && a->kind == b->kind &&
           ioh_same_exact_value(&a->value, &b->value);
}

/* Encode the valued entries as values under the root; out, buf, back have
 * BINARY_OUT bytes each. Returns the payload size. */
static size_t binary_reencode(const ioh_fuzz_binary_t *f,
                              const ioh_fuzz_list_t *in, uint8_t *out)
{
    lwci_io_encoder_t enc = {.ops = f->enc};
    lwci_io_sink_t s;

    lwci_io_sink_init(&s, out, BINARY_OUT, 0);
    enc.sink = &s;
    IOH_CHECK(f->enc->begin(&enc, &LWC_PATH_ROOT) == LWC_OK);
    for (size_t i = 0; i < in->n; i++) {
        if (in->e[i].kind == LWCI_IO_TYPED) {
            IOH_CHECK(f->enc->value(&enc, &in->e[i].path, &in->e[i].value) ==
                      LWC_OK);
        }
    }
    IOH_CHECK(f->enc->end(&enc) == LWC_OK);
    return s.total;
}

/* Encode the valued entries, decode them again, compare. */
static void binary_round_trip(const ioh_fuzz_binary_t *f,
                              const ioh_fuzz_list_t *in)
{
    uint8_t *out = malloc(BINARY_OUT), *buf = malloc(BINARY_OUT);
    ioh_fuzz_list_t back;
    size_t k = 0;

    IOH_CHECK(out && buf && list_alloc(&back, BINARY_ENTRIES, BINARY_OUT));
    size_t total = binary_reencode(f, in, out);
    if (total <= BINARY_OUT) {
        IOH_CHECK(binary_decode(f, out, total, total, buf, &back) == LWC_OK);
        for (size_t i = 0; i < in->n; i++) {
            if (in->e[i].kind != LWCI_IO_TYPED) {
                continue;
            }
            lwci_io_entry_t want = in->e[i];
            if (f->time_as_int && want.value.type == LWC_TYPE_TIME) {
                want.value = lwc_value_int(want.value.t);
            }
            IOH_CHECK(k < back.n && same_entry(&want, &back.e[k]));
            k++;
        }
        IOH_CHECK(k == back.n);
    }
    free(out);
    free(buf);
    list_free(&back);
}

int ioh_fuzz_binary(const ioh_fuzz_binary_t *f, const uint8_t *data,
                    size_t size)
{
    ioh_fuzz_list_t whole, split;
    uint8_t *buf = malloc(size + 1);
    IOH_CHECK(buf && list_alloc(&whole, BINARY_ENTRIES, size + 1) &&
              list_alloc(&split, BINARY_ENTRIES, size + 1));

    size_t cut = size ? data[0] % (size + 1) : 0;
    int rw = binary_decode(f, data, size, size, buf, &whole);
    int rs = binary_decode(f, data, size, cut, buf, &split);
    IOH_CHECK(rw == rs);
    IOH_CHECK(whole.n == split.n);
    for (size_t i = 0; i < whole.n; i++) {
        IOH_CHECK(same_entry(&whole.e[i], &split.e[i]));
    }
    if (rw == LWC_OK && (!f->can_round_trip || f->can_round_trip(&whole))) {
        binary_round_trip(f, &whole);
    }
    free(buf);
    list_free(&whole);
    list_free(&split);
    return 0;
}
