/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Shared harness of the content-format tests (tests/io/test_io_*.c): walk
 * event scripts driven through any encoder (src/io/io.h), decoders fed in
 * two chunks with the unconsumed tail carried over, and entry collectors
 * and comparisons. Parameterised by the encoder/decoder ops. Checks fail
 * the running cmocka test (or abort() when built with LWCT_IO_HARNESS_FUZZ
 * for the fuzz targets).
 */
#ifndef LWC_TESTS_SUPPORT_IO_HARNESS_H
#define LWC_TESTS_SUPPORT_IO_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lwc/errors.h>

#include "io/io.h" /* the library-internal codec contract */

/* ---- Walk scripts for the encoders ------------------------------------- */

typedef enum { IOH_OPEN = 'o', IOH_VALUE = 'v', IOH_CLOSE = 'c' } ioh_kind_t;

/* One step of a data-model walk: open/close a container or one value. */
typedef struct {
    int kind; /* ioh_kind_t */
    lwc_path_t path;
    lwc_value_t v;
} ioh_ev_t;

#define IOH_OPEN_AT(p)                                                         \
    {                                                                          \
        IOH_OPEN, p,                                                           \
        {                                                                      \
            0,                                                                 \
            {                                                                  \
                0                                                              \
            }                                                                  \
        }                                                                      \
    }
#define IOH_CLOSE_AT(p)                                                        \
    {                                                                          \
        IOH_CLOSE, p,                                                          \
        {                                                                      \
            0,                                                                 \
            {                                                                  \
                0                                                              \
            }                                                                  \
        }                                                                      \
    }
#define IOH_VALUE_AT(p, val)                                                   \
    {                                                                          \
        IOH_VALUE, p, val                                                      \
    }
/* The same with the path given as its ids (a nested macro would split
 * the expanded path at its commas). */
#define OPEN(...)                                                              \
    {                                                                          \
        IOH_OPEN, LWC_PATH(__VA_ARGS__),                                       \
        {                                                                      \
            0,                                                                 \
            {                                                                  \
                0                                                              \
            }                                                                  \
        }                                                                      \
    }
#define CLOSE(...)                                                             \
    {                                                                          \
        IOH_CLOSE, LWC_PATH(__VA_ARGS__),                                      \
        {                                                                      \
            0,                                                                 \
            {                                                                  \
                0                                                              \
            }                                                                  \
        }                                                                      \
    }
#define VAL(v, ...)                                                            \
    {                                                                          \
        IOH_VALUE, LWC_PATH(__VA_ARGS__), v                                    \
    }

/* Value initialisers for the scripts (string arguments are literals). */
#define STR(s)                                                                 \
    {                                                                          \
        .type = LWC_TYPE_STRING, .bytes = { s, sizeof(s) - 1 }                 \
    }
#define INT(x)                                                                 \
    {                                                                          \
        .type = LWC_TYPE_INT, .i = (x)                                         \
    }
#define TIME(x)                                                                \
    {                                                                          \
        .type = LWC_TYPE_TIME, .t = (x)                                        \
    }
#define OPQ(s)                                                                 \
    {                                                                          \
        .type = LWC_TYPE_OPAQUE, .bytes = { s, sizeof(s) - 1 }                 \
    }
#define CLNK(s)                                                                \
    {                                                                          \
        .type = LWC_TYPE_CORELNK, .bytes = { s, sizeof(s) - 1 }                \
    }
#define UINTV(x)                                                               \
    {                                                                          \
        .type = LWC_TYPE_UINT, .u = (x)                                        \
    }
#define FLT(x)                                                                 \
    {                                                                          \
        .type = LWC_TYPE_FLOAT, .f = (x)                                       \
    }
#define BOOLV(x)                                                               \
    {                                                                          \
        .type = LWC_TYPE_BOOL, .b = (x)                                        \
    }
#define OBJ(o, i)                                                              \
    {                                                                          \
        .type = LWC_TYPE_OBJLNK, .objlnk = {(o), (i) }                         \
    }
#define NONEV                                                                  \
    {                                                                          \
        .type = LWC_TYPE_NONE                                                  \
    }

/* A string value over a NUL-terminated string (not a literal). */
lwc_value_t ioh_str(const char *s);

