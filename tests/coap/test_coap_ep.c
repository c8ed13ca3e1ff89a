/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Message layer (RFC 7252 §4) in simulated time over the fake transport:
 * retransmission instants, giving up, response matching, separate
 * responses, deduplication, ping and protocol-level rejections.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <lwc/errors.h>

#include "coap/coap_ep.h"
#include "support/fake_net.h"

typedef struct {
    fake_net_t net;
    lwc_platform_t pf;
    lwc_transport_t t;
    lwci_coap_ep_t ep;
    lwci_coap_msg_t msg;
    uint8_t resp_buf[LWC_COAP_MAX_MSG_SIZE];
    int requests_seen;
    uint8_t reply_code;
    size_t reply_payload_len;
} fixture_t;

static int setup(void **state)
{
    static fixture_t f;

    memset(&f, 0, sizeof(f));
    fake_net_init(&f.net);
    f.pf = fake_net_platform(&f.net);
    f.t = fake_net_transport(&f.net);
    f.net.random_value = 0x12345678;
    lwci_coap_ep_init(&f.ep, &f.pf, &f.t);
    f.reply_code = LWCI_COAP_205_CONTENT;
    *state = &f;
    return 0;
}

static void on_request(void *ctx, const lwci_coap_msg_t *req,
                       lwci_coap_writer_t *w)
{
    fixture_t *f = ctx;
    static const uint8_t big[LWC_COAP_DEDUP_RESPONSE_SIZE + 10];
    (void)req;

    f->requests_seen++;
    lwci_coap_writer_set_code(w, f->reply_code);
    if (f->reply_payload_len) {
        lwci_coap_add_payload(w, big, f->reply_payload_len);
    } else {
        lwci_coap_add_payload(w, "22.3", 4);
    }
}

static lwci_coap_ev_t feed(fixture_t *f, int64_t now, const uint8_t *b,
                           size_t len)
{
    f->net.now_ms = now;
    return lwci_coap_ep_handle(&f->ep, now, b, len, &f->msg, on_request, f,
                               f->resp_buf, sizeof(f->resp_buf));
}

/* Sends a GET /rd as the outstanding CON request at time `now`. */
static void send_get(fixture_t *f, int64_t now)
{
    lwci_coap_writer_t w;

    assert_int_equal(lwci_coap_ep_request_begin(&f->ep, &w, LWCI_COAP_GET),
                     LWC_OK);
    lwci_coap_add_opt_str(&w, LWCI_COAP_OPT_URI_PATH, "rd");
    f->net.now_ms = now;
    assert_int_equal(lwci_coap_ep_request_send(&f->ep, &w, now), LWC_OK);
}

static lwci_coap_ev_t tick(fixture_t *f, int64_t now, int64_t *next)
{
    int64_t n = INT64_MAX;
    lwci_coap_ev_t ev;

    f->net.now_ms = now;
    ev = lwci_coap_ep_tick(&f->ep, now, &n);
    if (next) {
        *next = n;
    }
    return ev;
}

/* Run the clock forward 1 ms at a time up to `until`; returns the event
 * of the first tick that reported one. */
static lwci_coap_ev_t run_until(fixture_t *f, int64_t from, int64_t until)
{
    for (int64_t t = from; t <= until; t++) {
        lwci_coap_ev_t ev = tick(f, t, NULL);
        if (ev != LWCI_COAP_EV_NONE) {
            return ev;
        }
    }
    return LWCI_COAP_EV_NONE;
}

static uint16_t sent_mid(const fixture_t *f, size_t i)
{
    return (uint16_t)(f->net.sent[i].data[2] << 8 | f->net.sent[i].data[3]);
}

/* Random value r gives an initial timeout of 2000 + r % 1001 ms. The
 * request goes out at 0, T, 3T, 7T, 15T and is abandoned at 31T. */
