/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * CoAP message codec (RFC 7252 §3): a strict parser that points into the
 * caller's datagram and a writer with bounds checks on every append.
 */
#include "coap_msg.h"

#include <string.h>

#include <lwc/errors.h>

/* Option header nibbles (RFC 7252 §3.1). */
#define NIB_EXT8     13
#define NIB_EXT16    14
#define NIB_RESERVED 15
#define EXT8_BASE    13u
#define EXT16_BASE   269u
#define OPT_NUM_MAX  65535u
#define OPT_LEN_MAX  65535u

/* Block option value layout (RFC 7959 §2.2). */
#define BLOCK_NUM_LIMIT    (1u << 20)
#define BLOCK_SZX_MAX      6u
#define BLOCK_SZX_RESERVED 7u

/* ---- Parser ------------------------------------------------------------ */

/*
 * Decode one extended delta or length field for nibble nib at *pos
 * (RFC 7252 §3.1): 13 adds one byte (+13), 14 two bytes (+269), 15 is
 * reserved. Every read is checked against len.
 */
static int read_ext(const uint8_t *buf, size_t len, size_t *pos, uint8_t nib,
                    uint32_t *out)
{
    if (nib < NIB_EXT8) {
        *out = nib;
        return LWC_OK;
    }
    if (nib == NIB_EXT8) {
        if (len - *pos < 1) {
            return LWC_ERR_MALFORMED;
        }
        *out = (uint32_t)buf[*pos] + EXT8_BASE;
        *pos += 1;
        return LWC_OK;
    }
    if (nib == NIB_EXT16) {
        if (len - *pos < 2) {
            return LWC_ERR_MALFORMED;
        }
        *out = (((uint32_t)buf[*pos] << 8) | buf[*pos + 1]) + EXT16_BASE;
        *pos += 2;
        return LWC_OK;
    }
    return LWC_ERR_MALFORMED;
}

/*
 * Header and token (RFC 7252 §3): any failure here means the message must
 * be silently ignored (§4.2, §4.3), so header_ok stays false.
 */
static int parse_header(lwci_coap_msg_t *msg, const uint8_t *buf, size_t len)
{
    uint8_t tkl;

    if (len < LWCI_COAP_HEADER_LEN || (buf[0] >> 6) != 1) {
        return LWC_ERR_MALFORMED;
    }
    tkl = buf[0] & 0x0f;
    if (tkl > LWCI_COAP_MAX_TOKEN_LEN ||
        len - LWCI_COAP_HEADER_LEN < (size_t)tkl) {
        return LWC_ERR_MALFORMED;
    }
    msg->type = (uint8_t)((buf[0] >> 4) & 0x03);
    msg->code = buf[1];
    msg->mid = (uint16_t)(((uint16_t)buf[2] << 8) | buf[3]);
    msg->token_len = tkl;
    memcpy(msg->token, buf + LWCI_COAP_HEADER_LEN, tkl);
    return LWC_OK;
}

/*
 * Options and payload (RFC 7252 §3.1). Each iteration consumes at least
 * one byte, so the loop always ends. Options past LWC_COAP_MAX_OPTIONS are
 * still validated but not kept; *overflow reports them.
 */
static int parse_options(lwci_coap_msg_t *msg, const uint8_t *buf, size_t len,
                         size_t pos, bool *overflow)
{
    uint32_t number = 0;

    while (pos < len) {
        uint8_t b = buf[pos++];
        uint32_t delta;
        uint32_t olen;

        if (b == LWCI_COAP_PAYLOAD_MARKER) {
            if (pos == len) {
                return LWC_ERR_MALFORMED; /* marker without payload */
            }
            msg->payload = buf + pos;
            msg->payload_len = len - pos;
            return LWC_OK;
        }
        if (read_ext(buf, len, &pos, (uint8_t)(b >> 4), &delta) != LWC_OK ||
            read_ext(buf, len, &pos, (uint8_t)(b & 0x0f), &olen) != LWC_OK) {
            return LWC_ERR_MALFORMED;
        }
        number += delta;
        if (number > OPT_NUM_MAX || olen > OPT_LEN_MAX || olen > len - pos) {
            return LWC_ERR_MALFORMED;
        }
        if (msg->opt_count < LWC_COAP_MAX_OPTIONS) {
            lwci_coap_opt_t *o = &msg->opts[msg->opt_count++];
            o->number = (uint16_t)number;
            o->len = (uint16_t)olen;
            o->value = buf + pos;
        } else {
            *overflow = true;
        }
        pos += olen;
    }
    return LWC_OK;
}

