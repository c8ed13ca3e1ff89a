/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* LwM2M Security object (0): LwM2M 1.1 Core Appendix E.1, object version
 * 1.2 of the OMA registry (0.xml). Resources have no operations for
 * management servers: only the bootstrap server (and the client core)
 * access them. */
#include <string.h>

#include <lwc/objects/security.h>

#include "objects_internal.h"

#define SEC_RES(id, t, m)                                                      \
    {                                                                          \
        .rid = (id), .type = (t), .ops = LWC_OP_NONE, .mandatory = (m)         \
    }
#define SEC_MULTI(id, t)                                                       \
    {                                                                          \
        .rid = (id), .type = (t), .ops = LWC_OP_NONE, .multiple = true         \
    }

static const lwc_resource_def_t security_resources[] = {
    SEC_RES(LWC_SECURITY_RID_SERVER_URI, LWC_TYPE_STRING, true),
    SEC_RES(LWC_SECURITY_RID_BOOTSTRAP, LWC_TYPE_BOOL, true),
    SEC_RES(LWC_SECURITY_RID_MODE, LWC_TYPE_INT, true),
    SEC_RES(LWC_SECURITY_RID_PUBLIC_KEY_OR_IDENTITY, LWC_TYPE_OPAQUE, true),
    SEC_RES(LWC_SECURITY_RID_SERVER_PUBLIC_KEY, LWC_TYPE_OPAQUE, true),
    SEC_RES(LWC_SECURITY_RID_SECRET_KEY, LWC_TYPE_OPAQUE, true),
    SEC_RES(LWC_SECURITY_RID_SMS_SECURITY_MODE, LWC_TYPE_INT, false),
    SEC_RES(LWC_SECURITY_RID_SMS_BINDING_KEY_PARAMS, LWC_TYPE_OPAQUE, false),
    SEC_RES(LWC_SECURITY_RID_SMS_BINDING_SECRET_KEYS, LWC_TYPE_OPAQUE, false),
    SEC_RES(LWC_SECURITY_RID_SMS_NUMBER, LWC_TYPE_STRING, false),
    SEC_RES(LWC_SECURITY_RID_SHORT_SERVER_ID, LWC_TYPE_INT, false),
    SEC_RES(LWC_SECURITY_RID_CLIENT_HOLD_OFF_TIME, LWC_TYPE_INT, false),
    SEC_RES(LWC_SECURITY_RID_BOOTSTRAP_ACCOUNT_TIMEOUT, LWC_TYPE_INT, false),
    SEC_RES(LWC_SECURITY_RID_MATCHING_TYPE, LWC_TYPE_UINT, false),
    SEC_RES(LWC_SECURITY_RID_SNI, LWC_TYPE_STRING, false),
    SEC_RES(LWC_SECURITY_RID_CERTIFICATE_USAGE, LWC_TYPE_UINT, false),
    SEC_MULTI(LWC_SECURITY_RID_CIPHERSUITE, LWC_TYPE_UINT),
    SEC_RES(LWC_SECURITY_RID_OSCORE_SECURITY_MODE, LWC_TYPE_OBJLNK, false),
    SEC_MULTI(LWC_SECURITY_RID_GROUPS_TO_USE, LWC_TYPE_UINT),
    SEC_MULTI(LWC_SECURITY_RID_SIGNATURE_ALGS_SUPPORTED, LWC_TYPE_UINT),
    SEC_MULTI(LWC_SECURITY_RID_SIGNATURE_ALGS_TO_USE, LWC_TYPE_UINT),
    SEC_MULTI(LWC_SECURITY_RID_SIGNATURE_ALG_CERTS, LWC_TYPE_UINT),
    SEC_RES(LWC_SECURITY_RID_TLS13_FEATURES, LWC_TYPE_UINT, false),
    SEC_RES(LWC_SECURITY_RID_TLS_EXTENSIONS_SUPPORTED, LWC_TYPE_UINT, false),
    SEC_RES(LWC_SECURITY_RID_TLS_EXTENSIONS_TO_USE, LWC_TYPE_UINT, false),
    SEC_MULTI(LWC_SECURITY_RID_SECONDARY_SERVER_URI, LWC_TYPE_STRING),
    SEC_RES(LWC_SECURITY_RID_MQTT_SERVER, LWC_TYPE_OBJLNK, false),
    SEC_MULTI(LWC_SECURITY_RID_COSE_SECURITY, LWC_TYPE_OBJLNK),
    SEC_RES(LWC_SECURITY_RID_RDS_DESTINATION_PORT, LWC_TYPE_INT, false),
    SEC_RES(LWC_SECURITY_RID_RDS_SOURCE_PORT, LWC_TYPE_INT, false),
    SEC_RES(LWC_SECURITY_RID_RDS_APPLICATION_ID, LWC_TYPE_STRING, false),
};

