/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The DTLS transport (include/lwc/transport.h) as a decorator: Mbed TLS's
 * bio callbacks move records through the inner transport without blocking,
 * its handshake timer runs on the configured clock, and connect() drives the
 * handshake one flight at a time (RFC 6347 §4.2.4). The session is kept
 * across close()/connect() for an abbreviated handshake (RFC 5246 §7.3).
 */
#include "dtls_internal.h"

#include <string.h>

#include <mbedtls/net_sockets.h>

#include <lwc/errors.h>

#include "util/log.h"

/* handshake_step() calls per connect(): a full handshake has ~16 states. */
#define HS_STEPS_MAX 64
/* Records read per recv() call that carried no application data. */
#define RECV_RECORDS_MAX 8
/* connect() again this soon when the inner transport could not send. */
#define WOULD_BLOCK_RETRY_MS 100

/* ---- Bio: records through the inner transport -------------------------- */

static int bio_send(void *p, const unsigned char *buf, size_t len)
{
    lwc_mbedtls_dtls_t *d = p;
    int rc = d->inner.ops->send(d->inner.ctx, buf, len);

    if (rc == LWC_OK) {
        return (int)len;
    }
    if (rc == LWC_ERR_WOULD_BLOCK) {
        return MBEDTLS_ERR_SSL_WANT_WRITE;
    }
    d->io_err = rc;
    return MBEDTLS_ERR_NET_SEND_FAILED;
}

static int bio_recv(void *p, unsigned char *buf, size_t len)
{
    lwc_mbedtls_dtls_t *d = p;
    size_t n = 0;
    int rc = d->inner.ops->recv(d->inner.ctx, buf, len, &n);

    if (rc == LWC_OK && n > 0) {
        d->io_got_data = true;
        return (int)n;
    }
    if (rc == LWC_OK || rc == LWC_ERR_TOO_LARGE) {
        /* An empty or oversized datagram carries no record: dropped. */
        d->io_got_data = true;
        return MBEDTLS_ERR_SSL_WANT_READ;
    }
    if (rc == LWC_ERR_WOULD_BLOCK) {
        return MBEDTLS_ERR_SSL_WANT_READ;
    }
    d->io_err = rc;
    return MBEDTLS_ERR_NET_RECV_FAILED;
}

/* ---- Timer: mbedtls_ssl_set_timer_cb() over the configured clock -------- */

static void timer_set(void *p, uint32_t int_ms, uint32_t fin_ms)
{
    lwc_mbedtls_dtls_t *d = p;

    d->timer_start_ms = d->cfg.now_ms(d->cfg.clock_ctx);
    d->timer_int_ms = int_ms;
    d->timer_fin_ms = fin_ms;
}

/* -1 cancelled, 0 running, 1 intermediate delay passed, 2 final passed. */
static int timer_get(void *p)
{
    lwc_mbedtls_dtls_t *d = p;
    int64_t elapsed;

    if (d->timer_fin_ms == 0) {
        return -1;
    }
    elapsed = d->cfg.now_ms(d->cfg.clock_ctx) - d->timer_start_ms;
    if (elapsed >= (int64_t)d->timer_fin_ms) {
        return 2;
    }
    return elapsed >= (int64_t)d->timer_int_ms ? 1 : 0;
}

void lwci_mbedtls_set_callbacks(lwc_mbedtls_dtls_t *d)
{
    mbedtls_ssl_set_bio(&d->ssl, d, bio_send, bio_recv, NULL);
    mbedtls_ssl_set_timer_cb(&d->ssl, d, timer_set, timer_get);
}

/* ---- Handshake --------------------------------------------------------- */

/* Enter FAILED with @p err, which later calls return until close(). */
static int fail(lwc_mbedtls_dtls_t *d, int err)
{
    d->state = LWC_MBEDTLS_FAILED;
    d->fail_err = err;
    return err;
}

/* Start a handshake: offer the kept session, if any, for resumption. */
static void hs_start(lwc_mbedtls_dtls_t *d)
{
    if (d->has_session && mbedtls_ssl_set_session(&d->ssl, &d->session)) {
        lwc_mbedtls_dtls_forget_session(d);
    }
    d->state = LWC_MBEDTLS_HANDSHAKING;
    d->full_handshake = false;
    d->resumed = false;
    d->pinned_seen = false;
    d->io_err = LWC_OK;
    memset(&d->failure, 0, sizeof(d->failure));
}

