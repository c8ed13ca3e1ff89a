/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The DTLS transport factory over a fake inner factory of in-memory links:
 * coaps:// is wrapped (the inner factory sees plain coap:// without keys),
 * coap:// passes through, the pool is bounded, and nothing leaks on any
 * failure path.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <lwc/errors.h>

#include "harness.h"

typedef struct {
    mem_net_t *net;
    bool used;
    unsigned opens;
    unsigned releases;
    int fail_with;
    lwc_transport_params_t last;
} fake_t;

static int fake_open(void *ctx, const lwc_transport_params_t *p,
                     lwc_transport_t *out)
{
    fake_t *f = ctx;

    if (f->fail_with) {
        return f->fail_with;
    }
    if (f->used) {
        return LWC_ERR_NO_SPACE;
    }
    f->last = *p;
    f->used = true;
    f->opens++;
    *out = mem_net_client(f->net);
    return LWC_OK;
}

static void fake_release(void *ctx, lwc_transport_t *t)
{
    fake_t *f = ctx;

    assert_ptr_equal(t->ctx, f->net);
    t->ops->close(t->ctx);
    f->used = false;
    f->releases++;
    t->ops = NULL;
}

typedef struct {
    harness_t *h;
    fake_t fake;
    lwc_transport_factory_t inner;
    lwc_mbedtls_dtls_t pool[1];
    lwc_mbedtls_factory_t f;
    lwc_transport_factory_t out;
} fx_t;

static int setup(void **state)
{
    fx_t *x = calloc(1, sizeof(*x));

    x->h = h_new();
    x->fake.net = &x->h->net;
    x->inner.ctx = &x->fake;
    x->inner.open = fake_open;
    x->inner.release = fake_release;
    assert_int_equal(lwc_mbedtls_factory_init(&x->f, &x->h->cfg, &x->inner,
                                              x->pool, 1, &x->out),
                     LWC_OK);
    *state = x;
    return 0;
}

static int teardown(void **state)
{
    fx_t *x = *state;

    lwc_mbedtls_factory_deinit(&x->f);
    assert_int_equal(x->fake.opens, x->fake.releases);
    h_free(x->h);
    free(x);
    return 0;
}

static void test_coap_passes_through(void **state)
{
    fx_t *x = *state;
    lwc_transport_params_t p;
    lwc_transport_t t;

    memset(&p, 0, sizeof(p));
    p.scheme = LWC_SCHEME_COAP;
    p.mode = LWC_SECURITY_NOSEC;
    p.host = "192.0.2.1";
    p.port = 5683;
    assert_int_equal(x->out.open(x->out.ctx, &p, &t), LWC_OK);
    assert_ptr_equal(t.ctx, &x->h->net); /* the inner transport itself */
    assert_false(x->pool[0].in_use);
    x->out.release(x->out.ctx, &t);
    assert_int_equal(x->fake.releases, 1);
}

static void test_coaps_is_wrapped(void **state)
{
    fx_t *x = *state;
    harness_t *h = x->h;
    lwc_transport_params_t p = h_psk_params("dev1", h_key, sizeof(h_key));
    uint8_t buf[32];
    size_t len = 0;

    assert_int_equal(tsrv_init_psk(&h->srv, &h->net, &h->now, "dev1", h_key,
                                   sizeof(h_key), 0),
                     0);
    h->srv_up = true;
    assert_int_equal(x->out.open(x->out.ctx, &p, &h->t), LWC_OK);
    assert_ptr_equal(h->t.ctx, &x->pool[0]);
    /* The inner factory was asked for plain CoAP to the same peer. */
    assert_int_equal(x->fake.last.scheme, LWC_SCHEME_COAP);
    assert_int_equal(x->fake.last.mode, LWC_SECURITY_NOSEC);
    assert_null(x->fake.last.identity);
    assert_null(x->fake.last.secret_key);
    assert_int_equal(x->fake.last.secret_key_len, 0);
    assert_string_equal(x->fake.last.host, "lwm2m.test");
    assert_int_equal(x->fake.last.port, 5684);

    assert_int_equal(h_connect(h), LWC_OK);
    assert_int_equal(h_exchange(h, "via factory", buf, sizeof(buf), &len, 5000),
                     LWC_OK);
    assert_int_equal(len, 11);
    x->out.release(x->out.ctx, &h->t);
    assert_null(h->t.ops);
    tsrv_step(&h->srv);
    assert_int_equal(h->srv.close_notes, 1); /* closed cleanly */
    assert_false(x->pool[0].in_use);
    assert_int_equal(x->fake.releases, 1);
}

