/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Streamed Write (LwM2M 1.1 Core §6.3.3 over RFC 7959 §2.5 Block1): the
 * payload of a Write arrives block by block; each complete entry is
 * checked against the request path and the resource definitions and
 * written inside the object's transaction, opened at the first block and
 * committed after the last. The checks are those of payload.c, applied
 * one entry at a time since the whole payload is never held.
 */
#include <string.h>

#include <lwc/client.h> /* LWCI_DM_WSTREAM_SIZE */

#include "dm/dm_internal.h"

struct lwci_dm_wstream {
    lwci_dm_t *dm;
    const lwc_object_t *obj; /* NULL when no session is open */
    lwci_io_decoder_t dec;
    lwc_path_t target;
    uint16_t format;
    bool replace;
    bool bootstrap;
    bool single;     /* exactly one value, at target itself */
    size_t count;    /* entries with a value written */
    int32_t cleared; /* multiple resource last cleared, -1 for none */
};

_Static_assert(sizeof(lwci_dm_wstream_t) <= LWCI_DM_WSTREAM_SIZE,
               "LWCI_DM_WSTREAM_SIZE too small for the write session");

/* Path checks as for a Write: 0 or the CoAP code. */
static uint8_t check_target(const lwci_dm_request_t *req,
                            const lwc_object_t *obj,
                            const lwc_resource_def_t **def)
{
    *def = NULL;
    if (req->path.len < 2) {
        return LWC_COAP_METHOD_NOT_ALLOWED;
    }
    if (req->path.len >= 3) {
        *def = lwci_dm_find_resource(obj, req->path.ids[2]);
        if (!*def || (req->path.len == 4 && !(*def)->multiple)) {
            return LWC_COAP_NOT_FOUND;
        }
        if (!lwci_dm_writable(*def, req->bootstrap) || !obj->handlers->write) {
            return LWC_COAP_METHOD_NOT_ALLOWED;
        }
    }
    int rc = lwci_dm_instance_exists(obj, req->path.ids[1]);
    return rc == LWC_OK ? 0 : lwci_dm_code(rc, 0, true);
}

/* The payload's format as for a Write: no Content-Format means text/plain
 * (opaque for an opaque resource) for a single value; single-value formats
 * fit only a single value of a type they carry. -1 when unsupported. */
static int32_t stream_format(const lwci_dm_request_t *req,
                             const lwc_resource_def_t *def)
{
    int32_t cf = req->content_format;
    bool value = def && (req->path.len == 4 || !def->multiple);
    bool opaque = def && def->type == LWC_TYPE_OPAQUE;
    if (value && cf == -1) {
        cf = opaque ? LWC_FORMAT_OPAQUE : LWC_FORMAT_TEXT;
    }
    if (cf < 0 || cf > 0xFFFF || !lwci_io_decoder_find((uint16_t)cf)) {
        return -1;
    }
    if (lwci_dm_single_value_format(cf) &&
        (!value || (cf == LWC_FORMAT_TEXT && opaque) ||
         (cf == LWC_FORMAT_OPAQUE && !opaque))) {
        return -1;
    }
    return cf;
}

/* Write-Replace of a multiple resource removes its old instances first,
 * once per resource (LwM2M 1.1 Core §6.3.3). */
static int clear_multiple(lwci_dm_wstream_t *ws, uint16_t iid,
                          const lwc_resource_def_t *def)
{
    const lwc_object_t *obj = ws->obj;
    if (!ws->replace || ws->cleared == (int32_t)def->rid) {
        return LWC_OK;
    }
    ws->cleared = def->rid;
    if (!obj->handlers->resource_clear) {
        return LWC_OK;
    }
    return obj->handlers->resource_clear(obj->user_ctx, iid, def->rid);
}

