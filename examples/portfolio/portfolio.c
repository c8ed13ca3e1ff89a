/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The OMA Portfolio object (16, OMA registry 16.xml version 1.0), defined
 * by the application with the public data-model API. Written like
 * examples/temperature/ (resource table, handlers, descriptor), plus what a
 * server-managed object adds: Create/Delete of instances from a fixed
 * pool, a multiple resource and a transaction (LwM2M 1.1 Core §5.4.3: a
 * Write that fails leaves the object unchanged).
 */
#include <string.h>

#include "portfolio.h"

/* 1. The resource table (16.xml, sorted by Resource ID). */
static const lwc_resource_def_t portfolio_resources[] = {
    {
        .rid = PORTFOLIO_RID_IDENTITY,
        .type = LWC_TYPE_STRING,
        .ops = LWC_OP_RW,
        .multiple = true,
        .mandatory = true,
    },
    {
        .rid = PORTFOLIO_RID_GET_AUTH_DATA,
        .type = LWC_TYPE_NONE,
        .ops = LWC_OP_E,
    },
    {
        .rid = PORTFOLIO_RID_AUTH_DATA,
        .type = LWC_TYPE_OPAQUE,
        .ops = LWC_OP_R,
        .multiple = true,
    },
    {
        .rid = PORTFOLIO_RID_AUTH_STATUS,
        .type = LWC_TYPE_INT,
        .ops = LWC_OP_R,
    },
};

/* The slot holding instance @p iid, or NULL. */
static portfolio_instance_t *find(portfolio_t *p, uint16_t iid)
{
    for (size_t i = 0; i < PORTFOLIO_MAX_INSTANCES; i++) {
        if (p->inst[i].used && p->inst[i].iid == iid) {
            return &p->inst[i];
        }
    }
    return NULL;
}

/* A printable Identity that fits: no control characters (UTF-8 bytes
 * above 0x7f are fine). */
