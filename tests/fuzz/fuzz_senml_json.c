/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * libFuzzer target for the SenML JSON decoder (RFC 8428, LwM2M 1.1 Core
 * §7.4.4). For every input (the first byte picks a split point and a
 * request path, the rest is the payload):
 *   - decoding it whole and in two chunks (the unconsumed tail carried
 *     over as io.h describes) gives the same entries and final code;
 *   - a clean payload whose entries all carry values, written back through
 *     the encoder (walk from the root) and decoded again, gives the same
 *     values (numbers compared by value: SenML numbers are untyped).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lwc/errors.h>

#include "io/json.h"
#include "io/senml_json.h"
#include "support/io_harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool well_formed(const uint8_t *text, size_t len)
{
    return lwci_json_validate(text, len, 3) == LWC_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const ioh_fuzz_text_t format = {
        .enc = &lwci_io_senml_json_encoder,
        .dec = &lwci_io_senml_json_decoder,
        .well_formed = well_formed,
    };
    return ioh_fuzz_text(&format, data, size);
}
