/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * lwc-client's DTLS set-up. The security mode comes from the options
 * (LwM2M 1.1 Core E.1, 0/x/2): PSK with --psk-identity/--psk-key,
 * Certificate with --cert/--key/--server-cert; the Security object stores
 * DER (Transport 1.1 §5.2.8.4), so PEM files are converted here with Mbed
 * TLS's parsers.
 */
#include "dtls.h"

#include <stdio.h>
#include <string.h>

#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>

#include <lwc/errors.h>
#include <lwc/port/posix.h>

/* Reads @p path into x->file, NUL-terminated; its length, or -1. */
static long read_file(example_dtls_t *x, const char *path)
{
    FILE *f = fopen(path, "rb");
    size_t n;

    if (!f) {
        perror(path);
        return -1;
    }
    n = fread(x->file, 1, EXAMPLE_FILE_MAX + 1, f);
    fclose(f);
    if (n == 0 || n > EXAMPLE_FILE_MAX) {
        fprintf(stderr, "%s: empty, unreadable or larger than %d bytes\n", path,
                EXAMPLE_FILE_MAX);
        return -1;
    }
    x->file[n] = '\0';
    return (long)n;
}

static bool is_pem(const example_dtls_t *x)
{
    return strstr((const char *)x->file, "-----BEGIN ") != NULL;
}

/* The first certificate of a PEM or DER file, as DER. */
static int load_cert(example_dtls_t *x, const char *path, uint8_t *out,
                     size_t *out_len)
{
    mbedtls_x509_crt crt;
    long n = read_file(x, path);
    int ret;

    if (n < 0) {
        return -1;
    }
    mbedtls_x509_crt_init(&crt);
    ret = is_pem(x) ? mbedtls_x509_crt_parse(&crt, x->file, (size_t)n + 1)
                    : mbedtls_x509_crt_parse_der(&crt, x->file, (size_t)n);
    if (ret != 0 || crt.raw.len == 0 || crt.raw.len > EXAMPLE_DER_MAX) {
        fprintf(stderr, "%s: not a usable PEM or DER certificate (-0x%x)\n",
                path, (unsigned)-ret);
        mbedtls_x509_crt_free(&crt);
        return -1;
    }
    memcpy(out, crt.raw.p, crt.raw.len);
    *out_len = crt.raw.len;
    mbedtls_x509_crt_free(&crt);
    return 0;
}

