/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Values through the read handler: type conversion, result codes, and the
 * typed getters the client core uses for Security/Server/Device values. */
#include <string.h>

#include "dm/dm_internal.h"

bool lwci_dm_readable(const lwc_resource_def_t *def, bool bootstrap)
{
    if (def->ops & LWC_OP_E) {
        return false;
    }
    return (def->ops & LWC_OP_R) || bootstrap;
}

bool lwci_dm_writable(const lwc_resource_def_t *def, bool bootstrap)
{
    if (def->ops & LWC_OP_E) {
        return false;
    }
    /* Bootstrap-Write may write any resource (LwM2M 1.1 Core §5.2.7.4). */
    return (def->ops & LWC_OP_W) || bootstrap;
}

uint8_t lwci_dm_code(int rc, uint8_t ok, bool writing)
{
    if (rc == LWC_OK) {
        return ok;
    }
    if (rc >= 0x80 && rc <= 0xBF) {
        return (uint8_t)rc; /* a 4.xx or 5.xx code from a handler, as is */
    }
    if (rc > 0) {
        /* Not an error code: a handler must not make a failure look like
         * success (2.04) or like "go on" (LWCI_DM_WSTREAM_MORE). */
        return LWC_COAP_INTERNAL_SERVER_ERROR;
    }
    switch (rc) {
    case LWC_ERR_NOT_FOUND:
        return LWC_COAP_NOT_FOUND;
    case LWC_ERR_INVALID_ARG:
    case LWC_ERR_MALFORMED:
        return LWC_COAP_BAD_REQUEST;
    case LWC_ERR_DENIED:
        return LWC_COAP_UNAUTHORIZED;
    case LWC_ERR_NO_SPACE:
    case LWC_ERR_TOO_LARGE:
        return writing ? LWC_COAP_REQUEST_ENTITY_TOO_LARGE
                       : LWC_COAP_INTERNAL_SERVER_ERROR;
    case LWC_ERR_UNSUPPORTED:
        return LWC_COAP_NOT_IMPLEMENTED;
    default:
        return LWC_COAP_INTERNAL_SERVER_ERROR;
    }
}

static bool is_integer(uint8_t t)
{
    return t == LWC_TYPE_INT || t == LWC_TYPE_UINT || t == LWC_TYPE_TIME;
}

static bool is_bytes(uint8_t t)
{
    return t == LWC_TYPE_STRING || t == LWC_TYPE_CORELNK ||
           t == LWC_TYPE_OPAQUE;
}

/* An INT/UINT/TIME value to another of those types, range-checked. */
static int convert_integer(lwc_value_t *v, uint8_t type)
{
    bool neg = false;
    uint64_t mag = 0;
    int64_t s = 0;
    if (v->type == LWC_TYPE_UINT) {
        mag = v->u;
    } else {
        s = v->type == LWC_TYPE_INT ? v->i : v->t;
        neg = s < 0;
        mag = neg ? 0 : (uint64_t)s;
    }
    if (type == LWC_TYPE_UINT) {
        if (neg) {
            return LWC_ERR_MALFORMED;
        }
        v->u = mag;
    } else {
        if (!neg && mag > (uint64_t)INT64_MAX) {
            return LWC_ERR_MALFORMED;
        }
        s = neg ? s : (int64_t)mag;
        if (type == LWC_TYPE_INT) {
            v->i = s;
        } else {
            v->t = s;
        }
    }
    v->type = type;
    return LWC_OK;
}

int lwci_dm_convert(lwc_value_t *v, uint8_t type)
{
    if (v->type == type) {
        return LWC_OK;
    }
    if (is_integer(v->type) && is_integer(type)) {
        return convert_integer(v, type);
    }
    if (type == LWC_TYPE_FLOAT &&
        (v->type == LWC_TYPE_INT || v->type == LWC_TYPE_UINT)) {
        double f = v->type == LWC_TYPE_INT ? (double)v->i : (double)v->u;
        v->f = f;
        v->type = type;
        return LWC_OK;
    }
    if (is_bytes(v->type) && is_bytes(type) && type != LWC_TYPE_OPAQUE &&
        v->type != LWC_TYPE_OPAQUE) {
        v->type = type; /* string <-> core link */
        return LWC_OK;
    }
    return LWC_ERR_MALFORMED;
}