#define BIT(rid) (1u << (rid))

static lwc_security_slot_t *find_slot(lwc_security_object_t *obj, uint16_t iid)
{
    for (size_t i = 0; i < LWC_SECURITY_MAX_INSTANCES; i++) {
        if (obj->slots[i].used && obj->slots[i].iid == iid) {
            return &obj->slots[i];
        }
    }
    return NULL;
}

static int sec_list(void *ctx, lwc_dm_list_t *list)
{
    lwc_security_object_t *obj = ctx;
    for (size_t i = 0; i < LWC_SECURITY_MAX_INSTANCES; i++) {
        if (obj->slots[i].used) {
            lwc_dm_list_add(list, obj->slots[i].iid);
        }
    }
    return LWC_OK;
}

/* Optional integer resources stored as -1 when absent. */
static int opt_int(int64_t v, lwc_value_t *out)
{
    if (v < 0) {
        return LWC_ERR_NOT_FOUND;
    }
    if (out->type == LWC_TYPE_UINT) {
        *out = lwc_value_uint((uint64_t)v);
    } else {
        *out = lwc_value_int(v);
    }
    return LWC_OK;
}

/* Index of ciphersuite Resource Instance riid, or -1. */
static int find_cipher(const lwc_security_slot_t *s, uint16_t riid)
{
    for (int k = 0; k < s->ciphersuite_count; k++) {
        if (s->ciphersuite_riid[k] == riid) {
            return k;
        }
    }
    return -1;
}

/* The resources added by Security 1.2 that are stored (the others, and
 * the SMS resources, are absent). */
static int read_v12(const lwc_security_slot_t *s, uint16_t rid, uint16_t riid,
                    lwc_value_t *out)
{
    if (rid == LWC_SECURITY_RID_CIPHERSUITE) {
        int k = find_cipher(s, riid);
        if (k < 0) {
            return LWC_ERR_NOT_FOUND;
        }
        *out = lwc_value_uint(s->ciphersuite[k]);
        return LWC_OK;
    }
    if (rid >= 32 || !(s->present & BIT(rid))) {
        return LWC_ERR_NOT_FOUND;
    }
    switch (rid) {
    case LWC_SECURITY_RID_OSCORE_SECURITY_MODE:
        *out = lwc_value_objlnk(s->oscore_oid, s->oscore_iid);
        return LWC_OK;
    case LWC_SECURITY_RID_MQTT_SERVER:
        *out = lwc_value_objlnk(s->mqtt_oid, s->mqtt_iid);
        return LWC_OK;
    case LWC_SECURITY_RID_TLS13_FEATURES:
        *out = lwc_value_uint(s->tls13_features);
        return LWC_OK;
    case LWC_SECURITY_RID_TLS_EXTENSIONS_SUPPORTED:
        *out = lwc_value_uint(s->tls_ext_supported);
        return LWC_OK;
    case LWC_SECURITY_RID_TLS_EXTENSIONS_TO_USE:
        *out = lwc_value_uint(s->tls_ext_to_use);
        return LWC_OK;
    case LWC_SECURITY_RID_RDS_DESTINATION_PORT:
        *out = lwc_value_int(s->rds_dst_port);
        return LWC_OK;
    case LWC_SECURITY_RID_RDS_SOURCE_PORT:
        *out = lwc_value_int(s->rds_src_port);
        return LWC_OK;
    default:
        return LWC_ERR_NOT_FOUND;
    }
}

