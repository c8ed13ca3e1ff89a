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

/* Room kept free before the in-place payload for the response options:
 * ETag (5), Location-Path (2 x 6), Content-Format (3), Block2 (4),
 * Size2 (5). */
#define OPTION_ROOM 32

/* The largest block size exponent (16 << szx bytes, szx <= 6) that fits
 * `avail` bytes; -1 when not even 16 bytes fit. */
static int fit_szx(size_t avail)
{
    int szx = 6;

    while (szx >= 0 && ((size_t)16 << szx) > avail) {
        szx--;
    }
    return szx;
}

/*
 * Run the data-model request, block-wise when needed (RFC 7959 §2.4): a
 * Block2 option in the request asks for one block (a smaller block than
 * asked for is allowed, with the block number rescaled); a response too
 * large for one message is sent as its first block. *blk and *blockwise
 * say what to announce.
 */
static void run_request(lwc_client_t *c, const lwci_coap_msg_t *req,
                        lwci_dm_request_t *r, uint8_t *payload, size_t avail,
                        lwci_dm_response_t *out, lwci_coap_block_t *blk,
                        bool *blockwise)
{
    lwci_coap_block_t want;
    int max = fit_szx(avail);
    int rc = lwci_coap_get_block(req, LWCI_COAP_OPT_BLOCK2, &want);

    *blockwise = false;
    if (rc == LWC_ERR_MALFORMED) {
        out->code = LWCI_COAP_400_BAD_REQUEST;
        return;
    }
    if (rc == LWC_OK && max >= 0) {
        uint8_t szx = want.szx < max ? want.szx : (uint8_t)max;
        size_t offset = (size_t)want.num << (4 + want.szx);

        r->block_offset = offset;
        r->block_size = (size_t)16 << szx;
        lwci_dm_handle(&c->dm, r, payload, avail, out);
        if (LWCI_COAP_CODE_CLASS(out->code) == 2 && offset > 0 &&
            offset >= out->total_len) {
            out->code = LWCI_COAP_402_BAD_OPTION; /* past the end */
            out->payload_len = 0;
            out->content_format = -1;
            return;
        }
        *blk = (lwci_coap_block_t){.num = (uint32_t)(offset >> (4 + szx)),
                                   .more = out->more,
                                   .szx = szx};
        *blockwise = LWCI_COAP_CODE_CLASS(out->code) == 2;
        return;
    }
    lwci_dm_handle(&c->dm, r, payload, avail, out);
    if (out->more && max >= 0) {
        LWCI_DEBUG(LWCI_CORE_LOG(c), MOD, "response of %zu bytes: block-wise",
                   out->total_len);
        r->block_offset = 0;
        r->block_size = (size_t)16 << max;
        *out = (lwci_dm_response_t){0};
        lwci_dm_handle(&c->dm, r, payload, avail, out);
        *blk = (lwci_coap_block_t){
            .num = 0, .more = out->more, .szx = (uint8_t)max};
        *blockwise = LWCI_COAP_CODE_CLASS(out->code) == 2;
    }
}

/* The response options, in ascending option number. */
static void add_response_options(lwci_coap_writer_t *w,
                                 const lwci_dm_request_t *r,
                                 const lwci_dm_response_t *out,
                                 const lwci_coap_block_t *blk, bool blockwise)
{
    if (blockwise) {
        uint8_t etag[4] = {(uint8_t)(out->etag >> 24),
                           (uint8_t)(out->etag >> 16),
                           (uint8_t)(out->etag >> 8), (uint8_t)out->etag};
        lwci_coap_add_opt(w, LWCI_COAP_OPT_ETAG, etag, sizeof(etag));
    }
    if (out->code == LWCI_COAP_201_CREATED && r->op == LWCI_DM_OP_CREATE) {
        char loc[8];
        lwci_format(loc, sizeof(loc), "%u", r->path.ids[0]);
        lwci_coap_add_opt_str(w, LWCI_COAP_OPT_LOCATION_PATH, loc);
        lwci_format(loc, sizeof(loc), "%u", out->created_iid);
        lwci_coap_add_opt_str(w, LWCI_COAP_OPT_LOCATION_PATH, loc);
    }
    if (out->content_format >= 0) {
        lwci_coap_add_opt_uint(w, LWCI_COAP_OPT_CONTENT_FORMAT,
                               (uint32_t)out->content_format);
    }
    if (blockwise) {
        lwci_coap_add_opt_block(w, LWCI_COAP_OPT_BLOCK2, blk);
        if (blk->num == 0 && out->total_len <= UINT32_MAX) {
            lwci_coap_add_opt_uint(w, LWCI_COAP_OPT_SIZE2,
                                   (uint32_t)out->total_len);
        }
    }
}

