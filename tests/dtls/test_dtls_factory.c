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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
