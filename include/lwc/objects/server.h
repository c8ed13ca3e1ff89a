/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file server.h
 * @brief The LwM2M Server object (1): per-server registration settings.
 *
 * LwM2M 1.1 Core Appendix E.2. One instance per server account, matched to
 * a Security instance by the Short Server ID. The state lives in the
 * caller-owned @ref lwc_server_object_t (no heap):
 *
 * @code
 * static lwc_server_object_t srv; // zeroed: ready to use
 * lwc_server_add_instance(&srv, &(lwc_server_instance_t){
 *     .short_server_id = 1, .lifetime = 300, .binding = "U",
 * });
 * lwc_server_object_install(&client, &srv);
 * @endcode
 *
 * Every resource of the Server object 1.2 (OMA registry 1.xml, 1/x/0..27)
 * is described. Always present: 0 Short Server ID (R), 1 Lifetime,
 * 6 Notification Storing, 7 Binding (RW). Stored and present once set
 * (by lwc_server_add_instance(), a server Write or a Bootstrap-Write): 2/3
 * Default Minimum / Maximum Period, 5 Disable Timeout, 10 APN Link,
 * 11 TLS-DTLS Alert Code, 12 Last Bootstrapped, 13 Registration Priority
 * Order, 14 Initial Registration Delay Timer, 15 Registration Failure
 * Block, 16 Bootstrap on Registration Failure, the LwM2M 1.1 retry
 * resources 17 Communication Retry Count, 18 Communication Retry Timer,
 * 19 Communication Sequence Delay Timer, 20 Communication Sequence Retry
 * Count (when absent the core uses the defaults of LwM2M 1.1 Core
 * §6.2.1.1), 21 Trigger, 22 Preferred Transport, 23 Mute Send, 26 Default
 * Notification Mode and 27 Profile ID Hash Algorithm. Executable: 4
 * Disable, 8 Registration Update Trigger, 9 Bootstrap-Request Trigger
 * (through the callbacks below). Not stored: 24 Alternate APN Links and
 * 25 Supported Server Versions (absent; a Write answers 4.05).
 * A server Write touching several resources is all-or-nothing (the object
 * implements the transaction hooks). No function here blocks.
 */
#ifndef LWC_OBJECTS_SERVER_H
#define LWC_OBJECTS_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lwc/client.h>
#include <lwc/config.h>
#include <lwc/dm.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Server instances (one per management server account). */
#ifndef LWC_SERVER_MAX_INSTANCES
#define LWC_SERVER_MAX_INSTANCES LWC_MAX_SERVERS
#endif

/** Longest Binding string (1/x/7), without the NUL ("UQ", "UQS"...). */
#ifndef LWC_SERVER_BINDING_MAX
#define LWC_SERVER_BINDING_MAX 8
#endif

/* Resources added by Server 1.2 (OMA registry 1.xml); 0..23 are in
 * <lwc/dm.h>. */
#define LWC_SERVER_RID_ALTERNATE_APN_LINKS       24
#define LWC_SERVER_RID_SUPPORTED_SERVER_VERSIONS 25
#define LWC_SERVER_RID_DEFAULT_NOTIFICATION_MODE 26
#define LWC_SERVER_RID_PROFILE_ID_HASH_ALGORITHM 27

/** Initial values of one instance, for lwc_server_add_instance(). For the
 *  optional resources 0 means "absent". */
typedef struct {
    uint16_t short_server_id;  /**< 1/x/0, 1..65534. */
    uint32_t lifetime;         /**< 1/x/1 in seconds (0: infinite). */
    uint32_t default_pmin;     /**< 1/x/2 in seconds; 0 = absent. */
    uint32_t default_pmax;     /**< 1/x/3 in seconds; 0 = absent. */
    uint32_t disable_timeout;  /**< 1/x/5 in seconds; 0 = absent (86400). */
    bool notification_storing; /**< 1/x/6. */
    /** 1/x/7, e.g. "U" (copied); NULL or "" gives "U". Letters from
     *  U, M, H, T, S, N, Q, each at most once. */
    const char *binding;
    uint32_t communication_retry_count; /**< 1/x/17; 0 = absent. */
    uint32_t communication_retry_timer; /**< 1/x/18 in s; 0 = absent. */
    uint32_t sequence_delay_timer;      /**< 1/x/19 in s; 0 = absent. */
    uint32_t sequence_retry_count;      /**< 1/x/20; 0 = absent. */
} lwc_server_instance_t;

