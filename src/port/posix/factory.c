/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * A transport factory (include/lwc/transport.h) over the caller's fixed pool
 * of UDP transports: plain coap:// with NoSec only. coaps:// is offered by
 * the DTLS factory in src/port/mbedtls, which wraps these UDP transports.
 */
#include <lwc/port/posix.h>

#include <string.h>

#include <lwc/errors.h>

static int factory_open(void *ctx, const lwc_transport_params_t *params,
                        lwc_transport_t *out)
{
    lwc_posix_udp_factory_t *f = ctx;

    if (!params || !out) {
        return LWC_ERR_INVALID_ARG;
    }
    if (params->scheme != LWC_SCHEME_COAP ||
        params->mode != LWC_SECURITY_NOSEC) {
        return LWC_ERR_UNSUPPORTED;
    }
    for (size_t i = 0; i < LWC_POSIX_UDP_SLOTS; i++) {
        if (!f->slots[i].is_open) {
            return lwc_posix_udp_open(&f->slots[i], params->host, params->port,
                                      f->local_port, out);
        }
    }
    return LWC_ERR_NO_SPACE;
}

static void factory_release(void *ctx, lwc_transport_t *t)
{
    lwc_posix_udp_factory_t *f = ctx;

    if (!t) {
        return;
    }
    for (size_t i = 0; i < LWC_POSIX_UDP_SLOTS; i++) {
        if (t->ctx == &f->slots[i]) {
            lwc_posix_udp_close(&f->slots[i]);
            t->ops = NULL;
            t->ctx = NULL;
            return;
        }
    }
}

int lwc_posix_udp_factory_init(lwc_posix_udp_factory_t *f, uint16_t local_port,
                               lwc_transport_factory_t *out)
{
    if (!f || !out) {
        return LWC_ERR_INVALID_ARG;
    }
    memset(f, 0, sizeof(*f));
    for (size_t i = 0; i < LWC_POSIX_UDP_SLOTS; i++) {
        f->slots[i].fd = -1;
    }
    f->local_port = local_port;
    out->ctx = f;
    out->open = factory_open;
    out->release = factory_release;
    return LWC_OK;
}

void lwc_posix_udp_factory_deinit(lwc_posix_udp_factory_t *f)
{
    if (!f) {
        return;
    }
    for (size_t i = 0; i < LWC_POSIX_UDP_SLOTS; i++) {
        lwc_posix_udp_close(&f->slots[i]);
    }
}
