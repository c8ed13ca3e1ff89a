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

/*
 * The collector behind lwc_dm_list_t: while a list handler runs it keeps
 * the smallest ID greater than `after` (the enumeration is "next after",
 * so no array of IDs is ever stored).
 */
struct lwc_dm_list {
    int32_t after; /* report IDs greater than this; -1 for all */
    int32_t best;  /* smallest such ID seen, -1 when none */
};

/* Where a response payload is built. */
typedef struct {
    uint8_t *buf;
    size_t cap;
    size_t pos;
} lwci_dm_out_t;

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

/* Operations, one file each. */
void lwci_dm_do_read(lwci_dm_t *dm, const lwci_dm_request_t *req,
                     const lwc_object_t *obj, lwci_dm_out_t *out,
                     lwci_dm_response_t *resp);
void lwci_dm_do_write(lwci_dm_t *dm, const lwci_dm_request_t *req,
                      const lwc_object_t *obj, lwci_dm_response_t *resp);
void lwci_dm_do_create(lwci_dm_t *dm, const lwci_dm_request_t *req,
                       const lwc_object_t *obj, lwci_dm_response_t *resp);

/*
 * Apply (or, with apply false, only check) the TLV resources of one
 * instance: entries of type "resource" for single and "multiple resource"
 * for multiple resources. Used by Write on an instance and by Create.
 * Returns LWC_OK, a negative LWC_ERR_* code or a CoAP code byte (for
 * lwci_dm_code()).
 */
int lwci_dm_write_instance_tlv(const lwc_object_t *obj, uint16_t iid,
                               const uint8_t *buf, size_t len, bool replace,
                               bool bootstrap, bool apply);

/*
 * Run body twice: once to check the whole request (apply false), then, if
 * that passed, inside the object's transaction hooks (begin, body with
 * apply true, validate, commit; rollback on failure). Returns as above.
 */
int lwci_dm_transaction(const lwc_object_t *obj,
                        int (*body)(const lwc_object_t *obj, const void *arg,
                                    bool apply),
                        const void *arg);

#endif /* LWC_DM_DM_INTERNAL_H */
