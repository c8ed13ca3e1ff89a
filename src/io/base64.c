/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Base64 and base64url: RFC 4648 §4 and §5. */
#include "io/base64.h"

#include <lwc/errors.h>

static const char alpha_std[64] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char alpha_url[64] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

size_t lwci_b64_encoded_len(size_t n, unsigned flags)
{
    size_t full = n / 3 * 4;
    size_t rest = n % 3;
    if (rest == 0) {
        return full;
    }
    return full + ((flags & LWCI_B64_NOPAD) ? rest + 1 : 4);
}

size_t lwci_b64_decoded_max(size_t n)
{
    return n / 4 * 3 + (n % 4 > 1 ? n % 4 - 1 : 0);
}

size_t lwci_b64_encode_group(const uint8_t *in, size_t n, char out[4],
                             unsigned flags)
{
    const char *a = (flags & LWCI_B64_URL) ? alpha_url : alpha_std;
    bool pad = !(flags & LWCI_B64_NOPAD);
    uint32_t v = (uint32_t)in[0] << 16;
    if (n > 1) {
        v |= (uint32_t)in[1] << 8;
    }
    if (n > 2) {
        v |= in[2];
    }
    out[0] = a[(v >> 18) & 63u];
    out[1] = a[(v >> 12) & 63u];
    if (n == 1) {
        out[2] = out[3] = '=';
        return pad ? 4 : 2;
    }
    out[2] = a[(v >> 6) & 63u];
    if (n == 2) {
        out[3] = '=';
        return pad ? 4 : 3;
    }
    out[3] = a[v & 63u];
    return 4;
}

int lwci_b64_encode(const void *in, size_t n, char *out, size_t cap,
                    unsigned flags, size_t *out_len)
{
    if (!out_len || (!in && n) || (!out && cap)) {
        return LWC_ERR_INVALID_ARG;
    }
    if (lwci_b64_encoded_len(n, flags) > cap) {
        return LWC_ERR_NO_SPACE;
    }
    const uint8_t *p = in;
    size_t len = 0;
    for (size_t i = 0; i < n; i += 3) {
        char grp[4];
        size_t k =
            lwci_b64_encode_group(p + i, n - i < 3 ? n - i : 3, grp, flags);
        for (size_t j = 0; j < k; j++) {
            out[len++] = grp[j];
        }
    }
    *out_len = len;
    return LWC_OK;
}

/* The 6-bit value of c in the alphabet(s) flags allow, -1 if none. */
static int b64_val(char c, unsigned flags)
{
    bool any = (flags & LWCI_B64_ANY) != 0;
    bool url = (flags & LWCI_B64_URL) != 0;
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    if ((c == '+' && (any || !url)) || (c == '-' && (any || url))) {
        return 62;
    }
    if ((c == '/' && (any || !url)) || (c == '_' && (any || url))) {
        return 63;
    }
    return -1;
}

/* Checks the padding rules; *data gets the characters before '='. */
static int check_padding(const char *in, size_t n, unsigned flags, size_t *data)
{
    size_t pad = 0;
    if (n >= 1 && in[n - 1] == '=') {
        pad = (n >= 2 && in[n - 2] == '=') ? 2 : 1;
    }
    if (pad) {
        if ((flags & LWCI_B64_NOPAD) && !(flags & LWCI_B64_ANY)) {
            return LWC_ERR_MALFORMED;
        }
        if (n % 4 != 0) {
            return LWC_ERR_MALFORMED;
        }
    } else if (!(flags & (LWCI_B64_NOPAD | LWCI_B64_ANY)) && n % 4 != 0) {
        return LWC_ERR_MALFORMED; /* padding required */
    }
    *data = n - pad;
    return (*data % 4 == 1) ? LWC_ERR_MALFORMED : LWC_OK;
}

int lwci_b64_decode(const char *in, size_t n, uint8_t *out, size_t cap,
                    unsigned flags, size_t *out_len)
{
    if (!out_len || (!in && n) || (!out && cap)) {
        return LWC_ERR_INVALID_ARG;
    }
    size_t m;
    int rc = check_padding(in, n, flags, &m);
    if (rc != LWC_OK) {
        return rc;
    }
    if (lwci_b64_decoded_max(m) > cap) {
        return LWC_ERR_TOO_LARGE;
    }
    size_t o = 0;
    for (size_t i = 0; i < m; i += 4) {
        size_t k = m - i < 4 ? m - i : 4;
        uint32_t v = 0;
        /* Read the whole group before writing: decoding in place. */
        for (size_t j = 0; j < 4; j++) {
            int d = j < k ? b64_val(in[i + j], flags) : 0;
            if (d < 0) {
                return LWC_ERR_MALFORMED;
            }
            v = (v << 6) | (uint32_t)d;
        }
        if ((k == 2 && (v & 0xFFFFu)) || (k == 3 && (v & 0xFFu))) {
            return LWC_ERR_MALFORMED; /* non-zero pad bits, §3.5 */
        }
        out[o++] = (uint8_t)(v >> 16);
        if (k > 2) {
            out[o++] = (uint8_t)(v >> 8);
        }
        if (k > 3) {
            out[o++] = (uint8_t)v;
        }
    }
    *out_len = o;
    return LWC_OK;
}
