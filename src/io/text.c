/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Plain text content format: LwM2M TS Core 1.1 §7.4.1. */
#include "io/text.h"

#include <string.h>

/* ---- Integers --------------------------------------------------------- */

size_t lwci_text_format_uint(uint64_t v, char *buf, size_t cap)
{
    char tmp[20];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + (v % 10));
        v /= 10;
    } while (v);
    if (!buf || n > cap) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        buf[i] = tmp[n - 1 - i];
    }
    return n;
}

size_t lwci_text_format_int(int64_t v, char *buf, size_t cap)
{
    if (v >= 0) {
        return lwci_text_format_uint((uint64_t)v, buf, cap);
    }
    if (!buf || cap < 2) {
        return 0;
    }
    /* -(v + 1) + 1 avoids overflowing on INT64_MIN. */
    uint64_t mag = (uint64_t)(-(v + 1)) + 1u;
    size_t n = lwci_text_format_uint(mag, buf + 1, cap - 1);
    if (n == 0) {
        return 0;
    }
    buf[0] = '-';
    return n + 1;
}

/* Digits only, at least one; *out may not exceed `max`. */
static int parse_digits(const char *s, size_t len, uint64_t max, uint64_t *out)
{
    if (len == 0) {
        return LWC_ERR_MALFORMED;
    }
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return LWC_ERR_MALFORMED;
        }
        unsigned d = (unsigned)(s[i] - '0');
        if (v > (max - d) / 10) {
            return LWC_ERR_MALFORMED;
        }
        v = v * 10 + d;
    }
    *out = v;
    return LWC_OK;
}

int lwci_text_parse_uint(const char *s, size_t len, uint64_t *out)
{
    if (!out || (!s && len)) {
        return LWC_ERR_INVALID_ARG;
    }
    if (len && s[0] == '+') {
        s++;
        len--;
    }
    return parse_digits(s, len, UINT64_MAX, out);
}

int lwci_text_parse_int(const char *s, size_t len, int64_t *out)
{
    if (!out || (!s && len)) {
        return LWC_ERR_INVALID_ARG;
    }
    bool neg = len && s[0] == '-';
    if (len && (s[0] == '-' || s[0] == '+')) {
        s++;
        len--;
    }
    uint64_t max = neg ? (uint64_t)INT64_MAX + 1u : (uint64_t)INT64_MAX;
    uint64_t mag;
    int rc = parse_digits(s, len, max, &mag);
    if (rc != LWC_OK) {
        return rc;
    }
    if (neg) {
        *out = mag == 0 ? 0 : -(int64_t)(mag - 1u) - 1;
    } else {
        *out = (int64_t)mag;
    }
    return LWC_OK;
}

/* ---- Values ----------------------------------------------------------- */

static int put_bytes(const void *p, size_t n, char *buf, size_t cap,
                     size_t *len)
{
    if (n > cap) {
        return LWC_ERR_NO_SPACE;
    }
    if (n) {
        memcpy(buf, p, n);
    }
    *len = n;
    return LWC_OK;
}

static int encode_objlnk(const lwc_value_t *v, char *buf, size_t cap,
                         size_t *len)
{
    char tmp[12];
    size_t n = lwci_text_format_uint(v->objlnk.oid, tmp, sizeof(tmp));
    tmp[n++] = ':';
    n += lwci_text_format_uint(v->objlnk.iid, tmp + n, sizeof(tmp) - n);
    return put_bytes(tmp, n, buf, cap, len);
}

size_t lwci_text_format_number(const lwc_value_t *v, char *buf, size_t cap)
{
    switch (v->type) {
    case LWC_TYPE_INT:
        return lwci_text_format_int(v->i, buf, cap);
    case LWC_TYPE_TIME:
        return lwci_text_format_int(v->t, buf, cap);
    case LWC_TYPE_UINT:
        return lwci_text_format_uint(v->u, buf, cap);
    case LWC_TYPE_FLOAT:
        return lwci_text_format_float(v->f, buf, cap);
    default:
        return 0;
    }
}

int lwci_text_encode(const lwc_value_t *v, char *buf, size_t cap, size_t *len)
{
    if (!v || !len || (!buf && cap)) {
        return LWC_ERR_INVALID_ARG;
    }
    char num[LWCI_TEXT_NUMBER_MAX];
    size_t n;
    switch (v->type) {
    case LWC_TYPE_STRING:
    case LWC_TYPE_CORELNK:
        if (!v->bytes.data && v->bytes.len) {
            return LWC_ERR_INVALID_ARG;
        }
        return put_bytes(v->bytes.data, v->bytes.len, buf, cap, len);
    case LWC_TYPE_INT:
    case LWC_TYPE_TIME:
    case LWC_TYPE_UINT:
    case LWC_TYPE_FLOAT:
        n = lwci_text_format_number(v, num, sizeof(num));
        break;
    case LWC_TYPE_BOOL:
        return put_bytes(v->b ? "1" : "0", 1, buf, cap, len);
    case LWC_TYPE_OBJLNK:
        return encode_objlnk(v, buf, cap, len);
    case LWC_TYPE_OPAQUE:
    case LWC_TYPE_NONE:
        return LWC_ERR_UNSUPPORTED;
    default:
        return LWC_ERR_INVALID_ARG;
    }
    return put_bytes(num, n, buf, cap, len);
}

static int decode_objlnk(const char *s, size_t len, lwc_value_t *out)
{
    const char *colon = len ? memchr(s, ':', len) : NULL;
    if (!colon) {
        return LWC_ERR_MALFORMED;
    }
    size_t a = (size_t)(colon - s);
    uint64_t oid, iid;
    if (parse_digits(s, a, 65535u, &oid) != LWC_OK ||
        parse_digits(colon + 1, len - a - 1, 65535u, &iid) != LWC_OK) {
        return LWC_ERR_MALFORMED;
    }
    *out = lwc_value_objlnk((uint16_t)oid, (uint16_t)iid);
    return LWC_OK;
}

int lwci_text_decode(const char *s, size_t len, uint8_t type, lwc_value_t *out)
{
    if (!out || (!s && len)) {
        return LWC_ERR_INVALID_ARG;
    }
    lwc_value_t v = {0};
    int rc = LWC_OK;
    v.type = type;
    switch (type) {
    case LWC_TYPE_STRING:
    case LWC_TYPE_CORELNK:
        v.bytes.data = s;
        v.bytes.len = len;
        break;
    case LWC_TYPE_INT:
        rc = lwci_text_parse_int(s, len, &v.i);
        break;
    case LWC_TYPE_TIME:
        rc = lwci_text_parse_int(s, len, &v.t);
        break;
    case LWC_TYPE_UINT:
        rc = lwci_text_parse_uint(s, len, &v.u);
        break;
    case LWC_TYPE_FLOAT:
        rc = lwci_text_parse_float(s, len, &v.f);
        break;
    case LWC_TYPE_BOOL:
        if (len != 1 || (s[0] != '0' && s[0] != '1')) {
            return LWC_ERR_MALFORMED;
        }
        v.b = s[0] == '1';
        break;
    case LWC_TYPE_OBJLNK:
        rc = decode_objlnk(s, len, &v);
        break;
    case LWC_TYPE_OPAQUE:
    case LWC_TYPE_NONE:
        return LWC_ERR_UNSUPPORTED;
    default:
        return LWC_ERR_INVALID_ARG;
    }
    if (rc == LWC_OK) {
        *out = v;
    }
    return rc;
}
