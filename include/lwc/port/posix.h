/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file posix.h
 * @brief The POSIX port: monotonic clock, random bytes, a stderr log sink
 * and a non-blocking UDP transport with a fixed-size transport factory.
 *
 * Built into the @c lwc library when the CMake option LWC_WITH_POSIX_PORT is
 * ON (the default). Tested on Linux (glibc); random bytes come from
 * getrandom(2), which other systems may lack.
 *
 * Like the rest of lwc, the port keeps no global or static mutable state:
 * every piece of state lives in a caller-owned structure, so several clients
 * can run in one process. None of these functions allocates memory.
 *
 * @code
 * static lwc_client_t client;
 * static lwc_posix_udp_factory_t udp;
 * lwc_posix_platform_ctx_t pctx = { .log_level = LWC_LOG_INFO };
 * lwc_client_config_t cfg = { .endpoint_name = "dev1" };
 * cfg.platform = lwc_posix_platform(&pctx);
 * lwc_posix_udp_factory_init(&udp, 0, &cfg.transports);
 * lwc_client_init(&client, &cfg);
 * @endcode
 */
#ifndef LWC_PORT_POSIX_H
#define LWC_PORT_POSIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sys/socket.h>

#include <lwc/config.h>
#include <lwc/platform.h>
#include <lwc/transport.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Clock, random, log ----------------------------------------------- */

/**
 * @brief Current time of CLOCK_MONOTONIC in milliseconds: the value to pass
 * to lwc_client_step(). It never decreases and does not jump with the wall
 * clock. Never blocks.
 *
 * @return Milliseconds since an unspecified starting point; 0 if the clock
 *         cannot be read (which POSIX rules out for CLOCK_MONOTONIC).
 */
int64_t lwc_posix_now_ms(void);

/**
 * @brief Fill @p buf with @p len bytes from the kernel's random source
 * (getrandom(2) without blocking). Usable as @ref lwc_platform_t::random.
 *
 * Short reads and interruptions by signals are retried a bounded number of
 * times. Never blocks.
 *
 * @param ctx Ignored (may be NULL).
 * @param buf Receives the bytes; may be NULL only when @p len is 0.
 * @param len Number of bytes wanted.
 * @return LWC_OK when all @p len bytes were written;
 *         LWC_ERR_INVALID_ARG when @p buf is NULL and @p len is not 0;
 *         LWC_ERR_WOULD_BLOCK when the kernel's entropy pool is not yet
 *         initialised (early boot);
 *         LWC_ERR_IO on any other failure (the buffer content is then
 *         unspecified).
 */
int lwc_posix_random(void *ctx, uint8_t *buf, size_t len);

/**
 * Caller-owned context of the POSIX platform hooks (the @c ctx of the
 * @ref lwc_platform_t returned by lwc_posix_platform()). Must outlive every
 * client that uses the platform.
 */
typedef struct {
    /**
     * Least severe level that is printed: LWC_LOG_INFO prints errors,
     * warnings and info lines. May be changed at any time. Lines below the
     * compile-time LWC_LOG_LEVEL never reach the hook at all.
     */
    lwc_log_level_t log_level;
} lwc_posix_platform_ctx_t;

/**
 * @brief Print one log line to stderr as `LEVEL module: line`, e.g.
 * `INFO core: registered`. Usable as @ref lwc_platform_t::log.
 *
 * The line is written with one stdio call, so lines of several threads or
 * clients do not interleave. May block for as long as writing to stderr
 * does.
 *
 * @param ctx    A @ref lwc_posix_platform_ctx_t whose @c log_level filters
 *               the line, or NULL to print every line.
 * @param level  Severity of the line.
 * @param module Layer that logs ("coap", "core"...); NULL prints "-".
 * @param line   The NUL-terminated text; NULL prints nothing.
 */
void lwc_posix_log(void *ctx, lwc_log_level_t level, const char *module,
                   const char *line);

/**
 * @brief The POSIX platform hooks: lwc_posix_random() and lwc_posix_log().
 *
 * @param ctx Log filter, kept by pointer as the table's @c ctx; NULL prints
 *            every line.
 * @return The table, to copy into @ref lwc_client_config_t::platform.
 */
lwc_platform_t lwc_posix_platform(lwc_posix_platform_ctx_t *ctx);

/* ---- UDP transport ---------------------------------------------------- */

/**
 * State of one UDP transport: a non-blocking UDP socket connect()ed to one
 * peer, so that only that peer's datagrams are received. Caller-owned; its
 * fields are private. It may be zero-initialised; it must stay at the same
 * address while open (the transport's @c ctx points to it).
 */
typedef struct {
    int fd;                       /**< Socket, valid when @c has_socket. */
    bool is_open;                 /**< Between open and close. */
    bool has_socket;              /**< A socket exists (see ops close). */
    uint16_t local_port;          /**< Port to bind, 0 for any. */
    struct sockaddr_storage peer; /**< Resolved peer address. */
    socklen_t peer_len;           /**< Length of @c peer. */
    /**
     * errno of the most recent failed system call (0 when none), for
     * diagnostics, e.g. ECONNREFUSED after LWC_ERR_IO from send or recv.
     */
    int last_errno;
} lwc_posix_udp_t;

