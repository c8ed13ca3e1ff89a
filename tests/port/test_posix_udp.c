/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The POSIX UDP transport and its factory, against peer sockets made here,
 * over 127.0.0.1 and ::1 only. Every wait is a poll() with a timeout.
 */
#define _GNU_SOURCE

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include <lwc/errors.h>
#include <lwc/port/posix.h>

#define WAIT_MS 2000

typedef struct {
    int fd;
    uint16_t port;
} peer_t;

/* A UDP socket bound to the loopback address of @p family, any port.
 * Returns false when the family is not available. */
static bool peer_open(peer_t *p, int family, uint16_t port)
{
    struct sockaddr_storage ss;
    socklen_t len;

    memset(&ss, 0, sizeof(ss));
    if (family == AF_INET6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
        a->sin6_family = AF_INET6;
        a->sin6_addr = in6addr_loopback;
        a->sin6_port = htons(port);
        len = sizeof(*a);
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)&ss;
        a->sin_family = AF_INET;
        a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a->sin_port = htons(port);
        len = sizeof(*a);
    }
    p->fd = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (p->fd < 0) {
        return false;
    }
    if (bind(p->fd, (struct sockaddr *)&ss, len) != 0 ||
        getsockname(p->fd, (struct sockaddr *)&ss, &len) != 0) {
        close(p->fd);
        p->fd = -1;
        return false;
    }
    p->port = ntohs(family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                                       : ((struct sockaddr_in *)&ss)->sin_port);
    return true;
}

static void peer_close(peer_t *p)
{
    if (p->fd >= 0) {
        close(p->fd);
    }
    p->fd = -1;
}

static bool wait_readable(int fd, int timeout_ms)
{
    struct pollfd pfd = {.fd = fd, .events = POLLIN};
    return poll(&pfd, 1, timeout_ms) == 1;
}

/* The transport's local address, as the peer must address it. */
static void local_addr(const lwc_transport_t *t, struct sockaddr_storage *ss,
                       socklen_t *len)
{
    *len = sizeof(*ss);
    assert_int_equal(
        getsockname(t->ops->get_fd(t->ctx), (struct sockaddr *)ss, len), 0);
}

static void peer_send_to(const peer_t *p, const lwc_transport_t *t,
                         const char *msg, size_t len)
{
    struct sockaddr_storage ss;
    socklen_t sl;

    local_addr(t, &ss, &sl);
    if (ss.ss_family == AF_INET) {
        ((struct sockaddr_in *)&ss)->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    } else {
        ((struct sockaddr_in6 *)&ss)->sin6_addr = in6addr_loopback;
    }
    assert_int_equal(sendto(p->fd, msg, len, 0, (struct sockaddr *)&ss, sl),
                     (ssize_t)len);
}

/* Receive one datagram from the transport, waiting up to WAIT_MS. */
static int transport_recv(const lwc_transport_t *t, uint8_t *buf, size_t cap,
                          size_t *out_len)
{
    (void)wait_readable(t->ops->get_fd(t->ctx), WAIT_MS);
    return t->ops->recv(t->ctx, buf, cap, out_len);
}

static void exchange(int family, const char *host)
{
    peer_t peer;
    lwc_posix_udp_t u = {0};
    lwc_transport_t t;
    uint8_t buf[64];
    size_t n = 0;
    int64_t wake = -1;

    if (!peer_open(&peer, family, 0)) {
        skip();
    }
    assert_int_equal(lwc_posix_udp_open(&u, host, peer.port, 0, &t), LWC_OK);
    assert_int_equal(t.ops->connect(t.ctx, 0, &wake), LWC_OK);
    assert_true(t.ops->get_fd(t.ctx) >= 0);

    assert_int_equal(t.ops->send(t.ctx, (const uint8_t *)"hello", 5), LWC_OK);
    assert_true(wait_readable(peer.fd, WAIT_MS));
    assert_int_equal(recv(peer.fd, buf, sizeof(buf), 0), 5);
    assert_memory_equal(buf, "hello", 5);

    peer_send_to(&peer, &t, "world!", 6);
    assert_int_equal(transport_recv(&t, buf, sizeof(buf), &n), LWC_OK);
    assert_int_equal(n, 6);
    assert_memory_equal(buf, "world!", 6);
    assert_int_equal(t.ops->recv(t.ctx, buf, sizeof(buf), &n),
                     LWC_ERR_WOULD_BLOCK);

    lwc_posix_udp_close(&u);
    peer_close(&peer);
}

static void test_exchange_ipv4(void **state)
{
    (void)state;
    exchange(AF_INET, "127.0.0.1");
}

