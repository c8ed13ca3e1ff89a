/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Internal logging. The core must not pull in the printf family (about 10 kB
 * of flash on Cortex-M with newlib), so lines are formatted by a small
 * formatter of our own that knows: %d %i %u %x %X %c %s %p %%, a field
 * width with optional zero padding for integers (%02u, %8x), the length
 * modifiers l, ll and z, and a precision for strings (%.*s). Anything else
 * is printed as '?'. Calls below LWC_LOG_LEVEL vanish at compile time.
 */
#ifndef LWC_UTIL_LOG_H
#define LWC_UTIL_LOG_H

#include <stdarg.h>
#include <stddef.h>

#include <lwc/config.h>
#include <lwc/platform.h>

#if defined(__GNUC__)
#define LWCI_PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define LWCI_PRINTF_LIKE(f, a)
#endif

/**
 * Format into @p buf (always NUL-terminated when @p cap > 0), truncating.
 * Returns the length written, without the NUL.
 */
size_t lwci_vformat(char *buf, size_t cap, const char *fmt, va_list ap);

/** lwci_vformat() with variable arguments. */
size_t lwci_format(char *buf, size_t cap, const char *fmt, ...)
    LWCI_PRINTF_LIKE(3, 4);

/** Format one line and hand it to @p pf's log hook (if any). */
void lwci_log(const lwc_platform_t *pf, lwc_log_level_t level,
              const char *module, const char *fmt, ...) LWCI_PRINTF_LIKE(4, 5);

#if LWC_WITH_LOG
#define LWCI_LOG(pf, level, module, ...)                                       \
    do {                                                                       \
        if ((level) <= LWC_LOG_LEVEL) {                                        \
            lwci_log((pf), (level), (module), __VA_ARGS__);                    \
        }                                                                      \
    } while (0)
#else
/* Compiled out, but the arguments stay type-checked and "used". */
#define LWCI_LOG(pf, level, module, ...)                                       \
    do {                                                                       \
        if (0) {                                                               \
            lwci_log((pf), (level), (module), __VA_ARGS__);                    \
        }                                                                      \
    } while (0)
#endif

#define LWCI_ERR(pf, mod, ...)   LWCI_LOG(pf, LWC_LOG_ERROR, mod, __VA_ARGS__)
#define LWCI_WARN(pf, mod, ...)  LWCI_LOG(pf, LWC_LOG_WARN, mod, __VA_ARGS__)
#define LWCI_INFO(pf, mod, ...)  LWCI_LOG(pf, LWC_LOG_INFO, mod, __VA_ARGS__)
#define LWCI_DEBUG(pf, mod, ...) LWCI_LOG(pf, LWC_LOG_DEBUG, mod, __VA_ARGS__)

#endif /* LWC_UTIL_LOG_H */