int lwci_coap_parse(lwci_coap_msg_t *msg, const uint8_t *buf, size_t len,
                    bool *header_ok)
{
    bool overflow = false;
    uint8_t cls;
    int rc;

    if (header_ok != NULL) {
        *header_ok = false;
    }
    if (msg == NULL || (buf == NULL && len > 0)) {
        return LWC_ERR_INVALID_ARG;
    }
    memset(msg, 0, sizeof(*msg));
    rc = parse_header(msg, buf, len);
    if (rc != LWC_OK) {
        return rc;
    }
    if (header_ok != NULL) {
        *header_ok = true;
    }
    /* Classes 1, 6 and 7 are reserved (RFC 7252 §12.1). */
    cls = LWCI_COAP_CODE_CLASS(msg->code);
    if (cls == 1 || cls == 6 || cls == 7) {
        return LWC_ERR_MALFORMED;
    }
    /* An Empty message is the bare 4-byte header (RFC 7252 §4.1). */
    if (msg->code == LWCI_COAP_EMPTY && len != LWCI_COAP_HEADER_LEN) {
        return LWC_ERR_MALFORMED;
    }
    rc =
        parse_options(msg, buf, len,
                      (size_t)LWCI_COAP_HEADER_LEN + msg->token_len, &overflow);
    if (rc != LWC_OK) {
        return rc;
    }
    return overflow ? LWC_ERR_NO_SPACE : LWC_OK;
}

/* ---- Writer ------------------------------------------------------------ */

/* Record the first error; later calls become no-ops returning it. */
static int fail(lwci_coap_writer_t *w, int err)
{
    if (w->err == LWC_OK) {
        w->err = err;
    }
    return w->err;
}

static size_t free_space(const lwci_coap_writer_t *w)
{
    return w->cap - w->len;
}

int lwci_coap_writer_init(lwci_coap_writer_t *w, uint8_t *buf, size_t cap,
                          uint8_t type, uint8_t code, uint16_t mid,
                          const uint8_t *token, uint8_t token_len)
{
    if (w == NULL) {
        return LWC_ERR_INVALID_ARG;
    }
    w->buf = buf;
    w->cap = cap;
    w->len = 0;
    w->last_opt = 0;
    w->has_payload = false;
    w->err = LWC_OK;
    if ((buf == NULL && cap > 0) || type > LWCI_COAP_RST ||
        token_len > LWCI_COAP_MAX_TOKEN_LEN ||
        (token == NULL && token_len > 0)) {
        return fail(w, LWC_ERR_INVALID_ARG);
    }
    if (cap < (size_t)LWCI_COAP_HEADER_LEN + token_len) {
        return fail(w, LWC_ERR_NO_SPACE);
    }
    buf[0] = (uint8_t)(0x40 | (type << 4) | token_len);
    buf[1] = code;
    buf[2] = (uint8_t)(mid >> 8);
    buf[3] = (uint8_t)(mid & 0xff);
    if (token_len > 0) {
        memcpy(buf + LWCI_COAP_HEADER_LEN, token, token_len);
    }
    w->len = (size_t)LWCI_COAP_HEADER_LEN + token_len;
    return LWC_OK;
}

void lwci_coap_writer_set_code(lwci_coap_writer_t *w, uint8_t code)
{
    if (w != NULL && w->err == LWC_OK && w->len >= LWCI_COAP_HEADER_LEN) {
        w->buf[1] = code;
    }
}

/* Extra bytes an option delta or length v needs (RFC 7252 §3.1). */
static size_t ext_len(uint32_t v)
{
    return v < EXT8_BASE ? 0 : (v < EXT16_BASE ? 1 : 2);
}

static uint8_t ext_nibble(uint32_t v)
{
    return (uint8_t)(v < EXT8_BASE ? v
                                   : (v < EXT16_BASE ? NIB_EXT8 : NIB_EXT16));
}

static size_t put_ext(uint8_t *p, uint32_t v)
{
    if (v < EXT8_BASE) {
        return 0;
    }
    if (v < EXT16_BASE) {
        p[0] = (uint8_t)(v - EXT8_BASE);
        return 1;
    }
    v -= EXT16_BASE;
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)(v & 0xff);
    return 2;
}

/*
 * Options are delta-encoded against the previous one (RFC 7252 §3.1), so
 * they must come in non-decreasing order and before the payload marker.
 * Nothing is written unless the whole option fits.
 */
