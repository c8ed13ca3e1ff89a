/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * A bounded, strict JSON reader and writer (RFC 8259) for the JSON content
 * formats (SenML JSON, OMA LwM2M JSON).
 *
 * Reader: a cursor over one contiguous buffer; the caller asks for the
 * token it expects next (a punctuation character, a string, a number, a
 * literal) or skips a whole value. Strict: no comments, no trailing
 * commas, no leading zeros, no control characters or invalid UTF-8 in
 * strings (RFC 3629: no overlong forms, no surrogates, nothing above
 * U+10FFFF), \u escapes with correctly paired surrogates only. Nesting is
 * bounded by the caller (at most LWCI_JSON_MAX_DEPTH). Strings and numbers
 * are returned as spans of the input; nothing is copied until asked.
 *
 * Running out of input is LWC_ERR_WOULD_BLOCK unless the reader was told
 * the input is complete (`last`), when it is LWC_ERR_MALFORMED: a
 * block-wise decoder stops there and retries with more bytes.
 *
 * Writer: helpers that put JSON text onto a windowed sink (io.h), strictly
 * forward.
 *
 * No heap, no libm, no printf/strtod; never blocks.
 */
#ifndef LWC_IO_JSON_H
#define LWC_IO_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lwc/dm.h>

#include "io/io.h"

/* Deepest nesting of arrays and objects the reader accepts. */
#define LWCI_JSON_MAX_DEPTH 8

/* ---- UTF-8 (RFC 3629 §4) ------------------------------------------------ */

/*
 * Length of the UTF-8 sequence at p[0..n): 1..4 when valid; 0 when invalid;
 * -1 when p[0..n) is a valid but incomplete start of a sequence.
 */
int lwci_utf8_seq(const uint8_t *p, size_t n);

/* True when s[0..n) is entirely valid UTF-8. */
bool lwci_utf8_valid(const uint8_t *s, size_t n);

/* ---- Reader ----------------------------------------------------------------
 */

typedef struct {
    const uint8_t *buf;
    size_t len;
    size_t pos;
    bool last; /* buf holds the end of the document */
} lwci_json_reader_t;

/* A string token: the bytes between the quotes, escapes not yet decoded. */
typedef struct {
    const uint8_t *raw;
    size_t raw_len;
    size_t len;   /* decoded length in bytes (UTF-8) */
    bool escaped; /* raw contains a backslash escape */
} lwci_json_str_t;

/* A number token: its text, validated against the RFC 8259 §6 grammar. */
typedef struct {
    const char *text;
    size_t len;
    bool integer; /* no fraction and no exponent */
} lwci_json_num_t;

/* What the next token starts with. */
typedef enum {
    LWCI_JSON_T_OBJECT = 1, /* '{' */
    LWCI_JSON_T_ARRAY,      /* '[' */
    LWCI_JSON_T_STRING,
    LWCI_JSON_T_NUMBER,
    LWCI_JSON_T_TRUE,
    LWCI_JSON_T_FALSE,
    LWCI_JSON_T_NULL,
    LWCI_JSON_T_END_OBJECT, /* '}' */
    LWCI_JSON_T_END_ARRAY,  /* ']' */
    LWCI_JSON_T_COMMA,
    LWCI_JSON_T_COLON,
} lwci_json_tok_t;

void lwci_json_reader_init(lwci_json_reader_t *r, const uint8_t *buf,
                           size_t len, bool last);

/* Skip whitespace; true when the input is exhausted. */
bool lwci_json_at_end(lwci_json_reader_t *r);

/* Skip whitespace and classify the next token without consuming it.
 * LWC_ERR_MALFORMED for a byte that starts no token. */
int lwci_json_peek(lwci_json_reader_t *r, lwci_json_tok_t *tok);

/* Skip whitespace and consume the punctuation character c ('{', '}', '[',
 * ']', ',', ':'); LWC_ERR_MALFORMED when something else follows. */
int lwci_json_expect(lwci_json_reader_t *r, char c);

/* Consume c if it is next (after whitespace): LWC_OK and *found. */
int lwci_json_accept(lwci_json_reader_t *r, char c, bool *found);