uint8_t lwci_dm_wstream_begin(lwci_dm_t *dm, lwci_dm_wstream_t *ws,
                              const lwci_dm_request_t *req)
{
    const lwc_resource_def_t *def = NULL;
    const lwc_object_t *obj = NULL;

    memset(ws, 0, sizeof(*ws));
    if (!lwc_path_is_valid(&req->path) || req->path.len == 0) {
        return LWC_COAP_BAD_REQUEST;
    }
    if (req->path.ids[0] == LWC_OID_SECURITY && !req->bootstrap) {
        return LWC_COAP_UNAUTHORIZED;
    }
    obj = lwci_dm_find_object(dm, req->path.ids[0]);
    if (!obj) {
        return LWC_COAP_NOT_FOUND;
    }
    uint8_t code = check_target(req, obj, &def);
    if (code != 0) {
        return code;
    }
    int32_t cf = stream_format(req, def);
    if (cf < 0) {
        return LWC_COAP_UNSUPPORTED_CONTENT_FORMAT;
    }
    ws->dec.ops = lwci_io_decoder_find((uint16_t)cf);
    int rc = ws->dec.ops->begin(&ws->dec, &req->path);
    if (rc == LWC_OK && obj->handlers->transaction_begin) {
        rc = obj->handlers->transaction_begin(obj->user_ctx);
    }
    if (rc != LWC_OK) {
        return lwci_dm_code(rc, 0, true);
    }
    ws->dm = dm;
    ws->obj = obj;
    ws->target = req->path;
    ws->format = (uint16_t)cf;
    ws->replace = req->op == LWCI_DM_OP_WRITE_REPLACE;
    ws->bootstrap = req->bootstrap;
    ws->single = def && (req->path.len == 4 || !def->multiple);
    ws->cleared = -1;
    /* A Write-Replace of a whole multiple resource clears it even when the
     * payload holds no instance. */
    if (ws->replace && req->path.len == 3 && def->multiple) {
        rc = clear_multiple(ws, req->path.ids[1], def);
        if (rc != LWC_OK) {
            lwci_dm_wstream_abort(ws);
            return lwci_dm_code(rc, 0, true);
        }
    }
    return 0;
}

/* The resource an entry at `path` writes, checked: LWC_OK or a code. */
static int entry_resource(const lwci_dm_wstream_t *ws, const lwc_path_t *path,
                          const lwc_resource_def_t **def)
{
    if (!lwc_path_is_valid(path) || !lwc_path_starts_with(path, &ws->target) ||
        (ws->single && !lwc_path_equal(path, &ws->target))) {
        return LWC_COAP_BAD_REQUEST; /* outside what the request addresses */
    }
    if (path->len < 3) {
        return LWC_OK; /* an instance announced without content */
    }
    *def = lwci_dm_find_resource(ws->obj, path->ids[2]);
    if (!*def) {
        return LWC_COAP_NOT_FOUND;
    }
    if (!lwci_dm_writable(*def, ws->bootstrap) || !ws->obj->handlers->write) {
        return LWC_COAP_METHOD_NOT_ALLOWED;
    }
    return LWC_OK;
}

/* One decoded entry: checked, converted and written. */
static int put_entry(lwci_dm_wstream_t *ws, const lwci_io_entry_t *e)
{
    const lwc_resource_def_t *def = NULL;
    lwc_path_t path = e->path;
    if (path.len >= 2 && path.ids[1] == LWC_ID_NONE) {
        path.ids[1] = ws->target.ids[1];
    }
    int rc = entry_resource(ws, &path, &def);
    if (rc != LWC_OK || !def) {
        return rc != LWC_OK || e->kind == LWCI_IO_NONE ? rc
                                                       : LWC_COAP_BAD_REQUEST;
    }
    if (e->kind == LWCI_IO_NONE) {
        if (path.len != 3 || !def->multiple) {
            return LWC_COAP_BAD_REQUEST;
        }
        return clear_multiple(ws, path.ids[1], def);
    }
    if (def->multiple != (path.len == 4) || (ws->single && ws->count > 0)) {
        return LWC_COAP_BAD_REQUEST;
    }
    lwc_value_t val;
    if (lwci_io_entry_value(e, ws->format, def->type, &val) != LWC_OK) {
        return LWC_COAP_BAD_REQUEST;
    }
    ws->count++;
    if (def->multiple) {
        rc = clear_multiple(ws, path.ids[1], def);
    }
    if (rc != LWC_OK) {
        return rc;
    }
    uint16_t riid = path.len == 4 ? path.ids[3] : LWC_ID_NONE;
    return ws->obj->handlers->write(ws->obj->user_ctx, path.ids[1], def->rid,
                                    riid, &val);
}

