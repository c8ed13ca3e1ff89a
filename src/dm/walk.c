/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The Read tree walk of walk.h (LwM2M 1.1 Core §6.3.1; the event order is
 * src/io/io.h's). Every level enumerates IDs through the "next after"
 * list handlers, so IDs come out in ascending order and no list is stored.
 */
#include "dm/walk.h"

static int walk_children(lwci_dm_walk_t *w, const lwc_path_t *c, size_t *count);

/* ---- Measure hook ------------------------------------------------------- */

/* A copy of w that encodes into `counter` and has measured nothing. The
 * copy has no body: a walk measured from the root cannot measure the root
 * again (no recursion). */
static void counting_copy(const lwci_dm_walk_t *w, lwci_dm_walk_t *m,
                          lwci_io_sink_t *counter)
{
    lwci_io_sink_init(counter, NULL, 0, 0);
    *m = *w;
    m->enc.sink = counter;
    m->enc.measure_ctx = m;
    for (size_t d = 0; d < 3; d++) {
        m->was_measured[d] = false;
    }
    m->values = 0;
    m->root_measured = false;
    m->body = NULL;
}

/* The whole walk: the body on a counting copy. */
static int measure_root(lwci_dm_walk_t *w, lwci_io_measure_t *out)
{
    if (!w->body) {
        return LWC_ERR_INVALID_ARG;
    }
    lwci_io_sink_t counter;
    lwci_dm_walk_t m;
    counting_copy(w, &m, &counter);
    int rc = w->body(w->body_ctx, &m);
    if (rc != LWC_OK) {
        return rc;
    }
    *out = (lwci_io_measure_t){.bytes = counter.total, .values = m.values};
    w->root_values = m.values;
    w->root_measured = true;
    return LWC_OK;
}

static int measure(void *ctx, const lwc_path_t *container,
                   lwci_io_measure_t *out)
{
    lwci_dm_walk_t *w = ctx;
    if (container->len == 0) {
        return measure_root(w, out);
    }
    if (container->len > 3) {
        return LWC_ERR_INVALID_ARG;
    }
    /* The nested walk ends after at most 3 levels: each measures only
     * containers strictly below its own. */
    lwci_io_sink_t counter;
    lwci_dm_walk_t m;
    counting_copy(w, &m, &counter);
    size_t children = 0;
    int rc = walk_children(&m, container, &children);
    if (rc != LWC_OK) {
        return rc;
    }
    out->bytes = counter.total;
    out->children = children;
    out->values = m.values;
    w->measured[container->len - 1] = *out;
    w->was_measured[container->len - 1] = true;
    return LWC_OK;
}

/* ---- Containers --------------------------------------------------------- */

static int open_container(lwci_dm_walk_t *w, const lwc_path_t *c, size_t *start)
{
    w->was_measured[c->len - 1] = false;
    int rc = w->enc.ops->open(&w->enc, c);
    *start = w->enc.sink->total;
    return rc;
}

/* Close, after checking that what came out is what was measured. */
static int close_container(lwci_dm_walk_t *w, const lwc_path_t *c, size_t start,
                           size_t children)
{
    const lwci_io_measure_t *m = &w->measured[c->len - 1];
    if (w->was_measured[c->len - 1] &&
        (w->enc.sink->total - start != m->bytes || children != m->children)) {
        return LWC_ERR_BUSY;
    }
    return w->enc.ops->close(&w->enc, c);
}

/* A container and its children. */
static int walk_container(lwci_dm_walk_t *w, const lwc_path_t *c)
{
    size_t start = 0, children = 0;
    int rc = open_container(w, c, &start);
    if (rc == LWC_OK) {
        rc = walk_children(w, c, &children);
    }
    if (rc == LWC_OK) {
        rc = close_container(w, c, start, children);
    }
    return rc;
}

/* ---- Values and resources ----------------------------------------------- */

/* One value; LWC_ERR_NOT_FOUND (nothing emitted) when it is absent. */
static int walk_value(lwci_dm_walk_t *w, const lwc_path_t *p,
                      const lwc_resource_def_t *def)
{
    lwc_value_t v;
    uint16_t riid = p->len == 4 ? p->ids[3] : LWC_ID_NONE;
    int rc = lwci_dm_read_value(w->obj, p->ids[1], def, riid, &v);
    if (rc == LWC_OK) {
        rc = w->enc.ops->value(&w->enc, p, &v);
    }
    if (rc == LWC_OK) {
        w->values++;
    }
    return rc;
}

/* Resource instances of a multiple resource, in ID order; one that
 * vanished since it was listed is left out. */
static int multiple_children(lwci_dm_walk_t *w, const lwc_path_t *res,
                             size_t *count)
{
    const lwc_resource_def_t *def = lwci_dm_find_resource(w->obj, res->ids[2]);
    int32_t riid = -1;
    if (!def || !def->multiple) {
        return LWC_ERR_NOT_FOUND;
    }
    /* riid grows strictly, so this ends within 65535 passes. */
    for (;;) {
        int rc = lwci_dm_next_resource_instance(w->obj, res->ids[1], def->rid,
                                                riid, &riid);
        if (rc == LWC_ERR_NOT_FOUND || (rc == LWC_OK && riid < 0)) {
            return LWC_OK; /* no more (gone since opened: checked later) */
        }
        if (rc != LWC_OK) {
            return rc;
        }
        lwc_path_t p = *res;
        p.ids[3] = (uint16_t)riid;
        p.len = 4;
        rc = walk_value(w, &p, def);
        if (rc == LWC_ERR_NOT_FOUND) {
            continue;
        }
        if (rc != LWC_OK) {
            return rc;
        }
        (*count)++;
    }
}

/* A resource; LWC_ERR_NOT_FOUND (nothing emitted) when it is absent. */
static int walk_resource(lwci_dm_walk_t *w, const lwc_path_t *p,
                         const lwc_resource_def_t *def)
{
    if (!def->multiple) {
        return walk_value(w, p, def);
    }
    int32_t first;
    int rc =
        lwci_dm_next_resource_instance(w->obj, p->ids[1], def->rid, -1, &first);
    if (rc != LWC_OK) {
        return rc; /* LWC_ERR_NOT_FOUND: absent */
    }
    return walk_container(w, p);
}

/* Every present resource of an instance that the server may read. */
static int instance_children(lwci_dm_walk_t *w, const lwc_path_t *inst,
                             size_t *count)
{
    for (size_t i = 0; i < w->obj->resource_count; i++) {
        const lwc_resource_def_t *def = &w->obj->resources[i];
        if (!lwci_dm_readable(def, w->bootstrap)) {
            continue;
        }
        lwc_path_t p = *inst;
        p.ids[2] = def->rid;
        p.len = 3;
        int rc = walk_resource(w, &p, def);
        if (rc == LWC_ERR_NOT_FOUND) {
            continue;
        }
        if (rc != LWC_OK) {
            return rc;
        }
        (*count)++;
    }
    return LWC_OK;
}

/* Every instance of an object. */
static int object_children(lwci_dm_walk_t *w, const lwc_path_t *o,
                           size_t *count)
{
    int32_t after = -1;
    uint16_t iid;
    int rc;
    /* iid grows strictly, so this ends within 65535 passes. */
    while ((rc = lwci_dm_obj_next_instance(w->obj, after, &iid)) == LWC_OK) {
        lwc_path_t p = *o;
        p.ids[1] = iid;
        p.len = 2;
        rc = walk_container(w, &p);
        if (rc != LWC_OK) {
            return rc;
        }
        (*count)++;
        after = iid;
    }
    return rc == LWC_ERR_NOT_FOUND ? LWC_OK : rc;
}

static int walk_children(lwci_dm_walk_t *w, const lwc_path_t *c, size_t *count)
{
    *count = 0;
    switch (c->len) {
    case 1:
        return object_children(w, c, count);
    case 2:
        return instance_children(w, c, count);
    case 3:
        return multiple_children(w, c, count);
    default:
        return LWC_ERR_INVALID_ARG;
    }
}

/* ---- Entry points ------------------------------------------------------- */

void lwci_dm_walk_init(lwci_dm_walk_t *w, const lwci_io_encoder_ops_t *ops,
                       lwci_io_sink_t *sink, bool bootstrap)
{
    *w = (lwci_dm_walk_t){.bootstrap = bootstrap};
    w->enc.ops = ops;
    w->enc.sink = sink;
    w->enc.measure = measure;
    w->enc.measure_ctx = w;
}

int lwci_dm_walk_begin(lwci_dm_walk_t *w, const lwc_path_t *base)
{
    w->enc.base = *base;
    return w->enc.ops->begin(&w->enc, base);
}

int lwci_dm_walk_end(lwci_dm_walk_t *w)
{
    if (w->root_measured && w->values != w->root_values) {
        return LWC_ERR_BUSY; /* the announced count would lie */
    }
    return w->enc.ops->end(&w->enc);
}

int lwci_dm_walk_run(lwci_dm_walk_t *w, const lwc_path_t *base,
                     lwci_dm_walk_body_fn body, void *ctx)
{
    w->body = body;
    w->body_ctx = ctx;
    int rc = lwci_dm_walk_begin(w, base);
    if (rc == LWC_OK) {
        rc = body(ctx, w);
    }
    if (rc == LWC_OK) {
        rc = lwci_dm_walk_end(w);
    }
    return rc;
}

/* The resource a path of length 3 or 4 names, if the server may read it. */
static int find_readable(const lwci_dm_walk_t *w, const lwc_path_t *path,
                         const lwc_resource_def_t **def)
{
    *def = lwci_dm_find_resource(w->obj, path->ids[2]);
    if (!*def || (path->len == 4 && !(*def)->multiple)) {
        return LWC_ERR_NOT_FOUND;
    }
    if (!lwci_dm_readable(*def, w->bootstrap)) {
        return LWC_COAP_METHOD_NOT_ALLOWED;
    }
    return LWC_OK;
}

int lwci_dm_walk_node(lwci_dm_walk_t *w, const lwc_object_t *obj,
                      const lwc_path_t *path)
{
    const lwc_resource_def_t *def = NULL;
    int rc = LWC_OK;
    w->obj = obj;
    if (!lwc_path_is_valid(path) || path->len == 0 ||
        path->ids[0] != obj->oid) {
        return LWC_ERR_INVALID_ARG;
    }
    if (path->len == 1) {
        return walk_container(w, path);
    }
    if (path->len >= 3) {
        rc = find_readable(w, path, &def);
    }
    if (rc == LWC_OK) {
        rc = lwci_dm_instance_exists(obj, path->ids[1]);
    }
    if (rc != LWC_OK) {
        return rc;
    }
    if (path->len == 2) {
        return walk_container(w, path);
    }
    return path->len == 3 ? walk_resource(w, path, def)
                          : walk_value(w, path, def);
}

/* The body of a Read: the one node at the request path. */
typedef struct {
    const lwc_object_t *obj;
    const lwc_path_t *path;
} read_body_t;

static int read_body(void *ctx, lwci_dm_walk_t *w)
{
    const read_body_t *b = ctx;
    return lwci_dm_walk_node(w, b->obj, b->path);
}

int lwci_dm_walk_read(const lwc_object_t *obj, const lwc_path_t *path,
                      bool bootstrap, const lwci_io_encoder_ops_t *ops,
                      lwci_io_sink_t *sink)
{
    lwci_dm_walk_t w;
    read_body_t b = {.obj = obj, .path = path};
    lwci_dm_walk_init(&w, ops, sink, bootstrap);
    return lwci_dm_walk_run(&w, path, read_body, &b);
}
