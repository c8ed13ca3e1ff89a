/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Low-level CBOR (RFC 8949) reader and writer shared by the CBOR content
 * formats: SenML CBOR (112), LwM2M CBOR (11544) and plain CBOR (60).
 *
 * Reader: a bounded cursor over a contiguous buffer. Every length is checked
 * before use; input that ends inside an item gives LWC_ERR_WOULD_BLOCK with
 * the cursor left where the item started, so a caller holding a Block1
 * chunk can wait for more bytes. What is accepted:
 *   - all integer widths (1/2/4/8-byte arguments; non-shortest forms too),
 *   - half, single and double floats (half decoded without libm),
 *   - definite and indefinite byte and text strings (the chunks of an
 *     indefinite string are joined in a caller-provided scratch buffer),
 *   - definite and indefinite arrays and maps, nested at most
 *     LWCI_CBOR_MAX_DEPTH deep,
 *   - tags: 1 (epoch time) and 4 (decimal fraction) on values; 55799
 *     (self-described CBOR) is skipped by the format decoders at the start
 *     of a payload; any other tag on a value is LWC_ERR_MALFORMED.
 * Text strings are validated as strict UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF); each chunk of an indefinite text
 * string must be valid on its own (RFC 8949 §3.2.3).
 *
 * Writer: appends to a windowed sink (io.h), shortest argument encoding
 * (RFC 8949 §4.2.1). Floats use the shortest of half, single and double
 * that represents the value exactly (RFC 8949 §4.2.2 preferred
 * serialization); NaN is written as the half 0x7e00.
 *
 * No heap, no libm, no printf; never blocks.
 */
#ifndef LWC_IO_CBOR_H
#define LWC_IO_CBOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lwc/dm.h>

#include "io/io.h"

/* Deepest array/map nesting the reader follows (lwci_cbor_skip()). */
#define LWCI_CBOR_MAX_DEPTH 8

/* Major types (RFC 8949 §3.1). */
#define LWCI_CBOR_MAJOR_UINT   0u
#define LWCI_CBOR_MAJOR_NEGINT 1u
#define LWCI_CBOR_MAJOR_BYTES  2u
#define LWCI_CBOR_MAJOR_TEXT   3u
#define LWCI_CBOR_MAJOR_ARRAY  4u
#define LWCI_CBOR_MAJOR_MAP    5u
#define LWCI_CBOR_MAJOR_TAG    6u
#define LWCI_CBOR_MAJOR_SIMPLE 7u

/* Tags understood on values (RFC 8949 §3.4). */
#define LWCI_CBOR_TAG_EPOCH_TIME 1u
#define LWCI_CBOR_TAG_DECIMAL    4u
#define LWCI_CBOR_TAG_SELF_DESCR 55799u

/* What one head (initial byte and argument) announces. */
typedef enum {
    LWCI_CBOR_T_UINT = 0,   /* arg is the value */
    LWCI_CBOR_T_NEGINT = 1, /* the value is -1 - arg */
    LWCI_CBOR_T_BYTES = 2,  /* definite: arg bytes at data */
    LWCI_CBOR_T_TEXT = 3,   /* definite: arg bytes of UTF-8 at data */
    LWCI_CBOR_T_ARRAY = 4,  /* definite: arg items */
    LWCI_CBOR_T_MAP = 5,    /* definite: arg pairs */
    LWCI_CBOR_T_TAG = 6,    /* arg is the tag number; the item follows */
    LWCI_CBOR_T_FALSE = 7,
    LWCI_CBOR_T_TRUE = 8,
    LWCI_CBOR_T_NULL = 9,
    LWCI_CBOR_T_UNDEFINED = 10,
    LWCI_CBOR_T_SIMPLE = 11, /* other simple value, arg is its number */
    LWCI_CBOR_T_FLOAT = 12,  /* f; arg is the encoded width: 2, 4 or 8 */
    LWCI_CBOR_T_BREAK = 13,  /* the 0xff stop code */
} lwci_cbor_type_t;

