/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Applying a Write or Create payload (LwM2M 1.1 Core §6.3.3, §6.3.6) in
 * any format with an io.h decoder: entry by entry, each checked against
 * the request path and the resource definitions, then converted to the
 * declared type and handed to the write handler.
 */
#include "dm/dm_internal.h"

bool lwci_dm_single_value_format(int32_t format)
{
    return format == LWC_FORMAT_TEXT || format == LWC_FORMAT_OPAQUE ||
           format == LWC_FORMAT_CBOR;
}

/* Write-Replace of a multiple resource removes its old instances first,
 * once per resource (LwM2M 1.1 Core §6.3.3). */
static int clear_multiple(const lwc_object_t *obj, uint16_t iid,
                          const lwc_resource_def_t *def, lwci_dm_pass_t *ps,
                          bool apply)
{
    if (ps->cleared == (int32_t)def->rid) {
        return LWC_OK;
    }
    ps->cleared = def->rid;
    if (!apply || !obj->handlers->resource_clear) {
        return LWC_OK;
    }
    return obj->handlers->resource_clear(obj->user_ctx, iid, def->rid);
}

/* The entry's path, with the target's instance ID filled in. */
static int entry_path(const lwci_dm_payload_t *p, const lwci_io_entry_t *e,
                      lwc_path_t *path)
{
    *path = e->path;
    if (path->len >= 2 && path->ids[1] == LWC_ID_NONE && p->target.len >= 2) {
        path->ids[1] = p->target.ids[1];
    }
    if (!lwc_path_is_valid(path) || !lwc_path_starts_with(path, &p->target)) {
        return LWC_COAP_BAD_REQUEST; /* outside what the request addresses */
    }
    if (p->single && !lwc_path_equal(path, &p->target)) {
        return LWC_COAP_BAD_REQUEST;
    }
    return LWC_OK;
}

/* An entry without a value: an empty instance or multiple resource. */
static int put_none(const lwc_object_t *obj, const lwci_dm_payload_t *p,
                    const lwc_path_t *path, lwci_dm_pass_t *ps, bool apply)
{
    if (path->len == 2) {
        return LWC_OK;
    }
    const lwc_resource_def_t *def = lwci_dm_find_resource(obj, path->ids[2]);
    if (!def) {
        return LWC_COAP_NOT_FOUND;
    }
    if (path->len != 3 || !def->multiple) {
        return LWC_COAP_BAD_REQUEST;
    }
    if (!lwci_dm_writable(def, p->bootstrap) || !obj->handlers->write) {
        return LWC_COAP_METHOD_NOT_ALLOWED;
    }
    return p->replace ? clear_multiple(obj, path->ids[1], def, ps, apply)
                      : LWC_OK;
}

int lwci_dm_payload_entry(const lwc_object_t *obj, const lwci_dm_payload_t *p,
                          const lwci_io_entry_t *e, lwci_dm_pass_t *ps,
                          bool apply)
{
    lwc_path_t path;
    int rc = entry_path(p, e, &path);
    if (rc != LWC_OK) {
        return rc;
    }
    if (e->kind == LWCI_IO_NONE) {
        return put_none(obj, p, &path, ps, apply);
    }
    if (path.len < 3 || (p->single && ps->count > 0)) {
        return LWC_COAP_BAD_REQUEST;
    }
    const lwc_resource_def_t *def = lwci_dm_find_resource(obj, path.ids[2]);
    if (!def) {
        return LWC_COAP_NOT_FOUND;
    }
    if (def->multiple != (path.len == 4)) {
        return LWC_COAP_BAD_REQUEST;
    }
    if (!lwci_dm_writable(def, p->bootstrap) || !obj->handlers->write) {
        return LWC_COAP_METHOD_NOT_ALLOWED;
    }
    lwc_value_t val;
    if (lwci_io_entry_value(e, p->format, def->type, &val) != LWC_OK) {
        return LWC_COAP_BAD_REQUEST;
    }
    ps->count++;
    /* Replacing one Resource Instance (PUT /o/i/r/ri) leaves its siblings
     * alone; replacing the resource or the instance replaces them all. */
    if (def->multiple && p->replace && p->target.len < 4) {
        rc = clear_multiple(obj, path.ids[1], def, ps, apply);
    }
    if (rc != LWC_OK || !apply) {
        return rc;
    }
    uint16_t riid = path.len == 4 ? path.ids[3] : LWC_ID_NONE;
    return obj->handlers->write(obj->user_ctx, path.ids[1], def->rid, riid,
                                &val);
}

