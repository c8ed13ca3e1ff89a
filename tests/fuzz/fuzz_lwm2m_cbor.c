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

#include <lwc/errors.h>

#include "io/lwm2m_cbor.h"
#include "support/io_harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The same path twice in a row would be written as the same key twice
 * in a row, which the decoder refuses: nothing to compare then. */
static bool can_round_trip(const ioh_fuzz_list_t *in)
{
    const lwc_path_t *prev = NULL;
    for (size_t i = 0; i < in->n; i++) {
        if (in->e[i].kind != LWCI_IO_TYPED) {
            continue;
        }
        if (prev && lwc_path_equal(prev, &in->e[i].path)) {
            return false;
        }
        prev = &in->e[i].path;
    }
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const ioh_fuzz_binary_t format = {
        .enc = &lwci_io_lwm2m_cbor_encoder,
        .dec = &lwci_io_lwm2m_cbor_decoder,
        .can_round_trip = can_round_trip,
    };
    return ioh_fuzz_binary(&format, data, size);
}
