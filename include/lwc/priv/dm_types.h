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

#include <stdint.h>

#include <lwc/config.h>
#include <lwc/dm.h>
#include <lwc/platform.h>

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
} lwci_dm_t;

#endif /* LWC_PRIV_DM_TYPES_H */
