/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file client.h
 * @brief The LwM2M client: life cycle, main-loop step, events.
 *
 * The application owns the client object (usually `static lwc_client_t`),
 * initialises it with lwc_client_init(), installs objects, calls
 * lwc_client_start() and then calls lwc_client_step() from its main loop
 * whenever the deadline returned by the previous step has passed or a
 * transport's file descriptor became readable. No function here blocks,
 * allocates memory, starts a thread or keeps global state: several clients
 * can live in one process.
 *
 * @code
 * static lwc_client_t client;
 * lwc_client_init(&client, &config);
 * lwc_security_object_install(&client, &sec);
 * lwc_server_object_install(&client, &srv);
 * lwc_device_object_install(&client, &dev);
 * lwc_client_start(&client);
 * for (;;) {
 *     int64_t next = lwc_client_step(&client, now_ms());
 *     wait_for_socket_or_deadline(next);
 * }
 * @endcode
 */
#ifndef LWC_CLIENT_H
#define LWC_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lwc/config.h>
#include <lwc/errors.h>
#include <lwc/platform.h>
#include <lwc/transport.h>

#ifdef __cplusplus
extern "C" {
#endif

struct lwc_object;
typedef struct lwc_client lwc_client_t;

/** What happened to a server account; see @ref lwc_event_t. */
typedef enum {
    /** Register succeeded (2.01); the account is registered. */
    LWC_EVENT_REGISTERED = 0,
    /** An Update succeeded (2.04). */
    LWC_EVENT_UPDATED = 1,
    /**
     * A Register or Update attempt failed (timeout, error response, transport
     * failure). The client retries on the LwM2M 1.1 §6.2.1.1 schedule.
     */
    LWC_EVENT_REGISTRATION_FAILED = 2,
    /**
     * Every retry sequence of the account is exhausted; the client stops
     * trying this server until lwc_client_start() is called again.
     */
    LWC_EVENT_SERVER_GAVE_UP = 3,
    /** De-register finished (answered, refused or timed out). */
    LWC_EVENT_DEREGISTERED = 4,
} lwc_event_type_t;

/** An event delivered to @ref lwc_client_config_t::on_event. */
typedef struct {
    lwc_event_type_t type;    /**< What happened. */
    uint16_t short_server_id; /**< Which server account (1/x/0). */
    /**
     * Why, for failures: LWC_ERR_TIMEOUT (no answer), LWC_ERR_REJECTED
     * (error response, see @c coap_code), LWC_ERR_RESET, LWC_ERR_HANDSHAKE,
     * LWC_ERR_IO...; LWC_OK otherwise.
     */
    int reason;
    /** The CoAP response code as class*32+detail (e.g. 4.03 is 0x83), 0
     *  when no response arrived. */
    uint8_t coap_code;
} lwc_event_t;

/** Everything lwc_client_init() needs. */
typedef struct {
    /**
     * Endpoint Client Name sent as `ep=` (at most LWC_ENDPOINT_NAME_MAX
     * characters). The string is copied.
     */
    const char *endpoint_name;
    /** Randomness and log sink. The table is copied; @c random is required. */
    lwc_platform_t platform;
    /** Opens a transport per server account. Copied; @c open required. */
    lwc_transport_factory_t transports;
    /** Optional: called from lwc_client_step() on every @ref lwc_event_t. */
    void (*on_event)(void *ctx, const lwc_event_t *event);
    /** Passed first to @c on_event. */
    void *event_ctx;
} lwc_client_config_t;

#ifdef __cplusplus
}
#endif

/* The client's layout is public so that it can be allocated statically;
 * its fields are private. */
#include <lwc/priv/client_types.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Initialise a client. Never blocks.
 *
 * @param client Caller-owned storage; any previous content is overwritten.
 * @param config Copied; the endpoint name is copied, function pointers and
 *               contexts are kept.
 * @return LWC_OK; LWC_ERR_INVALID_ARG when a pointer is NULL, the endpoint
 *         name is empty or longer than LWC_ENDPOINT_NAME_MAX, or
 *         config->platform.random or config->transports.open is NULL.
 */
