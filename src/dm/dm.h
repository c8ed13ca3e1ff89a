/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Data model: internal interface used by the client core (src/core).
 *
 * The public side (object descriptors, handlers, paths) is include/lwc/dm.h.
 * This side is CoAP-free: the core maps a CoAP request to an lwci_dm_request_t
 * and sends the lwci_dm_response_t back; response codes are CoAP code bytes
 * (class << 5 | detail), the same numbering handlers may return.
 */
#ifndef LWC_DM_DM_H
#define LWC_DM_DM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lwc/dm.h>
#include <lwc/platform.h>
#include <lwc/priv/dm_types.h>

/* Operations of the Device Management and Service Enablement interface. */
typedef enum {
    LWCI_DM_OP_READ = 0,
    LWCI_DM_OP_DISCOVER,
    LWCI_DM_OP_WRITE_REPLACE, /* PUT */
    LWCI_DM_OP_WRITE_PARTIAL, /* POST on an instance or resource */
    LWCI_DM_OP_WRITE_ATTRIBUTES,
    LWCI_DM_OP_EXECUTE,
    LWCI_DM_OP_CREATE,
    LWCI_DM_OP_DELETE,
    LWCI_DM_OP_READ_COMPOSITE,  /* FETCH */
    LWCI_DM_OP_WRITE_COMPOSITE, /* iPATCH */
} lwci_dm_op_t;

/* A byte string that is not NUL-terminated (e.g. a Uri-Query value). */
typedef struct {
    const char *s;
    size_t len;
} lwci_dm_slice_t;

#define LWCI_DM_MAX_QUERY 8

/* One request from a server. Pointers are valid during lwci_dm_handle(). */
typedef struct {
    lwci_dm_op_t op;
    lwc_path_t path;        /* len 0 means the root "/" */
    uint16_t ssid;          /* requesting server's Short Server ID */
    bool bootstrap;         /* from the bootstrap server */
    int32_t content_format; /* of the payload; -1 when absent */
    int32_t accept;         /* -1 when absent */
    const uint8_t *payload; /* may be NULL when payload_len is 0 */
    size_t payload_len;
    lwci_dm_slice_t query[LWCI_DM_MAX_QUERY]; /* Uri-Query values */
    size_t query_count;
    /*
     * Block-wise response window (RFC 7959 §2.4). With block_size 0 the
     * whole payload must fit the out buffer (otherwise resp->more is set
     * and resp->total_len says how large it is, so that the core can ask
     * again block-wise). With block_size > 0 (a power of two, <= cap) the
     * payload is encoded whole and only bytes [block_offset, block_offset
     * + block_size) are written to out.
     */
    size_t block_offset;
    size_t block_size;
} lwci_dm_request_t;

/* What to answer. */
typedef struct {
    uint8_t code;           /* CoAP code byte, e.g. 0x45 for 2.05 */
    int32_t content_format; /* of the payload; -1 when none */
    size_t payload_len;     /* bytes written to the out buffer */
    uint16_t created_iid;   /* Create answered 2.01: Location-Path /oid/iid */
    /* Responses with a payload (Read, Discover, Read-Composite): */
    size_t total_len; /* size of the whole encoded payload */
    bool more;        /* bytes exist beyond the window written to out */
    uint32_t etag;    /* hash of the whole payload, for the ETag option */
} lwci_dm_response_t;

void lwci_dm_init(lwci_dm_t *dm, const lwc_platform_t *pf);

/*
 * Called after a server request (Write, Create, Delete) changed something
 * under `path`, so that the core can react (lifetime or binding changed ->
 * Update; later: notify observers).
 */
void lwci_dm_set_change_hook(lwci_dm_t *dm,
                             void (*hook)(void *ctx, const lwc_path_t *path),
                             void *ctx);

/* LWC_OK, LWC_ERR_INVALID_ARG (bad descriptor, logged), LWC_ERR_EXISTS,
 * LWC_ERR_NO_SPACE. Bumps the generation. */
int lwci_dm_add_object(lwci_dm_t *dm, const lwc_object_t *obj);
/* LWC_OK or LWC_ERR_NOT_FOUND. Bumps the generation. */
int lwci_dm_remove_object(lwci_dm_t *dm, uint16_t oid);

/* A counter that changes whenever the object/instance list may have changed
 * (objects added or removed, server Create/Delete, lwci_dm_bump_generation). */
uint32_t lwci_dm_generation(const lwci_dm_t *dm);
void lwci_dm_bump_generation(lwci_dm_t *dm);

/* The smallest instance ID of object oid greater than `after` (-1 for the
 * first): LWC_OK, or LWC_ERR_NOT_FOUND when there is none / no such object. */
int lwci_dm_next_instance(lwci_dm_t *dm, uint16_t oid, int32_t after,
                          uint16_t *iid);

/*
 * Typed reads of single-instance resources, for the core itself (Security,
 * Server and Device values). LWC_ERR_NOT_FOUND when the object, instance or
 * resource is absent; LWC_ERR_MALFORMED when the value has another type
 * that cannot be converted; LWC_ERR_NO_SPACE when the buffer is too small.
 * get_string NUL-terminates.
 */
