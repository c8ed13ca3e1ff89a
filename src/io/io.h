/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Content formats: the contract between the data model's tree walk and
 * every encoder and decoder in src/io (LwM2M 1.1 Core §7.4, Transport §6).
 *
 * Output is streamed into a windowed sink, so that a response larger than
 * one CoAP message can be sent block-wise (RFC 7959) without heap and
 * without a payload-sized buffer: for block N the data model walks the tree
 * again and the sink keeps only bytes [N * size, (N + 1) * size). Encoders
 * therefore write strictly forward: they never read back or patch bytes
 * already written. An encoder that must know a container's size or child
 * count before writing it (TLV lengths), or the number of values of the
 * whole payload (the definite-length SenML CBOR array), asks the walker
 * through the measure hook, which encodes that part into a counting sink
 * first.
 *
 * Input is decoded one entry (one resource value) at a time. A decoder works
 * on a contiguous buffer; when a Block1 chunk ends in the middle of an
 * entry it says so (LWC_ERR_WOULD_BLOCK with the bytes it consumed), the
 * caller keeps the unconsumed tail and calls again with the tail and the
 * next chunk joined. Decoders keep only small state between entries.
 *
 * No heap, no libm, no printf family; every length is checked before use.
 */
#ifndef LWC_IO_IO_H
#define LWC_IO_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lwc/dm.h>

/* ---- Windowed output sink ---------------------------------------------- */

/*
 * Collects the bytes of one encoded payload at logical offsets
 * [0, total); stores those in [skip, skip + cap) into buf. buf may be NULL
 * with cap 0 to only count (measuring). Never fails: bytes past the window
 * are counted, not stored. `hash` is the 32-bit FNV-1a of every byte
 * produced, usable as an ETag that changes when any block's content does.
 */
typedef struct {
    uint8_t *buf;
    size_t cap;
    size_t skip;
    size_t total;
    uint32_t hash;
} lwci_io_sink_t;

void lwci_io_sink_init(lwci_io_sink_t *s, uint8_t *buf, size_t cap,
                       size_t skip);
void lwci_io_put(lwci_io_sink_t *s, const void *data, size_t len);
void lwci_io_put_byte(lwci_io_sink_t *s, uint8_t b);
/* Bytes stored in the window so far. */
size_t lwci_io_sink_len(const lwci_io_sink_t *s);
/* True when bytes were produced beyond the window (a Block2 "more"). */
bool lwci_io_sink_more(const lwci_io_sink_t *s);

/* ---- Encoders ------------------------------------------------------------ */

/*
 * What the measure hook reports about a container (path length 1..3) or,
 * for the root path (length 0), about the whole walk: every node emitted
 * between begin() and end(), whatever the base (a Read of /3/0/0 or a
 * Read-Composite of several paths alike).
 */
typedef struct {
    size_t bytes;    /* encoded size of the container's content (of the
                        whole walk for the root: begin's and end's own
                        bytes excluded) */
    size_t children; /* direct children: resources of an instance,
                        instances of a multiple resource or an object
                        (0 for the root) */
    size_t values;   /* value() calls below it: the leaf values, the
                        records of a SenML pack */
} lwci_io_measure_t;

typedef struct lwci_io_encoder lwci_io_encoder_t;

/*
 * The walk, in path order (ascending IDs at every level):
 *
 *   begin(base)                     base = the request path, any depth
 *     open(/o)                      only when base is the root or /o ...
 *       open(/o/i)                  ... an object instance
 *         value(/o/i/r, v)          a single-instance resource
 *         open(/o/i/r)              a multiple resource
 *           value(/o/i/r/ri, v)     one of its instances
 *         close(/o/i/r)
 *       close(/o/i)
 *     close(/o)
 *   end()
 *
 * Containers at or above the base are opened too (a Read of /3/0 opens
 * /3/0, not /3), so an encoder sees one consistent nesting. Composite reads
 * (FETCH) call begin with the root and then open/value/close for each
 * requested path in turn. Every callback returns LWC_OK or an LWC_ERR_*
 * (LWC_ERR_UNSUPPORTED for a value type the format cannot carry, e.g. a
 * second value in a single-value format, which the caller answers 4.06).
 */
typedef struct {
    uint16_t format; /* LWC_FORMAT_* */
    int (*begin)(lwci_io_encoder_t *e, const lwc_path_t *base);
    int (*open)(lwci_io_encoder_t *e, const lwc_path_t *container);
    int (*value)(lwci_io_encoder_t *e, const lwc_path_t *path,
                 const lwc_value_t *v);
    int (*close)(lwci_io_encoder_t *e, const lwc_path_t *container);
    int (*end)(lwci_io_encoder_t *e);
} lwci_io_encoder_ops_t;

/* Per-format state kept between callbacks; small, no pointers into the
 * data model. Formats add their member here. */
