/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* The client-over-fake-network test fixture: see client_fixture.h. */
#include "support/client_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <string.h>

#include <cmocka.h>

/* ---- The client ---------------------------------------------------------- */

static void on_event(void *ctx, const lwc_event_t *ev)
{
    cfx_t *f = ctx;
    f->registered += ev->type == LWC_EVENT_REGISTERED;
}

void cfx_start(cfx_t *f, const lwc_object_t *const *objects, size_t n)
{
    lwc_client_config_t cfg = {
        .endpoint_name = "lwc-test", .on_event = on_event, .event_ctx = f};
    const lwc_security_instance_t si = {.server_uri = "coap://127.0.0.1",
                                        .security_mode =
                                            LWC_SECURITY_MODE_NOSEC,
                                        .short_server_id = 1};
    const lwc_server_instance_t vi = {
        .short_server_id = 1, .lifetime = 86400, .binding = "U"};

    memset(f, 0, sizeof(*f));
    fake_net_init(&f->net);
    cfg.platform = fake_net_platform(&f->net);
    cfg.transports = fake_net_factory(&f->net);
    assert_int_equal(lwc_client_init(&f->client, &cfg), LWC_OK);
    assert_int_equal(lwc_security_object_init(&f->sec), LWC_OK);
    assert_true(lwc_security_add_instance(&f->sec, &si) >= 0);
    assert_int_equal(lwc_security_object_install(&f->client, &f->sec), LWC_OK);
    assert_int_equal(lwc_server_object_init(&f->srv), LWC_OK);
    assert_true(lwc_server_add_instance(&f->srv, &vi) >= 0);
    assert_int_equal(lwc_server_object_install(&f->client, &f->srv), LWC_OK);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(lwc_client_add_object(&f->client, objects[i]), LWC_OK);
    }
    assert_int_equal(lwc_client_start(&f->client), LWC_OK);
    lwc_client_step(&f->client, 0);
    assert_int_equal(f->net.sent_count, 1);
    f->reg = f->net.sent[0];
    f->mid = 0x200;
    f->now = 100;
}

void cfx_register(cfx_t *f)
{
    lwci_coap_msg_t reg;

    cfx_parse(&f->reg, &reg);
    fake_net_clear_sent(&f->net);
    cfx_reply(&f->net, &reg, LWCI_COAP_201_CREATED, "rd/1");
    f->now += 10;
    lwc_client_step(&f->client, f->now);
    assert_int_equal(f->registered, 1);
}

int cfx_teardown(void **state)
{
    cfx_t *f = *state;
    lwc_client_deinit(&f->client);
    return 0;
}

/* ---- Requests ------------------------------------------------------------ */

cfx_req_t cfx_req(uint8_t method, const char *path)
{
    return (cfx_req_t){.type = LWCI_COAP_CON,
                       .method = method,
                       .token = CFX_TOKEN,
                       .path = path,
                       .cf = CFX_NONE,
                       .accept = CFX_NONE};
}

void cfx_block1(cfx_req_t *q, const void *body, size_t total, uint32_t num,
                uint8_t szx)
{
    size_t size = (size_t)16 << szx;
    size_t off = (size_t)num * size;

    assert_true(off <= total);
    q->payload = (const uint8_t *)body + off;
    q->len = total - off < size ? total - off : size;
    q->has_block1 = true;
    q->block1 = (lwci_coap_block_t){
        .num = num, .more = off + q->len < total, .szx = szx};
}

size_t cfx_build(cfx_t *f, const cfx_req_t *q, size_t *hdr_len)
{
    static uint8_t pad[CFX_REQ_SIZE];
    lwci_coap_writer_t w;

    f->req_mid = q->mid ? q->mid : f->mid++;
    lwci_coap_writer_init(&w, f->req_buf, sizeof(f->req_buf), q->type,
                          q->method, f->req_mid, (const uint8_t *)q->token,
                          (uint8_t)strlen(q->token));
    if (q->path && q->path[0] != '\0') {
        lwci_coap_add_path(&w, LWCI_COAP_OPT_URI_PATH, q->path);
    }
    if (q->cf != CFX_NONE) {
        lwci_coap_add_opt_uint(&w, LWCI_COAP_OPT_CONTENT_FORMAT,
                               (uint32_t)q->cf);
    }
    if (q->accept != CFX_NONE) {
        lwci_coap_add_opt_uint(&w, LWCI_COAP_OPT_ACCEPT, (uint32_t)q->accept);
    }
    if (q->has_block2) {
        lwci_coap_add_opt_block(&w, LWCI_COAP_OPT_BLOCK2, &q->block2);
    }
    if (q->has_block1) {
        lwci_coap_add_opt_block(&w, LWCI_COAP_OPT_BLOCK1, &q->block1);
    }
    if (q->size1 > 0) {
        lwci_coap_add_opt_uint(&w, LWCI_COAP_OPT_SIZE1, q->size1);
    }
    if (q->pad_len > 0) {
        assert_true(q->pad_len <= sizeof(pad));
        memset(pad, 'p', q->pad_len);
        lwci_coap_add_opt(&w, CFX_PAD_OPT, pad, q->pad_len);
    }
    if (hdr_len) {
        *hdr_len = w.len;
    }
    if (q->len > 0) {
        lwci_coap_add_payload(&w, q->payload, q->len);
    }
    assert_int_equal(w.err, LWC_OK);
    return w.len;
}

