/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * libFuzzer target for the text/plain decoder (LwM2M 1.1 Core §7.4.1,
 * content format 0) and the text value parser behind it. For every input:
 *   - before the last chunk the decoder asks for more (WOULD_BLOCK) and
 *     consumes nothing; with the whole payload it yields exactly one RAW
 *     entry at the request path holding all of it, then ends (NOT_FOUND),
 *     and answers MALFORMED to bytes after that value;
 *   - for every data type, the payload either is rejected (MALFORMED) or
 *     parses to a value of that type which the text/plain encoder writes
 *     and the parser reads back as the same value (floats by value).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lwc/dm.h>
#include <lwc/errors.h>

#include "io/io.h"
#include "io/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                               \
    do {                                                                       \
        if (!(c)) {                                                            \
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
    case LWC_TYPE_CORELNK:
        return a->bytes.len == b->bytes.len &&
               (a->bytes.len == 0 ||
                memcmp(a->bytes.data, b->bytes.data, a->bytes.len) == 0);
    case LWC_TYPE_FLOAT:
        /* By value: "-0" reads as -0.0 and is written "0" (Core §7.4.1
         * text numbers carry no negative zero worth keeping). */
        return (a->f != a->f && b->f != b->f) || a->f == b->f;
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

/* The decoder's contract for a single-value format (text.h). */
static void check_decoder(const lwc_path_t *base, const uint8_t *p, size_t n,
                          lwci_io_entry_t *e)
{
    lwci_io_decoder_t d = {.ops = &lwci_io_text_decoder};
    size_t used = SIZE_MAX;

    CHECK(d.ops->begin(&d, base) == LWC_OK);
    CHECK(d.ops->next(&d, n ? p : NULL, n, false, e, &used) ==
              LWC_ERR_WOULD_BLOCK &&
          used == 0);
    CHECK(d.ops->next(&d, n ? p : NULL, n, true, e, &used) == LWC_OK);
    CHECK(used == n && e->kind == LWCI_IO_RAW && e->raw_len == n &&
          (n == 0 || e->raw == p) && lwc_path_equal(&e->path, base));
    CHECK(d.ops->next(&d, NULL, 0, true, e + 1, &used) == LWC_ERR_NOT_FOUND);
    if (n) {
        CHECK(d.ops->next(&d, p, n, true, e + 1, &used) == LWC_ERR_MALFORMED);
    }
}

/* v written by the text/plain encoder (through a sink) and parsed back. */
static void check_round_trip(const lwc_path_t *base, const lwc_value_t *v,
                             uint8_t type)
{
    size_t cap = (v->type == LWC_TYPE_STRING || v->type == LWC_TYPE_CORELNK)
                     ? v->bytes.len + 1
                     : LWCI_TEXT_NUMBER_MAX + 1;
    uint8_t *out = malloc(cap);
    lwci_io_sink_t sink;
    lwci_io_encoder_t enc = {.ops = &lwci_io_text_encoder, .sink = &sink};
    lwc_value_t back;

    CHECK(out);
    lwci_io_sink_init(&sink, out, cap, 0);
    CHECK(enc.ops->begin(&enc, base) == LWC_OK);
    CHECK(enc.ops->value(&enc, base, v) == LWC_OK);
    CHECK(enc.ops->end(&enc) == LWC_OK);
    CHECK(sink.total <= cap);
    CHECK(lwci_text_decode((const char *)out, sink.total, type, &back) ==
          LWC_OK);
    CHECK(same_value(v, &back));
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const lwc_path_t base = {.ids = {3, 0, 13}, .len = 3};
    lwci_io_entry_t e[2];

    check_decoder(&base, data, size, e);
    for (uint8_t t = LWC_TYPE_STRING; t <= LWC_TYPE_CORELNK; t++) {
        lwc_value_t v;
        int rc = lwci_io_entry_value(&e[0], LWC_FORMAT_TEXT, t, &v);
        CHECK(rc == LWC_OK || rc == LWC_ERR_MALFORMED);
        if (rc != LWC_OK) {
            continue;
        }
        CHECK(v.type == t && t != LWC_TYPE_OPAQUE);
        check_round_trip(&base, &v, t);
    }
    return 0;
}
