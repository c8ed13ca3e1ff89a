/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include <lwc/errors.h>

const char *lwc_strerror(int err)
{
    switch (err) {
    case LWC_OK:
        return "success";
    case LWC_ERR_INVALID_ARG:
        return "invalid argument";
    case LWC_ERR_NO_SPACE:
        return "no space left in pool or buffer";
    case LWC_ERR_WOULD_BLOCK:
        return "operation would block";
    case LWC_ERR_IO:
        return "I/O error";
    case LWC_ERR_STATE:
        return "not allowed in current state";
    case LWC_ERR_NOT_FOUND:
        return "not found";
    case LWC_ERR_MALFORMED:
        return "malformed input";
    case LWC_ERR_TIMEOUT:
        return "timed out";
    case LWC_ERR_UNSUPPORTED:
        return "not supported";
    case LWC_ERR_BUSY:
        return "busy";
    case LWC_ERR_RESET:
        return "reset by peer";
    case LWC_ERR_REJECTED:
        return "rejected by peer";
    case LWC_ERR_TOO_LARGE:
        return "too large";
    case LWC_ERR_EXISTS:
        return "already exists";
    case LWC_ERR_DENIED:
        return "access denied";
    case LWC_ERR_HANDSHAKE:
        return "handshake failed";
    case LWC_ERR_CLOSED:
        return "connection closed";
    case LWC_ERR_INTERNAL:
        return "internal error";
    default:
        return "unknown error";
    }
}