/* Keep the new session for the next connect() (RFC 5246 §7.3). */
static void hs_done(lwc_mbedtls_dtls_t *d)
{
    bool offered = d->has_session;

    lwc_mbedtls_dtls_forget_session(d);
    d->has_session = mbedtls_ssl_get_session(&d->ssl, &d->session) == 0;
    d->resumed = offered && !d->full_handshake;
    d->state = LWC_MBEDTLS_CONNECTED;
    LWCI_INFO(d->cfg.platform, "dtls", "handshake done (%s, %s)",
              d->resumed ? "resumed" : "full",
              mbedtls_ssl_get_ciphersuite(&d->ssl));
}

/* A failed handshake: log why, and never offer that session again. */
static int hs_failed(lwc_mbedtls_dtls_t *d, int ret)
{
    int err = lwci_mbedtls_handshake_err(d, ret);

    lwci_mbedtls_record_failure(d, "handshake failed", ret, err);
    lwc_mbedtls_dtls_forget_session(d);
    return fail(d, err);
}

/*
 * Run handshake steps until the handshake is over or waits for the peer.
 * A step that reaches ClientKeyExchange proves a full handshake (an
 * abbreviated one goes from ServerHello to ChangeCipherSpec).
 */
static int hs_run(lwc_mbedtls_dtls_t *d, int64_t now_ms, int64_t *wake_ms)
{
    int ret = 0;

    for (int i = 0; i < HS_STEPS_MAX; i++) {
        if (d->ssl.state == MBEDTLS_SSL_HANDSHAKE_OVER) {
            hs_done(d);
            return LWC_OK;
        }
        ret = mbedtls_ssl_handshake_step(&d->ssl);
        if (d->ssl.state == MBEDTLS_SSL_CLIENT_KEY_EXCHANGE) {
            d->full_handshake = true;
        }
        if (ret != 0) {
            break;
        }
    }
    if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE ||
        ret == 0) {
        if (wake_ms) {
            *wake_ms = (ret == MBEDTLS_ERR_SSL_WANT_READ && d->timer_fin_ms)
                           ? d->timer_start_ms + d->timer_fin_ms
                           : now_ms + WOULD_BLOCK_RETRY_MS;
        }
        return LWC_ERR_WOULD_BLOCK;
    }
    return hs_failed(d, ret);
}

static int op_connect(void *ctx, int64_t now_ms, int64_t *wake_ms)
{
    lwc_mbedtls_dtls_t *d = ctx;
    int rc;

    switch (d->state) {
    case LWC_MBEDTLS_CONNECTED:
        return LWC_OK;
    case LWC_MBEDTLS_FAILED:
        return d->fail_err;
    case LWC_MBEDTLS_IDLE:
        rc = d->inner.ops->connect(d->inner.ctx, now_ms, wake_ms);
        if (rc != LWC_OK) {
            return rc;
        }
        hs_start(d);
        break;
    default:
        break;
    }
    return hs_run(d, now_ms, wake_ms);
}

/* ---- Application data -------------------------------------------------- */

static int op_send(void *ctx, const uint8_t *buf, size_t len)
{
    lwc_mbedtls_dtls_t *d = ctx;
    int max;
    int ret;

    if (d->state == LWC_MBEDTLS_FAILED) {
        return LWC_ERR_CLOSED;
    }
    if (d->state != LWC_MBEDTLS_CONNECTED) {
        return LWC_ERR_STATE;
    }
    max = mbedtls_ssl_get_max_out_record_payload(&d->ssl);
    if (len == 0 || (max >= 0 && len > (size_t)max)) {
        return len == 0 ? LWC_ERR_INVALID_ARG : LWC_ERR_TOO_LARGE;
    }
    ret = mbedtls_ssl_write(&d->ssl, buf, len);
    if (ret >= 0) {
        return LWC_OK;
    }
    if (ret == MBEDTLS_ERR_SSL_WANT_WRITE || ret == MBEDTLS_ERR_SSL_WANT_READ) {
        return LWC_ERR_WOULD_BLOCK;
    }
    fail(d, d->io_err ? d->io_err : LWC_ERR_IO);
    lwci_mbedtls_record_failure(d, "send failed", ret, d->fail_err);
    return d->fail_err;
}

