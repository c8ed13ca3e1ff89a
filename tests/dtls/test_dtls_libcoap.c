/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Interoperability with an independent DTLS implementation: libcoap's
 * coap-server-openssl (OpenSSL) on 127.0.0.1, started and stopped by this
 * test, reached through the DTLS decorator over a plain UDP socket written
 * here. PSK: the handshake completes and a CoAP GET /.well-known/core gets
 * 2.05 Content; a wrong key fails the handshake. Skipped when the server
 * binary is missing. Real time, every wait bounded.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <lwc/errors.h>
#include <lwc/port/mbedtls.h>

#define PSK_TEXT "lwc-secret-psk"
#define PSK_ID   "lwc-test-client"

typedef struct {
    pid_t pid;
    uint16_t port; /* CoAP; DTLS listens on port + 1 */
} server_t;

static server_t srv;

/* ---- A plain UDP transport on a connected, non-blocking socket -------- */

typedef struct {
    int fd;
} udp_t;

static int udp_connect(void *ctx, int64_t now_ms, int64_t *wake_ms)
{
    (void)ctx;
    (void)now_ms;
    (void)wake_ms;
    return LWC_OK;
}

static int udp_send(void *ctx, const uint8_t *buf, size_t len)
{
    udp_t *u = ctx;

    if (send(u->fd, buf, len, 0) == (ssize_t)len) {
        return LWC_OK;
    }
    return (errno == EAGAIN || errno == EWOULDBLOCK) ? LWC_ERR_WOULD_BLOCK
                                                     : LWC_ERR_IO;
}

static int udp_recv(void *ctx, uint8_t *buf, size_t cap, size_t *out_len)
{
    udp_t *u = ctx;
    ssize_t n = recv(u->fd, buf, cap, MSG_DONTWAIT | MSG_TRUNC);

    if (n < 0) {
        return (errno == EAGAIN || errno == EWOULDBLOCK) ? LWC_ERR_WOULD_BLOCK
                                                         : LWC_ERR_IO;
    }
    if ((size_t)n > cap) {
        return LWC_ERR_TOO_LARGE;
    }
    *out_len = (size_t)n;
    return LWC_OK;
}

static void udp_close(void *ctx)
{
    (void)ctx; /* the socket stays for the next connect */
}

static int udp_fd(void *ctx)
{
    return ((udp_t *)ctx)->fd;
}

static const lwc_transport_ops_t udp_ops = {
    .connect = udp_connect,
    .send = udp_send,
    .recv = udp_recv,
    .close = udp_close,
    .get_fd = udp_fd,
};