static void test_exchange_ipv6(void **state)
{
    (void)state;
    exchange(AF_INET6, "::1");
}

static void test_empty_would_block(void **state)
{
    peer_t peer;
    lwc_posix_udp_t u = {0};
    lwc_transport_t t;
    uint8_t buf[16];
    size_t n = 0;

    (void)state;
    assert_true(peer_open(&peer, AF_INET, 0));
    assert_int_equal(lwc_posix_udp_open(&u, "127.0.0.1", peer.port, 0, &t),
                     LWC_OK);
    assert_int_equal(t.ops->recv(t.ctx, buf, sizeof(buf), &n),
                     LWC_ERR_WOULD_BLOCK);
    lwc_posix_udp_close(&u);
    peer_close(&peer);
}

static void test_too_large_then_next(void **state)
{
    peer_t peer;
    lwc_posix_udp_t u = {0};
    lwc_transport_t t;
    char big[200];
    uint8_t buf[100];
    size_t n = 0;

    (void)state;
    memset(big, 'x', sizeof(big));
    assert_true(peer_open(&peer, AF_INET, 0));
    assert_int_equal(lwc_posix_udp_open(&u, "127.0.0.1", peer.port, 0, &t),
                     LWC_OK);
    peer_send_to(&peer, &t, big, sizeof(big));
    peer_send_to(&peer, &t, "small", 5);
    assert_int_equal(transport_recv(&t, buf, sizeof(buf), &n),
                     LWC_ERR_TOO_LARGE);
    /* The first bytes are kept, so the client can answer 4.13. */
    assert_int_equal(n, sizeof(buf));
    assert_memory_equal(buf, big, sizeof(buf));
    assert_int_equal(transport_recv(&t, buf, sizeof(buf), &n), LWC_OK);
    assert_int_equal(n, 5);
    assert_memory_equal(buf, "small", 5);
    lwc_posix_udp_close(&u);
    peer_close(&peer);
}

/* Connected socket: a datagram from another port never reaches recv. */
static void test_other_port_dropped(void **state)
{
    peer_t server, stranger;
    lwc_posix_udp_t u = {0};
    lwc_transport_t t;
    uint8_t buf[32];
    size_t n = 0;

    (void)state;
    assert_true(peer_open(&server, AF_INET, 0));
    assert_true(peer_open(&stranger, AF_INET, 0));
    assert_int_equal(lwc_posix_udp_open(&u, "127.0.0.1", server.port, 0, &t),
                     LWC_OK);
    peer_send_to(&stranger, &t, "spoof", 5);
    peer_send_to(&server, &t, "real", 4);
    assert_int_equal(transport_recv(&t, buf, sizeof(buf), &n), LWC_OK);
    assert_int_equal(n, 4);
    assert_memory_equal(buf, "real", 4);
    assert_int_equal(t.ops->recv(t.ctx, buf, sizeof(buf), &n),
                     LWC_ERR_WOULD_BLOCK);
    lwc_posix_udp_close(&u);
    peer_close(&server);
    peer_close(&stranger);
}

/* A port nobody listens on: ICMP port unreachable comes back as LWC_ERR_IO
 * once, then the socket is usable again. */
static void test_port_unreachable(void **state)
{
    peer_t gone;
    lwc_posix_udp_t u = {0};
    lwc_transport_t t;
    uint8_t buf[16];
    size_t n = 0;
    struct pollfd pfd;

    (void)state;
    assert_true(peer_open(&gone, AF_INET, 0));
    uint16_t port = gone.port;
    peer_close(&gone);
    assert_int_equal(lwc_posix_udp_open(&u, "127.0.0.1", port, 0, &t), LWC_OK);
    assert_int_equal(t.ops->send(t.ctx, (const uint8_t *)"ping", 4), LWC_OK);
    pfd.fd = t.ops->get_fd(t.ctx);
    pfd.events = POLLIN;
    assert_int_equal(poll(&pfd, 1, WAIT_MS), 1);
    assert_true(pfd.revents & POLLERR);
    assert_int_equal(t.ops->recv(t.ctx, buf, sizeof(buf), &n), LWC_ERR_IO);
    assert_int_equal(u.last_errno, ECONNREFUSED);
    assert_int_equal(t.ops->recv(t.ctx, buf, sizeof(buf), &n),
                     LWC_ERR_WOULD_BLOCK);
    assert_int_equal(t.ops->send(t.ctx, (const uint8_t *)"ping", 4), LWC_OK);
    lwc_posix_udp_close(&u);
}

