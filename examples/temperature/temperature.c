/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The IPSO Temperature object (3303, OMA registry 3303.xml version 1.1),
 * defined by the application with the public data-model API.
 *
 * Three parts make an object:
 *   1. the resource table: every resource of the object definition, sorted
 *      by ID, with its type, operations, multiplicity and whether the
 *      definition makes it mandatory (const: it can stay in flash);
 *   2. the handlers the client calls when a server reads, writes or
 *      executes (const too); each gets the descriptor's user_ctx first;
 *   3. the descriptor (lwc_object_t) tying them together with the object
 *      ID, the version and the user_ctx, here embedded in the state.
 * The client stores no value: a read asks the read handler every time.
 */
#include <string.h>

#include "temperature.h"

/* 1. The resource table (3303.xml, sorted by Resource ID). Resources this
 * sensor does not report are still listed: their read answers "absent". */
static const lwc_resource_def_t temperature_resources[] = {
    {
        .rid = TEMPERATURE_RID_TIMESTAMP,
        .type = LWC_TYPE_TIME,
        .ops = LWC_OP_R,
    },
    {
        .rid = TEMPERATURE_RID_MIN_MEASURED,
        .type = LWC_TYPE_FLOAT,
        .ops = LWC_OP_R,
    },
    {
        .rid = TEMPERATURE_RID_MAX_MEASURED,
        .type = LWC_TYPE_FLOAT,
        .ops = LWC_OP_R,
    },
    {
        .rid = TEMPERATURE_RID_MIN_RANGE,
        .type = LWC_TYPE_FLOAT,
        .ops = LWC_OP_R,
    },
    {
        .rid = TEMPERATURE_RID_MAX_RANGE,
        .type = LWC_TYPE_FLOAT,
        .ops = LWC_OP_R,
    },
    {
        .rid = TEMPERATURE_RID_RESET_MIN_MAX,
        .type = LWC_TYPE_NONE,
        .ops = LWC_OP_E,
    },
    {
        .rid = TEMPERATURE_RID_SENSOR_VALUE,
        .type = LWC_TYPE_FLOAT,
        .ops = LWC_OP_R,
        .mandatory = true, /* the only mandatory one */
    },
    {
        .rid = TEMPERATURE_RID_SENSOR_UNITS,
        .type = LWC_TYPE_STRING,
        .ops = LWC_OP_R,
    },
    {
        .rid = TEMPERATURE_RID_APPLICATION_TYPE,
        .type = LWC_TYPE_STRING,
        .ops = LWC_OP_RW,
    },
    {
        .rid = TEMPERATURE_RID_QUALITY_INDICATOR,
        .type = LWC_TYPE_INT,
        .ops = LWC_OP_R,
    },
    {
        .rid = TEMPERATURE_RID_QUALITY_LEVEL,
        .type = LWC_TYPE_INT,
        .ops = LWC_OP_R,
    },
    {
        .rid = TEMPERATURE_RID_FRACTIONAL_TIMESTAMP,
        .type = LWC_TYPE_FLOAT,
        .ops = LWC_OP_R,
    },
};

/* 2. The handlers. */

/* One instance, 3303/0. A device with several sensors would report one
 * Instance ID per sensor here. */
static int temperature_list(void *ctx, lwc_dm_list_t *list)
{
    (void)ctx;
    lwc_dm_list_add(list, 0);
    return LWC_OK;
}

/* Read one resource. LWC_ERR_NOT_FOUND means "absent": left out of a read
 * of the whole instance, 4.04 Not Found when read alone. */
static int temperature_read(void *ctx, uint16_t iid, uint16_t rid,
                            uint16_t riid, lwc_value_t *out)
{
    const temperature_t *t = ctx;
    (void)riid; /* no multiple resources in this object */
    if (iid != 0) {
        return LWC_ERR_NOT_FOUND;
    }
    switch (rid) {
    case TEMPERATURE_RID_SENSOR_VALUE:
        *out = lwc_value_float(t->value);
        return t->has_value ? LWC_OK : LWC_ERR_NOT_FOUND;
    case TEMPERATURE_RID_MIN_MEASURED:
        *out = lwc_value_float(t->min_measured);
        return t->has_value ? LWC_OK : LWC_ERR_NOT_FOUND;
    case TEMPERATURE_RID_MAX_MEASURED:
        *out = lwc_value_float(t->max_measured);
        return t->has_value ? LWC_OK : LWC_ERR_NOT_FOUND;
    case TEMPERATURE_RID_MIN_RANGE:
        *out = lwc_value_float(t->min_range);
        return t->has_range ? LWC_OK : LWC_ERR_NOT_FOUND;
    case TEMPERATURE_RID_MAX_RANGE:
        *out = lwc_value_float(t->max_range);
        return t->has_range ? LWC_OK : LWC_ERR_NOT_FOUND;
    case TEMPERATURE_RID_SENSOR_UNITS:
        *out = lwc_value_string(t->units);
        return t->units ? LWC_OK : LWC_ERR_NOT_FOUND;
    case TEMPERATURE_RID_APPLICATION_TYPE:
        *out = lwc_value_string(t->application_type);
        return t->application_type[0] ? LWC_OK : LWC_ERR_NOT_FOUND;
    default:
        return LWC_ERR_NOT_FOUND; /* timestamps, quality: not reported */
    }
}

