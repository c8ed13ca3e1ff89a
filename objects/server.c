/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* LwM2M Server object (1): LwM2M 1.1 Core Appendix E.2, object version 1.2
 * of the OMA registry (1.xml). */
#include <string.h>

#include "objects_internal.h"

#define RES(id, t, o, mand)                                                    \
    {                                                                          \
        .rid = (id), .type = (t), .ops = (o), .mandatory = (mand)              \
    }
#define RES_MULTI(id, t, o)                                                    \
    {                                                                          \
        .rid = (id), .type = (t), .ops = (o), .multiple = true                 \
    }

static const lwc_resource_def_t server_resources[] = {
    RES(LWC_SERVER_RID_SHORT_SERVER_ID, LWC_TYPE_INT, LWC_OP_R, true),
    RES(LWC_SERVER_RID_LIFETIME, LWC_TYPE_INT, LWC_OP_RW, true),
    RES(LWC_SERVER_RID_DEFAULT_PMIN, LWC_TYPE_INT, LWC_OP_RW, false),
    RES(LWC_SERVER_RID_DEFAULT_PMAX, LWC_TYPE_INT, LWC_OP_RW, false),
    RES(LWC_SERVER_RID_DISABLE, LWC_TYPE_NONE, LWC_OP_E, false),
    RES(LWC_SERVER_RID_DISABLE_TIMEOUT, LWC_TYPE_INT, LWC_OP_RW, false),
    RES(LWC_SERVER_RID_NOTIFICATION_STORING, LWC_TYPE_BOOL, LWC_OP_RW, true),
    RES(LWC_SERVER_RID_BINDING, LWC_TYPE_STRING, LWC_OP_RW, true),
    RES(LWC_SERVER_RID_REGISTRATION_UPDATE_TRIGGER, LWC_TYPE_NONE, LWC_OP_E,
        true),
    RES(LWC_SERVER_RID_BOOTSTRAP_REQUEST_TRIGGER, LWC_TYPE_NONE, LWC_OP_E,
        false),
    RES(LWC_SERVER_RID_APN_LINK, LWC_TYPE_OBJLNK, LWC_OP_RW, false),
    RES(LWC_SERVER_RID_TLS_DTLS_ALERT_CODE, LWC_TYPE_UINT, LWC_OP_R, false),
    RES(LWC_SERVER_RID_LAST_BOOTSTRAPPED, LWC_TYPE_TIME, LWC_OP_R, false),
    RES(LWC_SERVER_RID_REGISTRATION_PRIORITY_ORDER, LWC_TYPE_UINT, LWC_OP_R,
        false),
    RES(LWC_SERVER_RID_INITIAL_REGISTRATION_DELAY, LWC_TYPE_UINT, LWC_OP_RW,
        false),
    RES(LWC_SERVER_RID_REGISTRATION_FAILURE_BLOCK, LWC_TYPE_BOOL, LWC_OP_R,
        false),
    RES(LWC_SERVER_RID_BOOTSTRAP_ON_REGISTRATION_FAILURE, LWC_TYPE_BOOL,
        LWC_OP_R, false),
    RES(LWC_SERVER_RID_COMMUNICATION_RETRY_COUNT, LWC_TYPE_UINT, LWC_OP_RW,
        false),
    RES(LWC_SERVER_RID_COMMUNICATION_RETRY_TIMER, LWC_TYPE_UINT, LWC_OP_RW,
        false),
    RES(LWC_SERVER_RID_SEQUENCE_DELAY_TIMER, LWC_TYPE_UINT, LWC_OP_RW, false),
    RES(LWC_SERVER_RID_SEQUENCE_RETRY_COUNT, LWC_TYPE_UINT, LWC_OP_RW, false),
    RES(LWC_SERVER_RID_TRIGGER, LWC_TYPE_BOOL, LWC_OP_RW, false),
    RES(LWC_SERVER_RID_PREFERRED_TRANSPORT, LWC_TYPE_STRING, LWC_OP_RW, false),
    RES(LWC_SERVER_RID_MUTE_SEND, LWC_TYPE_BOOL, LWC_OP_RW, false),
    RES_MULTI(LWC_SERVER_RID_ALTERNATE_APN_LINKS, LWC_TYPE_OBJLNK, LWC_OP_RW),
    RES_MULTI(LWC_SERVER_RID_SUPPORTED_SERVER_VERSIONS, LWC_TYPE_STRING,
              LWC_OP_RW),
    RES(LWC_SERVER_RID_DEFAULT_NOTIFICATION_MODE, LWC_TYPE_INT, LWC_OP_RW,
        false),
    RES(LWC_SERVER_RID_PROFILE_ID_HASH_ALGORITHM, LWC_TYPE_UINT, LWC_OP_RW,
        false),
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

/* The multiple resources 24 and 25 are not stored: always absent. */
static int srv_list_ri(void *ctx, uint16_t iid, uint16_t rid,
                       lwc_dm_list_t *list)
{
    (void)ctx;
    (void)iid;
    (void)rid;
    (void)list;
    return LWC_ERR_NOT_FOUND;
}

/* The stored signed integer (INT or TIME) of a numeric resource. */
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
    case LWC_SERVER_RID_LAST_BOOTSTRAPPED:
        return &s->last_bootstrapped;
    case LWC_SERVER_RID_DEFAULT_NOTIFICATION_MODE:
        return &s->notification_mode;
    default:
        return NULL;
    }
}

