/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Read (LwM2M 1.1 Core §6.3.1 / Transport §8.2.4) of an object, instance,
 * resource or resource instance, in text/plain (§7.4.1), opaque (§7.4.2) or
 * TLV (§7.4.3). An optional resource whose read handler says
 * LWC_ERR_NOT_FOUND is absent: left out of instance reads, 4.04 when read
 * directly.
 */
#include <string.h>

#include "dm/dm_internal.h"
#include "io/text.h"
#include "io/tlv.h"

/* ---- Nested TLV entries: reserve the largest header that can fit, then
 * shrink it once the content length is known. ---- */

static int tlv_open(lwci_dm_out_t *o, uint16_t id, size_t *mark,
                    size_t *reserved)
{
    size_t room = o->cap - o->pos;
    size_t h = lwci_tlv_header_size(
        id, room > LWCI_TLV_MAX_LEN ? LWCI_TLV_MAX_LEN : room);
    if (h > room) {
        return LWC_ERR_NO_SPACE;
    }
    *mark = o->pos;
    *reserved = h;
    o->pos += h;
    return LWC_OK;
}

static int tlv_close(lwci_dm_out_t *o, uint8_t type, uint16_t id, size_t mark,
                     size_t reserved)
{
    size_t vlen = o->pos - mark - reserved;
    uint8_t hdr[LWCI_TLV_MAX_HEADER];
    size_t hl = 0;
    int rc = lwci_tlv_write_header(hdr, sizeof(hdr), &hl, type, id, vlen);
    if (rc != LWC_OK) {
        return LWC_ERR_NO_SPACE;
    }
    memmove(o->buf + mark + hl, o->buf + mark + reserved, vlen);
    memcpy(o->buf + mark, hdr, hl);
    o->pos = mark + hl + vlen;
    return LWC_OK;
}

/* ---- TLV ---------------------------------------------------------------- */

static int tlv_value(const lwc_object_t *obj, uint16_t iid,
                     const lwc_resource_def_t *def, uint16_t riid,
                     lwci_dm_out_t *o)
{
    lwc_value_t v;
    int rc = lwci_dm_read_value(obj, iid, def, riid, &v);
    if (rc != LWC_OK) {
        return rc;
    }
    uint8_t type =
        riid == LWC_ID_NONE ? LWCI_TLV_RESOURCE : LWCI_TLV_RESOURCE_INSTANCE;
    uint16_t id = riid == LWC_ID_NONE ? def->rid : riid;
    return lwci_tlv_write_value(o->buf, o->cap, &o->pos, type, id, &v);
}

/* A multiple resource as a "multiple resource" entry of resource
 * instances. LWC_ERR_NOT_FOUND when the list handler says it is absent. */
static int tlv_multiple(const lwc_object_t *obj, uint16_t iid,
                        const lwc_resource_def_t *def, lwci_dm_out_t *o)
{
    int32_t riid;
    int rc = lwci_dm_next_resource_instance(obj, iid, def->rid, -1, &riid);
    size_t mark = 0, reserved = 0;
    if (rc == LWC_OK) {
        rc = tlv_open(o, def->rid, &mark, &reserved);
    }
    /* riid grows strictly, so this ends within 65535 steps. */
    while (rc == LWC_OK && riid >= 0) {
        rc = tlv_value(obj, iid, def, (uint16_t)riid, o);
        if (rc == LWC_ERR_NOT_FOUND) {
            rc = LWC_OK; /* vanished since listed: leave it out */
        }
        if (rc == LWC_OK) {
            rc =
                lwci_dm_next_resource_instance(obj, iid, def->rid, riid, &riid);
        }
    }
    if (rc == LWC_OK) {
        rc = tlv_close(o, LWCI_TLV_MULTIPLE_RESOURCE, def->rid, mark, reserved);
    }
    return rc;
}

static int tlv_resource(const lwc_object_t *obj, uint16_t iid,
                        const lwc_resource_def_t *def, lwci_dm_out_t *o)
{
    if (def->multiple) {
        return tlv_multiple(obj, iid, def, o);
    }
    return tlv_value(obj, iid, def, LWC_ID_NONE, o);
}

/* Every present readable resource of an instance, in ID order. */
static int tlv_instance_body(const lwc_object_t *obj, uint16_t iid,
                             bool bootstrap, lwci_dm_out_t *o)
{
    for (size_t i = 0; i < obj->resource_count; i++) {
        const lwc_resource_def_t *def = &obj->resources[i];
        if (!lwci_dm_readable(def, bootstrap)) {
            continue;
        }
        size_t before = o->pos;
        int rc = tlv_resource(obj, iid, def, o);
        if (rc == LWC_ERR_NOT_FOUND) {
            o->pos = before; /* absent optional resource */
            continue;
        }
        if (rc != LWC_OK) {
            return rc;
        }
    }
    return LWC_OK;
}

