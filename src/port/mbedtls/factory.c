/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * A transport factory (include/lwc/transport.h) that adds DTLS to another
 * one: coaps:// gets a datagram transport from the inner factory wrapped in
 * a DTLS session from the caller's pool; every other scheme is passed
 * through unchanged.
 */
#include "dtls_internal.h"

#include <string.h>

#include <lwc/errors.h>

static lwc_mbedtls_dtls_t *free_slot(lwc_mbedtls_factory_t *f)
{
    for (size_t i = 0; i < f->pool_len; i++) {
        if (!f->pool[i].in_use) {
            return &f->pool[i];
        }
    }
    return NULL;
}

/* The DTLS session behind @p t, when it came from this factory's pool. */
static lwc_mbedtls_dtls_t *own_session(lwc_mbedtls_factory_t *f,
                                       const lwc_transport_t *t)
{
    if (t->ops != &lwci_mbedtls_ops) {
        return NULL;
    }
    for (size_t i = 0; i < f->pool_len; i++) {
        if (t->ctx == &f->pool[i] && f->pool[i].in_use) {
            return &f->pool[i];
        }
    }
    return NULL;
}

static int factory_open(void *ctx, const lwc_transport_params_t *params,
                        lwc_transport_t *out)
{
    lwc_mbedtls_factory_t *f = ctx;
    lwc_transport_params_t plain;
    lwc_transport_t inner;
    lwc_mbedtls_dtls_t *d;
    int rc;

    if (!params || !out) {
        return LWC_ERR_INVALID_ARG;
    }
    if (params->scheme != LWC_SCHEME_COAPS) {
        return f->inner.open(f->inner.ctx, params, out);
    }
    d = free_slot(f);
    if (!d) {
        return LWC_ERR_NO_SPACE;
    }
    /* The inner factory sees a plain datagram transport to the same peer. */
    plain = *params;
    plain.scheme = LWC_SCHEME_COAP;
    plain.mode = LWC_SECURITY_NOSEC;
    plain.identity = plain.server_key = plain.secret_key = NULL;
    plain.identity_len = plain.server_key_len = plain.secret_key_len = 0;
    rc = f->inner.open(f->inner.ctx, &plain, &inner);
    if (rc != LWC_OK) {
        return rc;
    }
    rc = lwc_mbedtls_dtls_init(d, &f->cfg, &inner, params, out);
    if (rc != LWC_OK && f->inner.release) {
        f->inner.release(f->inner.ctx, &inner);
    }
    return rc;
}

/* Close and free one DTLS session and give its inner transport back. */
static void release_session(lwc_mbedtls_factory_t *f, lwc_mbedtls_dtls_t *d)
{
    lwc_transport_t inner = d->inner;

    lwci_mbedtls_ops.close(d);
    lwc_mbedtls_dtls_deinit(d);
    if (f->inner.release) {
        f->inner.release(f->inner.ctx, &inner);
    }
}

static void factory_release(void *ctx, lwc_transport_t *t)
{
    lwc_mbedtls_factory_t *f = ctx;
    lwc_mbedtls_dtls_t *d;

    if (!t || !t->ops) {
        return;
    }
    d = own_session(f, t);
    if (d) {
        release_session(f, d);
        t->ops = NULL;
        t->ctx = NULL;
    } else if (f->inner.release) {
        f->inner.release(f->inner.ctx, t);
    }
}

int lwc_mbedtls_factory_init(lwc_mbedtls_factory_t *f,
                             const lwc_mbedtls_config_t *cfg,
                             const lwc_transport_factory_t *inner,
                             lwc_mbedtls_dtls_t *pool, size_t pool_len,
                             lwc_transport_factory_t *out)
{
    if (!f || !cfg || !cfg->now_ms || !inner || !inner->open || !pool ||
        pool_len == 0 || !out) {
        return LWC_ERR_INVALID_ARG;
    }
    memset(f, 0, sizeof(*f));
    memset(pool, 0, pool_len * sizeof(*pool));
    f->cfg = *cfg;
    f->inner = *inner;
    f->pool = pool;
    f->pool_len = pool_len;
    out->ctx = f;
    out->open = factory_open;
    out->release = factory_release;
    return LWC_OK;
}

void lwc_mbedtls_factory_deinit(lwc_mbedtls_factory_t *f)
{
    if (!f || !f->pool) {
        return;
    }
    for (size_t i = 0; i < f->pool_len; i++) {
        if (f->pool[i].in_use) {
            release_session(f, &f->pool[i]);
        }
    }
}