int lwci_dm_get_int(lwci_dm_t *dm, const lwc_path_t *path, int64_t *out);
int lwci_dm_get_bool(lwci_dm_t *dm, const lwc_path_t *path, bool *out);
int lwci_dm_get_string(lwci_dm_t *dm, const lwc_path_t *path, char *buf,
                       size_t cap);
int lwci_dm_get_opaque(lwci_dm_t *dm, const lwc_path_t *path, uint8_t *buf,
                       size_t cap, size_t *len);

/*
 * The registration payload's object list (LwM2M 1.1 Core §6.2.1,
 * Transport §6.4.1), written to buf without a NUL: every object except
 * Security (0) and OSCORE (21), as </oid/iid> for each instance, or </oid>
 * when it has none; an object whose version is not 1.0 is announced by its
 * own object link </oid>;ver=X.Y before its instances (as Leshan and other
 * servers expect: "</3>;ver=1.1,</3/0>"). Entries separated by ','.
 * LWC_ERR_NO_SPACE when it does not fit.
 */
int lwci_dm_registration_links(lwci_dm_t *dm, char *buf, size_t cap,
                               size_t *len);

/* Handle one server request; the response payload goes into out[0..cap).
 * Every failure is expressed in resp->code. */
void lwci_dm_handle(lwci_dm_t *dm, const lwci_dm_request_t *req, uint8_t *out,
                    size_t cap, lwci_dm_response_t *resp);

/* ---- Streamed Write (Block1, RFC 7959 §2.5), write_stream.c ----------- */

/*
 * A Write (Replace or Partial Update) whose payload arrives in pieces: the
 * object's transaction is opened at begin, every complete entry fed in is
 * checked and written at once, and finish commits (or abort rolls back).
 * Unlike lwci_dm_handle(), entries are written before the rest of the
 * payload is seen, so all-or-nothing holds only for objects with
 * transaction hooks. The session lives in caller storage of
 * LWCI_DM_WSTREAM_SIZE bytes (include/lwc/priv/client_types.h), aligned for
 * pointers; it holds no pointer into the fed buffers between calls.
 */
typedef struct lwci_dm_wstream lwci_dm_wstream_t;

/*
 * Start a session for req (op WRITE_REPLACE or WRITE_PARTIAL; payload
 * ignored): the same path, access and content-format checks as a Write,
 * then the object's transaction_begin. An opaque value for an object with
 * write_chunk is not decoded: the fed bytes go to write_chunk as they come
 * (size_hint, the payload's announced size or 0, is passed on), all
 * consumed. 0 on success, else the CoAP code to answer (4.00, 4.01, 4.04,
 * 4.05, 4.15, a handler's code); no session is open then.
 */
uint8_t lwci_dm_wstream_begin(lwci_dm_t *dm, lwci_dm_wstream_t *ws,
                              const lwci_dm_request_t *req, size_t size_hint);

/* Whether the session (open or ended) passes its value to write_chunk. */
bool lwci_dm_wstream_chunked(const lwci_dm_wstream_t *ws);

/* Whether req, a request outside the session, changes the object the open
 * session writes (Write, Create, Delete or Execute on it, or any
 * Write-Composite) and so cannot run while its transaction is open. */
bool lwci_dm_wstream_conflicts(const lwci_dm_wstream_t *ws,
                               const lwci_dm_request_t *req);

/* Whether req (a later block) belongs to the open session: the same
 * operation, path and Content-Format (RFC 7959 §2.5 leaves the token
 * free). */
bool lwci_dm_wstream_continues(const lwci_dm_wstream_t *ws,
                               const lwci_dm_request_t *req);

/*
 * Decode and write the complete entries of buf[0..len), the payload bytes
 * that follow the ones consumed so far. `last`: no more bytes follow.
 * Returns 0 with *consumed == len when `last` and the payload ended
 * cleanly; LWCI_DM_WSTREAM_MORE when the input ends inside an entry
 * (*consumed: bytes that may be dropped; feed the rest again joined with
 * the next bytes); else the CoAP code to answer (4.00 malformed, 4.13 an
 * entry too large for the decoder, a handler's code), after which only
 * abort is allowed.
 */
#define LWCI_DM_WSTREAM_MORE 1
int lwci_dm_wstream_feed(lwci_dm_wstream_t *ws, const uint8_t *buf, size_t len,
                         bool last, size_t *consumed);

/* After the last feed returned 0: validate and commit the transaction,
 * report the change. Returns the code to answer: 2.04 or the error (the
 * transaction is rolled back on a validate failure). Ends the session. */
uint8_t lwci_dm_wstream_finish(lwci_dm_t *dm, lwci_dm_wstream_t *ws);

/* Roll the transaction back and end the session (safe on an ended one);
 * a write_chunk handler hears abort first, unless its value was complete
 * or it failed. */
void lwci_dm_wstream_abort(lwci_dm_wstream_t *ws);

#endif /* LWC_DM_DM_H */
