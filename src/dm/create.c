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
#include "io/tlv.h"

typedef struct {
    uint16_t iid;
    const uint8_t *buf;
    size_t len;
} create_job_t;

static int create_body(const lwc_object_t *obj, const void *arg, bool apply)
{
    const create_job_t *job = arg;
    const lwc_object_handlers_t *h = obj->handlers;
    /* Any non-executable resource may be given a value at creation (the
     * Short Server ID of a Server instance is read-only, for example). */
    if (!apply) {
        return lwci_dm_write_instance_tlv(obj, job->iid, job->buf, job->len,
                                          true, true, false);
    }
    int rc = h->create_instance(obj->user_ctx, job->iid);
    if (rc != LWC_OK) {
        return rc;
    }
    rc = lwci_dm_write_instance_tlv(obj, job->iid, job->buf, job->len, true,
                                    true, true);
    if (rc != LWC_OK && !h->transaction_rollback && h->delete_instance) {
        h->delete_instance(obj->user_ctx, job->iid);
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

/* Unwrap one "object instance" entry; pick or check the instance ID. */
static int prepare(const lwci_dm_request_t *req, const lwc_object_t *obj,
                   create_job_t *job)
{
    job->buf = req->payload;
    job->len = req->payload_len;
    lwci_tlv_entry_t e;
    size_t used;
    bool wrapped = job->len &&
                   lwci_tlv_read(job->buf, job->len, &e, &used) == LWC_OK &&
                   e.type == LWCI_TLV_OBJECT_INSTANCE;
    if (wrapped) {
        if (used != job->len || e.id > LWC_ID_MAX ||
            (req->path.len == 2 && e.id != req->path.ids[1])) {
            return LWC_COAP_BAD_REQUEST;
        }
        job->buf = e.value;
        job->len = e.len;
    }
    if (req->path.len == 2) {
        job->iid = req->path.ids[1];
    } else if (wrapped) {
        job->iid = e.id;
    } else {
        return free_iid(obj, &job->iid);
    }
    if (lwci_dm_instance_exists(obj, job->iid) == LWC_OK) {
        return LWC_COAP_BAD_REQUEST; /* §6.3.6: the instance exists */
    }
    return LWC_OK;
}

void lwci_dm_do_create(lwci_dm_t *dm, const lwci_dm_request_t *req,
                       const lwc_object_t *obj, lwci_dm_response_t *resp)
{
    if (req->path.len > 2 || !obj->handlers->create_instance) {
        resp->code = LWC_COAP_METHOD_NOT_ALLOWED;
        return;
    }
    if (req->content_format != LWC_FORMAT_TLV &&
        !(req->content_format == -1 && req->payload_len == 0)) {
        resp->code = LWC_COAP_UNSUPPORTED_CONTENT_FORMAT;
        return;
    }
    create_job_t job;
    int rc = prepare(req, obj, &job);
    if (rc == LWC_OK) {
        rc = lwci_dm_transaction(obj, create_body, &job);
    }
    resp->code = lwci_dm_code(rc, LWC_COAP_CODE(2, 1), true);
    if (rc == LWC_OK) {
        resp->created_iid = job.iid;
        dm->generation++;
        lwci_dm_notify_change(dm, &LWC_PATH(obj->oid, job.iid));
    }
}
