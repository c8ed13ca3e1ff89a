/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file platform.h
 * @brief Platform hooks: randomness and the log sink, bound at run time.
 *
 * lwc keeps no global state and calls no OS function from its core. What it
 * needs from the platform comes in through this table of function pointers,
 * each called with the table's @c ctx first. Time is not a hook: the
 * application passes the current monotonic time to lwc_client_step(), so tests
 * can drive a virtual clock.
 *
 * src/port/posix/ provides an implementation (lwc_posix_platform()).
 */
#ifndef LWC_PLATFORM_H
#define LWC_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Log levels, most severe first. */
typedef enum {
    LWC_LOG_ERROR = 0, /**< Something failed that the user must know of. */
    LWC_LOG_WARN = 1,  /**< Unexpected but handled (bad packet, retry). */
    LWC_LOG_INFO = 2,  /**< Life-cycle events (registered, updated). */
    LWC_LOG_DEBUG = 3  /**< Per-message detail. */
} lwc_log_level_t;

/** Run-time platform hooks. */
typedef struct {
    /** Passed first to every hook; owned by the application. */
    void *ctx;
    /**
     * Fill @p buf with @p len unpredictable bytes (message IDs, tokens,
     * retransmission jitter). Must not block.
     * @return LWC_OK, or a negative LWC_ERR_* code (the caller then fails
     *         the operation that needed the bytes).
     * Required.
     */
    int (*random)(void *ctx, uint8_t *buf, size_t len);
    /**
     * Receive one formatted, NUL-terminated log line without a trailing
     * newline. @p module names the layer ("coap", "core", "dm"...). Must not
     * block for long; may be NULL to discard every line.
     */
    void (*log)(void *ctx, lwc_log_level_t level, const char *module,
                const char *line);
} lwc_platform_t;

#ifdef __cplusplus
}
#endif

#endif /* LWC_PLATFORM_H */