typedef struct {
    uint8_t type;    /* lwci_cbor_type_t */
    bool indefinite; /* BYTES, TEXT, ARRAY, MAP of indefinite length */
    uint64_t arg;
    double f;
    const uint8_t *data; /* definite BYTES/TEXT content, in the input */
} lwci_cbor_item_t;

/* A read cursor: buf[pos..len) is unread. */
typedef struct {
    const uint8_t *buf;
    size_t len;
    size_t pos;
} lwci_cbor_reader_t;

/* Room where the chunks of indefinite-length strings are joined; `used`
 * bytes are taken. buf may be NULL with cap 0. */
typedef struct {
    uint8_t *buf;
    size_t cap;
    size_t used;
} lwci_cbor_scratch_t;

void lwci_cbor_reader_init(lwci_cbor_reader_t *r, const uint8_t *buf,
                           size_t len);

/*
 * Read one head; for a definite string its content too. On LWC_OK the
 * cursor moves past it. LWC_ERR_WOULD_BLOCK when the input ends inside it;
 * LWC_ERR_MALFORMED for reserved additional information (28-30), an
 * indefinite length on major types 0, 1 or 6, a two-byte simple value
 * below 32 (RFC 8949 §3.3) or invalid UTF-8 in a text string. The cursor
 * does not move on failure.
 */
int lwci_cbor_read(lwci_cbor_reader_t *r, lwci_cbor_item_t *it);

/* lwci_cbor_read() without moving the cursor. */
int lwci_cbor_peek(const lwci_cbor_reader_t *r, lwci_cbor_item_t *it);

/*
 * After `head` (a BYTES or TEXT head just read), the whole string: a
 * definite one points into the input, the chunks of an indefinite one are
 * appended to `sc` and *data points there. LWC_ERR_TOO_LARGE when they do
 * not fit; LWC_ERR_MALFORMED for a chunk that is not a definite string of
 * the same major type; LWC_ERR_WOULD_BLOCK when the input ends first.
 * On failure the cursor and sc->used are restored.
 */
int lwci_cbor_read_string(lwci_cbor_reader_t *r, const lwci_cbor_item_t *head,
                          lwci_cbor_scratch_t *sc, const uint8_t **data,
                          size_t *len);

/*
 * Skip one complete data item (nested arrays, maps, tags, indefinite
 * strings included) after checking that it is well-formed. Nesting deeper
 * than LWCI_CBOR_MAX_DEPTH, a misplaced break, an indefinite map with an
 * odd number of items and counts above 2^62 are LWC_ERR_MALFORMED. The
 * cursor does not move on failure.
 */
int lwci_cbor_skip(lwci_cbor_reader_t *r);

/*
 * Read one complete scalar as an LwM2M value:
 *   unsigned integer -> LWC_TYPE_INT, or LWC_TYPE_UINT above INT64_MAX;
 *   negative integer -> LWC_TYPE_INT (below INT64_MIN: LWC_ERR_MALFORMED);
 *   float, tag 4 decimal fraction -> LWC_TYPE_FLOAT;
 *   tag 1 with an integer (or an integral float) -> LWC_TYPE_TIME;
 *   false/true -> LWC_TYPE_BOOL; text -> LWC_TYPE_STRING;
 *   bytes -> LWC_TYPE_OPAQUE; null -> LWC_TYPE_NONE.
 * Arrays, maps, undefined, other simple values, breaks and other tags are
 * LWC_ERR_MALFORMED. Strings point into the input or into `sc` (see
 * lwci_cbor_read_string()). The cursor and sc->used are restored on
 * failure.
 */
int lwci_cbor_read_value(lwci_cbor_reader_t *r, lwci_cbor_scratch_t *sc,
                         lwc_value_t *out);

/* True when s[0..len) is strict UTF-8. */
bool lwci_cbor_utf8_valid(const uint8_t *s, size_t len);

