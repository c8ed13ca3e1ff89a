/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Why a DTLS handshake or session failed, in words a firmware engineer can
 * act on: the alert the server sent (RFC 5246 §7.2, RFC 4279 §2), the
 * certificate check that failed, or the Mbed TLS error. Works without
 * MBEDTLS_ERROR_C, which small builds leave out.
 */
#include "dtls_internal.h"

#include <stdbool.h>
#include <string.h>

#include <mbedtls/net_sockets.h>

#include <lwc/errors.h>

#include "util/log.h"

typedef struct {
    int code;
    const char *text;
} name_t;

static const char *lookup(const name_t *table, size_t n, int code,
                          const char *fallback)
{
    for (size_t i = 0; i < n; i++) {
        if (table[i].code == code) {
            return table[i].text;
        }
    }
    return fallback;
}

/* RFC 5246 §7.2 and RFC 4279 §2 alert descriptions. */
static const char *alert_name(int alert)
{
    static const name_t names[] = {
        {10, "unexpected_message"},      {20, "bad_record_mac"},
        {40, "handshake_failure"},       {42, "bad_certificate"},
        {43, "unsupported_certificate"}, {44, "certificate_revoked"},
        {45, "certificate_expired"},     {46, "certificate_unknown"},
        {47, "illegal_parameter"},       {48, "unknown_ca"},
        {49, "access_denied"},           {50, "decode_error"},
        {51, "decrypt_error"},           {70, "protocol_version"},
        {71, "insufficient_security"},   {80, "internal_error"},
        {90, "user_canceled"},           {110, "unsupported_extension"},
        {112, "unrecognized_name"},      {115, "unknown_psk_identity"},
    };
    return lookup(names, sizeof(names) / sizeof(names[0]), alert, "?");
}

static const char *error_name(int ret)
{
    static const name_t names[] = {
        {MBEDTLS_ERR_SSL_TIMEOUT, "no answer (retransmissions exhausted)"},
        {MBEDTLS_ERR_SSL_BAD_HS_FINISHED, "Finished did not verify (wrong "
                                          "PSK?)"},
        {MBEDTLS_ERR_SSL_INVALID_MAC, "record MAC failed (wrong key?)"},
        {MBEDTLS_ERR_SSL_NO_USABLE_CIPHERSUITE, "no common ciphersuite"},
        {MBEDTLS_ERR_SSL_BAD_HS_SERVER_HELLO, "bad ServerHello (no common "
                                              "ciphersuite?)"},
        {MBEDTLS_ERR_SSL_CA_CHAIN_REQUIRED, "no CA chain configured"},
        {MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE, "bad server Certificate"},
        {MBEDTLS_ERR_SSL_PK_TYPE_MISMATCH, "key does not fit the suite"},
        {MBEDTLS_ERR_SSL_ALLOC_FAILED, "out of memory"},
        {MBEDTLS_ERR_SSL_CONN_EOF, "transport closed"},
        {MBEDTLS_ERR_NET_SEND_FAILED, "transport send failed"},
        {MBEDTLS_ERR_NET_RECV_FAILED, "transport receive failed"},
        {MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE, "unexpected message"},
        {MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY, "server sent close_notify"},
    };
    return lookup(names, sizeof(names) / sizeof(names[0]), ret, NULL);
}

#if defined(MBEDTLS_X509_CRT_PARSE_C)
/* The most telling reason among the X.509 verification flags. */
static const char *verify_reason(uint32_t flags)
{
    static const struct {
        uint32_t flag;
        const char *text;
    } reasons[] = {
        {MBEDTLS_X509_BADCERT_CN_MISMATCH, "name does not match"},
        {MBEDTLS_X509_BADCERT_EXPIRED, "expired"},
        {MBEDTLS_X509_BADCERT_FUTURE, "not yet valid"},
        {MBEDTLS_X509_BADCERT_REVOKED, "revoked"},
        {MBEDTLS_X509_BADCERT_NOT_TRUSTED,
         "not trusted (unknown CA or not the pinned certificate)"},
        {MBEDTLS_X509_BADCERT_KEY_USAGE | MBEDTLS_X509_BADCERT_EXT_KEY_USAGE,
         "key usage does not allow TLS server"},
        {MBEDTLS_X509_BADCERT_BAD_MD | MBEDTLS_X509_BADCERT_BAD_PK |
             MBEDTLS_X509_BADCERT_BAD_KEY,
         "weak key or algorithm"},
    };

    for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++) {
        if (flags & reasons[i].flag) {
            return reasons[i].text;
        }
    }
    return "rejected";
}
#endif

