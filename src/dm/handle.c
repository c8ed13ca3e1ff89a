/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Dispatch of one Device Management request (LwM2M 1.1 Core §6.3,
 * Transport §8.2.4), and the operations small enough to live here:
 * Execute (§6.3.5) and Delete (§6.3.7).
 */
#include "dm/attributes.h"
#include "dm/dm_internal.h"

static void do_execute(const lwci_dm_request_t *req, const lwc_object_t *obj,
                       lwci_dm_response_t *resp)
{
    if (req->path.len != 3) {
        resp->code = LWC_COAP_METHOD_NOT_ALLOWED; /* object, instance */
        return;
    }
    const lwc_resource_def_t *def =
        lwci_dm_find_resource(obj, req->path.ids[2]);
    if (!def) {
        resp->code = LWC_COAP_NOT_FOUND;
        return;
    }
    if (!(def->ops & LWC_OP_E)) {
        resp->code = LWC_COAP_METHOD_NOT_ALLOWED;
        return;
    }
    int rc = lwci_dm_instance_exists(obj, req->path.ids[1]);
    if (rc == LWC_OK &&
        !lwc_execute_args_valid(req->payload, req->payload_len)) {
        resp->code = LWC_COAP_BAD_REQUEST; /* Core §5.4.5 syntax */
        return;
    }
    if (rc == LWC_OK) {
        rc = obj->handlers->execute(obj->user_ctx, req->path.ids[1], def->rid,
                                    req->payload_len ? req->payload : NULL,
                                    req->payload_len);
    }
    resp->code = lwci_dm_code(rc, LWC_COAP_CHANGED, false);
}

static void do_delete(lwci_dm_t *dm, const lwci_dm_request_t *req,
                      const lwc_object_t *obj, lwci_dm_response_t *resp)
{
    if (req->path.len != 2 || !obj->handlers->delete_instance) {
        resp->code = LWC_COAP_METHOD_NOT_ALLOWED;
        return;
    }
    int rc = lwci_dm_instance_exists(obj, req->path.ids[1]);
    if (rc == LWC_OK) {
        rc = obj->handlers->delete_instance(obj->user_ctx, req->path.ids[1]);
    }
    resp->code = lwci_dm_code(rc, LWC_COAP_CODE(2, 2), false);
    if (rc == LWC_OK) {
        dm->generation++;
        lwci_dm_attr_forget(dm, 0, &req->path); /* every server's */
        lwci_dm_notify_change(dm, &req->path);
    }
}

/* Common checks: 0 to go on, else the CoAP code to answer. */
static uint8_t precheck(const lwci_dm_t *dm, const lwci_dm_request_t *req,
                        const lwc_object_t **obj)
{
    if (!lwc_path_is_valid(&req->path)) {
        return LWC_COAP_BAD_REQUEST;
    }
    if (req->path.len == 0) {
        return LWC_COAP_METHOD_NOT_ALLOWED; /* "/" operations: later */
    }
    /* Only the bootstrap server sees the Security object (§E.1). */
    if (req->path.ids[0] == LWC_OID_SECURITY && !req->bootstrap) {
        return LWC_COAP_UNAUTHORIZED;
    }
    *obj = lwci_dm_find_object(dm, req->path.ids[0]);
    return *obj ? 0 : LWC_COAP_NOT_FOUND;
}

void lwci_dm_handle(lwci_dm_t *dm, const lwci_dm_request_t *req, uint8_t *out,
                    size_t cap, lwci_dm_response_t *resp)
{
    if (!resp) {
        return;
    }
    resp->code = LWC_COAP_INTERNAL_SERVER_ERROR;
    resp->content_format = -1;
    resp->payload_len = 0;
    resp->created_iid = 0;
    resp->total_len = 0;
    resp->more = false;
    resp->etag = 0;
    if (!dm || !req || (!out && cap) || (!req->payload && req->payload_len)) {
        return;
    }
    /* Composite operations address the root and check each path. */
#if LWC_WITH_COMPOSITE
    if (req->op == LWCI_DM_OP_READ_COMPOSITE) {
        lwci_dm_do_read_composite(dm, req, out, cap, resp);
        return;
    }
    if (req->op == LWCI_DM_OP_WRITE_COMPOSITE) {
        lwci_dm_do_write_composite(dm, req, resp);
        return;
    }
#else
    /* Compiled out: the method is not allowed on any path (RFC 7252
     * §5.8), whether it names the root or not. */
    if (req->op == LWCI_DM_OP_READ_COMPOSITE ||
        req->op == LWCI_DM_OP_WRITE_COMPOSITE) {
        resp->code = LWC_COAP_METHOD_NOT_ALLOWED;
        return;
    }
#endif
    const lwc_object_t *obj = NULL;
    uint8_t code = precheck(dm, req, &obj);
    if (code != 0) {
        resp->code = code;
        return;
    }
    switch (req->op) {
    case LWCI_DM_OP_READ:
        lwci_dm_do_read(dm, req, obj, out, cap, resp);
        break;
    case LWCI_DM_OP_WRITE_REPLACE:
    case LWCI_DM_OP_WRITE_PARTIAL:
        lwci_dm_do_write(dm, req, obj, resp);
        break;
    case LWCI_DM_OP_EXECUTE:
        do_execute(req, obj, resp);
        break;
    case LWCI_DM_OP_CREATE:
        lwci_dm_do_create(dm, req, obj, resp);
        break;
    case LWCI_DM_OP_DELETE:
        do_delete(dm, req, obj, resp);
        break;
    case LWCI_DM_OP_DISCOVER:
        lwci_dm_do_discover(dm, req, obj, out, cap, resp);
        break;
    case LWCI_DM_OP_WRITE_ATTRIBUTES:
        lwci_dm_do_write_attributes(dm, req, obj, resp);
        break;
    default: /* not an operation of the interface */
        resp->code = LWC_COAP_NOT_IMPLEMENTED;
        break;
    }
}
