/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Registration state machine in simulated time over the fake transport
 * (LwM2M 1.1 Core §6.2, §6.2.1.1; Transport §6.4): the Register message,
 * Update timing from the lifetime, Update triggers, 4.04 leading to a fresh
 * Register, the 1/x/17-20 retry schedule, De-register, and events.
 *
 * The Security and Server objects here are minimal test objects written
 * with the public dm API, so each test controls every resource exactly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <lwc/client.h>
#include <lwc/dm.h>

#include "support/client_fixture.h"

/* ---- Test objects ------------------------------------------------------ */

typedef struct {
    char uri[64];
    uint16_t ssid;
    int64_t lifetime;
    bool has_lifetime;
    char binding[8];
    int64_t retry[4]; /* 1/0/17..20; -1: absent */
    lwc_client_t *client;
} model_t;

static int sec_read(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                    lwc_value_t *out)
{
    model_t *m = ctx;
    (void)iid;
    (void)riid;
    switch (rid) {
    case 0:
        *out = lwc_value_string(m->uri);
        return LWC_OK;
    case 1:
        *out = lwc_value_bool(false);
        return LWC_OK;
    case 2:
        *out = lwc_value_int(LWC_SECURITY_NOSEC);
        return LWC_OK;
    case 10:
        *out = lwc_value_int(m->ssid);
        return LWC_OK;
    default:
        return LWC_ERR_NOT_FOUND;
    }
}

static int sec_write(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                     const lwc_value_t *v)
{
    (void)ctx;
    (void)iid;
    (void)rid;
    (void)riid;
    (void)v;
    return LWC_COAP_METHOD_NOT_ALLOWED; /* no bootstrap in these tests */
}

static int srv_read(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                    lwc_value_t *out)
{
    model_t *m = ctx;
    (void)iid;
    (void)riid;
    switch (rid) {
    case 0:
        *out = lwc_value_int(m->ssid);
        return LWC_OK;
    case 1:
        if (!m->has_lifetime) {
            return LWC_ERR_NOT_FOUND;
        }
        *out = lwc_value_int(m->lifetime);
        return LWC_OK;
    case 6:
        *out = lwc_value_bool(false);
        return LWC_OK;
    case 7:
        *out = lwc_value_string(m->binding);
        return LWC_OK;
    case 17:
    case 18:
    case 19:
    case 20:
        if (m->retry[rid - 17] < 0) {
            return LWC_ERR_NOT_FOUND;
        }
        *out = lwc_value_uint((uint64_t)m->retry[rid - 17]);
        return LWC_OK;
    default:
        return LWC_ERR_NOT_FOUND;
    }
}

static int srv_write(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                     const lwc_value_t *v)
{
    model_t *m = ctx;
    (void)iid;
    (void)riid;
    if (rid == 1) {
        m->lifetime = v->i;
        return LWC_OK;
    }
    return LWC_COAP_METHOD_NOT_ALLOWED;
}

static int srv_execute(void *ctx, uint16_t iid, uint16_t rid,
                       const uint8_t *args, size_t len)
{
    model_t *m = ctx;
    (void)iid;
    (void)args;
    (void)len;
    if (rid == 8) {
        return lwc_client_trigger_update(m->client, m->ssid);
    }
    return LWC_COAP_METHOD_NOT_ALLOWED;
}

static const lwc_resource_def_t sec_res[] = {
    {.rid = 0, .type = LWC_TYPE_STRING, .ops = LWC_OP_NONE},
    {.rid = 1, .type = LWC_TYPE_BOOL, .ops = LWC_OP_NONE},
    {.rid = 2, .type = LWC_TYPE_INT, .ops = LWC_OP_NONE},
    {.rid = 10, .type = LWC_TYPE_INT, .ops = LWC_OP_NONE},
};
static const lwc_object_handlers_t sec_handlers = {
    .list_instances = cfx_list_one, .read = sec_read, .write = sec_write};