int lwci_coap_add_opt(lwci_coap_writer_t *w, uint16_t number, const void *value,
                      size_t len)
{
    uint32_t delta;
    size_t need;
    uint8_t *p;

    if (w == NULL) {
        return LWC_ERR_INVALID_ARG;
    }
    if (w->err != LWC_OK) {
        return w->err;
    }
    if (w->has_payload) {
        return fail(w, LWC_ERR_STATE);
    }
    if (number < w->last_opt || len > OPT_LEN_MAX ||
        (value == NULL && len > 0)) {
        return fail(w, LWC_ERR_INVALID_ARG);
    }
    delta = (uint32_t)number - w->last_opt;
    need = 1 + ext_len(delta) + ext_len((uint32_t)len) + len;
    if (need > free_space(w)) {
        return fail(w, LWC_ERR_NO_SPACE);
    }
    p = w->buf + w->len;
    *p++ = (uint8_t)((ext_nibble(delta) << 4) | ext_nibble((uint32_t)len));
    p += put_ext(p, delta);
    p += put_ext(p, (uint32_t)len);
    if (len > 0) {
        memcpy(p, value, len);
    }
    w->len += need;
    w->last_opt = number;
    return LWC_OK;
}

/* Shortest big-endian form; 0 is the empty value (RFC 7252 §3.2). */
static size_t encode_uint(uint8_t out[4], uint32_t value)
{
    size_t n = 0;
    int shift;

    for (shift = 24; shift >= 0; shift -= 8) {
        uint8_t b = (uint8_t)(value >> shift);
        if (n > 0 || b != 0) {
            out[n++] = b;
        }
    }
    return n;
}

int lwci_coap_add_opt_uint(lwci_coap_writer_t *w, uint16_t number,
                           uint32_t value)
{
    uint8_t tmp[4];
    size_t n = encode_uint(tmp, value);

    return lwci_coap_add_opt(w, number, tmp, n);
}

int lwci_coap_add_opt_str(lwci_coap_writer_t *w, uint16_t number,
                          const char *value)
{
    if (value == NULL) {
        return w == NULL ? LWC_ERR_INVALID_ARG : fail(w, LWC_ERR_INVALID_ARG);
    }
    return lwci_coap_add_opt(w, number, value, strlen(value));
}

/* The marker 0xFF goes before the first payload byte (RFC 7252 §3). */
int lwci_coap_add_payload(lwci_coap_writer_t *w, const void *data, size_t len)
{
    size_t marker;

    if (w == NULL) {
        return LWC_ERR_INVALID_ARG;
    }
    if (w->err != LWC_OK) {
        return w->err;
    }
    if (data == NULL && len > 0) {
        return fail(w, LWC_ERR_INVALID_ARG);
    }
    if (len == 0) {
        return LWC_OK;
    }
    marker = w->has_payload ? 0 : 1;
    if (free_space(w) < marker || len > free_space(w) - marker) {
        return fail(w, LWC_ERR_NO_SPACE);
    }
    if (marker != 0) {
        w->buf[w->len++] = LWCI_COAP_PAYLOAD_MARKER;
        w->has_payload = true;
    }
    memcpy(w->buf + w->len, data, len);
    w->len += len;
    return LWC_OK;
}

uint8_t *lwci_coap_payload_ptr(lwci_coap_writer_t *w, size_t *avail)
{
    size_t marker;

    if (avail != NULL) {
        *avail = 0;
    }
    if (w == NULL || avail == NULL || w->err != LWC_OK) {
        return NULL;
    }
    marker = w->has_payload ? 0 : 1;
    if (free_space(w) <= marker) {
        return NULL;
    }
    *avail = free_space(w) - marker;
    return w->buf + w->len + marker;
}

int lwci_coap_commit_payload(lwci_coap_writer_t *w, size_t n)
{
    size_t marker;

    if (w == NULL) {
        return LWC_ERR_INVALID_ARG;
    }
    if (w->err != LWC_OK || n == 0) {
        return w->err;
    }
    marker = w->has_payload ? 0 : 1;
    if (free_space(w) < marker || n > free_space(w) - marker) {
        return fail(w, LWC_ERR_NO_SPACE);
    }
    if (marker != 0) {
        /* The encoder wrote after this byte, so it is still free. */
        w->buf[w->len] = LWCI_COAP_PAYLOAD_MARKER;
        w->has_payload = true;
    }
    w->len += marker + n;
    return LWC_OK;
}

