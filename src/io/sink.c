/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* The windowed output sink of src/io/io.h. */
#include <string.h>

#include "io/io.h"

#define FNV_OFFSET 2166136261u
#define FNV_PRIME  16777619u

void lwci_io_sink_init(lwci_io_sink_t *s, uint8_t *buf, size_t cap, size_t skip)
{
    s->buf = buf;
    s->cap = buf ? cap : 0;
    s->skip = skip;
    s->total = 0;
    s->hash = FNV_OFFSET;
}

void lwci_io_put(lwci_io_sink_t *s, const void *data, size_t len)
{
    const uint8_t *p = data;
    size_t start = s->total;
    size_t end = s->total + len;

    for (size_t i = 0; i < len; i++) {
        s->hash = (s->hash ^ p[i]) * FNV_PRIME;
    }
    /* Copy the part of [start, end) that falls inside the window. */
    if (s->cap > 0 && end > s->skip && start < s->skip + s->cap) {
        size_t from = start > s->skip ? start : s->skip;
        size_t to = end < s->skip + s->cap ? end : s->skip + s->cap;
        memcpy(s->buf + (from - s->skip), p + (from - start), to - from);
    }
    s->total = end;
}

void lwci_io_put_byte(lwci_io_sink_t *s, uint8_t b)
{
    lwci_io_put(s, &b, 1);
}

size_t lwci_io_sink_len(const lwci_io_sink_t *s)
{
    if (s->total <= s->skip) {
        return 0;
    }
    return s->total - s->skip < s->cap ? s->total - s->skip : s->cap;
}

bool lwci_io_sink_more(const lwci_io_sink_t *s)
{
    return s->total > s->skip + s->cap;
}
