/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Base64 (RFC 4648 §4) and base64url (RFC 4648 §5), with or without '='
 * padding, for the JSON content formats: SenML JSON carries opaque values
 * in "vd" as base64url without padding (RFC 8428 §5); OMA LwM2M JSON
 * carries them in "sv" as standard base64 with padding (LwM2M 1.0 §6.4.4).
 *
 * Pure functions: no allocation, no state; never block.
 */
#ifndef LWC_IO_BASE64_H
#define LWC_IO_BASE64_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Flags. 0 is the standard alphabet with padding. */
#define LWCI_B64_URL   0x1u /* '-' and '_' instead of '+' and '/' */
#define LWCI_B64_NOPAD 0x2u /* encode without '='; decode rejects '=' */
/* Decode only: accept either alphabet, and input with or without correct
 * padding (what interoperable JSON readers do). */
#define LWCI_B64_ANY 0x4u

/* Characters lwci_b64_encode() writes for n bytes. */
size_t lwci_b64_encoded_len(size_t n, unsigned flags);

/* Upper bound of the bytes lwci_b64_decode() produces from n characters. */
size_t lwci_b64_decoded_max(size_t n);

/*
 * Encode one group of 1..3 bytes into out[0..4): returns the characters
 * written (4 with padding, 2..4 without). Streaming encoders call it per
 * group; every group but the last must hold 3 bytes.
 */
size_t lwci_b64_encode_group(const uint8_t *in, size_t n, char out[4],
                             unsigned flags);

/*
 * Encode in[0..n) into out[0..cap) (no NUL); *out_len gets the length.
 * LWC_ERR_NO_SPACE when it does not fit; LWC_ERR_INVALID_ARG for NULL
 * pointers.
 */
int lwci_b64_encode(const void *in, size_t n, char *out, size_t cap,
                    unsigned flags, size_t *out_len);

/*
 * Decode in[0..n) into out[0..cap); *out_len gets the byte count. out may
 * be the same memory as in (decoding in place never overtakes the input).
 * Strict: no whitespace, no characters outside the alphabet, '=' only as
 * final padding, no non-zero bits in a partial final group (RFC 4648
 * §3.5), a length of 1 mod 4 is invalid.
 * LWC_ERR_MALFORMED for invalid input; LWC_ERR_TOO_LARGE when the result
 * does not fit in cap; LWC_ERR_INVALID_ARG for NULL pointers.
 */
int lwci_b64_decode(const char *in, size_t n, uint8_t *out, size_t cap,
                    unsigned flags, size_t *out_len);

#endif /* LWC_IO_BASE64_H */
