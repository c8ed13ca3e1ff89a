/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Discover (LwM2M 1.1 Core §5.4.2, Transport §8.2.4: GET with Accept 40)
 * in CoRE link format (RFC 6690):
 *
 *   /3      </3>;ver=1.1;pmin=10,</3/0>,</3/0/0>,...,</3/0/6>;dim=2,...
 *   /3/0    </3/0>;pmax=60,</3/0/0>,...,</3/0/7>;dim=2;gt=50;lt=42.2
 *   /3/0/7  </3/0/7>;dim=2;pmin=10;pmax=60;gt=50;lt=42.2,</3/0/7/0>,
 *           </3/0/7/1>;st=1
 *
 * On an object or instance every link carries the attributes written at
 * its own level by the requesting server; on a resource the link carries
 * the attributes that apply to it, inherited from the instance and the
 * object (§5.4.2), followed by a link for each of its resource instances
 * with the attributes written at that level (the OMA ETS int-261 and
 * Anjay list them in 1.1 too). Resources
 * that are absent (read or list handler says LWC_ERR_NOT_FOUND) are left
 * out, and so are bootstrap-only ones. ver= is shown for objects whose
 * version is not 1.0, as in the registration payload. The link writer
 * streams into the windowed sink, so a long answer goes block-wise like
 * a Read (RFC 7959 §2.4): every block walks again.
 */
#include <string.h>

#include "dm/attributes.h"

typedef struct {
    lwci_dm_t *dm;
    const lwci_dm_request_t *req;
    const lwc_object_t *obj;
    lwci_link_writer_t w;
} disc_t;

/* "<path>" then ver=, dim= (when >= 0) and the attributes in a, if any. */
static int put_link(disc_t *d, const lwc_path_t *p, const char *ver,
                    int32_t dim, const lwci_dm_attrs_t *a)
{
    int rc = lwci_link_write_path(&d->w, p);
    if (rc == LWC_OK && ver) {
        rc = lwci_link_write_attr_token(&d->w, "ver", ver, strlen(ver));
    }
    if (rc == LWC_OK && dim >= 0) {
        rc = lwci_link_write_attr_uint(&d->w, "dim", (uint64_t)dim);
    }
    if (rc == LWC_OK && a) {
        rc = lwci_dm_attr_write_link(&d->w, a);
    }
    return rc;
}

/*
 * Whether resource def of instance iid is present: LWC_OK with *dim (its
 * resource instance count, -1 for a single resource), LWC_ERR_NOT_FOUND
 * when absent, or a handler's error.
 */
static int resource_state(const lwc_object_t *obj, uint16_t iid,
                          const lwc_resource_def_t *def, int32_t *dim)
{
    *dim = -1;
    if (!def->multiple) {
        if (!(def->ops & LWC_OP_R)) {
            return LWC_OK; /* executable or write-only: always listed */
        }
        lwc_value_t v = {.type = def->type};
        int rc = lwci_dm_read_value(obj, iid, def, LWC_ID_NONE, &v);
        return rc == LWC_ERR_NOT_FOUND ? rc : LWC_OK;
    }
    int32_t after = -1;
    int32_t riid = -1;
    *dim = 0;
    /* Each step reports a larger ID, so this ends within 65535 steps. */
    do {
        int rc =
            lwci_dm_next_resource_instance(obj, iid, def->rid, after, &riid);
        if (rc != LWC_OK) {
            return rc;
        }
        *dim += riid >= 0;
        after = riid;
    } while (riid >= 0);
    return LWC_OK;
}

static bool listed(const lwc_resource_def_t *def, bool bootstrap)
{
    return def->ops != LWC_OP_NONE || bootstrap;
}

/* One link per present resource of instance iid, with its own attributes. */
static int resource_links(disc_t *d, uint16_t iid)
{
    const lwc_object_t *obj = d->obj;
    for (size_t k = 0; k < obj->resource_count; k++) {
        const lwc_resource_def_t *def = &obj->resources[k];
        if (!listed(def, d->req->bootstrap)) {
            continue;
        }
        int32_t dim;
        int rc = resource_state(obj, iid, def, &dim);
        if (rc == LWC_ERR_NOT_FOUND) {
            continue;
        }
        lwc_path_t p = LWC_PATH(obj->oid, iid, def->rid);
        if (rc == LWC_OK) {
            rc = put_link(d, &p, NULL, dim,
                          lwci_dm_attr_find(d->dm, d->req->ssid, &p));
        }
        if (rc != LWC_OK) {
            return rc;
        }
    }
    return LWC_OK;
}

