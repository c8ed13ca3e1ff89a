/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * libFuzzer target for the CBOR core (RFC 8949) and the plain CBOR content
 * format (60). For every input:
 *   - lwci_cbor_skip() either accepts a prefix or leaves the cursor put;
 *     every shorter prefix of an accepted item is "needs more input";
 *   - a value read by lwci_cbor_read_value() is written back with
 *     lwci_cbor_put_value() and reads back identical;
 *   - the format-60 decoder gives the same outcome whole and split in two
 *     chunks (the unconsumed tail carried over, as io.h describes).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lwc/errors.h>

#include "io/cbor.h"
#include "io/cbor_single.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            abort();                                                           \
        }                                                                      \
    } while (0)

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
        /* Every NaN is written as the one quiet NaN. */
        return (a->f != a->f && b->f != b->f) ||
               memcmp(&a->f, &b->f, sizeof(a->f)) == 0;
    case LWC_TYPE_BOOL:
        return a->b == b->b;
    case LWC_TYPE_NONE:
        return true;
    default:
        return a->u == b->u;
    }
}

static void check_skip(const uint8_t *data, size_t size)
{
    lwci_cbor_reader_t r;
    lwci_cbor_reader_init(&r, data, size);
    int rc = lwci_cbor_skip(&r);
    CHECK(rc == LWC_OK || rc == LWC_ERR_MALFORMED || rc == LWC_ERR_WOULD_BLOCK);
    CHECK(rc == LWC_OK ? r.pos > 0 && r.pos <= size : r.pos == 0);
    if (rc == LWC_OK && r.pos > 1) {
        size_t end = r.pos;
        lwci_cbor_reader_init(&r, data, end - 1);
        CHECK(lwci_cbor_skip(&r) == LWC_ERR_WOULD_BLOCK);
    }
}

static void check_value(const uint8_t *data, size_t size)
{
    uint8_t room[64], room2[64], out[128];
    lwci_cbor_scratch_t sc = {room, sizeof(room), 0};
    lwci_cbor_scratch_t sc2 = {room2, sizeof(room2), 0};
    lwci_cbor_reader_t r;
    lwc_value_t v, again;
    lwci_io_sink_t s;

    lwci_cbor_reader_init(&r, data, size);
    if (lwci_cbor_read_value(&r, &sc, &v) != LWC_OK) {
        CHECK(r.pos == 0 && sc.used == 0);
        return;
    }
    if (v.type == LWC_TYPE_NONE) {
        return;
    }
    lwci_io_sink_init(&s, out, sizeof(out), 0);
    CHECK(lwci_cbor_put_value(&s, &v) == LWC_OK);
    if (s.total > sizeof(out)) {
        return;
    }
    lwci_cbor_reader_init(&r, out, s.total);
    CHECK(lwci_cbor_read_value(&r, &sc2, &again) == LWC_OK);
    CHECK(r.pos == s.total);
    CHECK(same_value(&v, &again));
}

/*
 * The format-60 decoder over data fed as [0, cut) then the rest, the way a
 * Block1 receiver drives it: drop what was consumed, join the unconsumed
 * tail with the next chunk. buf has room for size bytes.
 */
static int decode_60(const uint8_t *data, size_t size, size_t cut, uint8_t *buf,
                     lwc_value_t *v, uint8_t *copy)
{
    uint8_t room[32];
    lwci_io_decoder_t d;
    size_t have = cut;
    bool last = cut == size;
    int entries = 0;

    memset(&d, 0, sizeof(d));
    d.ops = &lwci_io_cbor_single_decoder;
    d.scratch = room;
    d.scratch_cap = sizeof(room);
    CHECK(d.ops->begin(&d, &LWC_PATH(3, 0, 1)) == LWC_OK);
    if (cut > 0) {
        memcpy(buf, data, cut);
    }
    for (int turn = 0; turn < 4; turn++) {
        lwci_io_entry_t e;
        size_t used = SIZE_MAX;
        int rc = d.ops->next(&d, have ? buf : NULL, have, last, &e, &used);
        CHECK(used <= have);
        if (rc == LWC_OK) {
            CHECK(++entries == 1);
            CHECK(lwc_path_equal(&e.path, &LWC_PATH(3, 0, 1)));
            *v = e.value;
            if ((v->type == LWC_TYPE_STRING || v->type == LWC_TYPE_OPAQUE) &&
                v->bytes.len > 0) {
                CHECK(v->bytes.len <= size);
                memcpy(copy, v->bytes.data, v->bytes.len);
                v->bytes.data = copy;
            }
        } else if (rc == LWC_ERR_WOULD_BLOCK) {
            CHECK(!last);
            if (size > cut) {
                memcpy(buf + have, data + cut, size - cut);
            }
            have += size - cut;
            last = true;
        } else {
            CHECK(rc != LWC_ERR_NOT_FOUND || entries == 1);
            return rc == LWC_ERR_NOT_FOUND ? LWC_OK : rc;
        }
        memmove(buf, buf + used, have - used);
        have -= used;
    }
    CHECK(false); /* no progress */
    return LWC_ERR_INTERNAL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lwc_value_t whole, split;
    uint8_t *a = malloc(size + 1);
    uint8_t *b = malloc(size + 1);
    uint8_t *buf = malloc(size + 1);
    CHECK(a && b && buf);

    check_skip(data, size);
    check_value(data, size);

    size_t cut = size ? data[0] % (size + 1) : 0;
    int rw = decode_60(data, size, size, buf, &whole, a);
    int rs = decode_60(data, size, cut, buf, &split, b);
    CHECK(rw == LWC_OK || rw == LWC_ERR_MALFORMED || rw == LWC_ERR_TOO_LARGE);
    CHECK(rw == rs);
    CHECK(rw != LWC_OK || same_value(&whole, &split));
    free(a);
    free(b);
    free(buf);
    return 0;
}
