/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Create (LwM2M 1.1 Core §6.3.6 / Transport §8.2.4, POST on an object) and
 * Bootstrap-Write of a missing instance (§5.2.7.4): create_instance, then
 * the payload's resources, inside the object's transaction; without
 * transaction hooks, a failed write deletes the new instance again.
 */
#include "dm/dm_internal.h"

static int create_body(const lwc_object_t *obj, const void *arg, bool apply)
{
    const lwci_dm_payload_t *job = arg;
    const lwc_object_handlers_t *h = obj->handlers;
    uint16_t iid = job->target.ids[1];
    if (!apply) {
        return lwci_dm_apply_payload(obj, job, false);
    }
    int rc = h->create_instance(obj->user_ctx, iid);
    if (rc != LWC_OK) {
        return rc;
    }
    rc = lwci_dm_apply_payload(obj, job, true);
    if (rc != LWC_OK && !h->transaction_rollback && h->delete_instance) {
        h->delete_instance(obj->user_ctx, iid);
    }
    return rc;
}

/* The smallest unused instance ID, or LWC_ERR_NO_SPACE. */
static int free_iid(const lwc_object_t *obj, uint16_t *iid)
{
    uint32_t candidate = 0;
    int32_t after = -1;
    uint16_t used;
    while (lwci_dm_obj_next_instance(obj, after, &used) == LWC_OK &&
           used == candidate) {
        candidate++;
        after = used;
    }
    if (candidate > LWC_ID_MAX) {
        return LWC_ERR_NO_SPACE;
    }
    *iid = (uint16_t)candidate;
    return LWC_OK;
}

/*
 * The instance to create: the request path's, else the one the payload
 * names (e.g. a TLV "object instance" entry), else the smallest free ID.
 * It must not exist yet (§6.3.6: 4.00).
 */
static int pick_instance(const lwci_dm_request_t *req, const lwc_object_t *obj,
                         lwci_dm_payload_t *job)
{
    lwc_path_t first;
    uint16_t iid;
    int rc = LWC_OK;
    if (req->path.len == 2) {
        iid = req->path.ids[1];
    } else {
        rc = lwci_dm_payload_first_path(job, &first);
        if (rc == LWC_OK && first.len >= 2 && first.ids[1] <= LWC_ID_MAX) {
            iid = first.ids[1];
        } else if (rc == LWC_OK || rc == LWC_ERR_NOT_FOUND) {
            rc = free_iid(obj, &iid);
        }
    }
    if (rc != LWC_OK) {
        return rc;
    }
    job->target = LWC_PATH(obj->oid, iid);
    if (lwci_dm_instance_exists(obj, iid) == LWC_OK) {
        return LWC_COAP_BAD_REQUEST;
    }
    return LWC_OK;
}

/* The decoder for the payload, or 0 with the CoAP code to answer. */
static uint8_t pick_decoder(const lwci_dm_request_t *req,
                            lwci_dm_payload_t *job)
{
    int32_t cf = req->content_format;
    if (cf == -1 && req->payload_len == 0) {
        job->dec = NULL; /* no payload: an instance with defaults */
        return 0;
    }
    if (cf < 0 || cf > 0xFFFF || lwci_dm_single_value_format(cf)) {
        return LWC_COAP_UNSUPPORTED_CONTENT_FORMAT;
    }
    job->dec = lwci_io_decoder_find((uint16_t)cf);
    job->format = (uint16_t)cf;
    return job->dec ? 0 : LWC_COAP_UNSUPPORTED_CONTENT_FORMAT;
}

void lwci_dm_do_create(lwci_dm_t *dm, const lwci_dm_request_t *req,
                       const lwc_object_t *obj, lwci_dm_response_t *resp)
{
    if (req->path.len > 2 || !obj->handlers->create_instance) {
        resp->code = LWC_COAP_METHOD_NOT_ALLOWED;
        return;
    }
    /* Any non-executable resource may be given a value at creation (the
     * Short Server ID of a Server instance is read-only, for example). */
    lwci_dm_payload_t job = {
        .base = req->path,
        .payload = req->payload,
        .payload_len = req->payload_len,
        .replace = true,
        .bootstrap = true,
    };
    uint8_t code = pick_decoder(req, &job);
    if (code != 0) {
        resp->code = code;
        return;
    }
    int rc = pick_instance(req, obj, &job);
    if (rc == LWC_OK) {
        rc = lwci_dm_transaction(obj, create_body, &job);
    }
    resp->code = lwci_dm_code(rc, LWC_COAP_CODE(2, 1), true);
    if (rc == LWC_OK) {
        resp->created_iid = job.target.ids[1];
        dm->generation++;
        lwci_dm_notify_change(dm, &job.target);
    }
}
