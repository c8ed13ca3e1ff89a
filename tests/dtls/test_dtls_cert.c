/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Certificate mode against an in-process Mbed TLS server that requires a
 * client certificate, with a PKI generated at test time by the openssl
 * command line (gen_certs.sh): each Certificate Usage of 0/x/15 accepts the
 * right server and rejects the wrong one with LWC_ERR_HANDSHAKE and a log
 * line that names the reason. Skipped when openssl is missing.
 */
#define _XOPEN_SOURCE 700 /* mkdtemp */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <lwc/errors.h>

#include "harness.h"

typedef struct {
    char dir[64];
    bool ok;
} pki_t;

typedef struct {
    uint8_t *data;
    size_t len;
} blob_t;

static pki_t pki;

typedef struct {
    char s[160];
} path_t;

static path_t path_of(const char *name)
{
    path_t p;
    snprintf(p.s, sizeof(p.s), "%s/%s", pki.dir, name);
    return p;
}

static blob_t load(const char *name)
{
    blob_t b = {NULL, 0};
    FILE *f = fopen(path_of(name).s, "rb");
    long n;

    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    assert_true(n > 0);
    rewind(f);
    b.data = malloc((size_t)n);
    assert_non_null(b.data);
    assert_int_equal(fread(b.data, 1, (size_t)n, f), (size_t)n);
    b.len = (size_t)n;
    fclose(f);
    return b;
}

static int group_setup(void **state)
{
    char cmd[256];

    (void)state;
    snprintf(pki.dir, sizeof(pki.dir), "/tmp/lwc-dtls-pki-XXXXXX");
    if (!mkdtemp(pki.dir)) {
        return -1;
    }
    snprintf(cmd, sizeof(cmd), "sh '%s/gen_certs.sh' '%s' >/dev/null 2>&1",
             LWC_DTLS_TEST_DIR, pki.dir);
    pki.ok = system(cmd) == 0;
    if (!pki.ok) {
        fprintf(stderr, "openssl could not make the test PKI: skipping\n");
    }
    return 0;
}

static int group_teardown(void **state)
{
    char cmd[128];

    (void)state;
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", pki.dir);
    return system(cmd) == 0 ? 0 : -1;
}

typedef struct {
    const char *server_cert; /* PEM the server presents */
    const char *client_cert; /* DER base name of ours (cli or cli2) */
    const char *pinned;      /* DER file for 0/x/4 */
    uint8_t usage;           /* 0/x/15 */
    const char *host;
    const char *sni;
    bool trust_store; /* cfg.trust_store = ca.pem */
} cert_case_t;

static lwc_transport_params_t cert_params(const cert_case_t *c, blob_t own,
                                          blob_t own_key, blob_t pin)
{
    lwc_transport_params_t p;

    memset(&p, 0, sizeof(p));
    p.scheme = LWC_SCHEME_COAPS;
    p.host = c->host;
    p.port = 5684;
    p.mode = LWC_SECURITY_CERTIFICATE;
    p.identity = own.data;
    p.identity_len = own.len;
    p.secret_key = own_key.data;
    p.secret_key_len = own_key.len;
    p.server_key = pin.data;
    p.server_key_len = pin.len;
    p.certificate_usage = c->usage;
    p.sni = c->sni;
    return p;
}

static void start_server(harness_t *h, const char *name)
{
    char file[32];
    path_t cert, key;

    snprintf(file, sizeof(file), "%s.pem", name);
    cert = path_of(file);
    snprintf(file, sizeof(file), "%s.key", name);
    key = path_of(file);
    assert_int_equal(tsrv_init_cert(&h->srv, &h->net, &h->now, cert.s, key.s,
                                    path_of("ca.pem").s, 0),
                     0);
    h->srv_up = true;
}

/* Runs one handshake of @p c; returns connect()'s result, harness in *out. */
static int run_case(const cert_case_t *c, harness_t **out)
{
    harness_t *h = h_new();
    char file[32];
    blob_t own, own_key, pin;
    lwc_transport_params_t p;
    mbedtls_x509_crt store;
    int rc;

    start_server(h, c->server_cert);
    snprintf(file, sizeof(file), "%s.der", c->client_cert);
    own = load(file);
    snprintf(file, sizeof(file), "%s.key.der", c->client_cert);
    own_key = load(file);
    pin = load(c->pinned);
    mbedtls_x509_crt_init(&store);
    if (c->trust_store) {
        assert_int_equal(
            mbedtls_x509_crt_parse_file(&store, path_of("ca.pem").s), 0);
        h->cfg.trust_store = &store;
    }
    p = cert_params(c, own, own_key, pin);
    assert_int_equal(h_open(h, &p), LWC_OK);
    /* Nothing of params is kept: free it before the handshake. */
    free(own.data);
    free(own_key.data);
    free(pin.data);
    rc = h_connect(h);
    if (rc == LWC_OK) {
        uint8_t buf[32];
        size_t len = 0;
        assert_int_equal(h_exchange(h, "cert ok", buf, sizeof(buf), &len, 5000),
                         LWC_OK);
        assert_int_equal(len, 7);
    }
    lwc_mbedtls_dtls_deinit(&h->dtls); /* before the trust store goes */
    mbedtls_x509_crt_free(&store);
    *out = h;
    return rc;
}

static void expect(const cert_case_t *c, int want, const char *log_text)
{
    harness_t *h = NULL;
    int rc;

    if (!pki.ok) {
        skip();
    }
    rc = run_case(c, &h);

    if (log_text && !h_logged(h, log_text)) {
        fprintf(stderr, "log was:\n%s", h->log);
    }
    assert_int_equal(rc, want);
    if (log_text) {
        assert_true(h_logged(h, log_text));
    }
    h_free(h);
}

