/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file temperature.h
 * @brief An application-defined object: the IPSO Temperature sensor (3303).
 *
 * This module is an example of how firmware defines its own LwM2M object
 * with the public data-model API (<lwc/dm.h>) only. It is written the same
 * way as the library's standard objects: a const resource table and a const
 * handler table (both can live in flash), and a caller-owned state struct
 * that embeds the @ref lwc_object_t descriptor. See docs/objects.md for a
 * walkthrough.
 *
 * @code
 * static temperature_t temp;
 * temperature_init(&temp, &(temperature_config_t){
 *     .units = "Cel", .has_range = true, .min_range = -40.0,
 *     .max_range = 125.0, .application_type = "Outdoor",
 * });
 * temperature_install(&client, &temp);
 * ...
 * temperature_set_value(&temp, read_sensor_celsius()); // on every sample
 * @endcode
 *
 * The object definition is OMA registry 3303.xml, version 1.1. One instance
 * (3303/0) per temperature_t. Resources:
 *   - 5700 Sensor Value, 5601/5602 Min/Max Measured Value: from
 *     temperature_set_value() (absent before the first sample);
 *   - 5603/5604 Min/Max Range Value, 5701 Sensor Units: from the
 *     configuration (absent when not given);
 *   - 5605 Reset Min and Max Measured Values (Execute);
 *   - 5750 Application Type: read-write, kept here, validated on write;
 *   - 5518 Timestamp, 6050 Fractional Timestamp, 6042/6049 Measurement
 *     Quality Indicator/Level: defined but absent (this sensor does not
 *     report them).
 * Nothing here allocates memory, blocks or keeps global state.
 */
#ifndef LWC_EXAMPLE_TEMPERATURE_H
#define LWC_EXAMPLE_TEMPERATURE_H

#include <stdbool.h>
#include <stddef.h>

#include <lwc/client.h>
#include <lwc/dm.h>

#ifdef __cplusplus
extern "C" {
#endif

/** IPSO Temperature object ID (OMA LwM2M registry). */
#define TEMPERATURE_OID 3303

/* Resource IDs, shared by all IPSO sensor objects (3303.xml). */
#define TEMPERATURE_RID_TIMESTAMP            5518
#define TEMPERATURE_RID_MIN_MEASURED         5601
#define TEMPERATURE_RID_MAX_MEASURED         5602
#define TEMPERATURE_RID_MIN_RANGE            5603
#define TEMPERATURE_RID_MAX_RANGE            5604
#define TEMPERATURE_RID_RESET_MIN_MAX        5605
#define TEMPERATURE_RID_SENSOR_VALUE         5700
#define TEMPERATURE_RID_SENSOR_UNITS         5701
#define TEMPERATURE_RID_APPLICATION_TYPE     5750
#define TEMPERATURE_RID_QUALITY_INDICATOR    6042
#define TEMPERATURE_RID_QUALITY_LEVEL        6049
#define TEMPERATURE_RID_FRACTIONAL_TIMESTAMP 6050

/** Longest Application Type (5750) kept, in bytes without the NUL. */
#define TEMPERATURE_APP_TYPE_MAX 32

/** How the sensor is described; given to temperature_init(). */
typedef struct {
    /** 5701 Sensor Units, e.g. "Cel" (SenML unit); kept by pointer.
     *  NULL: absent. */
    const char *units;
    /** 5603/5604: what the sensor can measure, e.g. -40.0 .. 125.0. */
    double min_range;
    double max_range;
    bool has_range; /**< Whether 5603 and 5604 are present. */
    /** Initial 5750 Application Type (copied); NULL or "": absent until a
     *  server writes it. */
    const char *application_type;
} temperature_config_t;

/** One temperature sensor: caller-owned, must outlive the client. */
typedef struct {
    /** The descriptor given to the client; its user_ctx points here. */
    lwc_object_t object;
    const char *units;
    double min_range;
    double max_range;
    bool has_range;
    bool has_value; /* false until the first temperature_set_value() */
    double value;
    double min_measured;
    double max_measured;
    char application_type[TEMPERATURE_APP_TYPE_MAX + 1];
} temperature_t;

/**
 * @brief Set up the sensor state and its descriptor. Never blocks.
 * @return LWC_OK; LWC_ERR_INVALID_ARG for NULL pointers, a range with
 *         min_range > max_range, or an invalid application type (longer
 *         than TEMPERATURE_APP_TYPE_MAX or with control characters).
 */
int temperature_init(temperature_t *t, const temperature_config_t *config);

/**
 * @brief Add the object to a client (lwc_client_add_object()).
 * @return As lwc_client_add_object(); LWC_ERR_INVALID_ARG for NULL.
 */
int temperature_install(lwc_client_t *client, temperature_t *t);

/**
 * @brief Record a new sample: 5700 becomes @p celsius and 5601/5602 follow
 * the lowest and highest sample since start or the last reset. Never
 * blocks.
 * @return LWC_OK; LWC_ERR_INVALID_ARG for NULL or a value that is not a
 *         finite number.
 */
int temperature_set_value(temperature_t *t, double celsius);

#ifdef __cplusplus
}
#endif

#endif /* LWC_EXAMPLE_TEMPERATURE_H */
