/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Building a DTLS session from the LwM2M Security object (LwM2M 1.1
 * Transport §5.2.8): random generator, SSL configuration, PSK or X.509
 * credentials, and the server certificate check selected by Certificate
 * Usage 0/x/15 (RFC 6698 §2.1.1 semantics).
 */
#include "dtls_internal.h"

#include <string.h>

#include <mbedtls/ssl_ciphersuites.h>

#include <lwc/errors.h>

#include "util/log.h"

/* LwM2M 1.1 Transport §5.2.8.2: PSK mode ciphersuites. */
static const int default_psk_suites[] = {
    MBEDTLS_TLS_PSK_WITH_AES_128_CCM_8,
    MBEDTLS_TLS_PSK_WITH_AES_128_CBC_SHA256,
    0,
};

#if defined(MBEDTLS_X509_CRT_PARSE_C)
/* LwM2M 1.1 Transport §5.2.8.4: Certificate mode ciphersuites. */
static const int default_cert_suites[] = {
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8,
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    0,
};
#endif

/* Maps an Mbed TLS error of a setup call to an LWC_ERR_* code. */
static int setup_err(int mbed_err)
{
    switch (mbed_err) {
    case 0:
        return LWC_OK;
    case MBEDTLS_ERR_SSL_ALLOC_FAILED:
#if defined(MBEDTLS_X509_CRT_PARSE_C)
    case MBEDTLS_ERR_X509_ALLOC_FAILED:
    case MBEDTLS_ERR_PK_ALLOC_FAILED:
#endif
        return LWC_ERR_NO_SPACE;
    case MBEDTLS_ERR_SSL_BAD_INPUT_DATA:
        return LWC_ERR_INVALID_ARG;
    default:
        return LWC_ERR_MALFORMED;
    }
}

static int setup_psk(lwc_mbedtls_dtls_t *d, const lwc_transport_params_t *p)
{
    const int *suites = d->cfg.psk_ciphersuites;

    if (!p->identity || p->identity_len == 0 || !p->secret_key ||
        p->secret_key_len == 0 || p->secret_key_len > MBEDTLS_PSK_MAX_LEN) {
        return LWC_ERR_INVALID_ARG;
    }
    mbedtls_ssl_conf_ciphersuites(&d->conf,
                                  suites ? suites : default_psk_suites);
    return setup_err(mbedtls_ssl_conf_psk(&d->conf, p->secret_key,
                                          p->secret_key_len, p->identity,
                                          p->identity_len));
}

#if defined(MBEDTLS_X509_CRT_PARSE_C)
static bool same_cert(const mbedtls_x509_crt *a, const mbedtls_x509_crt *b)
{
    return a->raw.len == b->raw.len && a->raw.len > 0 &&
           memcmp(a->raw.p, b->raw.p, a->raw.len) == 0;
}

/*
 * Certificate Usage (LwM2M 1.1 Core §E.1 0/x/15, RFC 6698 §2.1.1) on top of
 * Mbed TLS's path validation. Mbed TLS calls this for every certificate of
 * the validated path from the top down, the server's own (depth 0) last.
 */
static int verify_cb(void *p, mbedtls_x509_crt *crt, int depth, uint32_t *flags)
{
    lwc_mbedtls_dtls_t *d = p;
    bool match = same_cert(crt, &d->server_crt);

    switch (d->cert_usage) {
    case 0: /* CA constraint: 0/x/4 must be in the validated path. */
        d->pinned_seen = d->pinned_seen || match;
        if (depth == 0 && !d->pinned_seen) {
            *flags |= MBEDTLS_X509_BADCERT_NOT_TRUSTED;
        }
        break;
    case 1: /* Service certificate constraint: the server's cert is 0/x/4. */
        if (!d->cfg.trust_store) {
            /* No PKIX trust store: the pin is the trust decision. */
            *flags &= ~(uint32_t)MBEDTLS_X509_BADCERT_NOT_TRUSTED;
        }
        if (depth == 0 && !match) {
            *flags |= MBEDTLS_X509_BADCERT_NOT_TRUSTED;
        }
        break;
    case 3: /* Domain-issued: only the pin counts (RFC 7671 §5.1). */
        *flags = (depth > 0 || match) ? 0 : MBEDTLS_X509_BADCERT_NOT_TRUSTED;
        break;
    default: /* 2, trust anchor assertion: plain path validation. */
        break;
    }
    return 0;
}

