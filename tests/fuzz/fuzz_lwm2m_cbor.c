/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * libFuzzer target for the LwM2M CBOR decoder (LwM2M 1.2 Core §7.4). For every
 * input:
 *   - decoding it whole and split in two chunks (at an offset taken from
 *     the first byte, the unconsumed tail carried over as io.h describes)
 *     gives the same entries and the same final code;
 *   - the entries with a value, written back through the encoder (walk
 *     from the root) and decoded again, come back the same.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lwc/errors.h>

#include "io/lwm2m_cbor.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            abort();                                                           \
        }                                                                      \
    } while (0)

#define MAX_ENTRIES 64

typedef struct {
    lwci_io_entry_t e[MAX_ENTRIES];
    size_t n;
    uint8_t *bytes; /* copies of string/opaque values */
    size_t used;
} entries_t;

static void keep(entries_t *out, const lwci_io_entry_t *e)
{
    lwci_io_entry_t *k = &out->e[out->n++];
    *k = *e;
    uint8_t t = e->value.type;
    if (e->kind == LWCI_IO_TYPED &&
        (t == LWC_TYPE_STRING || t == LWC_TYPE_OPAQUE) &&
        e->value.bytes.len > 0) {
        memcpy(out->bytes + out->used, e->value.bytes.data, e->value.bytes.len);
        k->value.bytes.data = out->bytes + out->used;
        out->used += e->value.bytes.len;
    }
}

/* Decode data fed as [0, cut) then the rest; buf has room for size. */
static int decode(const uint8_t *data, size_t size, size_t cut, uint8_t *buf,
                  entries_t *out)
{
    uint8_t room[48];
    lwci_io_decoder_t d;
    size_t have = cut;
    bool last = cut == size;

    memset(&d, 0, sizeof(d));
    d.ops = &lwci_io_lwm2m_cbor_decoder;
    d.scratch = room;
    d.scratch_cap = sizeof(room);
    CHECK(d.ops->begin(&d, &LWC_PATH_ROOT) == LWC_OK);
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
        int rc = d.ops->next(&d, have ? buf : NULL, have, last, &e, &used);
        CHECK(used <= have);
        if (rc == LWC_OK) {
            CHECK(lwc_path_is_valid(&e.path));
            CHECK(e.kind == LWCI_IO_NONE ||
                  (e.kind == LWCI_IO_TYPED && e.path.len >= 3));
            if (out->n == MAX_ENTRIES) {
                return LWC_ERR_TOO_LARGE; /* the harness's limit */
            }
            keep(out, &e);
        } else if (rc == LWC_ERR_WOULD_BLOCK) {
            CHECK(!last);
            if (size > cut) {
                memcpy(buf + have, data + cut, size - cut);
            }
            have += size - cut;
            last = true;
        } else {
            CHECK(rc == LWC_ERR_NOT_FOUND || rc == LWC_ERR_MALFORMED ||
                  rc == LWC_ERR_TOO_LARGE);
            return rc == LWC_ERR_NOT_FOUND ? LWC_OK : rc;
        }
        memmove(buf, buf + used, have - used);
        have -= used;
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
    case LWC_TYPE_NONE:
        return true;
    default:
        return a->u == b->u;
    }
}

static bool same_entry(const lwci_io_entry_t *a, const lwci_io_entry_t *b)
{
    return lwc_path_equal(&a->path, &b->path) && a->kind == b->kind &&
           same_value(&a->value, &b->value);
}

/* Encode the valued entries as values under the root, decode, compare. */
static void round_trip(const entries_t *in)
{
    static uint8_t out[8192];
    static uint8_t buf[8192];
    static uint8_t bytes[8192];
    lwci_io_encoder_t enc;
    lwci_io_sink_t s;
    entries_t back;
    size_t k = 0;

    /* The same path twice in a row would be written as the same key twice
     * in a row, which the decoder refuses: nothing to compare then. */
    const lwc_path_t *prev = NULL;
    for (size_t i = 0; i < in->n; i++) {
        if (in->e[i].kind != LWCI_IO_TYPED) {
            continue;
        }
        if (prev && lwc_path_equal(prev, &in->e[i].path)) {
            return;
        }
        prev = &in->e[i].path;
    }
    memset(&enc, 0, sizeof(enc));
    lwci_io_sink_init(&s, out, sizeof(out), 0);
    enc.ops = &lwci_io_lwm2m_cbor_encoder;
    enc.sink = &s;
    CHECK(enc.ops->begin(&enc, &LWC_PATH_ROOT) == LWC_OK);
    for (size_t i = 0; i < in->n; i++) {
        if (in->e[i].kind == LWCI_IO_TYPED) {
            CHECK(enc.ops->value(&enc, &in->e[i].path, &in->e[i].value) ==
                  LWC_OK);
        }
    }
    CHECK(enc.ops->end(&enc) == LWC_OK);
    if (s.total > sizeof(out)) {
        return;
    }
    back.bytes = bytes;
    CHECK(decode(out, s.total, s.total, buf, &back) == LWC_OK);
    for (size_t i = 0; i < in->n; i++) {
        if (in->e[i].kind != LWCI_IO_TYPED) {
            continue;
        }
        lwci_io_entry_t want = in->e[i];
        CHECK(k < back.n && same_entry(&want, &back.e[k]));
        k++;
    }
    CHECK(k == back.n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static entries_t whole, split;
    uint8_t *buf = malloc(size + 1);
    uint8_t *bw = malloc(size + 1);
    uint8_t *bs = malloc(size + 1);
    CHECK(buf && bw && bs);
    whole.bytes = bw;
    split.bytes = bs;

    size_t cut = size ? data[0] % (size + 1) : 0;
    int rw = decode(data, size, size, buf, &whole);
    int rs = decode(data, size, cut, buf, &split);
    CHECK(rw == rs);
    CHECK(whole.n == split.n);
    for (size_t i = 0; i < whole.n; i++) {
        CHECK(same_entry(&whole.e[i], &split.e[i]));
    }
    if (rw == LWC_OK) {
        round_trip(&whole);
    }
    free(buf);
    free(bw);
    free(bs);
    return 0;
}
