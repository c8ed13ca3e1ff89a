/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * OMA LwM2M JSON content format (application/vnd.oma.lwm2m+json, 11543):
 * LwM2M 1.0 §6.4.4, kept in 1.1 Core §7.4.5 for compatibility.
 *
 *   {"bn":"/3/0/","e":[{"n":"0","sv":"Open Mobile Alliance"},
 *                      {"n":"6/0","v":1},...]}
 *
 * Values: "v" (Integer, Unsigned, Float, Time), "sv" (String, Corelnk and
 * Opaque as standard base64 with padding), "bv" (Boolean), "ov" (Objlnk
 * "oid:iid"). Names: as SenML JSON (senml_json.h): "bn" + "n".
 *
 * Encoder: "bn" is the request path, with a trailing '/' unless the
 * payload is the single value at that path ({"bn":"/3/0/0","e":[{"sv":
 * ...}]}); entries carry names relative to it.
 *
 * Decoder: one entry per next() call. The root object may hold "bn" and
 * "bt" before "e" and "bt" after it; "bn" must come before "e" (needed to
 * stream the entries; every known encoder writes it first), anything else
 * at the root is rejected, and "e" is required. Entry members: "n", one of
 * "v"/"sv"/"bv"/"ov" (required), "t" (checked and ignored); unknown or
 * repeated members are rejected.
 *
 * An "sv" entry is LWCI_IO_TYPED with an LWC_TYPE_STRING value. Because
 * the same text may be an Opaque value in base64, the decoder also
 * base64-decodes it when possible: then entry.raw / raw_len hold the
 * bytes (in the decoder's scratch, or raw points at the empty string for
 * ""). raw is NULL (raw_len 0) when the text is not valid base64 or its
 * decoding does not fit in the scratch next to the string. For an Opaque
 * resource, lwci_io_entry_value() must take the bytes from raw (and
 * answer 4.00 when raw is NULL).
 */
#ifndef LWC_IO_OMA_JSON_H
#define LWC_IO_OMA_JSON_H

#include "io/io.h"

extern const lwci_io_encoder_ops_t lwci_io_oma_json_encoder;
extern const lwci_io_decoder_ops_t lwci_io_oma_json_decoder;

#endif /* LWC_IO_OMA_JSON_H */
