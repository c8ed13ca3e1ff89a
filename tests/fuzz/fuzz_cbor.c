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
#include "support/io_harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_skip(const uint8_t *data, size_t size)
{
    lwci_cbor_reader_t r;
    lwci_cbor_reader_init(&r, data, size);
    int rc = lwci_cbor_skip(&r);
    IOH_CHECK(rc == LWC_OK || rc == LWC_ERR_MALFORMED ||
              rc == LWC_ERR_WOULD_BLOCK);
    IOH_CHECK(rc == LWC_OK ? r.pos > 0 && r.pos <= size : r.pos == 0);
    if (rc == LWC_OK && r.pos > 1) {
        size_t end = r.pos;
        lwci_cbor_reader_init(&r, data, end - 1);
        IOH_CHECK(lwci_cbor_skip(&r) == LWC_ERR_WOULD_BLOCK);
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
        IOH_CHECK(r.pos == 0 && sc.used == 0);
        return;
    }
    if (v.type == LWC_TYPE_NONE) {
        return;
    }
    lwci_io_sink_init(&s, out, sizeof(out), 0);
    IOH_CHECK(lwci_cbor_put_value(&s, &v) == LWC_OK);
    if (s.total > sizeof(out)) {
        return;
    }
    lwci_cbor_reader_init(&r, out, s.total);
    IOH_CHECK(lwci_cbor_read_value(&r, &sc2, &again) == LWC_OK);
    IOH_CHECK(r.pos == s.total);
    IOH_CHECK(ioh_same_exact_value(&v, &again));
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
    IOH_CHECK(d.ops->begin(&d, &LWC_PATH(3, 0, 1)) == LWC_OK);
    if (cut > 0) {
        memcpy(buf, data, cut);
    }
    for (int turn = 0; turn < 4; turn++) {
        lwci_io_entry_t e;
        size_t used = SIZE_MAX;
        int rc = d.ops->next(&d, have ? buf : NULL, have, last, &e, &used);
        IOH_CHECK(used <= have);
        if (rc == LWC_OK) {
            IOH_CHECK(++entries == 1);
            IOH_CHECK(lwc_path_equal(&e.path, &LWC_PATH(3, 0, 1)));
            *v = e.value;
            if ((v->type == LWC_TYPE_STRING || v->type == LWC_TYPE_OPAQUE) &&
                v->bytes.len > 0) {
                IOH_CHECK(v->bytes.len <= size);
                memcpy(copy, v->bytes.data, v->bytes.len);
                v->bytes.data = copy;
            }
        } else if (rc == LWC_ERR_WOULD_BLOCK) {
            IOH_CHECK(!last);
            if (size > cut) {
                memcpy(buf + have, data + cut, size - cut);
            }
            have += size - cut;
            last = true;
        } else {
            IOH_CHECK(rc != LWC_ERR_NOT_FOUND || entries == 1);
            return rc == LWC_ERR_NOT_FOUND ? LWC_OK : rc;
        }
        memmove(buf, buf + used, have - used);
        have -= used;
    }
    IOH_CHECK(false); /* no progress */
    return LWC_ERR_INTERNAL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lwc_value_t whole, split;
    uint8_t *a = malloc(size + 1);
    uint8_t *b = malloc(size + 1);
    uint8_t *buf = malloc(size + 1);
    IOH_CHECK(a && b && buf);

    check_skip(data, size);
    check_value(data, size);

    size_t cut = size ? data[0] % (size + 1) : 0;
    int rw = decode_60(data, size, size, buf, &whole, a);
    int rs = decode_60(data, size, cut, buf, &split, b);
    IOH_CHECK(rw == LWC_OK || rw == LWC_ERR_MALFORMED ||
              rw == LWC_ERR_TOO_LARGE);
    IOH_CHECK(rw == rs);
    IOH_CHECK(rw != LWC_OK || ioh_same_exact_value(&whole, &split));
    free(a);
    free(b);
    free(buf);
    return 0;
}
