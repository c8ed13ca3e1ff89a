/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The single-value formats on the io.h contract: text/plain (LwM2M TS Core
 * 1.1 §7.4.1) and application/octet-stream (§7.4.2). One value, no
 * structure: a container or a second value is LWC_ERR_UNSUPPORTED (4.06).
 */
#include "io/text.h"

/* ---- Encoders ----------------------------------------------------------- */

static int single_begin(lwci_io_encoder_t *e, const lwc_path_t *base)
{
    e->base = *base;
    e->st.single.values = 0;
    return LWC_OK;
}

static int single_open(lwci_io_encoder_t *e, const lwc_path_t *c)
{
    (void)e;
    (void)c;
    return LWC_ERR_UNSUPPORTED;
}

static int single_close(lwci_io_encoder_t *e, const lwc_path_t *c)
{
    (void)e;
    (void)c;
    return LWC_ERR_UNSUPPORTED;
}

static int single_end(lwci_io_encoder_t *e)
{
    (void)e;
    return LWC_OK;
}

/* Count one value; the second is refused. */
static int take_slot(lwci_io_encoder_t *e)
{
    if (e->st.single.values > 0) {
        return LWC_ERR_UNSUPPORTED;
    }
    e->st.single.values = 1;
    return LWC_OK;
}

static int text_value(lwci_io_encoder_t *e, const lwc_path_t *path,
                      const lwc_value_t *v)
{
    (void)path;
    int rc = take_slot(e);
    if (rc != LWC_OK) {
        return rc;
    }
    if (v->type == LWC_TYPE_STRING || v->type == LWC_TYPE_CORELNK) {
        if (v->bytes.len) {
            lwci_io_put(e->sink, v->bytes.data, v->bytes.len);
        }
        return LWC_OK;
    }
    /* Numbers, booleans and object links are short. */
    char buf[32];
    size_t n = 0;
    rc = lwci_text_encode(v, buf, sizeof(buf), &n);
    if (rc == LWC_OK) {
        lwci_io_put(e->sink, buf, n);
    }
    return rc == LWC_ERR_INVALID_ARG ? LWC_ERR_UNSUPPORTED : rc;
}

static int opaque_value(lwci_io_encoder_t *e, const lwc_path_t *path,
                        const lwc_value_t *v)
{
    (void)path;
    if (v->type != LWC_TYPE_OPAQUE) {
        return LWC_ERR_UNSUPPORTED;
    }
    int rc = take_slot(e);
    if (rc == LWC_OK && v->bytes.len) {
        lwci_io_put(e->sink, v->bytes.data, v->bytes.len);
    }
    return rc;
}

const lwci_io_encoder_ops_t lwci_io_text_encoder = {
    .format = LWC_FORMAT_TEXT,
    .begin = single_begin,
    .open = single_open,
    .value = text_value,
    .close = single_close,
    .end = single_end,
};

const lwci_io_encoder_ops_t lwci_io_opaque_encoder = {
    .format = LWC_FORMAT_OPAQUE,
    .begin = single_begin,
    .open = single_open,
    .value = opaque_value,
    .close = single_close,
    .end = single_end,
};

/* ---- Decoders ----------------------------------------------------------- */

static int single_dec_begin(lwci_io_decoder_t *d, const lwc_path_t *base)
{
    d->base = *base;
    d->st.single.done = false;
    return LWC_OK;
}

/* The whole payload is the value, so it is yielded only once all of it is
 * there (an empty payload is an empty value, e.g. an empty string). */
static int single_dec_next(lwci_io_decoder_t *d, const uint8_t *buf, size_t len,
                           bool last, lwci_io_entry_t *out, size_t *consumed)
{
    *consumed = 0;
    if (d->st.single.done) {
        return len ? LWC_ERR_MALFORMED : LWC_ERR_NOT_FOUND;
    }
    if (!last) {
        return LWC_ERR_WOULD_BLOCK;
    }
    *out = (lwci_io_entry_t){
        .path = d->base, .kind = LWCI_IO_RAW, .raw = buf, .raw_len = len};
    *consumed = len;
    d->st.single.done = true;
    return LWC_OK;
}

const lwci_io_decoder_ops_t lwci_io_text_decoder = {
    .format = LWC_FORMAT_TEXT,
    .begin = single_dec_begin,
    .next = single_dec_next,
};

const lwci_io_decoder_ops_t lwci_io_opaque_decoder = {
    .format = LWC_FORMAT_OPAQUE,
    .begin = single_dec_begin,
    .next = single_dec_next,
};
