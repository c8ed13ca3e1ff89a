/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Write (LwM2M 1.1 Core §6.3.3 / Transport §8.2.4): Replace (PUT) and
 * Partial Update (POST) of an instance (TLV), a resource or a resource
 * instance (text/plain, opaque, TLV). The whole payload is decoded and
 * checked before the first write handler runs, and the writes run inside
 * the object's transaction hooks, so a request is all-or-nothing.
 */
#include <string.h>

#include "dm/dm_internal.h"
#include "io/text.h"
#include "io/tlv.h"

/* ---- Transactions ----------------------------------------------------- */

int lwci_dm_transaction(const lwc_object_t *obj,
                        int (*body)(const lwc_object_t *obj, const void *arg,
                                    bool apply),
                        const void *arg)
{
    const lwc_object_handlers_t *h = obj->handlers;
    int rc = body(obj, arg, false);
    if (rc != LWC_OK) {
        return rc;
    }
    if (h->transaction_begin) {
        rc = h->transaction_begin(obj->user_ctx);
        if (rc != LWC_OK) {
            return rc;
        }
    }
    rc = body(obj, arg, true);
    if (rc == LWC_OK && h->transaction_validate) {
        rc = h->transaction_validate(obj->user_ctx);
    }
    if (rc != LWC_OK) {
        if (h->transaction_rollback) {
            h->transaction_rollback(obj->user_ctx);
        }
        return rc;
    }
    return h->transaction_commit ? h->transaction_commit(obj->user_ctx)
                                 : LWC_OK;
}

/* ---- TLV payloads ----------------------------------------------------- */

/* Decode one value for def; write it when applying. */
static int put_value(const lwc_object_t *obj, uint16_t iid,
                     const lwc_resource_def_t *def, uint16_t riid,
                     const lwc_value_t *val, bool apply)
{
    if (!apply) {
        return LWC_OK;
    }
    return obj->handlers->write(obj->user_ctx, iid, def->rid, riid, val);
}

static int put_tlv_value(const lwc_object_t *obj, uint16_t iid,
                         const lwc_resource_def_t *def, uint16_t riid,
                         const lwci_tlv_entry_t *e, bool apply)
{
    lwc_value_t val;
    if (lwci_tlv_decode_value(e->value, e->len, def->type, &val) != LWC_OK) {
        return LWC_COAP_BAD_REQUEST;
    }
    return put_value(obj, iid, def, riid, &val, apply);
}

/* Resource instance entries of a multiple resource. */
static int put_multiple(const lwc_object_t *obj, uint16_t iid,
                        const lwc_resource_def_t *def, const uint8_t *buf,
                        size_t len, bool replace, bool apply)
{
    if (apply && replace && obj->handlers->resource_clear) {
        int rc = obj->handlers->resource_clear(obj->user_ctx, iid, def->rid);
        if (rc != LWC_OK) {
            return rc;
        }
    }
    /* Each entry consumes at least 2 bytes, so this ends. */
    while (len) {
        lwci_tlv_entry_t e;
        size_t used;
        if (lwci_tlv_read(buf, len, &e, &used) != LWC_OK ||
            e.type != LWCI_TLV_RESOURCE_INSTANCE || e.id > LWC_ID_MAX) {
            return LWC_COAP_BAD_REQUEST;
        }
        int rc = put_tlv_value(obj, iid, def, e.id, &e, apply);
        if (rc != LWC_OK) {
            return rc;
        }
        buf += used;
        len -= used;
    }
    return LWC_OK;
}

/* One top-level entry of an instance payload. */
static int put_entry(const lwc_object_t *obj, uint16_t iid,
                     const lwci_tlv_entry_t *e, bool replace, bool bootstrap,
                     bool apply)
{
    if (e->type != LWCI_TLV_RESOURCE && e->type != LWCI_TLV_MULTIPLE_RESOURCE) {
        return LWC_COAP_BAD_REQUEST;
    }
    const lwc_resource_def_t *def = lwci_dm_find_resource(obj, e->id);
    if (!def) {
        return LWC_COAP_NOT_FOUND;
    }
    if (def->multiple != (e->type == LWCI_TLV_MULTIPLE_RESOURCE)) {
        return LWC_COAP_BAD_REQUEST;
    }
    if (!lwci_dm_writable(def, bootstrap) || !obj->handlers->write) {
        return LWC_COAP_METHOD_NOT_ALLOWED;
    }
    if (def->multiple) {
        return put_multiple(obj, iid, def, e->value, e->len, replace, apply);
    }
    return put_tlv_value(obj, iid, def, LWC_ID_NONE, e, apply);
}

int lwci_dm_write_instance_tlv(const lwc_object_t *obj, uint16_t iid,
                               const uint8_t *buf, size_t len, bool replace,
                               bool bootstrap, bool apply)
{
    while (len) {
        lwci_tlv_entry_t e;
        size_t used;
        if (lwci_tlv_read(buf, len, &e, &used) != LWC_OK) {
            return LWC_COAP_BAD_REQUEST;
        }
        int rc = put_entry(obj, iid, &e, replace, bootstrap, apply);
        if (rc != LWC_OK) {
            return rc;
        }
        buf += used;
        len -= used;
    }
    return LWC_OK;
}

/* ---- Requests --------------------------------------------------------- */

typedef struct {
    const lwci_dm_request_t *req;
    const lwc_resource_def_t *def; /* NULL for an instance */
    int32_t format;
} write_job_t;

/* A payload that is exactly one TLV entry of `type` and `id`. */
static int single_entry(const uint8_t *buf, size_t len, uint8_t type,
                        uint16_t id, lwci_tlv_entry_t *e)
{
    size_t used;
    if (lwci_tlv_read(buf, len, e, &used) != LWC_OK || used != len ||
        e->type != type || e->id != id) {
        return LWC_COAP_BAD_REQUEST;
    }
    return LWC_OK;
}