static struct sockaddr_in loopback(uint16_t port)
{
    struct sockaddr_in a;

    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

static int udp_open(udp_t *u, uint16_t port)
{
    struct sockaddr_in a = loopback(port);

    u->fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (u->fd < 0 || connect(u->fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
        return -1;
    }
    return fcntl(u->fd, F_SETFL, O_NONBLOCK);
}

/* ---- The server process ----------------------------------------------- */

static int64_t now_ms(void *ctx)
{
    struct timespec ts;

    (void)ctx;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {.tv_sec = 0, .tv_nsec = ms * 1000000L};
    nanosleep(&ts, NULL);
}

/* Whether @p port is in use on 127.0.0.1 for @p type (UDP or TCP). */
static bool port_busy(uint16_t port, int type)
{
    struct sockaddr_in a = loopback(port);
    int fd = socket(AF_INET, type, 0);
    bool busy = bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0;

    close(fd);
    return busy;
}

static uint16_t pick_port(void)
{
    unsigned seed = (unsigned)getpid() ^ (unsigned)now_ms(NULL);

    for (int i = 0; i < 50; i++) {
        uint16_t p = (uint16_t)(20000 + (seed + (unsigned)i * 7919u) % 40000);
        if (!port_busy(p, SOCK_DGRAM) && !port_busy(p + 1, SOCK_DGRAM) &&
            !port_busy(p, SOCK_STREAM) && !port_busy(p + 1, SOCK_STREAM)) {
            return p;
        }
    }
    return 0;
}

static int group_setup(void **state)
{
    char port[8];
    int64_t until;

    (void)state;
    srv.pid = -1;
    if (access(LWC_COAP_SERVER_OPENSSL, X_OK) != 0) {
        fprintf(stderr, "%s missing: skipping\n", LWC_COAP_SERVER_OPENSSL);
        return 0;
    }
    srv.port = pick_port();
    if (srv.port == 0) {
        return -1;
    }
    snprintf(port, sizeof(port), "%u", (unsigned)srv.port);
    srv.pid = fork();
    if (srv.pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (!getenv("LWC_TEST_VERBOSE")) {
            dup2(null, 1);
            dup2(null, 2);
        }
        execl(LWC_COAP_SERVER_OPENSSL, "coap-server-openssl", "-A", "127.0.0.1",
              "-p", port, "-k", PSK_TEXT, "-h", "lwc", (char *)0);
        _exit(127);
    }
    /* Ready once its DTLS port is bound: at most 5 s. */
    until = now_ms(NULL) + 5000;
    while (now_ms(NULL) < until) {
        if (port_busy((uint16_t)(srv.port + 1), SOCK_DGRAM)) {
            return 0;
        }
        if (waitpid(srv.pid, NULL, WNOHANG) == srv.pid) {
            srv.pid = -1;
            return -1;
        }
        sleep_ms(20);
    }
    return -1;
}

static int group_teardown(void **state)
{
    (void)state;
    if (srv.pid <= 0) {
        return 0;
    }
    kill(srv.pid, SIGTERM);
    for (int i = 0; i < 100; i++) {
        if (waitpid(srv.pid, NULL, WNOHANG) == srv.pid) {
            return 0;
        }
        sleep_ms(20);
    }
    kill(srv.pid, SIGKILL);
    waitpid(srv.pid, NULL, 0);
    return 0;
}

/* ---- Client side ------------------------------------------------------ */

typedef struct {
    udp_t udp;
    lwc_mbedtls_rng_t rng;
    lwc_mbedtls_dtls_t dtls;
    lwc_transport_t t;
    lwc_platform_t pf;
} client_t;

static void log_line(void *ctx, lwc_log_level_t level, const char *module,
                     const char *line)
{
    (void)ctx;
    (void)level;
    if (getenv("LWC_TEST_VERBOSE")) {
        fprintf(stderr, "%s: %s\n", module, line);
    }
}

static client_t *client_new(const char *key)
{
    client_t *c = calloc(1, sizeof(*c));
    lwc_mbedtls_config_t cfg = {
        .now_ms = now_ms,
        .hs_timeout_min_ms = 200,
        .hs_timeout_max_ms = 800,
    };
    lwc_transport_params_t p;
    lwc_transport_t inner = {.ops = &udp_ops, .ctx = &c->udp};

    if (srv.pid <= 0) {
        free(c);
        skip();
    }
    c->pf.log = log_line;
    cfg.platform = &c->pf;
    assert_int_equal(lwc_mbedtls_rng_init(&c->rng, NULL), LWC_OK);
    cfg.rng = &c->rng;
    assert_int_equal(udp_open(&c->udp, (uint16_t)(srv.port + 1)), 0);
    memset(&p, 0, sizeof(p));
    p.scheme = LWC_SCHEME_COAPS;
    p.host = "127.0.0.1";
    p.port = (uint16_t)(srv.port + 1);
    p.mode = LWC_SECURITY_PSK;
    p.identity = (const uint8_t *)PSK_ID;
    p.identity_len = strlen(PSK_ID);
    p.secret_key = (const uint8_t *)key;
    p.secret_key_len = strlen(key);
    assert_int_equal(lwc_mbedtls_dtls_init(&c->dtls, &cfg, &inner, &p, &c->t),
                     LWC_OK);
    return c;
}

static void client_free(client_t *c)
{
    c->t.ops->close(c->t.ctx);
    lwc_mbedtls_dtls_deinit(&c->dtls);
    lwc_mbedtls_rng_deinit(&c->rng);
    close(c->udp.fd);
    free(c);
}

/* Wait for the socket for at most @p ms (bounded by the caller's loop). */
static void wait_fd(client_t *c, int64_t ms)
{
    struct pollfd pfd = {.fd = c->t.ops->get_fd(c->t.ctx), .events = POLLIN};

    poll(&pfd, 1, (int)(ms < 0 ? 0 : ms > 100 ? 100 : ms));
}

static int connect_within(client_t *c, int64_t limit_ms)
{
    int64_t until = now_ms(NULL) + limit_ms;
    int rc = LWC_ERR_WOULD_BLOCK;

    while (rc == LWC_ERR_WOULD_BLOCK && now_ms(NULL) < until) {
        int64_t wake = INT64_MAX;
        rc = c->t.ops->connect(c->t.ctx, now_ms(NULL), &wake);
        if (rc == LWC_ERR_WOULD_BLOCK) {
            wait_fd(c, wake - now_ms(NULL));
        }
    }
    return rc;
}

/* CON GET /.well-known/core (RFC 7252 §3, RFC 6690 §4) as raw bytes. */
static void get_well_known(client_t *c, uint16_t mid)
{
    uint8_t req[32] = {0x40, 0x01, (uint8_t)(mid >> 8), (uint8_t)mid, 0xbb};
    size_t len = 5;
    uint8_t resp[1024];
    size_t rlen = 0;
    int rc = LWC_ERR_WOULD_BLOCK;
    int64_t until = now_ms(NULL) + 5000;

    memcpy(req + len, ".well-known", 11);
    len += 11;
    req[len++] = 0x04; /* Uri-Path, delta 0, length 4 */
    memcpy(req + len, "core", 4);
    len += 4;
    assert_int_equal(c->t.ops->send(c->t.ctx, req, len), LWC_OK);
    while (rc == LWC_ERR_WOULD_BLOCK && now_ms(NULL) < until) {
        rc = c->t.ops->recv(c->t.ctx, resp, sizeof(resp), &rlen);
        if (rc == LWC_ERR_WOULD_BLOCK) {
            wait_fd(c, until - now_ms(NULL));
        }
    }
    assert_int_equal(rc, LWC_OK);
    assert_true(rlen >= 4);
    assert_int_equal(resp[0] & 0xf0, 0x60); /* version 1, ACK */
    assert_int_equal(resp[1], 0x45);        /* 2.05 Content */
    assert_int_equal(resp[2], (uint8_t)(mid >> 8));
    assert_int_equal(resp[3], (uint8_t)mid);
    assert_non_null(memchr(resp, 0xff, rlen)); /* a link-format payload */
}

static void test_psk_get_well_known_core(void **state)
{
    client_t *c = client_new(PSK_TEXT);

    (void)state;
    assert_int_equal(connect_within(c, 10000), LWC_OK);
    get_well_known(c, 0x1234);
    assert_false(lwc_mbedtls_dtls_resumed(&c->dtls));
    /* Close (close_notify) and connect again: OpenSSL resumes the session
     * (RFC 5246 §7.3 abbreviated handshake). */
    c->t.ops->close(c->t.ctx);
    assert_int_equal(connect_within(c, 10000), LWC_OK);
    assert_true(lwc_mbedtls_dtls_resumed(&c->dtls));
    get_well_known(c, 0x1235);
    client_free(c);
}

static void test_psk_wrong_key(void **state)
{
    client_t *c = client_new("not-the-right-key");
    int rc;

    (void)state;
    rc = connect_within(c, 10000);
    assert_true(rc == LWC_ERR_HANDSHAKE || rc == LWC_ERR_TIMEOUT);
    client_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_psk_get_well_known_core),
        cmocka_unit_test(test_psk_wrong_key),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
