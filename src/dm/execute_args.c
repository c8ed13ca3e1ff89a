/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Execute arguments (LwM2M 1.1 Core §5.4.5):
 *   arglist = arg *( "," arg )
 *   arg     = DIGIT [ "=" "'" *CHAR "'" ]
 *   CHAR    = "!" / %x23-26 / %x28-5B / %x5D-7E
 */
#include <lwc/dm.h>
#include <lwc/errors.h>

static bool is_argchar(uint8_t c)
{
    return c == 0x21 || (c >= 0x23 && c <= 0x26) || (c >= 0x28 && c <= 0x5B) ||
           (c >= 0x5D && c <= 0x7E);
}

int lwc_execute_arg_next(const uint8_t *args, size_t len, size_t *pos,
                         lwc_execute_arg_t *out)
{
    size_t p;

    if (!pos || !out || (!args && len)) {
        return LWC_ERR_INVALID_ARG;
    }
    p = *pos;
    if (p >= len) {
        return LWC_ERR_NOT_FOUND;
    }
    if (p > 0) {
        if (args[p] != ',') {
            return LWC_ERR_MALFORMED;
        }
        p++;
    }
    if (p >= len || args[p] < '0' || args[p] > '9') {
        return LWC_ERR_MALFORMED;
    }
    out->id = (uint8_t)(args[p++] - '0');
    out->value = NULL;
    out->value_len = 0;
    if (p < len && args[p] == '=') {
        size_t start;
        if (p + 1 >= len || args[p + 1] != '\'') {
            return LWC_ERR_MALFORMED;
        }
        p += 2;
        start = p;
        while (p < len && is_argchar(args[p])) {
            p++;
        }
        if (p >= len || args[p] != '\'') {
            return LWC_ERR_MALFORMED;
        }
        out->value = (const char *)args + start;
        out->value_len = p - start;
        p++;
    }
    if (p < len && args[p] != ',') {
        return LWC_ERR_MALFORMED;
    }
    *pos = p;
    return LWC_OK;
}

bool lwc_execute_args_valid(const uint8_t *args, size_t len)
{
    size_t pos = 0;
    lwc_execute_arg_t arg;
    int rc;

    /* Each step consumes at least one byte, so this ends within len. */
    while ((rc = lwc_execute_arg_next(args, len, &pos, &arg)) == LWC_OK) {
    }
    return rc == LWC_ERR_NOT_FOUND;
}
