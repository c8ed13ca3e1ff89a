/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * libFuzzer target for the OMA LwM2M JSON decoder (LwM2M 1.0 §6.4.4, 1.1
 * Core §7.4.5). For every input (the first byte picks a split point and a
 * request path, the rest is the payload):
 *   - decoding it whole and in two chunks (the unconsumed tail carried
 *     over as io.h describes) gives the same entries and final code;
 *   - a clean payload whose entries all carry values, written back through
 *     the encoder (walk from the root) and decoded again, gives the same
 *     values (numbers compared by value: JSON numbers are untyped); the
 *     base64 view of "sv" strings stays within the scratch.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lwc/errors.h>

#include "io/json.h"
#include "io/oma_json.h"

#define FORMAT_ENC (&lwci_io_oma_json_encoder)
#define FORMAT_DEC (&lwci_io_oma_json_decoder)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            abort();                                                           \
        }                                                                      \
    } while (0)

#define MAX_INPUT 4096
#define SCRATCH   64

typedef struct {
    lwci_io_entry_t *e;
    size_t n;
    uint8_t *bytes; /* copies of string/opaque values */
    size_t used;
} entries_t;

static void keep(entries_t *out, const lwci_io_entry_t *e)
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

/* Decode data as [0, cut) then the rest; buf has room for size bytes. */
static int decode(const lwc_path_t *base, const uint8_t *data, size_t size,
                  size_t cut, uint8_t *buf, entries_t *out)
{
    uint8_t scratch[SCRATCH];
    lwci_io_decoder_t d = {
        .ops = FORMAT_DEC, .scratch = scratch, .scratch_cap = sizeof(scratch)};
    size_t have = 0;
    int rc = FORMAT_DEC->begin(&d, base);
    CHECK(rc == LWC_OK);
    out->n = 0;
    out->used = 0;
    for (int chunk = 0; chunk < 2; chunk++) {
        size_t from = chunk ? cut : 0, to = chunk ? size : cut;
        memcpy(buf + have, data + from, to - from);
        have += to - from;
        /* Every OK consumes input: at most size + 1 calls per chunk. */
        for (size_t guard = 0; guard <= size + 1; guard++) {
            lwci_io_entry_t e;
            size_t used = 0;
            rc = FORMAT_DEC->next(&d, buf, have, chunk == 1, &e, &used);
            CHECK(used <= have);
            if (rc == LWC_OK) {
                CHECK(used > 0 && out->n < size + 1);
                CHECK(lwc_path_is_valid(&e.path));
                CHECK(lwc_path_starts_with(&e.path, base));
                CHECK(e.kind == LWCI_IO_TYPED && e.path.len >= 3);
                CHECK(!e.raw || (e.value.type == LWC_TYPE_STRING &&
                                 e.raw_len <= e.value.bytes.len));
                CHECK(!e.raw_len || (e.raw >= scratch &&
                                     e.raw + e.raw_len <= scratch + SCRATCH));
                keep(out, &e);
            }
            memmove(buf, buf + used, have - used);
            have -= used;
            if (rc != LWC_OK) {
                break;
            }
        }
        CHECK(rc != LWC_OK);
        if (rc != LWC_ERR_WOULD_BLOCK || chunk == 1) {
            break;
        }
    }
    CHECK(rc == LWC_ERR_NOT_FOUND || rc == LWC_ERR_MALFORMED ||
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

static bool same_value(const lwc_value_t *a, const lwc_value_t *b)
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
        return a->bytes.len == b->bytes.len &&
               (a->bytes.len == 0 ||
                memcmp(a->bytes.data, b->bytes.data, a->bytes.len) == 0);
    case LWC_TYPE_BOOL:
        return a->b == b->b;
    case LWC_TYPE_OBJLNK:
        return a->objlnk.oid == b->objlnk.oid && a->objlnk.iid == b->objlnk.iid;
    default:
        return false;
    }
}

static void check_same(const entries_t *a, const entries_t *b, bool by_value)
{
    CHECK(a->n == b->n);
    for (size_t i = 0; i < a->n; i++) {
        CHECK(lwc_path_equal(&a->e[i].path, &b->e[i].path));
        CHECK(a->e[i].kind == b->e[i].kind);
        if (a->e[i].kind != LWCI_IO_TYPED) {
            continue;
        }
        if (by_value) {
            CHECK(same_value(&a->e[i].value, &b->e[i].value));
        } else {
            CHECK(a->e[i].value.type == b->e[i].value.type);
            CHECK(same_value(&a->e[i].value, &b->e[i].value));
        }
    }
}

/* Encode the entries (all with values) from the root into out. */
static size_t reencode(const entries_t *in, uint8_t *out, size_t cap)
{
    lwci_io_sink_t sink;
    lwci_io_encoder_t e = {.ops = FORMAT_ENC, .sink = &sink};
    lwci_io_sink_init(&sink, out, cap, 0);
    CHECK(FORMAT_ENC->begin(&e, &LWC_PATH_ROOT) == LWC_OK);
    for (size_t i = 0; i < in->n; i++) {
        CHECK(FORMAT_ENC->value(&e, &in->e[i].path, &in->e[i].value) == LWC_OK);
    }
    CHECK(FORMAT_ENC->end(&e) == LWC_OK);
    CHECK(!lwci_io_sink_more(&sink));
    return lwci_io_sink_len(&sink);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const lwc_path_t bases[4] = {{.len = 0},
                                        {.ids = {3}, .len = 1},
                                        {.ids = {3, 0}, .len = 2},
                                        {.ids = {3, 0, 1}, .len = 3}};
    if (size < 1 || size > MAX_INPUT) {
        return 0;
    }
    const lwc_path_t *base = &bases[data[0] & 3u];
    size_t pick = data[0] >> 2;
    data++;
    size--;
    size_t cut = pick * (size + 1) / 64;
    size_t cap = 16 * size + 64;
    entries_t a = {calloc(size + 1, sizeof(lwci_io_entry_t)), 0,
                   malloc(size + 1), 0};
    entries_t b = {calloc(size + 1, sizeof(lwci_io_entry_t)), 0,
                   malloc(size + 1), 0};
    uint8_t *buf = malloc(cap);
    CHECK(a.e && a.bytes && b.e && b.bytes && buf);

    int rc = decode(base, data, size, size, buf, &a);
    CHECK(decode(base, data, size, cut, buf, &b) == rc);
    check_same(&a, &b, false);

    bool all_values = rc == LWC_ERR_NOT_FOUND;
    for (size_t i = 0; i < a.n && all_values; i++) {
        all_values = a.e[i].kind == LWCI_IO_TYPED;
    }
    if (all_values) {
        uint8_t *text = malloc(cap);
        CHECK(text != NULL);
        size_t n = reencode(&a, text, cap);
        CHECK(lwci_json_validate(text, n, 3) == LWC_OK);
        /* Re-encoded values all fit the scratch they came through. */
        CHECK(decode(&LWC_PATH_ROOT, text, n, n / 2, buf, &b) ==
              LWC_ERR_NOT_FOUND);
        check_same(&a, &b, true);
        free(text);
    }
    free(buf);
    free(a.e);
    free(a.bytes);
    free(b.e);
    free(b.bytes);
    return 0;
}
