/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "test_server.h"

#include <string.h>

static const uint8_t client_id[] = "mem-client";

static int bio_send(void *p, const unsigned char *buf, size_t len)
{
    tsrv_t *s = p;

    mem_net_server_send(s->net, buf, len);
    return (int)len;
}

static int bio_recv(void *p, unsigned char *buf, size_t len)
{
    tsrv_t *s = p;
    size_t n = 0;

    if (!mem_net_server_recv(s->net, buf, len, &n) || n == 0) {
        return MBEDTLS_ERR_SSL_WANT_READ;
    }
    return (int)n;
}

static void timer_set(void *p, uint32_t int_ms, uint32_t fin_ms)
{
    tsrv_t *s = p;

    s->timer_start = *s->clock;
    s->timer_int = int_ms;
    s->timer_fin = fin_ms;
}

static int timer_get(void *p)
{
    tsrv_t *s = p;
    int64_t el;

    if (s->timer_fin == 0) {
        return -1;
    }
    el = *s->clock - s->timer_start;
    if (el >= s->timer_fin) {
        return 2;
    }
    return el >= s->timer_int ? 1 : 0;
}

/* Ready for a new client handshake on the same link. */
static void reset(tsrv_t *s)
{
    mbedtls_ssl_session_reset(&s->ssl);
    mbedtls_ssl_set_client_transport_id(&s->ssl, client_id, sizeof(client_id));
    s->connected = false;
}

static int common_init(tsrv_t *s, mem_net_t *net, int64_t *clock)
{
    int ret;

    memset(s, 0, sizeof(*s));
    s->net = net;
    s->clock = clock;
    mbedtls_entropy_init(&s->entropy);
    mbedtls_ctr_drbg_init(&s->drbg);
    mbedtls_ssl_config_init(&s->conf);
    mbedtls_ssl_init(&s->ssl);
    mbedtls_ssl_cookie_init(&s->cookie);
    mbedtls_ssl_cache_init(&s->cache);
    mbedtls_x509_crt_init(&s->cert);
    mbedtls_x509_crt_init(&s->ca);
    mbedtls_pk_init(&s->key);
    ret = mbedtls_ctr_drbg_seed(&s->drbg, mbedtls_entropy_func, &s->entropy,
                                (const unsigned char *)"tsrv", 4);
    if (ret == 0) {
        ret = mbedtls_ssl_config_defaults(&s->conf, MBEDTLS_SSL_IS_SERVER,
                                          MBEDTLS_SSL_TRANSPORT_DATAGRAM,
                                          MBEDTLS_SSL_PRESET_DEFAULT);
    }
    if (ret == 0) {
        mbedtls_ssl_conf_rng(&s->conf, mbedtls_ctr_drbg_random, &s->drbg);
        ret = mbedtls_ssl_cookie_setup(&s->cookie, mbedtls_ctr_drbg_random,
                                       &s->drbg);
    }
    if (ret == 0) {
        mbedtls_ssl_conf_dtls_cookies(&s->conf, mbedtls_ssl_cookie_write,
                                      mbedtls_ssl_cookie_check, &s->cookie);
        mbedtls_ssl_conf_session_cache(
            &s->conf, &s->cache, mbedtls_ssl_cache_get, mbedtls_ssl_cache_set);
        mbedtls_ssl_conf_handshake_timeout(&s->conf, 1000, 8000);
    }
    return ret;
}

static int finish_init(tsrv_t *s, uint16_t mtu)
{
    int ret = mbedtls_ssl_setup(&s->ssl, &s->conf);

    if (ret != 0) {
        return ret;
    }
    if (mtu) {
        mbedtls_ssl_set_mtu(&s->ssl, mtu);
    }
    mbedtls_ssl_set_bio(&s->ssl, s, bio_send, bio_recv, NULL);
    mbedtls_ssl_set_timer_cb(&s->ssl, s, timer_set, timer_get);
    reset(s);
    return 0;
}

int tsrv_init_psk(tsrv_t *s, mem_net_t *net, int64_t *clock,
                  const char *identity, const uint8_t *key, size_t key_len,
                  uint16_t mtu)
{
    int ret = common_init(s, net, clock);

    if (ret == 0) {
        ret = mbedtls_ssl_conf_psk(&s->conf, key, key_len,
                                   (const unsigned char *)identity,
                                   strlen(identity));
    }
    return ret == 0 ? finish_init(s, mtu) : ret;
}

int tsrv_init_cert(tsrv_t *s, mem_net_t *net, int64_t *clock,
                   const char *cert_file, const char *key_file,
                   const char *ca_file, uint16_t mtu)
{
    int ret = common_init(s, net, clock);

    if (ret == 0) {
        ret = mbedtls_x509_crt_parse_file(&s->cert, cert_file);
    }
    if (ret == 0) {
        ret = mbedtls_pk_parse_keyfile(&s->key, key_file, NULL);
    }
    if (ret == 0) {
        ret = mbedtls_ssl_conf_own_cert(&s->conf, &s->cert, &s->key);
    }
    if (ret == 0 && ca_file) {
        ret = mbedtls_x509_crt_parse_file(&s->ca, ca_file);
        mbedtls_ssl_conf_ca_chain(&s->conf, &s->ca, NULL);
        mbedtls_ssl_conf_authmode(&s->conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    }
    return ret == 0 ? finish_init(s, mtu) : ret;
}

void tsrv_free(tsrv_t *s)
{
    mbedtls_ssl_free(&s->ssl);
    mbedtls_ssl_config_free(&s->conf);
    mbedtls_ssl_cookie_free(&s->cookie);
    mbedtls_ssl_cache_free(&s->cache);
    mbedtls_x509_crt_free(&s->cert);
    mbedtls_x509_crt_free(&s->ca);
    mbedtls_pk_free(&s->key);
    mbedtls_ctr_drbg_free(&s->drbg);
    mbedtls_entropy_free(&s->entropy);
}

static bool step_handshake(tsrv_t *s)
{
    int ret = mbedtls_ssl_handshake(&s->ssl);

    if (ret == 0) {
        s->connected = true;
        s->handshakes++;
        return true;
    }
    if (ret == MBEDTLS_ERR_SSL_HELLO_VERIFY_REQUIRED) {
        reset(s); /* RFC 6347 §4.2.1: the client retries with the cookie. */
        return true;
    }
    if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) {
        return false;
    }
    s->failures++;
    s->last_error = ret;
    reset(s);
    return true;
}

static bool step_data(tsrv_t *s)
{
    uint8_t buf[1500];
    int ret = mbedtls_ssl_read(&s->ssl, buf, sizeof(buf));

    if (ret > 0) {
        mbedtls_ssl_write(&s->ssl, buf, (size_t)ret);
        s->echoed++;
        return true;
    }
    if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) {
        return false;
    }
    if (ret == MBEDTLS_ERR_SSL_CLIENT_RECONNECT) {
        /* A new ClientHello on this link: Mbed TLS reset itself and kept
         * the hello for the next handshake call. */
        s->connected = false;
        return true;
    }
    if (ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) {
        s->close_notes++;
    } else {
        s->failures++;
        s->last_error = ret;
    }
    reset(s);
    return true;
}

bool tsrv_step(tsrv_t *s)
{
    bool any = false;

    for (int i = 0; i < 32; i++) {
        bool did = s->connected ? step_data(s) : step_handshake(s);
        if (!did) {
            break;
        }
        any = true;
    }
    return any;
}

int64_t tsrv_deadline(const tsrv_t *s)
{
    if (s->timer_fin == 0) {
        return INT64_MAX;
    }
    return s->timer_start + s->timer_fin;
}