/* Usage 2, trust anchor assertion: 0/x/4 is the CA. */
static void test_usage2_trusted(void **state)
{
    cert_case_t c = {"srv", "cli", "ca.der", 2, "lwm2m.test", NULL, false};
    (void)state;
    expect(&c, LWC_OK, "handshake done (full, TLS-ECDHE-ECDSA");
}

static void test_usage2_untrusted_ca(void **state)
{
    cert_case_t c = {"srv", "cli", "ca2.der", 2, "lwm2m.test", NULL, false};
    (void)state;
    expect(&c, LWC_ERR_HANDSHAKE, "server certificate not trusted");
}

static void test_usage2_name_mismatch(void **state)
{
    cert_case_t c = {"srv",        "cli",        "ca.der", 2,
                     "lwm2m.test", "other.test", false};
    (void)state;
    expect(&c, LWC_ERR_HANDSHAKE, "name does not match");
}

/* Usage 3, domain-issued certificate: 0/x/4 is the server's certificate;
 * no name or CA check, so an IP literal host works. */
static void test_usage3_pinned(void **state)
{
    cert_case_t c = {"srv", "cli", "srv.der", 3, "127.0.0.1", NULL, false};
    (void)state;
    expect(&c, LWC_OK, NULL);
}

static void test_usage3_self_signed(void **state)
{
    cert_case_t c = {"self", "cli", "self.der", 3, "lwm2m.test", NULL, false};
    (void)state;
    expect(&c, LWC_OK, NULL);
}

static void test_usage3_wrong_pin(void **state)
{
    cert_case_t c = {"srv", "cli", "self.der", 3, "lwm2m.test", NULL, false};
    (void)state;
    expect(&c, LWC_ERR_HANDSHAKE, "not the pinned certificate");
}

/* Usage 0, CA constraint: the CA in 0/x/4 must be on the path. */
static void test_usage0_ca_constraint(void **state)
{
    cert_case_t ok = {"srv", "cli", "ca.der", 0, "lwm2m.test", NULL, false};
    cert_case_t ok_store = {"srv",        "cli", "ca.der", 0,
                            "lwm2m.test", NULL,  true};
    cert_case_t bad = {"srv", "cli", "ca2.der", 0, "lwm2m.test", NULL, true};
    (void)state;
    expect(&ok, LWC_OK, NULL);
    expect(&ok_store, LWC_OK, NULL);
    expect(&bad, LWC_ERR_HANDSHAKE, "not trusted");
}

/* Usage 1, service certificate constraint: pinned and PKIX-valid. */
static void test_usage1_service_cert(void **state)
{
    cert_case_t ok = {"srv", "cli", "srv.der", 1, "lwm2m.test", NULL, true};
    cert_case_t ok_no_store = {"srv",        "cli", "srv.der", 1,
                               "lwm2m.test", NULL,  false};
    cert_case_t bad_pin = {"srv",        "cli", "self.der", 1,
                           "lwm2m.test", NULL,  true};
    cert_case_t bad_name = {"srv",        "cli",        "srv.der", 1,
                            "lwm2m.test", "other.test", true};
    (void)state;
    expect(&ok, LWC_OK, NULL);
    expect(&ok_no_store, LWC_OK, NULL);
    expect(&bad_pin, LWC_ERR_HANDSHAKE, "not trusted");
    expect(&bad_name, LWC_ERR_HANDSHAKE, "name does not match");
}

/* The server rejects our certificate (issued by another CA) with an
 * alert. */
static void test_client_cert_rejected(void **state)
{
    cert_case_t c = {"srv", "cli2", "ca.der", 2, "lwm2m.test", NULL, false};
    (void)state;
    expect(&c, LWC_ERR_HANDSHAKE, "server sent fatal alert");
}

static void test_malformed_credentials(void **state)
{
    harness_t *h = h_new();
    lwc_transport_t inner = mem_net_client(&h->net);
    uint8_t junk[40];
    blob_t own, pin;
    lwc_transport_params_t p;
    lwc_transport_t out;

    (void)state;
    if (!pki.ok) {
        free(h);
        skip();
    }
    memset(junk, 0x30, sizeof(junk));
    own = load("cli.der");
    pin = load("ca.der");
    memset(&p, 0, sizeof(p));
    p.scheme = LWC_SCHEME_COAPS;
    p.host = "lwm2m.test";
    p.mode = LWC_SECURITY_CERTIFICATE;
    p.identity = own.data;
    p.identity_len = own.len;
    p.secret_key = junk;
    p.secret_key_len = sizeof(junk);
    p.server_key = pin.data;
    p.server_key_len = pin.len;
    p.certificate_usage = 3;
    assert_int_equal(lwc_mbedtls_dtls_init(&h->dtls, &h->cfg, &inner, &p, &out),
                     LWC_ERR_MALFORMED);
    assert_true(h_logged(h, "bad certificate or key"));
    p.certificate_usage = 4;
    assert_int_equal(lwc_mbedtls_dtls_init(&h->dtls, &h->cfg, &inner, &p, &out),
                     LWC_ERR_INVALID_ARG);
    free(own.data);
    free(pin.data);
    h_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_usage2_trusted),
        cmocka_unit_test(test_usage2_untrusted_ca),
        cmocka_unit_test(test_usage2_name_mismatch),
        cmocka_unit_test(test_usage3_pinned),
        cmocka_unit_test(test_usage3_self_signed),
        cmocka_unit_test(test_usage3_wrong_pin),
        cmocka_unit_test(test_usage0_ca_constraint),
        cmocka_unit_test(test_usage1_service_cert),
        cmocka_unit_test(test_client_cert_rejected),
        cmocka_unit_test(test_malformed_credentials),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