static int sec_read(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                    lwc_value_t *out)
{
    lwc_security_slot_t *s = find_slot(ctx, iid);
    if (!s) {
        return LWC_ERR_NOT_FOUND;
    }
    switch (rid) {
    case LWC_SECURITY_RID_SERVER_URI:
        *out = lwc_value_string(s->uri);
        return LWC_OK;
    case LWC_SECURITY_RID_BOOTSTRAP:
        *out = lwc_value_bool(s->bootstrap);
        return LWC_OK;
    case LWC_SECURITY_RID_MODE:
        *out = lwc_value_int(s->mode);
        return LWC_OK;
    case LWC_SECURITY_RID_PUBLIC_KEY_OR_IDENTITY:
        *out = lwc_value_opaque(s->identity, s->identity_len);
        return LWC_OK;
    case LWC_SECURITY_RID_SERVER_PUBLIC_KEY:
        *out = lwc_value_opaque(s->server_key, s->server_key_len);
        return LWC_OK;
    case LWC_SECURITY_RID_SECRET_KEY:
        *out = lwc_value_opaque(s->secret_key, s->secret_key_len);
        return LWC_OK;
    case LWC_SECURITY_RID_SHORT_SERVER_ID:
        return opt_int(s->ssid ? s->ssid : -1, out);
    case LWC_SECURITY_RID_CLIENT_HOLD_OFF_TIME:
        return opt_int(s->hold_off, out);
    case LWC_SECURITY_RID_BOOTSTRAP_ACCOUNT_TIMEOUT:
        return opt_int(s->bs_timeout, out);
    case LWC_SECURITY_RID_MATCHING_TYPE:
        return opt_int(s->matching_type, out);
    case LWC_SECURITY_RID_SNI:
        if (!s->sni[0]) {
            return LWC_ERR_NOT_FOUND;
        }
        *out = lwc_value_string(s->sni);
        return LWC_OK;
    case LWC_SECURITY_RID_CERTIFICATE_USAGE:
        return opt_int(s->certificate_usage, out);
    default:
        return read_v12(s, rid, riid, out); /* SMS 6..9: absent there */
    }
}

/* Copy bytes into a fixed buffer; `nul` reserves a terminating NUL. */
static int store(void *dst, size_t cap, uint16_t *len, const lwc_value_t *v,
                 bool nul)
{
    if (v->bytes.len + (nul ? 1 : 0) > cap) {
        return LWC_ERR_NO_SPACE;
    }
    if (v->bytes.len) {
        memcpy(dst, v->bytes.data, v->bytes.len);
    }
    if (nul) {
        ((char *)dst)[v->bytes.len] = '\0';
    }
    if (len) {
        *len = (uint16_t)v->bytes.len;
    }
    return LWC_OK;
}

/* An integer value within [lo, hi]. */
static int int_in(const lwc_value_t *v, int64_t lo, int64_t hi, int64_t *out)
{
    int64_t x;
    if (v->type == LWC_TYPE_UINT) {
        if (v->u > (uint64_t)hi) {
            return LWC_ERR_INVALID_ARG;
        }
        x = (int64_t)v->u;
    } else {
        x = v->i;
    }
    if (x < lo || x > hi) {
        return LWC_ERR_INVALID_ARG;
    }
    *out = x;
    return LWC_OK;
}

static int write_number(lwc_security_slot_t *s, uint16_t rid,
                        const lwc_value_t *v)
{
    int64_t x;
    int rc;
    switch (rid) {
    case LWC_SECURITY_RID_MODE:
        rc = int_in(v, 0, 4, &x);
        s->mode = rc == LWC_OK ? (uint8_t)x : s->mode;
        return rc;
    case LWC_SECURITY_RID_SHORT_SERVER_ID:
        rc = int_in(v, 1, LWC_ID_MAX, &x);
        s->ssid = rc == LWC_OK ? (uint16_t)x : s->ssid;
        return rc;
    case LWC_SECURITY_RID_CLIENT_HOLD_OFF_TIME:
        rc = int_in(v, 0, UINT32_MAX, &x);
        s->hold_off = rc == LWC_OK ? x : s->hold_off;
        return rc;
    case LWC_SECURITY_RID_BOOTSTRAP_ACCOUNT_TIMEOUT:
        rc = int_in(v, 0, UINT32_MAX, &x);
        s->bs_timeout = rc == LWC_OK ? x : s->bs_timeout;
        return rc;
    case LWC_SECURITY_RID_MATCHING_TYPE:
        rc = int_in(v, 0, 3, &x);
        s->matching_type = rc == LWC_OK ? (int8_t)x : s->matching_type;
        return rc;
    case LWC_SECURITY_RID_CERTIFICATE_USAGE:
        rc = int_in(v, 0, 3, &x);
        s->certificate_usage = rc == LWC_OK ? (int8_t)x : s->certificate_usage;
        return rc;
    default:
        return LWC_OK; /* SMS resources 6..9: accepted, not stored */
    }
}