static uint64_t *uint_field(lwc_server_slot_t *s, uint16_t rid)
{
    switch (rid) {
    case LWC_SERVER_RID_TLS_DTLS_ALERT_CODE:
        return &s->alert_code;
    case LWC_SERVER_RID_REGISTRATION_PRIORITY_ORDER:
        return &s->priority_order;
    case LWC_SERVER_RID_INITIAL_REGISTRATION_DELAY:
        return &s->initial_delay;
    case LWC_SERVER_RID_COMMUNICATION_RETRY_COUNT:
        return &s->retry_count;
    case LWC_SERVER_RID_COMMUNICATION_RETRY_TIMER:
        return &s->retry_timer;
    case LWC_SERVER_RID_SEQUENCE_DELAY_TIMER:
        return &s->seq_delay;
    case LWC_SERVER_RID_SEQUENCE_RETRY_COUNT:
        return &s->seq_retry;
    case LWC_SERVER_RID_PROFILE_ID_HASH_ALGORITHM:
        return &s->profile_hash;
    default:
        return NULL;
    }
}

static bool *bool_field(lwc_server_slot_t *s, uint16_t rid)
{
    switch (rid) {
    case LWC_SERVER_RID_NOTIFICATION_STORING:
        return &s->notification_storing;
    case LWC_SERVER_RID_REGISTRATION_FAILURE_BLOCK:
        return &s->reg_failure_block;
    case LWC_SERVER_RID_BOOTSTRAP_ON_REGISTRATION_FAILURE:
        return &s->bootstrap_on_failure;
    case LWC_SERVER_RID_TRIGGER:
        return &s->trigger;
    case LWC_SERVER_RID_MUTE_SEND:
        return &s->mute_send;
    default:
        return NULL;
    }
}

/* Mandatory resources are always present; optional ones once set. */
static bool present(const lwc_server_slot_t *s, uint16_t rid)
{
    switch (rid) {
    case LWC_SERVER_RID_SHORT_SERVER_ID:
    case LWC_SERVER_RID_LIFETIME:
    case LWC_SERVER_RID_NOTIFICATION_STORING:
    case LWC_SERVER_RID_BINDING:
        return true;
    default:
        return rid < 32 && (s->present & BIT(rid));
    }
}