size_t cfx_deliver(cfx_t *f, const uint8_t *buf, size_t len)
{
    fake_net_clear_sent(&f->net);
    fake_net_inject(&f->net, buf, len);
    f->now += 10;
    lwc_client_step(&f->client, f->now);
    return f->net.sent_count;
}

const lwci_coap_msg_t *cfx_request(cfx_t *f, const cfx_req_t *q)
{
    size_t len = cfx_build(f, q, NULL);
    lwci_coap_msg_t *m = &f->resp;

    assert_int_equal(cfx_deliver(f, f->req_buf, len), 1);
    cfx_parse(&f->net.sent[0], m);
    assert_int_equal(m->token_len, strlen(q->token));
    assert_memory_equal(m->token, q->token, m->token_len);
    if (q->type == LWCI_COAP_CON) {
        assert_int_equal(m->type, LWCI_COAP_ACK);
        assert_int_equal(m->mid, f->req_mid);
    } else {
        assert_int_equal(m->type, LWCI_COAP_NON);
    }
    return m;
}

/* ---- Checks of an answer ------------------------------------------------- */

void cfx_parse(const fake_dgram_t *d, lwci_coap_msg_t *m)
{
    assert_int_equal(lwci_coap_parse(m, d->data, d->len, NULL), LWC_OK);
}

void cfx_reply(fake_net_t *net, const lwci_coap_msg_t *req, uint8_t code,
               const char *location)
{
    uint8_t buf[64];
    lwci_coap_writer_t w;

    lwci_coap_writer_init(&w, buf, sizeof(buf), LWCI_COAP_ACK, code, req->mid,
                          req->token, req->token_len);
    if (location) {
        lwci_coap_add_path(&w, LWCI_COAP_OPT_LOCATION_PATH, location);
    }
    assert_int_equal(w.err, LWC_OK);
    fake_net_inject(net, buf, w.len);
}

int32_t cfx_format_of(const lwci_coap_msg_t *m)
{
    uint16_t v;
    int rc = lwci_coap_get_content_format(m, &v);
    if (rc == LWC_ERR_NOT_FOUND) {
        return CFX_NONE;
    }
    assert_int_equal(rc, LWC_OK);
    return v;
}

lwci_coap_block_t cfx_block_of(const lwci_coap_msg_t *m, uint16_t opt)
{
    lwci_coap_block_t b;
    assert_int_equal(lwci_coap_get_block(m, opt, &b), LWC_OK);
    return b;
}

uint32_t cfx_uint_of(const lwci_coap_msg_t *m, uint16_t opt)
{
    uint32_t v = 0;
    assert_int_equal(lwci_coap_get_uint(m, opt, &v), LWC_OK);
    return v;
}

void cfx_expect_payload(const lwci_coap_msg_t *m, const void *want, size_t len)
{
    assert_int_equal(m->payload_len, len);
    if (len > 0) {
        assert_memory_equal(m->payload, want, len);
    }
}

void cfx_expect_contains(const lwci_coap_msg_t *m, const void *want, size_t len)
{
    for (size_t i = 0; i + len <= m->payload_len; i++) {
        if (memcmp(m->payload + i, want, len) == 0) {
            return;
        }
    }
    fail_msg("payload of %zu bytes lacks the expected value", m->payload_len);
}

void cfx_expect_content(const lwci_coap_msg_t *m, int32_t cf, const void *want,
                        size_t len)
{
    assert_int_equal(m->code, LWCI_COAP_205_CONTENT);
    assert_int_equal(cfx_format_of(m), cf);
    cfx_expect_payload(m, want, len);
}

/* ---- Handlers ------------------------------------------------------------ */

int cfx_list_one(void *ctx, lwc_dm_list_t *list)
{
    (void)ctx;
    lwc_dm_list_add(list, 0);
    return LWC_OK;
}
