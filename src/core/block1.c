/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Block-wise Write requests (RFC 7959 §2.5, §2.9): a PUT or POST whose
 * payload comes in Block1 blocks is decoded block by block into the data
 * model's streamed write (src/dm/write_stream.c), so the client never holds
 * the whole payload. One transfer at a time per client. An entry cut by a
 * block boundary is carried (LWC_BLOCK1_CARRY_SIZE bytes) and joined with
 * the next block; larger is answered 4.13 with Size1. A block out of order,
 * or one of another request mid-transfer, is answered 4.08 (§2.9.2) and the
 * transfer is rolled back; so is one not continued within EXCHANGE_LIFETIME
 * or still open when the client stops. Blocks are matched by server,
 * method, path and Content-Format; the token may change. An opaque
 * value for an object with write_chunk passes through without the carry.
 */
#include <string.h>

#include "core.h"
#include "util/log.h"

#define MOD "block1"

#define CARRY_CAP ((size_t)LWC_BLOCK1_CARRY_SIZE)

static lwci_dm_wstream_t *wstream(lwc_client_t *c)
{
    return (lwci_dm_wstream_t *)(void *)c->block1.ws.bytes;
}

static void end_transfer(lwc_client_t *c)
{
    if (c->block1.active) {
        lwci_dm_wstream_abort(wstream(c));
    }
    c->block1.active = false;
    c->block1.carry_len = 0;
}

/*
 * Entries begun in earlier blocks: the carried bytes joined with the first
 * bytes of this block b[0..m), decoded until the carried bytes are used
 * up. 0 with *pos where decoding goes on in b (*done when the payload
 * ended), LWCI_DM_WSTREAM_MORE when all of b was carried too, or a code.
 */
static int drain_carry(lwci_block1_t *t, lwci_dm_wstream_t *ws,
                       const uint8_t *b, size_t m, bool last, size_t *pos,
                       bool *done)
{
    size_t old = t->carry_len; /* carried bytes from earlier blocks */

    *pos = 0;
    for (size_t n = 0; old > 0 && n <= CARRY_CAP; n++) {
        size_t k = CARRY_CAP - t->carry_len;
        size_t used = 0;
        k = k < m - *pos ? k : m - *pos;
        if (k > 0) { /* b is NULL for an empty block */
            memcpy(t->carry + t->carry_len, b + *pos, k);
        }
        t->carry_len = (uint16_t)(t->carry_len + k);
        *pos += k;
        int rc = lwci_dm_wstream_feed(ws, t->carry, t->carry_len,
                                      last && *pos == m, &used);
        if (rc != 0 && rc != LWCI_DM_WSTREAM_MORE) {
            return rc;
        }
        if (rc == 0 || used >= old) {
            *pos -= t->carry_len - used; /* go on in b itself */
            t->carry_len = 0;
            *done = rc == 0;
            return 0;
        }
        memmove(t->carry, t->carry + used, t->carry_len - used);
        t->carry_len = (uint16_t)(t->carry_len - used);
        old -= used;
        if (*pos == m) {
            return LWCI_DM_WSTREAM_MORE;
        }
        if (used == 0) {
            return LWC_COAP_REQUEST_ENTITY_TOO_LARGE; /* carry full */
        }
    }
    return old > 0 ? LWC_COAP_INTERNAL_SERVER_ERROR : 0;
}

/* Feed one block's payload: 0 when the payload ended, MORE when more
 * blocks are needed (the cut entry's tail carried), or a code. */
static int feed_block(lwc_client_t *c, const uint8_t *b, size_t m, bool last)
{
    lwci_block1_t *t = &c->block1;
    size_t pos = 0;
    size_t used = 0;
    bool done = false;
    int rc = drain_carry(t, wstream(c), b, m, last, &pos, &done);

    if (rc != 0 || done) {
        return rc;
    }
    /* b is NULL for an empty block: no pointer arithmetic on it. */
    rc = lwci_dm_wstream_feed(wstream(c), b ? b + pos : NULL, m - pos, last,
                              &used);
    if (rc != LWCI_DM_WSTREAM_MORE) {
        return rc;
    }
    if (m - pos - used > CARRY_CAP) {
        return LWC_COAP_REQUEST_ENTITY_TOO_LARGE;
    }
    if (m - pos - used > 0) {
        memcpy(t->carry, b + pos + used, m - pos - used);
    }
    t->carry_len = (uint16_t)(m - pos - used);
    return LWCI_DM_WSTREAM_MORE;
}

/*
 * Whether a block with num > 0 continues the open transfer: the same
 * server, method, path and Content-Format, at the next offset. The token
 * may differ from block to block: RFC 7959 lets a client use a new token
 * for each block request (libcoap does), and RFC 9175 §3 matches blocks
 * by request, not by token.
 */
static bool continues(lwc_client_t *c, const lwci_server_t *s,
                      const lwci_dm_request_t *r, size_t offset)
{
    const lwci_block1_t *t = &c->block1;
    return t->active && t->ssid == s->ssid && t->next_offset == offset &&
           lwci_dm_wstream_continues(wstream(c), r);
}

/* Block 0: a new transfer (an open one is abandoned). 0 or a code. */
static uint8_t start_transfer(lwc_client_t *c, const lwci_server_t *s,
                              const lwci_coap_msg_t *req,
                              const lwci_dm_request_t *r)
{
    lwci_block1_t *t = &c->block1;
    uint32_t size1 = 0;
    uint8_t code;

    end_transfer(c);
    if (lwci_coap_get_uint(req, LWCI_COAP_OPT_SIZE1, &size1) != LWC_OK) {
        size1 = 0; /* RFC 7959 §4: an indication only */
    }
    code = lwci_dm_wstream_begin(&c->dm, wstream(c), r, size1);
    if (code != 0) {
        return code;
    }
    t->active = true;
    t->ssid = s->ssid;
    t->next_offset = 0;
    t->carry_len = 0;
    return 0;
}