/* ---- Option helpers ---------------------------------------------------- */

const lwci_coap_opt_t *lwci_coap_find_opt(const lwci_coap_msg_t *msg,
                                          uint16_t number, size_t *iter)
{
    size_t i = iter != NULL ? *iter : 0;

    if (msg == NULL) {
        return NULL;
    }
    for (; i < msg->opt_count; i++) {
        if (msg->opts[i].number == number) {
            if (iter != NULL) {
                *iter = i + 1;
            }
            return &msg->opts[i];
        }
    }
    if (iter != NULL) {
        *iter = msg->opt_count;
    }
    return NULL;
}

/* Leading zero bytes are accepted (RFC 7252 §3.2). */
int lwci_coap_opt_uint(const lwci_coap_opt_t *opt, uint32_t *out)
{
    uint32_t v = 0;
    size_t i;

    if (opt == NULL || out == NULL) {
        return LWC_ERR_INVALID_ARG;
    }
    if (opt->len > 4) {
        return LWC_ERR_MALFORMED;
    }
    for (i = 0; i < opt->len; i++) {
        v = (v << 8) | opt->value[i];
    }
    *out = v;
    return LWC_OK;
}

/* The single option `number`, or an error when absent or repeated. */
static int single_opt(const lwci_coap_msg_t *msg, uint16_t number,
                      const lwci_coap_opt_t **out)
{
    size_t iter = 0;

    if (msg == NULL) {
        return LWC_ERR_INVALID_ARG;
    }
    *out = lwci_coap_find_opt(msg, number, &iter);
    if (*out == NULL) {
        return LWC_ERR_NOT_FOUND;
    }
    if (lwci_coap_find_opt(msg, number, &iter) != NULL) {
        return LWC_ERR_MALFORMED;
    }
    return LWC_OK;
}

/* A uint option of at most max_len bytes. */
static int get_uint_max(const lwci_coap_msg_t *msg, uint16_t number,
                        size_t max_len, uint32_t *out)
{
    const lwci_coap_opt_t *opt;
    int rc;

    if (out == NULL) {
        return LWC_ERR_INVALID_ARG;
    }
    rc = single_opt(msg, number, &opt);
    if (rc != LWC_OK) {
        return rc;
    }
    if (opt->len > max_len) {
        return LWC_ERR_MALFORMED;
    }
    return lwci_coap_opt_uint(opt, out);
}

int lwci_coap_get_uint(const lwci_coap_msg_t *msg, uint16_t number,
                       uint32_t *out)
{
    return get_uint_max(msg, number, 4, out);
}

static int get_u16(const lwci_coap_msg_t *msg, uint16_t number, uint16_t *out)
{
    uint32_t v;
    int rc;

    if (out == NULL) {
        return LWC_ERR_INVALID_ARG;
    }
    rc = get_uint_max(msg, number, 4, &v);
    if (rc != LWC_OK) {
        return rc;
    }
    if (v > 0xffffu) {
        return LWC_ERR_MALFORMED;
    }
    *out = (uint16_t)v;
    return LWC_OK;
}

/* Content-Format and Accept are 0-2 byte uints (RFC 7252 §5.10.3, 5.10.4). */
int lwci_coap_get_content_format(const lwci_coap_msg_t *msg, uint16_t *out)
{
    return get_u16(msg, LWCI_COAP_OPT_CONTENT_FORMAT, out);
}

int lwci_coap_get_accept(const lwci_coap_msg_t *msg, uint16_t *out)
{
    return get_u16(msg, LWCI_COAP_OPT_ACCEPT, out);
}

/* Observe is a 0-3 byte uint (RFC 7641 §2). */
int lwci_coap_get_observe(const lwci_coap_msg_t *msg, uint32_t *out)
{
    return get_uint_max(msg, LWCI_COAP_OPT_OBSERVE, 3, out);
}

/* NUM (4-20 bits), M (1 bit), SZX (3 bits) in 0-3 bytes (RFC 7959 §2.2). */
int lwci_coap_get_block(const lwci_coap_msg_t *msg, uint16_t number,
                        lwci_coap_block_t *out)
{
    uint32_t v;
    int rc;

    if (out == NULL) {
        return LWC_ERR_INVALID_ARG;
    }
    rc = get_uint_max(msg, number, 3, &v);
    if (rc != LWC_OK) {
        return rc;
    }
    if ((v & 0x07u) == BLOCK_SZX_RESERVED) {
        return LWC_ERR_MALFORMED;
    }
    out->num = v >> 4;
    out->more = (v & 0x08u) != 0;
    out->szx = (uint8_t)(v & 0x07u);
    return LWC_OK;
}