static const lwc_resource_def_t srv_res[] = {
    {.rid = 0, .type = LWC_TYPE_INT, .ops = LWC_OP_R},
    {.rid = 1, .type = LWC_TYPE_INT, .ops = LWC_OP_RW},
    {.rid = 6, .type = LWC_TYPE_BOOL, .ops = LWC_OP_RW},
    {.rid = 7, .type = LWC_TYPE_STRING, .ops = LWC_OP_RW},
    {.rid = 8, .type = LWC_TYPE_NONE, .ops = LWC_OP_E},
    {.rid = 17, .type = LWC_TYPE_UINT, .ops = LWC_OP_RW},
    {.rid = 18, .type = LWC_TYPE_UINT, .ops = LWC_OP_RW},
    {.rid = 19, .type = LWC_TYPE_UINT, .ops = LWC_OP_RW},
    {.rid = 20, .type = LWC_TYPE_UINT, .ops = LWC_OP_RW},
};
static const lwc_object_handlers_t srv_handlers = {
    .list_instances = cfx_list_one,
    .read = srv_read,
    .write = srv_write,
    .execute = srv_execute,
};

/* A custom object with a version, to check ;ver= in the object list. */
static const lwc_resource_def_t temp_res[] = {
    {.rid = 5700, .type = LWC_TYPE_FLOAT, .ops = LWC_OP_R},
};
static int temp_read(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                     lwc_value_t *out)
{
    (void)ctx;
    (void)iid;
    (void)rid;
    (void)riid;
    *out = lwc_value_float(21.5);
    return LWC_OK;
}
static const lwc_object_handlers_t temp_handlers = {
    .list_instances = cfx_list_one,
    .read = temp_read,
};

/* ---- Fixture ------------------------------------------------------------ */

#define MAX_EVENTS 32

typedef struct {
    fake_net_t net;
    model_t model;
    lwc_client_t client;
    lwc_object_t sec, srv, temp;
    lwc_event_t events[MAX_EVENTS];
    size_t event_count;
    int64_t now;
} fixture_t;

static void on_event(void *ctx, const lwc_event_t *ev)
{
    fixture_t *f = ctx;
    if (f->event_count < MAX_EVENTS) {
        f->events[f->event_count++] = *ev;
    }
}

static int setup(void **state)
{
    static fixture_t f;
    lwc_client_config_t cfg = {0};

    memset(&f, 0, sizeof(f));
    fake_net_init(&f.net);
    f.net.random_value = 0; /* ACK timeouts of exactly 2 s */
    snprintf(f.model.uri, sizeof(f.model.uri), "coap://[::1]:5690");
    f.model.ssid = 101;
    f.model.lifetime = 300;
    f.model.has_lifetime = true;
    snprintf(f.model.binding, sizeof(f.model.binding), "U");
    for (int i = 0; i < 4; i++) {
        f.model.retry[i] = -1;
    }
    f.model.client = &f.client;

    cfg.endpoint_name = "test-ep";
    cfg.platform = fake_net_platform(&f.net);
    cfg.transports = fake_net_factory(&f.net);
    cfg.on_event = on_event;
    cfg.event_ctx = &f;
    assert_int_equal(lwc_client_init(&f.client, &cfg), LWC_OK);

    f.sec = (lwc_object_t){.oid = 0,
                           .resources = sec_res,
                           .resource_count = 4,
                           .handlers = &sec_handlers,
                           .user_ctx = &f.model};
    f.srv = (lwc_object_t){.oid = 1,
                           .resources = srv_res,
                           .resource_count = 9,
                           .handlers = &srv_handlers,
                           .user_ctx = &f.model};
    f.temp = (lwc_object_t){.oid = 3303,
                            .version = "1.1",
                            .resources = temp_res,
                            .resource_count = 1,
                            .handlers = &temp_handlers,
                            .user_ctx = &f.model};
    assert_int_equal(lwc_client_add_object(&f.client, &f.sec), LWC_OK);
    assert_int_equal(lwc_client_add_object(&f.client, &f.srv), LWC_OK);
    assert_int_equal(lwc_client_add_object(&f.client, &f.temp), LWC_OK);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    lwc_client_deinit(&f->client);
    return 0;
}

/* One step at time t. */
static int64_t step_at(fixture_t *f, int64_t t)
{
    f->now = t;
    f->net.now_ms = t;
    return lwc_client_step(&f->client, t);
}

/* Step from deadline to deadline until time `until` (bounded). */
static void run_until(fixture_t *f, int64_t until)
{
    for (int i = 0; i < 100000 && f->now <= until; i++) {
        int64_t next = step_at(f, f->now);
        if (next > until) {
            f->now = until + 1;
            break;
        }
        f->now = next > f->now ? next : f->now + 1;
    }
    f->now = until;
    f->net.now_ms = until;
}

