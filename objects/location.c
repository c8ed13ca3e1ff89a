/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* LwM2M Location object (6): LwM2M 1.1 Core Appendix E.7, object version
 * 1.0 of the OMA registry (6.xml). Single instance 6/0, read-only. */
#include <string.h>

#include "objects_internal.h"

#define RES(id, t, mand)                                                       \
    {                                                                          \
        .rid = (id), .type = (t), .ops = LWC_OP_R, .mandatory = (mand)         \
    }

static const lwc_resource_def_t location_resources[] = {
    RES(LWC_LOCATION_RID_LATITUDE, LWC_TYPE_FLOAT, true),
    RES(LWC_LOCATION_RID_LONGITUDE, LWC_TYPE_FLOAT, true),
    RES(LWC_LOCATION_RID_ALTITUDE, LWC_TYPE_FLOAT, false),
    RES(LWC_LOCATION_RID_RADIUS, LWC_TYPE_FLOAT, false),
    RES(LWC_LOCATION_RID_VELOCITY, LWC_TYPE_OPAQUE, false),
    RES(LWC_LOCATION_RID_TIMESTAMP, LWC_TYPE_TIME, true),
    RES(LWC_LOCATION_RID_SPEED, LWC_TYPE_FLOAT, false),
};

static int loc_list(void *ctx, lwc_dm_list_t *list)
{
    (void)ctx;
    lwc_dm_list_add(list, 0);
    return LWC_OK;
}

/* One resource of a fix; LWC_ERR_NOT_FOUND for an absent optional one. */
static int fix_value(const lwc_location_values_t *f, uint16_t rid,
                     lwc_value_t *out)
{
    bool present = true;
    switch (rid) {
    case LWC_LOCATION_RID_LATITUDE:
        *out = lwc_value_float(f->latitude);
        break;
    case LWC_LOCATION_RID_LONGITUDE:
        *out = lwc_value_float(f->longitude);
        break;
    case LWC_LOCATION_RID_ALTITUDE:
        *out = lwc_value_float(f->altitude);
        present = f->has_altitude;
        break;
    case LWC_LOCATION_RID_RADIUS:
        *out = lwc_value_float(f->radius);
        present = f->has_radius;
        break;
    case LWC_LOCATION_RID_VELOCITY:
        *out = lwc_value_opaque(f->velocity, f->velocity_len);
        present = f->velocity && f->velocity_len;
        break;
    case LWC_LOCATION_RID_TIMESTAMP:
        *out = lwc_value_time(f->timestamp);
        break;
    case LWC_LOCATION_RID_SPEED:
        *out = lwc_value_float(f->speed);
        present = f->has_speed;
        break;
    default:
        present = false;
        break;
    }
    return present ? LWC_OK : LWC_ERR_NOT_FOUND;
}

static int loc_read(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                    lwc_value_t *out)
{
    lwc_location_object_t *loc = ctx;
    (void)riid;
    if (iid != 0) {
        return LWC_ERR_NOT_FOUND;
    }
    if (loc->read) {
        lwc_location_values_t f;
        memset(&f, 0, sizeof(f));
        int rc = loc->read(loc->read_ctx, &f);
        return rc == LWC_OK ? fix_value(&f, rid, out) : rc;
    }
    if (!loc->has_fix) {
        return LWC_ERR_NOT_FOUND;
    }
    return fix_value(&loc->fix, rid, out);
}

static const lwc_object_handlers_t location_handlers = {
    .list_instances = loc_list,
    .read = loc_read,
};

void lwci_location_fill_descriptor(lwc_location_object_t *obj)
{
    obj->object.oid = LWC_OID_LOCATION;
    obj->object.version = NULL; /* 1.0 */
    obj->object.resources = location_resources;
    obj->object.resource_count =
        sizeof(location_resources) / sizeof(location_resources[0]);
    obj->object.multi_instance = false;
    obj->object.handlers = &location_handlers;
    obj->object.user_ctx = obj;
}

int lwc_location_object_init(lwc_location_object_t *obj,
                             lwc_location_read_cb_t read, void *ctx)
{
    if (!obj) {
        return LWC_ERR_INVALID_ARG;
    }
    memset(obj, 0, sizeof(*obj));
    obj->read = read;
    obj->read_ctx = ctx;
    lwci_location_fill_descriptor(obj);
    return LWC_OK;
}

/* lo <= x <= hi; false for NaN, whose comparisons are all false. */
static bool within(double x, double lo, double hi)
{
    return x >= lo && x <= hi;
}

static bool values_ok(const lwc_location_values_t *v)
{
    const double huge = 1e300; /* rejects NaN and infinities */
    return within(v->latitude, -90.0, 90.0) &&
           within(v->longitude, -180.0, 180.0) &&
           (!v->has_altitude || within(v->altitude, -huge, huge)) &&
           (!v->has_radius || within(v->radius, 0.0, huge)) &&
           (!v->has_speed || within(v->speed, 0.0, huge)) &&
           (v->velocity || !v->velocity_len);
}

int lwc_location_update(lwc_location_object_t *obj,
                        const lwc_location_values_t *values)
{
    if (!obj || !values || !values_ok(values)) {
        return LWC_ERR_INVALID_ARG;
    }
    if (values->velocity_len > LWC_LOCATION_VELOCITY_MAX) {
        return LWC_ERR_NO_SPACE;
    }
    obj->fix = *values;
    if (values->velocity_len) {
        memcpy(obj->velocity, values->velocity, values->velocity_len);
    }
    obj->fix.velocity = values->velocity_len ? obj->velocity : NULL;
    obj->has_fix = true;
    return LWC_OK;
}

void lwc_location_clear(lwc_location_object_t *obj)
{
    if (obj) {
        obj->has_fix = false;
    }
}
