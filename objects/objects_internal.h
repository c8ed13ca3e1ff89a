/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Shared between the files of objects/ only. The install functions live in
 * install.c, apart from the objects, so that the objects themselves call no
 * lwc_client_* function directly and can be tested against the data model
 * alone.
 */
#ifndef LWC_OBJECTS_INTERNAL_H
#define LWC_OBJECTS_INTERNAL_H

#include <lwc/objects/connmon.h>
#include <lwc/objects/device.h>
#include <lwc/objects/location.h>
#include <lwc/objects/security.h>
#include <lwc/objects/server.h>

/* Fill the descriptor (object ID, tables, user_ctx) without touching the
 * instances or the application's settings. */
void lwci_security_fill_descriptor(lwc_security_object_t *obj);
void lwci_server_fill_descriptor(lwc_server_object_t *obj);
void lwci_device_fill_descriptor(lwc_device_object_t *dev);
void lwci_connmon_fill_descriptor(lwc_connmon_object_t *obj);
void lwci_location_fill_descriptor(lwc_location_object_t *obj);

#endif /* LWC_OBJECTS_INTERNAL_H */
