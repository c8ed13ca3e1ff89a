/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The DTLS decorator in PSK mode against an in-process Mbed TLS server over
 * an in-memory link, in virtual time: handshake and data, retransmission
 * timing (RFC 6347 §4.2.4), wrong credentials, lossy links, resumption
 * (RFC 5246 §7.3), a server that lost the session, and API misuse.
 */
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

static harness_t *psk_harness(uint16_t mtu)
{
    harness_t *h = h_new();
    lwc_transport_params_t p = h_psk_params("dev1", h_key, sizeof(h_key));

    assert_int_equal(tsrv_init_psk(&h->srv, &h->net, &h->now, "dev1", h_key,
                                   sizeof(h_key), mtu),
                     0);
    h->srv_up = true;
    h->cfg.mtu = mtu;
    assert_int_equal(h_open(h, &p), LWC_OK);
    return h;
}

static void assert_echo(harness_t *h, const char *msg)
{
    uint8_t buf[256];
    size_t len = 0;

    assert_int_equal(h_exchange(h, msg, buf, sizeof(buf), &len, 5000), LWC_OK);
    assert_int_equal(len, strlen(msg));
    assert_memory_equal(buf, msg, len);
}

static void test_handshake_and_data(void **state)
{
    harness_t *h = psk_harness(0);

    (void)state;
    assert_int_equal(h_connect(h), LWC_OK);
    assert_int_equal(h->srv.handshakes, 1);
    assert_false(lwc_mbedtls_dtls_resumed(&h->dtls));
    /* connect() again on a connected session is a no-op. */
    assert_int_equal(h->t.ops->connect(h->t.ctx, h->now, NULL), LWC_OK);
    assert_echo(h, "hello");
    assert_echo(h, "second message");
    assert_true(h_logged(h, "handshake done (full"));
    h_free(h);
}

/*
 * Nothing reaches the server: the ClientHello is sent at 0 and again after
 * 1, 2 and 4 s (the timeout doubles from min 1 s up to max 8 s); when the
 * 8 s timeout expires too the handshake fails with LWC_ERR_TIMEOUT.
 */
static void test_retransmission_timing(void **state)
{
    harness_t *h = psk_harness(0);
    int64_t wake = 0;

    (void)state;
    h->net.pattern[MEM_TO_SERVER] = "DDDDDDDDDDDDDDDDDDDD";
    assert_int_equal(h->t.ops->connect(h->t.ctx, 0, &wake),
                     LWC_ERR_WOULD_BLOCK);
    assert_int_equal(wake, 1000);
    h->now = 999;
    assert_int_equal(h->t.ops->connect(h->t.ctx, h->now, &wake),
                     LWC_ERR_WOULD_BLOCK);
    assert_int_equal(h->net.sent[MEM_TO_SERVER], 1); /* not yet due */
    assert_int_equal(h_connect(h), LWC_ERR_TIMEOUT);
    assert_int_equal(h->net.sent[MEM_TO_SERVER], 4);
    assert_int_equal(h->net.send_times[MEM_TO_SERVER][0], 0);
    assert_int_equal(h->net.send_times[MEM_TO_SERVER][1], 1000);
    assert_int_equal(h->net.send_times[MEM_TO_SERVER][2], 3000);
    assert_int_equal(h->net.send_times[MEM_TO_SERVER][3], 7000);
    assert_int_equal(h->now, 15000);
    assert_true(h_logged(h, "no answer"));
    assert_non_null(lwc_mbedtls_dtls_failure(&h->dtls));
    assert_int_equal(lwc_mbedtls_dtls_failure(&h->dtls)->err, LWC_ERR_TIMEOUT);
    assert_int_equal(lwc_mbedtls_dtls_failure(&h->dtls)->alert, -1);
    /* The failure sticks until close(), its record until the next connect. */
    assert_int_equal(h->t.ops->connect(h->t.ctx, h->now, &wake),
                     LWC_ERR_TIMEOUT);
    h->t.ops->close(h->t.ctx);
    assert_non_null(lwc_mbedtls_dtls_failure(&h->dtls));
    h->net.pattern[MEM_TO_SERVER] = NULL;
    assert_int_equal(h->t.ops->connect(h->t.ctx, h->now, &wake),
                     LWC_ERR_WOULD_BLOCK);
    assert_null(lwc_mbedtls_dtls_failure(&h->dtls));
    h_free(h);
}

