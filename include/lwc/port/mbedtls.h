/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file mbedtls.h
 * @brief DTLS 1.2 (RFC 6347) on Mbed TLS 2.28: a transport decorator over any
 * datagram transport, and a transport factory that adds it for coaps://.
 *
 * Built as the separate library @c lwc_mbedtls (CMake target
 * @c lwc::mbedtls) when the CMake option LWC_WITH_MBEDTLS is ON and Mbed
 * TLS is found. docs/dtls.md describes the security modes and the Mbed TLS
 * configuration it needs.
 *
 * A @ref lwc_mbedtls_rng_t is the random generator (CTR-DRBG over an
 * entropy pool): one per process or per factory, shared by every session.
 * A @ref lwc_mbedtls_dtls_t holds one DTLS session (the Mbed TLS SSL
 * context and configuration, the handshake timer, the parsed keys and
 * certificates, and the reason of its last failure). It wraps an inner
 * @ref lwc_transport_t, such as the POSIX UDP transport or a modem's socket,
 * and is itself an @ref lwc_transport_t:
 * - @c connect drives the handshake without blocking and reports when it
 *   must be called again (the retransmission timer, RFC 6347 §4.2.4);
 * - @c send and @c recv carry one CoAP message per DTLS record;
 * - @c close sends close_notify and keeps the session, so that the next
 *   @c connect tries an abbreviated handshake (session resumption, RFC 5246
 *   §7.3) and falls back to a full one when the server forgot it.
 *
 * lwc keeps no global state: everything lives in caller-owned structures.
 * Mbed TLS itself allocates its record buffers and certificate copies with
 * its own calloc (see MBEDTLS_PLATFORM_MEMORY and MBEDTLS_MEMORY_BUFFER_ALLOC_C
 * to bound that on a device).
 *
 * @code
 * static lwc_posix_udp_factory_t udp;
 * static lwc_mbedtls_rng_t rng;
 * static lwc_mbedtls_dtls_t dtls_pool[LWC_MAX_SERVERS + 1];
 * static lwc_mbedtls_factory_t dtls;
 * lwc_transport_factory_t udp_factory;
 * lwc_mbedtls_config_t tls_cfg = {
 *     .now_ms = my_clock, .platform = &my_platform, .rng = &rng,
 * };
 * lwc_mbedtls_rng_init(&rng, &my_platform);
 * lwc_posix_udp_factory_init(&udp, 0, &udp_factory);
 * lwc_mbedtls_factory_init(&dtls, &tls_cfg, &udp_factory, dtls_pool,
 *                          LWC_MAX_SERVERS + 1, &client_cfg.transports);
 * @endcode
 */
#ifndef LWC_PORT_MBEDTLS_H
#define LWC_PORT_MBEDTLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/ssl.h>
#if defined(MBEDTLS_X509_CRT_PARSE_C)
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>
#endif

#include <lwc/platform.h>
#include <lwc/transport.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Default initial handshake retransmission timeout (RFC 6347 §4.2.4.1). */
#define LWC_MBEDTLS_HS_TIMEOUT_MIN_MS 1000u
/** Default largest handshake retransmission timeout (RFC 6347 §4.2.4.1). */
#define LWC_MBEDTLS_HS_TIMEOUT_MAX_MS 60000u

/**
 * The random generator of the DTLS sessions: a CTR-DRBG (NIST SP 800-90A)
 * seeded from an Mbed TLS entropy pool. Caller-owned, usually static, one
 * per process (or per factory): sessions only keep a pointer to it, so a
 * session stays small even where the entropy pool is large (Debian's Mbed
 * TLS embeds the 32 KB HAVEGE state in it). It must stay at the same
 * address, and outlive every session that uses it. Its fields are private.
 * Not thread-safe: use it from the thread that steps the client.
 */
typedef struct {
    bool seeded;                     /**< Between init and deinit. */
    const lwc_platform_t *platform;  /**< Its @c random is an entropy source. */
    mbedtls_entropy_context entropy; /**< Entropy pool. */
    mbedtls_ctr_drbg_context drbg;   /**< The generator the sessions use. */
} lwc_mbedtls_rng_t;