/* The close operation drops the socket; connect makes a working new one. */
static void test_close_and_reconnect(void **state)
{
    peer_t peer;
    lwc_posix_udp_t u = {0};
    lwc_transport_t t;
    uint8_t buf[16];
    size_t n = 0;
    int64_t wake = -1;

    (void)state;
    assert_true(peer_open(&peer, AF_INET, 0));
    assert_int_equal(lwc_posix_udp_open(&u, "127.0.0.1", peer.port, 0, &t),
                     LWC_OK);
    t.ops->close(t.ctx);
    assert_int_equal(t.ops->get_fd(t.ctx), -1);
    assert_int_equal(t.ops->send(t.ctx, (const uint8_t *)"x", 1),
                     LWC_ERR_CLOSED);
    assert_int_equal(t.ops->recv(t.ctx, buf, sizeof(buf), &n), LWC_ERR_CLOSED);
    assert_int_equal(t.ops->connect(t.ctx, 0, &wake), LWC_OK);
    assert_int_equal(wake, -1);
    assert_true(t.ops->get_fd(t.ctx) >= 0);
    assert_int_equal(t.ops->send(t.ctx, (const uint8_t *)"again", 5), LWC_OK);
    assert_true(wait_readable(peer.fd, WAIT_MS));
    assert_int_equal(recv(peer.fd, buf, sizeof(buf), 0), 5);
    lwc_posix_udp_close(&u);
    lwc_posix_udp_close(&u); /* twice is safe */
    peer_close(&peer);
}

static uint16_t free_udp_port(void)
{
    peer_t p;
    assert_true(peer_open(&p, AF_INET, 0));
    uint16_t port = p.port;
    peer_close(&p);
    return port;
}

/* Two transports of one factory share the local port; each gets its own
 * server's datagrams. */
static void test_factory_local_port_shared(void **state)
{
    static lwc_posix_udp_factory_t f;
    lwc_transport_factory_t fac;
    peer_t a, b;
    lwc_transport_t ta, tb;
    struct sockaddr_storage ss;
    socklen_t sl;
    uint8_t buf[16];
    size_t n = 0;
    uint16_t port = free_udp_port();

    (void)state;
    assert_true(peer_open(&a, AF_INET, 0));
    assert_true(peer_open(&b, AF_INET, 0));
    assert_int_equal(lwc_posix_udp_factory_init(&f, port, &fac), LWC_OK);
    lwc_transport_params_t p = {.scheme = LWC_SCHEME_COAP,
                                .mode = LWC_SECURITY_NOSEC,
                                .host = "127.0.0.1"};
    p.port = a.port;
    assert_int_equal(fac.open(fac.ctx, &p, &ta), LWC_OK);
    p.port = b.port;
    assert_int_equal(fac.open(fac.ctx, &p, &tb), LWC_OK);
    local_addr(&ta, &ss, &sl);
    assert_int_equal(ntohs(((struct sockaddr_in *)&ss)->sin_port), port);

    peer_send_to(&b, &tb, "to-b", 4);
    peer_send_to(&a, &ta, "to-a", 4);
    assert_int_equal(transport_recv(&ta, buf, sizeof(buf), &n), LWC_OK);
    assert_memory_equal(buf, "to-a", 4);
    assert_int_equal(transport_recv(&tb, buf, sizeof(buf), &n), LWC_OK);
    assert_memory_equal(buf, "to-b", 4);

    fac.release(fac.ctx, &ta);
    fac.release(fac.ctx, &tb);
    lwc_posix_udp_factory_deinit(&f);
    peer_close(&a);
    peer_close(&b);
}

static void test_factory_pool(void **state)
{
    static lwc_posix_udp_factory_t f;
    lwc_transport_factory_t fac;
    lwc_transport_t t[LWC_POSIX_UDP_SLOTS + 1];
    peer_t peer;

    (void)state;
    assert_true(peer_open(&peer, AF_INET, 0));
    assert_int_equal(lwc_posix_udp_factory_init(&f, 0, &fac), LWC_OK);
    lwc_transport_params_t p = {.scheme = LWC_SCHEME_COAP,
                                .mode = LWC_SECURITY_NOSEC,
                                .host = "127.0.0.1",
                                .port = peer.port};
    for (size_t i = 0; i < LWC_POSIX_UDP_SLOTS; i++) {
        assert_int_equal(fac.open(fac.ctx, &p, &t[i]), LWC_OK);
    }
    assert_int_equal(fac.open(fac.ctx, &p, &t[LWC_POSIX_UDP_SLOTS]),
                     LWC_ERR_NO_SPACE);

    fac.release(fac.ctx, &t[0]);
    assert_null(t[0].ops);
    assert_int_equal(fac.open(fac.ctx, &p, &t[0]), LWC_OK);
    assert_int_equal(t[0].ops->send(t[0].ctx, (const uint8_t *)"r", 1), LWC_OK);
    assert_true(wait_readable(peer.fd, WAIT_MS));

    for (size_t i = 0; i < LWC_POSIX_UDP_SLOTS; i++) {
        fac.release(fac.ctx, &t[i]);
    }
    assert_int_equal(fac.open(fac.ctx, &p, &t[0]), LWC_OK);
    lwc_posix_udp_factory_deinit(&f);
    lwc_posix_udp_factory_deinit(&f);
    peer_close(&peer);
}

