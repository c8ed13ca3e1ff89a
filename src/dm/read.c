/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Read (LwM2M 1.1 Core §6.3.1 / Transport §8.2.4) of an object, instance,
 * resource or resource instance, in any format this build can encode: the
 * tree walk (walk.h) streams into a windowed sink, so a payload larger than
 * one message is served block by block (RFC 7959 §2.4), each block by
 * walking again and keeping only its window. An optional resource whose
 * read handler says LWC_ERR_NOT_FOUND is absent: left out of instance
 * reads, 4.04 when read directly.
 */
#include "dm/dm_internal.h"
#include "dm/walk.h"

/* The format of a hierarchical Read without an Accept option
 * (LWC_READ_DEFAULT_FORMAT in config.h: SenML CBOR for LwM2M 1.1). */
#define LWCI_DM_READ_DEFAULT_FORMAT LWC_READ_DEFAULT_FORMAT

/*
 * The response format, or a negative CoAP code: a single value (resource
 * or resource instance) defaults to text/plain, or opaque for an opaque
 * resource; anything else to LWCI_DM_READ_DEFAULT_FORMAT. An Accept this
 * build cannot encode, or a single-value format for a hierarchical path or
 * a type it cannot carry, is 4.06.
 */
static int32_t pick_format(int32_t accept, const lwc_resource_def_t *def,
                           bool single_value)
{
    bool opaque = def && def->type == LWC_TYPE_OPAQUE;
    if (accept == -1) {
        if (!single_value) {
            return LWCI_DM_READ_DEFAULT_FORMAT;
        }
        return opaque ? LWC_FORMAT_OPAQUE : LWC_FORMAT_TEXT;
    }
    if (accept < 0 || accept > 0xFFFF ||
        !lwci_io_encoder_find((uint16_t)accept)) {
        return -LWC_COAP_NOT_ACCEPTABLE;
    }
    if (lwci_dm_single_value_format(accept) &&
        (!single_value || (accept == LWC_FORMAT_TEXT && opaque) ||
         (accept == LWC_FORMAT_OPAQUE && !opaque))) {
        return -LWC_COAP_NOT_ACCEPTABLE;
    }
    return accept;
}

/* Checks of a resource path: a negative CoAP code, or 0. */
static int check_resource(const lwci_dm_request_t *req, const lwc_object_t *obj,
                          const lwc_resource_def_t **def)
{
    *def = lwci_dm_find_resource(obj, req->path.ids[2]);
    if (!*def) {
        return -LWC_COAP_NOT_FOUND;
    }
    if (!lwci_dm_readable(*def, req->bootstrap)) {
        return -LWC_COAP_METHOD_NOT_ALLOWED;
    }
    if (req->path.len == 4 && !(*def)->multiple) {
        return -LWC_COAP_NOT_FOUND;
    }
    return 0;
}

/* The walk's result as a response code. */
static uint8_t walk_code(int rc)
{
    switch (rc) {
    case LWC_ERR_UNSUPPORTED:
        return LWC_COAP_NOT_ACCEPTABLE; /* the format cannot carry it */
    case LWC_ERR_BUSY:
        return LWC_COAP_SERVICE_UNAVAILABLE; /* changed while encoding */
    default:
        return lwci_dm_code(rc, LWC_COAP_CONTENT, false);
    }
}

/*
 * The window of the payload this response carries: all of it, or one
 * block. Without a block size, a payload larger than the buffer is 4.13
 * with resp->more and resp->total_len set, so that the core can ask again
 * block-wise. A block that starts past the end is 4.02 Bad Option: the
 * Block2 option (RFC 7959 §2.4) names no block of this representation.
 */
void lwci_dm_fill_window(const lwci_dm_request_t *req, int32_t format,
                         const lwci_io_sink_t *sink, lwci_dm_response_t *resp)
{
    resp->total_len = sink->total;
    resp->etag = sink->hash;
    resp->more = lwci_io_sink_more(sink);
    if (req->block_size == 0 && resp->more) {
        resp->code = LWC_COAP_REQUEST_ENTITY_TOO_LARGE;
        return;
    }
    if (req->block_size > 0 && req->block_offset > 0 &&
        req->block_offset >= sink->total) {
        resp->code = LWC_COAP_BAD_OPTION;
        resp->more = false;
        return;
    }
    resp->code = LWC_COAP_CONTENT;
    resp->content_format = format;
    resp->payload_len = lwci_io_sink_len(sink);
}

void lwci_dm_do_read(lwci_dm_t *dm, const lwci_dm_request_t *req,
                     const lwc_object_t *obj, uint8_t *out, size_t cap,
                     lwci_dm_response_t *resp)
{
    (void)dm;
    const lwc_resource_def_t *def = NULL;
    int rc = 0;
    if (req->path.len >= 3) {
        rc = check_resource(req, obj, &def);
    }
    bool single = def && (req->path.len == 4 || !def->multiple);
    int32_t format = rc < 0 ? rc : pick_format(req->accept, def, single);
    if (format < 0) {
        resp->code = (uint8_t)-format;
        return;
    }
    if (req->block_size > cap) {
        resp->code = LWC_COAP_INTERNAL_SERVER_ERROR; /* the caller's bug */
        return;
    }
    lwci_io_sink_t sink;
    if (req->block_size > 0) {
        lwci_io_sink_init(&sink, out, req->block_size, req->block_offset);
    } else {
        lwci_io_sink_init(&sink, out, cap, 0);
    }
    rc = lwci_dm_walk_read(obj, &req->path, req->bootstrap,
                           lwci_io_encoder_find((uint16_t)format), &sink);
    if (rc != LWC_OK) {
        resp->code = walk_code(rc);
        return;
    }
    lwci_dm_fill_window(req, format, &sink, resp);
}
