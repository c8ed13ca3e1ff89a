/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file device.h
 * @brief The LwM2M Device object (3): identity, reboot, errors, time.
 *
 * LwM2M 1.1 Core Appendix E.4, object version 1.2 of the OMA registry
 * (3.xml, 3/0/0..22). A single instance (3/0). The application
 * describes its device in an @ref lwc_device_info_t (strings and callbacks,
 * kept by pointer) and owns the @ref lwc_device_object_t:
 *
 * @code
 * static lwc_device_object_t dev;
 * static const lwc_device_info_t info = {
 *     .manufacturer = "ACME", .model_number = "Sensor-1",
 *     .serial_number = "0001", .firmware_version = "1.0.0",
 *     .on_reboot = my_reboot, .ctx = &my_app,
 * };
 * lwc_device_object_init(&dev, &info);
 * lwc_device_object_install(&client, &dev);
 * @endcode
 *
 * Resources: 0..3 and 17..19 strings (absent when NULL), 4 Reboot and
 * 5 Factory Reset (Execute calls the callback; the callback should only
 * schedule the action, so that the 2.04 still goes out), 6..8 power
 * sources (absent when none), 9, 10, 20, 21 integers through @c read_int,
 * 11 Error Code (always at least one instance; 0 = no error), 12 Reset
 * Error Code, 13 Current Time through callbacks, 14 UTC Offset and 15
 * Timezone stored here and writable by the server, 16 Supported Binding
 * and Modes ("U" unless set), 22 ExtDevInfo (object links, absent unless
 * given). No function here blocks.
 */
#ifndef LWC_OBJECTS_DEVICE_H
#define LWC_OBJECTS_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lwc/client.h>
#include <lwc/config.h>
#include <lwc/dm.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Error codes (3/0/11) held at once. */
#ifndef LWC_DEVICE_MAX_ERROR_CODES
#define LWC_DEVICE_MAX_ERROR_CODES 4
#endif

/** Longest UTC Offset (3/0/14) or Timezone (3/0/15), without the NUL. */
#ifndef LWC_DEVICE_TZ_MAX
#define LWC_DEVICE_TZ_MAX 32
#endif

/** One power source: 3/0/6, 3/0/7 and 3/0/8 at the same instance ID. */
typedef struct {
    uint8_t type;       /**< 3/0/6: 0 DC, 1 internal battery, 2 external
                             battery, 4 PoE, 5 USB, 6 AC, 7 solar. */
    int32_t voltage_mv; /**< 3/0/7 in mV. */
    int32_t current_ma; /**< 3/0/8 in mA. */
} lwc_device_power_source_t;

/** One ExtDevInfo (3/0/22) object link: an instance of an object that
 *  tells more about the device (e.g. a vendor object). */
typedef struct {
    uint16_t oid; /**< Object ID. */
    uint16_t iid; /**< Object Instance ID. */
} lwc_device_objlnk_t;

/** What the application tells about its device. Kept by pointer: strings
 *  and arrays must outlive the object; values may change at any time. */
typedef struct {
    const char *manufacturer;       /**< 3/0/0; NULL = absent. */
    const char *model_number;       /**< 3/0/1; NULL = absent. */
    const char *serial_number;      /**< 3/0/2; NULL = absent. */
    const char *firmware_version;   /**< 3/0/3; NULL = absent. */
    const char *device_type;        /**< 3/0/17; NULL = absent. */
    const char *hardware_version;   /**< 3/0/18; NULL = absent. */
    const char *software_version;   /**< 3/0/19; NULL = absent. */
    const char *supported_bindings; /**< 3/0/16; NULL gives "U". */
    const char *utc_offset; /**< Initial 3/0/14 (copied); NULL = absent. */
    const char *timezone;   /**< Initial 3/0/15 (copied); NULL = absent. */
    /** 3/0/6..8, instance k is power_sources[k]; NULL/0 = absent. */
    const lwc_device_power_source_t *power_sources;
    size_t power_source_count; /**< Entries in power_sources. */
    /** 3/0/22 ExtDevInfo, instance k is ext_dev_info[k]; NULL/0 = absent. */
    const lwc_device_objlnk_t *ext_dev_info;
    size_t ext_dev_info_count; /**< Entries in ext_dev_info. */
    /** Passed first to every callback below. */
    void *ctx;
    /**
     * 3/0/4 Reboot: schedule a reboot (after the response has been sent,
     * e.g. at the next main-loop turn). Required by LwM2M; NULL answers
     * 5.01. Return LWC_OK or an LWC_ERR_* / CoAP code.
     */
    int (*on_reboot)(void *ctx);
    /** 3/0/5 Factory Reset, as on_reboot; NULL makes 3/0/5 answer 5.01. */
    int (*on_factory_reset)(void *ctx);
    /**
     * Dynamic integers: 3/0/9 Battery Level, 3/0/10 Memory Free,
     * 3/0/20 Battery Status, 3/0/21 Memory Total. Return LWC_OK with *out,
     * or LWC_ERR_NOT_FOUND when the device does not have it. NULL: all
     * four are absent.
     */
    int (*read_int)(void *ctx, uint16_t rid, int64_t *out);
    /** 3/0/13 Current Time in seconds since the Unix epoch: LWC_OK or
     *  LWC_ERR_NOT_FOUND. NULL: absent. */
    int (*get_time)(void *ctx, int64_t *unix_seconds);
    /** Server writes 3/0/13. NULL: the Write answers 4.05. */
    int (*set_time)(void *ctx, int64_t unix_seconds);
} lwc_device_info_t;

/** The Device object's caller-owned state. Must outlive the client. */
typedef struct {
    /** The descriptor (filled by init and install); user_ctx is this. */
    lwc_object_t object;
    lwc_device_info_t info;                          /**< Copied by init. */
    int64_t error_codes[LWC_DEVICE_MAX_ERROR_CODES]; /**< Private. */
    size_t error_code_count;                         /**< Private. */
    char utc_offset[LWC_DEVICE_TZ_MAX + 1];          /**< Private. */
    char timezone[LWC_DEVICE_TZ_MAX + 1];            /**< Private. */
} lwc_device_object_t;

/**
 * @brief Initialise the object from @p info (copied; its strings, array
 * and contexts are kept by pointer). Never blocks.
 * @return LWC_OK; LWC_ERR_INVALID_ARG for NULL pointers, a UTC offset or
 *         timezone longer than LWC_DEVICE_TZ_MAX, or power sources or
 *         ExtDevInfo links counted without an array.
 */
int lwc_device_object_init(lwc_device_object_t *dev,
                           const lwc_device_info_t *info);

/**
 * @brief Report an error code (3/0/11, 1..32; LwM2M 1.1 Core E.4): added
 * unless already present. Never blocks.
 * @return LWC_OK; LWC_ERR_INVALID_ARG for a code outside 1..32;
 *         LWC_ERR_NO_SPACE when LWC_DEVICE_MAX_ERROR_CODES are held.
 */
int lwc_device_add_error(lwc_device_object_t *dev, int64_t code);

/** @brief Clear every error code (as Execute of 3/0/12 does), so 3/0/11/0
 *  reads 0. Never blocks. */
void lwc_device_clear_errors(lwc_device_object_t *dev);

/**
 * @brief Register the object with a client (lwc_client_add_object()).
 * Never blocks. Call lwc_device_object_init() first.
 * @return As lwc_client_add_object(); LWC_ERR_INVALID_ARG for NULL.
 */
int lwc_device_object_install(lwc_client_t *client, lwc_device_object_t *dev);

#ifdef __cplusplus
}
#endif

#endif /* LWC_OBJECTS_DEVICE_H */
