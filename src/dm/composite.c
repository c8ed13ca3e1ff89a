/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Read-Composite (FETCH) and Write-Composite (iPATCH): LwM2M 1.1 Core
 * §6.3.8 / §6.3.9, Transport §6.3 (Table 6.3-1, FETCH and iPATCH on the
 * root path). Only the formats that can name several unrelated paths carry
 * them: SenML JSON (110), SenML CBOR (112) and LwM2M CBOR (11544).
 *
 * Read-Composite: the request payload lists paths (records with a name and
 * no value). The response encodes every listed node, in the order given,
 * with the tree walk (walk.h) between one begin(root) and one end(); paths
 * that do not exist are left out of the response (the server learns which
 * are absent from what is missing). Each value is written once: a listed
 * path is skipped when another listed path contains it (/1/0/1 under /1/0,
 * wherever /1/0 stands in the list) or when it was listed before; without
 * that, LwM2M CBOR would repeat a map key (invalid, RFC 8949 §5.6) and
 * SenML would repeat records. The payload is decoded once, into at most
 * LWC_COMPOSITE_MAX_PATHS paths on the stack (more: 4.13), so finding the
 * paths that cover others costs path comparisons only. The encoding runs
 * again for every Block2 window, and to count the records where the format
 * needs the count first (SenML CBOR), as Read does: nothing is stored
 * between calls.
 *
 * Write-Composite: the payload carries values of resources (or resource
 * instances) of any objects. It is all-or-nothing: every entry is checked
 * first (path, existence, writability, type), then the transaction of
 * every touched object begins, the values are written, every object
 * validates and commits; on any failure every begun object rolls back.
 */
#include "dm/dm_internal.h"
#include "dm/walk.h"

/* One pass over the entries of a payload. */
typedef int (*entry_fn)(void *ctx, const lwci_io_entry_t *e);

/* The composite formats: those whose records carry full paths. */
static bool composite_format(int32_t format)
{
    return format == LWC_FORMAT_SENML_JSON || format == LWC_FORMAT_SENML_CBOR ||
           format == LWC_FORMAT_LWM2M_CBOR;
}

/* The decoder of the request payload, or NULL: answered 4.15. */
static const lwci_io_decoder_ops_t *request_decoder(int32_t format)
{
    if (!composite_format(format)) {
        return NULL;
    }
    return lwci_io_decoder_find((uint16_t)format);
}

/* A decoder's failure as the code to answer (the whole payload is here). */
static int decode_error(int rc)
{
    if (rc == LWC_ERR_TOO_LARGE) {
        return LWC_COAP_REQUEST_ENTITY_TOO_LARGE;
    }
    if (rc == LWC_ERR_MALFORMED || rc == LWC_ERR_WOULD_BLOCK) {
        return LWC_COAP_BAD_REQUEST;
    }
    return rc;
}

/*
 * Decode the payload and call fn for every entry. Returns LWC_OK, a
 * decoder error as a CoAP code, or fn's first non-OK result. Every entry
 * consumes input, so payload_len + 2 calls bound a working decoder.
 */
static int for_each_entry(const lwci_io_decoder_ops_t *dec,
                          const lwci_dm_request_t *req, entry_fn fn, void *ctx)
{
    uint8_t scratch[LWCI_DM_DECODE_SCRATCH];
    lwci_io_decoder_t d = {
        .ops = dec, .scratch = scratch, .scratch_cap = sizeof(scratch)};
    const uint8_t *buf = req->payload;
    size_t len = req->payload_len;
    int rc = dec->begin(&d, &req->path);
    for (size_t n = 0; rc == LWC_OK && n < req->payload_len + 2; n++) {
        lwci_io_entry_t e;
        size_t used = 0;
        rc = dec->next(&d, buf, len, true, &e, &used);
        if (rc == LWC_ERR_NOT_FOUND) {
            return LWC_OK; /* the payload ended cleanly */
        }
        if (rc != LWC_OK) {
            return decode_error(rc);
        }
        if (used > len) {
            return LWC_ERR_INTERNAL;
        }
        rc = fn(ctx, &e);
        if (used > 0) { /* buf is NULL for an empty payload */
            buf += used;
            len -= used;
        }
    }
    return rc == LWC_OK ? LWC_ERR_INTERNAL : rc; /* no progress */
}

/* The request's own path: composite operations address the root
 * (Transport §6.3): 0, or 4.05 for any other path. */
static int check_request(const lwci_dm_request_t *req)
{
    return req->path.len == 0 ? 0 : LWC_COAP_METHOD_NOT_ALLOWED;
}

/* Checks shared by both operations: 0, or the CoAP code to answer. Only
 * the bootstrap server sees the Security object (Core §E.1). */