/* 0/x/16/riid: update that instance or add one. */
static int write_cipher(lwc_security_slot_t *s, uint16_t riid,
                        const lwc_value_t *v)
{
    int64_t x = 0;
    int rc = int_in(v, 0, UINT16_MAX, &x);
    int k = find_cipher(s, riid);
    if (rc != LWC_OK || riid > LWC_ID_MAX) {
        return LWC_ERR_INVALID_ARG;
    }
    if (k < 0) {
        if (s->ciphersuite_count >= LWC_SECURITY_MAX_CIPHERSUITES) {
            return LWC_ERR_NO_SPACE;
        }
        k = s->ciphersuite_count++;
        s->ciphersuite_riid[k] = riid;
    }
    s->ciphersuite[k] = (uint16_t)x;
    return LWC_OK;
}

/* Security 1.2 resources: the scalars are stored, the rest (multiple
 * resources other than 16, and the RDS Application ID) accepted and
 * ignored so that a Bootstrap-Write carrying them still succeeds. */
static int write_v12(lwc_security_slot_t *s, uint16_t rid, uint16_t riid,
                     const lwc_value_t *v)
{
    int64_t x = 0;
    int rc = LWC_OK;
    switch (rid) {
    case LWC_SECURITY_RID_CIPHERSUITE:
        return write_cipher(s, riid, v);
    case LWC_SECURITY_RID_OSCORE_SECURITY_MODE:
        s->oscore_oid = v->objlnk.oid;
        s->oscore_iid = v->objlnk.iid;
        break;
    case LWC_SECURITY_RID_MQTT_SERVER:
        s->mqtt_oid = v->objlnk.oid;
        s->mqtt_iid = v->objlnk.iid;
        break;
    case LWC_SECURITY_RID_TLS13_FEATURES:
    case LWC_SECURITY_RID_TLS_EXTENSIONS_SUPPORTED:
    case LWC_SECURITY_RID_TLS_EXTENSIONS_TO_USE:
        rc = int_in(v, 0, UINT16_MAX, &x);
        break;
    case LWC_SECURITY_RID_RDS_DESTINATION_PORT:
    case LWC_SECURITY_RID_RDS_SOURCE_PORT:
        rc = int_in(v, 0, 15, &x);
        break;
    default:
        return LWC_OK;
    }
    if (rc != LWC_OK) {
        return rc;
    }
    if (rid == LWC_SECURITY_RID_TLS13_FEATURES) {
        s->tls13_features = (uint16_t)x;
    } else if (rid == LWC_SECURITY_RID_TLS_EXTENSIONS_SUPPORTED) {
        s->tls_ext_supported = (uint16_t)x;
    } else if (rid == LWC_SECURITY_RID_TLS_EXTENSIONS_TO_USE) {
        s->tls_ext_to_use = (uint16_t)x;
    } else if (rid == LWC_SECURITY_RID_RDS_DESTINATION_PORT) {
        s->rds_dst_port = (uint8_t)x;
    } else if (rid == LWC_SECURITY_RID_RDS_SOURCE_PORT) {
        s->rds_src_port = (uint8_t)x;
    }
    s->present |= BIT(rid);
    return LWC_OK;
}

