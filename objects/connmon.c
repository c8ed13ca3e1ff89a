/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* LwM2M Connectivity Monitoring object (4): LwM2M 1.1 Core Appendix E.5,
 * object version 1.3 of the OMA registry (4.xml). Single instance 4/0,
 * read-only, every value from the application's callbacks. */
#include <string.h>

#include "objects_internal.h"

#define RES(id, t, mand)                                                       \
    {                                                                          \
        .rid = (id), .type = (t), .ops = LWC_OP_R, .mandatory = (mand)         \
    }
#define RES_MULTI(id, t, mand)                                                 \
    {                                                                          \
        .rid = (id), .type = (t), .ops = LWC_OP_R, .multiple = true,           \
        .mandatory = (mand)                                                    \
    }

static const lwc_resource_def_t connmon_resources[] = {
    RES(LWC_CONNMON_RID_NETWORK_BEARER, LWC_TYPE_INT, true),
    RES_MULTI(LWC_CONNMON_RID_AVAILABLE_BEARERS, LWC_TYPE_INT, true),
    RES(LWC_CONNMON_RID_RADIO_SIGNAL_STRENGTH, LWC_TYPE_INT, true),
    RES(LWC_CONNMON_RID_LINK_QUALITY, LWC_TYPE_INT, false),
    RES_MULTI(LWC_CONNMON_RID_IP_ADDRESSES, LWC_TYPE_STRING, true),
    RES_MULTI(LWC_CONNMON_RID_ROUTER_IP_ADDRESSES, LWC_TYPE_STRING, false),
    RES(LWC_CONNMON_RID_LINK_UTILIZATION, LWC_TYPE_INT, false),
    RES_MULTI(LWC_CONNMON_RID_APN, LWC_TYPE_STRING, false),
    RES(LWC_CONNMON_RID_CELL_ID, LWC_TYPE_INT, false),
    RES(LWC_CONNMON_RID_SMNC, LWC_TYPE_INT, false),
    RES(LWC_CONNMON_RID_SMCC, LWC_TYPE_INT, false),
    RES(LWC_CONNMON_RID_SIGNAL_SNR, LWC_TYPE_INT, false),
    RES(LWC_CONNMON_RID_LAC, LWC_TYPE_INT, false),
    RES(LWC_CONNMON_RID_COVERAGE_ENHANCEMENT, LWC_TYPE_INT, false),
};

static int cm_list(void *ctx, lwc_dm_list_t *list)
{
    (void)ctx;
    lwc_dm_list_add(list, 0);
    return LWC_OK;
}

/* Ask the application for one value of rid (index 0 for a single
 * resource). */
static int fetch(const lwc_connmon_object_t *cm, uint16_t rid, uint16_t index,
                 lwc_value_t *out)
{
    const lwc_connmon_callbacks_t *cb = &cm->cb;
    bool string = rid == LWC_CONNMON_RID_IP_ADDRESSES ||
                  rid == LWC_CONNMON_RID_ROUTER_IP_ADDRESSES ||
                  rid == LWC_CONNMON_RID_APN;
    int rc = LWC_ERR_NOT_FOUND;
    if (string && cb->read_string) {
        const char *s = NULL;
        rc = cb->read_string(cb->ctx, rid, index, &s);
        if (rc == LWC_OK && !s) {
            rc = LWC_ERR_NOT_FOUND;
        }
        *out = lwc_value_string(s);
    } else if (!string && cb->read_int) {
        int64_t v = 0;
        rc = cb->read_int(cb->ctx, rid, index, &v);
        *out = lwc_value_int(v);
    }
    return rc;
}

/* Instances 0..n-1 of a multiple resource: as many as the application
 * answers, at most LWC_CONNMON_MAX_VALUES. */
static int cm_list_ri(void *ctx, uint16_t iid, uint16_t rid,
                      lwc_dm_list_t *list)
{
    uint16_t n = 0;
    if (iid != 0) {
        return LWC_ERR_NOT_FOUND;
    }
    while (n < LWC_CONNMON_MAX_VALUES) {
        lwc_value_t v;
        int rc = fetch(ctx, rid, n, &v);
        if (rc == LWC_ERR_NOT_FOUND) {
            break;
        }
        if (rc != LWC_OK) {
            return rc;
        }
        lwc_dm_list_add(list, n++);
    }
    return n ? LWC_OK : LWC_ERR_NOT_FOUND;
}

static int cm_read(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                   lwc_value_t *out)
{
    if (iid != 0) {
        return LWC_ERR_NOT_FOUND;
    }
    if (riid == LWC_ID_NONE) {
        riid = 0;
    } else if (riid >= LWC_CONNMON_MAX_VALUES) {
        return LWC_ERR_NOT_FOUND;
    }
    return fetch(ctx, rid, riid, out);
}

static const lwc_object_handlers_t connmon_handlers = {
    .list_instances = cm_list,
    .list_resource_instances = cm_list_ri,
    .read = cm_read,
};

void lwci_connmon_fill_descriptor(lwc_connmon_object_t *obj)
{
    obj->object.oid = LWC_OID_CONN_MONITORING;
    obj->object.version = "1.3";
    obj->object.resources = connmon_resources;
    obj->object.resource_count =
        sizeof(connmon_resources) / sizeof(connmon_resources[0]);
    obj->object.multi_instance = false;
    obj->object.handlers = &connmon_handlers;
    obj->object.user_ctx = obj;
}

int lwc_connmon_object_init(lwc_connmon_object_t *obj,
                            const lwc_connmon_callbacks_t *callbacks)
{
    if (!obj || !callbacks) {
        return LWC_ERR_INVALID_ARG;
    }
    memset(obj, 0, sizeof(*obj));
    obj->cb = *callbacks;
    lwci_connmon_fill_descriptor(obj);
    return LWC_OK;
}
