/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Plain CBOR, one value (LwM2M 1.1 Core §7.4): see cbor_single.h. */
#include "io/cbor_single.h"

#include <string.h>

#include "io/cbor.h"

/* ---- Encoder ------------------------------------------------------------- */

static int enc_begin(lwci_io_encoder_t *e, const lwc_path_t *base)
{
    if (!e || !e->sink || !lwc_path_is_valid(base)) {
        return LWC_ERR_INVALID_ARG;
    }
    e->base = *base;
    e->st.single.values = 0;
    return LWC_OK;
}

/* One value only: no object, instance or multiple resource. */
static int enc_container(lwci_io_encoder_t *e, const lwc_path_t *container)
{
    (void)e;
    (void)container;
    return LWC_ERR_UNSUPPORTED;
}

static int enc_value(lwci_io_encoder_t *e, const lwc_path_t *path,
                     const lwc_value_t *v)
{
    if (!lwc_path_is_valid(path)) {
        return LWC_ERR_INVALID_ARG;
    }
    if (e->st.single.values > 0) {
        return LWC_ERR_UNSUPPORTED;
    }
    int rc = lwci_cbor_put_value(e->sink, v);
    if (rc == LWC_OK) {
        e->st.single.values = 1;
    }
    return rc;
}

static int enc_end(lwci_io_encoder_t *e)
{
    return e->st.single.values > 0 ? LWC_OK : LWC_ERR_NOT_FOUND;
}

const lwci_io_encoder_ops_t lwci_io_cbor_single_encoder = {
    .format = LWC_FORMAT_CBOR,
    .begin = enc_begin,
    .open = enc_container,
    .value = enc_value,
    .close = enc_container,
    .end = enc_end,
};

/* ---- Decoder ------------------------------------------------------------- */

static int dec_begin(lwci_io_decoder_t *d, const lwc_path_t *base)
{
    if (!d || !lwc_path_is_valid(base)) {
        return LWC_ERR_INVALID_ARG;
    }
    d->base = *base;
    memset(&d->st, 0, sizeof(d->st));
    return LWC_OK;
}

/* The item after an optional tag 55799. */
static int read_item(lwci_cbor_reader_t *r, lwci_cbor_scratch_t *sc,
                     lwc_value_t *v)
{
    lwci_cbor_item_t it;
    int rc = lwci_cbor_peek(r, &it);
    if (rc == LWC_OK && it.type == LWCI_CBOR_T_TAG &&
        it.arg == LWCI_CBOR_TAG_SELF_DESCR) {
        rc = lwci_cbor_read(r, &it);
    }
    if (rc == LWC_OK) {
        rc = lwci_cbor_read_value(r, sc, v);
    }
    return rc;
}

static int dec_next(lwci_io_decoder_t *d, const uint8_t *buf, size_t len,
                    bool last, lwci_io_entry_t *out, size_t *consumed)
{
    lwci_cbor_reader_t r;
    lwc_value_t v;

    if (!d || !out || !consumed || (!buf && len)) {
        return LWC_ERR_INVALID_ARG;
    }
    *consumed = 0;
    if (d->st.single.done) {
        if (len > 0) {
            return LWC_ERR_MALFORMED; /* bytes after the value */
        }
        return last ? LWC_ERR_NOT_FOUND : LWC_ERR_WOULD_BLOCK;
    }
    lwci_cbor_scratch_t sc = {d->scratch, d->scratch ? d->scratch_cap : 0, 0};
    lwci_cbor_reader_init(&r, buf, len);
    int rc = read_item(&r, &sc, &v);
    if (rc == LWC_ERR_WOULD_BLOCK) {
        return last ? LWC_ERR_MALFORMED : rc;
    }
    if (rc == LWC_OK && r.pos < len) {
        rc = LWC_ERR_MALFORMED;
    }
    if (rc != LWC_OK) {
        return rc;
    }
    memset(out, 0, sizeof(*out));
    out->path = d->base;
    out->kind = v.type == LWC_TYPE_NONE ? LWCI_IO_NONE : LWCI_IO_TYPED;
    out->value = v;
    *consumed = r.pos;
    d->st.single.done = true;
    return LWC_OK;
}

const lwci_io_decoder_ops_t lwci_io_cbor_single_decoder = {
    .format = LWC_FORMAT_CBOR,
    .begin = dec_begin,
    .next = dec_next,
};
