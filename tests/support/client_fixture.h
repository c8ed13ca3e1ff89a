/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Shared fixture of the tests that drive the whole client from the
 * server's side (tests/core, tests/formats): an lwc client on the fake
 * network (support/fake_net.h) with the standard Security and Server
 * objects holding one NoSec server, the test's own objects, started, its
 * Register answered or not; requests built with the CoAP writer, injected,
 * one step run and the one answer parsed; checks of that answer. Time
 * moves 10 ms per request. Checks fail the running cmocka test.
 *
 * A test file uses cfx_t as its cmocka state, or embeds it as the first
 * member of its own fixture (cfx_teardown relies on that).
 */
#ifndef LWC_TESTS_SUPPORT_CLIENT_FIXTURE_H
#define LWC_TESTS_SUPPORT_CLIENT_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lwc/client.h>
#include <lwc/objects/security.h>
#include <lwc/objects/server.h>

#include "coap/coap_msg.h"
#include "support/fake_net.h"

#define CFX_NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* An absent Content-Format or Accept (cfx_req_t, cfx_format_of). */
#define CFX_NONE (-1)

/* The token of a request unless the test gives one. */
#define CFX_TOKEN "cfx"

/* An elective option no one knows (RFC 7252 §5.4.1: ignored), used to pad
 * a request to a given size. */
#define CFX_PAD_OPT 2048

/* The largest request cfx_build() writes. */
#define CFX_REQ_SIZE 4608

/* The client, its network and what it reported. */
typedef struct {
    fake_net_t net;
    lwc_client_t client;
    lwc_security_object_t sec;
    lwc_server_object_t srv;
    int64_t now;                   /* of the last step a request ran */
    uint16_t mid;                  /* the next request's message ID */
    uint16_t req_mid;              /* the last built request's message ID */
    int registered;                /* LWC_EVENT_REGISTERED events */
    fake_dgram_t reg;              /* the first Register, as sent */
    lwci_coap_msg_t resp;          /* the last answer, into net.sent[0] */
    uint8_t req_buf[CFX_REQ_SIZE]; /* the last built request */
} cfx_t;

/*
 * Zero f, set up the client with the Security and Server objects (one
 * NoSec server, Short Server ID 1, lifetime 86400 s) and objects[0..n),
 * start it and run one step at 0: the Register is out (f->net.sent[0],
 * kept in f->reg), unanswered. The next request runs at 110 ms.
 */
void cfx_start(cfx_t *f, const lwc_object_t *const *objects, size_t n);

/* Answer the Register with a piggybacked 2.01, Location-Path rd/1, and
 * run a step: the client is registered. */
void cfx_register(cfx_t *f);

/* cmocka teardown: *state points at a cfx_t (or a struct that starts with
 * one); deinitialises its client. */
int cfx_teardown(void **state);

/* ---- Requests ------------------------------------------------------------ */

/* One request from the server. Start from cfx_req(): a zero cf or accept
 * would be text/plain. */
typedef struct {
    uint8_t type;      /* LWCI_COAP_CON or LWCI_COAP_NON */
    uint8_t method;    /* LWCI_COAP_GET, _PUT, _POST, _FETCH, ... */
    uint16_t mid;      /* 0: the fixture's next message ID */
    const char *token; /* 1 to 8 characters */
    const char *path;  /* Uri-Path "30001/0/1"; NULL or "": none (root) */
    int32_t cf;        /* Content-Format, CFX_NONE when absent */
    int32_t accept;    /* Accept, CFX_NONE when absent */
    bool has_block2;
    lwci_coap_block_t block2;
    bool has_block1;
    lwci_coap_block_t block1;
    uint32_t size1; /* Size1, 0 for none */
    size_t pad_len; /* CFX_PAD_OPT of this many bytes, 0 for none */
    const void *payload;
    size_t len;
} cfx_req_t;

/* A CON request with the method and path, token CFX_TOKEN, no options
 * and no payload. */
cfx_req_t cfx_req(uint8_t method, const char *path);

/*
 * Make q block `num` of body[0..total) at 16 << szx bytes: its Block1
 * option (M set unless it is the last) and its slice of body as payload.
 */
void cfx_block1(cfx_req_t *q, const void *body, size_t total, uint32_t num,
                uint8_t szx);

/*
 * Write q into f->req_buf: its length. *hdr_len (if not NULL) gets the
 * bytes before the payload marker. Takes a message ID (f->req_mid).
 */
size_t cfx_build(cfx_t *f, const cfx_req_t *q, size_t *hdr_len);

/* Forget what was sent, queue buf[0..len) for the client, advance time by
 * 10 ms and run a step: how many datagrams the client sent. */
size_t cfx_deliver(cfx_t *f, const uint8_t *buf, size_t len);

/*
 * Build q, deliver it and parse the one datagram the client sent back
 * into f->resp, which is returned (valid until the next request). The
 * answer echoes q's token; a CON request is answered with an ACK with its
 * message ID, a NON one with a NON.
 */
const lwci_coap_msg_t *cfx_request(cfx_t *f, const cfx_req_t *q);

/* ---- Checks of an answer ------------------------------------------------- */

/* Parse a captured datagram; it must be a valid CoAP message. */
void cfx_parse(const fake_dgram_t *d, lwci_coap_msg_t *m);

/* Queue the server's piggybacked ACK to req with code and, if location is
 * not NULL, its Location-Path options ("rd/a1": rd, a1). */
void cfx_reply(fake_net_t *net, const lwci_coap_msg_t *req, uint8_t code,
               const char *location);

/* The answer's Content-Format, CFX_NONE when it has none. */
int32_t cfx_format_of(const lwci_coap_msg_t *m);

/* The answer's Block1 or Block2 option (opt); it must have a valid one. */
lwci_coap_block_t cfx_block_of(const lwci_coap_msg_t *m, uint16_t opt);

/* The answer's unsigned option opt (Size1, Size2); it must have one. */
uint32_t cfx_uint_of(const lwci_coap_msg_t *m, uint16_t opt);

/* The payload is exactly want[0..len). */
void cfx_expect_payload(const lwci_coap_msg_t *m, const void *want, size_t len);

/* The payload holds want[0..len) somewhere. */
void cfx_expect_contains(const lwci_coap_msg_t *m, const void *want,
                         size_t len);

/* The answer is 2.05 Content in format cf with exactly want[0..len). */
void cfx_expect_content(const lwci_coap_msg_t *m, int32_t cf, const void *want,
                        size_t len);

/* ---- Handlers ------------------------------------------------------------ */

/* list_instances: instance 0 only. */
int cfx_list_one(void *ctx, lwc_dm_list_t *list);

#endif /* LWC_TESTS_SUPPORT_CLIENT_FIXTURE_H */
