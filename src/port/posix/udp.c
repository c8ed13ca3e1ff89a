/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Non-blocking UDP transport (include/lwc/transport.h) on a connect()ed
 * socket. Connecting a UDP socket makes the kernel drop datagrams from any
 * other address and report the peer's ICMP port unreachable as ECONNREFUSED
 * on the next call (POSIX connect(), "connectionless-mode sockets"), which
 * is what the CoAP message layer wants: one socket per server.
 */
#define _GNU_SOURCE /* SOCK_CLOEXEC, SOCK_NONBLOCK, NI_MAXSERV */

#include <lwc/port/posix.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include <lwc/errors.h>

/* EINTR retries in send/recv; a signal storm must not pin the caller. */
#define UDP_EINTR_RETRIES 8

static void close_socket(lwc_posix_udp_t *u)
{
    if (u->has_socket) {
        (void)close(u->fd);
        u->has_socket = false;
        u->fd = -1;
    }
}

/* socket() with close-on-exec and non-blocking set atomically where the
 * system allows, with fcntl() otherwise. */
static int make_socket(int family)
{
    int type = SOCK_DGRAM;
#if defined(SOCK_CLOEXEC) && defined(SOCK_NONBLOCK)
    type |= SOCK_CLOEXEC | SOCK_NONBLOCK;
#endif
    int fd = socket(family, type, 0);
    if (fd < 0) {
        return -1;
    }
#if !defined(SOCK_CLOEXEC) || !defined(SOCK_NONBLOCK)
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0 ||
        fcntl(fd, F_SETFD, FD_CLOEXEC) < 0) {
        (void)close(fd);
        return -1;
    }
#endif
    return fd;
}

/* Bind to the wildcard address of the peer's family on u->local_port. */
static int bind_local(const lwc_posix_udp_t *u, int fd)
{
    struct sockaddr_storage local;
    socklen_t len;
    int one = 1;

    memset(&local, 0, sizeof(local));
    if (u->peer.ss_family == AF_INET6) {
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&local;
        a6->sin6_family = AF_INET6;
        a6->sin6_addr = in6addr_any;
        a6->sin6_port = htons(u->local_port);
        len = sizeof(*a6);
    } else {
        struct sockaddr_in *a4 = (struct sockaddr_in *)&local;
        a4->sin_family = AF_INET;
        a4->sin_addr.s_addr = htonl(INADDR_ANY);
        a4->sin_port = htons(u->local_port);
        len = sizeof(*a4);
    }
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0) {
        return -1;
    }
    return bind(fd, (struct sockaddr *)&local, len);
}

/* Create, bind (when a local port is set) and connect a socket to u->peer.
 * LWC_OK or LWC_ERR_IO with u->last_errno set. */
static int open_socket(lwc_posix_udp_t *u)
{
    int fd = make_socket(u->peer.ss_family);

    if (fd < 0) {
        u->last_errno = errno;
        return LWC_ERR_IO;
    }
    if ((u->local_port != 0 && bind_local(u, fd) != 0) ||
        connect(fd, (struct sockaddr *)&u->peer, u->peer_len) != 0) {
        u->last_errno = errno;
        (void)close(fd);
        return LWC_ERR_IO;
    }
    u->fd = fd;
    u->has_socket = true;
    return LWC_OK;
}

static int map_gai_error(int rc)
{
    switch (rc) {
    case EAI_NONAME:
    case EAI_AGAIN:
    case EAI_FAIL:
    case EAI_FAMILY:
#ifdef EAI_NODATA
    case EAI_NODATA:
#endif
#ifdef EAI_ADDRFAMILY
    case EAI_ADDRFAMILY:
#endif
        return LWC_ERR_NOT_FOUND;
    default:
        return LWC_ERR_IO;
    }
}

/* Resolve host:port and keep the first address a socket connects to. */
static int resolve_and_connect(lwc_posix_udp_t *u, const char *host,
                               uint16_t port)
{
    struct addrinfo hints, *list = NULL;
    char service[8];
    int rc;

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_protocol = IPPROTO_UDP;
    hints.ai_flags = AI_NUMERICSERV;
    (void)snprintf(service, sizeof(service), "%u", (unsigned)port);
    rc = getaddrinfo(host, service, &hints, &list);
    if (rc != 0) {
        u->last_errno = rc == EAI_SYSTEM ? errno : 0;
        return map_gai_error(rc);
    }
    rc = LWC_ERR_IO;
    for (const struct addrinfo *ai = list; ai && rc != LWC_OK;
         ai = ai->ai_next) {
        if (ai->ai_addrlen > sizeof(u->peer) ||
            (ai->ai_family != AF_INET && ai->ai_family != AF_INET6)) {
            continue;
        }
        memcpy(&u->peer, ai->ai_addr, ai->ai_addrlen);
        u->peer_len = (socklen_t)ai->ai_addrlen;
        rc = open_socket(u);
    }
    freeaddrinfo(list);
    return rc;
}

