/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* OMA TLV reader, value codecs and writer: LwM2M TS Core 1.1 §7.4.3. */
#include "io/tlv.h"

#include <float.h>
#include <string.h>

/* ---- Reader ----------------------------------------------------------- */

int lwci_tlv_read(const uint8_t *buf, size_t len, lwci_tlv_entry_t *out,
                  size_t *consumed)
{
    if (!out || !consumed || (!buf && len)) {
        return LWC_ERR_INVALID_ARG;
    }
    if (len < 2) {
        return LWC_ERR_MALFORMED;
    }
    uint8_t t = buf[0];
    size_t id_len = (t & 0x20) ? 2 : 1;
    size_t len_len = (t >> 3) & 0x03;
    size_t hdr = 1 + id_len + len_len;
    if (hdr > len) {
        return LWC_ERR_MALFORMED;
    }
    uint16_t id = buf[1];
    if (id_len == 2) {
        id = (uint16_t)((id << 8) | buf[2]);
    }
    size_t vlen = 0;
    if (len_len == 0) {
        vlen = t & 0x07;
    } else {
        for (size_t i = 0; i < len_len; i++) {
            vlen = (vlen << 8) | buf[1 + id_len + i];
        }
    }
    if (vlen > len - hdr) {
        return LWC_ERR_MALFORMED;
    }
    out->type = (uint8_t)(t >> 6);
    out->id = id;
    out->value = buf + hdr;
    out->len = vlen;
    *consumed = hdr + vlen;
    return LWC_OK;
}

/* ---- Value decoders --------------------------------------------------- */

static uint64_t load_be(const uint8_t *v, size_t len)
{
    uint64_t x = 0;
    for (size_t i = 0; i < len; i++) {
        x = (x << 8) | v[i];
    }
    return x;
}

static bool int_len_ok(size_t len)
{
    return len == 1 || len == 2 || len == 4 || len == 8;
}

int lwci_tlv_decode_int(const uint8_t *v, size_t len, int64_t *out)
{
    if (!v || !out || !int_len_ok(len)) {
        return !out ? LWC_ERR_INVALID_ARG : LWC_ERR_MALFORMED;
    }
    uint64_t x = load_be(v, len);
    if (len < 8 && (v[0] & 0x80)) {
        x |= ~(uint64_t)0 << (len * 8); /* sign-extend */
    }
    /* Two's complement reinterpretation without implementation-defined
     * conversion: values above INT64_MAX map to negatives explicitly. */
    if (x > (uint64_t)INT64_MAX) {
        *out = -(int64_t)(~x) - 1;
    } else {
        *out = (int64_t)x;
    }
    return LWC_OK;
}

int lwci_tlv_decode_uint(const uint8_t *v, size_t len, uint64_t *out)
{
    if (!v || !out || !int_len_ok(len)) {
        return !out ? LWC_ERR_INVALID_ARG : LWC_ERR_MALFORMED;
    }
    *out = load_be(v, len);
    return LWC_OK;
}

int lwci_tlv_decode_float(const uint8_t *v, size_t len, double *out)
{
    if (!v || !out) {
        return LWC_ERR_INVALID_ARG;
    }
    if (len == 4) {
        uint32_t bits = (uint32_t)load_be(v, 4);
        float f;
        memcpy(&f, &bits, sizeof(f));
        *out = (double)f;
        return LWC_OK;
    }
    if (len == 8) {
        uint64_t bits = load_be(v, 8);
        memcpy(out, &bits, sizeof(*out));
        return LWC_OK;
    }
    return LWC_ERR_MALFORMED;
}

int lwci_tlv_decode_bool(const uint8_t *v, size_t len, bool *out)
{
    if (!v || !out) {
        return LWC_ERR_INVALID_ARG;
    }
    if (len != 1 || v[0] > 1) {
        return LWC_ERR_MALFORMED;
    }
    *out = v[0] == 1;
    return LWC_OK;
}

int lwci_tlv_decode_objlnk(const uint8_t *v, size_t len, uint16_t *oid,
                           uint16_t *iid)
{
    if (!v || !oid || !iid) {
        return LWC_ERR_INVALID_ARG;
    }
    if (len != 4) {
        return LWC_ERR_MALFORMED;
    }
    *oid = (uint16_t)((v[0] << 8) | v[1]);
    *iid = (uint16_t)((v[2] << 8) | v[3]);
    return LWC_OK;
}