/**
 * @brief Set up and seed @p rng. Never blocks (beyond what the entropy
 * sources do: the platform's, e.g. getrandom(), and @p platform->random).
 *
 * The entropy pool gets Mbed TLS's own sources for the build (the OS, or
 * MBEDTLS_ENTROPY_HARDWARE_ALT) and, when @p platform and its @c random
 * hook are given, that hook as a strong source: a device without another
 * source needs it (docs/mbedtls_config_psk.h).
 *
 * @param rng      Caller-owned state, zeroed or deinitialised; overwritten.
 * @param platform Optional; kept by pointer (its @c random is called when
 *                 the generator reseeds), so it must outlive @p rng.
 * @return LWC_OK; LWC_ERR_INVALID_ARG when @p rng is NULL; LWC_ERR_STATE
 *         when @p rng is already seeded; LWC_ERR_NO_SPACE when the pool
 *         has no room for another source (MBEDTLS_ENTROPY_MAX_SOURCES);
 *         LWC_ERR_IO when seeding failed (no entropy source delivered
 *         enough). On failure @p rng is left deinitialised.
 */
int lwc_mbedtls_rng_init(lwc_mbedtls_rng_t *rng,
                         const lwc_platform_t *platform);

/**
 * @brief Free @p rng. Call after every session that uses it is
 * deinitialised. Safe on a zeroed or deinitialised generator and twice.
 * Never blocks.
 */
void lwc_mbedtls_rng_deinit(lwc_mbedtls_rng_t *rng);

/**
 * Settings shared by every DTLS session made with them. Copied by
 * lwc_mbedtls_dtls_init() and lwc_mbedtls_factory_init(); the pointers in it
 * are kept and must outlive the sessions.
 */
typedef struct {
    /**
     * Required: the current monotonic time in milliseconds, the same clock
     * as the @c now_ms given to lwc_client_step(). Mbed TLS reads its
     * handshake timers through it, also from @c send and @c recv, which
     * have no time argument.
     */
    int64_t (*now_ms)(void *ctx);
    /** Passed to @c now_ms. */
    void *clock_ctx;
    /**
     * Required: the seeded random generator (lwc_mbedtls_rng_init()) for
     * every session made with these settings. Kept by pointer.
     */
    lwc_mbedtls_rng_t *rng;
    /**
     * Optional: its @c log hook gets one line per handshake failure,
     * naming the reason (module "dtls"), and one per completed handshake.
     * Kept by pointer.
     */
    const lwc_platform_t *platform;
    /**
     * First handshake retransmission timeout; 0 means
     * @ref LWC_MBEDTLS_HS_TIMEOUT_MIN_MS. It doubles on every
     * retransmission (mbedtls_ssl_conf_handshake_timeout()).
     */
    uint32_t hs_timeout_min_ms;
    /**
     * Largest retransmission timeout; once exceeded the handshake fails with
     * LWC_ERR_TIMEOUT. 0 means @ref LWC_MBEDTLS_HS_TIMEOUT_MAX_MS.
     */
    uint32_t hs_timeout_max_ms;
    /**
     * Largest datagram the inner transport carries (IP MTU minus IP and UDP
     * headers, e.g. 1232 for IPv6's minimum MTU); handshake messages are
     * fragmented to fit (mbedtls_ssl_set_mtu()). 0 leaves Mbed TLS's
     * default (no limit beyond its buffer sizes).
     */
    uint16_t mtu;
    /**
     * Optional zero-terminated list of Mbed TLS ciphersuite IDs for PSK mode;
     * NULL gives TLS_PSK_WITH_AES_128_CCM_8 and
     * TLS_PSK_WITH_AES_128_CBC_SHA256 (LwM2M 1.1 Transport §5.2.8.2).
     * Kept by pointer.
     */
    const int *psk_ciphersuites;
    /**
     * Optional zero-terminated list for Certificate mode; NULL gives
     * TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8,
     * TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 and
     * TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 (LwM2M 1.1 Transport
     * §5.2.8.4). Kept by pointer.
     */
    const int *cert_ciphersuites;
#if defined(MBEDTLS_X509_CRT_PARSE_C)
    /**
     * Optional trust store (e.g. the system's CA certificates) for the
     * PKIX validation that Certificate Usage 0 and 1 (0/x/15) ask for.
     * Without it those usages validate against the certificate in 0/x/4
     * itself; see docs/dtls.md. Kept by pointer, never modified.
     */
    mbedtls_x509_crt *trust_store;
#endif
    /**
     * Ask the server for a DTLS Connection ID (RFC 9146). Honoured only when
     * Mbed TLS is built with MBEDTLS_SSL_DTLS_CONNECTION_ID (Debian's is
     * not); ignored otherwise. Note that Mbed TLS 2.28 implements a draft
     * of the extension (type 254), not the RFC's code point 54.
     */
    bool use_connection_id;
} lwc_mbedtls_config_t;