static int check_path(const lwc_path_t *path, bool bootstrap, bool root_ok)
{
    if (!lwc_path_is_valid(path) || (path->len == 0 && !root_ok)) {
        return LWC_COAP_BAD_REQUEST;
    }
    if (path->len == 0) {
        return 0; /* the root: every object the server may read */
    }
    if (path->ids[0] == LWC_OID_SECURITY && !bootstrap) {
        return LWC_COAP_UNAUTHORIZED;
    }
    return 0;
}

/* ---- Read-Composite ----------------------------------------------------- */

typedef struct {
    lwci_dm_t *dm;
    const lwci_dm_request_t *req;
    lwci_dm_walk_t *walk; /* the walk that emits (or counts) now */
    size_t count;         /* listed paths */
    lwc_path_t paths[LWC_COMPOSITE_MAX_PATHS];
} rc_ctx_t;

/* Checking pass: every entry names a node (no value) the server may ask
 * for; the paths are kept in the order given. */
static int read_check(void *arg, const lwci_io_entry_t *e)
{
    rc_ctx_t *c = arg;
    if (e->kind != LWCI_IO_NONE) {
        return LWC_COAP_BAD_REQUEST; /* a Read-Composite names paths only */
    }
    int code = check_path(&e->path, c->req->bootstrap, true);
    if (code) {
        return code;
    }
    if (c->count == LWC_COMPOSITE_MAX_PATHS) {
        return LWC_COAP_REQUEST_ENTITY_TOO_LARGE;
    }
    c->paths[c->count++] = e->path;
    return LWC_OK;
}

/* Is listed path i contained in another listed path, or listed before? */
static bool covered(const rc_ctx_t *c, size_t i)
{
    const lwc_path_t *p = &c->paths[i];
    for (size_t j = 0; j < c->count; j++) {
        const lwc_path_t *q = &c->paths[j];
        if (j != i && lwc_path_starts_with(p, q) &&
            (q->len < p->len || j < i)) {
            return true;
        }
    }
    return false;
}

/* Absent nodes and nodes the server may not read (executables) are left
 * out of the answer rather than failing it (ETS int-281, Core §6.3.8). */
static int walk_readable(rc_ctx_t *c, const lwc_object_t *obj,
                         const lwc_path_t *path)
{
    int rc = lwci_dm_walk_node(c->walk, obj, path);
    return rc == LWC_ERR_NOT_FOUND || rc == LWC_COAP_METHOD_NOT_ALLOWED ? LWC_OK
                                                                        : rc;
}

/* The root: every object but Security (unless bootstrap) and OSCORE. */
static int read_root(rc_ctx_t *c)
{
    for (size_t i = 0; i < c->dm->count; i++) {
        const lwc_object_t *obj = c->dm->objects[i];
        if ((obj->oid == LWC_OID_SECURITY && !c->req->bootstrap) ||
            obj->oid == LWC_OID_OSCORE) {
            continue;
        }
        int rc = walk_readable(c, obj, &LWC_PATH(obj->oid));
        if (rc != LWC_OK) {
            return rc;
        }
    }
    return LWC_OK;
}

/* Encoding pass: listed node i, unless another listed path covers it. */
static int read_node(rc_ctx_t *c, size_t i)
{
    const lwc_path_t *path = &c->paths[i];
    if (covered(c, i)) {
        return LWC_OK;
    }
    if (path->len == 0) {
        return read_root(c);
    }
    const lwc_object_t *obj = lwci_dm_find_object(c->dm, path->ids[0]);
    if (!obj) {
        return LWC_OK;
    }
    return walk_readable(c, obj, path);
}

/* The walk's body: every listed node, into walk w (which may be the
 * counting copy of the measure). */
static int read_body(void *arg, lwci_dm_walk_t *w)
{
    rc_ctx_t *c = arg;
    lwci_dm_walk_t *outer = c->walk;
    int rc = LWC_OK;
    c->walk = w;
    for (size_t i = 0; i < c->count && rc == LWC_OK; i++) {
        rc = read_node(c, i);
    }
    c->walk = outer;
    return rc;
}

/* The response format: Accept, or without it the request's format; only
 * composite formats (no TLV, text or opaque): otherwise 4.06. */
static const lwci_io_encoder_ops_t *response_encoder(const lwci_dm_request_t *r,
                                                     int32_t *format)
{
    *format = r->accept == -1 ? r->content_format : r->accept;
    if (!composite_format(*format)) {
        return NULL;
    }
    return lwci_io_encoder_find((uint16_t)*format);
}