int lwci_coap_add_opt_block(lwci_coap_writer_t *w, uint16_t number,
                            const lwci_coap_block_t *block)
{
    uint32_t v;

    if (w == NULL) {
        return LWC_ERR_INVALID_ARG;
    }
    if (w->err != LWC_OK) {
        return w->err;
    }
    if (block == NULL || block->num >= BLOCK_NUM_LIMIT ||
        block->szx > BLOCK_SZX_MAX) {
        return fail(w, LWC_ERR_INVALID_ARG);
    }
    v = (block->num << 4) | (block->more ? 0x08u : 0u) | block->szx;
    return lwci_coap_add_opt_uint(w, number, v);
}

/*
 * Uri-Path / Location-Path segments joined with '/' (RFC 7252 §6.5). A
 * segment holding '/' or NUL would change the path's meaning once joined,
 * so it is rejected.
 */
int lwci_coap_join_path(const lwci_coap_msg_t *msg, uint16_t number, char *out,
                        size_t cap)
{
    const lwci_coap_opt_t *opt;
    size_t iter = 0;
    size_t pos = 0;
    bool first = true;

    if (msg == NULL || out == NULL) {
        return LWC_ERR_INVALID_ARG;
    }
    if (cap == 0) {
        return LWC_ERR_NO_SPACE;
    }
    out[0] = '\0';
    while ((opt = lwci_coap_find_opt(msg, number, &iter)) != NULL) {
        size_t sep = first ? 0 : 1;

        if (opt->len > 0 && (memchr(opt->value, '/', opt->len) != NULL ||
                             memchr(opt->value, '\0', opt->len) != NULL)) {
            out[0] = '\0';
            return LWC_ERR_MALFORMED;
        }
        if (sep + opt->len >= cap - pos) {
            out[0] = '\0';
            return LWC_ERR_NO_SPACE;
        }
        if (sep != 0) {
            out[pos++] = '/';
        }
        if (opt->len > 0) {
            memcpy(out + pos, opt->value, opt->len);
        }
        pos += opt->len;
        first = false;
    }
    out[pos] = '\0';
    return LWC_OK;
}

/*
 * Every segment of a non-empty path is non-empty (no "a//b", no trailing
 * '/') and fits an option value.
 */
static bool path_valid(const char *path)
{
    size_t seg = 0;

    for (; *path != '\0'; path++) {
        if (*path == '/') {
            if (seg == 0) {
                return false;
            }
            seg = 0;
        } else if (++seg > OPT_LEN_MAX) {
            return false;
        }
    }
    return seg > 0;
}

int lwci_coap_add_path(lwci_coap_writer_t *w, uint16_t number, const char *path)
{
    if (w == NULL) {
        return LWC_ERR_INVALID_ARG;
    }
    if (w->err != LWC_OK) {
        return w->err;
    }
    if (path == NULL) {
        return fail(w, LWC_ERR_INVALID_ARG);
    }
    if (*path == '/') {
        path++;
    }
    if (*path == '\0') {
        return LWC_OK; /* the root: no segment */
    }
    if (!path_valid(path)) {
        return fail(w, LWC_ERR_INVALID_ARG);
    }
    while (*path != '\0') {
        const char *end = strchr(path, '/');
        size_t n = end != NULL ? (size_t)(end - path) : strlen(path);
        int rc = lwci_coap_add_opt(w, number, path, n);

        if (rc != LWC_OK) {
            return rc;
        }
        path += n + (end != NULL ? 1 : 0);
    }
    return LWC_OK;
}

uint16_t lwci_coap_unknown_critical(const lwci_coap_msg_t *msg,
                                    const uint16_t *known, size_t known_count)
{
    size_t i;
    size_t k;

    if (msg == NULL) {
        return 0;
    }
    for (i = 0; i < msg->opt_count; i++) {
        uint16_t num = msg->opts[i].number;
        bool found = false;

        if (!LWCI_COAP_OPT_IS_CRITICAL(num)) {
            continue;
        }
        for (k = 0; known != NULL && k < known_count && !found; k++) {
            found = known[k] == num;
        }
        if (!found) {
            return num;
        }
    }
    return 0;
}