static lwci_coap_msg_t last_sent(fixture_t *f)
{
    lwci_coap_msg_t m;

    assert_true(f->net.sent_count > 0);
    cfx_parse(&f->net.sent[f->net.sent_count - 1], &m);
    return m;
}

/* All Uri-Query values joined by '&'. */
static void queries(const lwci_coap_msg_t *m, char *out, size_t cap)
{
    const lwci_coap_opt_t *o;
    size_t it = 0;
    size_t n = 0;

    out[0] = '\0';
    while ((o = lwci_coap_find_opt(m, LWCI_COAP_OPT_URI_QUERY, &it))) {
        n += (size_t)snprintf(out + n, cap - n, "%s%.*s", n ? "&" : "",
                              (int)o->len, (const char *)o->value);
    }
}

/* The server's answer to the last request: piggybacked ACK with `code`
 * and, for 2.01, Location-Path rd/a1. */
static void reply(fixture_t *f, uint8_t code)
{
    lwci_coap_msg_t req = last_sent(f);

    cfx_reply(&f->net, &req, code,
              code == LWCI_COAP_201_CREATED ? "rd/a1" : NULL);
}

static void register_now(fixture_t *f)
{
    assert_int_equal(lwc_client_start(&f->client), LWC_OK);
    step_at(f, 0);
    reply(f, LWCI_COAP_201_CREATED);
    step_at(f, 10);
    assert_int_equal(f->events[f->event_count - 1].type, LWC_EVENT_REGISTERED);
}

/* ---- Tests --------------------------------------------------------------- */

static void test_register_message(void **state)
{
    fixture_t *f = *state;
    lwci_coap_msg_t m;
    char q[256], path[64];
    uint16_t cf;
    const char payload[] =
        "</>;rt=\"oma.lwm2m\";ct=\"60 110 112 11542 11543 11544\",</1/0>,</3303>;ver=1.1,</3303/0>";

    assert_int_equal(lwc_client_start(&f->client), LWC_OK);
    step_at(f, 0);
    assert_int_equal(f->net.opens, 1);
    assert_string_equal(f->net.last_host, "::1");
    assert_int_equal(f->net.last_params.port, 5690);
    assert_int_equal(f->net.last_params.scheme, LWC_SCHEME_COAP);
    assert_int_equal(f->net.last_params.short_server_id, 101);
    assert_int_equal(f->net.sent_count, 1);
    m = last_sent(f);
    assert_int_equal(m.type, LWCI_COAP_CON);
    assert_int_equal(m.code, LWCI_COAP_POST);
    assert_int_equal(
        lwci_coap_join_path(&m, LWCI_COAP_OPT_URI_PATH, path, sizeof(path)),
        LWC_OK);
    assert_string_equal(path, "rd");
    assert_int_equal(lwci_coap_get_content_format(&m, &cf), LWC_OK);
    assert_int_equal(cf, 40);
    queries(&m, q, sizeof(q));
    assert_string_equal(q, "ep=test-ep&lt=300&lwm2m=1.1&b=U");
    assert_int_equal(m.payload_len, strlen(payload));
    assert_memory_equal(m.payload, payload, strlen(payload));
}

static void test_registered_event_and_location(void **state)
{
    fixture_t *f = *state;
    lwci_coap_msg_t m;
    char path[64];

    register_now(f);
    assert_int_equal(f->event_count, 1);
    assert_int_equal(f->events[0].short_server_id, 101);
    assert_int_equal(f->events[0].reason, LWC_OK);
    assert_int_equal(f->events[0].coap_code, LWCI_COAP_201_CREATED);
    /* Triggered Update goes to the location from the 2.01. */
    assert_int_equal(lwc_client_trigger_update(&f->client, 101), LWC_OK);
    step_at(f, 20);
    m = last_sent(f);
    assert_int_equal(m.code, LWCI_COAP_POST);
    lwci_coap_join_path(&m, LWCI_COAP_OPT_URI_PATH, path, sizeof(path));
    assert_string_equal(path, "rd/a1");
    /* Nothing changed: no parameters, no payload. */
    assert_null(lwci_coap_find_opt(&m, LWCI_COAP_OPT_URI_QUERY, &(size_t){0}));
    assert_int_equal(m.payload_len, 0);
}

/* Lifetime 300 s: Update at 300 - MAX_TRANSMIT_WAIT (93 s) = 207 s after
 * registration, then every 207 s after each success. */
