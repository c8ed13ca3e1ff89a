/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file location.h
 * @brief The LwM2M Location object (6): where the device is.
 *
 * LwM2M 1.1 Core Appendix E.7, object version 1.0 of the OMA registry
 * (6.xml, 6/0/0..6). A single instance (6/0), read-only for servers. The
 * application either pushes each new fix with lwc_location_update() (the
 * object keeps a copy), or gives a callback that the object calls on every
 * read:
 *
 * @code
 * static lwc_location_object_t loc;
 * lwc_location_object_init(&loc, NULL, NULL); // values pushed by the app
 * lwc_location_object_install(&client, &loc);
 * ...
 * lwc_location_update(&loc, &(lwc_location_values_t){
 *     .latitude = 52.5163, .longitude = 13.3777, .timestamp = gps_time,
 *     .altitude = 34.0, .has_altitude = true,
 * });
 * @endcode
 *
 * Resources: 0 Latitude and 1 Longitude (degrees, WGS 84), 2 Altitude (m),
 * 3 Radius (m), 4 Velocity (opaque, 3GPP TS 23.032 encoding), 5 Timestamp
 * (Unix seconds), 6 Speed (m/s). Before the first fix every resource is
 * absent (4.04); afterwards 0, 1 and 5 are present and the optional ones
 * as the fix says. Floats are doubles, given and read as numbers (the
 * object never formats them). No function here blocks.
 */
#ifndef LWC_OBJECTS_LOCATION_H
#define LWC_OBJECTS_LOCATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lwc/client.h>
#include <lwc/config.h>
#include <lwc/dm.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Longest Velocity (6/0/4) kept by lwc_location_update(), in bytes
 *  (3GPP TS 23.032 §8: at most 7 for the velocity shapes). */
#ifndef LWC_LOCATION_VELOCITY_MAX
#define LWC_LOCATION_VELOCITY_MAX 8
#endif

/* Resource IDs (OMA registry 6.xml, version 1.0). */
#define LWC_LOCATION_RID_LATITUDE  0
#define LWC_LOCATION_RID_LONGITUDE 1
#define LWC_LOCATION_RID_ALTITUDE  2
#define LWC_LOCATION_RID_RADIUS    3
#define LWC_LOCATION_RID_VELOCITY  4
#define LWC_LOCATION_RID_TIMESTAMP 5
#define LWC_LOCATION_RID_SPEED     6

/** One location fix. */
typedef struct {
    double latitude;   /**< 6/0/0 in degrees, -90..90. */
    double longitude;  /**< 6/0/1 in degrees, -180..180. */
    int64_t timestamp; /**< 6/0/5: when measured, Unix seconds. */
    double altitude;   /**< 6/0/2 in m above sea level. */
    double radius;     /**< 6/0/3 uncertainty radius in m, >= 0. */
    double speed;      /**< 6/0/6 in m/s, >= 0. */
    bool has_altitude; /**< Whether 6/0/2 is present. */
    bool has_radius;   /**< Whether 6/0/3 is present. */
    bool has_speed;    /**< Whether 6/0/6 is present. */
    /** 6/0/4 Velocity as 3GPP TS 23.032 bytes; NULL/0 = absent. Copied by
     *  lwc_location_update(); from the read callback it must stay valid
     *  until the next callback. */
    const uint8_t *velocity;
    size_t velocity_len; /**< Bytes at @c velocity. */
} lwc_location_values_t;

/**
 * Called for each resource read when set (so several times for a read of
 * /6/0): fill @p out with the current fix and
 * return LWC_OK, or LWC_ERR_NOT_FOUND when there is no fix yet (every
 * resource is then absent). Runs inside lwc_client_step(); must not block.
 */
typedef int (*lwc_location_read_cb_t)(void *ctx, lwc_location_values_t *out);

/** The object's caller-owned state. Must outlive the client. */
typedef struct {
    /** The descriptor (filled by init and install); user_ctx is this. */
    lwc_object_t object;
    lwc_location_read_cb_t read; /**< Private: the callback or NULL. */
    void *read_ctx;              /**< Private. */
    bool has_fix;                /**< Private: an update was stored. */
    lwc_location_values_t fix;   /**< Private: the last update. */
    uint8_t velocity[LWC_LOCATION_VELOCITY_MAX]; /**< Private. */
} lwc_location_object_t;

/**
 * @brief Initialise the object, with no fix. Never blocks.
 * @param read NULL: values come from lwc_location_update(); otherwise the
 *             object calls it on every read (and ignores updates).
 * @param ctx  Passed first to @p read; kept by pointer.
 * @return LWC_OK; LWC_ERR_INVALID_ARG when @p obj is NULL.
 */
int lwc_location_object_init(lwc_location_object_t *obj,
                             lwc_location_read_cb_t read, void *ctx);

/**
 * @brief Store a new fix (copied, velocity bytes too). Never blocks.
 *
 * The object keeps no history and notifies nobody: a server sees the new
 * fix at its next read.
 *
 * @return LWC_OK; LWC_ERR_INVALID_ARG for NULL, a latitude or longitude
 *         out of range, a negative radius or speed, a NaN, or velocity
 *         bytes counted without a pointer; LWC_ERR_NO_SPACE when the
 *         velocity is longer than LWC_LOCATION_VELOCITY_MAX. The stored
 *         fix is unchanged on failure.
 */
int lwc_location_update(lwc_location_object_t *obj,
                        const lwc_location_values_t *values);

/** @brief Forget the fix: every resource reads as absent again. */
void lwc_location_clear(lwc_location_object_t *obj);

/**
 * @brief Register the object with a client (lwc_client_add_object()).
 * Never blocks. Call lwc_location_object_init() first.
 * @return As lwc_client_add_object(); LWC_ERR_INVALID_ARG for NULL.
 */
int lwc_location_object_install(lwc_client_t *client,
                                lwc_location_object_t *obj);

#ifdef __cplusplus
}
#endif

#endif /* LWC_OBJECTS_LOCATION_H */