static void test_factory_unsupported(void **state)
{
    static lwc_posix_udp_factory_t f;
    lwc_transport_factory_t fac;
    lwc_transport_t t;

    (void)state;
    assert_int_equal(lwc_posix_udp_factory_init(&f, 0, &fac), LWC_OK);
    lwc_transport_params_t p = {.scheme = LWC_SCHEME_COAPS,
                                .mode = LWC_SECURITY_NOSEC,
                                .host = "127.0.0.1",
                                .port = 5684};
    assert_int_equal(fac.open(fac.ctx, &p, &t), LWC_ERR_UNSUPPORTED);
    p.scheme = LWC_SCHEME_COAP;
    p.mode = LWC_SECURITY_PSK;
    assert_int_equal(fac.open(fac.ctx, &p, &t), LWC_ERR_UNSUPPORTED);
    p.scheme = LWC_SCHEME_COAP_TCP;
    p.mode = LWC_SECURITY_NOSEC;
    assert_int_equal(fac.open(fac.ctx, &p, &t), LWC_ERR_UNSUPPORTED);
    lwc_posix_udp_factory_deinit(&f);
}

/* "localhost" may resolve to ::1 or 127.0.0.1: listen on both. */
static void test_localhost_resolves(void **state)
{
    peer_t p4, p6 = {.fd = -1};
    lwc_posix_udp_t u = {0};
    lwc_transport_t t;
    uint8_t buf[16];

    (void)state;
    assert_true(peer_open(&p4, AF_INET, 0));
    (void)peer_open(&p6, AF_INET6, p4.port);
    assert_int_equal(lwc_posix_udp_open(&u, "localhost", p4.port, 0, &t),
                     LWC_OK);
    assert_int_equal(t.ops->send(t.ctx, (const uint8_t *)"lh", 2), LWC_OK);
    struct pollfd pfd[2] = {{.fd = p4.fd, .events = POLLIN},
                            {.fd = p6.fd, .events = POLLIN}};
    assert_int_equal(poll(pfd, 2, WAIT_MS), 1);
    int fd = (pfd[0].revents & POLLIN) ? p4.fd : p6.fd;
    assert_int_equal(recv(fd, buf, sizeof(buf), 0), 2);
    lwc_posix_udp_close(&u);
    peer_close(&p4);
    peer_close(&p6);
}

static void test_open_errors(void **state)
{
    lwc_posix_udp_t u = {0};
    lwc_transport_t t;

    (void)state;
    /* RFC 6761 §6.4: .invalid names never resolve. */
    assert_int_equal(
        lwc_posix_udp_open(&u, "no-such-host.invalid", 5683, 0, &t),
        LWC_ERR_NOT_FOUND);
    assert_int_equal(lwc_posix_udp_open(&u, "", 5683, 0, &t),
                     LWC_ERR_INVALID_ARG);
    assert_int_equal(lwc_posix_udp_open(&u, "127.0.0.1", 0, 0, &t),
                     LWC_ERR_INVALID_ARG);
    assert_int_equal(lwc_posix_udp_open(&u, NULL, 5683, 0, &t),
                     LWC_ERR_INVALID_ARG);
    assert_int_equal(lwc_posix_udp_open(&u, "127.0.0.1", 5683, 0, &t), LWC_OK);
    assert_int_equal(lwc_posix_udp_open(&u, "127.0.0.1", 5683, 0, &t),
                     LWC_ERR_STATE);
    lwc_posix_udp_close(&u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exchange_ipv4),
        cmocka_unit_test(test_exchange_ipv6),
        cmocka_unit_test(test_empty_would_block),
        cmocka_unit_test(test_too_large_then_next),
        cmocka_unit_test(test_other_port_dropped),
        cmocka_unit_test(test_port_unreachable),
        cmocka_unit_test(test_close_and_reconnect),
        cmocka_unit_test(test_factory_local_port_shared),
        cmocka_unit_test(test_factory_pool),
        cmocka_unit_test(test_factory_unsupported),
        cmocka_unit_test(test_localhost_resolves),
        cmocka_unit_test(test_open_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