static void test_update_timing_long_lifetime(void **state)
{
    fixture_t *f = *state;
    size_t before;

    register_now(f); /* registered at t = 10 ms */
    before = f->net.sent_count;
    run_until(f, 10 + 207000 - 1);
    assert_int_equal(f->net.sent_count, before);
    run_until(f, 10 + 207000);
    assert_int_equal(f->net.sent_count, before + 1);
    assert_int_equal(f->net.sent[before].at_ms, 10 + 207000);
    reply(f, LWCI_COAP_204_CHANGED);
    step_at(f, 10 + 207000 + 50);
    assert_int_equal(f->events[f->event_count - 1].type, LWC_EVENT_UPDATED);
    run_until(f, 10 + 207000 + 50 + 207000 - 1);
    assert_int_equal(f->net.sent_count, before + 1);
    run_until(f, 10 + 207000 + 50 + 207000);
    assert_int_equal(f->net.sent_count, before + 2);
}

/* Lifetime 60 s is shorter than twice the margin: Update at half (30 s). */
static void test_update_timing_short_lifetime(void **state)
{
    fixture_t *f = *state;
    size_t before;

    f->model.lifetime = 60;
    register_now(f);
    before = f->net.sent_count;
    run_until(f, 10 + 30000 - 1);
    assert_int_equal(f->net.sent_count, before);
    run_until(f, 10 + 30000);
    assert_int_equal(f->net.sent_count, before + 1);
}

/* step() reports the Update deadline, so a sleeping loop wakes for it. */
static void test_step_returns_update_deadline(void **state)
{
    fixture_t *f = *state;

    register_now(f);
    assert_int_equal(step_at(f, 1000), 10 + 207000);
}

static void test_update_404_leads_to_register(void **state)
{
    fixture_t *f = *state;
    lwci_coap_msg_t m;
    char path[64];

    register_now(f);
    lwc_client_trigger_update(&f->client, 0);
    step_at(f, 100);
    reply(f, LWCI_COAP_404_NOT_FOUND);
    step_at(f, 200);
    m = last_sent(f);
    lwci_coap_join_path(&m, LWCI_COAP_OPT_URI_PATH, path, sizeof(path));
    assert_string_equal(path, "rd"); /* a fresh Register, at once */
    assert_int_equal(f->net.sent[f->net.sent_count - 1].at_ms, 200);
    assert_int_equal(f->events[f->event_count - 1].type,
                     LWC_EVENT_REGISTRATION_FAILED);
    assert_int_equal(f->events[f->event_count - 1].coap_code,
                     LWCI_COAP_404_NOT_FOUND);
    reply(f, LWCI_COAP_201_CREATED);
    step_at(f, 300);
    assert_int_equal(f->events[f->event_count - 1].type, LWC_EVENT_REGISTERED);
}

/* A Write of the lifetime by the server leads to an Update with lt=. */
static void test_lifetime_change_sends_update_with_lt(void **state)
{
    fixture_t *f = *state;
    /* CON PUT /1/0/1 text "120", mid 0x0a0a, token 0x5a. */
    const uint8_t put[] = {0x41, 0x03, 0x0a, 0x0a, 0x5a, 0xb1, '1', 0x01,
                           '0',  0x01, '1',  0x10, 0xff, '1',  '2', '0'};
    lwci_coap_msg_t m;
    char q[64];

    register_now(f);
    fake_net_inject(&f->net, put, sizeof(put));
    step_at(f, 1000);
    /* First the 2.04 to the Write, then the Update. */
    assert_int_equal(f->model.lifetime, 120);
    m = last_sent(f);
    queries(&m, q, sizeof(q));
    assert_string_equal(q, "lt=120");
    assert_int_equal(m.payload_len, 0);
}

static void test_object_list_change_sends_payload(void **state)
{
    fixture_t *f = *state;
    lwci_coap_msg_t m;
    const char payload[] = "</>;rt=\"oma.lwm2m\";ct=\"60 110 112 11542 11543 11544\",</1/0>";

    register_now(f);
    assert_int_equal(lwc_client_remove_object(&f->client, 3303), LWC_OK);
    step_at(f, 1000);
    m = last_sent(f);
    assert_int_equal(m.payload_len, strlen(payload));
    assert_memory_equal(m.payload, payload, strlen(payload));
}