static bool identity_ok(const char *s, size_t len)
{
    if (len > PORTFOLIO_IDENTITY_MAX) {
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

/* Store Identity riid of @p in (already validated). */
static int store_identity(portfolio_instance_t *in, uint16_t riid,
                          const char *s, size_t len)
{
    if (riid >= PORTFOLIO_MAX_IDENTITIES) {
        return LWC_ERR_NO_SPACE; /* 4.13: no room for that instance */
    }
    if (!identity_ok(s, len)) {
        return LWC_ERR_INVALID_ARG;
    }
    if (len) {
        memcpy(in->identity[riid], s, len);
    }
    in->identity[riid][len] = '\0';
    in->has_identity[riid] = true;
    return LWC_OK;
}

/* 2. The handlers. */

static int portfolio_list(void *ctx, lwc_dm_list_t *list)
{
    const portfolio_t *p = ctx;
    for (size_t i = 0; i < PORTFOLIO_MAX_INSTANCES; i++) {
        if (p->inst[i].used) {
            lwc_dm_list_add(list, p->inst[i].iid);
        }
    }
    return LWC_OK;
}

/* Identity has the instances written so far; AuthData is never produced,
 * so the resource is absent. */
static int portfolio_list_ri(void *ctx, uint16_t iid, uint16_t rid,
                             lwc_dm_list_t *list)
{
    const portfolio_instance_t *in = find(ctx, iid);
    if (!in || rid != PORTFOLIO_RID_IDENTITY) {
        return LWC_ERR_NOT_FOUND;
    }
    for (uint16_t k = 0; k < PORTFOLIO_MAX_IDENTITIES; k++) {
        if (in->has_identity[k]) {
            lwc_dm_list_add(list, k);
        }
    }
    return LWC_OK;
}

static int portfolio_read(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                          lwc_value_t *out)
{
    const portfolio_instance_t *in = find(ctx, iid);
    if (!in) {
        return LWC_ERR_NOT_FOUND;
    }
    switch (rid) {
    case PORTFOLIO_RID_IDENTITY:
        if (riid >= PORTFOLIO_MAX_IDENTITIES || !in->has_identity[riid]) {
            return LWC_ERR_NOT_FOUND;
        }
        *out = lwc_value_string(in->identity[riid]);
        return LWC_OK;
    case PORTFOLIO_RID_AUTH_STATUS:
        *out = lwc_value_int(in->auth_status);
        return LWC_OK;
    default:
        return LWC_ERR_NOT_FOUND; /* AuthData: none */
    }
}

/* Only Identity is writable; a bootstrap server writing AuthData or
 * AuthStatus gets 4.05. A single-instance write (riid LWC_ID_NONE) cannot
 * happen: the client only passes Resource Instances for a multiple
 * resource. */
static int portfolio_write(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                           const lwc_value_t *value)
{
    portfolio_instance_t *in = find(ctx, iid);
    if (!in) {
        return LWC_ERR_NOT_FOUND;
    }
    if (rid != PORTFOLIO_RID_IDENTITY) {
        return LWC_COAP_METHOD_NOT_ALLOWED;
    }
    return store_identity(in, riid, value->bytes.data, value->bytes.len);
}

/* Write-Replace of 16/x/0: the old identities go, the new ones follow. */
static int portfolio_clear(void *ctx, uint16_t iid, uint16_t rid)
{
    portfolio_instance_t *in = find(ctx, iid);
    if (!in) {
        return LWC_ERR_NOT_FOUND;
    }
    if (rid == PORTFOLIO_RID_IDENTITY) {
        memset(in->has_identity, 0, sizeof(in->has_identity));
    }
    return LWC_OK;
}

/* GetAuthData (16/x/1): "trigger Services described in Section 5.2.2" of
 * the Portfolio TS. This example has no such service: the state goes to
 * ERROR_STATE so the server can tell the request was seen. */
static int portfolio_execute(void *ctx, uint16_t iid, uint16_t rid,
                             const uint8_t *args, size_t args_len)
{
    portfolio_instance_t *in = find(ctx, iid);
    (void)args;
    (void)args_len;
    if (!in || rid != PORTFOLIO_RID_GET_AUTH_DATA) {
        return LWC_ERR_NOT_FOUND;
    }
    in->auth_status = PORTFOLIO_AUTH_ERROR;
    return LWC_OK;
}

static int portfolio_create(void *ctx, uint16_t iid)
{
    return portfolio_add_instance(ctx, iid);
}

static int portfolio_delete(void *ctx, uint16_t iid)
{
    portfolio_instance_t *in = find(ctx, iid);
    if (!in) {
        return LWC_ERR_NOT_FOUND;
    }
    memset(in, 0, sizeof(*in));
    return LWC_OK;
}

/* The transaction: a snapshot of the whole pool (a few hundred bytes). */
static int portfolio_begin(void *ctx)
{
    portfolio_t *p = ctx;
    memcpy(p->saved, p->inst, sizeof(p->saved));
    return LWC_OK;
}

static void portfolio_rollback(void *ctx)
{
    portfolio_t *p = ctx;
    memcpy(p->inst, p->saved, sizeof(p->inst));
}

static const lwc_object_handlers_t portfolio_handlers = {
    .list_instances = portfolio_list,
    .list_resource_instances = portfolio_list_ri,
    .read = portfolio_read,
    .write = portfolio_write,
    .execute = portfolio_execute,
    .resource_clear = portfolio_clear,
    .create_instance = portfolio_create,
    .delete_instance = portfolio_delete,
    .transaction_begin = portfolio_begin,
    .transaction_rollback = portfolio_rollback,
};

/* 3. The descriptor, in the caller's state (no global state). */
int portfolio_init(portfolio_t *p)
{
    if (!p) {
        return LWC_ERR_INVALID_ARG;
    }
    memset(p, 0, sizeof(*p));
    p->object = (lwc_object_t){
        .oid = PORTFOLIO_OID,
        .version = NULL, /* 16.xml ObjectVersion 1.0 */
        .resources = portfolio_resources,
        .resource_count =
            sizeof(portfolio_resources) / sizeof(portfolio_resources[0]),
        .multi_instance = true,
        .handlers = &portfolio_handlers,
        .user_ctx = p,
    };
    return LWC_OK;
}

int portfolio_add_instance(portfolio_t *p, uint16_t iid)
{
    if (!p || iid > LWC_ID_MAX) {
        return LWC_ERR_INVALID_ARG;
    }
    if (find(p, iid)) {
        return LWC_ERR_EXISTS;
    }
    for (size_t i = 0; i < PORTFOLIO_MAX_INSTANCES; i++) {
        if (!p->inst[i].used) {
            memset(&p->inst[i], 0, sizeof(p->inst[i]));
            p->inst[i].used = true;
            p->inst[i].iid = iid;
            return LWC_OK;
        }
    }
    return LWC_ERR_NO_SPACE;
}

int portfolio_set_identity(portfolio_t *p, uint16_t iid, uint16_t riid,
                           const char *identity)
{
    if (!p || !identity || riid >= PORTFOLIO_MAX_IDENTITIES) {
        return LWC_ERR_INVALID_ARG;
    }
    portfolio_instance_t *in = find(p, iid);
    if (!in) {
        return LWC_ERR_NOT_FOUND;
    }
    return store_identity(in, riid, identity, strlen(identity));
}

int portfolio_install(lwc_client_t *client, portfolio_t *p)
{
    if (!client || !p) {
        return LWC_ERR_INVALID_ARG;
    }
    return lwc_client_add_object(client, &p->object);
}
