/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * POSIX platform hooks: CLOCK_MONOTONIC time, getrandom(2) bytes and a
 * stderr log sink. No state of its own: the log filter lives in the
 * caller's lwc_posix_platform_ctx_t.
 */
#define _GNU_SOURCE /* getrandom() on glibc < 2.36 headers */

#include <lwc/port/posix.h>

#include <errno.h>
#include <stdio.h>
#include <sys/random.h>
#include <sys/types.h>
#include <time.h>

#include <lwc/errors.h>

/* getrandom() of up to 256 bytes is never short; bigger requests may be
 * split, and a signal may interrupt any call. This bounds the retries. */
#define RANDOM_MAX_CALLS 64

int64_t lwc_posix_now_ms(void)
{
    struct timespec ts;

    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
        return 0;
    }
    return (int64_t)ts.tv_sec * 1000 + (int64_t)(ts.tv_nsec / 1000000);
}

int lwc_posix_random(void *ctx, uint8_t *buf, size_t len)
{
    size_t done = 0;

    (void)ctx;
    if (!buf && len > 0) {
        return LWC_ERR_INVALID_ARG;
    }
    for (int calls = 0; done < len && calls < RANDOM_MAX_CALLS; calls++) {
        ssize_t n = getrandom(buf + done, len - done, GRND_NONBLOCK);
        if (n > 0) {
            done += (size_t)n;
        } else if (n < 0 && errno == EAGAIN) {
            return LWC_ERR_WOULD_BLOCK; /* entropy pool not ready yet */
        } else if (n < 0 && errno != EINTR) {
            return LWC_ERR_IO;
        }
    }
    return done == len ? LWC_OK : LWC_ERR_IO;
}

static const char *level_name(lwc_log_level_t level)
{
    switch (level) {
    case LWC_LOG_ERROR:
        return "ERROR";
    case LWC_LOG_WARN:
        return "WARN";
    case LWC_LOG_INFO:
        return "INFO";
    case LWC_LOG_DEBUG:
        return "DEBUG";
    }
    return "?";
}

void lwc_posix_log(void *ctx, lwc_log_level_t level, const char *module,
                   const char *line)
{
    const lwc_posix_platform_ctx_t *pc = ctx;

    if (!line || (pc && level > pc->log_level)) {
        return;
    }
    fprintf(stderr, "%s %s: %s\n", level_name(level), module ? module : "-",
            line);
}

lwc_platform_t lwc_posix_platform(lwc_posix_platform_ctx_t *ctx)
{
    lwc_platform_t pf = {
        .ctx = ctx,
        .random = lwc_posix_random,
        .log = lwc_posix_log,
    };
    return pf;
}