/* Drives ops through begin, the n events, end into *sink, initialised on
 * out[0..cap) with a window starting at skip. Returns the first error. */
int ioh_walk_into(const lwci_io_encoder_ops_t *ops, const lwc_path_t *base,
                  const ioh_ev_t *ev, size_t n, uint8_t *out, size_t cap,
                  size_t skip, lwci_io_sink_t *sink);

/* ioh_walk_into() reporting the bytes written (*len) and the payload
 * size (*total). */
int ioh_run_walk(const lwci_io_encoder_ops_t *ops, const lwc_path_t *base,
                 const ioh_ev_t *ev, size_t n, uint8_t *buf, size_t cap,
                 size_t skip, size_t *len, size_t *total);

/* The whole walk must give exactly the text `want`. */
void ioh_check_encode(const lwci_io_encoder_ops_t *ops, const lwc_path_t *base,
                      const ioh_ev_t *ev, size_t n, const char *want);

/* Encoding through windows of every size [skip, skip + w), strictly
 * forward, reassembles want[0..wn) (each call reporting the whole size). */
void ioh_check_windows(const lwci_io_encoder_ops_t *ops, const lwc_path_t *base,
                       const ioh_ev_t *ev, size_t n, const uint8_t *want,
                       size_t wn);

/* The whole walk must give exactly the bytes of the hex text. */
void ioh_expect_walk(const lwci_io_encoder_ops_t *ops, const lwc_path_t *base,
                     const ioh_ev_t *ev, size_t n, const char *hex);

/* LwM2M Core's Device object example (Read of /3/0) as a walk: 26 events,
 * 16 values. */
extern const ioh_ev_t ioh_device_walk[];
extern const size_t ioh_device_walk_len;

/* The same example in SenML JSON as LwM2M Core 1.1 Table 7.4.4-2 prints
 * it (without its whitespace). */
extern const char ioh_device_senml_json[];

/* ---- Decoding into a list of copied entries (text formats) ------------- */

typedef struct {
    lwc_path_t path;
    uint8_t kind;
    lwc_value_t v;
} ioh_got_t;

typedef struct {
    ioh_got_t e[64];
    size_t n;
    uint8_t store[4096]; /* bytes of string and opaque values */
    size_t used;
} ioh_got_list_t;

/*
 * Decode payload[0..len) given in two chunks split at `split`, carrying
 * the unconsumed tail as io.h describes. Returns the final code
 * (LWC_ERR_NOT_FOUND after a clean end) with the entries in *g.
 */
int ioh_decode_split(const lwci_io_decoder_ops_t *ops, const lwc_path_t *base,
                     const char *payload, size_t len, size_t split,
                     size_t scratch_cap, ioh_got_list_t *g);

/* ioh_decode_split() of the whole text, unsplit, with a 256-byte scratch. */
int ioh_decode(const lwci_io_decoder_ops_t *ops, const lwc_path_t *base,
               const char *payload, ioh_got_list_t *g);

/* Same type and same value (numbers by type, strings by bytes). */
bool ioh_same_value(const lwc_value_t *a, const lwc_value_t *b);

/* Same paths, kinds and values, entry by entry. */
void ioh_check_same_lists(const ioh_got_list_t *a, const ioh_got_list_t *b);

/* g holds the values of ioh_device_walk, integers and the time as INT (an
 * untyped JSON number). */
void ioh_check_device_entries(const ioh_got_list_t *g);

/* ---- Decoding into an array of entries (binary formats) ---------------- */

/* A decoded entry with its string/opaque bytes copied out. */
typedef struct {
    lwci_io_entry_t e;
    uint8_t data[64];
} ioh_entry_t;

#define IOH_MAX_ENTRIES 24

/* Hex digits (spaces ignored) to bytes; returns the byte count. */
size_t ioh_unhex(const char *hex, uint8_t *out, size_t cap);

/*
 * Decode p[0..n) from the root fed as two chunks, [0, cut) then the rest
 * (the second call only on LWC_ERR_WOULD_BLOCK), with a 32-byte scratch.
 * Returns LWC_OK with *count entries (at most IOH_MAX_ENTRIES) or the first
 * error.
 */
int ioh_decode_entries(const lwci_io_decoder_ops_t *ops, const uint8_t *p,
                       size_t n, size_t cut, ioh_entry_t *out, size_t *count);