int lwc_client_init(lwc_client_t *client, const lwc_client_config_t *config);

/**
 * @brief Add an object to the registry. Never blocks.
 *
 * The descriptor is kept by pointer and must outlive the client (it is
 * usually const and may live in flash). Adding an object while registered
 * makes the client send an Update with the new object list.
 *
 * @return LWC_OK; LWC_ERR_INVALID_ARG for a NULL or inconsistent descriptor
 *         (see dm.h); LWC_ERR_EXISTS when the object ID is taken;
 *         LWC_ERR_NO_SPACE when LWC_MAX_OBJECTS objects are installed.
 */
int lwc_client_add_object(lwc_client_t *client, const struct lwc_object *obj);

/**
 * @brief Remove an object from the registry. Never blocks.
 * @return LWC_OK; LWC_ERR_NOT_FOUND; LWC_ERR_INVALID_ARG.
 */
int lwc_client_remove_object(lwc_client_t *client, uint16_t object_id);

/**
 * @brief Start registering with every server account in the Security and
 * Server objects. The work happens in lwc_client_step(). Never blocks.
 *
 * @return LWC_OK; LWC_ERR_STATE when already started;
 *         LWC_ERR_NOT_FOUND when no usable server account is provisioned
 *         (a non-bootstrap Security instance with a Server instance of the
 *         same Short Server ID).
 */
int lwc_client_start(lwc_client_t *client);

/**
 * @brief Begin a graceful stop: every registered account sends De-register;
 * lwc_client_step() finishes it (LWC_EVENT_DEREGISTERED for each) and
 * lwc_client_is_stopped() then becomes true. Never blocks.
 *
 * @return LWC_OK; LWC_ERR_STATE when not started.
 */
int lwc_client_stop(lwc_client_t *client);

/** @brief True when the client is not started or a stop has finished. */
bool lwc_client_is_stopped(const lwc_client_t *client);

/**
 * @brief Do all work that is due: receive and answer datagrams, retransmit,
 * register, update, retry. Never blocks.
 *
 * @param now_ms Current monotonic time in milliseconds; must not decrease
 *               between calls.
 * @return The monotonic time at which step must run again at the latest.
 *         It must also run as soon as a transport's file descriptor
 *         (lwc_client_get_fds()) is readable.
 */
int64_t lwc_client_step(lwc_client_t *client, int64_t now_ms);

/**
 * @brief Release every transport without sending anything. Safe on a zeroed
 * or half-initialised client, and twice. Never blocks.
 */
void lwc_client_deinit(lwc_client_t *client);

/**
 * @brief Ask for a registration Update to a server now (as Execute of the
 * Server object's Registration Update Trigger, 1/x/8, does). Never blocks.
 *
 * @param short_server_id The account, or 0 for every account.
 * @return LWC_OK; LWC_ERR_NOT_FOUND for an unknown account; LWC_ERR_STATE
 *         when the client is not started.
 */
int lwc_client_trigger_update(lwc_client_t *client, uint16_t short_server_id);

/**
 * @brief Tell the client that instances of an object were created or
 * deleted by the application, so the next Update carries the new object
 * list. Never blocks.
 * @return LWC_OK; LWC_ERR_INVALID_ARG.
 */
int lwc_client_objects_changed(lwc_client_t *client);

/**
 * @brief File descriptors of the open transports, for poll().
 *
 * @param fds   Filled with up to @p cap descriptors.
 * @return The number written (0 when no transport exposes one).
 */
size_t lwc_client_get_fds(const lwc_client_t *client, int *fds, size_t cap);

#ifdef __cplusplus
}
#endif

#endif /* LWC_CLIENT_H */