/* What recv() returns for a failed mbedtls_ssl_read(). */
static int read_failed(lwc_mbedtls_dtls_t *d, int ret)
{
    if (ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) {
        /* Not an error: recorded for the application, logged as info. */
        d->failure = (lwc_mbedtls_failure_t){.err = LWC_ERR_CLOSED,
                                             .mbedtls_err = ret,
                                             .alert = 0,
                                             .short_server_id = d->ssid};
        lwci_format(d->failure.reason, sizeof(d->failure.reason),
                    "server closed the session (close_notify)");
        LWCI_INFO(d->cfg.platform, "dtls", "%s", d->failure.reason);
        return fail(d, LWC_ERR_CLOSED);
    }
    if (ret == MBEDTLS_ERR_NET_RECV_FAILED && d->io_err) {
        return d->io_err; /* The inner transport's error; may be transient. */
    }
    lwci_mbedtls_record_failure(d, "session failed", ret, LWC_ERR_CLOSED);
    if (ret == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE) {
        /* The server dropped us; a session it rejected is not resumed. */
        lwc_mbedtls_dtls_forget_session(d);
    }
    return fail(d, LWC_ERR_CLOSED);
}

/* A record larger than @p cap: its first cap bytes stay in the caller's
 * buffer with *out_len = cap, as transport.h allows for LWC_ERR_TOO_LARGE;
 * drop what is left of it (RFC 7252 §4.6). */
static int drop_rest(lwc_mbedtls_dtls_t *d)
{
    uint8_t sink[64];

    while (mbedtls_ssl_get_bytes_avail(&d->ssl) > 0) {
        if (mbedtls_ssl_read(&d->ssl, sink, sizeof(sink)) <= 0) {
            break;
        }
    }
    return LWC_ERR_TOO_LARGE;
}

static int op_recv(void *ctx, uint8_t *buf, size_t cap, size_t *out_len)
{
    lwc_mbedtls_dtls_t *d = ctx;
    int ret = MBEDTLS_ERR_SSL_WANT_READ;

    if (d->state == LWC_MBEDTLS_FAILED) {
        return LWC_ERR_CLOSED;
    }
    if (d->state != LWC_MBEDTLS_CONNECTED) {
        return LWC_ERR_STATE;
    }
    /* Retransmitted handshake flights and empty records carry no data but
     * may be followed by a datagram that does. */
    for (int i = 0; i < RECV_RECORDS_MAX; i++) {
        d->io_got_data = false;
        ret = mbedtls_ssl_read(&d->ssl, buf, cap);
        if (ret > 0) {
            *out_len = (size_t)ret;
            return mbedtls_ssl_get_bytes_avail(&d->ssl) ? drop_rest(d) : LWC_OK;
        }
        if (ret != MBEDTLS_ERR_SSL_WANT_READ && ret != 0) {
            break;
        }
        if (!d->io_got_data && !mbedtls_ssl_check_pending(&d->ssl)) {
            return LWC_ERR_WOULD_BLOCK;
        }
    }
    if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE ||
        ret == 0) {
        return LWC_ERR_WOULD_BLOCK;
    }
    return read_failed(d, ret);
}

/* ---- Close -------------------------------------------------------------- */

static void op_close(void *ctx)
{
    lwc_mbedtls_dtls_t *d = ctx;

    if (d->state == LWC_MBEDTLS_CONNECTED) {
        /* RFC 5246 §7.2.1; best effort, it is not retransmitted. */
        (void)mbedtls_ssl_close_notify(&d->ssl);
    }
    if (d->state != LWC_MBEDTLS_IDLE) {
        (void)mbedtls_ssl_session_reset(&d->ssl);
#if defined(MBEDTLS_X509_CRT_PARSE_C)
        if (d->hostname[0]) {
            (void)mbedtls_ssl_set_hostname(&d->ssl, d->hostname);
        }
#endif
    }
    d->inner.ops->close(d->inner.ctx);
    d->timer_fin_ms = 0;
    d->state = LWC_MBEDTLS_IDLE;
    d->fail_err = LWC_OK;
}

static int op_get_fd(void *ctx)
{
    lwc_mbedtls_dtls_t *d = ctx;

    return d->inner.ops->get_fd ? d->inner.ops->get_fd(d->inner.ctx) : -1;
}

const lwc_transport_ops_t lwci_mbedtls_ops = {
    .connect = op_connect,
    .send = op_send,
    .recv = op_recv,
    .close = op_close,
    .get_fd = op_get_fd,
};
