/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * OMA TLV content format (application/vnd.oma.lwm2m+tlv, 11542):
 * LwM2M TS Core 1.1 §7.4.3 (1.0 §6.4.3).
 *
 * One entry is a type byte, an 8- or 16-bit identifier, an optional 8/16/24
 * bit length and the value. The type byte:
 *   bits 7-6  identifier type (lwci_tlv_type_t)
 *   bit  5    0: 8-bit identifier, 1: 16-bit identifier
 *   bits 4-3  0: length in bits 2-0; 1/2/3: 8/16/24-bit length field follows
 *   bits 2-0  the value length when bits 4-3 are 0
 * Object instance and multiple resource entries hold nested entries; the
 * caller reads those by calling lwci_tlv_read() again on entry.value.
 *
 * Everything here is pure: no allocation, no state, never blocks.
 */
#ifndef LWC_IO_TLV_H
#define LWC_IO_TLV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lwc/dm.h>
#include <lwc/errors.h>

#include "io/io.h"

/* Identifier types (bits 7-6 of the type byte). */
typedef enum {
    LWCI_TLV_OBJECT_INSTANCE = 0,
    LWCI_TLV_RESOURCE_INSTANCE = 1,
    LWCI_TLV_MULTIPLE_RESOURCE = 2,
    LWCI_TLV_RESOURCE = 3, /* resource with value */
} lwci_tlv_type_t;

/* One decoded entry; value points into the input buffer. */
typedef struct {
    uint8_t type; /* lwci_tlv_type_t */
    uint16_t id;
    const uint8_t *value;
    size_t len;
} lwci_tlv_entry_t;

/* Largest header: type byte, 16-bit identifier, 24-bit length. */
#define LWCI_TLV_MAX_HEADER 6
/* Largest value length the 24-bit length field can express. */
#define LWCI_TLV_MAX_LEN 0xFFFFFFu

/*
 * Read one entry from buf[0..len). On LWC_OK fills *out and sets *consumed to
 * the entry's total size (header + value, always > 0). LWC_ERR_MALFORMED when
 * the header or the value does not fit in len, or when len is 0.
 * LWC_ERR_INVALID_ARG when a pointer is NULL.
 */
int lwci_tlv_read(const uint8_t *buf, size_t len, lwci_tlv_entry_t *out,
                  size_t *consumed);

/* ---- Value decoders (§7.4.3 data types). LWC_ERR_MALFORMED on a length
 * the type does not allow. ---- */

/* Signed integer, two's complement big-endian in 1, 2, 4 or 8 bytes. */
int lwci_tlv_decode_int(const uint8_t *v, size_t len, int64_t *out);
/* Unsigned integer in 1, 2, 4 or 8 bytes (LwM2M 1.1 "Unsigned Integer"). */
int lwci_tlv_decode_uint(const uint8_t *v, size_t len, uint64_t *out);
/* IEEE-754 binary32 or binary64, big-endian, converted to double. */
int lwci_tlv_decode_float(const uint8_t *v, size_t len, double *out);
/* One byte, 0 or 1. */
int lwci_tlv_decode_bool(const uint8_t *v, size_t len, bool *out);
/* Object link: 16-bit object ID then 16-bit instance ID (4 bytes). */
int lwci_tlv_decode_objlnk(const uint8_t *v, size_t len, uint16_t *oid,
                           uint16_t *iid);
/* Time: a signed integer of seconds since the Unix epoch. */
int lwci_tlv_decode_time(const uint8_t *v, size_t len, int64_t *out);

/* ---- Encoder ----
 * Every writer appends to buf[*pos..cap) and advances *pos; on
 * LWC_ERR_NO_SPACE nothing past the old *pos is meaningful and *pos is left
 * unchanged. Identifiers use the 8-bit form when < 256, lengths the inline
 * form when < 8, else the shortest length field.
 */

/* Header for an entry of `type` and `id` whose value is `value_len` bytes.
 * LWC_ERR_INVALID_ARG when value_len > LWCI_TLV_MAX_LEN or type > 3. */
int lwci_tlv_write_header(uint8_t *buf, size_t cap, size_t *pos, uint8_t type,
                          uint16_t id, size_t value_len);
/* Header plus raw value bytes (opaque, string). */
int lwci_tlv_write_bytes(uint8_t *buf, size_t cap, size_t *pos, uint8_t type,
                         uint16_t id, const void *value, size_t value_len);
/* Signed integer in the shortest of 1/2/4/8 bytes. */
int lwci_tlv_write_int(uint8_t *buf, size_t cap, size_t *pos, uint8_t type,
                       uint16_t id, int64_t v);
/* Unsigned integer in the shortest of 1/2/4/8 bytes. */
int lwci_tlv_write_uint(uint8_t *buf, size_t cap, size_t *pos, uint8_t type,
                        uint16_t id, uint64_t v);
/* binary32 when the value converts exactly, else binary64. */
int lwci_tlv_write_float(uint8_t *buf, size_t cap, size_t *pos, uint8_t type,
                         uint16_t id, double v);
int lwci_tlv_write_bool(uint8_t *buf, size_t cap, size_t *pos, uint8_t type,
                        uint16_t id, bool v);
int lwci_tlv_write_objlnk(uint8_t *buf, size_t cap, size_t *pos, uint8_t type,
                          uint16_t id, uint16_t oid, uint16_t iid);

/* An entry holding value v encoded as its v->type (string, opaque and
 * core link as raw bytes, time as a signed integer). LWC_ERR_INVALID_ARG
 * for LWC_TYPE_NONE or an unknown type. */
int lwci_tlv_write_value(uint8_t *buf, size_t cap, size_t *pos, uint8_t type,
                         uint16_t id, const lwc_value_t *v);

/* Decode an entry's value bytes as data type `data_type` into *out; string,
 * opaque and core link point into v. LWC_ERR_MALFORMED when the length or
 * the bytes do not fit the type; LWC_ERR_INVALID_ARG for LWC_TYPE_NONE. */
int lwci_tlv_decode_value(const uint8_t *v, size_t len, uint8_t data_type,
                          lwc_value_t *out);

/* Size of the header lwci_tlv_write_header() would write. */
size_t lwci_tlv_header_size(uint16_t id, size_t value_len);

/* ---- The io.h contract (tlv_codec.c) ----
 *
 * Encoder: an object read gives one "object instance" entry per instance;
 * a read of an instance gives its resources without a wrapper (as the
 * specification's examples do); a multiple resource is a "multiple
 * resource" entry of "resource instance" entries. Container lengths come
 * from the measure hook, so the output is written strictly forward.
 *
 * Decoder: yields one RAW entry per resource or resource instance, and a
 * NONE entry for an empty object instance or multiple resource entry. It
 * keeps only the open containers' remaining lengths between calls, so a
 * payload may arrive in chunks (a value must be whole in one call). At the
 * top level it accepts "object instance" entries (any number under an
 * object base, one under an instance base) or bare resource entries, never
 * both, and never nested instances. A bare resource under an object base
 * (Create without an instance entry) gets LWCI_TLV_NO_IID as its instance ID:
 * the caller substitutes the instance it picks. IDs must be at most LWC_ID_MAX.
 */
#define LWCI_TLV_NO_IID LWC_ID_NONE

extern const lwci_io_encoder_ops_t lwci_io_tlv_encoder;
extern const lwci_io_decoder_ops_t lwci_io_tlv_decoder;

#endif /* LWC_IO_TLV_H */
