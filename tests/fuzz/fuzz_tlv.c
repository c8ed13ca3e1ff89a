/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * libFuzzer target for the OMA TLV decoder (LwM2M 1.1 Core §7.4.3,
 * application/vnd.oma.lwm2m+tlv, 11542). The first byte picks the request
 * path (/3, /3/0, /3/0/11 or /3/0/11/0) and a split point; the rest is the
 * payload. For every input:
 *   - the decoder ends (NOT_FOUND, MALFORMED or TOO_LARGE) within one call
 *     per input byte, and never reports more input consumed than it got;
 *   - decoding whole and in two chunks (the unconsumed tail carried over as
 *     io.h describes) gives the same entries and the same final code;
 *   - every entry is in the request path's object with IDs in range, RAW
 *     entries name a resource or resource instance and their bytes lie
 *     inside the input;
 *   - every RAW value that decodes as a data type (§7.4.3 value encodings)
 *     writes back with the TLV encoder and decodes to the same value.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lwc/dm.h>
#include <lwc/errors.h>

#include "io/io.h"
#include "io/tlv.h"

#define MAX_ENTRIES 512

typedef struct {
    lwc_path_t path;
    uint8_t kind;
    size_t off; /* of raw in the payload */
    size_t len;
} got_t;

typedef struct {
    got_t e[MAX_ENTRIES];
    size_t n;
} got_list_t;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                               \
    do {                                                                       \
        if (!(c)) {                                                            \
            abort();                                                           \
        }                                                                      \
    } while (0)

static const lwc_path_t BASES[4] = {
    {.ids = {3}, .len = 1},
    {.ids = {3, 0}, .len = 2},
    {.ids = {3, 0, 11}, .len = 3},
    {.ids = {3, 0, 11, 0}, .len = 4},
};

/* IDs within range, except the instance of a bare resource under an
 * object base (Create without an instance entry, tlv.h). */
static void check_path(const lwc_path_t *base, const lwci_io_entry_t *e)
{
    /* The decoder names entries by their own IDs (an instance entry under
     * /3/0 may say 123); the data model rejects those outside the target. */
    CHECK(e->path.len >= 2 && e->path.len <= 4);
    CHECK(e->path.ids[0] == base->ids[0]);
    for (uint8_t i = 0; i < e->path.len; i++) {
        bool no_iid =
            i == 1 && base->len == 1 && e->path.ids[1] == LWCI_TLV_NO_IID;
        CHECK(e->path.ids[i] <= LWC_ID_MAX || no_iid);
    }
    if (e->kind == LWCI_IO_RAW) {
        CHECK(e->path.len >= 3);
    } else {
        CHECK(e->kind == LWCI_IO_NONE && e->raw_len == 0);
    }
}

static void keep(got_list_t *out, const lwc_path_t *base,
                 const lwci_io_entry_t *e, const uint8_t *buf, size_t have,
                 size_t dropped)
{
    check_path(base, e);
    if (e->kind == LWCI_IO_RAW && e->raw_len) {
        CHECK(e->raw >= buf && e->raw_len <= have &&
              (size_t)(e->raw - buf) <= have - e->raw_len);
    }
    got_t *g = &out->e[out->n++];
    g->path = e->path;
    g->kind = e->kind;
    g->off = e->raw_len ? dropped + (size_t)(e->raw - buf) : 0;
    g->len = e->raw_len;
}

/* Decode p[0..size) given as p[0..cut) and then the rest. */
static int decode(const lwc_path_t *base, const uint8_t *p, size_t size,
                  size_t cut, got_list_t *out)
{
    lwci_io_decoder_t d = {.ops = &lwci_io_tlv_decoder};
    size_t start = 0, end = cut; /* the unconsumed input is p[start..end) */
    bool last = cut == size;

    CHECK(lwci_io_tlv_decoder.begin(&d, base) == LWC_OK);
    out->n = 0;
    /* Every entry consumes at least one byte; two more calls for the
     * chunk boundary and the end. */
    for (size_t turn = 0; turn < size + 3; turn++) {
        lwci_io_entry_t e;
        size_t used = SIZE_MAX, have = end - start;
        const uint8_t *buf = have ? p + start : NULL;
        int rc = d.ops->next(&d, buf, have, last, &e, &used);
        CHECK(used <= have);
        if (rc == LWC_OK) {
            if (out->n == MAX_ENTRIES) {
                return LWC_ERR_TOO_LARGE; /* the harness's limit */
            }
            keep(out, base, &e, buf, have, start);
            start += used;
        } else if (rc == LWC_ERR_WOULD_BLOCK) {
            CHECK(!last);
            start += used;
            end = size;
            last = true;
        } else {
            CHECK(rc == LWC_ERR_NOT_FOUND || rc == LWC_ERR_MALFORMED ||
                  rc == LWC_ERR_TOO_LARGE);
            return rc == LWC_ERR_NOT_FOUND ? LWC_OK : rc;
        }
    }
    CHECK(false); /* no progress */
    return LWC_ERR_INTERNAL;
}