int lwci_tlv_decode_time(const uint8_t *v, size_t len, int64_t *out)
{
    return lwci_tlv_decode_int(v, len, out);
}

/* ---- Writer ----------------------------------------------------------- */

size_t lwci_tlv_header_size(uint16_t id, size_t value_len)
{
    size_t n = 1 + (id > 0xFF ? 2 : 1);
    if (value_len >= 0x10000) {
        n += 3;
    } else if (value_len >= 0x100) {
        n += 2;
    } else if (value_len >= 8) {
        n += 1;
    }
    return n;
}

int lwci_tlv_write_header(uint8_t *buf, size_t cap, size_t *pos, uint8_t type,
                          uint16_t id, size_t value_len)
{
    if (!pos || (!buf && cap) || type > 3 || value_len > LWCI_TLV_MAX_LEN) {
        return LWC_ERR_INVALID_ARG;
    }
    size_t hdr = lwci_tlv_header_size(id, value_len);
    if (*pos > cap || cap - *pos < hdr) {
        return LWC_ERR_NO_SPACE;
    }
    uint8_t *p = buf + *pos;
    size_t len_len = hdr - 1 - (id > 0xFF ? 2 : 1);
    uint8_t t = (uint8_t)(type << 6);
    size_t i = 1;
    if (id > 0xFF) {
        t |= 0x20;
        p[i++] = (uint8_t)(id >> 8);
    }
    p[i++] = (uint8_t)id;
    if (len_len == 0) {
        t |= (uint8_t)value_len;
    } else {
        t |= (uint8_t)(len_len << 3);
        for (size_t k = len_len; k > 0; k--) {
            p[i++] = (uint8_t)(value_len >> (8 * (k - 1)));
        }
    }
    p[0] = t;
    *pos += hdr;
    return LWC_OK;
}

int lwci_tlv_write_bytes(uint8_t *buf, size_t cap, size_t *pos, uint8_t type,
                         uint16_t id, const void *value, size_t value_len)
{
    if (!pos || (!value && value_len)) {
        return LWC_ERR_INVALID_ARG;
    }
    size_t start = *pos;
    int rc = lwci_tlv_write_header(buf, cap, pos, type, id, value_len);
    if (rc != LWC_OK) {
        return rc;
    }
    if (cap - *pos < value_len) {
        *pos = start;
        return LWC_ERR_NO_SPACE;
    }
    if (value_len) {
        memcpy(buf + *pos, value, value_len);
    }
    *pos += value_len;
    return LWC_OK;
}

static int write_be(uint8_t *buf, size_t cap, size_t *pos, uint8_t type,
                    uint16_t id, uint64_t x, size_t n)
{
    uint8_t v[8];
    for (size_t i = 0; i < n; i++) {
        v[i] = (uint8_t)(x >> (8 * (n - 1 - i)));
    }
    return lwci_tlv_write_bytes(buf, cap, pos, type, id, v, n);
}

int lwci_tlv_write_int(uint8_t *buf, size_t cap, size_t *pos, uint8_t type,
                       uint16_t id, int64_t v)
{
    size_t n = 8;
    if (v >= INT8_MIN && v <= INT8_MAX) {
        n = 1;
    } else if (v >= INT16_MIN && v <= INT16_MAX) {
        n = 2;
    } else if (v >= INT32_MIN && v <= INT32_MAX) {
        n = 4;
    }
    return write_be(buf, cap, pos, type, id, (uint64_t)v, n);
}

int lwci_tlv_write_uint(uint8_t *buf, size_t cap, size_t *pos, uint8_t type,
                        uint16_t id, uint64_t v)
{
    size_t n = 8;
    if (v <= UINT8_MAX) {
        n = 1;
    } else if (v <= UINT16_MAX) {
        n = 2;
    } else if (v <= UINT32_MAX) {
        n = 4;
    }
    return write_be(buf, cap, pos, type, id, v, n);
}

/* True when v is representable as binary32 without loss (NaN never is, so
 * NaN payloads keep all their bits in binary64). */
