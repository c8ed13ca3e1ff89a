/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file connmon.h
 * @brief The LwM2M Connectivity Monitoring object (4): bearer, signal,
 * addresses.
 *
 * LwM2M 1.1 Core Appendix E.5, object version 1.3 of the OMA registry
 * (4.xml, 4/0/0..13). A single instance (4/0). Every value is volatile and
 * owned by the network stack or the modem, so the object stores nothing:
 * each read asks the application through a callback.
 *
 * @code
 * static int net_int(void *ctx, uint16_t rid, uint16_t index, int64_t *out)
 * {
 *     if (rid == LWC_CONNMON_RID_NETWORK_BEARER && index == 0) {
 *         *out = LWC_CONNMON_BEARER_LTE_FDD;
 *         return LWC_OK;
 *     }
 *     if (rid == LWC_CONNMON_RID_RADIO_SIGNAL_STRENGTH && index == 0) {
 *         return modem_rsrp_dbm(ctx, out);
 *     }
 *     return LWC_ERR_NOT_FOUND;
 * }
 * static lwc_connmon_object_t connmon;
 * lwc_connmon_object_init(&connmon, &(lwc_connmon_callbacks_t){
 *     .read_int = net_int, .read_string = net_string, .ctx = &modem,
 * });
 * lwc_connmon_object_install(&client, &connmon);
 * @endcode
 *
 * Single resources (integers): 0 Network Bearer, 2 Radio Signal Strength,
 * 3 Link Quality, 6 Link Utilization, 8 Cell ID, 9 SMNC, 10 SMCC,
 * 11 SignalSNR, 12 LAC, 13 Coverage Enhancement Level: the callback is
 * called with index 0. Multiple resources: 1 Available Network Bearer
 * (integers), 4 IP Addresses, 5 Router IP Addresses, 7 APN (strings): the
 * callback is called with index 0, 1, 2... and their Resource Instance IDs
 * are those indexes, up to the first index the callback does not have
 * (LWC_ERR_NOT_FOUND) or LWC_CONNMON_MAX_VALUES. A resource whose callback
 * says LWC_ERR_NOT_FOUND (for index 0) is absent, mandatory ones included.
 * Nothing is writable. No function here blocks.
 */
#ifndef LWC_OBJECTS_CONNMON_H
#define LWC_OBJECTS_CONNMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lwc/client.h>
#include <lwc/config.h>
#include <lwc/dm.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Most Resource Instances reported for one multiple resource. */
#ifndef LWC_CONNMON_MAX_VALUES
#define LWC_CONNMON_MAX_VALUES 8
#endif

/* Resource IDs (OMA registry 4.xml, version 1.3). */
#define LWC_CONNMON_RID_NETWORK_BEARER        0
#define LWC_CONNMON_RID_AVAILABLE_BEARERS     1
#define LWC_CONNMON_RID_RADIO_SIGNAL_STRENGTH 2
#define LWC_CONNMON_RID_LINK_QUALITY          3
#define LWC_CONNMON_RID_IP_ADDRESSES          4
#define LWC_CONNMON_RID_ROUTER_IP_ADDRESSES   5
#define LWC_CONNMON_RID_LINK_UTILIZATION      6
#define LWC_CONNMON_RID_APN                   7
#define LWC_CONNMON_RID_CELL_ID               8
#define LWC_CONNMON_RID_SMNC                  9
#define LWC_CONNMON_RID_SMCC                  10
#define LWC_CONNMON_RID_SIGNAL_SNR            11
#define LWC_CONNMON_RID_LAC                   12
#define LWC_CONNMON_RID_COVERAGE_ENHANCEMENT  13

/* Network bearers (4/0/0 and 4/0/1): 0..20 cellular, 21..40 wireless,
 * 41..50 wireline. */
#define LWC_CONNMON_BEARER_GSM        0
#define LWC_CONNMON_BEARER_TD_SCDMA   1
#define LWC_CONNMON_BEARER_WCDMA      2
#define LWC_CONNMON_BEARER_CDMA2000   3
#define LWC_CONNMON_BEARER_WIMAX      4
#define LWC_CONNMON_BEARER_LTE_TDD    5
#define LWC_CONNMON_BEARER_LTE_FDD    6
#define LWC_CONNMON_BEARER_NB_IOT     7
#define LWC_CONNMON_BEARER_5G_NR_TDD  8
#define LWC_CONNMON_BEARER_5G_NR_FDD  9
#define LWC_CONNMON_BEARER_WLAN       21
#define LWC_CONNMON_BEARER_BLUETOOTH  22
#define LWC_CONNMON_BEARER_IEEE802154 23
#define LWC_CONNMON_BEARER_ETHERNET   41
#define LWC_CONNMON_BEARER_DSL        42
#define LWC_CONNMON_BEARER_PLC        43

/**
 * The application's callbacks. Each gets @c ctx first, runs inside
 * lwc_client_step() and must not block (return the modem's last known
 * value rather than asking it). Either may be NULL: its resources are then
 * absent.
 */
typedef struct {
    /**
     * Integer resource @p rid (0, 1, 2, 3, 6, 8..13): @p index is 0 for a
     * single resource, the Resource Instance ID for 4/0/1. Return LWC_OK
     * with *out, or LWC_ERR_NOT_FOUND when the value is unknown (absent)
     * or @p index is past the last one; any other code fails the read.
     */
    int (*read_int)(void *ctx, uint16_t rid, uint16_t index, int64_t *out);
    /**
     * String resource @p rid (4, 5, 7), instance @p index, as
     * NUL-terminated text in *out; the text must stay valid until the
     * next callback. Codes as for @c read_int.
     */
    int (*read_string)(void *ctx, uint16_t rid, uint16_t index,
                       const char **out);
    void *ctx; /**< Passed first to the callbacks. */
} lwc_connmon_callbacks_t;

/** The object's caller-owned state. Must outlive the client. */
typedef struct {
    /** The descriptor (filled by init and install); user_ctx is this. */
    lwc_object_t object;
    lwc_connmon_callbacks_t cb; /**< Copied by init. */
} lwc_connmon_object_t;

/**
 * @brief Initialise the object with the application's callbacks (copied;
 * the context is kept by pointer). Never blocks.
 * @return LWC_OK; LWC_ERR_INVALID_ARG when a pointer is NULL.
 */
int lwc_connmon_object_init(lwc_connmon_object_t *obj,
                            const lwc_connmon_callbacks_t *callbacks);

/**
 * @brief Register the object with a client (lwc_client_add_object()).
 * Never blocks. Call lwc_connmon_object_init() first.
 * @return As lwc_client_add_object(); LWC_ERR_INVALID_ARG for NULL.
 */
int lwc_connmon_object_install(lwc_client_t *client, lwc_connmon_object_t *obj);

#ifdef __cplusplus
}
#endif

#endif /* LWC_OBJECTS_CONNMON_H */