static bool same_value(const lwc_value_t *a, const lwc_value_t *b)
{
    if (a->type != b->type) {
        return false;
    }
    switch (a->type) {
    case LWC_TYPE_STRING:
    case LWC_TYPE_OPAQUE:
    case LWC_TYPE_CORELNK:
        return a->bytes.len == b->bytes.len &&
               (a->bytes.len == 0 ||
                memcmp(a->bytes.data, b->bytes.data, a->bytes.len) == 0);
    case LWC_TYPE_FLOAT:
        return (a->f != a->f && b->f != b->f) ||
               memcmp(&a->f, &b->f, sizeof(a->f)) == 0;
    case LWC_TYPE_BOOL:
        return a->b == b->b;
    case LWC_TYPE_OBJLNK:
        return a->objlnk.oid == b->objlnk.oid && a->objlnk.iid == b->objlnk.iid;
    case LWC_TYPE_INT:
        return a->i == b->i;
    case LWC_TYPE_TIME:
        return a->t == b->t;
    default:
        return a->u == b->u;
    }
}

/* Every data type the RAW bytes decode as, written back and read again. */
static void check_values(const uint8_t *p, const got_t *g)
{
    lwci_io_entry_t e = {.path = g->path,
                         .kind = LWCI_IO_RAW,
                         .raw = g->len ? p + g->off : NULL,
                         .raw_len = g->len};
    for (uint8_t t = LWC_TYPE_STRING; t <= LWC_TYPE_CORELNK; t++) {
        lwc_value_t v, back;
        int rc = lwci_io_entry_value(&e, LWC_FORMAT_TLV, t, &v);
        CHECK(rc == LWC_OK || rc == LWC_ERR_MALFORMED);
        if (rc != LWC_OK) {
            continue;
        }
        CHECK(v.type == t);
        size_t cap = g->len + 16, pos = 0; /* a header is at most 6 bytes */
        uint8_t *out = malloc(cap);
        CHECK(out && lwci_tlv_write_value(out, cap, &pos, LWCI_TLV_RESOURCE, 0,
                                          &v) == LWC_OK);
        lwci_tlv_entry_t te;
        size_t used = 0;
        CHECK(lwci_tlv_read(out, pos, &te, &used) == LWC_OK && used == pos);
        CHECK(lwci_tlv_decode_value(te.value, te.len, t, &back) == LWC_OK);
        CHECK(same_value(&v, &back));
        free(out);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) {
        return 0;
    }
    got_list_t *lists = malloc(2 * sizeof(*lists));
    CHECK(lists);
    got_list_t *whole = &lists[0], *split = &lists[1];
    const lwc_path_t *base = &BASES[data[0] & 3];
    const uint8_t *p = data + 1;
    size_t n = size - 1;
    size_t cut = (size_t)(data[0] >> 2) % (n + 1);

    int rw = decode(base, p, n, n, whole);
    int rs = decode(base, p, n, cut, split);
    CHECK(rw == rs && whole->n == split->n);
    for (size_t i = 0; i < whole->n; i++) {
        const got_t *a = &whole->e[i], *b = &split->e[i];
        CHECK(lwc_path_equal(&a->path, &b->path) && a->kind == b->kind &&
              a->off == b->off && a->len == b->len);
        if (a->kind == LWCI_IO_RAW) {
            check_values(p, a);
        }
    }
    free(lists);
    return 0;
}
