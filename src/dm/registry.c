/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* The object registry (DESIGN.md rule 6): validation of descriptors,
 * lookup, instance enumeration and the registration object list. */
#include <string.h>

#include "dm/dm_internal.h"
#include "util/log.h"

void lwci_dm_init(lwci_dm_t *dm, const lwc_platform_t *pf)
{
    if (!dm) {
        return;
    }
    memset(dm, 0, sizeof(*dm));
    dm->pf = pf;
}

void lwci_dm_set_change_hook(lwci_dm_t *dm,
                             void (*hook)(void *ctx, const lwc_path_t *path),
                             void *ctx)
{
    if (dm) {
        dm->change_hook = hook;
        dm->change_ctx = ctx;
    }
}

void lwci_dm_notify_change(lwci_dm_t *dm, const lwc_path_t *path)
{
    if (dm->change_hook) {
        dm->change_hook(dm->change_ctx, path);
    }
}

uint32_t lwci_dm_generation(const lwci_dm_t *dm)
{
    return dm ? dm->generation : 0;
}

void lwci_dm_bump_generation(lwci_dm_t *dm)
{
    if (dm) {
        dm->generation++;
    }
}

/* "X.Y" with digits only, or NULL. */
static bool version_ok(const char *v)
{
    if (!v) {
        return true;
    }
    size_t i = 0;
    while (v[i] >= '0' && v[i] <= '9') {
        i++;
    }
    if (i == 0 || v[i] != '.') {
        return false;
    }
    size_t j = ++i;
    while (v[i] >= '0' && v[i] <= '9') {
        i++;
    }
    return i > j && v[i] == '\0';
}

/* One resource definition; logs what is wrong. */
static bool resource_ok(const lwci_dm_t *dm, const lwc_object_t *obj,
                        const lwc_resource_def_t *r, uint8_t *need)
{
    const char *why = NULL;
    bool exec = (r->ops & LWC_OP_E) != 0;
    if (r->rid > LWC_ID_MAX) {
        why = "ID above 65534";
    } else if (r->type > LWC_TYPE_CORELNK || r->ops > LWC_OP_RW + LWC_OP_E) {
        why = "unknown type or operation bits";
    } else if (exec && (r->type != LWC_TYPE_NONE || r->ops != LWC_OP_E ||
                        r->multiple)) {
        why = "an executable must have type none, ops E only, single";
    } else if (!exec && r->type == LWC_TYPE_NONE) {
        why = "type none is for executables only";
    }
    if (why) {
        LWCI_WARN(dm->pf, "dm", "object %u resource %u: %s", obj->oid, r->rid,
                  why);
        return false;
    }
    /* Bootstrap-only resources need a read handler; without a write
     * handler, Bootstrap-Write answers 4.05. */
    *need |= exec ? LWC_OP_E : (r->ops == LWC_OP_NONE ? LWC_OP_R : r->ops);
    if (r->multiple) {
        *need |= 0x80u;
    }
    return true;
}

/* The handlers a resource table needs are present. */
static const char *handlers_missing(const lwc_object_handlers_t *h,
                                    uint8_t need)
{
    if (!h || !h->list_instances) {
        return "no handlers or no list_instances";
    }
    if ((need & LWC_OP_R) && !h->read) {
        return "readable resources but no read handler";
    }
    if ((need & LWC_OP_W) && !h->write) {
        return "writable resources but no write handler";
    }
    if ((need & LWC_OP_E) && !h->execute) {
        return "executable resources but no execute handler";
    }
    if ((need & 0x80u) && !h->list_resource_instances) {
        return "multiple resources but no list_resource_instances";
    }
    if ((h->transaction_begin != NULL) != (h->transaction_rollback != NULL)) {
        return "transaction_begin and transaction_rollback go together";
    }
    return NULL;
}

static bool object_ok(const lwci_dm_t *dm, const lwc_object_t *obj)
{
    const char *why = NULL;
    uint8_t need = 0;
    if (obj->oid > LWC_ID_MAX) {
        why = "ID above 65534";
    } else if (!version_ok(obj->version)) {
        why = "version is not \"X.Y\"";
    } else if (obj->resource_count && !obj->resources) {
        why = "resource table is NULL";
    }
    for (size_t i = 0; !why && i < obj->resource_count; i++) {
        const lwc_resource_def_t *r = &obj->resources[i];
        if (i > 0 && r->rid <= obj->resources[i - 1].rid) {
            why = "resources not sorted by ID or duplicated";
        } else if (!resource_ok(dm, obj, r, &need)) {
            return false;
        }
    }
    if (!why) {
        why = handlers_missing(obj->handlers, need);
    }
    if (why) {
        LWCI_WARN(dm->pf, "dm", "object %u rejected: %s", obj->oid, why);
        return false;
    }
    return true;
}