int lwci_json_read_string(lwci_json_reader_t *r, lwci_json_str_t *out);
int lwci_json_read_number(lwci_json_reader_t *r, lwci_json_num_t *out);
/* true or false. */
int lwci_json_read_bool(lwci_json_reader_t *r, bool *out);
/* An object member's name and the ':' after it. */
int lwci_json_read_key(lwci_json_reader_t *r, lwci_json_str_t *key);
/* After an element of an array or a member of an object (RFC 8259 §4, §5):
 * ',' (*more: another follows) or the closing `close` (*more false). */
int lwci_json_end_element(lwci_json_reader_t *r, char close, bool *more);
/* Skip one complete value (nested at most max_depth levels deep). */
int lwci_json_skip_value(lwci_json_reader_t *r, unsigned max_depth);

/* A whole document: one value (nesting <= max_depth) and only whitespace
 * after it. LWC_OK or LWC_ERR_MALFORMED. */
int lwci_json_validate(const uint8_t *buf, size_t len, unsigned max_depth);

/* ---- Tokens ----------------------------------------------------------------
 */

/* True when the decoded string equals the NUL-terminated lit. */
bool lwci_json_str_eq(const lwci_json_str_t *s, const char *lit);

/* The last decoded character of s ('\0' for the empty string; a
 * non-ASCII last character gives 0x80). */
char lwci_json_str_last(const lwci_json_str_t *s);

/* Decode s (escapes resolved) into out[0..cap): LWC_ERR_TOO_LARGE when
 * s->len > cap. */
int lwci_json_str_decode(const lwci_json_str_t *s, uint8_t *out, size_t cap);

/*
 * The number as a typed value: LWC_TYPE_INT when it is an integer in the
 * int64 range, LWC_TYPE_UINT for a larger integer within uint64, else
 * LWC_TYPE_FLOAT (a finite double; LWC_ERR_MALFORMED beyond its range).
 */
int lwci_json_num_value(const lwci_json_num_t *n, lwc_value_t *out);

/* ---- Values of the JSON formats ----------------------------------------- */

/* A string token as an LWC_TYPE_STRING value: pointing into the input when
 * it has no escapes, else decoded into scratch[0..cap) (LWC_ERR_TOO_LARGE
 * when it does not fit). */
int lwci_json_str_value(const lwci_json_str_t *s, uint8_t *scratch, size_t cap,
                        lwc_value_t *out);

/* A string token holding base64 (base64.h flags) as an LWC_TYPE_OPAQUE
 * value decoded into scratch[0..cap). LWC_ERR_MALFORMED for invalid
 * base64; LWC_ERR_TOO_LARGE when it does not fit. */
int lwci_json_str_base64(const lwci_json_str_t *s, unsigned flags,
                         uint8_t *scratch, size_t cap, lwc_value_t *out);

/* A string token "oid:iid" (each 0..65535) as an LWC_TYPE_OBJLNK value;
 * LWC_ERR_MALFORMED otherwise. */
int lwci_json_str_objlnk(const lwci_json_str_t *s, lwc_value_t *out);

/* ---- Writer ----------------------------------------------------------------
 */

/* Raw ASCII text (punctuation, keys already known to be plain). */
void lwci_json_put_lit(lwci_io_sink_t *s, const char *lit);

/*
 * A quoted string with the escapes RFC 8259 §7 requires ('"', '\\' and
 * control characters). LWC_ERR_INVALID_ARG when data is not valid UTF-8
 * (nothing is written then).
 */
int lwci_json_put_string(lwci_io_sink_t *s, const void *data, size_t len);

/* An INT, UINT, TIME (integer seconds) or FLOAT value as a JSON number.
 * LWC_ERR_UNSUPPORTED for NaN and infinities (JSON has no such number)
 * and for other types. */
int lwci_json_put_number(lwci_io_sink_t *s, const lwc_value_t *v);

/* Quoted base64 of data (base64.h flags). */
void lwci_json_put_base64(lwci_io_sink_t *s, const void *data, size_t len,
                          unsigned flags);

/* A quoted object link "oid:iid" (LwM2M 1.1 Core §7.4.4 "vlo"). */
void lwci_json_put_objlnk(lwci_io_sink_t *s, uint16_t oid, uint16_t iid);

#endif /* LWC_IO_JSON_H */
