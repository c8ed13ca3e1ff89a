/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Write (LwM2M 1.1 Core §6.3.3 / Transport §8.2.4): Replace (PUT) and
 * Partial Update (POST) of an instance, a resource or a resource instance,
 * in any content format this build can decode (text/plain and opaque for
 * single values only). The whole payload is decoded and checked before the
 * first write handler runs, and the writes run inside the object's
 * transaction hooks, so a request is all-or-nothing. An opaque value for
 * an object with write_chunk goes to it as one piece.
 */
#include "dm/dm_internal.h"

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

/* ---- Requests --------------------------------------------------------- */

static int write_body(const lwc_object_t *obj, const void *arg, bool apply)
{
    return lwci_dm_apply_payload(obj, arg, apply);
}

/* An opaque value for write_chunk in one message: one piece, the last. */
static int chunk_body(const lwc_object_t *obj, const void *arg, bool apply)
{
    const lwci_dm_request_t *req = arg;
    const lwc_chunk_t chunk = {
        .offset = 0,
        .data = req->payload_len > 0 ? req->payload : NULL,
        .len = req->payload_len,
        .size_hint = req->payload_len,
        .last = true,
    };
    return apply ? lwci_dm_chunk_put(obj, &req->path, &chunk) : LWC_OK;
}

int32_t lwci_dm_write_format(const lwci_dm_request_t *req,
                             const lwc_resource_def_t *def,
                             const lwci_io_decoder_ops_t **dec)
{
    int32_t cf = req->content_format;
    bool value = def && (req->path.len == 4 || !def->multiple);
    bool opaque = def && def->type == LWC_TYPE_OPAQUE;
    if (value && cf == -1) {
        cf = opaque ? LWC_FORMAT_OPAQUE : LWC_FORMAT_TEXT;
    }
    *dec = cf >= 0 && cf <= 0xFFFF ? lwci_io_decoder_find((uint16_t)cf) : NULL;
    if (!*dec) {
        return -LWC_COAP_UNSUPPORTED_CONTENT_FORMAT;
    }
    if (lwci_dm_single_value_format(cf) &&
        (!value || (cf == LWC_FORMAT_TEXT && opaque) ||
         (cf == LWC_FORMAT_OPAQUE && !opaque))) {
        return -LWC_COAP_UNSUPPORTED_CONTENT_FORMAT;
    }
    return cf;
}

int lwci_dm_write_target(const lwci_dm_request_t *req, const lwc_object_t *obj,
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
    const lwc_resource_def_t *def = NULL;
    int rc = lwci_dm_write_target(req, obj, &def);
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
    lwci_dm_payload_t job = {
        .base = req->path,
        .target = req->path,
        .payload = req->payload,
        .payload_len = req->payload_len,
        .replace = req->op == LWCI_DM_OP_WRITE_REPLACE,
        .bootstrap = req->bootstrap,
        .single = def && (req->path.len == 4 || !def->multiple),
    };
    int32_t format = lwci_dm_write_format(req, def, &job.dec);
    if (format < 0) {
        resp->code = (uint8_t)-format;
        return;
    }
    job.format = (uint16_t)format;
    /* The format check left opaque only for a single opaque value. */
    if (format == LWC_FORMAT_OPAQUE && obj->handlers->write_chunk) {
        rc = lwci_dm_transaction(obj, chunk_body, req);
    } else {
        rc = lwci_dm_transaction(obj, write_body, &job);
    }
    resp->code = lwci_dm_code(rc, LWC_COAP_CHANGED, true);
    if (rc == LWC_OK) {
        lwci_dm_notify_change(dm, &req->path);
    }
}