/* An instance payload may be wrapped in one "object instance" entry. */
static int write_instance(const write_job_t *job, const lwc_object_t *obj,
                          bool apply)
{
    const lwci_dm_request_t *req = job->req;
    uint16_t iid = req->path.ids[1];
    const uint8_t *buf = req->payload;
    size_t len = req->payload_len;
    lwci_tlv_entry_t e;
    size_t used;
    if (len && lwci_tlv_read(buf, len, &e, &used) == LWC_OK &&
        e.type == LWCI_TLV_OBJECT_INSTANCE) {
        if (used != len || e.id != iid) {
            return LWC_COAP_BAD_REQUEST;
        }
        buf = e.value;
        len = e.len;
    }
    return lwci_dm_write_instance_tlv(obj, iid, buf, len,
                                      req->op == LWCI_DM_OP_WRITE_REPLACE,
                                      req->bootstrap, apply);
}

/* A single value (resource or resource instance) in text, opaque or TLV. */
static int write_value(const write_job_t *job, const lwc_object_t *obj,
                       bool apply)
{
    const lwci_dm_request_t *req = job->req;
    const lwc_resource_def_t *def = job->def;
    uint16_t riid = req->path.len == 4 ? req->path.ids[3] : LWC_ID_NONE;
    const uint8_t *p = req->payload;
    lwc_value_t val;
    if (job->format == LWC_FORMAT_TLV) {
        lwci_tlv_entry_t e;
        int rc = riid == LWC_ID_NONE
                     ? single_entry(p, req->payload_len, LWCI_TLV_RESOURCE,
                                    def->rid, &e)
                     : single_entry(p, req->payload_len,
                                    LWCI_TLV_RESOURCE_INSTANCE, riid, &e);
        if (rc != LWC_OK) {
            return rc;
        }
        return put_tlv_value(obj, req->path.ids[1], def, riid, &e, apply);
    }
    if (job->format == LWC_FORMAT_OPAQUE) {
        val = lwc_value_opaque(p, req->payload_len);
    } else if (lwci_text_decode((const char *)p, req->payload_len, def->type,
                                &val) != LWC_OK) {
        return LWC_COAP_BAD_REQUEST;
    }
    return put_value(obj, req->path.ids[1], def, riid, &val, apply);
}

/* A multiple resource: one "multiple resource" entry, or bare resource
 * instance entries. */
static int write_multiple(const write_job_t *job, const lwc_object_t *obj,
                          bool apply)
{
    const lwci_dm_request_t *req = job->req;
    const uint8_t *buf = req->payload;
    size_t len = req->payload_len;
    lwci_tlv_entry_t e;
    size_t used;
    if (len && lwci_tlv_read(buf, len, &e, &used) == LWC_OK &&
        e.type == LWCI_TLV_MULTIPLE_RESOURCE) {
        if (used != len || e.id != job->def->rid) {
            return LWC_COAP_BAD_REQUEST;
        }
        buf = e.value;
        len = e.len;
    }
    return put_multiple(obj, req->path.ids[1], job->def, buf, len,
                        req->op == LWCI_DM_OP_WRITE_REPLACE, apply);
}

static int write_body(const lwc_object_t *obj, const void *arg, bool apply)
{
    const write_job_t *job = arg;
    if (!job->def) {
        return write_instance(job, obj, apply);
    }
    if (job->def->multiple && job->req->path.len == 3) {
        return write_multiple(job, obj, apply);
    }
    return write_value(job, obj, apply);
}

/* The payload format, or a CoAP error code as a negative number. */
static int32_t write_format(const lwci_dm_request_t *req,
                            const lwc_resource_def_t *def)
{
    int32_t cf = req->content_format;
    bool value = def && (req->path.len == 4 || !def->multiple);
    bool opaque = def && def->type == LWC_TYPE_OPAQUE;
    if (cf == LWC_FORMAT_TLV) {
        return cf;
    }
    if (value && cf == -1) {
        return opaque ? LWC_FORMAT_OPAQUE : LWC_FORMAT_TEXT;
    }
    if (value && ((cf == LWC_FORMAT_TEXT && !opaque) ||
                  (cf == LWC_FORMAT_OPAQUE && opaque))) {
        return cf;
    }
    return -LWC_COAP_UNSUPPORTED_CONTENT_FORMAT;
}

/* Path checks: 0 or a CoAP error code. */
static int check_target(const lwci_dm_request_t *req, const lwc_object_t *obj,
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

void lwci_dm_do_write(lwci_dm_t *dm, const lwci_dm_request_t *req,
                      const lwc_object_t *obj, lwci_dm_response_t *resp)
{
    write_job_t job = {.req = req};
    int rc = check_target(req, obj, &job.def);
    if (rc == LWC_COAP_NOT_FOUND && req->bootstrap && req->path.len == 2 &&
        obj->handlers->create_instance) {
        /* Bootstrap-Write creates a missing instance (LwM2M 1.1 Core
         * §5.2.7.4). */
        lwci_dm_do_create(dm, req, obj, resp);
        if (resp->code == LWC_COAP_CODE(2, 1)) {
            resp->code = LWC_COAP_CHANGED;
        }
        return;
    }
    if (rc != 0) {
        resp->code = (uint8_t)rc;
        return;
    }
    job.format = write_format(req, job.def);
    if (job.format < 0) {
        resp->code = (uint8_t)-job.format;
        return;
    }
    rc = lwci_dm_transaction(obj, write_body, &job);
    resp->code = lwci_dm_code(rc, LWC_COAP_CHANGED, true);
    if (rc == LWC_OK) {
        lwci_dm_notify_change(dm, &req->path);
    }
}
