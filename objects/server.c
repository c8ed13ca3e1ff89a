/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* LwM2M Server object (1): LwM2M 1.1 Core Appendix E.2, OMA registry
 * 1.xml. */
#include <string.h>

#include "objects_internal.h"

static const lwc_resource_def_t server_resources[] = {
    {.rid = LWC_SERVER_RID_SHORT_SERVER_ID,
     .type = LWC_TYPE_INT,
     .ops = LWC_OP_R,
     .mandatory = true},
    {.rid = LWC_SERVER_RID_LIFETIME,
     .type = LWC_TYPE_INT,
     .ops = LWC_OP_RW,
     .mandatory = true},
    {.rid = LWC_SERVER_RID_DEFAULT_PMIN,
     .type = LWC_TYPE_INT,
     .ops = LWC_OP_RW},
    {.rid = LWC_SERVER_RID_DEFAULT_PMAX,
     .type = LWC_TYPE_INT,
     .ops = LWC_OP_RW},
    {.rid = LWC_SERVER_RID_DISABLE, .type = LWC_TYPE_NONE, .ops = LWC_OP_E},
    {.rid = LWC_SERVER_RID_DISABLE_TIMEOUT,
     .type = LWC_TYPE_INT,
     .ops = LWC_OP_RW},
    {.rid = LWC_SERVER_RID_NOTIFICATION_STORING,
     .type = LWC_TYPE_BOOL,
     .ops = LWC_OP_RW,
     .mandatory = true},
    {.rid = LWC_SERVER_RID_BINDING,
     .type = LWC_TYPE_STRING,
     .ops = LWC_OP_RW,
     .mandatory = true},
    {.rid = LWC_SERVER_RID_REGISTRATION_UPDATE_TRIGGER,
     .type = LWC_TYPE_NONE,
     .ops = LWC_OP_E,
     .mandatory = true},
    {.rid = LWC_SERVER_RID_COMMUNICATION_RETRY_COUNT,
     .type = LWC_TYPE_UINT,
     .ops = LWC_OP_RW},
    {.rid = LWC_SERVER_RID_COMMUNICATION_RETRY_TIMER,
     .type = LWC_TYPE_UINT,
     .ops = LWC_OP_RW},
    {.rid = LWC_SERVER_RID_SEQUENCE_DELAY_TIMER,
     .type = LWC_TYPE_UINT,
     .ops = LWC_OP_RW},
    {.rid = LWC_SERVER_RID_SEQUENCE_RETRY_COUNT,
     .type = LWC_TYPE_UINT,
     .ops = LWC_OP_RW},
};

#define BIT(rid) (1u << (rid))

static lwc_server_slot_t *find_slot(lwc_server_object_t *obj, uint16_t iid)
{
    for (size_t i = 0; i < LWC_SERVER_MAX_INSTANCES; i++) {
        if (obj->slots[i].used && obj->slots[i].iid == iid) {
            return &obj->slots[i];
        }
    }
    return NULL;
}

static int srv_list(void *ctx, lwc_dm_list_t *list)
{
    lwc_server_object_t *obj = ctx;
    for (size_t i = 0; i < LWC_SERVER_MAX_INSTANCES; i++) {
        if (obj->slots[i].used) {
            lwc_dm_list_add(list, obj->slots[i].iid);
        }
    }
    return LWC_OK;
}

/* The stored integer of an optional or mandatory numeric resource. */
static int64_t *int_field(lwc_server_slot_t *s, uint16_t rid)
{
    switch (rid) {
    case LWC_SERVER_RID_LIFETIME:
        return &s->lifetime;
    case LWC_SERVER_RID_DEFAULT_PMIN:
        return &s->pmin;
    case LWC_SERVER_RID_DEFAULT_PMAX:
        return &s->pmax;
    case LWC_SERVER_RID_DISABLE_TIMEOUT:
        return &s->disable_timeout;
    default:
        return NULL;
    }
}

static uint64_t *uint_field(lwc_server_slot_t *s, uint16_t rid)
{
    switch (rid) {
    case LWC_SERVER_RID_COMMUNICATION_RETRY_COUNT:
        return &s->retry_count;
    case LWC_SERVER_RID_COMMUNICATION_RETRY_TIMER:
        return &s->retry_timer;
    case LWC_SERVER_RID_SEQUENCE_DELAY_TIMER:
        return &s->seq_delay;
    case LWC_SERVER_RID_SEQUENCE_RETRY_COUNT:
        return &s->seq_retry;
    default:
        return NULL;
    }
}

static bool optional(uint16_t rid)
{
    return rid != LWC_SERVER_RID_LIFETIME;
}