/** One stored instance (private). */
typedef struct {
    bool used;
    bool notification_storing;
    uint16_t iid;
    uint16_t ssid;
    uint32_t present; /* bit rid: optional resource rid is present */
    int64_t lifetime;
    int64_t pmin;
    int64_t pmax;
    int64_t disable_timeout;
    uint64_t retry_count;
    uint64_t retry_timer;
    uint64_t seq_delay;
    uint64_t seq_retry;
    char binding[LWC_SERVER_BINDING_MAX + 1];
    /* Server 1.2 resources, present when their bit is set. */
    char preferred_transport[2]; /* 22: one binding letter */
    bool reg_failure_block;      /* 15 */
    bool bootstrap_on_failure;   /* 16 */
    bool trigger;                /* 21 */
    bool mute_send;              /* 23 */
    uint16_t apn_oid, apn_iid;   /* 10 */
    int64_t last_bootstrapped;   /* 12 */
    int64_t notification_mode;   /* 26 */
    uint64_t alert_code;         /* 11 */
    uint64_t priority_order;     /* 13 */
    uint64_t initial_delay;      /* 14 */
    uint64_t profile_hash;       /* 27 */
} lwc_server_slot_t;

/**
 * The Server object's caller-owned state. Zero-initialised storage is ready
 * to use; otherwise call lwc_server_object_init() first. Must outlive the
 * client it is installed in.
 */
typedef struct lwc_server_object {
    /** The descriptor (filled by init and install); user_ctx is this. */
    lwc_object_t object;
    lwc_server_slot_t slots[LWC_SERVER_MAX_INSTANCES];  /**< Private. */
    lwc_server_slot_t backup[LWC_SERVER_MAX_INSTANCES]; /**< Private. */
    /** The client, kept by lwc_server_object_install(). */
    lwc_client_t *client;
    /**
     * Called on Execute of 1/x/8 Registration Update Trigger with the
     * instance's Short Server ID; lwc_server_object_install() sets it to
     * lwc_client_trigger_update(). NULL makes the Execute answer 5.00.
     */
    int (*trigger_update)(lwc_client_t *client, uint16_t short_server_id);
    /**
     * Called on Execute of 1/x/4 Disable with the Short Server ID and the
     * Disable Timeout (86400 when absent). Set by the application (or the
     * core); NULL makes the Execute answer 5.01 Not Implemented.
     */
    int (*on_disable)(void *ctx, uint16_t short_server_id, uint32_t timeout_s);
    void *disable_ctx; /**< Passed first to @c on_disable. */
    /**
     * Called on Execute of 1/x/9 Bootstrap-Request Trigger with the
     * instance's Short Server ID: the client should start a Client
     * Initiated Bootstrap (LwM2M 1.1 Core §5.2.7.3) after answering.
     * Set by the application (or the core); NULL answers 5.01.
     */
    int (*on_bootstrap_request)(void *ctx, uint16_t short_server_id);
    void *bootstrap_request_ctx; /**< Passed first to the callback. */
} lwc_server_object_t;

/**
 * @brief Empty the object and fill its descriptor. Never blocks.
 * @return LWC_OK; LWC_ERR_INVALID_ARG when @p obj is NULL.
 */
int lwc_server_object_init(lwc_server_object_t *obj);

/**
 * @brief Add an instance with the smallest free Instance ID. Never blocks.
 *
 * After install, call lwc_client_objects_changed() so the next Update
 * carries the new object list.
 *
 * @param init Copied (the binding string too).
 * @return The new Instance ID (>= 0); LWC_ERR_INVALID_ARG for NULL, a
 *         Short Server ID of 0 or 65535, or an invalid or too long
 *         binding; LWC_ERR_EXISTS when the Short Server ID is used by
 *         another instance; LWC_ERR_NO_SPACE when full.
 */
int lwc_server_add_instance(lwc_server_object_t *obj,
                            const lwc_server_instance_t *init);

/**
 * @brief Remove instance @p iid. Never blocks.
 * @return LWC_OK; LWC_ERR_NOT_FOUND; LWC_ERR_INVALID_ARG.
 */
int lwc_server_remove_instance(lwc_server_object_t *obj, uint16_t iid);

/**
 * @brief Register the object with a client (lwc_client_add_object()) and
 * keep @p client for the Registration Update Trigger. Never blocks.
 * @return As lwc_client_add_object(); LWC_ERR_INVALID_ARG for NULL.
 */
int lwc_server_object_install(lwc_client_t *client, lwc_server_object_t *obj);

#ifdef __cplusplus
}
#endif

#endif /* LWC_OBJECTS_SERVER_H */
