/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Attributes (LwM2M 1.1 Core §5.1.2; 1.2 Core §5.1.2 for edge, con, hqmax
 * and the Resource Instance level): Write-Attributes (§5.4.4) stores them
 * per server and path in the registry's fixed pool (LWC_MAX_ATTRIBUTES),
 * Discover (§5.4.2) shows them, and lwci_dm_attr_get() resolves what
 * applies to a path for the notification code.
 */
#ifndef LWC_DM_ATTRIBUTES_H
#define LWC_DM_ATTRIBUTES_H

#include "dm/dm_internal.h"
#include "io/link.h"

/* Attributes a server can write; bit (1 << id) in lwci_dm_attrs_t.set. */
typedef enum {
    LWCI_ATTR_PMIN = 0,
    LWCI_ATTR_PMAX,
    LWCI_ATTR_GT,
    LWCI_ATTR_LT,
    LWCI_ATTR_ST,
    LWCI_ATTR_EPMIN,
    LWCI_ATTR_EPMAX,
    LWCI_ATTR_EDGE,  /* 1.2 */
    LWCI_ATTR_CON,   /* 1.2 */
    LWCI_ATTR_HQMAX, /* 1.2 */
    LWCI_ATTR_COUNT
} lwci_attr_id_t;

#define LWCI_ATTR_BIT(id) ((uint16_t)(1u << (id)))

/* Write-Attributes: the request's Uri-Query values applied to req->path
 * for req->ssid, all or nothing. Answers 2.04, 4.00, 4.04, 4.05 or 4.13
 * (pool full). */
void lwci_dm_do_write_attributes(lwci_dm_t *dm, const lwci_dm_request_t *req,
                                 const lwc_object_t *obj,
                                 lwci_dm_response_t *resp);

/* Discover of an object, instance or resource in application/link-format,
 * through the request's block window like Read. */
void lwci_dm_do_discover(lwci_dm_t *dm, const lwci_dm_request_t *req,
                         const lwc_object_t *obj, uint8_t *out, size_t cap,
                         lwci_dm_response_t *resp);

/* The attributes written by server ssid exactly at path; NULL when none. */
const lwci_dm_attrs_t *lwci_dm_attr_find(const lwci_dm_t *dm, uint16_t ssid,
                                         const lwc_path_t *path);

/*
 * What applies to path for server ssid: for each attribute the value of
 * the most specific level that has it (resource instance, resource,
 * instance, object), then pmin and pmax from the server's Server object
 * instance (1/x/2, 1/x/3; pmin is 0 when neither gives one, §5.1.2).
 * LWC_OK (out->set says which are present) or LWC_ERR_INVALID_ARG.
 */
int lwci_dm_attr_get(lwci_dm_t *dm, uint16_t ssid, const lwc_path_t *path,
                     lwci_dm_attrs_t *out);

/* Copy into out the attributes of a that out does not have yet (a less
 * specific level's attributes under a more specific one's). */
void lwci_dm_attr_merge(lwci_dm_attrs_t *out, const lwci_dm_attrs_t *a);

/* Drop the records of server ssid (0: of every server) at prefix and below
 * (an instance was deleted, a server account removed). */
void lwci_dm_attr_forget(lwci_dm_t *dm, uint16_t ssid,
                         const lwc_path_t *prefix);

/* Write the attributes present in a as ";name=value" onto the current link,
 * in the order of lwci_attr_id_t. */
int lwci_dm_attr_write_link(lwci_link_writer_t *w, const lwci_dm_attrs_t *a);

#endif /* LWC_DM_ATTRIBUTES_H */