static void check_schedule(fixture_t *f, uint32_t random_value, int64_t t0)
{
    uint32_t r;
    int64_t T;

    f->net.random_value = random_value;
    send_get(f, t0);
    /* random_u32 reads the 4 bytes big-endian: the same value back. */
    r = random_value;
    T = 2000 + r % 1001;
    assert_true(T >= 2000 && T <= 3000); /* RFC 7252 §4.8 range */
    assert_int_equal(run_until(f, t0, t0 + 31 * T - 1), LWCI_COAP_EV_NONE);
    assert_int_equal(f->net.sent_count, 5);
    assert_int_equal(f->net.sent[0].at_ms, t0);
    assert_int_equal(f->net.sent[1].at_ms, t0 + T);
    assert_int_equal(f->net.sent[2].at_ms, t0 + 3 * T);
    assert_int_equal(f->net.sent[3].at_ms, t0 + 7 * T);
    assert_int_equal(f->net.sent[4].at_ms, t0 + 15 * T);
    for (size_t i = 1; i < 5; i++) {
        assert_int_equal(f->net.sent[i].len, f->net.sent[0].len);
        assert_memory_equal(f->net.sent[i].data, f->net.sent[0].data,
                            f->net.sent[0].len);
    }
    assert_int_equal(tick(f, t0 + 31 * T, NULL), LWCI_COAP_EV_TIMEOUT);
    assert_false(lwci_coap_ep_busy(&f->ep));
    assert_int_equal(f->net.sent_count, 5); /* MAX_RETRANSMIT = 4 */
}

static void test_retransmit_schedule_low(void **state)
{
    check_schedule(*state, 0, 1000);
}

static void test_retransmit_schedule_high(void **state)
{
    check_schedule(*state, 1000, 5); /* 1000 % 1001: T = 3000 */
}

static void test_retransmit_schedule_mid(void **state)
{
    check_schedule(*state, 0x12345678, 0);
}

static void test_next_deadline_reported(void **state)
{
    fixture_t *f = *state;
    int64_t next;

    f->net.random_value = 0;
    send_get(f, 100);
    tick(f, 100, &next);
    assert_int_equal(next, 2100);
    tick(f, 2100, &next); /* first retransmission, timeout doubles */
    assert_int_equal(next, 6100);
}

static void test_nstart_one(void **state)
{
    fixture_t *f = *state;
    lwci_coap_writer_t w;

    send_get(f, 0);
    assert_true(lwci_coap_ep_busy(&f->ep));
    assert_int_equal(lwci_coap_ep_request_begin(&f->ep, &w, LWCI_COAP_GET),
                     LWC_ERR_BUSY);
}

/* Builds an ACK/CON/NON answer echoing the request's token. */
static size_t answer(const fixture_t *f, uint8_t *b, uint8_t type, uint8_t code,
                     uint16_t mid)
{
    const uint8_t *req = f->net.sent[0].data;
    uint8_t tkl = req[0] & 0x0f;

    b[0] = (uint8_t)(0x40 | type << 4 | tkl);
    b[1] = code;
    b[2] = (uint8_t)(mid >> 8);
    b[3] = (uint8_t)mid;
    memcpy(b + 4, req + 4, tkl);
    return 4u + tkl;
}

static void test_piggybacked_response(void **state)
{
    fixture_t *f = *state;
    uint8_t b[32];
    size_t n;

    send_get(f, 0);
    /* An ACK with the wrong message ID is not ours. */
    n = answer(f, b, LWCI_COAP_ACK, LWCI_COAP_205_CONTENT,
               (uint16_t)(sent_mid(f, 0) + 1));
    assert_int_equal(feed(f, 10, b, n), LWCI_COAP_EV_NONE);
    assert_true(lwci_coap_ep_busy(&f->ep));
    /* The right one, with a payload. */
    n = answer(f, b, LWCI_COAP_ACK, LWCI_COAP_205_CONTENT, sent_mid(f, 0));
    b[n++] = 0xff;
    b[n++] = 'x';
    assert_int_equal(feed(f, 20, b, n), LWCI_COAP_EV_RESPONSE);
    assert_int_equal(f->msg.code, LWCI_COAP_205_CONTENT);
    assert_int_equal(f->msg.payload_len, 1);
    assert_false(lwci_coap_ep_busy(&f->ep));
    /* A duplicate of that ACK later is ignored. */
    assert_int_equal(feed(f, 30, b, n), LWCI_COAP_EV_NONE);
    assert_int_equal(f->net.sent_count, 1);
}