typedef union {
    struct {
        bool first;      /* no record written yet */
        bool indefinite; /* SenML CBOR: the array needs a break at end */
    } senml;
    struct {
        uint8_t depth; /* open containers */
    } cbor;
    struct {
        uint8_t values; /* values written (single-value formats) */
    } single;
} lwci_io_enc_state_t;

struct lwci_io_encoder {
    const lwci_io_encoder_ops_t *ops;
    lwci_io_sink_t *sink;
    /* Measure a container, or with the root path the whole walk, by
     * encoding it into a counting sink with a copy of this encoder as it
     * is at the time of the call (provided by the walker; NULL when the
     * encoder is driven by hand). Returns LWC_OK, LWC_ERR_INVALID_ARG for
     * a path the walker cannot measure, or any error of the walk. */
    int (*measure)(void *ctx, const lwc_path_t *container,
                   lwci_io_measure_t *out);
    void *measure_ctx;
    lwc_path_t base;
    lwci_io_enc_state_t st;
};

/* The encoder of a format, or NULL when this build has none. */
const lwci_io_encoder_ops_t *lwci_io_encoder_find(uint16_t format);

/* ---- Decoders ------------------------------------------------------------ */

/* How an entry carries its value. */
typedef enum {
    /* Typed by the format (SenML, CBOR): `value` holds it with the
     * format's own type (a SenML number is FLOAT or INT, a string STRING,
     * "vlo" OBJLNK ...). lwci_io_entry_value() converts it to the
     * resource's declared type. */
    LWCI_IO_TYPED = 0,
    /* Untyped bytes (text/plain, opaque, TLV): `raw` is interpreted by the
     * resource's declared type. */
    LWCI_IO_RAW = 1,
    /* No value: an instance or multiple resource announced without
     * content (e.g. an empty TLV object instance), or a SenML record that
     * only names a path (composite read requests). */
    LWCI_IO_NONE = 2,
} lwci_io_kind_t;

/* One decoded entry. Pointers refer to the decoder's input buffer. */
typedef struct {
    lwc_path_t path; /* absolute: the base joined with the entry's name */
    uint8_t kind;    /* lwci_io_kind_t */
    lwc_value_t value;
    const uint8_t *raw;
    size_t raw_len;
} lwci_io_entry_t;

typedef struct lwci_io_decoder lwci_io_decoder_t;

typedef struct {
    uint16_t format;
    /* Reset for a new payload addressed to `base`. */
    int (*begin)(lwci_io_decoder_t *d, const lwc_path_t *base);
    /*
     * Decode the next entry from buf[0..len) (the unconsumed input).
     * Returns LWC_OK with *out and *consumed set; LWC_ERR_NOT_FOUND when
     * the payload ended cleanly (`last` is true and nothing is left);
     * LWC_ERR_WOULD_BLOCK when the input ends inside an entry and `last`
     * is false (*consumed says how much may be dropped; call again with
     * the rest joined to the next chunk); LWC_ERR_MALFORMED for bad input
     * (answered 4.00); LWC_ERR_TOO_LARGE when one entry is larger than the
     * decoder can hold.
     */
    int (*next)(lwci_io_decoder_t *d, const uint8_t *buf, size_t len, bool last,
                lwci_io_entry_t *out, size_t *consumed);
} lwci_io_decoder_ops_t;

/* Per-format decoder state between entries. */
typedef union {
    struct {
        lwc_path_t base_name; /* SenML "bn" in force */
        bool in_array;
        bool done;
    } senml;
    struct {
        lwc_path_t prefix; /* keys of the enclosing maps */
        uint8_t depth;
        uint16_t remaining[4]; /* items left per definite-length map */
        bool done;
    } cbor;
    struct {
        uint8_t level; /* TLV nesting (object instance, multiple res) */
        uint32_t left[2];
        uint16_t ids[2];
    } tlv;
    struct {
        bool done;
    } single;
} lwci_io_dec_state_t;

struct lwci_io_decoder {
    const lwci_io_decoder_ops_t *ops;
    lwc_path_t base;
    /* Caller-provided room for values that cannot point into the input
     * (JSON strings with escapes, base64-decoded opaque): a decoded entry's
     * string or opaque may point here, valid until the next call.
     * LWC_ERR_TOO_LARGE when a value does not fit. */
    uint8_t *scratch;
    size_t scratch_cap;
    lwci_io_dec_state_t st;
};

/* The decoder of a format, or NULL when this build has none. */
const lwci_io_decoder_ops_t *lwci_io_decoder_find(uint16_t format);

/*
 * The entry's value as the resource's declared type (LWC_TYPE_*), decoding
 * RAW bytes by `format` and converting TYPED values losslessly. String and
 * opaque results point into the entry's input. LWC_ERR_MALFORMED when the
 * value does not fit the type or its range (answered 4.00).
 */
int lwci_io_entry_value(const lwci_io_entry_t *e, uint16_t format, uint8_t type,
                        lwc_value_t *out);

#endif /* LWC_IO_IO_H */