/** Life-cycle state of a @ref lwc_mbedtls_dtls_t (read-only for users). */
typedef enum {
    LWC_MBEDTLS_IDLE = 0,    /**< Not connected (after init or close). */
    LWC_MBEDTLS_HANDSHAKING, /**< connect() is driving the handshake. */
    LWC_MBEDTLS_CONNECTED,   /**< Handshake done; send/recv work. */
    LWC_MBEDTLS_FAILED       /**< Handshake or session failed; close it. */
} lwc_mbedtls_state_t;

/** Longest failure reason (lwc_mbedtls_failure_t::reason), with its NUL. */
#define LWC_MBEDTLS_REASON_MAX 96

/**
 * Why a DTLS handshake or session failed, for the application (the same
 * words are logged). See lwc_mbedtls_dtls_failure() and
 * lwc_mbedtls_factory_failure().
 */
typedef struct {
    /** The LWC_ERR_* code the transport returned; LWC_OK: no failure. */
    int err;
    /** The Mbed TLS error code (negative), 0 when there was none. */
    int mbedtls_err;
    /** Alert description the server sent (RFC 5246 §7.2), or -1. */
    int alert;
    /** MBEDTLS_X509_BADCERT_* flags of a rejected server certificate. */
    uint32_t verify_flags;
    /** The server account (lwc_transport_params_t::short_server_id). */
    uint16_t short_server_id;
    /**
     * In words, e.g. "server sent fatal alert 115 (unknown_psk_identity)",
     * "server certificate not trusted (unknown CA or not the pinned
     * certificate) (flags 0x8)" or "no answer (retransmissions exhausted)".
     */
    char reason[LWC_MBEDTLS_REASON_MAX];
} lwc_mbedtls_failure_t;

/**
 * One DTLS session over an inner transport. Caller-owned (static or in a
 * pool); its fields are private. It must stay at the same address between
 * lwc_mbedtls_dtls_init() and lwc_mbedtls_dtls_deinit(). Its size depends
 * on the Mbed TLS configuration (docs/dtls.md, "Memory").
 */
typedef struct {
    bool in_use;               /**< Between init and deinit. */
    bool cached;               /**< Factory pool: released, session kept. */
    lwc_mbedtls_state_t state; /**< See @ref lwc_mbedtls_state_t. */
    lwc_mbedtls_config_t cfg;  /**< Copy of the settings. */
    lwc_transport_t inner;     /**< The wrapped datagram transport. */
    lwc_security_mode_t mode;  /**< PSK or Certificate. */
    uint8_t cert_usage;        /**< 0/x/15. */
    uint16_t ssid;             /**< Short Server ID, for the failure. */
    bool pinned_seen;          /**< Usage 0: pinned CA was in the chain. */
    bool has_session;          /**< @c session holds a resumable one. */
    bool resumed;              /**< Last handshake was abbreviated. */
    bool full_handshake;       /**< Current handshake is a full one. */
    int fail_err;              /**< LWC_ERR_* kept while FAILED. */
    int io_err;                /**< Last inner-transport error. */
    bool io_got_data;          /**< A datagram reached Mbed TLS. */
    int64_t timer_start_ms;    /**< When the handshake timer was set. */
    uint32_t timer_int_ms;     /**< Intermediate delay, 0 if cancelled. */
    uint32_t timer_fin_ms;     /**< Final delay, 0 if cancelled. */
    uint8_t cache_tag[32];     /**< Factory: hash of peer and credentials. */
    lwc_mbedtls_failure_t failure; /**< The last failure, err LWC_OK if none. */
    mbedtls_ssl_config conf;       /**< Per-session configuration. */
    mbedtls_ssl_context ssl;       /**< The DTLS connection. */
    mbedtls_ssl_session session;   /**< Kept for resumption. */
#if defined(MBEDTLS_X509_CRT_PARSE_C)
    char hostname[256];          /**< SNI / certificate name, or "". */
    mbedtls_x509_crt own_cert;   /**< Client certificate (0/x/3). */
    mbedtls_pk_context own_key;  /**< Client private key (0/x/5). */
    mbedtls_x509_crt server_crt; /**< Server cert or CA (0/x/4). */
#endif
} lwc_mbedtls_dtls_t;