/* A decoder's failure as the code to answer. */
static int decode_error(int rc)
{
    if (rc == LWC_ERR_TOO_LARGE) {
        return LWC_COAP_REQUEST_ENTITY_TOO_LARGE;
    }
    if (rc == LWC_ERR_MALFORMED || rc == LWC_ERR_WOULD_BLOCK) {
        return LWC_COAP_BAD_REQUEST; /* the whole payload is here */
    }
    return rc;
}

/* A Write-Replace of a whole multiple resource clears it even when the
 * payload holds no instance. */
int lwci_dm_payload_start(const lwc_object_t *obj, const lwci_dm_payload_t *p,
                          lwci_dm_pass_t *ps, bool apply)
{
    ps->count = 0;
    ps->cleared = -1;
    if (!p->replace || p->target.len != 3) {
        return LWC_OK;
    }
    const lwc_resource_def_t *def =
        lwci_dm_find_resource(obj, p->target.ids[2]);
    if (!def || !def->multiple) {
        return LWC_OK;
    }
    return clear_multiple(obj, p->target.ids[1], def, ps, apply);
}

/* Every entry of the payload through lwci_dm_payload_entry(). */
static int decode_all(const lwc_object_t *obj, const lwci_dm_payload_t *p,
                      lwci_dm_pass_t *ps, bool apply)
{
    uint8_t scratch[LWCI_DM_DECODE_SCRATCH];
    lwci_io_decoder_t d = {
        .ops = p->dec, .scratch = scratch, .scratch_cap = sizeof(scratch)};
    const uint8_t *buf = p->payload;
    size_t len = p->payload_len;
    int rc = d.ops->begin(&d, &p->base);
    /* Every entry but a single-value format's one consumes input, so a
     * working decoder needs payload_len + 2 calls at most. */
    for (size_t n = 0; rc == LWC_OK && n < p->payload_len + 2; n++) {
        lwci_io_entry_t e;
        size_t used = 0;
        rc = d.ops->next(&d, buf, len, true, &e, &used);
        if (rc == LWC_ERR_NOT_FOUND) {
            return LWC_OK; /* the payload ended cleanly */
        }
        if (rc != LWC_OK) {
            return decode_error(rc);
        }
        if (used > len) {
            return LWC_ERR_INTERNAL;
        }
        rc = lwci_dm_payload_entry(obj, p, &e, ps, apply);
        if (used > 0) { /* buf is NULL for an empty payload */
            buf += used;
            len -= used;
        }
    }
    return rc == LWC_OK ? LWC_ERR_INTERNAL : rc; /* no progress */
}

int lwci_dm_payload_end(const lwci_dm_payload_t *p, const lwci_dm_pass_t *ps)
{
    return p->single && ps->count != 1 ? LWC_COAP_BAD_REQUEST : LWC_OK;
}

int lwci_dm_apply_payload(const lwc_object_t *obj, const lwci_dm_payload_t *p,
                          bool apply)
{
    lwci_dm_pass_t ps;
    int rc = lwci_dm_payload_start(obj, p, &ps, apply);
    if (rc == LWC_OK && p->dec) {
        rc = decode_all(obj, p, &ps, apply);
    }
    return rc == LWC_OK ? lwci_dm_payload_end(p, &ps) : rc;
}

int lwci_dm_payload_first_path(const lwci_dm_payload_t *p, lwc_path_t *path)
{
    uint8_t scratch[LWCI_DM_DECODE_SCRATCH];
    lwci_io_decoder_t d = {
        .ops = p->dec, .scratch = scratch, .scratch_cap = sizeof(scratch)};
    lwci_io_entry_t e;
    size_t used = 0;
    if (!p->dec) {
        return LWC_ERR_NOT_FOUND;
    }
    int rc = d.ops->begin(&d, &p->base);
    if (rc == LWC_OK) {
        rc = d.ops->next(&d, p->payload, p->payload_len, true, &e, &used);
    }
    if (rc == LWC_OK) {
        *path = e.path;
        return LWC_OK;
    }
    return rc == LWC_ERR_NOT_FOUND ? rc : decode_error(rc);
}