/* The walk's or the checking pass's result as a response code. */
static uint8_t read_code(int rc)
{
    switch (rc) {
    case LWC_ERR_UNSUPPORTED:
        return LWC_COAP_NOT_ACCEPTABLE;
    case LWC_ERR_BUSY:
        return LWC_COAP_SERVICE_UNAVAILABLE; /* changed while encoding */
    default:
        return lwci_dm_code(rc, LWC_COAP_CONTENT, false);
    }
}

/* Walk every listed node into the sink between begin(root) and end(). */
static int encode_all(rc_ctx_t *c, const lwci_io_encoder_ops_t *enc,
                      lwci_io_sink_t *sink)
{
    lwc_path_t root = LWC_PATH_ROOT;
    lwci_dm_walk_t walk;
    lwci_dm_walk_init(&walk, enc, sink, c->req->bootstrap);
    return lwci_dm_walk_run(&walk, &root, read_body, c);
}

void lwci_dm_do_read_composite(lwci_dm_t *dm, const lwci_dm_request_t *req,
                               uint8_t *out, size_t cap,
                               lwci_dm_response_t *resp)
{
    const lwci_io_decoder_ops_t *dec = request_decoder(req->content_format);
    int32_t format;
    const lwci_io_encoder_ops_t *enc = response_encoder(req, &format);
    rc_ctx_t c = {.dm = dm, .req = req};
    if (check_request(req)) {
        resp->code = (uint8_t)check_request(req);
        return;
    }
    if (!dec) {
        resp->code = LWC_COAP_UNSUPPORTED_CONTENT_FORMAT;
        return;
    }
    if (!enc) {
        resp->code = LWC_COAP_NOT_ACCEPTABLE;
        return;
    }
    if (req->block_size > cap) {
        resp->code = LWC_COAP_INTERNAL_SERVER_ERROR; /* the caller's bug */
        return;
    }
    int rc = for_each_entry(dec, req, read_check, &c);
    if (rc == LWC_OK && c.count == 0) {
        rc = LWC_COAP_BAD_REQUEST; /* nothing to read */
    }
    lwci_io_sink_t sink;
    lwci_io_sink_init(&sink, out, req->block_size ? req->block_size : cap,
                      req->block_size ? req->block_offset : 0);
    if (rc == LWC_OK) {
        rc = encode_all(&c, enc, &sink);
    }
    if (rc != LWC_OK) {
        resp->code = read_code(rc);
        return;
    }
    lwci_dm_fill_window(req, format, &sink, resp);
}

/* ---- Write-Composite ---------------------------------------------------- */

typedef struct {
    lwci_dm_t *dm;
    const lwci_dm_request_t *req;
    uint16_t format;
    const lwc_object_t *objs[LWCI_DM_COMPOSITE_MAX_OBJECTS];
    size_t obj_count;
    size_t begun; /* objs[0..begun) are inside their transaction */
} wc_ctx_t;

/* Remember an object the request touches: 0 or 4.13 when too many. */
static int touch(wc_ctx_t *c, const lwc_object_t *obj)
{
    for (size_t i = 0; i < c->obj_count; i++) {
        if (c->objs[i] == obj) {
            return 0;
        }
    }
    if (c->obj_count == LWCI_DM_COMPOSITE_MAX_OBJECTS) {
        return LWC_COAP_REQUEST_ENTITY_TOO_LARGE;
    }
    c->objs[c->obj_count++] = obj;
    return 0;
}

/* The object and resource an entry writes, checked as Write does:
 * LWC_OK or the code to answer. */
static int write_target(wc_ctx_t *c, const lwci_io_entry_t *e,
                        const lwc_object_t **obj,
                        const lwc_resource_def_t **def)
{
    int code = check_path(&e->path, c->req->bootstrap, false);
    if (code) {
        return code;
    }
    if (e->kind == LWCI_IO_NONE || e->path.len < 3) {
        return LWC_COAP_BAD_REQUEST; /* values belong to resources */
    }
    *obj = lwci_dm_find_object(c->dm, e->path.ids[0]);
    *def = *obj ? lwci_dm_find_resource(*obj, e->path.ids[2]) : NULL;
    if (!*def) {
        return LWC_COAP_NOT_FOUND;
    }
    if ((*def)->multiple != (e->path.len == 4)) {
        return LWC_COAP_BAD_REQUEST;
    }
    if (!lwci_dm_writable(*def, c->req->bootstrap) ||
        !(*obj)->handlers->write) {
        return LWC_COAP_METHOD_NOT_ALLOWED;
    }
    int rc = lwci_dm_instance_exists(*obj, e->path.ids[1]);
    return rc == LWC_OK ? LWC_OK : lwci_dm_code(rc, 0, true);
}