/**
 * @brief Open a UDP transport to @p host : @p port.
 *
 * Resolves @p host with getaddrinfo(), which **blocks** while a DNS query is
 * made (not for numeric addresses such as "192.0.2.1" or "2001:db8::1";
 * IPv6 literals are given without brackets). The addresses are tried in the
 * resolver's order; the first for which a socket can be created (with
 * SOCK_CLOEXEC and O_NONBLOCK), bound and connect()ed is used and kept, so
 * reconnecting after the @c close operation does not resolve again.
 *
 * When @p local_port is not 0 the socket is bound to it on the wildcard
 * address, with SO_REUSEADDR so that several transports (a bootstrap and a
 * management server) can share the port: the kernel gives each connected
 * socket its own peer's datagrams.
 *
 * The operations written to @p out behave as transport.h says:
 * - @c connect returns LWC_OK at once (creating the socket again after
 *   @c close; LWC_ERR_IO when that fails, LWC_ERR_STATE after
 *   lwc_posix_udp_close()).
 * - @c send and @c recv map EAGAIN to LWC_ERR_WOULD_BLOCK, a datagram larger
 *   than the receive buffer (it is discarded) or EMSGSIZE to
 *   LWC_ERR_TOO_LARGE, ECONNREFUSED (an ICMP port unreachable from the peer,
 *   reported on the next call) and other failures to LWC_ERR_IO; the socket
 *   stays usable after all of them. Without a socket they return
 *   LWC_ERR_CLOSED.
 * - @c close closes the socket; @c connect makes a new one.
 * - @c get_fd returns the socket for poll(), -1 when there is none.
 *
 * @param u          Caller-owned state, zero-initialised or closed with
 *                   lwc_posix_udp_close(); overwritten.
 * @param host       Host name or numeric address; not kept.
 * @param port       Peer UDP port (not 0).
 * @param local_port Local port to bind, or 0 for an ephemeral port.
 * @param[out] out   The transport (ctx is @p u).
 * @return LWC_OK;
 *         LWC_ERR_INVALID_ARG for a NULL pointer, an empty host or port 0;
 *         LWC_ERR_STATE when @p u is already open;
 *         LWC_ERR_NOT_FOUND when @p host does not resolve (now);
 *         LWC_ERR_IO when no socket could be created, bound or connected
 *         (see @c last_errno).
 */
int lwc_posix_udp_open(lwc_posix_udp_t *u, const char *host, uint16_t port,
                       uint16_t local_port, lwc_transport_t *out);

/**
 * @brief Close the socket and mark @p u unused. Safe on a zeroed, closed or
 * never-opened state and twice. Never blocks.
 */
void lwc_posix_udp_close(lwc_posix_udp_t *u);

/* ---- Transport factory ------------------------------------------------ */

/**
 * Transports in one @ref lwc_posix_udp_factory_t: by default one per server
 * account plus one for a bootstrap server.
 */
#ifndef LWC_POSIX_UDP_SLOTS
#define LWC_POSIX_UDP_SLOTS (LWC_MAX_SERVERS + 1)
#endif

/**
 * A transport factory over a fixed pool of UDP transports, for plain CoAP
 * (coap://, NoSec). Caller-owned, usually static; its fields are private.
 * It must stay at the same address and outlive the client that uses it.
 */
typedef struct {
    lwc_posix_udp_t slots[LWC_POSIX_UDP_SLOTS]; /**< The pool. */
    uint16_t local_port; /**< Bound by every transport, 0 for any. */
} lwc_posix_udp_factory_t;

/**
 * @brief Initialise @p f with every slot free and fill @p out with a
 * factory that opens UDP transports from it. Never blocks.
 *
 * The factory's @c open accepts LWC_SCHEME_COAP with LWC_SECURITY_NOSEC
 * only and returns LWC_ERR_UNSUPPORTED for anything else; it returns
 * LWC_ERR_NO_SPACE when every slot is in use, and otherwise what
 * lwc_posix_udp_open() returns (it blocks while resolving a host name).
 * Its @c release closes the transport and frees the slot; it ignores a
 * transport that did not come from @p f.
 *
 * @param f          Caller-owned pool; overwritten.
 * @param local_port Local UDP port every transport binds, 0 for any.
 * @param[out] out   The factory (ctx is @p f), for
 *                   @ref lwc_client_config_t::transports.
 * @return LWC_OK; LWC_ERR_INVALID_ARG when a pointer is NULL.
 */
int lwc_posix_udp_factory_init(lwc_posix_udp_factory_t *f, uint16_t local_port,
                               lwc_transport_factory_t *out);

/**
 * @brief Close every transport still open in @p f. Safe on a zeroed pool
 * and twice. Call after lwc_client_deinit(). Never blocks.
 */
void lwc_posix_udp_factory_deinit(lwc_posix_udp_factory_t *f);

#ifdef __cplusplus
}
#endif

#endif /* LWC_PORT_POSIX_H */