static void test_execute_update_trigger(void **state)
{
    fixture_t *f = *state;
    /* CON POST /1/0/8, mid 0x0b0b, token 0x5b. */
    const uint8_t post[] = {0x41, 0x02, 0x0b, 0x0b, 0x5b, 0xb1,
                            '1',  0x01, '0',  0x01, '8'};
    size_t before;
    lwci_coap_msg_t m;

    register_now(f);
    before = f->net.sent_count;
    fake_net_inject(&f->net, post, sizeof(post));
    step_at(f, 1000);
    assert_int_equal(f->net.sent_count, before + 2);
    /* The 2.04 answer to the Execute... */
    assert_int_equal(f->net.sent[before].data[1], LWCI_COAP_204_CHANGED);
    /* ...then the Update. */
    m = last_sent(f);
    assert_int_equal(m.type, LWCI_COAP_CON);
    assert_int_equal(m.code, LWCI_COAP_POST);
}

/* Core §6.2.1.1 with Retry Count 3, Retry Timer 10 s, Sequence Delay
 * 100 s, Sequence Retry Count 2. A Register gives up after 31 * 2 s = 62 s
 * (random 0: ACK timeout exactly 2 s). Attempts start at
 *   seq 1: 0, 62+10, (72+62)+20          = 0, 72, 154
 *   seq 2: (154+62)+100 = 316, 316+62+10 = 388, 388+62+20 = 470
 * and after the 6th failure (532 s) the account gives up. */
static void test_retry_schedule(void **state)
{
    fixture_t *f = *state;
    const int64_t starts[] = {0, 72, 154, 316, 388, 470};
    size_t failures = 0;

    f->model.retry[0] = 3;
    f->model.retry[1] = 10;
    f->model.retry[2] = 100;
    f->model.retry[3] = 2;
    assert_int_equal(lwc_client_start(&f->client), LWC_OK);
    run_until(f, 600000);
    /* Each attempt is a Register transmitted 5 times. */
    assert_int_equal(f->net.sent_count, 30);
    for (size_t a = 0; a < 6; a++) {
        assert_int_equal(f->net.sent[a * 5].at_ms, starts[a] * 1000);
    }
    assert_int_equal(f->net.opens, 6);
    assert_int_equal(f->net.releases, 6);
    for (size_t i = 0; i < f->event_count; i++) {
        if (f->events[i].type == LWC_EVENT_REGISTRATION_FAILED) {
            assert_int_equal(f->events[i].reason, LWC_ERR_TIMEOUT);
            failures++;
        }
    }
    assert_int_equal(failures, 6);
    assert_int_equal(f->events[f->event_count - 1].type,
                     LWC_EVENT_SERVER_GAVE_UP);
}

/* Without 1/x/17-20 the defaults apply: 5 attempts, 60 s doubling, so
 * the second attempt starts 62 + 60 s after the first. */
static void test_retry_defaults(void **state)
{
    fixture_t *f = *state;

    assert_int_equal(lwc_client_start(&f->client), LWC_OK);
    run_until(f, 200000);
    assert_true(f->net.sent_count >= 6);
    assert_int_equal(f->net.sent[5].at_ms, (62 + 60) * 1000);
}

/* An error response is a failed attempt too, retried after the timer. */
static void test_register_rejected_then_retried(void **state)
{
    fixture_t *f = *state;

    f->model.retry[1] = 5;
    assert_int_equal(lwc_client_start(&f->client), LWC_OK);
    step_at(f, 0);
    reply(f, LWCI_COAP_CODE(4, 3));
    step_at(f, 100);
    assert_int_equal(f->events[0].type, LWC_EVENT_REGISTRATION_FAILED);
    assert_int_equal(f->events[0].reason, LWC_ERR_REJECTED);
    assert_int_equal(f->events[0].coap_code, LWCI_COAP_CODE(4, 3));
    assert_int_equal(f->net.sent_count, 1);
    run_until(f, 5100 - 1);
    assert_int_equal(f->net.sent_count, 1);
    run_until(f, 5100);
    assert_int_equal(f->net.sent_count, 2);
}

static void test_transport_open_failure_is_an_attempt(void **state)
{
    fixture_t *f = *state;

    f->net.open_result = LWC_ERR_NOT_FOUND; /* host does not resolve */
    f->model.retry[1] = 1;
    assert_int_equal(lwc_client_start(&f->client), LWC_OK);
    step_at(f, 0);
    assert_int_equal(f->events[0].type, LWC_EVENT_REGISTRATION_FAILED);
    assert_int_equal(f->events[0].reason, LWC_ERR_NOT_FOUND);
    f->net.open_result = LWC_OK;
    run_until(f, 1000);
    assert_int_equal(f->net.sent_count, 1);
}