static int sec_write(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                     const lwc_value_t *v)
{
    lwc_security_slot_t *s = find_slot(ctx, iid);
    if (!s) {
        return LWC_ERR_NOT_FOUND;
    }
    if (rid >= LWC_SECURITY_RID_CIPHERSUITE) {
        return write_v12(s, rid, riid, v);
    }
    switch (rid) {
    case LWC_SECURITY_RID_SERVER_URI:
        return store(s->uri, sizeof(s->uri), NULL, v, true);
    case LWC_SECURITY_RID_BOOTSTRAP:
        s->bootstrap = v->b;
        return LWC_OK;
    case LWC_SECURITY_RID_PUBLIC_KEY_OR_IDENTITY:
        return store(s->identity, sizeof(s->identity), &s->identity_len, v,
                     false);
    case LWC_SECURITY_RID_SERVER_PUBLIC_KEY:
        return store(s->server_key, sizeof(s->server_key), &s->server_key_len,
                     v, false);
    case LWC_SECURITY_RID_SECRET_KEY:
        return store(s->secret_key, sizeof(s->secret_key), &s->secret_key_len,
                     v, false);
    case LWC_SECURITY_RID_SNI:
        return store(s->sni, sizeof(s->sni), NULL, v, true);
    default:
        return write_number(s, rid, v);
    }
}

/* Only 0/x/16 has Resource Instances here; the other multiple
 * resources are absent. */
static int sec_list_ri(void *ctx, uint16_t iid, uint16_t rid,
                       lwc_dm_list_t *list)
{
    lwc_security_slot_t *s = find_slot(ctx, iid);
    if (!s || rid != LWC_SECURITY_RID_CIPHERSUITE ||
        s->ciphersuite_count == 0) {
        return LWC_ERR_NOT_FOUND;
    }
    for (size_t k = 0; k < s->ciphersuite_count; k++) {
        lwc_dm_list_add(list, s->ciphersuite_riid[k]);
    }
    return LWC_OK;
}

/* Write-Replace of a multiple resource: drop its old instances. */
static int sec_clear(void *ctx, uint16_t iid, uint16_t rid)
{
    lwc_security_slot_t *s = find_slot(ctx, iid);
    if (!s) {
        return LWC_ERR_NOT_FOUND;
    }
    if (rid == LWC_SECURITY_RID_CIPHERSUITE) {
        s->ciphersuite_count = 0;
    }
    return LWC_OK;
}

static void reset_slot(lwc_security_slot_t *s, uint16_t iid)
{
    memset(s, 0, sizeof(*s));
    s->used = true;
    s->iid = iid;
    s->mode = LWC_SECURITY_MODE_NOSEC;
    s->hold_off = -1;
    s->bs_timeout = -1;
    s->matching_type = -1;
    s->certificate_usage = -1;
}

static int sec_create(void *ctx, uint16_t iid)
{
    lwc_security_object_t *obj = ctx;
    if (find_slot(obj, iid)) {
        return LWC_ERR_EXISTS;
    }
    for (size_t i = 0; i < LWC_SECURITY_MAX_INSTANCES; i++) {
        if (!obj->slots[i].used) {
            reset_slot(&obj->slots[i], iid);
            return LWC_OK;
        }
    }
    return LWC_ERR_NO_SPACE;
}

static int sec_delete(void *ctx, uint16_t iid)
{
    lwc_security_slot_t *s = find_slot(ctx, iid);
    if (!s) {
        return LWC_ERR_NOT_FOUND;
    }
    memset(s, 0, sizeof(*s)); /* wipe the keys too */
    return LWC_OK;
}

static const lwc_object_handlers_t security_handlers = {
    .list_instances = sec_list,
    .list_resource_instances = sec_list_ri,
    .read = sec_read,
    .write = sec_write,
    .resource_clear = sec_clear,
    .create_instance = sec_create,
    .delete_instance = sec_delete,
};

/* Fill the descriptor without touching the instances. */
static void fill_descriptor(lwc_security_object_t *obj)
{
    obj->object.oid = LWC_OID_SECURITY;
    obj->object.version = "1.2";
    obj->object.resources = security_resources;
    obj->object.resource_count =
        sizeof(security_resources) / sizeof(security_resources[0]);
    obj->object.multi_instance = true;
    obj->object.handlers = &security_handlers;
    obj->object.user_ctx = obj;
}

