/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Streamed Write (LwM2M 1.1 Core §6.3.3 over RFC 7959 §2.5 Block1): the
 * payload of a Write arrives block by block; each complete entry is
 * checked against the request path and the resource definitions and
 * written inside the object's transaction, opened at the first block and
 * committed after the last. The checks are those of write.c and payload.c,
 * applied one entry at a time since the whole payload is never held.
 *
 * An opaque value for an object with write_chunk is not decoded at all:
 * every block's bytes go to write_chunk as they come (a firmware package
 * is larger than any buffer of the client).
 */
#include <string.h>

#include <lwc/client.h> /* LWCI_DM_WSTREAM_SIZE */

#include "dm/dm_internal.h"

struct lwci_dm_wstream {
    lwci_dm_t *dm;
    const lwc_object_t *obj; /* NULL when no session is open */
    lwci_io_decoder_t dec;
    lwci_dm_payload_t job; /* target, format, replace, bootstrap, single */
    lwci_dm_pass_t pass;
    int32_t content_format; /* as the request gave it, -1 when absent */
    uint8_t op;             /* lwci_dm_op_t of the request */
    bool chunked;           /* the value goes to write_chunk */
    bool chunk_open;        /* write_chunk owes an abort if abandoned */
    size_t offset;          /* of the next chunk */
    size_t size_hint;       /* Size1 of block 0, 0 when unknown */
};

_Static_assert(sizeof(lwci_dm_wstream_t) <= LWCI_DM_WSTREAM_SIZE,
               "LWCI_DM_WSTREAM_SIZE too small for the write session");

/* The resource (instance) a chunk writes: path is /oid/iid/rid[/riid]. */
static int chunk_call(const lwc_object_t *obj, const lwc_path_t *path,
                      const lwc_chunk_t *chunk)
{
    uint16_t riid = path->len == 4 ? path->ids[3] : LWC_ID_NONE;
    return obj->handlers->write_chunk(obj->user_ctx, path->ids[1], path->ids[2],
                                      riid, chunk);
}

static void chunk_abort(const lwc_object_t *obj, const lwc_path_t *path)
{
    const lwc_chunk_t stop = {.abort = true};
    (void)chunk_call(obj, path, &stop);
}

int lwci_dm_chunk_put(const lwc_object_t *obj, const lwc_path_t *path,
                      const lwc_chunk_t *chunk)
{
    int rc = chunk_call(obj, path, chunk);
    if (rc != LWC_OK) {
        chunk_abort(obj, path);
    }
    return rc;
}

/* Object lookup and the checks of a Write; 0 or the CoAP code. */
static uint8_t check_request(lwci_dm_t *dm, const lwci_dm_request_t *req,
                             const lwc_object_t **obj,
                             const lwc_resource_def_t **def, int32_t *cf)
{
    const lwci_io_decoder_ops_t *dec = NULL;

    if (!lwc_path_is_valid(&req->path) || req->path.len == 0) {
        return LWC_COAP_BAD_REQUEST;
    }
    if (req->path.ids[0] == LWC_OID_SECURITY && !req->bootstrap) {
        return LWC_COAP_UNAUTHORIZED;
    }
    *obj = lwci_dm_find_object(dm, req->path.ids[0]);
    if (!*obj) {
        return LWC_COAP_NOT_FOUND;
    }
    int rc = lwci_dm_write_target(req, *obj, def);
    if (rc != 0) {
        return (uint8_t)rc;
    }
    *cf = lwci_dm_write_format(req, *def, &dec);
    return *cf < 0 ? (uint8_t)(-*cf) : 0;
}

uint8_t lwci_dm_wstream_begin(lwci_dm_t *dm, lwci_dm_wstream_t *ws,
                              const lwci_dm_request_t *req, size_t size_hint)
{
    const lwc_resource_def_t *def = NULL;
    const lwc_object_t *obj = NULL;
    int32_t cf = -1;
    int rc = LWC_OK;

    memset(ws, 0, sizeof(*ws));
    uint8_t code = check_request(dm, req, &obj, &def, &cf);
    if (code != 0) {
        return code;
    }
    ws->job = (lwci_dm_payload_t){
        .format = (uint16_t)cf,
        .base = req->path,
        .target = req->path,
        .replace = req->op == LWCI_DM_OP_WRITE_REPLACE,
        .bootstrap = req->bootstrap,
        .single = def && (req->path.len == 4 || !def->multiple),
    };
    /* The format check left opaque only for a single opaque value. */
    ws->chunked = cf == LWC_FORMAT_OPAQUE && obj->handlers->write_chunk;
    if (!ws->chunked) {
        ws->dec.ops = lwci_io_decoder_find((uint16_t)cf);
        rc = ws->dec.ops->begin(&ws->dec, &req->path);
    }
    if (rc == LWC_OK && obj->handlers->transaction_begin) {
        rc = obj->handlers->transaction_begin(obj->user_ctx);
    }
    if (rc != LWC_OK) {
        return lwci_dm_code(rc, 0, true);
    }
    ws->dm = dm;
    ws->obj = obj;
    ws->content_format = req->content_format;
    ws->op = (uint8_t)req->op;
    ws->chunk_open = ws->chunked;
    ws->size_hint = size_hint;
    rc = lwci_dm_payload_start(obj, &ws->job, &ws->pass, true);
    if (rc != LWC_OK) {
        lwci_dm_wstream_abort(ws);
        return lwci_dm_code(rc, 0, true);
    }
    return 0;
}

