/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* LwM2M Device object (3): LwM2M 1.1 Core Appendix E.4, object version 1.2
 * of the OMA registry (3.xml). Single instance 3/0. */
#include <string.h>

#include "objects_internal.h"

#define RES(id, t, o)                                                          \
    {                                                                          \
        .rid = (id), .type = (t), .ops = (o)                                   \
    }
#define RES_M(id, t, o, mult, mand)                                            \
    {                                                                          \
        .rid = (id), .type = (t), .ops = (o), .multiple = (mult),              \
        .mandatory = (mand)                                                    \
    }

static const lwc_resource_def_t device_resources[] = {
    RES(LWC_DEVICE_RID_MANUFACTURER, LWC_TYPE_STRING, LWC_OP_R),
    RES(LWC_DEVICE_RID_MODEL_NUMBER, LWC_TYPE_STRING, LWC_OP_R),
    RES(LWC_DEVICE_RID_SERIAL_NUMBER, LWC_TYPE_STRING, LWC_OP_R),
    RES(LWC_DEVICE_RID_FIRMWARE_VERSION, LWC_TYPE_STRING, LWC_OP_R),
    RES_M(LWC_DEVICE_RID_REBOOT, LWC_TYPE_NONE, LWC_OP_E, false, true),
    RES(LWC_DEVICE_RID_FACTORY_RESET, LWC_TYPE_NONE, LWC_OP_E),
    RES_M(LWC_DEVICE_RID_POWER_SOURCES, LWC_TYPE_INT, LWC_OP_R, true, false),
    RES_M(LWC_DEVICE_RID_POWER_VOLTAGE, LWC_TYPE_INT, LWC_OP_R, true, false),
    RES_M(LWC_DEVICE_RID_POWER_CURRENT, LWC_TYPE_INT, LWC_OP_R, true, false),
    RES(LWC_DEVICE_RID_BATTERY_LEVEL, LWC_TYPE_INT, LWC_OP_R),
    RES(LWC_DEVICE_RID_MEMORY_FREE, LWC_TYPE_INT, LWC_OP_R),
    RES_M(LWC_DEVICE_RID_ERROR_CODE, LWC_TYPE_INT, LWC_OP_R, true, true),
    RES(LWC_DEVICE_RID_RESET_ERROR_CODE, LWC_TYPE_NONE, LWC_OP_E),
    RES(LWC_DEVICE_RID_CURRENT_TIME, LWC_TYPE_TIME, LWC_OP_RW),
    RES(LWC_DEVICE_RID_UTC_OFFSET, LWC_TYPE_STRING, LWC_OP_RW),
    RES(LWC_DEVICE_RID_TIMEZONE, LWC_TYPE_STRING, LWC_OP_RW),
    RES_M(LWC_DEVICE_RID_SUPPORTED_BINDINGS, LWC_TYPE_STRING, LWC_OP_R, false,
          true),
    RES(LWC_DEVICE_RID_DEVICE_TYPE, LWC_TYPE_STRING, LWC_OP_R),
    RES(LWC_DEVICE_RID_HARDWARE_VERSION, LWC_TYPE_STRING, LWC_OP_R),
    RES(LWC_DEVICE_RID_SOFTWARE_VERSION, LWC_TYPE_STRING, LWC_OP_R),
    RES(LWC_DEVICE_RID_BATTERY_STATUS, LWC_TYPE_INT, LWC_OP_R),
    RES(LWC_DEVICE_RID_MEMORY_TOTAL, LWC_TYPE_INT, LWC_OP_R),
    RES_M(LWC_DEVICE_RID_EXT_DEV_INFO, LWC_TYPE_OBJLNK, LWC_OP_R, true, false),
};

static int dev_list(void *ctx, lwc_dm_list_t *list)
{
    (void)ctx;
    lwc_dm_list_add(list, 0);
    return LWC_OK;
}

static int dev_list_ri(void *ctx, uint16_t iid, uint16_t rid,
                       lwc_dm_list_t *list)
{
    lwc_device_object_t *dev = ctx;
    size_t n = dev->info.power_source_count;
    if (iid != 0) {
        return LWC_ERR_NOT_FOUND;
    }
    if (rid == LWC_DEVICE_RID_ERROR_CODE) {
        /* Always one instance: 0 means "no error" (E.4). */
        n = dev->error_code_count ? dev->error_code_count : 1;
    } else if (rid == LWC_DEVICE_RID_EXT_DEV_INFO) {
        n = dev->info.ext_dev_info_count;
    }
    if (n == 0) {
        return LWC_ERR_NOT_FOUND;
    }
    for (size_t i = 0; i < n && i <= LWC_ID_MAX; i++) {
        lwc_dm_list_add(list, (uint16_t)i);
    }
    return LWC_OK;
}