/**
 * @brief Set up a DTLS session with the security settings of @p params over
 * the already-open transport @p inner, and fill @p out with the DTLS
 * transport. Nothing is sent until the first @c connect. Never blocks.
 *
 * Supported @c params->mode values:
 * - LWC_SECURITY_PSK: identity 0/x/3 and key 0/x/5 (at most
 *   MBEDTLS_PSK_MAX_LEN bytes).
 * - LWC_SECURITY_CERTIFICATE: client certificate 0/x/3 (DER), private key
 *   0/x/5 (DER: PKCS#8, SEC1 or PKCS#1), server certificate or CA 0/x/4 (DER
 *   or PEM) checked according to @c certificate_usage 0..3 (0/x/15). The
 *   name checked and sent as SNI is @c params->sni, else @c params->host
 *   unless it is an IP literal. Needs MBEDTLS_X509_CRT_PARSE_C.
 * - LWC_SECURITY_RPK and LWC_SECURITY_CERT_EST: LWC_ERR_UNSUPPORTED (Mbed
 *   TLS 2.28 has no RFC 7250 raw public keys).
 *
 * The transport's operations:
 * - @c connect: connects @p inner, then drives the handshake. LWC_OK when
 *   done; LWC_ERR_WOULD_BLOCK with @c *wake_ms set to the retransmission
 *   deadline while in progress; LWC_ERR_HANDSHAKE on a fatal alert, a
 *   rejected certificate, a wrong PSK (when the server says so) and other
 *   protocol failures, each logged with its reason (also kept, see
 *   lwc_mbedtls_dtls_failure()); LWC_ERR_TIMEOUT when the largest
 *   retransmission timeout passed; LWC_ERR_IO or the inner
 *   transport's code when it failed. After a failure it keeps returning
 *   that code until @c close.
 * - @c send: LWC_OK; LWC_ERR_STATE before the handshake completed;
 *   LWC_ERR_TOO_LARGE when @p len exceeds one record's payload;
 *   LWC_ERR_WOULD_BLOCK; LWC_ERR_CLOSED after a failure.
 * - @c recv: LWC_OK with one decrypted datagram; LWC_ERR_WOULD_BLOCK when
 *   none is waiting (records that carry no application data are consumed);
 *   LWC_ERR_TOO_LARGE when one larger than @c cap was discarded;
 *   LWC_ERR_CLOSED when the server sent close_notify or a fatal alert
 *   (connect again); LWC_ERR_STATE before the handshake completed.
 * - @c close: sends close_notify when connected, closes @p inner, keeps the
 *   session for resumption.
 * - @c get_fd: the inner transport's descriptor.
 *
 * @param d          Caller-owned state, zeroed (static storage is) or
 *                   deinitialised; overwritten.
 * @param cfg        Settings; copied (its pointers are kept).
 * @param inner      The datagram transport to wrap; copied. It stays owned
 *                   by the caller, who releases it after deinit.
 * @param params     Security settings; the key material is parsed or copied
 *                   and nothing in @p params is kept.
 * @param[out] out   The DTLS transport (ctx is @p d).
 * @return LWC_OK;
 *         LWC_ERR_STATE when @p d is in use (initialised, not deinitialised);
 *         LWC_ERR_INVALID_ARG for a NULL pointer, a missing @c now_ms, a
 *         missing or unseeded @c rng, an empty or too long PSK or
 *         identity, an unknown certificate usage, or a host name longer
 *         than 255 bytes;
 *         LWC_ERR_UNSUPPORTED for NoSec, RPK, Certificate with EST, or
 *         Certificate mode in a build without X.509;
 *         LWC_ERR_MALFORMED when a certificate or key does not parse;
 *         LWC_ERR_NO_SPACE when Mbed TLS ran out of memory.
 *         On failure @p d is left deinitialised.
 */
int lwc_mbedtls_dtls_init(lwc_mbedtls_dtls_t *d,
                          const lwc_mbedtls_config_t *cfg,
                          const lwc_transport_t *inner,
                          const lwc_transport_params_t *params,
                          lwc_transport_t *out);

/**
 * @brief Free everything @p d holds (without sending close_notify and
 * without touching the inner transport). Safe on a zeroed or deinitialised
 * state and twice. Never blocks.
 */
void lwc_mbedtls_dtls_deinit(lwc_mbedtls_dtls_t *d);

/**
 * @brief Whether the most recent successful handshake of @p d resumed the
 * previous session (an abbreviated handshake) rather than running a full
 * one. Never blocks.
 *
 * @return true after an abbreviated handshake; false after a full one,
 *         before any handshake, or when @p d is NULL.
 */
bool lwc_mbedtls_dtls_resumed(const lwc_mbedtls_dtls_t *d);

/**
 * @brief Forget the session kept for resumption, so that the next connect
 * runs a full handshake. Never blocks.
 */
void lwc_mbedtls_dtls_forget_session(lwc_mbedtls_dtls_t *d);

