/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * A scripted fake transport and a deterministic platform for unit tests:
 * datagrams the library sends are captured in order, datagrams the test
 * injects are delivered by recv(), and "random" bytes come from a counter
 * the test controls. Time is whatever the test passes to the library.
 */
#ifndef LWC_TESTS_FAKE_NET_H
#define LWC_TESTS_FAKE_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lwc/platform.h>
#include <lwc/transport.h>

#define FAKE_MAX_DGRAMS 32
#define FAKE_DGRAM_SIZE 1500

typedef struct {
    uint8_t data[FAKE_DGRAM_SIZE];
    size_t len;
    int64_t at_ms; /* sent: the fake's clock when it was sent */
} fake_dgram_t;

typedef struct {
    fake_dgram_t sent[FAKE_MAX_DGRAMS];
    size_t sent_count;
    fake_dgram_t inbox[FAKE_MAX_DGRAMS];
    size_t inbox_head;
    size_t inbox_count;
    int64_t now_ms;     /* set by the test, stamped on sent datagrams */
    int connect_result; /* what connect() returns (LWC_OK by default) */
    int open_result;    /* what the factory's open() returns */
    int recv_error;     /* returned once by the next recv(), if set */
    unsigned opens;     /* factory open() calls */
    unsigned releases;  /* factory release() calls */
    unsigned connects;  /* connect() calls */
    bool open;          /* currently handed out by the factory */
    lwc_transport_params_t last_params; /* host copied below */
    char last_host[64];
    uint32_t random_value; /* every 4 random bytes are this, big-endian */
    int log_lines;
    char last_log[160];
    /* A datagram larger than recv()'s buffer is LWC_ERR_TOO_LARGE with its
     * first bytes; with this set, with none (out_len 0). */
    bool truncate_keeps_nothing;
} fake_net_t;

void fake_net_init(fake_net_t *n);
lwc_platform_t fake_net_platform(fake_net_t *n);
lwc_transport_factory_t fake_net_factory(fake_net_t *n);
/* A transport bound to n without a factory (message-layer tests). */
lwc_transport_t fake_net_transport(fake_net_t *n);

/* Queue a datagram for recv(). */
void fake_net_inject(fake_net_t *n, const uint8_t *buf, size_t len);
/* Forget captured datagrams. */
void fake_net_clear_sent(fake_net_t *n);

#endif /* LWC_TESTS_FAKE_NET_H */