/* The application's string for rid, or NULL. */
static const char *info_string(const lwc_device_object_t *dev, uint16_t rid)
{
    const lwc_device_info_t *in = &dev->info;
    switch (rid) {
    case LWC_DEVICE_RID_MANUFACTURER:
        return in->manufacturer;
    case LWC_DEVICE_RID_MODEL_NUMBER:
        return in->model_number;
    case LWC_DEVICE_RID_SERIAL_NUMBER:
        return in->serial_number;
    case LWC_DEVICE_RID_FIRMWARE_VERSION:
        return in->firmware_version;
    case LWC_DEVICE_RID_DEVICE_TYPE:
        return in->device_type;
    case LWC_DEVICE_RID_HARDWARE_VERSION:
        return in->hardware_version;
    case LWC_DEVICE_RID_SOFTWARE_VERSION:
        return in->software_version;
    case LWC_DEVICE_RID_SUPPORTED_BINDINGS:
        return in->supported_bindings ? in->supported_bindings : "U";
    case LWC_DEVICE_RID_UTC_OFFSET:
        return dev->utc_offset[0] ? dev->utc_offset : NULL;
    case LWC_DEVICE_RID_TIMEZONE:
        return dev->timezone[0] ? dev->timezone : NULL;
    default:
        return NULL;
    }
}

static int read_power(const lwc_device_object_t *dev, uint16_t rid,
                      uint16_t riid, lwc_value_t *out)
{
    if (riid >= dev->info.power_source_count) {
        return LWC_ERR_NOT_FOUND;
    }
    const lwc_device_power_source_t *p = &dev->info.power_sources[riid];
    int64_t v = rid == LWC_DEVICE_RID_POWER_SOURCES   ? p->type
                : rid == LWC_DEVICE_RID_POWER_VOLTAGE ? p->voltage_mv
                                                      : p->current_ma;
    *out = lwc_value_int(v);
    return LWC_OK;
}

static int read_number(lwc_device_object_t *dev, uint16_t rid, uint16_t riid,
                       lwc_value_t *out)
{
    int64_t v = 0;
    int rc = LWC_ERR_NOT_FOUND;
    switch (rid) {
    case LWC_DEVICE_RID_POWER_SOURCES:
    case LWC_DEVICE_RID_POWER_VOLTAGE:
    case LWC_DEVICE_RID_POWER_CURRENT:
        return read_power(dev, rid, riid, out);
    case LWC_DEVICE_RID_ERROR_CODE:
        if (riid >= (dev->error_code_count ? dev->error_code_count : 1)) {
            return LWC_ERR_NOT_FOUND;
        }
        *out =
            lwc_value_int(dev->error_code_count ? dev->error_codes[riid] : 0);
        return LWC_OK;
    case LWC_DEVICE_RID_EXT_DEV_INFO:
        if (riid >= dev->info.ext_dev_info_count) {
            return LWC_ERR_NOT_FOUND;
        }
        *out = lwc_value_objlnk(dev->info.ext_dev_info[riid].oid,
                                dev->info.ext_dev_info[riid].iid);
        return LWC_OK;
    case LWC_DEVICE_RID_CURRENT_TIME:
        if (dev->info.get_time) {
            rc = dev->info.get_time(dev->info.ctx, &v);
        }
        *out = lwc_value_time(v);
        return rc;
    default:
        if (dev->info.read_int) {
            rc = dev->info.read_int(dev->info.ctx, rid, &v);
        }
        *out = lwc_value_int(v);
        return rc;
    }
}

static int dev_read(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                    lwc_value_t *out)
{
    lwc_device_object_t *dev = ctx;
    if (iid != 0) {
        return LWC_ERR_NOT_FOUND;
    }
    if (out->type == LWC_TYPE_STRING) {
        const char *s = info_string(dev, rid);
        if (!s) {
            return LWC_ERR_NOT_FOUND;
        }
        *out = lwc_value_string(s);
        return LWC_OK;
    }
    return read_number(dev, rid, riid, out);
}

