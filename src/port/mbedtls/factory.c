/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * A transport factory (include/lwc/transport.h) that adds DTLS to another
 * one: coaps:// gets a datagram transport from the inner factory wrapped in
 * a DTLS session from the caller's pool; every other scheme is passed
 * through unchanged. A released session's entry keeps the negotiated
 * session for the next transport to the same server with the same
 * credentials (abbreviated handshake, RFC 5246 §7.3), and the reason of a
 * failure for lwc_mbedtls_factory_failure().
 */
#include "dtls_internal.h"

#include <string.h>

#if defined(MBEDTLS_SHA256_C)
#include <mbedtls/sha256.h>
#endif

#include <lwc/errors.h>

#if defined(MBEDTLS_SHA256_C)
static void tag_bytes(mbedtls_sha256_context *h, const void *p, size_t len)
{
    uint8_t n[2] = {(uint8_t)(len >> 8), (uint8_t)len};

    (void)mbedtls_sha256_update_ret(h, n, sizeof(n));
    if (len) {
        (void)mbedtls_sha256_update_ret(h, p, len);
    }
}

static void tag_str(mbedtls_sha256_context *h, const char *s)
{
    tag_bytes(h, s, s ? strlen(s) : 0);
}
#endif

/*
 * What a kept session is bound to: the server (scheme, host, port, Short
 * Server ID) and every security setting, hashed so that no key is kept.
 * Without SHA-256 in the Mbed TLS build sessions are not kept.
 */
static bool make_tag(const lwc_transport_params_t *p, uint8_t tag[32])
{
#if defined(MBEDTLS_SHA256_C)
    mbedtls_sha256_context h;
    uint8_t fixed[7] = {
        (uint8_t)p->scheme,         (uint8_t)p->mode,
        p->certificate_usage,       (uint8_t)(p->port >> 8),
        (uint8_t)p->port,           (uint8_t)(p->short_server_id >> 8),
        (uint8_t)p->short_server_id};
    bool ok;

    mbedtls_sha256_init(&h);
    ok = mbedtls_sha256_starts_ret(&h, 0) == 0;
    tag_bytes(&h, fixed, sizeof(fixed));
    tag_str(&h, p->host);
    tag_str(&h, p->sni);
    tag_bytes(&h, p->identity, p->identity_len);
    tag_bytes(&h, p->server_key, p->server_key_len);
    tag_bytes(&h, p->secret_key, p->secret_key_len);
    ok = ok && mbedtls_sha256_finish_ret(&h, tag) == 0;
    mbedtls_sha256_free(&h);
    return ok;
#else
    (void)p;
    (void)tag;
    return false;
#endif
}

/*
 * A pool entry for a new session: the one that kept a session with @p tag
 * (*resume set), else a free one, else one that kept another server's
 * session (dropped). NULL when every entry is in use.
 */
static lwc_mbedtls_dtls_t *pick_slot(lwc_mbedtls_factory_t *f,
                                     const uint8_t *tag, bool *resume)
{
    lwc_mbedtls_dtls_t *fresh = NULL;
    lwc_mbedtls_dtls_t *evict = NULL;

    *resume = false;
    for (size_t i = 0; i < f->pool_len; i++) {
        lwc_mbedtls_dtls_t *d = &f->pool[i];

        if (d->in_use) {
            continue;
        }
        if (d->cached && tag &&
            memcmp(d->cache_tag, tag, sizeof(d->cache_tag)) == 0) {
            *resume = true;
            return d;
        }
        if (!d->cached && !fresh) {
            fresh = d;
        } else if (d->cached && !evict) {
            evict = d;
        }
    }
    if (!fresh && evict) {
        lwc_mbedtls_dtls_deinit(evict);
        fresh = evict;
    }
    return fresh;
}

/* A new transport for a server: its earlier failure records are stale. */
static void clear_failures(lwc_mbedtls_factory_t *f, uint16_t ssid)
{
    for (size_t i = 0; i < f->pool_len; i++) {
        if (!f->pool[i].in_use && f->pool[i].failure.short_server_id == ssid) {
            memset(&f->pool[i].failure, 0, sizeof(f->pool[i].failure));
        }
    }
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

/* lwc_mbedtls_dtls_init() on pool entry @p d, giving it the session it
 * kept when @p resume. */
static int init_session(lwc_mbedtls_factory_t *f, lwc_mbedtls_dtls_t *d,
                        bool resume, const uint8_t *tag,
                        const lwc_transport_t *inner,
                        const lwc_transport_params_t *params,
                        lwc_transport_t *out)
{
    mbedtls_ssl_session kept;
    int rc;

    mbedtls_ssl_session_init(&kept);
    if (resume) {
        kept = d->session; /* moved out: the entry no longer owns it */
        mbedtls_ssl_session_init(&d->session);
        d->cached = false;
    }
    rc = lwc_mbedtls_dtls_init(d, &f->cfg, inner, params, out);
    if (rc != LWC_OK) {
        mbedtls_ssl_session_free(&kept);
        return rc;
    }
    if (tag) {
        memcpy(d->cache_tag, tag, sizeof(d->cache_tag));
    }
    if (resume) {
        mbedtls_ssl_session_free(&d->session);
        d->session = kept;
        d->has_session = true;
    }
    return LWC_OK;
}

static int factory_open(void *ctx, const lwc_transport_params_t *params,
                        lwc_transport_t *out)
{
    lwc_mbedtls_factory_t *f = ctx;
    lwc_transport_params_t plain;
    lwc_transport_t inner;
    lwc_mbedtls_dtls_t *d;
    uint8_t tag[32];
    bool has_tag;
    bool resume;
    int rc;

    if (!params || !out) {
        return LWC_ERR_INVALID_ARG;
    }
    if (params->scheme != LWC_SCHEME_COAPS) {
        return f->inner.open(f->inner.ctx, params, out);
    }
    has_tag = make_tag(params, tag);
    d = pick_slot(f, has_tag ? tag : NULL, &resume);
    if (!d) {
        return LWC_ERR_NO_SPACE;
    }
    clear_failures(f, params->short_server_id);
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
    rc = init_session(f, d, resume, has_tag ? tag : NULL, &inner, params, out);
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
    lwci_mbedtls_park(d);
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
    if (!f || !cfg || !cfg->now_ms || !cfg->rng || !cfg->rng->seeded ||
        !inner || !inner->open || !pool || pool_len == 0 || !out) {
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
        lwc_mbedtls_dtls_deinit(&f->pool[i]); /* a kept session */
    }
}

const lwc_mbedtls_failure_t *
lwc_mbedtls_factory_failure(const lwc_mbedtls_factory_t *f,
                            uint16_t short_server_id)
{
    if (!f || !f->pool) {
        return NULL;
    }
    for (size_t i = 0; i < f->pool_len; i++) {
        const lwc_mbedtls_failure_t *r = &f->pool[i].failure;

        if (r->err != LWC_OK && r->short_server_id == short_server_id) {
            return r;
        }
    }
    return NULL;
}