int lwci_dm_read_value(const lwc_object_t *obj, uint16_t iid,
                       const lwc_resource_def_t *def, uint16_t riid,
                       lwc_value_t *out)
{
    memset(out, 0, sizeof(*out));
    out->type = def->type;
    int rc = obj->handlers->read(obj->user_ctx, iid, def->rid, riid, out);
    if (rc == LWC_ERR_NO_SPACE || rc == LWC_ERR_TOO_LARGE) {
        return LWC_ERR_INTERNAL;
    }
    if (rc != LWC_OK) {
        return rc;
    }
    if (is_bytes(out->type) && !out->bytes.data && out->bytes.len) {
        return LWC_ERR_INTERNAL;
    }
    return lwci_dm_convert(out, def->type) == LWC_OK ? LWC_OK
                                                     : LWC_ERR_INTERNAL;
}

/* ---- Typed getters for the core --------------------------------------- */

/* Read the value at a resource (len 3) or resource instance (len 4) path,
 * whatever its operations. */
static int get_value(lwci_dm_t *dm, const lwc_path_t *path, lwc_value_t *v)
{
    if (!dm || !path || path->len < 3 || !lwc_path_is_valid(path)) {
        return LWC_ERR_NOT_FOUND;
    }
    const lwc_object_t *obj = lwci_dm_find_object(dm, path->ids[0]);
    const lwc_resource_def_t *def =
        obj ? lwci_dm_find_resource(obj, path->ids[2]) : NULL;
    if (!def || def->type == LWC_TYPE_NONE ||
        def->multiple != (path->len == 4)) {
        return LWC_ERR_NOT_FOUND;
    }
    int rc = lwci_dm_instance_exists(obj, path->ids[1]);
    if (rc != LWC_OK) {
        return LWC_ERR_NOT_FOUND;
    }
    uint16_t riid = path->len == 4 ? path->ids[3] : LWC_ID_NONE;
    rc = lwci_dm_read_value(obj, path->ids[1], def, riid, v);
    if (rc == LWC_ERR_INTERNAL) {
        return LWC_ERR_MALFORMED;
    }
    return rc == LWC_OK ? LWC_OK : LWC_ERR_NOT_FOUND;
}

int lwci_dm_get_int(lwci_dm_t *dm, const lwc_path_t *path, int64_t *out)
{
    lwc_value_t v;
    int rc = get_value(dm, path, &v);
    if (rc == LWC_OK) {
        rc = is_integer(v.type) ? convert_integer(&v, LWC_TYPE_INT)
                                : LWC_ERR_MALFORMED;
    }
    if (rc == LWC_OK && out) {
        *out = v.i;
    }
    return rc;
}

int lwci_dm_get_bool(lwci_dm_t *dm, const lwc_path_t *path, bool *out)
{
    lwc_value_t v;
    int rc = get_value(dm, path, &v);
    if (rc == LWC_OK && v.type != LWC_TYPE_BOOL) {
        rc = LWC_ERR_MALFORMED;
    }
    if (rc == LWC_OK && out) {
        *out = v.b;
    }
    return rc;
}

int lwci_dm_get_string(lwci_dm_t *dm, const lwc_path_t *path, char *buf,
                       size_t cap)
{
    lwc_value_t v;
    int rc = get_value(dm, path, &v);
    if (rc != LWC_OK) {
        return rc;
    }
    if (v.type != LWC_TYPE_STRING && v.type != LWC_TYPE_CORELNK) {
        return LWC_ERR_MALFORMED;
    }
    if (!buf || v.bytes.len + 1 > cap) {
        return LWC_ERR_NO_SPACE;
    }
    if (v.bytes.len) {
        memcpy(buf, v.bytes.data, v.bytes.len);
    }
    buf[v.bytes.len] = '\0';
    return LWC_OK;
}

int lwci_dm_get_opaque(lwci_dm_t *dm, const lwc_path_t *path, uint8_t *buf,
                       size_t cap, size_t *len)
{
    lwc_value_t v;
    int rc = get_value(dm, path, &v);
    if (rc != LWC_OK) {
        return rc;
    }
    if (!is_bytes(v.type)) {
        return LWC_ERR_MALFORMED;
    }
    if ((!buf && v.bytes.len) || v.bytes.len > cap) {
        return LWC_ERR_NO_SPACE;
    }
    if (v.bytes.len) {
        memcpy(buf, v.bytes.data, v.bytes.len);
    }
    if (len) {
        *len = v.bytes.len;
    }
    return LWC_OK;
}
