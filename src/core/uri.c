/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Server URI parsing (Security object 0/x/0, RFC 7252 §6, RFC 8323 §8):
 * scheme "://" host [":" port] [path]. IPv6 literals are bracketed. The
 * path is ignored: LwM2M addresses the registration interface at "/rd".
 */
#include <string.h>

#include <lwc/errors.h>

#include "core.h"

static const struct {
    const char *prefix;
    lwc_scheme_t scheme;
    uint16_t port;
} schemes[] = {
    {"coap://", LWC_SCHEME_COAP, 5683},
    {"coaps://", LWC_SCHEME_COAPS, 5684},
    {"coap+tcp://", LWC_SCHEME_COAP_TCP, 5683},
    {"coaps+tcp://", LWC_SCHEME_COAPS_TCP, 5684},
};

static int parse_port(const char *p, uint16_t *out)
{
    uint32_t v = 0;

    if (*p == '\0') {
        return LWC_ERR_MALFORMED;
    }
    for (; *p && *p != '/'; p++) {
        if (*p < '0' || *p > '9') {
            return LWC_ERR_MALFORMED;
        }
        v = v * 10 + (uint32_t)(*p - '0');
        if (v > 65535) {
            return LWC_ERR_MALFORMED;
        }
    }
    if (v == 0) {
        return LWC_ERR_MALFORMED;
    }
    *out = (uint16_t)v;
    return LWC_OK;
}

int lwci_uri_parse(char *buf, lwci_uri_t *out)
{
    char *host = NULL;
    char *end;
    size_t i;

    for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
        size_t n = strlen(schemes[i].prefix);
        if (strncmp(buf, schemes[i].prefix, n) == 0) {
            host = buf + n;
            out->scheme = schemes[i].scheme;
            out->port = schemes[i].port;
            break;
        }
    }
    if (!host) {
        return LWC_ERR_UNSUPPORTED;
    }
    if (*host == '[') {
        host++;
        end = strchr(host, ']');
        if (!end || end == host) {
            return LWC_ERR_MALFORMED;
        }
        *end++ = '\0';
    } else {
        end = host + strcspn(host, ":/?#@");
        if (end == host || *end == '@' || *end == '?' || *end == '#') {
            return LWC_ERR_MALFORMED;
        }
    }
    if (*end == ':') {
        if (parse_port(end + 1, &out->port) != LWC_OK) {
            return LWC_ERR_MALFORMED;
        }
        *end = '\0';
    } else if (*end == '/' || *end == '\0') {
        *end = '\0';
    } else {
        return LWC_ERR_MALFORMED;
    }
    out->host = host;
    return LWC_OK;
}
