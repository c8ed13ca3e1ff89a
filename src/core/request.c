/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Requests from a server: the CoAP mapping of the Device Management and
 * Service Enablement interface (LwM2M 1.1 Transport §6.3 table 6.3.1) onto
 * the data model's operations, and the response back.
 */
#include <string.h>

#include "core.h"
#include "util/log.h"

#define MOD "req"

/* Uri-Path segments as an lwc_path_t: decimal IDs up to 65534, at most four
 * levels (Core §6.1). LWC_ERR_MALFORMED otherwise. */
static int uri_to_path(const lwci_coap_msg_t *req, lwc_path_t *path)
{
    const lwci_coap_opt_t *o;
    size_t it = 0;

    memset(path, 0, sizeof(*path));
    while ((o = lwci_coap_find_opt(req, LWCI_COAP_OPT_URI_PATH, &it))) {
        uint32_t v = 0;

        size_t after = it;
        if (o->len == 0 && path->len == 0 &&
            !lwci_coap_find_opt(req, LWCI_COAP_OPT_URI_PATH, &after)) {
            break; /* a single empty segment is the root "/" */
        }
        if (path->len == 4 || o->len == 0 || o->len > 5) {
            return LWC_ERR_MALFORMED;
        }
        for (size_t i = 0; i < o->len; i++) {
            if (o->value[i] < '0' || o->value[i] > '9') {
                return LWC_ERR_MALFORMED;
            }
            v = v * 10 + (uint32_t)(o->value[i] - '0');
        }
        if (v > 65534) {
            return LWC_ERR_MALFORMED;
        }
        path->ids[path->len++] = (uint16_t)v;
    }
    return LWC_OK;
}

/* Transport §6.3: which operation a method on a path is. */
static int map_operation(const lwci_coap_msg_t *req, const lwci_dm_request_t *r,
                         lwci_dm_op_t *op)
{
    switch (req->code) {
    case LWCI_COAP_GET:
        *op = r->accept == 40 ? LWCI_DM_OP_DISCOVER : LWCI_DM_OP_READ;
        return LWC_OK;
    case LWCI_COAP_PUT:
        *op = r->payload_len == 0 && r->content_format < 0 && r->query_count > 0
                  ? LWCI_DM_OP_WRITE_ATTRIBUTES
                  : LWCI_DM_OP_WRITE_REPLACE;
        return LWC_OK;
    case LWCI_COAP_POST:
        *op = r->path.len == 1   ? LWCI_DM_OP_CREATE
              : r->path.len == 3 ? LWCI_DM_OP_EXECUTE
                                 : LWCI_DM_OP_WRITE_PARTIAL;
        return LWC_OK;
    case LWCI_COAP_DELETE:
        *op = LWCI_DM_OP_DELETE;
        return LWC_OK;
    case LWCI_COAP_FETCH:
        *op = LWCI_DM_OP_READ_COMPOSITE;
        return LWC_OK;
    case LWCI_COAP_IPATCH:
        *op = LWCI_DM_OP_WRITE_COMPOSITE;
        return LWC_OK;
    default:
        return LWC_ERR_UNSUPPORTED;
    }
}

/* Fills the data-model request from the CoAP one; a CoAP code on error. */
static uint8_t build_request(const lwci_coap_msg_t *req, lwci_dm_request_t *r)
{
    const lwci_coap_opt_t *o;
    size_t it = 0;
    uint16_t v;
    int rc;

    if (uri_to_path(req, &r->path) != LWC_OK) {
        return LWCI_COAP_400_BAD_REQUEST;
    }
    r->content_format = -1;
    r->accept = -1;
    rc = lwci_coap_get_content_format(req, &v);
    if (rc == LWC_OK) {
        r->content_format = v;
    } else if (rc != LWC_ERR_NOT_FOUND) {
        return LWCI_COAP_400_BAD_REQUEST;
    }
    rc = lwci_coap_get_accept(req, &v);
    if (rc == LWC_OK) {
        r->accept = v;
    } else if (rc != LWC_ERR_NOT_FOUND) {
        return LWCI_COAP_400_BAD_REQUEST;
    }
    while ((o = lwci_coap_find_opt(req, LWCI_COAP_OPT_URI_QUERY, &it))) {
        if (r->query_count == LWCI_DM_MAX_QUERY) {
            return LWCI_COAP_400_BAD_REQUEST;
        }
        r->query[r->query_count].s = (const char *)o->value;
        r->query[r->query_count++].len = o->len;
    }
    r->payload = req->payload;
    r->payload_len = req->payload_len;
    if (map_operation(req, r, &r->op) != LWC_OK) {
        return LWCI_COAP_405_METHOD_NOT_ALLOWED;
    }
    return 0;
}

void lwci_handle_server_request(void *ctx, const lwci_coap_msg_t *req,
                                lwci_coap_writer_t *w)
{
    lwci_request_ctx_t *rc = ctx;
    lwc_client_t *c = rc->client;
    lwci_dm_request_t r = {0};
    lwci_dm_response_t out = {0};
    uint8_t *payload;
    size_t avail = 0;
    uint8_t err;

    r.ssid = rc->server->ssid;
    err = build_request(req, &r);
    if (err != 0) {
        LWCI_WARN(LWCI_CORE_LOG(c), MOD, "server %u: bad request: %u.%02u",
                  r.ssid, err >> 5, err & 0x1f);
        lwci_coap_writer_set_code(w, err);
        return;
    }
    /* The dm writes the payload in place after the options; Location-Path
     * and Content-Format need at most ~20 bytes, kept free here. */
    payload = lwci_coap_payload_ptr(w, &avail);
    if (!payload || avail < 24) {
        lwci_coap_writer_set_code(w, LWCI_COAP_500_INTERNAL_ERROR);
        return;
    }
    payload += 20;
    avail -= 20;
    lwci_dm_handle(&c->dm, &r, payload, avail, &out);
    lwci_coap_writer_set_code(w, out.code);
    LWCI_DEBUG(LWCI_CORE_LOG(c), MOD, "server %u: op %d -> %u.%02u", r.ssid,
               (int)r.op, out.code >> 5, out.code & 0x1f);
    if (out.code == LWCI_COAP_201_CREATED && r.op == LWCI_DM_OP_CREATE) {
        char loc[8];
        lwci_format(loc, sizeof(loc), "%u", r.path.ids[0]);
        lwci_coap_add_opt_str(w, LWCI_COAP_OPT_LOCATION_PATH, loc);
        lwci_format(loc, sizeof(loc), "%u", out.created_iid);
        lwci_coap_add_opt_str(w, LWCI_COAP_OPT_LOCATION_PATH, loc);
    }
    if (out.content_format >= 0) {
        lwci_coap_add_opt_uint(w, LWCI_COAP_OPT_CONTENT_FORMAT,
                               (uint32_t)out.content_format);
    }
    if (out.payload_len > 0) {
        /* Slide the payload down to just after the options (the regions
         * may overlap: the options took at most the 20 bytes kept free). */
        uint8_t *dst = lwci_coap_payload_ptr(w, &avail);
        if (!dst || avail < out.payload_len) {
            lwci_coap_writer_set_code(w, LWCI_COAP_500_INTERNAL_ERROR);
            return;
        }
        memmove(dst, payload, out.payload_len);
        lwci_coap_commit_payload(w, out.payload_len);
    }
}