/* ---- Writer -------------------------------------------------------------- */

/* A head of `major` with argument `arg` in its shortest form. */
void lwci_cbor_put_head(lwci_io_sink_t *s, unsigned major, uint64_t arg);
void lwci_cbor_put_uint(lwci_io_sink_t *s, uint64_t v);
void lwci_cbor_put_int(lwci_io_sink_t *s, int64_t v);
/* Shortest exact float form; NaN as f9 7e00. */
void lwci_cbor_put_float(lwci_io_sink_t *s, double v);
void lwci_cbor_put_bool(lwci_io_sink_t *s, bool v);
void lwci_cbor_put_null(lwci_io_sink_t *s);
/* Definite text / byte string; data may be NULL when len is 0. The text
 * is not validated here (see lwci_cbor_check_value()). */
void lwci_cbor_put_text(lwci_io_sink_t *s, const void *data, size_t len);
void lwci_cbor_put_bytes(lwci_io_sink_t *s, const void *data, size_t len);
/* Start an indefinite-length array or map (major 4 or 5). */
void lwci_cbor_put_indefinite(lwci_io_sink_t *s, unsigned major);
void lwci_cbor_put_break(lwci_io_sink_t *s);

/*
 * Check that v can be written: LWC_ERR_UNSUPPORTED for LWC_TYPE_NONE;
 * LWC_ERR_INVALID_ARG for an unknown type, a NULL pointer with a non-zero
 * length, or a string or core link that is not valid UTF-8.
 */
int lwci_cbor_check_value(const lwc_value_t *v);

/*
 * Write v as the plain CBOR and LwM2M CBOR formats carry it (LwM2M 1.1
 * Core §7.4 "CBOR", 1.2 Core §7.4 "LwM2M CBOR"): integers as major 0/1,
 * floats in the
 * shortest exact form, strings and core links as text, opaque as bytes,
 * time as tag 1 with an integer, an object link as the text "oid:iid".
 * Returns lwci_cbor_check_value()'s verdict; nothing is written on error.
 */
int lwci_cbor_put_value(lwci_io_sink_t *s, const lwc_value_t *v);

/* "oid:iid" into buf (at least 12 bytes); returns its length. */
size_t lwci_cbor_format_objlnk(uint16_t oid, uint16_t iid, char *buf,
                               size_t cap);

/* ---- Decoder driver shared by the CBOR content formats ------------------ */

/* The head of a payload's top-level item, after an optional self-described
 * CBOR tag 55799 (RFC 8949 §3.4.6). The cursor is left anywhere on error:
 * read from a copy. */
int lwci_cbor_read_described(lwci_cbor_reader_t *r, lwci_cbor_item_t *it);

/* Decoder begin: the request path and a zeroed state. LWC_ERR_INVALID_ARG
 * for a NULL decoder or an invalid path. */
int lwci_cbor_dec_begin(lwci_io_decoder_t *d, const lwc_path_t *base);

/* A format's step: the next entry from r, on its own state `st`. */
typedef int (*lwci_cbor_step_fn)(void *st, lwci_cbor_reader_t *r,
                                 lwci_cbor_scratch_t *sc, bool last,
                                 lwci_io_entry_t *out);

/*
 * The next() of a CBOR format (io.h): checks the arguments, runs `step` on
 * buf[0..len) with d's scratch and on the format state copied out of d->st
 * into st[0..st_size) (the caller's object of the format's state type),
 * then stores the state back. LWC_ERR_WOULD_BLOCK on the last chunk
 * becomes LWC_ERR_MALFORMED: the payload ends inside an item.
 */
int lwci_cbor_dec_next(lwci_io_decoder_t *d, const uint8_t *buf, size_t len,
                       bool last, lwci_io_entry_t *out, size_t *consumed,
                       lwci_cbor_step_fn step, void *st, size_t st_size);

#endif /* LWC_IO_CBOR_H */
