/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* The object list of Register and Update: LwM2M 1.1 Core §6.2.1 and
 * Transport §6.4.1 (CoRE link format, RFC 6690). */
#include <string.h>

#include "dm/dm_internal.h"

typedef struct {
    char *buf;
    size_t cap;
    size_t len;
    bool full;
} link_out_t;

static void put(link_out_t *o, const char *s, size_t n)
{
    if (o->full || n > o->cap - o->len) {
        o->full = true;
        return;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static void put_link(link_out_t *o, const lwc_path_t *p, const char *ver)
{
    char tmp[LWC_PATH_STR_MAX];
    size_t n = 0;
    if (o->len) {
        put(o, ",", 1);
    }
    put(o, "<", 1);
    lwc_path_format(p, tmp, sizeof(tmp), &n);
    put(o, tmp, n);
    put(o, ">", 1);
    if (ver) {
        put(o, ";ver=", 5);
        put(o, ver, strlen(ver));
    }
}

/* Objects not listed: Security (its instances are secrets, §6.2.1) and
 * OSCORE (21). */
static bool listed(uint16_t oid)
{
    return oid != LWC_OID_SECURITY && oid != LWC_OID_OSCORE;
}

/* A versioned object first gets its own link carrying ;ver= (as in
 * "</3303>;ver=1.1,</3303/0>"), then one link per instance; an object
 * without instances is listed as </oid>. */
static int object_links(link_out_t *o, const lwc_object_t *obj)
{
    const char *ver = obj->version;
    if (ver && strcmp(ver, "1.0") == 0) {
        ver = NULL;
    }
    int32_t after = -1;
    uint16_t iid;
    bool any = false;
    if (ver) {
        put_link(o, &LWC_PATH(obj->oid), ver);
    }
    /* Each step reports a larger ID, so this ends within 65535 steps. */
    while (!o->full && lwci_dm_obj_next_instance(obj, after, &iid) == LWC_OK) {
        put_link(o, &LWC_PATH(obj->oid, iid), NULL);
        any = true;
        after = iid;
    }
    if (!any && !ver) {
        put_link(o, &LWC_PATH(obj->oid), NULL);
    }
    return o->full ? LWC_ERR_NO_SPACE : LWC_OK;
}

int lwci_dm_registration_links(lwci_dm_t *dm, char *buf, size_t cap,
                               size_t *len)
{
    if (!dm || !len || (!buf && cap)) {
        return LWC_ERR_INVALID_ARG;
    }
    link_out_t o = {.buf = buf, .cap = cap};
    for (size_t i = 0; i < dm->count; i++) {
        if (!listed(dm->objects[i]->oid)) {
            continue;
        }
        int rc = object_links(&o, dm->objects[i]);
        if (rc != LWC_OK) {
            return rc;
        }
    }
    *len = o.len;
    return LWC_OK;
}