static void test_pool_exhaustion(void **state)
{
    fx_t *x = *state;
    lwc_transport_params_t p = h_psk_params("dev1", h_key, sizeof(h_key));
    lwc_transport_t a, b;

    assert_int_equal(x->out.open(x->out.ctx, &p, &a), LWC_OK);
    assert_int_equal(x->out.open(x->out.ctx, &p, &b), LWC_ERR_NO_SPACE);
    assert_int_equal(x->fake.opens, 1); /* no inner transport taken */
    x->out.release(x->out.ctx, &a);
    assert_int_equal(x->out.open(x->out.ctx, &p, &b), LWC_OK);
    x->out.release(x->out.ctx, &b);
}

static void test_failures_release_inner(void **state)
{
    fx_t *x = *state;
    lwc_transport_params_t p = h_psk_params("dev1", h_key, sizeof(h_key));
    lwc_transport_t t;

    p.mode = LWC_SECURITY_RPK;
    assert_int_equal(x->out.open(x->out.ctx, &p, &t), LWC_ERR_UNSUPPORTED);
    assert_int_equal(x->fake.opens, 1);
    assert_int_equal(x->fake.releases, 1);
    assert_false(x->pool[0].in_use);

    p.mode = LWC_SECURITY_PSK;
    x->fake.fail_with = LWC_ERR_NOT_FOUND;
    assert_int_equal(x->out.open(x->out.ctx, &p, &t), LWC_ERR_NOT_FOUND);
    assert_false(x->pool[0].in_use);
    x->fake.fail_with = 0;
}

static void test_deinit_releases_open_sessions(void **state)
{
    fx_t *x = *state;
    lwc_transport_params_t p = h_psk_params("dev1", h_key, sizeof(h_key));
    lwc_transport_t t;

    assert_int_equal(x->out.open(x->out.ctx, &p, &t), LWC_OK);
    lwc_mbedtls_factory_deinit(&x->f);
    assert_int_equal(x->fake.releases, 1);
    assert_false(x->pool[0].in_use);
}

static void test_init_arguments(void **state)
{
    fx_t *x = *state;
    lwc_mbedtls_factory_t f;
    lwc_transport_factory_t out;
    lwc_transport_factory_t no_open = x->inner;

    no_open.open = NULL;
    assert_int_equal(
        lwc_mbedtls_factory_init(&f, &x->h->cfg, &x->inner, x->pool, 0, &out),
        LWC_ERR_INVALID_ARG);
    assert_int_equal(
        lwc_mbedtls_factory_init(&f, &x->h->cfg, &no_open, x->pool, 1, &out),
        LWC_ERR_INVALID_ARG);
    assert_int_equal(
        lwc_mbedtls_factory_init(NULL, &x->h->cfg, &x->inner, x->pool, 1, &out),
        LWC_ERR_INVALID_ARG);
}

/*
 * The client releases its transport after a failed exchange and opens a new
 * one: the factory keeps the session, and the next transport to the same
 * server with the same credentials resumes it (the server confirms the
 * session ID); another server account does not get it.
 */
static void test_session_kept_across_release(void **state)
{
    fx_t *x = *state;
    harness_t *h = x->h;
    lwc_transport_params_t p = h_psk_params("dev1", h_key, sizeof(h_key));
    unsigned char id[32];
    size_t id_len;
    uint8_t buf[32];
    size_t len = 0;

    assert_int_equal(tsrv_init_psk(&h->srv, &h->net, &h->now, "dev1", h_key,
                                   sizeof(h_key), 0),
                     0);
    h->srv_up = true;
    p.short_server_id = 1;
    assert_int_equal(x->out.open(x->out.ctx, &p, &h->t), LWC_OK);
    assert_int_equal(h_connect(h), LWC_OK);
    id_len = h->srv.ssl.session->id_len;
    assert_true(id_len > 0);
    memcpy(id, h->srv.ssl.session->id, id_len);
    x->out.release(x->out.ctx, &h->t);
    tsrv_step(&h->srv);
    assert_false(x->pool[0].in_use);
    assert_true(x->pool[0].cached);

    h->now += 600000; /* a quiet period */
    assert_int_equal(x->out.open(x->out.ctx, &p, &h->t), LWC_OK);
    assert_int_equal(h_connect(h), LWC_OK);
    assert_true(lwc_mbedtls_dtls_resumed(&x->pool[0]));
    /* The server completes the abbreviated handshake on the client's last
     * flight, read before the echo. */
    assert_int_equal(h_exchange(h, "again", buf, sizeof(buf), &len, 5000),
                     LWC_OK);
    assert_int_equal(h->srv.handshakes, 2);
    assert_int_equal(h->srv.ssl.session->id_len, id_len);
    assert_memory_equal(h->srv.ssl.session->id, id, id_len);
    x->out.release(x->out.ctx, &h->t);
    tsrv_step(&h->srv);

    p.short_server_id = 2; /* another account: a full handshake */
    assert_int_equal(x->out.open(x->out.ctx, &p, &h->t), LWC_OK);
    assert_false(x->pool[0].cached);
    assert_int_equal(h_connect(h), LWC_OK);
    assert_false(lwc_mbedtls_dtls_resumed(&x->pool[0]));
    assert_true(h_logged(h, "handshake done (full"));
    x->out.release(x->out.ctx, &h->t);
}