/* A PEM or DER private key, as DER (SEC1 for EC keys, PKCS#1 for RSA). */
static int load_key(example_dtls_t *x, const char *path, uint8_t *out,
                    size_t *out_len)
{
    mbedtls_pk_context pk;
    long n = read_file(x, path);
    int ret;

    if (n < 0) {
        return -1;
    }
    mbedtls_pk_init(&pk);
    ret = mbedtls_pk_parse_key(&pk, x->file, (size_t)n + (is_pem(x) ? 1 : 0),
                               NULL, 0);
    if (ret == 0) {
        /* Written at the end of the buffer. */
        ret = mbedtls_pk_write_key_der(&pk, out, EXAMPLE_DER_MAX);
    }
    mbedtls_pk_free(&pk);
    memset(x->file, 0, sizeof(x->file));
    if (ret <= 0) {
        fprintf(stderr, "%s: not a usable PEM or DER private key (-0x%x)\n",
                path, (unsigned)-ret);
        return -1;
    }
    memmove(out, out + EXAMPLE_DER_MAX - (size_t)ret, (size_t)ret);
    *out_len = (size_t)ret;
    return 0;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

static int parse_hex(const char *hex, uint8_t *out, size_t cap, size_t *len)
{
    size_t n = strlen(hex);

    if (n == 0 || n % 2 != 0 || n / 2 > cap) {
        fprintf(stderr,
                "invalid PSK key '%s': an even number of hex digits "
                "needed\n",
                hex);
        return -1;
    }
    for (size_t i = 0; i < n / 2; i++) {
        int hi = hex_value(hex[2 * i]);
        int lo = hex_value(hex[2 * i + 1]);

        if (hi < 0 || lo < 0) {
            fprintf(stderr, "invalid PSK key '%s': not hex\n", hex);
            return -1;
        }
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    *len = n / 2;
    return 0;
}

/* The Security object's key resources hold LWC_SECURITY_KEY_MAX bytes. */
static int check_fits(const char *what, size_t len)
{
    if (len <= LWC_SECURITY_KEY_MAX) {
        return 0;
    }
    fprintf(stderr,
            "%s is %zu bytes, but this lwc build's Security object holds at "
            "most %d bytes per key resource: rebuild lwc with a larger "
            "LWC_SECURITY_KEY_MAX (e.g. in the file given as "
            "-DLWC_USER_CONFIG=...)\n",
            what, len, (int)LWC_SECURITY_KEY_MAX);
    return -1;
}

static int psk_credentials(example_dtls_t *x, const options_t *o,
                           lwc_security_instance_t *sec)
{
    size_t id_len = strlen(o->psk_identity);

    if (id_len == 0 || check_fits("the PSK identity", id_len) != 0) {
        return -1;
    }
    if (parse_hex(o->psk_key_hex, x->secret_key, sizeof(x->secret_key),
                  &sec->secret_key_len) != 0 ||
        check_fits("the PSK key", sec->secret_key_len) != 0) {
        return -1;
    }
    memcpy(x->identity, o->psk_identity, id_len);
    sec->security_mode = LWC_SECURITY_MODE_PSK;
    sec->public_key_or_identity = x->identity;
    sec->public_key_or_identity_len = id_len;
    sec->secret_key = x->secret_key;
    return 0;
}

static int cert_credentials(example_dtls_t *x, const options_t *o,
                            lwc_security_instance_t *sec)
{
    if (load_cert(x, o->cert_file, x->identity,
                  &sec->public_key_or_identity_len) != 0 ||
        load_key(x, o->key_file, x->secret_key, &sec->secret_key_len) != 0 ||
        load_cert(x, o->server_cert_file, x->server_key,
                  &sec->server_public_key_len) != 0) {
        return -1;
    }
    sec->security_mode = LWC_SECURITY_MODE_CERTIFICATE;
    sec->public_key_or_identity = x->identity;
    sec->server_public_key = x->server_key;
    sec->secret_key = x->secret_key;
    if (o->cert_usage >= 0) {
        sec->has_certificate_usage = true;
        sec->certificate_usage = (uint8_t)o->cert_usage;
    }
    if (check_fits("the client certificate (DER)",
                   sec->public_key_or_identity_len) ||
        check_fits("the private key (DER)", sec->secret_key_len) ||
        check_fits("the server certificate (DER)",
                   sec->server_public_key_len)) {
        return -1;
    }
    return 0;
}

int example_dtls_credentials(example_dtls_t *x, const options_t *o,
                             lwc_security_instance_t *sec)
{
    sec->security_mode = LWC_SECURITY_MODE_NOSEC;
    sec->sni = o->sni;
    if (o->psk_identity) {
        return psk_credentials(x, o, sec);
    }
    if (o->cert_file) {
        return cert_credentials(x, o, sec);
    }
    return 0;
}

/* Mbed TLS's handshake timers read the same clock as lwc_client_step(). */
static int64_t clock_ms(void *ctx)
{
    (void)ctx;
    return lwc_posix_now_ms();
}

int example_dtls_init(example_dtls_t *x, const options_t *o,
                      const lwc_platform_t *pf,
                      const lwc_transport_factory_t *udp,
                      lwc_transport_factory_t *out)
{
    lwc_mbedtls_config_t cfg = {
        .now_ms = clock_ms,
        .rng = &x->rng,
        .platform = pf,
        .hs_timeout_min_ms = o->hs_min_ms,
        .hs_timeout_max_ms = o->hs_max_ms,
        .mtu = 1232, /* IPv6 minimum MTU minus IPv6 and UDP headers */
    };
    int rc = lwc_mbedtls_rng_init(&x->rng, pf);

    if (rc == LWC_OK) {
        rc =
            lwc_mbedtls_factory_init(&x->factory, &cfg, udp, x->pool,
                                     sizeof(x->pool) / sizeof(x->pool[0]), out);
    }
    if (rc != LWC_OK) {
        fprintf(stderr, "DTLS set-up: %s\n", lwc_strerror(rc));
        return -1;
    }
    return 0;
}

void example_dtls_deinit(example_dtls_t *x)
{
    lwc_mbedtls_factory_deinit(&x->factory);
    lwc_mbedtls_rng_deinit(&x->rng);
}

const char *example_dtls_failure(const example_dtls_t *x, uint16_t ssid)
{
    const lwc_mbedtls_failure_t *f =
        lwc_mbedtls_factory_failure(&x->factory, ssid);

    return f ? f->reason : NULL;
}