static void test_wrong_identity(void **state)
{
    harness_t *h = h_new();
    lwc_transport_params_t p = h_psk_params("intruder", h_key, sizeof(h_key));

    (void)state;
    assert_int_equal(tsrv_init_psk(&h->srv, &h->net, &h->now, "dev1", h_key,
                                   sizeof(h_key), 0),
                     0);
    h->srv_up = true;
    assert_int_equal(h_open(h, &p), LWC_OK);
    assert_null(lwc_mbedtls_dtls_failure(&h->dtls));
    assert_int_equal(h_connect(h), LWC_ERR_HANDSHAKE);
    assert_true(h_logged(h, "fatal alert 115 (unknown_psk_identity)"));
    assert_int_equal(lwc_mbedtls_dtls_failure(&h->dtls)->err,
                     LWC_ERR_HANDSHAKE);
    assert_int_equal(lwc_mbedtls_dtls_failure(&h->dtls)->alert, 115);
    assert_string_equal(lwc_mbedtls_dtls_failure(&h->dtls)->reason,
                        "server sent fatal alert 115 (unknown_psk_identity)");
    h_free(h);
}

static void test_wrong_key(void **state)
{
    harness_t *h = h_new();
    uint8_t bad[sizeof(h_key)];
    lwc_transport_params_t p = h_psk_params("dev1", bad, sizeof(bad));
    int rc;

    (void)state;
    memcpy(bad, h_key, sizeof(bad));
    bad[0] ^= 1;
    assert_int_equal(tsrv_init_psk(&h->srv, &h->net, &h->now, "dev1", h_key,
                                   sizeof(h_key), 0),
                     0);
    h->srv_up = true;
    assert_int_equal(h_open(h, &p), LWC_OK);
    rc = h_connect(h);
    /* The server cannot decrypt our Finished: it discards it (RFC 6347
     * §4.1.2.7) or alerts; either way the handshake fails, in bounded time. */
    assert_true(rc == LWC_ERR_TIMEOUT || rc == LWC_ERR_HANDSHAKE);
    assert_true(h->now <= 15000);
    assert_true(h_logged(h, "handshake failed"));
    h_free(h);
}

/*
 * A server that cannot verify our Finished (OpenSSL with a wrong key) drops
 * it silently: the client waits for the server's ChangeCipherSpec until
 * its retransmissions are exhausted, and names the likely cause.
 */
static void test_finished_unanswered(void **state)
{
    harness_t *h = psk_harness(0);

    (void)state;
    /* ClientHello, ClientHello with the cookie, then nothing gets through. */
    h->net.pattern[MEM_TO_SERVER] = "..DDDDDDDDDDDDDDDDDDDD";
    assert_int_equal(h_connect(h), LWC_ERR_TIMEOUT);
    assert_string_equal(lwc_mbedtls_dtls_failure(&h->dtls)->reason,
                        "no answer to our Finished (wrong PSK key?)");
    assert_true(h_logged(h, "handshake failed: no answer to our Finished"));
    h_free(h);
}

/* Drops, duplicates and reorders (H) datagrams of the handshake flights in
 * both directions; with MTU 90 the server's and the client's second flights
 * span two datagrams each. */
static void run_faulty(const char *to_server, const char *to_client)
{
    harness_t *h = psk_harness(90);

    h->net.pattern[MEM_TO_SERVER] = to_server;
    h->net.pattern[MEM_TO_CLIENT] = to_client;
    assert_int_equal(h_connect(h), LWC_OK);
    assert_echo(h, "lossy"); /* MTU 90 leaves 16 bytes with CBC-SHA256 */
    if (getenv("LWC_TEST_VERBOSE")) {
        fprintf(stderr, "sent c->s %u s->c %u, t=%lld\n",
                h->net.sent[MEM_TO_SERVER], h->net.sent[MEM_TO_CLIENT],
                (long long)h->now);
    }
    assert_int_equal(h->srv.handshakes, 1);
    /* Retransmissions happened, and within the 8 s timeout cap. */
    assert_true(h->net.sent[MEM_TO_SERVER] > 4);
    assert_true(h->now < 15000);
    h_free(h);
}

static void test_faulty_link_reorder_dup(void **state)
{
    (void)state;
    run_faulty(".UH.U.H.U", "H.U.H.U.H.U.H");
}

static void test_faulty_link_drops(void **state)
{
    (void)state;
    run_faulty("D.D..DH.D", ".D.HD.DD.U.D.D");
}

static void test_faulty_link_heavy(void **state)
{
    (void)state;
    run_faulty("DUDHDDUD.DHD", "UDDHDUDDHDDUDD");
}