/**
 * @brief Why the handshake or session of @p d failed. The record is made
 * when connect(), send() or recv() fails (the same words are logged at
 * warning level) and stays until the next connect() starts a handshake,
 * also across close(). Never blocks.
 *
 * @return The failure, owned by @p d; NULL when @p d is NULL, not
 *         initialised, or has not failed.
 */
const lwc_mbedtls_failure_t *
lwc_mbedtls_dtls_failure(const lwc_mbedtls_dtls_t *d);

/**
 * A transport factory that adds DTLS for coaps:// on top of another
 * factory (e.g. the POSIX UDP factory) and passes coap:// through to it.
 * Caller-owned, usually static; its fields are private. It must stay at the
 * same address and outlive the client that uses it.
 *
 * Sessions outlive their transports: when the client releases a DTLS
 * transport (after a failed exchange, or when it reconnects), the factory
 * keeps the session in the pool entry, and the next @c open for the same
 * server (scheme, host, port, Short Server ID) with the same security
 * settings offers it for an abbreviated handshake (RFC 5246 §7.3). A
 * server that lost it answers with a full handshake at no extra cost. A
 * session is dropped after a failed handshake or a fatal alert, when its
 * entry is needed for another server, and at lwc_mbedtls_factory_deinit().
 */
typedef struct {
    lwc_mbedtls_config_t cfg;      /**< Copied settings. */
    lwc_transport_factory_t inner; /**< Opens the datagram transports. */
    lwc_mbedtls_dtls_t *pool;      /**< Caller-owned DTLS sessions. */
    size_t pool_len;               /**< Entries in @c pool. */
} lwc_mbedtls_factory_t;

/**
 * @brief Initialise @p f and fill @p out with a factory that, for
 * LWC_SCHEME_COAPS, opens a datagram transport from @p inner and wraps it in
 * a DTLS session from @p pool, and passes every other scheme unchanged to
 * @p inner. Never blocks.
 *
 * For coaps:// the inner factory is asked for a LWC_SCHEME_COAP,
 * LWC_SECURITY_NOSEC transport to the same host and port, without key
 * material. The factory's @c open returns LWC_ERR_NO_SPACE when every pool
 * entry is in use, what the inner factory returned when it failed, and
 * what lwc_mbedtls_dtls_init() returned otherwise (releasing the inner
 * transport again). Its @c release closes a DTLS session (close_notify),
 * frees it except for the resumable session and the failure record, and
 * releases its inner transport, or hands a passed-through transport to the
 * inner factory's @c release.
 *
 * @param f        Caller-owned factory state; overwritten.
 * @param cfg      Settings for every DTLS session; copied.
 * @param inner    The datagram factory; copied.
 * @param pool     Caller-owned sessions, zeroed here; kept by pointer.
 * @param pool_len Number of entries in @p pool (at least 1).
 * @param[out] out The factory (ctx is @p f), for
 *                 @ref lwc_client_config_t::transports.
 * @return LWC_OK; LWC_ERR_INVALID_ARG for a NULL pointer, an empty pool, a
 *         missing @c cfg->now_ms, a missing or unseeded @c cfg->rng, or an
 *         inner factory without @c open.
 */
int lwc_mbedtls_factory_init(lwc_mbedtls_factory_t *f,
                             const lwc_mbedtls_config_t *cfg,
                             const lwc_transport_factory_t *inner,
                             lwc_mbedtls_dtls_t *pool, size_t pool_len,
                             lwc_transport_factory_t *out);

/**
 * @brief Close and deinitialise every DTLS session still in use in @p f's
 * pool, release their inner transports to the inner factory, and drop the
 * sessions kept for resumption. Call after lwc_client_deinit() and before
 * deinitialising the inner factory. Safe on a zeroed factory and twice.
 * Never blocks.
 */
void lwc_mbedtls_factory_deinit(lwc_mbedtls_factory_t *f);

/**
 * @brief Why the last DTLS transport of server @p short_server_id failed,
 * for an application that wants to tell its user more than the event's
 * reason code: call it from the client's @c on_event for
 * LWC_EVENT_REGISTRATION_FAILED (the client has released the transport by
 * then; the record is kept until the factory opens the next transport for
 * that server). Never blocks.
 *
 * @return The failure, owned by @p f; NULL when @p f is NULL or that
 *         server's last DTLS transport did not fail.
 */
const lwc_mbedtls_failure_t *
lwc_mbedtls_factory_failure(const lwc_mbedtls_factory_t *f,
                            uint16_t short_server_id);

#ifdef __cplusplus
}
#endif

#endif /* LWC_PORT_MBEDTLS_H */
