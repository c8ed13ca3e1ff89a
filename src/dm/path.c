/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Data-model paths in text form: LwM2M 1.1 Core §6.1 ("/3/0/4"), with IDs
 * 0..65534 (65535 is reserved, §7.1). */
#include <lwc/dm.h>

#include "io/text.h"

bool lwc_path_is_valid(const lwc_path_t *path)
{
    if (!path || path->len > 4) {
        return false;
    }
    for (uint8_t i = 0; i < path->len; i++) {
        if (path->ids[i] > LWC_ID_MAX) {
            return false;
        }
    }
    return true;
}

int lwc_path_parse(const char *s, size_t len, lwc_path_t *out)
{
    if (!out || (!s && len)) {
        return LWC_ERR_INVALID_ARG;
    }
    if (len == 0 || s[0] != '/') {
        return LWC_ERR_MALFORMED;
    }
    lwc_path_t p = LWC_PATH_ROOT;
    if (len == 1) {
        *out = p;
        return LWC_OK;
    }
    size_t i = 1;
    while (i <= len) {
        size_t start = i;
        uint32_t v = 0;
        while (i < len && s[i] >= '0' && s[i] <= '9') {
            v = v * 10u + (uint32_t)(s[i] - '0');
            if (v > LWC_ID_MAX) {
                return LWC_ERR_MALFORMED;
            }
            i++;
        }
        if (i == start || p.len == 4 || (i < len && s[i] != '/')) {
            return LWC_ERR_MALFORMED; /* empty segment, too deep, junk */
        }
        p.ids[p.len++] = (uint16_t)v;
        i++; /* skip '/' (or step past the end) */
    }
    *out = p;
    return LWC_OK;
}

int lwc_path_format(const lwc_path_t *path, char *buf, size_t cap,
                    size_t *out_len)
{
    if (!lwc_path_is_valid(path) || !buf) {
        return LWC_ERR_INVALID_ARG;
    }
    char tmp[LWC_PATH_STR_MAX];
    size_t n = 0;
    if (path->len == 0) {
        tmp[n++] = '/';
    }
    for (uint8_t i = 0; i < path->len; i++) {
        tmp[n++] = '/';
        n += lwci_text_format_uint(path->ids[i], tmp + n, sizeof(tmp) - n);
    }
    if (n + 1 > cap) {
        if (cap) {
            buf[0] = '\0';
        }
        return LWC_ERR_NO_SPACE;
    }
    for (size_t k = 0; k < n; k++) {
        buf[k] = tmp[k];
    }
    buf[n] = '\0';
    if (out_len) {
        *out_len = n;
    }
    return LWC_OK;
}

bool lwc_path_equal(const lwc_path_t *a, const lwc_path_t *b)
{
    if (!a || !b || a->len != b->len) {
        return false;
    }
    return lwc_path_starts_with(a, b);
}

bool lwc_path_starts_with(const lwc_path_t *path, const lwc_path_t *prefix)
{
    if (!path || !prefix || prefix->len > path->len || path->len > 4) {
        return false;
    }
    for (uint8_t i = 0; i < prefix->len; i++) {
        if (path->ids[i] != prefix->ids[i]) {
            return false;
        }
    }
    return true;
}
