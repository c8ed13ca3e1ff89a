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

#include <lwc/errors.h>

#include "io/json.h"
#include "io/oma_json.h"
#include "support/io_harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Entries are resource values; the base64 view of "sv" strings stays
 * within the scratch. */
static void check_entry(const lwci_io_entry_t *e, const uint8_t *scratch,
                        size_t scratch_cap)
{
    IOH_CHECK(e->kind == LWCI_IO_TYPED && e->path.len >= 3);
    IOH_CHECK(!e->raw || (e->value.type == LWC_TYPE_STRING &&
                          e->raw_len <= e->value.bytes.len));
    IOH_CHECK(!e->raw_len || (e->raw >= scratch &&
                              e->raw + e->raw_len <= scratch + scratch_cap));
}

static bool well_formed(const uint8_t *text, size_t len)
{
    return lwci_json_validate(text, len, 3) == LWC_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const ioh_fuzz_text_t format = {
        .enc = &lwci_io_oma_json_encoder,
        .dec = &lwci_io_oma_json_decoder,
        .check_entry = check_entry,
        .well_formed = well_formed,
    };
    return ioh_fuzz_text(&format, data, size);
}
