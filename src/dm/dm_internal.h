/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Helpers shared by the files of src/dm (not used outside it): object and
 * resource lookup, instance enumeration through the list handlers, typed
 * reads through the read handler, and the result-code mapping.
 */
#ifndef LWC_DM_DM_INTERNAL_H
#define LWC_DM_DM_INTERNAL_H

#include "dm/dm.h"
#include "io/io.h"

/*
 * Room on the stack for decoded values that cannot point into the payload
 * (JSON strings with escapes, base64-decoded opaque), per decoder.
 */
#ifndef LWCI_DM_DECODE_SCRATCH
#define LWCI_DM_DECODE_SCRATCH 256
#endif

/*
 * The collector behind lwc_dm_list_t: while a list handler runs it keeps
 * the smallest ID greater than `after` (the enumeration is "next after",
 * so no array of IDs is ever stored).
 */
struct lwc_dm_list {
    int32_t after; /* report IDs greater than this; -1 for all */
    int32_t best;  /* smallest such ID seen, -1 when none */
};

const lwc_object_t *lwci_dm_find_object(const lwci_dm_t *dm, uint16_t oid);
/* Binary search of the sorted resource table; NULL when absent. */
const lwc_resource_def_t *lwci_dm_find_resource(const lwc_object_t *obj,
                                                uint16_t rid);

/* Smallest instance ID > after: LWC_OK, LWC_ERR_NOT_FOUND when none, or
 * the list handler's error. */
int lwci_dm_obj_next_instance(const lwc_object_t *obj, int32_t after,
                              uint16_t *iid);
/* LWC_OK when instance iid exists, LWC_ERR_NOT_FOUND, or a handler error. */
int lwci_dm_instance_exists(const lwc_object_t *obj, uint16_t iid);
/* Smallest Resource Instance ID > after of a multiple resource in *riid,
 * -1 when there is none: LWC_OK, or the handler's code (LWC_ERR_NOT_FOUND:
 * the resource is absent). */
int lwci_dm_next_resource_instance(const lwc_object_t *obj, uint16_t iid,
                                   uint16_t rid, int32_t after, int32_t *riid);

/* Call the read handler and convert the result to the declared type:
 * LWC_OK, the handler's code, or LWC_ERR_INTERNAL for a value the handler
 * gave in an incompatible type or out of the declared type's range (and
 * for a handler's LWC_ERR_NO_SPACE, so that LWC_ERR_NO_SPACE from a read
 * always means "the response does not fit"). */
int lwci_dm_read_value(const lwc_object_t *obj, uint16_t iid,
                       const lwc_resource_def_t *def, uint16_t riid,
                       lwc_value_t *out);

/* Convert *v in place to `type` when lossless (INT/UINT/TIME between each
 * other, INT/UINT to FLOAT, STRING/CORELNK): LWC_OK or LWC_ERR_MALFORMED. */
int lwci_dm_convert(lwc_value_t *v, uint8_t type);

/* The response code for a handler result (LWC_OK gives `ok`); `writing`
 * selects 4.13 rather than 5.00 for LWC_ERR_NO_SPACE / LWC_ERR_TOO_LARGE. */
uint8_t lwci_dm_code(int rc, uint8_t ok, bool writing);

/* Whether a server (bootstrap or not) may read / write this resource. */
bool lwci_dm_readable(const lwc_resource_def_t *def, bool bootstrap);
bool lwci_dm_writable(const lwc_resource_def_t *def, bool bootstrap);

/* Report a change to the core's hook, if set. */
void lwci_dm_notify_change(lwci_dm_t *dm, const lwc_path_t *path);

/* True for formats that carry exactly one value (text/plain, opaque,
 * plain CBOR): not usable on an object, instance or multiple resource. */
bool lwci_dm_single_value_format(int32_t format);

/*
 * The part of an encoded answer in sink that this response carries
 * (RFC 7959 §2.4): 2.05 with the window and its Content-Format, 4.13 when
 * it does not fit and the server asked for no Block2, 4.02 for a block
 * beyond the end. Used by Read, Discover and Read-Composite.
 */
void lwci_dm_fill_window(const lwci_dm_request_t *req, int32_t format,
                         const lwci_io_sink_t *sink, lwci_dm_response_t *resp);

/* Operations, one file each. */
void lwci_dm_do_read(lwci_dm_t *dm, const lwci_dm_request_t *req,
                     const lwc_object_t *obj, uint8_t *out, size_t cap,
                     lwci_dm_response_t *resp);
void lwci_dm_do_write(lwci_dm_t *dm, const lwci_dm_request_t *req,
                      const lwc_object_t *obj, lwci_dm_response_t *resp);
void lwci_dm_do_create(lwci_dm_t *dm, const lwci_dm_request_t *req,
                       const lwc_object_t *obj, lwci_dm_response_t *resp);

/*
 * A request payload to apply to one instance (Write, Create): decoded entry
 * by entry with `dec`, each entry's path checked to lie under `target`.
 */
typedef struct {
    /* The payload's decoder; NULL for no payload (no entries). */
    const lwci_io_decoder_ops_t *dec;
    /* Its content format, for lwci_io_entry_value(). */
    uint16_t format;
    /* The decoder's base: the request path. */
    lwc_path_t base;
    /* Entries must lie here; its instance ID replaces an entry's
     * LWC_ID_NONE (a Create payload without an instance entry). */
    lwc_path_t target;
    const uint8_t *payload;
    size_t payload_len;
    bool replace;   /* Write-Replace: clear multiple resources first */
    bool bootstrap; /* writability as for the bootstrap server */
    bool single;    /* exactly one value, at `target` itself */
} lwci_dm_payload_t;