static int srv_read(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                    lwc_value_t *out)
{
    lwc_server_slot_t *s = find_slot(ctx, iid);
    (void)riid;
    if (!s) {
        return LWC_ERR_NOT_FOUND;
    }
    int64_t *i = int_field(s, rid);
    uint64_t *u = uint_field(s, rid);
    if ((i || u) && optional(rid) && !(s->present & BIT(rid))) {
        return LWC_ERR_NOT_FOUND;
    }
    if (i) {
        *out = lwc_value_int(*i);
    } else if (u) {
        *out = lwc_value_uint(*u);
    } else if (rid == LWC_SERVER_RID_SHORT_SERVER_ID) {
        *out = lwc_value_int(s->ssid);
    } else if (rid == LWC_SERVER_RID_NOTIFICATION_STORING) {
        *out = lwc_value_bool(s->notification_storing);
    } else if (rid == LWC_SERVER_RID_BINDING) {
        *out = lwc_value_string(s->binding);
    } else {
        return LWC_ERR_NOT_FOUND;
    }
    return LWC_OK;
}

/* Binding letters of LwM2M 1.1 Core §6.2.1.1 / 1.2, each at most once. */
static bool binding_ok(const char *b, size_t len)
{
    if (len == 0 || len > LWC_SERVER_BINDING_MAX) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if (!memchr("UMHTSNQ", b[i], 7) || memchr(b, b[i], i)) {
            return false;
        }
    }
    return true;
}

static int write_binding(lwc_server_slot_t *s, const lwc_value_t *v)
{
    if (!binding_ok(v->bytes.data, v->bytes.len)) {
        return LWC_ERR_INVALID_ARG;
    }
    memcpy(s->binding, v->bytes.data, v->bytes.len);
    s->binding[v->bytes.len] = '\0';
    return LWC_OK;
}

static int srv_write(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                     const lwc_value_t *v)
{
    lwc_server_slot_t *s = find_slot(ctx, iid);
    (void)riid;
    if (!s) {
        return LWC_ERR_NOT_FOUND;
    }
    int64_t *i = int_field(s, rid);
    uint64_t *u = uint_field(s, rid);
    if (i) {
        if (v->i < 0 || v->i > (int64_t)UINT32_MAX) {
            return LWC_ERR_INVALID_ARG;
        }
        *i = v->i;
    } else if (u) {
        *u = v->u;
    } else if (rid == LWC_SERVER_RID_SHORT_SERVER_ID) {
        if (v->i < 1 || v->i > (int64_t)LWC_ID_MAX) {
            return LWC_ERR_INVALID_ARG;
        }
        s->ssid = (uint16_t)v->i;
    } else if (rid == LWC_SERVER_RID_NOTIFICATION_STORING) {
        s->notification_storing = v->b;
    } else if (rid == LWC_SERVER_RID_BINDING) {
        return write_binding(s, v);
    } else {
        return LWC_ERR_NOT_FOUND;
    }
    if (rid < 32) {
        s->present |= BIT(rid);
    }
    return LWC_OK;
}

static int srv_execute(void *ctx, uint16_t iid, uint16_t rid,
                       const uint8_t *args, size_t args_len)
{
    lwc_server_object_t *obj = ctx;
    lwc_server_slot_t *s = find_slot(obj, iid);
    (void)args;
    (void)args_len;
    if (!s) {
        return LWC_ERR_NOT_FOUND;
    }
    if (rid == LWC_SERVER_RID_REGISTRATION_UPDATE_TRIGGER) {
        if (!obj->trigger_update) {
            return LWC_ERR_STATE;
        }
        return obj->trigger_update(obj->client, s->ssid);
    }
    if (rid == LWC_SERVER_RID_DISABLE) {
        if (!obj->on_disable) {
            return LWC_ERR_UNSUPPORTED;
        }
        uint32_t timeout = (s->present & BIT(LWC_SERVER_RID_DISABLE_TIMEOUT))
                               ? (uint32_t)s->disable_timeout
                               : 86400u; /* default of 1/x/5 */
        return obj->on_disable(obj->disable_ctx, s->ssid, timeout);
    }
    return LWC_ERR_NOT_FOUND;
}

static void reset_slot(lwc_server_slot_t *s, uint16_t iid)
{
    memset(s, 0, sizeof(*s));
    s->used = true;
    s->iid = iid;
    s->lifetime = 86400;
    s->binding[0] = 'U';
}

static int srv_create(void *ctx, uint16_t iid)
{
    lwc_server_object_t *obj = ctx;
    if (find_slot(obj, iid)) {
        return LWC_ERR_EXISTS;
    }
    for (size_t i = 0; i < LWC_SERVER_MAX_INSTANCES; i++) {
        if (!obj->slots[i].used) {
            reset_slot(&obj->slots[i], iid);
            return LWC_OK;
        }
    }
    return LWC_ERR_NO_SPACE;
}

static int srv_delete(void *ctx, uint16_t iid)
{
    lwc_server_slot_t *s = find_slot(ctx, iid);
    if (!s) {
        return LWC_ERR_NOT_FOUND;
    }
    memset(s, 0, sizeof(*s));
    return LWC_OK;
}

/* ---- Transaction: a copy of every slot taken at begin. ---- */