static void test_resumption(void **state)
{
    harness_t *h = psk_harness(0);
    unsigned char id[32];
    size_t id_len;

    (void)state;
    assert_int_equal(h_connect(h), LWC_OK);
    id_len = h->srv.ssl.session->id_len;
    assert_true(id_len > 0);
    memcpy(id, h->srv.ssl.session->id, id_len);
    assert_echo(h, "one");

    h->t.ops->close(h->t.ctx); /* sends close_notify */
    tsrv_step(&h->srv);
    assert_int_equal(h->srv.close_notes, 1);
    assert_int_equal(h->net.client_closes, 1);

    h->now += 600000; /* a quiet period */
    assert_int_equal(h_connect(h), LWC_OK);
    assert_true(lwc_mbedtls_dtls_resumed(&h->dtls));
    assert_true(h_logged(h, "handshake done (resumed"));
    /* The client sends the last flight of an abbreviated handshake; the
     * server completes when it reads it, before the echo. */
    assert_echo(h, "two");
    assert_int_equal(h->srv.handshakes, 2);
    /* The server agrees: same session ID. */
    assert_int_equal(h->srv.ssl.session->id_len, id_len);
    assert_memory_equal(h->srv.ssl.session->id, id, id_len);

    /* Forgetting the session forces a full handshake. */
    h->t.ops->close(h->t.ctx);
    tsrv_step(&h->srv);
    lwc_mbedtls_dtls_forget_session(&h->dtls);
    assert_int_equal(h_connect(h), LWC_OK);
    assert_false(lwc_mbedtls_dtls_resumed(&h->dtls));
    h_free(h);
}

/* The server restarts and forgets every session: the client's next
 * exchange gets no answer; closing and connecting again offers the old
 * session, which the server does not know, so a full handshake follows. */
static void test_server_lost_session(void **state)
{
    harness_t *h = psk_harness(0);
    uint8_t buf[64];
    size_t len = 0;

    (void)state;
    assert_int_equal(h_connect(h), LWC_OK);
    assert_echo(h, "before restart");

    tsrv_free(&h->srv);
    assert_int_equal(tsrv_init_psk(&h->srv, &h->net, &h->now, "dev1", h_key,
                                   sizeof(h_key), 0),
                     0);
    assert_int_equal(h_exchange(h, "lost", buf, sizeof(buf), &len, 10000),
                     LWC_ERR_WOULD_BLOCK);
    assert_int_equal(h->srv.echoed, 0);

    h->t.ops->close(h->t.ctx);
    assert_int_equal(h_connect(h), LWC_OK);
    assert_false(lwc_mbedtls_dtls_resumed(&h->dtls));
    assert_int_equal(h->srv.handshakes, 1);
    assert_echo(h, "after restart");
    h_free(h);
}

/* The server ends the session with close_notify: recv() reports it, and
 * the transport connects again after close(). */
static void test_server_closes(void **state)
{
    harness_t *h = psk_harness(0);
    uint8_t buf[64];
    size_t len;

    (void)state;
    assert_int_equal(h_connect(h), LWC_OK);
    mbedtls_ssl_close_notify(&h->srv.ssl);
    assert_int_equal(h->t.ops->recv(h->t.ctx, buf, sizeof(buf), &len),
                     LWC_ERR_CLOSED);
    assert_string_equal(lwc_mbedtls_dtls_failure(&h->dtls)->reason,
                        "server closed the session (close_notify)");
    assert_int_equal(h->t.ops->send(h->t.ctx, (const uint8_t *)"x", 1),
                     LWC_ERR_CLOSED);
    assert_int_equal(h->t.ops->connect(h->t.ctx, h->now, NULL), LWC_ERR_CLOSED);
    h->t.ops->close(h->t.ctx);
    /* Server side: forget the closed connection. */
    mbedtls_ssl_session_reset(&h->srv.ssl);
    mbedtls_ssl_set_client_transport_id(&h->srv.ssl,
                                        (const uint8_t *)"mem-client", 11);
    h->srv.connected = false;
    assert_int_equal(h_connect(h), LWC_OK);
    assert_echo(h, "again");
    h_free(h);
}

/*
 * DTLS Connection ID (RFC 9146) on request. An Mbed TLS built without
 * MBEDTLS_SSL_DTLS_CONNECTION_ID (Debian's) ignores the flag: handshake
 * and data work as without it. With it, the extension is offered; this
 * test server does not accept it, so none is negotiated.
 */
static void test_connection_id_flag(void **state)
{
    harness_t *h = h_new();
    lwc_transport_params_t p = h_psk_params("dev1", h_key, sizeof(h_key));

    (void)state;
    assert_int_equal(tsrv_init_psk(&h->srv, &h->net, &h->now, "dev1", h_key,
                                   sizeof(h_key), 0),
                     0);
    h->srv_up = true;
    h->cfg.use_connection_id = true;
    assert_int_equal(h_open(h, &p), LWC_OK);
    assert_int_equal(h_connect(h), LWC_OK);
    assert_echo(h, "with or without a CID");
#if defined(MBEDTLS_SSL_DTLS_CONNECTION_ID)
    {
        int enabled = -1;
        unsigned char cid[MBEDTLS_SSL_CID_OUT_LEN_MAX];
        size_t cid_len = 0;

        assert_int_equal(
            mbedtls_ssl_get_peer_cid(&h->dtls.ssl, &enabled, cid, &cid_len), 0);
        assert_int_equal(enabled, MBEDTLS_SSL_CID_DISABLED);
    }
#endif
    h_free(h);
}