static void test_wrong_token_ignored(void **state)
{
    fixture_t *f = *state;
    uint8_t b[32];
    size_t n;

    send_get(f, 0);
    n = answer(f, b, LWCI_COAP_ACK, LWCI_COAP_205_CONTENT, sent_mid(f, 0));
    b[4] ^= 0xff;
    assert_int_equal(feed(f, 10, b, n), LWCI_COAP_EV_NONE);
    assert_true(lwci_coap_ep_busy(&f->ep));
}

static void test_separate_response(void **state)
{
    fixture_t *f = *state;
    uint8_t b[32] = {0x60, 0x00, 0, 0}; /* empty ACK */
    size_t n;

    f->net.random_value = 0;
    send_get(f, 0);
    b[2] = f->net.sent[0].data[2];
    b[3] = f->net.sent[0].data[3];
    assert_int_equal(feed(f, 500, b, 4), LWCI_COAP_EV_NONE);
    assert_true(lwci_coap_ep_busy(&f->ep));
    /* No more retransmissions once the ACK arrived. */
    assert_int_equal(run_until(f, 500, 60000), LWCI_COAP_EV_NONE);
    assert_int_equal(f->net.sent_count, 1);
    /* The CON response comes with a new message ID 0x7777. */
    n = answer(f, b, LWCI_COAP_CON, LWCI_COAP_205_CONTENT, 0x7777);
    assert_int_equal(feed(f, 60001, b, n), LWCI_COAP_EV_RESPONSE);
    assert_int_equal(f->net.sent_count, 2);
    {
        const uint8_t ack[] = {0x60, 0x00, 0x77, 0x77};
        assert_int_equal(f->net.sent[1].len, 4);
        assert_memory_equal(f->net.sent[1].data, ack, 4);
    }
    /* Our ACK was lost: the duplicate is acknowledged again, once more
     * reported to nobody. */
    assert_int_equal(feed(f, 62000, b, n), LWCI_COAP_EV_NONE);
    assert_int_equal(f->net.sent_count, 3);
    assert_int_equal(f->net.sent[2].data[0], 0x60);
}

static void test_separate_response_never_comes(void **state)
{
    fixture_t *f = *state;
    uint8_t b[4] = {0x60, 0x00, 0, 0};

    f->net.random_value = 0;
    send_get(f, 0);
    b[2] = f->net.sent[0].data[2];
    b[3] = f->net.sent[0].data[3];
    feed(f, 100, b, 4);
    assert_int_equal(tick(f, 100 + LWCI_COAP_EXCHANGE_LIFETIME_MS - 1, NULL),
                     LWCI_COAP_EV_NONE);
    assert_int_equal(tick(f, 100 + LWCI_COAP_EXCHANGE_LIFETIME_MS, NULL),
                     LWCI_COAP_EV_TIMEOUT);
}

static void test_reset_reported(void **state)
{
    fixture_t *f = *state;
    uint8_t b[4] = {0x70, 0x00, 0, 0};

    send_get(f, 0);
    b[2] = f->net.sent[0].data[2];
    b[3] = f->net.sent[0].data[3];
    assert_int_equal(feed(f, 5, b, 4), LWCI_COAP_EV_RESET);
    assert_false(lwci_coap_ep_busy(&f->ep));
}