/* What a feed ends with: the decoder's end or the first failure. */
static int feed_result(const lwci_dm_wstream_t *ws, int rc, bool last)
{
    if (rc == LWC_ERR_NOT_FOUND && last) {
        return ws->single && ws->count != 1 ? LWC_COAP_BAD_REQUEST : 0;
    }
    if (rc == LWC_ERR_WOULD_BLOCK && !last) {
        return LWCI_DM_WSTREAM_MORE;
    }
    if (rc == LWC_ERR_TOO_LARGE) {
        return LWC_COAP_REQUEST_ENTITY_TOO_LARGE;
    }
    if (rc == LWC_ERR_MALFORMED || rc == LWC_ERR_WOULD_BLOCK ||
        rc == LWC_ERR_NOT_FOUND) {
        return LWC_COAP_BAD_REQUEST;
    }
    return lwci_dm_code(rc == LWC_OK ? LWC_ERR_INTERNAL : rc, 0, true);
}

int lwci_dm_wstream_feed(lwci_dm_wstream_t *ws, const uint8_t *buf, size_t len,
                         bool last, size_t *consumed)
{
    uint8_t scratch[LWCI_DM_DECODE_SCRATCH];
    int rc = LWC_OK;

    *consumed = 0;
    if (!ws->obj) {
        return LWC_COAP_INTERNAL_SERVER_ERROR;
    }
    ws->dec.scratch = scratch;
    ws->dec.scratch_cap = sizeof(scratch);
    /* Every entry but a single-value format's one consumes input, so a
     * working decoder needs len + 2 calls at most. */
    for (size_t n = 0; rc == LWC_OK && n < len + 2; n++) {
        lwci_io_entry_t e;
        size_t used = 0;
        rc = ws->dec.ops->next(&ws->dec, buf ? buf + *consumed : NULL,
                               len - *consumed, last, &e, &used);
        if ((rc == LWC_OK || rc == LWC_ERR_WOULD_BLOCK) &&
            used > len - *consumed) {
            rc = LWC_ERR_INTERNAL;
        }
        if (rc == LWC_ERR_WOULD_BLOCK) {
            *consumed += used; /* what the decoder no longer needs */
        }
        if (rc == LWC_OK) {
            *consumed += used;
            int put = put_entry(ws, &e);
            if (put != LWC_OK) {
                ws->dec.scratch = NULL;
                return lwci_dm_code(put, 0, true);
            }
        }
    }
    ws->dec.scratch = NULL;
    ws->dec.scratch_cap = 0;
    return feed_result(ws, rc, last);
}

uint8_t lwci_dm_wstream_finish(lwci_dm_t *dm, lwci_dm_wstream_t *ws)
{
    const lwc_object_t *obj = ws->obj;
    int rc = LWC_OK;

    if (!obj) {
        return LWC_COAP_INTERNAL_SERVER_ERROR;
    }
    if (obj->handlers->transaction_validate) {
        rc = obj->handlers->transaction_validate(obj->user_ctx);
    }
    if (rc != LWC_OK) {
        lwci_dm_wstream_abort(ws);
        return lwci_dm_code(rc, 0, true);
    }
    if (obj->handlers->transaction_commit) {
        rc = obj->handlers->transaction_commit(obj->user_ctx);
    }
    ws->obj = NULL;
    lwci_dm_notify_change(dm, &ws->target);
    return lwci_dm_code(rc, LWC_COAP_CHANGED, true);
}

void lwci_dm_wstream_abort(lwci_dm_wstream_t *ws)
{
    const lwc_object_t *obj = ws->obj;

    if (obj && obj->handlers->transaction_rollback) {
        obj->handlers->transaction_rollback(obj->user_ctx);
    }
    ws->obj = NULL;
}