static void test_send_recv_limits(void **state)
{
    harness_t *h = psk_harness(200);
    uint8_t big[400];
    uint8_t small[4];
    uint8_t buf[64];
    size_t len = 0;

    (void)state;
    assert_int_equal(h->t.ops->send(h->t.ctx, big, 10), LWC_ERR_STATE);
    assert_int_equal(h->t.ops->recv(h->t.ctx, buf, sizeof(buf), &len),
                     LWC_ERR_STATE);
    assert_int_equal(h_connect(h), LWC_OK);
    memset(big, 'a', sizeof(big));
    assert_int_equal(h->t.ops->send(h->t.ctx, big, sizeof(big)),
                     LWC_ERR_TOO_LARGE);
    /* A datagram larger than the buffer is dropped, the next one is fine. */
    assert_int_equal(
        h_exchange(h, "0123456789", small, sizeof(small), &len, 5000),
        LWC_ERR_TOO_LARGE);
    assert_int_equal(h->t.ops->recv(h->t.ctx, buf, sizeof(buf), &len),
                     LWC_ERR_WOULD_BLOCK);
    assert_echo(h, "fits");
    assert_int_equal(h->t.ops->get_fd(h->t.ctx), -1);
    h_free(h);
}

static void test_init_errors(void **state)
{
    harness_t *h = h_new();
    lwc_transport_t inner = mem_net_client(&h->net);
    lwc_transport_params_t p = h_psk_params("dev1", h_key, sizeof(h_key));
    uint8_t long_key[MBEDTLS_PSK_MAX_LEN + 1] = {0};
    lwc_transport_t out;
    lwc_mbedtls_config_t no_clock = h->cfg;

    (void)state;
    no_clock.now_ms = NULL;
    assert_int_equal(
        lwc_mbedtls_dtls_init(&h->dtls, &no_clock, &inner, &p, &out),
        LWC_ERR_INVALID_ARG);
    p.mode = LWC_SECURITY_RPK;
    assert_int_equal(lwc_mbedtls_dtls_init(&h->dtls, &h->cfg, &inner, &p, &out),
                     LWC_ERR_UNSUPPORTED);
    assert_true(h_logged(h, "raw public keys"));
    p.mode = LWC_SECURITY_NOSEC;
    assert_int_equal(lwc_mbedtls_dtls_init(&h->dtls, &h->cfg, &inner, &p, &out),
                     LWC_ERR_UNSUPPORTED);
    p.mode = LWC_SECURITY_CERT_EST;
    assert_int_equal(lwc_mbedtls_dtls_init(&h->dtls, &h->cfg, &inner, &p, &out),
                     LWC_ERR_UNSUPPORTED);
    p = h_psk_params("dev1", long_key, sizeof(long_key));
    assert_int_equal(lwc_mbedtls_dtls_init(&h->dtls, &h->cfg, &inner, &p, &out),
                     LWC_ERR_INVALID_ARG);
    p = h_psk_params("", h_key, sizeof(h_key));
    assert_int_equal(lwc_mbedtls_dtls_init(&h->dtls, &h->cfg, &inner, &p, &out),
                     LWC_ERR_INVALID_ARG);
    /* A failed init leaves the state reusable; a second init is refused. */
    p = h_psk_params("dev1", h_key, sizeof(h_key));
    assert_int_equal(lwc_mbedtls_dtls_init(&h->dtls, &h->cfg, &inner, &p, &out),
                     LWC_OK);
    assert_int_equal(lwc_mbedtls_dtls_init(&h->dtls, &h->cfg, &inner, &p, &out),
                     LWC_ERR_STATE);
    lwc_mbedtls_dtls_deinit(&h->dtls);
    lwc_mbedtls_dtls_deinit(&h->dtls);
    assert_false(lwc_mbedtls_dtls_resumed(NULL));
    h_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_handshake_and_data),
        cmocka_unit_test(test_retransmission_timing),
        cmocka_unit_test(test_wrong_identity),
        cmocka_unit_test(test_wrong_key),
        cmocka_unit_test(test_finished_unanswered),
        cmocka_unit_test(test_faulty_link_reorder_dup),
        cmocka_unit_test(test_faulty_link_drops),
        cmocka_unit_test(test_faulty_link_heavy),
        cmocka_unit_test(test_resumption),
        cmocka_unit_test(test_server_lost_session),
        cmocka_unit_test(test_server_closes),
        cmocka_unit_test(test_connection_id_flag),
        cmocka_unit_test(test_send_recv_limits),
        cmocka_unit_test(test_init_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
