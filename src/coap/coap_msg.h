/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * CoAP message codec (RFC 7252 §3) and option helpers. Internal to lwc.
 *
 * Parsing never copies: a parsed message points into the caller's datagram
 * buffer, which must outlive it. Building writes straight into a caller's
 * buffer with bounds checks on every byte. No heap, no OS headers.
 */
#ifndef LWC_COAP_MSG_H
#define LWC_COAP_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lwc/config.h>

/* Message types (RFC 7252 §3). */
#define LWCI_COAP_CON 0
#define LWCI_COAP_NON 1
#define LWCI_COAP_ACK 2
#define LWCI_COAP_RST 3

/* Codes as one byte: class in the top 3 bits, detail in the low 5. */
#define LWCI_COAP_CODE(c, d) ((uint8_t)(((c) << 5) | (d)))
#define LWCI_COAP_CODE_CLASS(code) ((uint8_t)((code) >> 5))
#define LWCI_COAP_CODE_DETAIL(code) ((uint8_t)((code)&0x1f))

#define LWCI_COAP_EMPTY LWCI_COAP_CODE(0, 0)
#define LWCI_COAP_GET LWCI_COAP_CODE(0, 1)
#define LWCI_COAP_POST LWCI_COAP_CODE(0, 2)
#define LWCI_COAP_PUT LWCI_COAP_CODE(0, 3)
#define LWCI_COAP_DELETE LWCI_COAP_CODE(0, 4)
#define LWCI_COAP_FETCH LWCI_COAP_CODE(0, 5)
#define LWCI_COAP_PATCH LWCI_COAP_CODE(0, 6)
#define LWCI_COAP_IPATCH LWCI_COAP_CODE(0, 7)

#define LWCI_COAP_201_CREATED LWCI_COAP_CODE(2, 1)
#define LWCI_COAP_202_DELETED LWCI_COAP_CODE(2, 2)
#define LWCI_COAP_203_VALID LWCI_COAP_CODE(2, 3)
#define LWCI_COAP_204_CHANGED LWCI_COAP_CODE(2, 4)
#define LWCI_COAP_205_CONTENT LWCI_COAP_CODE(2, 5)
#define LWCI_COAP_231_CONTINUE LWCI_COAP_CODE(2, 31)
#define LWCI_COAP_400_BAD_REQUEST LWCI_COAP_CODE(4, 0)
#define LWCI_COAP_401_UNAUTHORIZED LWCI_COAP_CODE(4, 1)
#define LWCI_COAP_402_BAD_OPTION LWCI_COAP_CODE(4, 2)
#define LWCI_COAP_403_FORBIDDEN LWCI_COAP_CODE(4, 3)
#define LWCI_COAP_404_NOT_FOUND LWCI_COAP_CODE(4, 4)
#define LWCI_COAP_405_METHOD_NOT_ALLOWED LWCI_COAP_CODE(4, 5)
#define LWCI_COAP_406_NOT_ACCEPTABLE LWCI_COAP_CODE(4, 6)
#define LWCI_COAP_408_INCOMPLETE LWCI_COAP_CODE(4, 8)
#define LWCI_COAP_409_CONFLICT LWCI_COAP_CODE(4, 9)
#define LWCI_COAP_412_PRECONDITION_FAILED LWCI_COAP_CODE(4, 12)
#define LWCI_COAP_413_TOO_LARGE LWCI_COAP_CODE(4, 13)
#define LWCI_COAP_415_UNSUPPORTED_FORMAT LWCI_COAP_CODE(4, 15)
#define LWCI_COAP_500_INTERNAL_ERROR LWCI_COAP_CODE(5, 0)
#define LWCI_COAP_501_NOT_IMPLEMENTED LWCI_COAP_CODE(5, 1)
#define LWCI_COAP_503_UNAVAILABLE LWCI_COAP_CODE(5, 3)