int lwc_security_object_init(lwc_security_object_t *obj)
{
    if (!obj) {
        return LWC_ERR_INVALID_ARG;
    }
    memset(obj, 0, sizeof(*obj));
    fill_descriptor(obj);
    return LWC_OK;
}

/* Check an init struct's sizes and ranges. */
static bool init_ok(const lwc_security_instance_t *in)
{
    size_t uri_len = in->server_uri ? strlen(in->server_uri) : 0;
    size_t sni_len = in->sni ? strlen(in->sni) : 0;
    return uri_len > 0 && uri_len <= LWC_SERVER_URI_MAX &&
           sni_len <= LWC_SECURITY_SNI_MAX &&
           in->security_mode <= LWC_SECURITY_MODE_EST &&
           (in->bootstrap || in->short_server_id != 0) &&
           in->short_server_id <= LWC_ID_MAX && in->matching_type <= 3 &&
           in->certificate_usage <= 3 &&
           in->public_key_or_identity_len <= LWC_SECURITY_KEY_MAX &&
           in->server_public_key_len <= LWC_SECURITY_KEY_MAX &&
           in->secret_key_len <= LWC_SECURITY_KEY_MAX &&
           (in->public_key_or_identity || !in->public_key_or_identity_len) &&
           (in->server_public_key || !in->server_public_key_len) &&
           (in->secret_key || !in->secret_key_len) &&
           in->ciphersuite_count <= LWC_SECURITY_MAX_CIPHERSUITES &&
           (in->ciphersuites || !in->ciphersuite_count);
}

static void copy_init(lwc_security_slot_t *s, const lwc_security_instance_t *in)
{
    memcpy(s->uri, in->server_uri, strlen(in->server_uri) + 1);
    if (in->sni) {
        memcpy(s->sni, in->sni, strlen(in->sni) + 1);
    }
    s->bootstrap = in->bootstrap;
    s->mode = in->security_mode;
    s->ssid = in->short_server_id;
    s->hold_off =
        in->client_hold_off_time ? (int64_t)in->client_hold_off_time : -1;
    s->bs_timeout = in->bootstrap_account_timeout
                        ? (int64_t)in->bootstrap_account_timeout
                        : -1;
    s->matching_type = in->matching_type ? (int8_t)in->matching_type : -1;
    s->certificate_usage =
        in->has_certificate_usage ? (int8_t)in->certificate_usage : -1;
    s->identity_len = (uint16_t)in->public_key_or_identity_len;
    s->server_key_len = (uint16_t)in->server_public_key_len;
    s->secret_key_len = (uint16_t)in->secret_key_len;
    if (s->identity_len) {
        memcpy(s->identity, in->public_key_or_identity, s->identity_len);
    }
    if (s->server_key_len) {
        memcpy(s->server_key, in->server_public_key, s->server_key_len);
    }
    if (s->secret_key_len) {
        memcpy(s->secret_key, in->secret_key, s->secret_key_len);
    }
    for (size_t k = 0; k < in->ciphersuite_count; k++) {
        s->ciphersuite_riid[k] = (uint16_t)k;
        s->ciphersuite[k] = in->ciphersuites[k];
    }
    s->ciphersuite_count = (uint8_t)in->ciphersuite_count;
}

int lwc_security_add_instance(lwc_security_object_t *obj,
                              const lwc_security_instance_t *init)
{
    if (!obj || !init || !init_ok(init)) {
        return LWC_ERR_INVALID_ARG;
    }
    fill_descriptor(obj);
    for (uint16_t iid = 0; iid < LWC_SECURITY_MAX_INSTANCES; iid++) {
        if (!find_slot(obj, iid)) {
            int rc = sec_create(obj, iid);
            if (rc != LWC_OK) {
                return rc;
            }
            copy_init(find_slot(obj, iid), init);
            return iid;
        }
    }
    return LWC_ERR_NO_SPACE;
}

int lwc_security_remove_instance(lwc_security_object_t *obj, uint16_t iid)
{
    if (!obj) {
        return LWC_ERR_INVALID_ARG;
    }
    return sec_delete(obj, iid);
}

void lwci_security_fill_descriptor(lwc_security_object_t *obj)
{
    fill_descriptor(obj);
}