bool lwci_dm_wstream_continues(const lwci_dm_wstream_t *ws,
                               const lwci_dm_request_t *req)
{
    return ws->obj && ws->op == (uint8_t)req->op &&
           ws->content_format == req->content_format &&
           lwc_path_equal(&ws->job.target, &req->path);
}

bool lwci_dm_wstream_chunked(const lwci_dm_wstream_t *ws)
{
    return ws->chunked;
}

bool lwci_dm_wstream_conflicts(const lwci_dm_wstream_t *ws,
                               const lwci_dm_request_t *req)
{
    if (!ws->obj) {
        return false;
    }
    switch (req->op) {
    case LWCI_DM_OP_WRITE_COMPOSITE:
        return true; /* may name any object */
    case LWCI_DM_OP_WRITE_REPLACE:
    case LWCI_DM_OP_WRITE_PARTIAL:
    case LWCI_DM_OP_EXECUTE:
    case LWCI_DM_OP_CREATE:
    case LWCI_DM_OP_DELETE:
        return req->path.len >= 1 && req->path.ids[0] == ws->obj->oid;
    default:
        return false; /* reads, Discover, Write-Attributes */
    }
}

/* What a feed ends with: the decoder's end or the first failure. */
static int feed_result(const lwci_dm_wstream_t *ws, int rc, bool last)
{
    if (rc == LWC_ERR_NOT_FOUND && last) {
        return lwci_dm_payload_end(&ws->job, &ws->pass) == LWC_OK
                   ? 0
                   : LWC_COAP_BAD_REQUEST;
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

/* The bytes as the next piece of a chunked value: all consumed. */
static int feed_chunk(lwci_dm_wstream_t *ws, const uint8_t *buf, size_t len,
                      bool last, size_t *consumed)
{
    const lwc_chunk_t chunk = {
        .offset = ws->offset,
        .data = len > 0 ? buf : NULL,
        .len = len,
        .size_hint = ws->size_hint,
        .last = last,
    };
    int rc = lwci_dm_chunk_put(ws->obj, &ws->job.target, &chunk);
    if (rc != LWC_OK) {
        ws->chunk_open = false; /* the handler heard abort already */
        return lwci_dm_code(rc, 0, true);
    }
    ws->offset += len;
    *consumed = len;
    ws->chunk_open = !last;
    return last ? 0 : LWCI_DM_WSTREAM_MORE;
}

int lwci_dm_wstream_feed(lwci_dm_wstream_t *ws, const uint8_t *buf, size_t len,
                         bool last, size_t *consumed)
{
    uint8_t scratch[LWCI_DM_DECODE_SCRATCH];
    int rc = LWC_OK;

    *consumed = 0;
    if (!ws->obj || (ws->chunked && !ws->chunk_open)) {
        return LWC_COAP_INTERNAL_SERVER_ERROR;
    }
    if (ws->chunked) {
        return feed_chunk(ws, buf, len, last, consumed);
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
            int put =
                lwci_dm_payload_entry(ws->obj, &ws->job, &e, &ws->pass, true);
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
    lwci_dm_notify_change(dm, &ws->job.target);
    return lwci_dm_code(rc, LWC_COAP_CHANGED, true);
}

void lwci_dm_wstream_abort(lwci_dm_wstream_t *ws)
{
    const lwc_object_t *obj = ws->obj;

    if (obj && ws->chunk_open) {
        chunk_abort(obj, &ws->job.target);
    }
    ws->chunk_open = false;
    if (obj && obj->handlers->transaction_rollback) {
        obj->handlers->transaction_rollback(obj->user_ctx);
    }
    ws->obj = NULL;
}