/* Option numbers (RFC 7252 §5.10, RFC 7641, RFC 7959). */
#define LWCI_COAP_OPT_IF_MATCH 1
#define LWCI_COAP_OPT_URI_HOST 3
#define LWCI_COAP_OPT_ETAG 4
#define LWCI_COAP_OPT_IF_NONE_MATCH 5
#define LWCI_COAP_OPT_OBSERVE 6
#define LWCI_COAP_OPT_URI_PORT 7
#define LWCI_COAP_OPT_LOCATION_PATH 8
#define LWCI_COAP_OPT_URI_PATH 11
#define LWCI_COAP_OPT_CONTENT_FORMAT 12
#define LWCI_COAP_OPT_MAX_AGE 14
#define LWCI_COAP_OPT_URI_QUERY 15
#define LWCI_COAP_OPT_ACCEPT 17
#define LWCI_COAP_OPT_LOCATION_QUERY 20
#define LWCI_COAP_OPT_BLOCK2 23
#define LWCI_COAP_OPT_BLOCK1 27
#define LWCI_COAP_OPT_SIZE2 28
#define LWCI_COAP_OPT_PROXY_URI 35
#define LWCI_COAP_OPT_PROXY_SCHEME 39
#define LWCI_COAP_OPT_SIZE1 60

/* An option is critical when its number is odd (RFC 7252 §5.4.1). */
#define LWCI_COAP_OPT_IS_CRITICAL(num) (((num)&1u) != 0)

#define LWCI_COAP_MAX_TOKEN_LEN 8
#define LWCI_COAP_HEADER_LEN 4
#define LWCI_COAP_PAYLOAD_MARKER 0xff

/* One option of a parsed message; value points into the datagram. */
typedef struct {
    uint16_t number;
    uint16_t len;
    const uint8_t *value;
} lwci_coap_opt_t;

/* A parsed message. Every pointer refers to the parsed datagram. */
typedef struct {
    uint8_t type;      /* LWCI_COAP_CON .. LWCI_COAP_RST */
    uint8_t code;      /* LWCI_COAP_CODE(class, detail) */
    uint16_t mid;      /* message ID */
    uint8_t token_len; /* 0..8 */
    uint8_t token[LWCI_COAP_MAX_TOKEN_LEN];
    uint8_t opt_count; /* options kept, in wire order (ascending number) */
    lwci_coap_opt_t opts[LWC_COAP_MAX_OPTIONS];
    const uint8_t *payload; /* NULL when there is none */
    size_t payload_len;
} lwci_coap_msg_t;

/*
 * Parse one datagram.
 *
 * Returns:
 *  - LWC_OK: the whole message is valid.
 *  - LWC_ERR_MALFORMED with *header_ok false: fewer than 4 bytes, version not
 *    1, or token length 9-15, or fewer bytes than the token length: the
 *    message must be silently ignored (RFC 7252 §4.2, §4.3).
 *  - LWC_ERR_MALFORMED with *header_ok true: type, code, mid and token are
 *    valid but the options or the payload marker are not (truncated option,
 *    reserved nibble 15 in a delta or length, option number above 65535,
 *    payload marker followed by no payload, an empty message (code 0.00)
 *    with a token, options or payload): a CON request gets 4.00 (or an empty
 *    message RST), anything else is ignored.
 *  - LWC_ERR_NO_SPACE with *header_ok true: valid but more than
 *    LWC_COAP_MAX_OPTIONS options; treat as 4.02 for a CON request.
 * header_ok may be NULL.
 */
int lwci_coap_parse(lwci_coap_msg_t *msg, const uint8_t *buf, size_t len,
                    bool *header_ok);

/* Builder writing one message into a caller buffer. */
typedef struct {
    uint8_t *buf;
    size_t cap;
    size_t len;
    uint16_t last_opt; /* number of the last option written */
    bool has_payload;
    int err; /* first error hit; every later call is a no-op */
} lwci_coap_writer_t;

/*
 * Start a message in buf: writes the header and token. Errors
 * (LWC_ERR_NO_SPACE when cap is too small, LWC_ERR_INVALID_ARG for token_len
 * above 8 or type above 3) are kept in w->err and returned.
 */
int lwci_coap_writer_init(lwci_coap_writer_t *w, uint8_t *buf, size_t cap,
                          uint8_t type, uint8_t code, uint16_t mid,
                          const uint8_t *token, uint8_t token_len);

/* Change the code (byte 1) of the message being built. */
void lwci_coap_writer_set_code(lwci_coap_writer_t *w, uint8_t code);

/*
 * Append an option. Numbers must not decrease (LWC_ERR_INVALID_ARG
 * otherwise); not allowed after the payload. LWC_ERR_NO_SPACE when it does
 * not fit. The uint variant writes the shortest big-endian form (0 is the
 * empty value); the str variant writes strlen(value) bytes.
 */
int lwci_coap_add_opt(lwci_coap_writer_t *w, uint16_t number,
                      const void *value, size_t len);