static bool fits_float(double v)
{
    if (v != v) {
        return false;
    }
    if (v > FLT_MAX || v < -FLT_MAX) {
        return v > DBL_MAX || v < -DBL_MAX; /* infinities are exact */
    }
    return (double)(float)v == v;
}

int lwci_tlv_write_float(uint8_t *buf, size_t cap, size_t *pos, uint8_t type,
                         uint16_t id, double v)
{
    if (fits_float(v)) {
        float f = (float)v;
        uint32_t bits;
        memcpy(&bits, &f, sizeof(bits));
        return write_be(buf, cap, pos, type, id, bits, 4);
    }
    uint64_t bits;
    memcpy(&bits, &v, sizeof(bits));
    return write_be(buf, cap, pos, type, id, bits, 8);
}

int lwci_tlv_write_bool(uint8_t *buf, size_t cap, size_t *pos, uint8_t type,
                        uint16_t id, bool v)
{
    return write_be(buf, cap, pos, type, id, v ? 1u : 0u, 1);
}

int lwci_tlv_write_objlnk(uint8_t *buf, size_t cap, size_t *pos, uint8_t type,
                          uint16_t id, uint16_t oid, uint16_t iid)
{
    return write_be(buf, cap, pos, type, id, ((uint64_t)oid << 16) | iid, 4);
}

/* ---- Values of the data model ----------------------------------------- */

int lwci_tlv_write_value(uint8_t *buf, size_t cap, size_t *pos, uint8_t type,
                         uint16_t id, const lwc_value_t *v)
{
    if (!v) {
        return LWC_ERR_INVALID_ARG;
    }
    switch (v->type) {
    case LWC_TYPE_STRING:
    case LWC_TYPE_OPAQUE:
    case LWC_TYPE_CORELNK:
        return lwci_tlv_write_bytes(buf, cap, pos, type, id, v->bytes.data,
                                    v->bytes.len);
    case LWC_TYPE_INT:
        return lwci_tlv_write_int(buf, cap, pos, type, id, v->i);
    case LWC_TYPE_TIME:
        return lwci_tlv_write_int(buf, cap, pos, type, id, v->t);
    case LWC_TYPE_UINT:
        return lwci_tlv_write_uint(buf, cap, pos, type, id, v->u);
    case LWC_TYPE_FLOAT:
        return lwci_tlv_write_float(buf, cap, pos, type, id, v->f);
    case LWC_TYPE_BOOL:
        return lwci_tlv_write_bool(buf, cap, pos, type, id, v->b);
    case LWC_TYPE_OBJLNK:
        return lwci_tlv_write_objlnk(buf, cap, pos, type, id, v->objlnk.oid,
                                     v->objlnk.iid);
    default:
        return LWC_ERR_INVALID_ARG;
    }
}

int lwci_tlv_decode_value(const uint8_t *v, size_t len, uint8_t data_type,
                          lwc_value_t *out)
{
    if (!out || (!v && len)) {
        return LWC_ERR_INVALID_ARG;
    }
    lwc_value_t r = {0};
    int rc = LWC_OK;
    r.type = data_type;
    switch (data_type) {
    case LWC_TYPE_STRING:
    case LWC_TYPE_OPAQUE:
    case LWC_TYPE_CORELNK:
        r.bytes.data = v;
        r.bytes.len = len;
        break;
    case LWC_TYPE_INT:
        rc = lwci_tlv_decode_int(v, len, &r.i);
        break;
    case LWC_TYPE_TIME:
        rc = lwci_tlv_decode_time(v, len, &r.t);
        break;
    case LWC_TYPE_UINT:
        rc = lwci_tlv_decode_uint(v, len, &r.u);
        break;
    case LWC_TYPE_FLOAT:
        rc = lwci_tlv_decode_float(v, len, &r.f);
        break;
    case LWC_TYPE_BOOL:
        rc = lwci_tlv_decode_bool(v, len, &r.b);
        break;
    case LWC_TYPE_OBJLNK:
        rc = lwci_tlv_decode_objlnk(v, len, &r.objlnk.oid, &r.objlnk.iid);
        break;
    default:
        return LWC_ERR_INVALID_ARG;
    }
    if (rc == LWC_OK) {
        *out = r;
    }
    return rc;
}
