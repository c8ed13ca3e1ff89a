/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file transport.h
 * @brief The pluggable, non-blocking datagram transport.
 *
 * A transport moves whole datagrams between the client and one peer (one
 * LwM2M server). It is a table of functions plus a context pointer, so a
 * UDP socket, a DTLS session layered over any other transport (a decorator),
 * a cellular modem's socket or an SMS/NIDD link are all the same to the
 * client, and several can coexist in one process.
 *
 * The client does not create transports itself. For every server account it
 * asks the application's @ref lwc_transport_factory_t to open one for the
 * server URI and security settings taken from the Security object, and gives
 * it back with @c release when the account no longer needs it. The factory
 * owns the transport's memory (typically a static pool).
 *
 * Every function here must return promptly: a transport that has nothing to
 * deliver or cannot send now says @ref LWC_ERR_WOULD_BLOCK.
 */
#ifndef LWC_TRANSPORT_H
#define LWC_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Operations of one open transport. All are called with its @c ctx. */
typedef struct {
    /**
     * Establish (or keep establishing) the connection: for UDP this returns
     * LWC_OK at once; for DTLS it drives the handshake one step.
     *
     * @param ctx      The transport's context.
     * @param now_ms   Current monotonic time in milliseconds.
     * @param[out] wake_ms When LWC_ERR_WOULD_BLOCK is returned: the latest
     *                 time at which connect() must be called again even if
     *                 nothing arrives (a handshake retransmission timer).
     *                 Left untouched otherwise.
     * @return LWC_OK when ready to send and receive; LWC_ERR_WOULD_BLOCK
     *         while in progress; LWC_ERR_HANDSHAKE, LWC_ERR_TIMEOUT,
     *         LWC_ERR_IO or another negative code when it failed (the
     *         client then closes it and follows the registration failure
     *         path).
     */
    int (*connect)(void *ctx, int64_t now_ms, int64_t *wake_ms);
    /**
     * Send one whole datagram.
     * @return LWC_OK when it was handed to the network; LWC_ERR_WOULD_BLOCK
     *         when it cannot be sent now (the client treats it as lost and
     *         relies on retransmission); LWC_ERR_TOO_LARGE when it can never
     *         be sent; another negative code on failure.
     */
    int (*send)(void *ctx, const uint8_t *buf, size_t len);
    /**
     * Receive one datagram, if one is waiting.
     *
     * A datagram larger than @p cap is consumed and reported as
     * LWC_ERR_TOO_LARGE. The transport may leave its first @p cap bytes in
     * @p buf and set @p *out_len to @p cap; one that cannot (or need not)
     * sets @p *out_len to 0. With the first bytes the client still answers
     * a request that was too large for it (CoAP 4.13 with a Block1 size
     * hint, RFC 7959 §2.9.3) instead of leaving the server to time out;
     * without them it drops the datagram silently. The POSIX UDP transport
     * provides the bytes; the DTLS transport provides them when the record
     * fitted mbedtls's input buffer (a record larger than that cannot be
     * decrypted and is dropped unseen).
     *
     * @param buf      Where the datagram goes; the transport's to fill only
     *                 during the call.
     * @param cap      Size of @p buf in bytes.
     * @param[out] out_len Its length on LWC_OK; on LWC_ERR_TOO_LARGE @p cap
     *                 or 0 (see above); untouched otherwise.
     * @return LWC_OK with a datagram in @p buf; LWC_ERR_WOULD_BLOCK when none
     *         is waiting; LWC_ERR_TOO_LARGE when one larger than @p cap was
     *         received and the rest of it discarded; another negative code
     *         on failure. Never blocks.
     */
    int (*recv)(void *ctx, uint8_t *buf, size_t cap, size_t *out_len);
    /**
     * Close the connection. For DTLS this sends close_notify. The transport
     * may be connected again afterwards. Never fails.
     */
    void (*close)(void *ctx);
    /**
     * Optional (may be NULL): a file descriptor that becomes readable when
     * recv() may have data, for poll()/select() in the application's loop.
     * @return The descriptor, or -1 when there is none.
     */
    int (*get_fd)(void *ctx);
} lwc_transport_ops_t;

/** One open transport: its operations and its context. */
typedef struct {
    const lwc_transport_ops_t *ops; /**< Operations; never NULL when open. */
    void *ctx;                      /**< Passed to every operation. */
} lwc_transport_t;

/** LwM2M security modes (Security object resource 0/x/2). */
typedef enum {
    LWC_SECURITY_PSK = 0,         /**< Pre-Shared Key */
    LWC_SECURITY_RPK = 1,         /**< Raw Public Key */
    LWC_SECURITY_CERTIFICATE = 2, /**< X.509 certificate */
    LWC_SECURITY_NOSEC = 3,       /**< No security (plain CoAP) */
    LWC_SECURITY_CERT_EST = 4     /**< Certificate with EST */
} lwc_security_mode_t;

/** URI schemes a server may use. */
typedef enum {
    LWC_SCHEME_COAP = 0,     /**< coap:// over UDP */
    LWC_SCHEME_COAPS = 1,    /**< coaps:// over DTLS */
    LWC_SCHEME_COAP_TCP = 2, /**< coap+tcp:// */
    LWC_SCHEME_COAPS_TCP = 3 /**< coaps+tcp:// */
} lwc_scheme_t;

/**
 * What the client knows about the peer when it asks for a transport. Every
 * pointer is valid only during the @c open call: a transport that needs the
 * data later copies it.
 */
typedef struct {
    lwc_scheme_t scheme;       /**< From the server URI. */
    const char *host;          /**< Host name or literal, without [] */
    uint16_t port;             /**< From the URI, or the scheme default */
    uint16_t short_server_id;  /**< 0/x/10, 0 for a bootstrap server */
    lwc_security_mode_t mode;  /**< 0/x/2 */
    const uint8_t *identity;   /**< 0/x/3: PSK identity or public key */
    size_t identity_len;       /**< Length of @c identity */
    const uint8_t *server_key; /**< 0/x/4: server public key or cert */
    size_t server_key_len;     /**< Length of @c server_key */
    const uint8_t *secret_key; /**< 0/x/5: PSK or private key */
    size_t secret_key_len;     /**< Length of @c secret_key */
    uint8_t certificate_usage; /**< 0/x/15 (default 3, domain-issued) */
    const char *sni;           /**< 0/x/14, or NULL */
} lwc_transport_params_t;

/**
 * Creates transports for the client. The application owns the factory and
 * whatever pool the transports come from.
 */
typedef struct {
    /** Passed first to both functions. */
    void *ctx;
    /**
     * Open a transport to the peer described by @p params and fill @p out.
     * Must not block for long (host-name resolution in the POSIX port is the
     * documented exception).
     * @return LWC_OK; LWC_ERR_NO_SPACE when the pool is empty;
     *         LWC_ERR_UNSUPPORTED for a scheme or security mode it does not
     *         offer; LWC_ERR_NOT_FOUND when the host does not resolve;
     *         another negative code on failure.
     */
    int (*open)(void *ctx, const lwc_transport_params_t *params,
                lwc_transport_t *out);
    /** Close @p t (if open) and give its memory back to the pool. */
    void (*release)(void *ctx, lwc_transport_t *t);
} lwc_transport_factory_t;

#ifdef __cplusplus
}
#endif

#endif /* LWC_TRANSPORT_H */
