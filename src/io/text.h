/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Plain text content format (text/plain, 0): LwM2M TS Core 1.1 §7.4.1.
 * Integers in decimal, floats in decimal (optionally with an exponent),
 * booleans "0"/"1", object links "oid:iid", time as an integer of seconds,
 * strings as UTF-8. Opaque values have no text form (LWC_ERR_UNSUPPORTED).
 *
 * Pure functions: no allocation, no state, no libm, no printf/strtod;
 * never block.
 */
#ifndef LWC_IO_TEXT_H
#define LWC_IO_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lwc/dm.h>

#include "io/io.h"

/* Longest text of a number: "-9223372036854775808", "18446744073709551615"
 * or a float such as "-1.2345678901234567e-308". */
#define LWCI_TEXT_NUMBER_MAX 26

/*
 * Write the text form of v into buf[0..cap) without a NUL; *len gets the
 * length. LWC_ERR_NO_SPACE when it does not fit; LWC_ERR_UNSUPPORTED for
 * opaque and none; LWC_ERR_INVALID_ARG for a NULL pointer or unknown type.
 */
int lwci_text_encode(const lwc_value_t *v, char *buf, size_t cap, size_t *len);

/*
 * Decode s[0..len) as a value of `type` into *out. Strings and core links
 * point into s. LWC_ERR_MALFORMED for text that is not a value of that
 * type or is out of its range; LWC_ERR_UNSUPPORTED for opaque and none.
 */
int lwci_text_decode(const char *s, size_t len, uint8_t type, lwc_value_t *out);

/* Number codecs used above (and by other formats). The format functions
 * write no NUL and return the length, 0 when cap is too small. */
size_t lwci_text_format_int(int64_t v, char *buf, size_t cap);
size_t lwci_text_format_uint(uint64_t v, char *buf, size_t cap);
/* Shortest decimal that reads back to the same double for ordinary values
 * (at most 17 significant digits); NaN as "NaN", infinities as
 * "Infinity" / "-Infinity". */
size_t lwci_text_format_float(double v, char *buf, size_t cap);

/* A numeric value (INT, TIME, UINT or FLOAT) in decimal text, as the
 * three functions above write it: its length, or 0 for another type. */
size_t lwci_text_format_number(const lwc_value_t *v, char *buf, size_t cap);
/* Optional sign then digits only; exact range checks. */
int lwci_text_parse_int(const char *s, size_t len, int64_t *out);
/* Optional '+' then digits only; exact range checks. */
int lwci_text_parse_uint(const char *s, size_t len, uint64_t *out);
/* [+-]digits[.digits][(e|E)[+-]digits] or [+-](.digits), "NaN",
 * "Infinity", "inf"; a finite text that overflows is LWC_ERR_MALFORMED. */
int lwci_text_parse_float(const char *s, size_t len, double *out);

/* mant * 10^exp10 as a double, exact (one rounding) when mant < 2^53 and
 * |exp10| <= 22, a few roundings otherwise. */
double lwci_text_scale10(uint64_t mant, int exp10);

/*
 * text/plain (0) and application/octet-stream (42) on the io.h contract
 * (plain.c). Both carry exactly one value: the encoders answer
 * LWC_ERR_UNSUPPORTED for a container, a second value, or a value the
 * format cannot carry (opaque in text, anything but opaque in octets), which
 * a Read answers 4.06. The decoders yield the whole payload as one RAW entry
 * at the base path; they need it whole (LWC_ERR_WOULD_BLOCK until `last`).
 */
extern const lwci_io_encoder_ops_t lwci_io_text_encoder;
extern const lwci_io_decoder_ops_t lwci_io_text_decoder;
extern const lwci_io_encoder_ops_t lwci_io_opaque_encoder;
extern const lwci_io_decoder_ops_t lwci_io_opaque_decoder;

#endif /* LWC_IO_TEXT_H */