/* A full handshake waiting for the server's last flight: we sent our
 * Finished (RFC 5246 §7.4.9), the server did not answer it. */
static bool sent_finished(const lwc_mbedtls_dtls_t *d)
{
    return d->full_handshake &&
           (d->ssl.state == MBEDTLS_SSL_SERVER_NEW_SESSION_TICKET ||
            d->ssl.state == MBEDTLS_SSL_SERVER_CHANGE_CIPHER_SPEC ||
            d->ssl.state == MBEDTLS_SSL_SERVER_FINISHED);
}

/* Failures whose reason needs the session's state, or false. */
static bool describe_state(lwc_mbedtls_dtls_t *d, int mbed_err)
{
    lwc_mbedtls_failure_t *f = &d->failure;

    if (mbed_err == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE) {
        f->alert = d->ssl.in_msg ? d->ssl.in_msg[1] : -1;
        lwci_format(f->reason, sizeof(f->reason),
                    "server sent fatal alert %d (%s)", f->alert,
                    alert_name(f->alert));
        return true;
    }
    if (mbed_err == MBEDTLS_ERR_SSL_TIMEOUT && sent_finished(d)) {
        /* Our Finished went unanswered: a server that cannot verify it
         * drops it silently (RFC 6347 §4.1.2.7). */
        lwci_format(f->reason, sizeof(f->reason),
                    "no answer to our Finished (%s?)",
                    d->mode == LWC_SECURITY_PSK ? "wrong PSK key"
                                                : "client certificate refused");
        return true;
    }
#if defined(MBEDTLS_X509_CRT_PARSE_C)
    if (mbed_err == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED) {
        f->verify_flags = mbedtls_ssl_get_verify_result(&d->ssl);
        lwci_format(f->reason, sizeof(f->reason),
                    "server certificate %s (flags 0x%x)",
                    verify_reason(f->verify_flags), (unsigned)f->verify_flags);
        return true;
    }
#endif
    return false;
}

/* The reason of @p mbed_err in words, into d->failure. */
static void describe(lwc_mbedtls_dtls_t *d, int mbed_err)
{
    lwc_mbedtls_failure_t *f = &d->failure;
    const char *name = error_name(mbed_err);

    if (describe_state(d, mbed_err)) {
        return;
    }
    if (!name) {
        lwci_format(f->reason, sizeof(f->reason), "Mbed TLS error -0x%x",
                    (unsigned)-mbed_err);
    } else if ((mbed_err == MBEDTLS_ERR_NET_SEND_FAILED ||
                mbed_err == MBEDTLS_ERR_NET_RECV_FAILED) &&
               d->io_err) {
        lwci_format(f->reason, sizeof(f->reason), "%s (%s)", name,
                    lwc_strerror(d->io_err));
    } else {
        lwci_format(f->reason, sizeof(f->reason), "%s", name);
    }
}

void lwci_mbedtls_record_failure(lwc_mbedtls_dtls_t *d, const char *what,
                                 int mbed_err, int err)
{
    lwc_mbedtls_failure_t *f = &d->failure;

    memset(f, 0, sizeof(*f));
    f->err = err;
    f->mbedtls_err = mbed_err;
    f->alert = -1;
    f->short_server_id = d->ssid;
    describe(d, mbed_err);
    LWCI_WARN(d->cfg.platform, "dtls", "%s: %s", what, f->reason);
}

int lwci_mbedtls_handshake_err(const lwc_mbedtls_dtls_t *d, int mbed_err)
{
    switch (mbed_err) {
    case MBEDTLS_ERR_SSL_TIMEOUT:
        return LWC_ERR_TIMEOUT;
    case MBEDTLS_ERR_SSL_ALLOC_FAILED:
        return LWC_ERR_NO_SPACE;
    case MBEDTLS_ERR_NET_SEND_FAILED:
    case MBEDTLS_ERR_NET_RECV_FAILED:
    case MBEDTLS_ERR_SSL_CONN_EOF:
        return d->io_err ? d->io_err : LWC_ERR_IO;
    default:
        return LWC_ERR_HANDSHAKE;
    }
}