int lwci_dm_add_object(lwci_dm_t *dm, const lwc_object_t *obj)
{
    if (!dm || !obj || !object_ok(dm, obj)) {
        return LWC_ERR_INVALID_ARG;
    }
    size_t pos = 0;
    while (pos < dm->count && dm->objects[pos]->oid < obj->oid) {
        pos++;
    }
    if (pos < dm->count && dm->objects[pos]->oid == obj->oid) {
        return LWC_ERR_EXISTS;
    }
    if (dm->count >= LWC_MAX_OBJECTS) {
        return LWC_ERR_NO_SPACE;
    }
    memmove(&dm->objects[pos + 1], &dm->objects[pos],
            (dm->count - pos) * sizeof(dm->objects[0]));
    dm->objects[pos] = obj;
    dm->count++;
    dm->generation++;
    return LWC_OK;
}

int lwci_dm_remove_object(lwci_dm_t *dm, uint16_t oid)
{
    if (!dm) {
        return LWC_ERR_NOT_FOUND;
    }
    for (size_t i = 0; i < dm->count; i++) {
        if (dm->objects[i]->oid == oid) {
            memmove(&dm->objects[i], &dm->objects[i + 1],
                    (dm->count - i - 1) * sizeof(dm->objects[0]));
            dm->count--;
            dm->generation++;
            return LWC_OK;
        }
    }
    return LWC_ERR_NOT_FOUND;
}

const lwc_object_t *lwci_dm_find_object(const lwci_dm_t *dm, uint16_t oid)
{
    for (size_t i = 0; dm && i < dm->count; i++) {
        if (dm->objects[i]->oid == oid) {
            return dm->objects[i];
        }
    }
    return NULL;
}

const lwc_resource_def_t *lwci_dm_find_resource(const lwc_object_t *obj,
                                                uint16_t rid)
{
    size_t lo = 0, hi = obj->resource_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint16_t r = obj->resources[mid].rid;
        if (r == rid) {
            return &obj->resources[mid];
        }
        if (r < rid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

void lwc_dm_list_add(lwc_dm_list_t *list, uint16_t id)
{
    if (!list || id > LWC_ID_MAX || (int32_t)id <= list->after) {
        return;
    }
    if (list->best < 0 || (int32_t)id < list->best) {
        list->best = id;
    }
}

int lwci_dm_obj_next_instance(const lwc_object_t *obj, int32_t after,
                              uint16_t *iid)
{
    lwc_dm_list_t list = {.after = after, .best = -1};
    int rc = obj->handlers->list_instances(obj->user_ctx, &list);
    if (rc != LWC_OK) {
        return rc;
    }
    if (list.best < 0) {
        return LWC_ERR_NOT_FOUND;
    }
    *iid = (uint16_t)list.best;
    return LWC_OK;
}

int lwci_dm_instance_exists(const lwc_object_t *obj, uint16_t iid)
{
    uint16_t found;
    int rc = lwci_dm_obj_next_instance(obj, (int32_t)iid - 1, &found);
    if (rc == LWC_OK && found != iid) {
        rc = LWC_ERR_NOT_FOUND;
    }
    return rc;
}

int lwci_dm_next_resource_instance(const lwc_object_t *obj, uint16_t iid,
                                   uint16_t rid, int32_t after, int32_t *riid)
{
    lwc_dm_list_t list = {.after = after, .best = -1};
    int rc =
        obj->handlers->list_resource_instances(obj->user_ctx, iid, rid, &list);
    if (rc == LWC_OK) {
        *riid = list.best;
    }
    return rc;
}

int lwci_dm_next_instance(lwci_dm_t *dm, uint16_t oid, int32_t after,
                          uint16_t *iid)
{
    const lwc_object_t *obj = lwci_dm_find_object(dm, oid);
    if (!obj || !iid) {
        return LWC_ERR_NOT_FOUND;
    }
    int rc = lwci_dm_obj_next_instance(obj, after, iid);
    return rc == LWC_OK ? LWC_OK : LWC_ERR_NOT_FOUND;
}