/* A failed handshake: after the client released the transport, the
 * application can still learn why, until that server's next transport. */
static void test_failure_reported_after_release(void **state)
{
    fx_t *x = *state;
    harness_t *h = x->h;
    lwc_transport_params_t p = h_psk_params("nobody", h_key, sizeof(h_key));
    const lwc_mbedtls_failure_t *why;

    assert_int_equal(tsrv_init_psk(&h->srv, &h->net, &h->now, "dev1", h_key,
                                   sizeof(h_key), 0),
                     0);
    h->srv_up = true;
    p.short_server_id = 7;
    assert_null(lwc_mbedtls_factory_failure(&x->f, 7));
    assert_int_equal(x->out.open(x->out.ctx, &p, &h->t), LWC_OK);
    assert_int_equal(h_connect(h), LWC_ERR_HANDSHAKE);
    why = lwc_mbedtls_dtls_failure(&x->pool[0]);
    assert_non_null(why);
    x->out.release(x->out.ctx, &h->t);
    assert_false(x->pool[0].cached); /* a failed session is not kept */

    why = lwc_mbedtls_factory_failure(&x->f, 7);
    assert_non_null(why);
    assert_int_equal(why->err, LWC_ERR_HANDSHAKE);
    assert_int_equal(why->alert, 115);
    assert_int_equal(why->short_server_id, 7);
    assert_non_null(strstr(why->reason, "unknown_psk_identity"));
    assert_true(h_logged(h, why->reason));
    assert_null(lwc_mbedtls_factory_failure(&x->f, 8));

    assert_int_equal(x->out.open(x->out.ctx, &p, &h->t), LWC_OK);
    assert_null(lwc_mbedtls_factory_failure(&x->f, 7)); /* a new attempt */
    x->out.release(x->out.ctx, &h->t);
}

/* The random generator is required, seeded, and shared. */
static void test_rng(void **state)
{
    fx_t *x = *state;
    lwc_mbedtls_factory_t f;
    lwc_transport_factory_t out;
    lwc_mbedtls_config_t cfg = x->h->cfg;
    lwc_mbedtls_rng_t unseeded;

    memset(&unseeded, 0, sizeof(unseeded));
    assert_int_equal(lwc_mbedtls_rng_init(NULL, NULL), LWC_ERR_INVALID_ARG);
    assert_int_equal(lwc_mbedtls_rng_init(&x->h->rng, NULL), LWC_ERR_STATE);
    cfg.rng = NULL;
    assert_int_equal(
        lwc_mbedtls_factory_init(&f, &cfg, &x->inner, x->pool, 1, &out),
        LWC_ERR_INVALID_ARG);
    cfg.rng = &unseeded;
    assert_int_equal(
        lwc_mbedtls_factory_init(&f, &cfg, &x->inner, x->pool, 1, &out),
        LWC_ERR_INVALID_ARG);
    lwc_mbedtls_rng_deinit(&unseeded); /* safe on a zeroed one, and twice */
    lwc_mbedtls_rng_deinit(&unseeded);
    /* A session is small: the entropy pool (32 KB here) is not in it. */
    assert_true(sizeof(lwc_mbedtls_dtls_t) < 8192);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_coap_passes_through, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_coaps_is_wrapped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pool_exhaustion, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failures_release_inner, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_deinit_releases_open_sessions,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_init_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_session_kept_across_release, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_failure_reported_after_release,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_rng, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