static void test_deregister_on_stop(void **state)
{
    fixture_t *f = *state;
    lwci_coap_msg_t m;
    char path[64];

    register_now(f);
    assert_int_equal(lwc_client_stop(&f->client), LWC_OK);
    assert_false(lwc_client_is_stopped(&f->client));
    m = last_sent(f);
    assert_int_equal(m.code, LWCI_COAP_DELETE);
    lwci_coap_join_path(&m, LWCI_COAP_OPT_URI_PATH, path, sizeof(path));
    assert_string_equal(path, "rd/a1");
    reply(f, LWCI_COAP_202_DELETED);
    step_at(f, 500);
    assert_true(lwc_client_is_stopped(&f->client));
    assert_int_equal(f->events[f->event_count - 1].type,
                     LWC_EVENT_DEREGISTERED);
    assert_int_equal(f->events[f->event_count - 1].reason, LWC_OK);
    assert_int_equal(f->net.releases, 1);
}

static void test_deregister_unanswered_still_stops(void **state)
{
    fixture_t *f = *state;

    register_now(f);
    lwc_client_stop(&f->client);
    run_until(f, 10 + 62000);
    assert_true(lwc_client_is_stopped(&f->client));
    assert_int_equal(f->events[f->event_count - 1].reason, LWC_ERR_TIMEOUT);
}

/* A 2.01 whose Location-Path options are given by the test. */
static void reply_location(fixture_t *f, const char *const *segs, size_t n)
{
    lwci_coap_msg_t req = last_sent(f);
    uint8_t buf[64];
    lwci_coap_writer_t w;

    lwci_coap_writer_init(&w, buf, sizeof(buf), LWCI_COAP_ACK,
                          LWCI_COAP_201_CREATED, req.mid, req.token,
                          req.token_len);
    for (size_t i = 0; i < n; i++) {
        lwci_coap_add_opt(&w, LWCI_COAP_OPT_LOCATION_PATH, segs[i],
                          strlen(segs[i]));
    }
    assert_int_equal(w.err, LWC_OK);
    fake_net_inject(&f->net, buf, w.len);
}

/* Some servers send "rd/7" in one Location-Path option (against RFC 7252
 * §5.10.7); the client accepts it and addresses the Update as rd, 7. */
static void test_location_with_slash_accepted(void **state)
{
    fixture_t *f = *state;
    const char *const loc[] = {"rd/7"};
    lwci_coap_msg_t m;
    const lwci_coap_opt_t *o;
    size_t it = 0;

    assert_int_equal(lwc_client_start(&f->client), LWC_OK);
    step_at(f, 0);
    reply_location(f, loc, 1);
    step_at(f, 10);
    assert_int_equal(f->events[f->event_count - 1].type, LWC_EVENT_REGISTERED);
    lwc_client_trigger_update(&f->client, 0);
    step_at(f, 20);
    m = last_sent(f);
    o = lwci_coap_find_opt(&m, LWCI_COAP_OPT_URI_PATH, &it);
    assert_non_null(o);
    assert_int_equal(o->len, 2);
    assert_memory_equal(o->value, "rd", 2);
    o = lwci_coap_find_opt(&m, LWCI_COAP_OPT_URI_PATH, &it);
    assert_non_null(o);
    assert_int_equal(o->len, 1);
    assert_memory_equal(o->value, "7", 1);
    assert_null(lwci_coap_find_opt(&m, LWCI_COAP_OPT_URI_PATH, &it));
}

/* Empty segments, a trailing '/' or no location at all: the Register
 * failed (the server would not recognise our Updates). */
static void test_bad_location_rejected(void **state)
{
    fixture_t *f = *state;
    const char *const cases[][2] = {
        {"rd//7", NULL}, {"rd/", NULL}, {"", NULL}, {"/rd", NULL}};

    f->model.retry[1] = 1;
    assert_int_equal(lwc_client_start(&f->client), LWC_OK);
    for (size_t k = 0; k < 4; k++) {
        step_at(f, f->now);
        reply_location(f, cases[k], 1);
        step_at(f, f->now + 1);
        assert_int_equal(f->events[f->event_count - 1].type,
                         LWC_EVENT_REGISTRATION_FAILED);
        assert_int_equal(f->events[f->event_count - 1].reason,
                         LWC_ERR_MALFORMED);
        run_until(f, f->now + 10000); /* the next attempt */
    }
    step_at(f, f->now);
    reply_location(f, NULL, 0);
    step_at(f, f->now + 1);
    assert_int_equal(f->events[f->event_count - 1].reason, LWC_ERR_MALFORMED);
}