/* Checking pass: target, value type, room for the object. */
static int write_check(void *arg, const lwci_io_entry_t *e)
{
    wc_ctx_t *c = arg;
    const lwc_object_t *obj = NULL;
    const lwc_resource_def_t *def = NULL;
    lwc_value_t v;
    int rc = write_target(c, e, &obj, &def);
    if (rc != LWC_OK) {
        return rc;
    }
    if (lwci_io_entry_value(e, c->format, def->type, &v) != LWC_OK) {
        return LWC_COAP_BAD_REQUEST;
    }
    rc = touch(c, obj);
    return rc ? rc : LWC_OK;
}

/* Writing pass: the checked entry through the write handler. */
static int write_apply(void *arg, const lwci_io_entry_t *e)
{
    wc_ctx_t *c = arg;
    const lwc_object_t *obj = NULL;
    const lwc_resource_def_t *def = NULL;
    lwc_value_t v;
    int rc = write_target(c, e, &obj, &def);
    if (rc == LWC_OK) {
        rc = lwci_io_entry_value(e, c->format, def->type, &v);
    }
    if (rc != LWC_OK) {
        return rc; /* changed since the checking pass */
    }
    uint16_t riid = e->path.len == 4 ? e->path.ids[3] : LWC_ID_NONE;
    return obj->handlers->write(obj->user_ctx, e->path.ids[1], def->rid, riid,
                                &v);
}

/* Report pass, after commit: every written path to the change hook. */
static int write_report(void *arg, const lwci_io_entry_t *e)
{
    wc_ctx_t *c = arg;
    lwci_dm_notify_change(c->dm, &e->path);
    return LWC_OK;
}

/* Roll back every begun transaction, last begun first. */
static void rollback_all(wc_ctx_t *c)
{
    while (c->begun > 0) {
        const lwc_object_t *obj = c->objs[--c->begun];
        if (obj->handlers->transaction_rollback) {
            obj->handlers->transaction_rollback(obj->user_ctx);
        }
    }
}

/* Begin the transaction of every touched object. */
static int begin_all(wc_ctx_t *c)
{
    for (; c->begun < c->obj_count; c->begun++) {
        const lwc_object_t *obj = c->objs[c->begun];
        if (obj->handlers->transaction_begin) {
            int rc = obj->handlers->transaction_begin(obj->user_ctx);
            if (rc != LWC_OK) {
                return rc; /* objs[begun] did not begin */
            }
        }
    }
    return LWC_OK;
}

/* Validate every touched object; then commit each. A commit error is
 * reported, but nothing is rolled back then (lwc/dm.h): every object
 * still commits. */
static int finish_all(wc_ctx_t *c)
{
    for (size_t i = 0; i < c->obj_count; i++) {
        const lwc_object_t *obj = c->objs[i];
        if (obj->handlers->transaction_validate) {
            int rc = obj->handlers->transaction_validate(obj->user_ctx);
            if (rc != LWC_OK) {
                return rc;
            }
        }
    }
    int first = LWC_OK;
    for (size_t i = 0; i < c->obj_count; i++) {
        const lwc_object_t *obj = c->objs[i];
        int rc = obj->handlers->transaction_commit
                     ? obj->handlers->transaction_commit(obj->user_ctx)
                     : LWC_OK;
        if (first == LWC_OK) {
            first = rc;
        }
    }
    c->begun = 0;
    return first;
}

/* Check, begin, write, validate, commit; roll back on any failure. */
static int write_all(wc_ctx_t *c, const lwci_io_decoder_ops_t *dec)
{
    int rc = for_each_entry(dec, c->req, write_check, c);
    if (rc == LWC_OK && c->obj_count == 0) {
        rc = LWC_COAP_BAD_REQUEST; /* nothing to write */
    }
    if (rc == LWC_OK) {
        rc = begin_all(c);
    }
    if (rc == LWC_OK) {
        rc = for_each_entry(dec, c->req, write_apply, c);
    }
    if (rc == LWC_OK) {
        rc = finish_all(c); /* after a commit nothing is begun any more */
    }
    if (rc != LWC_OK) {
        rollback_all(c);
    }
    return rc;
}

void lwci_dm_do_write_composite(lwci_dm_t *dm, const lwci_dm_request_t *req,
                                lwci_dm_response_t *resp)
{
    const lwci_io_decoder_ops_t *dec = request_decoder(req->content_format);
    wc_ctx_t c = {.dm = dm, .req = req};
    if (check_request(req)) {
        resp->code = (uint8_t)check_request(req);
        return;
    }
    if (!dec) {
        resp->code = LWC_COAP_UNSUPPORTED_CONTENT_FORMAT;
        return;
    }
    c.format = (uint16_t)req->content_format;
    int rc = write_all(&c, dec);
    resp->code = lwci_dm_code(rc, LWC_COAP_CHANGED, true);
    if (rc == LWC_OK) {
        (void)for_each_entry(dec, req, write_report, &c);
    }
}
