/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * libFuzzer target for the SenML CBOR decoder (RFC 8428 §6, LwM2M 1.1 Core
 * §7.4). For every input:
 *   - decoding it whole and split in two chunks (at an offset taken from
 *     the first byte, the unconsumed tail carried over as io.h describes)
 *     gives the same entries and the same final code;
 *   - the entries with a value, written back through the encoder (walk
 *     from the root) and decoded again, come back the same
 *     (a time comes back as the plain number SenML carries).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lwc/errors.h>

#include "io/senml_cbor.h"
#include "support/io_harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const ioh_fuzz_binary_t format = {
        .enc = &lwci_io_senml_cbor_encoder,
        .dec = &lwci_io_senml_cbor_decoder,
        .time_as_int = true, /* SenML carries a plain number */
    };
    return ioh_fuzz_binary(&format, data, size);
}
