/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Private layout of lwc_client_t. It is public only so that the application
 * can allocate the client statically (sizeof(lwc_client_t) is the library's
 * whole RAM cost); never read or write these fields directly.
 */
#ifndef LWC_PRIV_CLIENT_TYPES_H
#define LWC_PRIV_CLIENT_TYPES_H

#include <stdbool.h>
#include <stdint.h>

#include <lwc/config.h>
#include <lwc/platform.h>
#include <lwc/priv/coap_types.h>
#include <lwc/priv/dm_types.h>
#include <lwc/transport.h>

/* Longest Binding (1/x/7) value kept for change detection ("UQS" + NUL). */
#define LWCI_BINDING_MAX 8

/* One server account: a Security/Server instance pair and its registration
 * (LwM2M 1.1 Core §6.2). */
typedef struct {
    lwci_coap_ep_t ep;
    lwc_transport_t transport;
    int64_t wake_ms;       /* retry, connect or update time (by state) */
    int64_t registered_ms; /* when the last Register/Update succeeded */
    uint32_t lifetime_s;   /* lifetime sent in the last Register/Update */
    uint32_t generation;   /* object list generation last sent */
    uint16_t ssid;
    uint16_t security_iid;
    uint16_t server_iid;
    uint8_t state;       /* LWCI_SRV_* (src/core/core.h) */
    uint8_t pending;     /* LWCI_PENDING_* bits */
    uint8_t request;     /* LWCI_REQ_*: what the outstanding request is */
    uint8_t attempt;     /* failed attempts in this communication sequence */
    uint8_t sequence;    /* failed communication sequences */
    bool transport_open; /* obtained from the factory */
    bool has_lifetime;   /* 1/x/1 present when last sent */
    char binding[LWCI_BINDING_MAX]; /* binding sent last ("" when absent) */
    char location[LWC_LOCATION_MAX + 1]; /* "rd/5a3f" from 2.01 */
} lwci_server_t;

/* Bytes reserved for the data model's streamed-write session
 * (src/dm/write_stream.c checks at compile time that it fits). */
#define LWCI_DM_WSTREAM_SIZE 192

/* One incoming Block1 transfer (RFC 7959 §2.5), src/core/block1.c. */
typedef struct {
    bool active;
    uint16_t ssid;        /* server that sent it */
    uint16_t carry_len;   /* bytes of an entry held over in carry */
    uint32_t next_offset; /* payload byte offset the next block starts at */
    int64_t expires_ms;   /* abandoned (rolled back) at this time */
    union {               /* lwci_dm_wstream_t storage (src/dm/dm.h);
                             it also holds the method, path and format
                             later blocks must match */
        void *align_ptr;
        int64_t align_int;
        uint8_t bytes[LWCI_DM_WSTREAM_SIZE];
    } ws;
    uint8_t carry[LWC_BLOCK1_CARRY_SIZE];
} lwci_block1_t;

struct lwc_client {
    lwci_dm_t dm;
    lwc_platform_t platform;
    lwc_transport_factory_t transports;
    void (*on_event)(void *ctx, const lwc_event_t *event);
    void *event_ctx;
    int64_t now_ms;
    uint8_t state; /* LWCI_CLIENT_* (src/core/core.h) */
    uint8_t server_count;
    bool initialised;
    char endpoint[LWC_ENDPOINT_NAME_MAX + 1];
    lwci_server_t servers[LWC_MAX_SERVERS];
    uint8_t rx_buf[LWC_COAP_MAX_MSG_SIZE];
    uint8_t resp_buf[LWC_COAP_MAX_MSG_SIZE];
    lwci_block1_t block1; /* the incoming Block1 transfer, if any */
};

#endif /* LWC_PRIV_CLIENT_TYPES_H */