void lwci_handle_server_request(void *ctx, const lwci_coap_msg_t *req,
                                lwci_coap_writer_t *w)
{
    lwci_request_ctx_t *rc = ctx;
    lwc_client_t *c = rc->client;
    lwci_dm_request_t r = {0};
    lwci_dm_response_t out = {0};
    lwci_coap_block_t blk = {0};
    bool blockwise = false;
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
    if (lwci_block1_handle(c, rc->server, req, &r, w)) {
        return; /* a block of a block-wise Write (RFC 7959 §2.5) */
    }
    /* The dm writes the payload in place after the options, with room
     * kept free for the options themselves. */
    payload = lwci_coap_payload_ptr(w, &avail);
    if (!payload || avail < OPTION_ROOM + 16) {
        lwci_coap_writer_set_code(w, LWCI_COAP_500_INTERNAL_ERROR);
        return;
    }
    payload += OPTION_ROOM;
    avail -= OPTION_ROOM;
    run_request(c, req, &r, payload, avail, &out, &blk, &blockwise);
    lwci_coap_writer_set_code(w, out.code);
    LWCI_DEBUG(LWCI_CORE_LOG(c), MOD, "server %u: op %d -> %u.%02u", r.ssid,
               (int)r.op, out.code >> 5, out.code & 0x1f);
    add_response_options(w, &r, &out, &blk, blockwise);
    if (out.payload_len > 0) {
        /* Slide the payload down to just after the options (the regions
         * may overlap: the options took at most OPTION_ROOM bytes). */
        uint8_t *dst = lwci_coap_payload_ptr(w, &avail);
        if (!dst || avail < out.payload_len) {
            lwci_coap_writer_set_code(w, LWCI_COAP_500_INTERNAL_ERROR);
            return;
        }
        memmove(dst, payload, out.payload_len);
        lwci_coap_commit_payload(w, out.payload_len);
    }
}

/* Room for the header, token and options of a Block1 request (Uri-Path,
 * Content-Format, Block1, Size1) beside its block. */
#define BLOCK1_HEADER_ROOM 64
/* What a Block1 and a Size1 option take at most (1 + 3 and 1 + 4 bytes),
 * should the server add them. */
#define BLOCK1_OPTIONS_LEN 9

/*
 * The block size to ask for instead: the largest whose block fits one of
 * our messages with BLOCK1_HEADER_ROOM to spare, and also fits beside this
 * request's own options (fitted bytes of payload, less the Block1 and
 * Size1 it may add). Smaller than the block that did not fit, therefore.
 * -1 when not even 16 bytes fit.
 */
static int oversized_szx(const lwci_coap_msg_t *req)
{
    size_t avail = (size_t)LWC_COAP_MAX_MSG_SIZE - BLOCK1_HEADER_ROOM;
    size_t fitted = req->payload_len > BLOCK1_OPTIONS_LEN
                        ? req->payload_len - BLOCK1_OPTIONS_LEN
                        : 0;

    return fit_szx(fitted < avail ? fitted : avail);
}

void lwci_handle_oversized_request(void *ctx, const lwci_coap_msg_t *req,
                                   lwci_coap_writer_t *w)
{
    lwci_request_ctx_t *rc = ctx;
    lwc_client_t *c = rc->client;
    lwci_dm_request_t r = {0};
    lwci_coap_block_t blk = {0};
    int has_block = lwci_coap_get_block(req, LWCI_COAP_OPT_BLOCK1, &blk);
    uint8_t err = build_request(req, &r);
    int szx = oversized_szx(req);

    LWCI_WARN(LWCI_CORE_LOG(c), MOD,
              "server %u: request mid %u larger than %d bytes: not run",
              rc->server->ssid, req->mid, LWC_COAP_MAX_MSG_SIZE);
    if (err != 0 || has_block == LWC_ERR_MALFORMED) {
        lwci_coap_writer_set_code(w,
                                  err != 0 ? err : LWCI_COAP_400_BAD_REQUEST);
        return;
    }
    lwci_coap_writer_set_code(w, LWCI_COAP_413_TOO_LARGE);
    /* Only a Write is taken block-wise (block1.c): a hint to anything
     * else would just invite another 4.13. */
    if (r.op == LWCI_DM_OP_WRITE_REPLACE || r.op == LWCI_DM_OP_WRITE_PARTIAL) {
        if (has_block == LWC_OK && c->block1.active) {
            LWCI_WARN(LWCI_CORE_LOG(c), MOD,
                      "server %u: block %u too large, transfer rolled back",
                      rc->server->ssid, (unsigned)blk.num);
            lwci_block1_abort(c); /* this block failed, as any would */
        }
        if (szx >= 0) {
            blk = (lwci_coap_block_t){.num = has_block == LWC_OK ? blk.num : 0,
                                      .szx = (uint8_t)szx};
            lwci_coap_add_opt_block(w, LWCI_COAP_OPT_BLOCK1, &blk);
        }
    }
    /* RFC 7959 §4: what fits in one message with these options. */
    if (req->payload_len > 0) {
        lwci_coap_add_opt_uint(w, LWCI_COAP_OPT_SIZE1,
                               (uint32_t)req->payload_len);
    }
}