static void test_unexpected_con_response_gets_rst(void **state)
{
    fixture_t *f = *state;
    /* CON 2.05 mid 0x0102 token 0xAA that we never asked for. */
    const uint8_t b[] = {0x41, 0x45, 0x01, 0x02, 0xaa};
    const uint8_t rst[] = {0x70, 0x00, 0x01, 0x02};

    assert_int_equal(feed(f, 0, b, sizeof(b)), LWCI_COAP_EV_NONE);
    assert_int_equal(f->net.sent_count, 1);
    assert_int_equal(f->net.sent[0].len, 4);
    assert_memory_equal(f->net.sent[0].data, rst, 4);
}

/* CON GET /3/0 mid 0x1234 token 0x01 0x02. */
static const uint8_t get_3_0[] = {0x42, 0x01, 0x12, 0x34, 0x01,
                                  0x02, 0xb1, '3',  0x01, '0'};

static void test_request_piggybacked_answer(void **state)
{
    fixture_t *f = *state;
    /* ACK 2.05 mid 0x1234, same token, payload "22.3". */
    const uint8_t expect[] = {0x62, 0x45, 0x12, 0x34, 0x01, 0x02,
                              0xff, '2',  '2',  '.',  '3'};

    feed(f, 0, get_3_0, sizeof(get_3_0));
    assert_int_equal(f->requests_seen, 1);
    assert_int_equal(f->net.sent_count, 1);
    assert_int_equal(f->net.sent[0].len, sizeof(expect));
    assert_memory_equal(f->net.sent[0].data, expect, sizeof(expect));
}

static void test_duplicate_answered_from_cache(void **state)
{
    fixture_t *f = *state;

    feed(f, 0, get_3_0, sizeof(get_3_0));
    f->reply_code = LWCI_COAP_404_NOT_FOUND; /* would differ if re-run */
    feed(f, 3000, get_3_0, sizeof(get_3_0));
    assert_int_equal(f->requests_seen, 1); /* processed once */
    assert_int_equal(f->net.sent_count, 2);
    assert_int_equal(f->net.sent[1].len, f->net.sent[0].len);
    assert_memory_equal(f->net.sent[1].data, f->net.sent[0].data,
                        f->net.sent[0].len);
    /* After EXCHANGE_LIFETIME the message ID is new again. */
    feed(f, LWCI_COAP_EXCHANGE_LIFETIME_MS + 1, get_3_0, sizeof(get_3_0));
    assert_int_equal(f->requests_seen, 2);
    assert_int_equal(f->net.sent[2].data[1], LWCI_COAP_404_NOT_FOUND);
}

static void test_duplicate_uncached_unsafe_dropped(void **state)
{
    fixture_t *f = *state;
    /* CON POST /3/0/4 (execute) mid 0x2222. */
    const uint8_t post[] = {0x40, 0x02, 0x22, 0x22, 0xb1,
                            '3',  0x01, '0',  0x01, '4'};

    f->reply_payload_len = LWC_COAP_DEDUP_RESPONSE_SIZE + 1; /* not cached */
    feed(f, 0, post, sizeof(post));
    feed(f, 100, post, sizeof(post));
    assert_int_equal(f->requests_seen, 1); /* executed exactly once */
    assert_int_equal(f->net.sent_count, 1);
}

static void test_duplicate_uncached_safe_reprocessed(void **state)
{
    fixture_t *f = *state;

    f->reply_payload_len = LWC_COAP_DEDUP_RESPONSE_SIZE + 1;
    feed(f, 0, get_3_0, sizeof(get_3_0));
    feed(f, 100, get_3_0, sizeof(get_3_0));
    assert_int_equal(f->requests_seen, 2); /* a GET may run again */
    assert_int_equal(f->net.sent_count, 2);
}

static void test_ping_answered_with_rst(void **state)
{
    fixture_t *f = *state;
    const uint8_t ping[] = {0x40, 0x00, 0xbe, 0xef};
    const uint8_t rst[] = {0x70, 0x00, 0xbe, 0xef};

    feed(f, 0, ping, sizeof(ping));
    assert_int_equal(f->requests_seen, 0);
    assert_int_equal(f->net.sent_count, 1);
    assert_memory_equal(f->net.sent[0].data, rst, 4);
}