static int setup_cert(lwc_mbedtls_dtls_t *d, const lwc_transport_params_t *p)
{
    const int *suites = d->cfg.cert_ciphersuites;
    mbedtls_x509_crt *chain = &d->server_crt;
    int ret;

    if (!p->identity || !p->identity_len || !p->secret_key ||
        !p->secret_key_len || !p->server_key || !p->server_key_len ||
        p->certificate_usage > 3) {
        return LWC_ERR_INVALID_ARG;
    }
    ret =
        mbedtls_x509_crt_parse_der(&d->own_cert, p->identity, p->identity_len);
    if (ret == 0) {
        ret = mbedtls_pk_parse_key(&d->own_key, p->secret_key,
                                   p->secret_key_len, NULL, 0);
    }
    if (ret == 0) {
        ret = mbedtls_x509_crt_parse(&d->server_crt, p->server_key,
                                     p->server_key_len);
    }
    if (ret == 0) {
        ret = mbedtls_ssl_conf_own_cert(&d->conf, &d->own_cert, &d->own_key);
    }
    if (ret != 0) {
        LWCI_WARN(d->cfg.platform, "dtls", "bad certificate or key: -0x%x",
                  (unsigned)-ret);
        return setup_err(ret);
    }
    d->cert_usage = p->certificate_usage;
    if (d->cert_usage <= 1 && d->cfg.trust_store) {
        chain = d->cfg.trust_store;
    }
    mbedtls_ssl_conf_ca_chain(&d->conf, chain, NULL);
    mbedtls_ssl_conf_authmode(&d->conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_verify(&d->conf, verify_cb, d);
    mbedtls_ssl_conf_ciphersuites(&d->conf,
                                  suites ? suites : default_cert_suites);
    return LWC_OK;
}

/* An IPv4 or IPv6 literal: never sent as SNI (RFC 6066 §3). */
static bool is_ip_literal(const char *s)
{
    bool dots_digits = true;

    for (const char *c = s; *c; c++) {
        if (*c == ':') {
            return true;
        }
        if (*c != '.' && (*c < '0' || *c > '9')) {
            dots_digits = false;
        }
    }
    return dots_digits;
}

/* The name sent as SNI and matched against the certificate: 0/x/14 if set,
 * otherwise the URI's host unless it is an IP literal. */
static int pick_hostname(lwc_mbedtls_dtls_t *d, const lwc_transport_params_t *p)
{
    const char *name = (p->sni && p->sni[0]) ? p->sni : p->host;
    size_t len;

    d->hostname[0] = '\0';
    if (!name || !name[0] || (name == p->host && is_ip_literal(name))) {
        if (d->mode == LWC_SECURITY_CERTIFICATE && p->certificate_usage != 3) {
            LWCI_WARN(d->cfg.platform, "dtls",
                      "no host name: the server certificate's name is not "
                      "checked (set 0/x/14)");
        }
        return LWC_OK;
    }
    len = strlen(name);
    if (len >= sizeof(d->hostname)) {
        return LWC_ERR_INVALID_ARG;
    }
    memcpy(d->hostname, name, len + 1);
    return LWC_OK;
}
#endif /* MBEDTLS_X509_CRT_PARSE_C */

static int setup_conf(lwc_mbedtls_dtls_t *d, const lwc_transport_params_t *p)
{
    uint32_t tmin = d->cfg.hs_timeout_min_ms;
    uint32_t tmax = d->cfg.hs_timeout_max_ms;
    int ret;

    ret = mbedtls_ssl_config_defaults(&d->conf, MBEDTLS_SSL_IS_CLIENT,
                                      MBEDTLS_SSL_TRANSPORT_DATAGRAM,
                                      MBEDTLS_SSL_PRESET_DEFAULT);
    if (ret != 0) {
        return setup_err(ret);
    }
    tmin = tmin ? tmin : LWC_MBEDTLS_HS_TIMEOUT_MIN_MS;
    tmax = tmax ? tmax : LWC_MBEDTLS_HS_TIMEOUT_MAX_MS;
    mbedtls_ssl_conf_handshake_timeout(&d->conf, tmin,
                                       tmax < tmin ? tmin : tmax);
    mbedtls_ssl_conf_rng(&d->conf, mbedtls_ctr_drbg_random, &d->cfg.rng->drbg);
    mbedtls_ssl_conf_min_version(&d->conf, MBEDTLS_SSL_MAJOR_VERSION_3,
                                 MBEDTLS_SSL_MINOR_VERSION_3);
    if (d->mode == LWC_SECURITY_PSK) {
        return setup_psk(d, p);
    }
#if defined(MBEDTLS_X509_CRT_PARSE_C)
    return setup_cert(d, p);
#else
    return LWC_ERR_UNSUPPORTED;
#endif
}

static int setup_ssl(lwc_mbedtls_dtls_t *d)
{
    int ret = mbedtls_ssl_setup(&d->ssl, &d->conf);

#if defined(MBEDTLS_X509_CRT_PARSE_C)
    /* SNI (RFC 6066 §3) and the certificate name check; Mbed TLS 2 offers
     * neither without X.509. */
    if (ret == 0 && d->hostname[0]) {
        ret = mbedtls_ssl_set_hostname(&d->ssl, d->hostname);
    }
#endif
    if (ret != 0) {
        return setup_err(ret);
    }
    if (d->cfg.mtu) {
        mbedtls_ssl_set_mtu(&d->ssl, d->cfg.mtu);
    }
#if defined(MBEDTLS_SSL_DTLS_CONNECTION_ID)
    if (d->cfg.use_connection_id) {
        /* RFC 9146 §3: an empty CID of our own still offers the extension,
         * so that the server can ask us to send one it chose. */
        ret = mbedtls_ssl_set_cid(&d->ssl, MBEDTLS_SSL_CID_ENABLED, NULL, 0);
        if (ret != 0) {
            return setup_err(ret);
        }
    }
#endif
    lwci_mbedtls_set_callbacks(d);
    return LWC_OK;
}

int lwci_mbedtls_configure(lwc_mbedtls_dtls_t *d,
                           const lwc_transport_params_t *params)
{
    int rc;

    switch (params->mode) {
    case LWC_SECURITY_PSK:
#if defined(MBEDTLS_X509_CRT_PARSE_C)
    case LWC_SECURITY_CERTIFICATE:
#endif
        break;
    case LWC_SECURITY_RPK:
        LWCI_WARN(d->cfg.platform, "dtls",
                  "raw public keys (RFC 7250) are not supported by Mbed TLS 2");
        return LWC_ERR_UNSUPPORTED;
    default:
        return LWC_ERR_UNSUPPORTED;
    }
    d->mode = params->mode;
    d->ssid = params->short_server_id;
#if defined(MBEDTLS_X509_CRT_PARSE_C)
    /* Mbed TLS 2 sends SNI and checks names only with X.509. */
    rc = pick_hostname(d, params);
#else
    rc = LWC_OK;
#endif
    if (rc == LWC_OK) {
        rc = setup_conf(d, params);
    }
    if (rc == LWC_OK) {
        rc = setup_ssl(d);
    }
    return rc;
}

static void init_structs(lwc_mbedtls_dtls_t *d)
{
    mbedtls_ssl_config_init(&d->conf);
    mbedtls_ssl_init(&d->ssl);
    mbedtls_ssl_session_init(&d->session);
#if defined(MBEDTLS_X509_CRT_PARSE_C)
    mbedtls_x509_crt_init(&d->own_cert);
    mbedtls_pk_init(&d->own_key);
    mbedtls_x509_crt_init(&d->server_crt);
#endif
}

int lwc_mbedtls_dtls_init(lwc_mbedtls_dtls_t *d,
                          const lwc_mbedtls_config_t *cfg,
                          const lwc_transport_t *inner,
                          const lwc_transport_params_t *params,
                          lwc_transport_t *out)
{
    int rc;

    if (!d || !cfg || !cfg->now_ms || !cfg->rng || !cfg->rng->seeded ||
        !inner || !inner->ops || !params || !out) {
        return LWC_ERR_INVALID_ARG;
    }
    if (d->in_use) {
        return LWC_ERR_STATE;
    }
    lwc_mbedtls_dtls_deinit(d); /* a factory pool entry may keep a session */
    memset(d, 0, sizeof(*d));
    init_structs(d);
    d->in_use = true;
    d->cfg = *cfg;
    d->inner = *inner;
    rc = lwci_mbedtls_configure(d, params);
    if (rc != LWC_OK) {
        lwc_mbedtls_dtls_deinit(d);
        return rc;
    }
    out->ops = &lwci_mbedtls_ops;
    out->ctx = d;
    return LWC_OK;
}

/* Free what a session holds apart from its kept session. */
static void free_structs(lwc_mbedtls_dtls_t *d)
{
    mbedtls_ssl_free(&d->ssl);
    mbedtls_ssl_config_free(&d->conf);
#if defined(MBEDTLS_X509_CRT_PARSE_C)
    mbedtls_x509_crt_free(&d->own_cert);
    mbedtls_pk_free(&d->own_key);
    mbedtls_x509_crt_free(&d->server_crt);
#endif
}

void lwc_mbedtls_dtls_deinit(lwc_mbedtls_dtls_t *d)
{
    if (!d || (!d->in_use && !d->cached)) {
        return;
    }
    if (d->in_use) {
        free_structs(d);
    }
    mbedtls_ssl_session_free(&d->session);
    memset(d, 0, sizeof(*d));
}

void lwci_mbedtls_park(lwc_mbedtls_dtls_t *d)
{
    lwc_mbedtls_failure_t failure = d->failure;
    mbedtls_ssl_session session = d->session; /* moved, not copied */
    bool keep = d->has_session;
    uint8_t tag[sizeof(d->cache_tag)];

    memcpy(tag, d->cache_tag, sizeof(tag));
    free_structs(d);
    if (!keep) {
        mbedtls_ssl_session_free(&session);
    }
    memset(d, 0, sizeof(*d));
    d->failure = failure;
    if (keep) {
        d->session = session;
        d->has_session = true;
        d->cached = true;
        memcpy(d->cache_tag, tag, sizeof(tag));
    }
}

void lwc_mbedtls_dtls_forget_session(lwc_mbedtls_dtls_t *d)
{
    if (!d || !d->in_use) {
        return;
    }
    mbedtls_ssl_session_free(&d->session);
    mbedtls_ssl_session_init(&d->session);
    d->has_session = false;
}

const lwc_mbedtls_failure_t *
lwc_mbedtls_dtls_failure(const lwc_mbedtls_dtls_t *d)
{
    return d && d->in_use && d->failure.err != LWC_OK ? &d->failure : NULL;
}

bool lwc_mbedtls_dtls_resumed(const lwc_mbedtls_dtls_t *d)
{
    return d && d->in_use && d->resumed;
}