static int udp_connect(void *ctx, int64_t now_ms, int64_t *wake_ms)
{
    lwc_posix_udp_t *u = ctx;

    (void)now_ms;
    (void)wake_ms;
    if (!u->is_open) {
        return LWC_ERR_STATE;
    }
    return u->has_socket ? LWC_OK : open_socket(u);
}

/* errno of a failed send/recv as an LWC_ERR_* code. ECONNREFUSED is the
 * pending ICMP error of an earlier datagram; reading it clears it, so the
 * socket stays usable. */
static int map_io_errno(lwc_posix_udp_t *u, int err)
{
    u->last_errno = err;
    if (err == EAGAIN || err == EWOULDBLOCK || err == ENOBUFS) {
        return LWC_ERR_WOULD_BLOCK;
    }
    if (err == EMSGSIZE) {
        return LWC_ERR_TOO_LARGE;
    }
    return LWC_ERR_IO;
}

static int udp_send(void *ctx, const uint8_t *buf, size_t len)
{
    lwc_posix_udp_t *u = ctx;

    if (!u->has_socket) {
        return LWC_ERR_CLOSED;
    }
    if (!buf && len > 0) {
        return LWC_ERR_INVALID_ARG;
    }
    for (int i = 0; i <= UDP_EINTR_RETRIES; i++) {
        ssize_t n = send(u->fd, buf, len, 0);
        if (n >= 0) {
            /* A datagram is sent whole or not at all. */
            return (size_t)n == len ? LWC_OK : LWC_ERR_IO;
        }
        if (errno != EINTR) {
            return map_io_errno(u, errno);
        }
    }
    return LWC_ERR_WOULD_BLOCK;
}

/* recvmsg() rather than recv(): POSIX reports a datagram cut to the buffer
 * size only through MSG_TRUNC in msg_flags. Its first cap bytes are in buf
 * then, and are handed on with LWC_ERR_TOO_LARGE (transport.h). */
static int udp_recv(void *ctx, uint8_t *buf, size_t cap, size_t *out_len)
{
    lwc_posix_udp_t *u = ctx;
    struct iovec iov = {.iov_base = buf, .iov_len = cap};
    struct msghdr msg;

    if (!u->has_socket) {
        return LWC_ERR_CLOSED;
    }
    if ((!buf && cap > 0) || !out_len) {
        return LWC_ERR_INVALID_ARG;
    }
    for (int i = 0; i <= UDP_EINTR_RETRIES; i++) {
        memset(&msg, 0, sizeof(msg));
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        ssize_t n = recvmsg(u->fd, &msg, 0);
        if (n >= 0) {
            if (msg.msg_flags & MSG_TRUNC) {
                *out_len = (size_t)n < cap ? (size_t)n : cap;
                return LWC_ERR_TOO_LARGE; /* the rest is discarded */
            }
            *out_len = (size_t)n;
            return LWC_OK;
        }
        if (errno != EINTR) {
            return map_io_errno(u, errno);
        }
    }
    return LWC_ERR_WOULD_BLOCK;
}

static void udp_close_op(void *ctx)
{
    close_socket(ctx);
}

static int udp_get_fd(void *ctx)
{
    const lwc_posix_udp_t *u = ctx;

    return u->has_socket ? u->fd : -1;
}

static const lwc_transport_ops_t udp_ops = {
    .connect = udp_connect,
    .send = udp_send,
    .recv = udp_recv,
    .close = udp_close_op,
    .get_fd = udp_get_fd,
};

int lwc_posix_udp_open(lwc_posix_udp_t *u, const char *host, uint16_t port,
                       uint16_t local_port, lwc_transport_t *out)
{
    int rc;

    if (!u || !host || !host[0] || port == 0 || !out) {
        return LWC_ERR_INVALID_ARG;
    }
    if (u->is_open) {
        return LWC_ERR_STATE;
    }
    memset(u, 0, sizeof(*u));
    u->fd = -1;
    u->local_port = local_port;
    rc = resolve_and_connect(u, host, port);
    if (rc != LWC_OK) {
        return rc;
    }
    u->is_open = true;
    out->ops = &udp_ops;
    out->ctx = u;
    return LWC_OK;
}

void lwc_posix_udp_close(lwc_posix_udp_t *u)
{
    if (!u) {
        return;
    }
    close_socket(u);
    u->is_open = false;
}
