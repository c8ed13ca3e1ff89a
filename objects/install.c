/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Installing the standard objects in a client: the only place in objects/
 * that calls the client API. */
#include "objects_internal.h"

int lwc_security_object_install(lwc_client_t *client,
                                lwc_security_object_t *obj)
{
    if (!client || !obj) {
        return LWC_ERR_INVALID_ARG;
    }
    lwci_security_fill_descriptor(obj);
    return lwc_client_add_object(client, &obj->object);
}

int lwc_server_object_install(lwc_client_t *client, lwc_server_object_t *obj)
{
    if (!client || !obj) {
        return LWC_ERR_INVALID_ARG;
    }
    lwci_server_fill_descriptor(obj);
    obj->client = client;
    obj->trigger_update = lwc_client_trigger_update;
    return lwc_client_add_object(client, &obj->object);
}

int lwc_device_object_install(lwc_client_t *client, lwc_device_object_t *dev)
{
    if (!client || !dev) {
        return LWC_ERR_INVALID_ARG;
    }
    lwci_device_fill_descriptor(dev);
    return lwc_client_add_object(client, &dev->object);
}

int lwc_connmon_object_install(lwc_client_t *client, lwc_connmon_object_t *obj)
{
    if (!client || !obj) {
        return LWC_ERR_INVALID_ARG;
    }
    lwci_connmon_fill_descriptor(obj);
    return lwc_client_add_object(client, &obj->object);
}

int lwc_location_object_install(lwc_client_t *client,
                                lwc_location_object_t *obj)
{
    if (!client || !obj) {
        return LWC_ERR_INVALID_ARG;
    }
    lwci_location_fill_descriptor(obj);
    return lwc_client_add_object(client, &obj->object);
}