static void test_unknown_critical_option_402(void **state)
{
    fixture_t *f = *state;
    /* CON GET mid 0x0001 token 0x07, option 9 (critical, unknown). */
    const uint8_t b[] = {0x41, 0x01, 0x00, 0x01, 0x07, 0x91, 'x'};
    const uint8_t expect[] = {0x61, 0x82, 0x00, 0x01, 0x07};

    feed(f, 0, b, sizeof(b));
    assert_int_equal(f->requests_seen, 0);
    assert_int_equal(f->net.sent_count, 1);
    assert_int_equal(f->net.sent[0].len, sizeof(expect));
    assert_memory_equal(f->net.sent[0].data, expect, sizeof(expect));
}

static void test_malformed_request_400(void **state)
{
    fixture_t *f = *state;
    /* CON GET mid 0x0005 token 0x09, option delta nibble 15 (reserved). */
    const uint8_t b[] = {0x41, 0x01, 0x00, 0x05, 0x09, 0xf1, 'x'};
    const uint8_t expect[] = {0x61, 0x80, 0x00, 0x05, 0x09};

    feed(f, 0, b, sizeof(b));
    assert_int_equal(f->requests_seen, 0);
    assert_int_equal(f->net.sent_count, 1);
    assert_memory_equal(f->net.sent[0].data, expect, sizeof(expect));
}

static void test_bad_header_silently_dropped(void **state)
{
    fixture_t *f = *state;
    const uint8_t v2[] = {0x81, 0x01, 0x00, 0x05, 0x09}; /* version 2 */
    const uint8_t tkl9[] = {0x49, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    const uint8_t short3[] = {0x40, 0x01, 0x00};

    feed(f, 0, v2, sizeof(v2));
    feed(f, 0, tkl9, sizeof(tkl9));
    feed(f, 0, short3, sizeof(short3));
    assert_int_equal(f->requests_seen, 0);
    assert_int_equal(f->net.sent_count, 0);
}

static void test_non_request_gets_non_response(void **state)
{
    fixture_t *f = *state;
    const uint8_t b[] = {0x51, 0x01, 0x00, 0x10, 0x33, 0xb1, '3'};

    feed(f, 0, b, sizeof(b));
    assert_int_equal(f->requests_seen, 1);
    assert_int_equal(f->net.sent_count, 1);
    assert_int_equal(f->net.sent[0].data[0] >> 4 & 3, LWCI_COAP_NON);
    assert_int_equal(f->net.sent[0].data[4], 0x33); /* token echoed */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_retransmit_schedule_low, setup),
        cmocka_unit_test_setup(test_retransmit_schedule_high, setup),
        cmocka_unit_test_setup(test_retransmit_schedule_mid, setup),
        cmocka_unit_test_setup(test_next_deadline_reported, setup),
        cmocka_unit_test_setup(test_nstart_one, setup),
        cmocka_unit_test_setup(test_piggybacked_response, setup),
        cmocka_unit_test_setup(test_wrong_token_ignored, setup),
        cmocka_unit_test_setup(test_separate_response, setup),
        cmocka_unit_test_setup(test_separate_response_never_comes, setup),
        cmocka_unit_test_setup(test_reset_reported, setup),
        cmocka_unit_test_setup(test_unexpected_con_response_gets_rst, setup),
        cmocka_unit_test_setup(test_request_piggybacked_answer, setup),
        cmocka_unit_test_setup(test_duplicate_answered_from_cache, setup),
        cmocka_unit_test_setup(test_duplicate_uncached_unsafe_dropped, setup),
        cmocka_unit_test_setup(test_duplicate_uncached_safe_reprocessed, setup),
        cmocka_unit_test_setup(test_ping_answered_with_rst, setup),
        cmocka_unit_test_setup(test_unknown_critical_option_402, setup),
        cmocka_unit_test_setup(test_malformed_request_400, setup),
        cmocka_unit_test_setup(test_bad_header_silently_dropped, setup),
        cmocka_unit_test_setup(test_non_request_gets_non_response, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
