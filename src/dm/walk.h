/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The tree walk behind Read (LwM2M 1.1 Core §6.3.1): it reads values
 * through the objects' handlers and feeds them to an io.h encoder as
 * begin/open/value/close/end in ascending ID order, leaving out absent
 * optional resources (read or list handler says LWC_ERR_NOT_FOUND) and
 * resources the server may not read (executables; bootstrap-only ones
 * unless the request comes from the bootstrap server).
 *
 * It also implements the encoder's measure hook: a container is measured
 * by walking its children (not its own open/close) with a copy of the
 * encoder, as it is at the time of the call, into a counting sink; the
 * root path measures the whole walk by running the walk's body (the nodes
 * a Read or Read-Composite emits between begin and end) the same way. The
 * emitted bytes, children and values are checked against what was
 * measured, so a value that changes between the two passes gives
 * LWC_ERR_BUSY instead of a payload whose lengths or counts lie.
 *
 * Nothing is kept between calls; the walk runs again for every block.
 */
#ifndef LWC_DM_WALK_H
#define LWC_DM_WALK_H

#include "dm/dm_internal.h"
#include "io/io.h"

typedef struct lwci_dm_walk lwci_dm_walk_t;

/*
 * The nodes of a walk: calls lwci_dm_walk_node() on w for each node, in
 * order. Run once to emit and again, on a counting copy of the walk, when
 * the encoder measures the root; it must emit the same nodes both times.
 * Returns LWC_OK or the first error, as lwci_dm_walk_node() does.
 */
typedef int (*lwci_dm_walk_body_fn)(void *ctx, lwci_dm_walk_t *w);

/* One walk. Fields are private to walk.c. */
struct lwci_dm_walk {
    lwci_io_encoder_t enc;
    const lwc_object_t *obj; /* of the node being walked */
    bool bootstrap;
    /* What the encoder measured for the open container of each depth
     * (container path length 1..3), for the consistency check. */
    lwci_io_measure_t measured[3];
    bool was_measured[3];
    size_t values;             /* value() calls so far */
    size_t root_values;        /* what the measure of the root counted ... */
    bool root_measured;        /* ... if the encoder asked */
    lwci_dm_walk_body_fn body; /* for the measure of the root */
    void *body_ctx;
};

/* Prepare a walk that encodes with `ops` into `sink`; `bootstrap` selects
 * which resources are readable. */
void lwci_dm_walk_init(lwci_dm_walk_t *w, const lwci_io_encoder_ops_t *ops,
                       lwci_io_sink_t *sink, bool bootstrap);

/* The encoder's begin() and end(). Without a body (lwci_dm_walk_run() sets
 * it) the encoder cannot measure the root: LWC_ERR_INVALID_ARG. end() gives
 * LWC_ERR_BUSY when the root was measured with another number of values. */
int lwci_dm_walk_begin(lwci_dm_walk_t *w, const lwc_path_t *base);
int lwci_dm_walk_end(lwci_dm_walk_t *w);

/*
 * A whole walk: begin(base), body(ctx, w), end(). The encoder may measure
 * the root at begin, which runs the body once more on a counting copy.
 * Returns LWC_OK, the body's error, or the encoder's (begin or end).
 */
int lwci_dm_walk_run(lwci_dm_walk_t *w, const lwc_path_t *base,
                     lwci_dm_walk_body_fn body, void *ctx);

/*
 * Emit the node at `path` (length 1..4) of `obj` and everything below it:
 * open/close for an object, instance or multiple resource, value for a
 * single resource or a resource instance. A Read's body calls it for the
 * request path; a Read-Composite's body once per requested path (begin
 * with the root).
 *
 * Returns LWC_OK; LWC_ERR_NOT_FOUND when the instance, the resource (not
 * defined, absent, or a resource instance of a single resource) or the
 * resource instance does not exist; LWC_COAP_METHOD_NOT_ALLOWED for a
 * resource the server may not read; a handler's code (negative LWC_ERR_*
 * or a CoAP code); the encoder's error (LWC_ERR_UNSUPPORTED: the format
 * cannot carry this); LWC_ERR_BUSY when a measured container came out
 * differently (a value changed during the walk).
 */
int lwci_dm_walk_node(lwci_dm_walk_t *w, const lwc_object_t *obj,
                      const lwc_path_t *path);

/* A whole Read: init, then run with node(path) as the body. Returns as
 * above. */
int lwci_dm_walk_read(const lwc_object_t *obj, const lwc_path_t *path,
                      bool bootstrap, const lwci_io_encoder_ops_t *ops,
                      lwci_io_sink_t *sink);

#endif /* LWC_DM_WALK_H */