static int srv_read(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                    lwc_value_t *out)
{
    lwc_server_slot_t *s = find_slot(ctx, iid);
    (void)riid;
    if (!s || !present(s, rid)) {
        return LWC_ERR_NOT_FOUND;
    }
    int64_t *i = int_field(s, rid);
    uint64_t *u = uint_field(s, rid);
    bool *b = bool_field(s, rid);
    if (rid == LWC_SERVER_RID_LAST_BOOTSTRAPPED) {
        *out = lwc_value_time(*i);
    } else if (i) {
        *out = lwc_value_int(*i);
    } else if (u) {
        *out = lwc_value_uint(*u);
    } else if (b) {
        *out = lwc_value_bool(*b);
    } else if (rid == LWC_SERVER_RID_SHORT_SERVER_ID) {
        *out = lwc_value_int(s->ssid);
    } else if (rid == LWC_SERVER_RID_BINDING) {
        *out = lwc_value_string(s->binding);
    } else if (rid == LWC_SERVER_RID_PREFERRED_TRANSPORT) {
        *out = lwc_value_string(s->preferred_transport);
    } else if (rid == LWC_SERVER_RID_APN_LINK) {
        *out = lwc_value_objlnk(s->apn_oid, s->apn_iid);
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

/* 1/x/22 Preferred Transport: one transport binding letter (LwM2M 1.2
 * Core E.2: U, M, H, T, S or N). */
static int write_transport(lwc_server_slot_t *s, const lwc_value_t *v)
{
    const char *c = v->bytes.data;
    if (v->bytes.len != 1 || !memchr("UMHTSN", c[0], 6)) {
        return LWC_ERR_INVALID_ARG;
    }
    s->preferred_transport[0] = c[0];
    s->preferred_transport[1] = '\0';
    return LWC_OK;
}

/* Signed integers: times in seconds (0..2^32-1), 26 is 0 (NON) or 1
 * (CON), 12 Last Bootstrapped any time. */
static int write_int(int64_t *field, uint16_t rid, const lwc_value_t *v)
{
    int64_t max = (int64_t)UINT32_MAX;
    if (rid == LWC_SERVER_RID_LAST_BOOTSTRAPPED) {
        *field = v->t;
        return LWC_OK;
    }
    if (rid == LWC_SERVER_RID_DEFAULT_NOTIFICATION_MODE) {
        max = 1;
    }
    if (v->i < 0 || v->i > max) {
        return LWC_ERR_INVALID_ARG;
    }
    *field = v->i;
    return LWC_OK;
}

/* Unsigned integers: 11 and 27 are single bytes (0..255), the rest any. */
static int write_uint(uint64_t *field, uint16_t rid, const lwc_value_t *v)
{
    if ((rid == LWC_SERVER_RID_TLS_DTLS_ALERT_CODE ||
         rid == LWC_SERVER_RID_PROFILE_ID_HASH_ALGORITHM) &&
        v->u > 255) {
        return LWC_ERR_INVALID_ARG;
    }
    *field = v->u;
    return LWC_OK;
}

/* Resources that are not a plain number or boolean. */
static int write_other(lwc_server_slot_t *s, uint16_t rid, const lwc_value_t *v)
{
    switch (rid) {
    case LWC_SERVER_RID_SHORT_SERVER_ID:
        if (v->i < 1 || v->i > (int64_t)LWC_ID_MAX) {
            return LWC_ERR_INVALID_ARG;
        }
        s->ssid = (uint16_t)v->i;
        return LWC_OK;
    case LWC_SERVER_RID_BINDING:
        return write_binding(s, v);
    case LWC_SERVER_RID_PREFERRED_TRANSPORT:
        return write_transport(s, v);
    case LWC_SERVER_RID_APN_LINK:
        s->apn_oid = v->objlnk.oid;
        s->apn_iid = v->objlnk.iid;
        return LWC_OK;
    case LWC_SERVER_RID_ALTERNATE_APN_LINKS:
    case LWC_SERVER_RID_SUPPORTED_SERVER_VERSIONS:
        return LWC_COAP_METHOD_NOT_ALLOWED; /* not stored */
    default:
        return LWC_ERR_NOT_FOUND;
    }
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
    bool *b = bool_field(s, rid);
    int rc;
    if (i) {
        rc = write_int(i, rid, v);
    } else if (u) {
        rc = write_uint(u, rid, v);
    } else if (b) {
        *b = v->b;
        rc = LWC_OK;
    } else {
        rc = write_other(s, rid, v);
    }
    if (rc == LWC_OK && rid < 32) {
        s->present |= BIT(rid);
    }
    return rc;
}

/* Execute 1/x/4, 1/x/8 and 1/x/9 (LwM2M 1.1 Core E.2). */
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
    if (rid == LWC_SERVER_RID_BOOTSTRAP_REQUEST_TRIGGER) {
        if (!obj->on_bootstrap_request) {
            return LWC_ERR_UNSUPPORTED;
        }
        return obj->on_bootstrap_request(obj->bootstrap_request_ctx, s->ssid);
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
    .list_resource_instances = srv_list_ri,
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
    obj->object.version = "1.2";
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
