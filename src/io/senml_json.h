/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * SenML JSON content format (application/senml+json, 110): RFC 8428 as
 * LwM2M uses it (LwM2M 1.1 Core §7.4.4).
 *
 * A payload is an array of records. A record's name is the base name in
 * force ("bn", from this or an earlier record) joined with its "n"; in
 * LwM2M the result is an absolute path ("/3/0/1"). Values: "v" (numbers:
 * Integer, Unsigned Integer, Float, Time), "vs" (String, Corelnk), "vb"
 * (Boolean), "vd" (Opaque, base64url without padding, RFC 8428 §5) and
 * "vlo" (Objlnk "oid:iid", an LwM2M extension).
 *
 * Encoder: the first record carries "bn" = the request path with a
 * trailing '/', later records only relative names, as in the Core 1.1
 * example `[{"bn":"/3/0/","n":"0","vs":"Open Mobile Alliance"},...]`; a
 * single resource read gives `[{"bn":"/3/0/0","vs":...}]`; with the root
 * as base (composite reads) every record has an absolute "n".
 *
 * Decoder: one record per next() call; "bn" and "n" give the record's path
 * by the rule SenML CBOR shares (senml_name.h: concatenation, RFC 8428
 * §4.5.1; a path of IDs <= 65534 under the request path; a name without a
 * leading '/' absolute when that lies under the request path, "3/0/1",
 * else relative to it, "1" under /3/0; no name: the request path).
 * "bt", "t", "u", "bu", "ut" are
 * checked for type and ignored (entries carry no time); "bver" above 10 and
 * must-understand fields (ending in '_', RFC 8428 §4.4) are rejected, as are
 * "bv", "bs" and "s", which would change the values; other unknown fields are
 * skipped (nesting bounded). A record without a value is LWCI_IO_NONE
 * (composite requests name paths that way). A record with a value needs a
 * resource or resource-instance path. Known fields may not repeat, and a record
 * holds at most one value.
 */
#ifndef LWC_IO_SENML_JSON_H
#define LWC_IO_SENML_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include "io/io.h"
#include "io/json.h"
#include "io/senml_name.h"

extern const lwci_io_encoder_ops_t lwci_io_senml_json_encoder;
extern const lwci_io_decoder_ops_t lwci_io_senml_json_decoder;

/* ---- Shared with OMA LwM2M JSON (oma_json.c) -------------------------- */

/*
 * A base name as stored in lwci_io_dec_state_t.senml.base_name
 * (lwci_senml_bn_from_text() of the decoded string; senml_name.h).
 * LWC_ERR_MALFORMED for anything that is not empty or '/' followed by a
 * valid path, or a 4-ID path with a trailing '/'.
 */
int lwci_senml_bn_parse(const lwci_json_str_t *s, lwc_path_t *out);

/*
 * The path of a record: lwci_senml_name_resolve() of the decoded name
 * text (n may be NULL) against the request path `base`.
 * LWC_ERR_MALFORMED when it is no valid path or lies outside `base`.
 */
int lwci_senml_resolve(const lwc_path_t *bn, const lwci_json_str_t *n,
                       const lwc_path_t *base, lwc_path_t *out);

/* Quoted path text: IDs of p from index `from` joined by '/', with a
 * leading '/' when lead and a trailing one when trail ("/" alone for no
 * IDs with either). */
void lwci_senml_put_path(lwci_io_sink_t *s, const lwc_path_t *p, uint8_t from,
                         bool lead, bool trail);

/* Member names a format uses for each kind of value. */
typedef struct {
    const char *num; /* Integer, Unsigned, Float, Time */
    const char *str; /* String, Corelnk */
    const char *boolean;
    const char *opaque; /* base64 with opaque_b64 flags */
    const char *objlnk;
    unsigned opaque_b64;
} lwci_senml_keys_t;

/* LWC_OK when v can be written; LWC_ERR_UNSUPPORTED for NONE, unknown
 * types, NaN and infinities; LWC_ERR_INVALID_ARG for invalid UTF-8 in a
 * string or a NULL pointer with a length. */
int lwci_senml_check_value(const lwc_value_t *v);

/* `"key":value` for v (checked with lwci_senml_check_value() first). */
void lwci_senml_put_value(lwci_io_sink_t *s, const lwc_value_t *v,
                          const lwci_senml_keys_t *keys);

/* Encoder begin: keeps the request path and writes `open` ('[' for a
 * SenML pack, '{' for the OMA JSON object). LWC_ERR_INVALID_ARG for an
 * invalid base. */
int lwci_senml_enc_begin(lwci_io_encoder_t *e, const lwc_path_t *base,
                         char open);

/* Encoder open and close: containers leave no trace, every record names
 * its path. Always LWC_OK. */
int lwci_senml_enc_container(lwci_io_encoder_t *e, const lwc_path_t *container);

/*
 * Whether v may be written at path: lwci_senml_check_value()'s verdict,
 * then LWC_ERR_INVALID_ARG for an invalid or empty path, one outside the
 * base, or a second value when the first was at the base itself.
 * *deeper: path lies below the base.
 */
int lwci_senml_enc_check(const lwci_io_encoder_t *e, const lwc_path_t *path,
                         const lwc_value_t *v, bool *deeper);

/* The start of next(): LWC_ERR_INVALID_ARG for a NULL decoder, entry or
 * *consumed, or NULL input with a length; else a reader on buf[0..len)
 * and *consumed 0. */
int lwci_senml_dec_start(const lwci_io_decoder_t *d, const uint8_t *buf,
                         size_t len, bool last, const lwci_io_entry_t *out,
                         size_t *consumed, lwci_json_reader_t *r);

/* Decoder begin: the request path, no base name yet. */
int lwci_senml_dec_begin(lwci_io_decoder_t *d, const lwc_path_t *base);

#endif /* LWC_IO_SENML_JSON_H */