/*
 * Decode the whole payload and, with apply, write every value through the
 * write handler (resource_clear first for a replaced multiple resource).
 * Without apply only checks it: decoding, paths, resource definitions,
 * writability and value types, so that a request fails before the first
 * handler runs. Returns LWC_OK, a negative LWC_ERR_* or a CoAP code byte
 * (for lwci_dm_code()).
 */
int lwci_dm_apply_payload(const lwc_object_t *obj, const lwci_dm_payload_t *p,
                          bool apply);

/*
 * The same one entry at a time, for a payload that is never held whole
 * (write_stream.c): start resets *ps (and clears the target of a
 * Write-Replace of a whole multiple resource, with apply); entry checks
 * one decoded entry (path under p->target, resource definition,
 * writability, multiplicity, value type) and, with apply, writes it; end
 * says whether a single target got its one value. p->dec, p->payload and
 * p->payload_len are not used. Each returns as lwci_dm_apply_payload().
 */
typedef struct {
    size_t count;    /* entries with a value */
    int32_t cleared; /* multiple resource last cleared, -1 for none */
} lwci_dm_pass_t;

int lwci_dm_payload_start(const lwc_object_t *obj, const lwci_dm_payload_t *p,
                          lwci_dm_pass_t *ps, bool apply);
int lwci_dm_payload_entry(const lwc_object_t *obj, const lwci_dm_payload_t *p,
                          const lwci_io_entry_t *e, lwci_dm_pass_t *ps,
                          bool apply);
int lwci_dm_payload_end(const lwci_dm_payload_t *p, const lwci_dm_pass_t *ps);

/*
 * The first entry's path, to pick the instance a Create addresses:
 * LWC_OK with *path set, LWC_ERR_NOT_FOUND for no entries, or the code to
 * answer.
 */
int lwci_dm_payload_first_path(const lwci_dm_payload_t *p, lwc_path_t *path);

/*
 * Run body twice: once to check the whole request (apply false), then, if
 * that passed, inside the object's transaction hooks (begin, body with
 * apply true, validate, commit; rollback on failure). Returns as above.
 */
int lwci_dm_transaction(const lwc_object_t *obj,
                        int (*body)(const lwc_object_t *obj, const void *arg,
                                    bool apply),
                        const void *arg);

/*
 * The checks of a Write (write.c), shared with the streamed Write. Target:
 * the request path against obj (instance exists; a resource exists, is
 * writable and has a write handler); 0 with *def the addressed resource
 * (NULL for an instance), or the CoAP code. Format: the payload's
 * Content-Format, where none means text/plain (opaque for an opaque
 * resource) for a single value and single-value formats fit only a single
 * value of a type they carry; the format with *dec its decoder, or
 * -LWC_COAP_UNSUPPORTED_CONTENT_FORMAT.
 */
int lwci_dm_write_target(const lwci_dm_request_t *req, const lwc_object_t *obj,
                         const lwc_resource_def_t **def);
int32_t lwci_dm_write_format(const lwci_dm_request_t *req,
                             const lwc_resource_def_t *def,
                             const lwci_io_decoder_ops_t **dec);

/*
 * One piece of a value to obj's write_chunk for the resource (instance)
 * at path; when the handler fails, it hears abort at once (a chunk with
 * abort set) before the error is returned. LWC_OK or the handler's code.
 */
int lwci_dm_chunk_put(const lwc_object_t *obj, const lwc_path_t *path,
                      const lwc_chunk_t *chunk);

/* ---- Composite operations (composite.c) ------------------------------- */

/* Objects one Write-Composite may touch (their transactions are open at
 * the same time); more is answered 4.13. */
#ifndef LWCI_DM_COMPOSITE_MAX_OBJECTS
#define LWCI_DM_COMPOSITE_MAX_OBJECTS 8
#endif

/*
 * Read-Composite (FETCH, LwM2M 1.1 Core §6.3.8): the payload (SenML JSON,
 * SenML CBOR or LwM2M CBOR) lists paths; the response encodes each in the
 * Accept format (default: the request's), absent ones left out, windowed
 * for Block2 like Read. Does its own path checks (root request path,
 * Security object), so the dispatcher calls it without an object.
 * 4.15 for another request format, 4.06 for another Accept, 4.00 for a
 * malformed payload, a root path or no path, 4.01 for the Security object
 * unless bootstrap.
 */
void lwci_dm_do_read_composite(lwci_dm_t *dm, const lwci_dm_request_t *req,
                               uint8_t *out, size_t cap,
                               lwci_dm_response_t *resp);

/*
 * Write-Composite (iPATCH, LwM2M 1.1 Core §6.3.9): values of resources of
 * any objects, applied all-or-nothing inside every touched object's
 * transaction; the change hook hears each written path. 2.04, or 4.00,
 * 4.01, 4.04, 4.05, 4.13, 4.15 or a handler's code.
 */
void lwci_dm_do_write_composite(lwci_dm_t *dm, const lwci_dm_request_t *req,
                                lwci_dm_response_t *resp);

#endif /* LWC_DM_DM_INTERNAL_H */