/* Every hex payload decodes from the root to the same entries whole and
 * split at every offset, each with LWC_OK. */
void ioh_check_every_split(const lwci_io_decoder_ops_t *ops,
                           const char *const *hex, size_t count);

/* A hex payload and the code decoding it must give. */
typedef struct {
    const char *hex;
    int rc;
} ioh_hex_case_t;

/* Each case decodes (whole, from the root) to its code; a failure names
 * the case. */
void ioh_check_hex_cases(const lwci_io_decoder_ops_t *ops,
                         const ioh_hex_case_t *cases, size_t count);

/* ioh_decode_entries() of the hex text, whole. */
int ioh_decode_hex(const lwci_io_decoder_ops_t *ops, const char *hex,
                   ioh_entry_t *out, size_t *count);

void ioh_expect_path(const ioh_entry_t *g, const lwc_path_t *p);
void ioh_expect_text(const ioh_entry_t *g, const lwc_path_t *p, uint8_t type,
                     const char *s);
void ioh_expect_int(const ioh_entry_t *g, const lwc_path_t *p, int64_t v);
void ioh_expect_none(const ioh_entry_t *g, const lwc_path_t *p);

/* g[0..count) are the 16 entries of the Device example (ioh_device_walk);
 * the time /3/0/13 typed TIME when time_typed, else INT. */
void ioh_check_device(const ioh_entry_t *g, size_t count, bool time_typed);

/* Same path, kind, type and value (numbers compared bit for bit). */
bool ioh_same_entry(const ioh_entry_t *a, const ioh_entry_t *b);

/* ---- Fuzz targets (tests/fuzz/fuzz_*.c) --------------------------------- */

/* Fails the running cmocka test, or aborts a fuzz target (built with
 * LWCT_IO_HARNESS_FUZZ) so that libFuzzer reports the input. */
void ioh_fail(const char *what);

#define IOH_CHECK(cond)                                                        \
    do {                                                                       \
        if (!(cond)) {                                                         \
            ioh_fail(#cond);                                                   \
        }                                                                      \
    } while (0)

/* Decoded entries with copies of their string/opaque bytes; the caller
 * provides e[0..cap) and bytes large enough for the input. */
typedef struct {
    lwci_io_entry_t *e;
    size_t n;
    size_t cap;
    uint8_t *bytes;
    size_t used;
} ioh_fuzz_list_t;

/* Same type and value; a float bit for bit, any NaN equal to any NaN. */
bool ioh_same_exact_value(const lwc_value_t *a, const lwc_value_t *b);

/* A text format (SenML JSON, OMA JSON): numbers are untyped. */
typedef struct {
    const lwci_io_encoder_ops_t *enc;
    const lwci_io_decoder_ops_t *dec;
    /* More checks of every decoded entry against the decoder's scratch
     * (NULL: none). */
    void (*check_entry)(const lwci_io_entry_t *e, const uint8_t *scratch,
                        size_t scratch_cap);
    /* Whether a re-encoded payload is well-formed text. */
    bool (*well_formed)(const uint8_t *text, size_t len);
} ioh_fuzz_text_t;

/*
 * The first byte picks a split point and a request path, the rest is the
 * payload: decoding it whole and in two chunks gives the same entries and
 * final code; a clean payload whose entries all carry values, encoded again
 * from the root and decoded, gives the same values (numbers by value).
 */
int ioh_fuzz_text(const ioh_fuzz_text_t *f, const uint8_t *data, size_t size);

/* A binary format (SenML CBOR, LwM2M CBOR). */
typedef struct {
    const lwci_io_encoder_ops_t *enc;
    const lwci_io_decoder_ops_t *dec;
    bool time_as_int; /* a time comes back as the plain number written */
    /* Whether the entries can be written back and compared (NULL: yes). */
    bool (*can_round_trip)(const ioh_fuzz_list_t *in);
} ioh_fuzz_binary_t;

/*
 * Decoding the input from the root whole and split in two (at the first
 * byte modulo size + 1) gives the same entries and code; a clean payload's
 * values written back from the root decode to the same entries.
 */
int ioh_fuzz_binary(const ioh_fuzz_binary_t *f, const uint8_t *data,
                    size_t size);

#endif