int lwci_coap_add_opt_uint(lwci_coap_writer_t *w, uint16_t number,
                           uint32_t value);
int lwci_coap_add_opt_str(lwci_coap_writer_t *w, uint16_t number,
                          const char *value);

/*
 * Append the payload marker and len payload bytes (len 0 writes nothing).
 * May be called more than once to append more payload.
 */
int lwci_coap_add_payload(lwci_coap_writer_t *w, const void *data,
                          size_t len);

/*
 * Reserve payload space for an encoder that writes in place: returns a
 * pointer after the payload marker and the room left in *avail (0 when full
 * or on error; the marker is not counted as written yet). Follow with
 * lwci_coap_commit_payload(w, n) with the bytes actually written (n 0
 * writes no marker).
 */
uint8_t *lwci_coap_payload_ptr(lwci_coap_writer_t *w, size_t *avail);
int lwci_coap_commit_payload(lwci_coap_writer_t *w, size_t n);

/* ---- Option helpers -------------------------------------------------- */

/*
 * The first option with this number at index >= *iter (start with
 * *iter = 0); on return *iter is past it, so repeated calls walk every
 * occurrence. NULL when there are no more.
 */
const lwci_coap_opt_t *lwci_coap_find_opt(const lwci_coap_msg_t *msg,
                                          uint16_t number, size_t *iter);

/*
 * Decode an unsigned option value (0-4 bytes, big-endian, empty is 0).
 * LWC_ERR_MALFORMED when longer than 4 bytes.
 */
int lwci_coap_opt_uint(const lwci_coap_opt_t *opt, uint32_t *out);

/*
 * The value of the single uint option with this number: LWC_OK,
 * LWC_ERR_NOT_FOUND when absent, LWC_ERR_MALFORMED when too long or
 * repeated.
 */
int lwci_coap_get_uint(const lwci_coap_msg_t *msg, uint16_t number,
                       uint32_t *out);

/* Content-Format and Accept: LWC_OK, LWC_ERR_NOT_FOUND, LWC_ERR_MALFORMED
 * (value above 65535 or repeated). */
int lwci_coap_get_content_format(const lwci_coap_msg_t *msg, uint16_t *out);
int lwci_coap_get_accept(const lwci_coap_msg_t *msg, uint16_t *out);

/* Observe (RFC 7641): a 0-3 byte value. */
int lwci_coap_get_observe(const lwci_coap_msg_t *msg, uint32_t *out);

/* Block1/Block2 (RFC 7959 §2.2). */
typedef struct {
    uint32_t num; /* block number, < 2^20 */
    bool more;
    uint8_t szx; /* 0..6; the block size is 16 << szx */
} lwci_coap_block_t;

/* Decode option `number` (LWCI_COAP_OPT_BLOCK1/2). LWC_ERR_NOT_FOUND,
 * LWC_ERR_MALFORMED for SZX 7, more than 3 bytes, or repetition. */
int lwci_coap_get_block(const lwci_coap_msg_t *msg, uint16_t number,
                        lwci_coap_block_t *out);
/* Encode a block option value; LWC_ERR_INVALID_ARG for num >= 2^20 or
 * szx > 6. */
int lwci_coap_add_opt_block(lwci_coap_writer_t *w, uint16_t number,
                            const lwci_coap_block_t *block);

/*
 * Join the values of every option `number` (Uri-Path 11, Location-Path 8)
 * into out as "a/b/c" (no leading slash, NUL-terminated). An option value
 * containing '/' or a NUL is rejected with LWC_ERR_MALFORMED; LWC_ERR_NO_SPACE
 * when it does not fit. No option gives "".
 */
int lwci_coap_join_path(const lwci_coap_msg_t *msg, uint16_t number,
                        char *out, size_t cap);

/*
 * Add one option `number` per segment of path ("rd/5a3f" gives two
 * Uri-Path options). A leading '/' is skipped; empty segments are rejected
 * (LWC_ERR_INVALID_ARG).
 */
int lwci_coap_add_path(lwci_coap_writer_t *w, uint16_t number,
                       const char *path);

/*
 * The first critical option whose number is not in known[0..known_count),
 * or 0 when every critical option is known (RFC 7252 §5.4.1).
 */
uint16_t lwci_coap_unknown_critical(const lwci_coap_msg_t *msg,
                                    const uint16_t *known, size_t known_count);

#endif /* LWC_COAP_MSG_H */