/* The transport reports the connection closed (DTLS close_notify or a
 * fatal alert): the client registers again at once over a new connection
 * instead of waiting for an exchange to time out. */
static void test_connection_closed_registers_again(void **state)
{
    fixture_t *f = *state;
    lwci_coap_msg_t m;
    char path[64];

    register_now(f);
    assert_int_equal(f->net.opens, 1);
    f->net.recv_error = LWC_ERR_CLOSED;
    step_at(f, 5000);
    assert_int_equal(f->events[f->event_count - 1].type,
                     LWC_EVENT_REGISTRATION_FAILED);
    assert_int_equal(f->events[f->event_count - 1].reason, LWC_ERR_CLOSED);
    assert_int_equal(f->net.releases, 1);
    assert_int_equal(f->net.opens, 2);
    m = last_sent(f);
    lwci_coap_join_path(&m, LWCI_COAP_OPT_URI_PATH, path, sizeof(path));
    assert_string_equal(path, "rd");
    assert_int_equal(f->net.sent[f->net.sent_count - 1].at_ms, 5000);
    reply(f, LWCI_COAP_201_CREATED);
    step_at(f, 5100);
    assert_int_equal(f->events[f->event_count - 1].type, LWC_EVENT_REGISTERED);
}

/* Other receive errors (ICMP port unreachable, may be spoofed) keep the
 * session. */
static void test_io_error_keeps_session(void **state)
{
    fixture_t *f = *state;
    size_t events;

    register_now(f);
    events = f->event_count;
    f->net.recv_error = LWC_ERR_IO;
    step_at(f, 5000);
    assert_int_equal(f->event_count, events);
    assert_int_equal(f->net.releases, 0);
}

static void test_bad_arguments(void **state)
{
    fixture_t *f = *state;
    lwc_client_t c;
    lwc_client_config_t cfg = {.endpoint_name = ""};

    assert_int_equal(lwc_client_init(NULL, &cfg), LWC_ERR_INVALID_ARG);
    assert_int_equal(lwc_client_init(&c, &cfg), LWC_ERR_INVALID_ARG);
    cfg.endpoint_name = "x";
    cfg.platform = fake_net_platform(&f->net);
    assert_int_equal(lwc_client_init(&c, &cfg), LWC_ERR_INVALID_ARG);
#if LWC_WITH_LOG
    /* no transport factory: the log line says what is missing */
    assert_non_null(strstr(f->net.last_log, "transport factory"));
#endif
    assert_int_equal(lwc_client_stop(&f->client), LWC_ERR_STATE);
    assert_int_equal(lwc_client_trigger_update(&f->client, 1), LWC_ERR_STATE);
    assert_int_equal(lwc_client_start(&f->client), LWC_OK);
    assert_int_equal(lwc_client_start(&f->client), LWC_ERR_STATE);
    assert_int_equal(lwc_client_trigger_update(&f->client, 7),
                     LWC_ERR_NOT_FOUND);
    lwc_client_deinit(&c); /* safe on a failed init */
}

static void test_no_server_account(void **state)
{
    fixture_t *f = *state;

    f->model.ssid = 0; /* invalid Short Server ID */
    assert_int_equal(lwc_client_start(&f->client), LWC_ERR_NOT_FOUND);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_register_message),
        T(test_registered_event_and_location),
        T(test_update_timing_long_lifetime),
        T(test_update_timing_short_lifetime),
        T(test_step_returns_update_deadline),
        T(test_update_404_leads_to_register),
        T(test_lifetime_change_sends_update_with_lt),
        T(test_object_list_change_sends_payload),
        T(test_execute_update_trigger),
        T(test_retry_schedule),
        T(test_retry_defaults),
        T(test_register_rejected_then_retried),
        T(test_transport_open_failure_is_an_attempt),
        T(test_deregister_on_stop),
        T(test_deregister_unanswered_still_stops),
        T(test_location_with_slash_accepted),
        T(test_bad_location_rejected),
        T(test_connection_closed_registers_again),
        T(test_io_error_keeps_session),
        T(test_bad_arguments),
        T(test_no_server_account),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
