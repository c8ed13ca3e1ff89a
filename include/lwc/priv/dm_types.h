/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The data-model registry's layout, public only so that lwc_client_t can be
 * allocated statically. Its fields are private: use src/dm/dm.h.
 */
#ifndef LWC_PRIV_DM_TYPES_H
#define LWC_PRIV_DM_TYPES_H

#include <stdbool.h>
#include <stdint.h>

#include <lwc/config.h>
#include <lwc/dm.h>
#include <lwc/platform.h>

/*
 * Attribute values of one level (src/dm/attributes.h): `set` has bit
 * (1 << LWCI_ATTR_*) for every attribute present.
 */
typedef struct {
    uint16_t set;
    bool edge, con;
    uint32_t pmin, pmax, epmin, epmax, hqmax;
    double gt, lt, st;
} lwci_dm_attrs_t;

/* One server's attributes on one path; free while attrs.set is 0. */
typedef struct {
    lwci_dm_attrs_t attrs;
    lwc_path_t path;
    uint16_t ssid;
} lwci_dm_attr_rec_t;

typedef struct lwci_dm {
    /* Installed objects, sorted by Object ID. Kept by pointer. */
    const lwc_object_t *objects[LWC_MAX_OBJECTS];
    uint16_t count;
    /* Changes whenever the object or instance list may have changed. */
    uint32_t generation;
    const lwc_platform_t *pf;
    /* Called after a server request changed something (see dm.h). */
    void (*change_hook)(void *ctx, const lwc_path_t *path);
    void *change_ctx;
    /* Write-Attributes records (src/dm/attributes.c). */
    lwci_dm_attr_rec_t attrs[LWC_MAX_ATTRIBUTES];
} lwci_dm_t;

#endif /* LWC_PRIV_DM_TYPES_H */
