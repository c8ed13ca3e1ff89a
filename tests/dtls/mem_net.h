/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * An in-memory datagram link between a client end (an lwc_transport_t) and
 * a server end (plain functions for the test's DTLS server), with
 * deterministic fault injection per datagram: drop, duplicate, or hold
 * (delivered after the next datagram in the same direction: reordering).
 */
#ifndef LWC_TESTS_DTLS_MEM_NET_H
#define LWC_TESTS_DTLS_MEM_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lwc/transport.h>

#define MEM_DGRAM_MAX 2048
#define MEM_QUEUE_LEN 64

enum { MEM_TO_SERVER = 0, MEM_TO_CLIENT = 1 };

typedef struct {
    uint8_t data[MEM_DGRAM_MAX];
    size_t len;
} mem_dgram_t;

typedef struct {
    mem_dgram_t q[MEM_QUEUE_LEN];
    size_t head;
    size_t count;
    mem_dgram_t held; /* Reordered datagram, when has_held. */
    bool has_held;
} mem_queue_t;

typedef struct {
    mem_queue_t dir[2];
    /*
     * Fault pattern per direction, one character per datagram sent in it
     * ('.' pass, 'D' drop, 'U' duplicate, 'H' hold); past its end: pass.
     */
    const char *pattern[2];
    unsigned sent[2];      /* Datagrams sent per direction. */
    unsigned delivered[2]; /* Datagrams received per direction. */
    unsigned client_connects;
    unsigned client_closes;
    bool client_open;
    int64_t *clock;            /* Virtual clock of the test. */
    int64_t send_times[2][64]; /* When each datagram was sent. */
} mem_net_t;

void mem_net_init(mem_net_t *n, int64_t *clock);

/* The client end as a transport (connect, send, recv, close; no fd). */
lwc_transport_t mem_net_client(mem_net_t *n);

/* The server end. recv returns false when nothing is waiting. */
void mem_net_server_send(mem_net_t *n, const uint8_t *buf, size_t len);
bool mem_net_server_recv(mem_net_t *n, uint8_t *buf, size_t cap,
                         size_t *out_len);

/* Datagrams queued or held in either direction. */
size_t mem_net_pending(const mem_net_t *n);

/* Forget every queued datagram (both directions). */
void mem_net_flush(mem_net_t *n);

#endif /* LWC_TESTS_DTLS_MEM_NET_H */