static int instance_links(disc_t *d, uint16_t iid)
{
    lwc_path_t p = LWC_PATH(d->obj->oid, iid);
    int rc =
        put_link(d, &p, NULL, -1, lwci_dm_attr_find(d->dm, d->req->ssid, &p));
    return rc == LWC_OK ? resource_links(d, iid) : rc;
}

static int object_links(disc_t *d)
{
    const char *ver = d->obj->version;
    if (ver && strcmp(ver, "1.0") == 0) {
        ver = NULL;
    }
    lwc_path_t p = LWC_PATH(d->obj->oid);
    int rc =
        put_link(d, &p, ver, -1, lwci_dm_attr_find(d->dm, d->req->ssid, &p));
    int32_t after = -1;
    uint16_t iid;
    /* Each step reports a larger ID, so this ends within 65535 steps. */
    while (rc == LWC_OK &&
           (rc = lwci_dm_obj_next_instance(d->obj, after, &iid)) == LWC_OK) {
        rc = instance_links(d, iid);
        after = iid;
    }
    return rc == LWC_ERR_NOT_FOUND ? LWC_OK : rc;
}

/* The resource with what applies to it, then each of its resource
 * instances with its own attributes. */
static int resource_discover(disc_t *d)
{
    const lwc_path_t *rp = &d->req->path;
    const lwc_resource_def_t *def = lwci_dm_find_resource(d->obj, rp->ids[2]);
    int rc = lwci_dm_instance_exists(d->obj, rp->ids[1]);
    if (rc != LWC_OK || !def) {
        return rc != LWC_OK ? rc : LWC_ERR_NOT_FOUND;
    }
    int32_t dim;
    if (!listed(def, d->req->bootstrap) ||
        (rc = resource_state(d->obj, rp->ids[1], def, &dim)) != LWC_OK) {
        return listed(def, d->req->bootstrap) ? rc : LWC_ERR_NOT_FOUND;
    }
    lwci_dm_attrs_t a = {0};
    for (uint8_t len = 3; len >= 1; len--) {
        lwc_path_t p = *rp;
        p.len = len;
        const lwci_dm_attrs_t *own = lwci_dm_attr_find(d->dm, d->req->ssid, &p);
        if (own) {
            lwci_dm_attr_merge(&a, own);
        }
    }
    rc = put_link(d, rp, NULL, dim, &a);
    int32_t after = -1;
    int32_t riid = -1;
    while (rc == LWC_OK && dim > 0 &&
           lwci_dm_next_resource_instance(d->obj, rp->ids[1], rp->ids[2], after,
                                          &riid) == LWC_OK &&
           riid >= 0) {
        lwc_path_t p =
            LWC_PATH(rp->ids[0], rp->ids[1], rp->ids[2], (uint16_t)riid);
        const lwci_dm_attrs_t *own = lwci_dm_attr_find(d->dm, d->req->ssid, &p);
        rc = put_link(d, &p, NULL, -1, own);
        after = riid;
    }
    return rc;
}

void lwci_dm_do_discover(lwci_dm_t *dm, const lwci_dm_request_t *req,
                         const lwc_object_t *obj, uint8_t *out, size_t cap,
                         lwci_dm_response_t *resp)
{
    if (req->path.len == 4) {
        resp->code = LWC_COAP_METHOD_NOT_ALLOWED; /* §5.4.2: not on an RI */
        return;
    }
    if (req->block_size > cap) {
        resp->code = LWC_COAP_INTERNAL_SERVER_ERROR; /* the caller's bug */
        return;
    }
    lwci_io_sink_t sink;
    lwci_io_sink_init(&sink, out, req->block_size ? req->block_size : cap,
                      req->block_size ? req->block_offset : 0);
    disc_t d = {.dm = dm, .req = req, .obj = obj};
    lwci_link_writer_init(&d.w, &sink);
    int rc;
    if (req->path.len == 1) {
        rc = object_links(&d);
    } else if (req->path.len == 2) {
        rc = lwci_dm_instance_exists(obj, req->path.ids[1]);
        rc = rc == LWC_OK ? instance_links(&d, req->path.ids[1]) : rc;
    } else {
        rc = resource_discover(&d);
    }
    if (rc != LWC_OK) {
        resp->code = lwci_dm_code(rc, LWC_COAP_CONTENT, false);
        return;
    }
    lwci_dm_fill_window(req, LWC_FORMAT_LINK, &sink, resp);
}