/* The answer: code, the Block1 option echoed, with 4.13 Size1 when the
 * carry was too small (not when a write_chunk handler had no room). */
static void answer(lwci_coap_writer_t *w, uint8_t code,
                   const lwci_coap_block_t *blk, bool size1)
{
    lwci_coap_writer_set_code(w, code);
    if (code == LWCI_COAP_231_CONTINUE || LWCI_COAP_CODE_CLASS(code) == 2) {
        lwci_coap_add_opt_block(w, LWCI_COAP_OPT_BLOCK1, blk);
    }
    if (code == LWCI_COAP_413_TOO_LARGE && size1) {
        lwci_coap_add_opt_uint(w, LWCI_COAP_OPT_SIZE1,
                               (uint32_t)LWC_BLOCK1_CARRY_SIZE);
    }
}

/* One block of a Write. The CoAP code to answer. */
static uint8_t write_block(lwc_client_t *c, const lwci_server_t *s,
                           const lwci_coap_msg_t *req,
                           const lwci_dm_request_t *r,
                           const lwci_coap_block_t *blk)
{
    size_t size = (size_t)16 << blk->szx;
    size_t offset = (size_t)blk->num * size;
    uint8_t code;

    if (blk->more && r->payload_len != size) {
        end_transfer(c);
        return LWCI_COAP_400_BAD_REQUEST; /* RFC 7959 §2.3 */
    }
    if (blk->num == 0) {
        if (c->state != LWCI_CLIENT_RUNNING) {
            end_transfer(c);
            return LWCI_COAP_503_UNAVAILABLE; /* stopping: none starts */
        }
        code = start_transfer(c, s, req, r);
        if (code != 0) {
            return code;
        }
    } else if (!continues(c, s, r, offset)) {
        LWCI_WARN(LWCI_CORE_LOG(c), MOD, "server %u: block %u out of order",
                  s->ssid, (unsigned)blk->num);
        end_transfer(c);
        return LWCI_COAP_408_INCOMPLETE;
    }
    int rc = feed_block(c, r->payload, r->payload_len, !blk->more);
    if (rc == LWCI_DM_WSTREAM_MORE) {
        c->block1.next_offset = (uint32_t)(offset + size);
        c->block1.expires_ms = c->now_ms + LWCI_COAP_EXCHANGE_LIFETIME_MS;
        return LWCI_COAP_231_CONTINUE;
    }
    if (rc != 0) {
        end_transfer(c);
        return (uint8_t)rc;
    }
    code = lwci_dm_wstream_finish(&c->dm, wstream(c));
    c->block1.active = false;
    c->block1.carry_len = 0;
    return code;
}

bool lwci_block1_handle(lwc_client_t *c, const lwci_server_t *s,
                        const lwci_coap_msg_t *req, const lwci_dm_request_t *r,
                        lwci_coap_writer_t *w)
{
    lwci_coap_block_t blk;
    int rc = lwci_coap_get_block(req, LWCI_COAP_OPT_BLOCK1, &blk);
    bool write =
        r->op == LWCI_DM_OP_WRITE_REPLACE || r->op == LWCI_DM_OP_WRITE_PARTIAL;

    if (rc == LWC_ERR_NOT_FOUND) {
        if (c->block1.active && lwci_dm_wstream_conflicts(wstream(c), r)) {
            /* It cannot run inside the transfer's open transaction: the
             * transfer ends (rolled back; its next block gets 4.08). */
            LWCI_WARN(LWCI_CORE_LOG(c), MOD,
                      "server %u: block-wise write abandoned for a request "
                      "on the same object",
                      c->block1.ssid);
            end_transfer(c);
        }
        return false;
    }
    if (rc != LWC_OK) {
        lwci_coap_writer_set_code(w, LWCI_COAP_400_BAD_REQUEST);
        return true;
    }
    if (!write || blk.szx > 6) {
        if (blk.num == 0 && !blk.more) {
            return false; /* the whole payload in one block */
        }
        lwci_coap_writer_set_code(w, LWCI_COAP_413_TOO_LARGE);
        return true;
    }
    uint8_t code = write_block(c, s, req, r, &blk);
    LWCI_DEBUG(LWCI_CORE_LOG(c), MOD, "server %u: block %u%s -> %u.%02u",
               s->ssid, (unsigned)blk.num, blk.more ? "+" : "", code >> 5,
               code & 0x1f);
    answer(w, code, &blk, !lwci_dm_wstream_chunked(wstream(c)));
    return true;
}

void lwci_block1_step(lwc_client_t *c, int64_t now_ms, int64_t *next_ms)
{
    if (!c->block1.active) {
        return;
    }
    if (now_ms >= c->block1.expires_ms || c->state != LWCI_CLIENT_RUNNING) {
        LWCI_WARN(LWCI_CORE_LOG(c), MOD, "server %u: transfer abandoned",
                  c->block1.ssid);
        end_transfer(c);
        return;
    }
    if (c->block1.expires_ms < *next_ms) {
        *next_ms = c->block1.expires_ms;
    }
}

void lwci_block1_abort(lwc_client_t *c)
{
    end_transfer(c);
}