static int srv_begin(void *ctx)
{
    lwc_server_object_t *obj = ctx;
    memcpy(obj->backup, obj->slots, sizeof(obj->slots));
    return LWC_OK;
}

/* Every instance has a Short Server ID, and no two the same. */
static int srv_validate(void *ctx)
{
    lwc_server_object_t *obj = ctx;
    for (size_t i = 0; i < LWC_SERVER_MAX_INSTANCES; i++) {
        const lwc_server_slot_t *a = &obj->slots[i];
        if (!a->used) {
            continue;
        }
        if (a->ssid == 0) {
            return LWC_ERR_INVALID_ARG;
        }
        for (size_t j = i + 1; j < LWC_SERVER_MAX_INSTANCES; j++) {
            if (obj->slots[j].used && obj->slots[j].ssid == a->ssid) {
                return LWC_ERR_INVALID_ARG;
            }
        }
    }
    return LWC_OK;
}

static void srv_rollback(void *ctx)
{
    lwc_server_object_t *obj = ctx;
    memcpy(obj->slots, obj->backup, sizeof(obj->slots));
}

static const lwc_object_handlers_t server_handlers = {
    .list_instances = srv_list,
    .read = srv_read,
    .write = srv_write,
    .execute = srv_execute,
    .create_instance = srv_create,
    .delete_instance = srv_delete,
    .transaction_begin = srv_begin,
    .transaction_validate = srv_validate,
    .transaction_rollback = srv_rollback,
};

void lwci_server_fill_descriptor(lwc_server_object_t *obj)
{
    obj->object.oid = LWC_OID_SERVER;
    obj->object.version = "1.1"; /* resources 17..20 are LwM2M 1.1 */
    obj->object.resources = server_resources;
    obj->object.resource_count =
        sizeof(server_resources) / sizeof(server_resources[0]);
    obj->object.multi_instance = true;
    obj->object.handlers = &server_handlers;
    obj->object.user_ctx = obj;
}

int lwc_server_object_init(lwc_server_object_t *obj)
{
    if (!obj) {
        return LWC_ERR_INVALID_ARG;
    }
    memset(obj, 0, sizeof(*obj));
    lwci_server_fill_descriptor(obj);
    return LWC_OK;
}

static void set_opt(lwc_server_slot_t *s, uint16_t rid, uint32_t v)
{
    int64_t *i = int_field(s, rid);
    uint64_t *u = uint_field(s, rid);
    if (v == 0) {
        return;
    }
    if (i) {
        *i = v;
    } else if (u) {
        *u = v;
    }
    s->present |= BIT(rid);
}

static void copy_init(lwc_server_slot_t *s, const lwc_server_instance_t *in)
{
    s->ssid = in->short_server_id;
    s->lifetime = in->lifetime;
    s->notification_storing = in->notification_storing;
    if (in->binding && in->binding[0]) {
        memcpy(s->binding, in->binding, strlen(in->binding) + 1);
    }
    set_opt(s, LWC_SERVER_RID_DEFAULT_PMIN, in->default_pmin);
    set_opt(s, LWC_SERVER_RID_DEFAULT_PMAX, in->default_pmax);
    set_opt(s, LWC_SERVER_RID_DISABLE_TIMEOUT, in->disable_timeout);
    set_opt(s, LWC_SERVER_RID_COMMUNICATION_RETRY_COUNT,
            in->communication_retry_count);
    set_opt(s, LWC_SERVER_RID_COMMUNICATION_RETRY_TIMER,
            in->communication_retry_timer);
    set_opt(s, LWC_SERVER_RID_SEQUENCE_DELAY_TIMER, in->sequence_delay_timer);
    set_opt(s, LWC_SERVER_RID_SEQUENCE_RETRY_COUNT, in->sequence_retry_count);
}

int lwc_server_add_instance(lwc_server_object_t *obj,
                            const lwc_server_instance_t *init)
{
    if (!obj || !init || init->short_server_id == 0 ||
        init->short_server_id > LWC_ID_MAX ||
        (init->binding && init->binding[0] &&
         !binding_ok(init->binding, strlen(init->binding)))) {
        return LWC_ERR_INVALID_ARG;
    }
    lwci_server_fill_descriptor(obj);
    for (size_t i = 0; i < LWC_SERVER_MAX_INSTANCES; i++) {
        if (obj->slots[i].used && obj->slots[i].ssid == init->short_server_id) {
            return LWC_ERR_EXISTS;
        }
    }
    for (uint16_t iid = 0; iid < LWC_SERVER_MAX_INSTANCES; iid++) {
        if (!find_slot(obj, iid)) {
            int rc = srv_create(obj, iid);
            if (rc != LWC_OK) {
                return rc;
            }
            copy_init(find_slot(obj, iid), init);
            return iid;
        }
    }
    return LWC_ERR_NO_SPACE;
}

int lwc_server_remove_instance(lwc_server_object_t *obj, uint16_t iid)
{
    if (!obj) {
        return LWC_ERR_INVALID_ARG;
    }
    return srv_delete(obj, iid);
}