/* Every instance as an "object instance" entry. */
static int tlv_object(const lwc_object_t *obj, bool bootstrap, lwci_dm_out_t *o)
{
    int32_t after = -1;
    uint16_t iid;
    while (lwci_dm_obj_next_instance(obj, after, &iid) == LWC_OK) {
        size_t mark, reserved;
        int rc = tlv_open(o, iid, &mark, &reserved);
        if (rc == LWC_OK) {
            rc = tlv_instance_body(obj, iid, bootstrap, o);
        }
        if (rc == LWC_OK) {
            rc = tlv_close(o, LWCI_TLV_OBJECT_INSTANCE, iid, mark, reserved);
        }
        if (rc != LWC_OK) {
            return rc;
        }
        after = iid;
    }
    return LWC_OK;
}

/* ---- Single values in text/plain or opaque ---------------------------- */

static int plain_value(const lwc_object_t *obj, uint16_t iid,
                       const lwc_resource_def_t *def, uint16_t riid,
                       int32_t format, lwci_dm_out_t *o)
{
    lwc_value_t v;
    int rc = lwci_dm_read_value(obj, iid, def, riid, &v);
    if (rc != LWC_OK) {
        return rc;
    }
    size_t n = 0;
    if (format == LWC_FORMAT_TEXT) {
        rc = lwci_text_encode(&v, (char *)o->buf, o->cap, &n);
    } else if (v.bytes.len > o->cap) {
        rc = LWC_ERR_NO_SPACE;
    } else {
        n = v.bytes.len;
        if (n) {
            memcpy(o->buf, v.bytes.data, n);
        }
    }
    o->pos = n;
    return rc;
}

/*
 * The response format, or a negative CoAP code: a single value (resource
 * or resource instance) defaults to text/plain, or opaque for an opaque
 * resource; anything else is TLV (SenML CBOR comes later).
 */
static int32_t pick_format(int32_t accept, const lwc_resource_def_t *def,
                           bool single_value)
{
    bool opaque = def && def->type == LWC_TYPE_OPAQUE;
    if (accept == -1) {
        if (!single_value) {
            return LWC_FORMAT_TLV;
        }
        return opaque ? LWC_FORMAT_OPAQUE : LWC_FORMAT_TEXT;
    }
    if (accept == LWC_FORMAT_TLV) {
        return LWC_FORMAT_TLV;
    }
    if (single_value && ((accept == LWC_FORMAT_TEXT && !opaque) ||
                         (accept == LWC_FORMAT_OPAQUE && opaque))) {
        return accept;
    }
    return -LWC_COAP_NOT_ACCEPTABLE;
}

/* /o/i/r or /o/i/r/ri. */
static int read_resource(const lwci_dm_request_t *req, const lwc_object_t *obj,
                         const lwc_resource_def_t *def, int32_t format,
                         lwci_dm_out_t *o)
{
    uint16_t iid = req->path.ids[1];
    if (req->path.len == 4) {
        uint16_t riid = req->path.ids[3];
        if (format != LWC_FORMAT_TLV) {
            return plain_value(obj, iid, def, riid, format, o);
        }
        return tlv_value(obj, iid, def, riid, o);
    }
    if (def->multiple) {
        return tlv_multiple(obj, iid, def, o);
    }
    if (format != LWC_FORMAT_TLV) {
        return plain_value(obj, iid, def, LWC_ID_NONE, format, o);
    }
    return tlv_value(obj, iid, def, LWC_ID_NONE, o);
}

/* Checks of a resource path: a negative CoAP code, or 0. */
static int check_resource(const lwci_dm_request_t *req, const lwc_object_t *obj,
                          const lwc_resource_def_t **def)
{
    *def = lwci_dm_find_resource(obj, req->path.ids[2]);
    if (!*def) {
        return -LWC_COAP_NOT_FOUND;
    }
    if (!lwci_dm_readable(*def, req->bootstrap)) {
        return -LWC_COAP_METHOD_NOT_ALLOWED;
    }
    if (req->path.len == 4 && !(*def)->multiple) {
        return -LWC_COAP_NOT_FOUND;
    }
    return 0;
}

void lwci_dm_do_read(lwci_dm_t *dm, const lwci_dm_request_t *req,
                     const lwc_object_t *obj, lwci_dm_out_t *o,
                     lwci_dm_response_t *resp)
{
    (void)dm;
    const lwc_resource_def_t *def = NULL;
    int rc = 0;
    if (req->path.len >= 3) {
        rc = check_resource(req, obj, &def);
    }
    bool single = def && (req->path.len == 4 || !def->multiple);
    int32_t format = rc < 0 ? rc : pick_format(req->accept, def, single);
    if (format < 0) {
        resp->code = (uint8_t)-format;
        return;
    }
    if (req->path.len >= 2) {
        rc = lwci_dm_instance_exists(obj, req->path.ids[1]);
    }
    if (rc == LWC_OK) {
        if (req->path.len == 1) {
            rc = tlv_object(obj, req->bootstrap, o);
        } else if (req->path.len == 2) {
            rc = tlv_instance_body(obj, req->path.ids[1], req->bootstrap, o);
        } else {
            rc = read_resource(req, obj, def, format, o);
        }
    }
    if (rc == LWC_ERR_NO_SPACE) {
        resp->code = LWC_COAP_REQUEST_ENTITY_TOO_LARGE; /* no Block2 yet */
    } else {
        resp->code = lwci_dm_code(rc, LWC_COAP_CONTENT, false);
    }
    if (rc == LWC_OK) {
        resp->content_format = format;
        resp->payload_len = o->pos;
    }
}