/* A printable Application Type that fits: no control characters (UTF-8
 * bytes above 0x7f are fine). */
static bool app_type_ok(const char *s, size_t len)
{
    if (len > TEMPERATURE_APP_TYPE_MAX) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f) {
            return false;
        }
    }
    return true;
}

/* Write: the client has already decoded the payload and checked the type
 * and that the resource is writable; range and content checks are ours.
 * An invalid value answers 4.00 Bad Request and changes nothing. */
static int temperature_write(void *ctx, uint16_t iid, uint16_t rid,
                             uint16_t riid, const lwc_value_t *value)
{
    temperature_t *t = ctx;
    (void)riid;
    if (iid != 0) {
        return LWC_ERR_NOT_FOUND;
    }
    if (rid != TEMPERATURE_RID_APPLICATION_TYPE) {
        /* Only the bootstrap server gets here (it may write anything). */
        return LWC_COAP_METHOD_NOT_ALLOWED;
    }
    if (!app_type_ok(value->bytes.data, value->bytes.len)) {
        return LWC_ERR_INVALID_ARG;
    }
    if (value->bytes.len) {
        memcpy(t->application_type, value->bytes.data, value->bytes.len);
    }
    t->application_type[value->bytes.len] = '\0';
    return LWC_OK;
}

/* Execute 5605: "Reset the Min and Max Measured Values to Current Value"
 * (3303.xml). The arguments are not used. */
static int temperature_execute(void *ctx, uint16_t iid, uint16_t rid,
                               const uint8_t *args, size_t args_len)
{
    temperature_t *t = ctx;
    (void)args;
    (void)args_len;
    if (iid != 0 || rid != TEMPERATURE_RID_RESET_MIN_MAX) {
        return LWC_ERR_NOT_FOUND;
    }
    t->min_measured = t->value;
    t->max_measured = t->value;
    return LWC_OK;
}

static const lwc_object_handlers_t temperature_handlers = {
    .list_instances = temperature_list,
    .read = temperature_read,
    .write = temperature_write,
    .execute = temperature_execute,
};

/* 3. The descriptor. With a single sensor in a static variable it could be
 * a const global too (.user_ctx = &my_sensor); here it lives in the
 * caller's state so that the module has no global state at all. */
int temperature_init(temperature_t *t, const temperature_config_t *config)
{
    const char *app = config ? config->application_type : NULL;
    size_t app_len = app ? strlen(app) : 0;
    if (!t || !config || !app_type_ok(app, app_len) ||
        (config->has_range && !(config->min_range <= config->max_range))) {
        return LWC_ERR_INVALID_ARG;
    }
    memset(t, 0, sizeof(*t));
    t->object = (lwc_object_t){
        .oid = TEMPERATURE_OID,
        .version = "1.1", /* 3303.xml ObjectVersion */
        .resources = temperature_resources,
        .resource_count =
            sizeof(temperature_resources) / sizeof(temperature_resources[0]),
        .multi_instance = true, /* the definition allows several sensors */
        .handlers = &temperature_handlers,
        .user_ctx = t,
    };
    t->units = config->units;
    t->has_range = config->has_range;
    t->min_range = config->min_range;
    t->max_range = config->max_range;
    if (app_len) {
        memcpy(t->application_type, app, app_len + 1);
    }
    return LWC_OK;
}

int temperature_install(lwc_client_t *client, temperature_t *t)
{
    if (!client || !t) {
        return LWC_ERR_INVALID_ARG;
    }
    return lwc_client_add_object(client, &t->object);
}

int temperature_set_value(temperature_t *t, double celsius)
{
    /* NaN fails every comparison; infinities fail the bounds. */
    if (!t || !(celsius >= -1e300 && celsius <= 1e300)) {
        return LWC_ERR_INVALID_ARG;
    }
    if (!t->has_value || celsius < t->min_measured) {
        t->min_measured = celsius;
    }
    if (!t->has_value || celsius > t->max_measured) {
        t->max_measured = celsius;
    }
    t->value = celsius;
    t->has_value = true;
    /* A server observing 3303/0/5700 should now be notified: tell the
     * client that the value changed, once it offers that call. */
    return LWC_OK;
}