static int store_tz(char *dst, const lwc_value_t *v)
{
    if (v->bytes.len > LWC_DEVICE_TZ_MAX ||
        (v->bytes.len && memchr(v->bytes.data, 0, v->bytes.len))) {
        return LWC_ERR_INVALID_ARG;
    }
    if (v->bytes.len) {
        memcpy(dst, v->bytes.data, v->bytes.len);
    }
    dst[v->bytes.len] = '\0';
    return LWC_OK;
}

static int dev_write(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                     const lwc_value_t *v)
{
    lwc_device_object_t *dev = ctx;
    (void)riid;
    if (iid != 0) {
        return LWC_ERR_NOT_FOUND;
    }
    switch (rid) {
    case LWC_DEVICE_RID_CURRENT_TIME:
        if (!dev->info.set_time) {
            return LWC_COAP_METHOD_NOT_ALLOWED;
        }
        return dev->info.set_time(dev->info.ctx, v->t);
    case LWC_DEVICE_RID_UTC_OFFSET:
        return store_tz(dev->utc_offset, v);
    case LWC_DEVICE_RID_TIMEZONE:
        return store_tz(dev->timezone, v);
    default:
        return LWC_ERR_NOT_FOUND;
    }
}

static int dev_execute(void *ctx, uint16_t iid, uint16_t rid,
                       const uint8_t *args, size_t args_len)
{
    lwc_device_object_t *dev = ctx;
    int (*cb)(void *) = NULL;
    (void)args;
    (void)args_len;
    if (iid != 0) {
        return LWC_ERR_NOT_FOUND;
    }
    if (rid == LWC_DEVICE_RID_RESET_ERROR_CODE) {
        lwc_device_clear_errors(dev);
        return LWC_OK;
    }
    cb = rid == LWC_DEVICE_RID_REBOOT          ? dev->info.on_reboot
         : rid == LWC_DEVICE_RID_FACTORY_RESET ? dev->info.on_factory_reset
                                               : NULL;
    return cb ? cb(dev->info.ctx) : LWC_ERR_UNSUPPORTED;
}

static const lwc_object_handlers_t device_handlers = {
    .list_instances = dev_list,
    .list_resource_instances = dev_list_ri,
    .read = dev_read,
    .write = dev_write,
    .execute = dev_execute,
};

void lwci_device_fill_descriptor(lwc_device_object_t *dev)
{
    dev->object.oid = LWC_OID_DEVICE;
    dev->object.version = "1.2";
    dev->object.resources = device_resources;
    dev->object.resource_count =
        sizeof(device_resources) / sizeof(device_resources[0]);
    dev->object.multi_instance = false;
    dev->object.handlers = &device_handlers;
    dev->object.user_ctx = dev;
}

static bool tz_ok(const char *s)
{
    return !s || strlen(s) <= LWC_DEVICE_TZ_MAX;
}

int lwc_device_object_init(lwc_device_object_t *dev,
                           const lwc_device_info_t *info)
{
    if (!dev || !info || !tz_ok(info->utc_offset) || !tz_ok(info->timezone) ||
        (info->power_source_count && !info->power_sources) ||
        (info->ext_dev_info_count && !info->ext_dev_info)) {
        return LWC_ERR_INVALID_ARG;
    }
    memset(dev, 0, sizeof(*dev));
    dev->info = *info;
    if (info->utc_offset) {
        memcpy(dev->utc_offset, info->utc_offset, strlen(info->utc_offset) + 1);
    }
    if (info->timezone) {
        memcpy(dev->timezone, info->timezone, strlen(info->timezone) + 1);
    }
    lwci_device_fill_descriptor(dev);
    return LWC_OK;
}

int lwc_device_add_error(lwc_device_object_t *dev, int64_t code)
{
    if (!dev || code < 1 || code > 32) {
        return LWC_ERR_INVALID_ARG;
    }
    for (size_t i = 0; i < dev->error_code_count; i++) {
        if (dev->error_codes[i] == code) {
            return LWC_OK;
        }
    }
    if (dev->error_code_count >= LWC_DEVICE_MAX_ERROR_CODES) {
        return LWC_ERR_NO_SPACE;
    }
    dev->error_codes[dev->error_code_count++] = code;
    return LWC_OK;
}

void lwc_device_clear_errors(lwc_device_object_t *dev)
{
    if (dev) {
        dev->error_code_count = 0;
    }
}
