/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * OMA TLV (LwM2M TS Core 1.1 §7.4.3) on the streaming contract of io.h:
 * an encoder that writes strictly forward (container lengths from the
 * measure hook) and a decoder that yields one entry per call and can
 * resume at a chunk boundary.
 */
#include "io/tlv.h"

/* ---- Encoder ------------------------------------------------------------ */

static int put_header(lwci_io_sink_t *s, uint8_t type, uint16_t id, size_t len)
{
    uint8_t hdr[LWCI_TLV_MAX_HEADER];
    size_t n = 0;
    if (len > LWCI_TLV_MAX_LEN) {
        return LWC_ERR_TOO_LARGE; /* a 24-bit length field is the limit */
    }
    int rc = lwci_tlv_write_header(hdr, sizeof(hdr), &n, type, id, len);
    if (rc == LWC_OK) {
        lwci_io_put(s, hdr, n);
    }
    return rc;
}

static int tlv_enc_begin(lwci_io_encoder_t *e, const lwc_path_t *base)
{
    e->base = *base;
    return LWC_OK;
}

/*
 * An object has no entry of its own, nor has the instance a Read addresses
 * (§7.4.3.1 example: Read /3/0 gives the bare resources); an instance in an
 * object read is an "object instance" entry, a multiple resource a
 * "multiple resource" entry.
 */
static int tlv_enc_open(lwci_io_encoder_t *e, const lwc_path_t *c)
{
    uint8_t type;
    if (c->len == 3) {
        type = LWCI_TLV_MULTIPLE_RESOURCE;
    } else if (c->len == 2 && e->base.len < 2) {
        type = LWCI_TLV_OBJECT_INSTANCE;
    } else if (c->len == 1 || c->len == 2) {
        return LWC_OK;
    } else {
        return LWC_ERR_INVALID_ARG;
    }
    if (!e->measure) {
        return LWC_ERR_INTERNAL;
    }
    lwci_io_measure_t m;
    int rc = e->measure(e->measure_ctx, c, &m);
    if (rc != LWC_OK) {
        return rc;
    }
    return put_header(e->sink, type, c->ids[c->len - 1], m.bytes);
}

static int tlv_enc_value(lwci_io_encoder_t *e, const lwc_path_t *path,
                         const lwc_value_t *v)
{
    if (path->len < 3) {
        return LWC_ERR_INVALID_ARG;
    }
    uint8_t type =
        path->len == 4 ? LWCI_TLV_RESOURCE_INSTANCE : LWCI_TLV_RESOURCE;
    uint16_t id = path->ids[path->len - 1];
    if (v->type == LWC_TYPE_STRING || v->type == LWC_TYPE_OPAQUE ||
        v->type == LWC_TYPE_CORELNK) {
        int rc = put_header(e->sink, type, id, v->bytes.len);
        if (rc == LWC_OK && v->bytes.len) {
            lwci_io_put(e->sink, v->bytes.data, v->bytes.len);
        }
        return rc;
    }
    /* Fixed-size types: at most 8 value bytes. */
    uint8_t buf[LWCI_TLV_MAX_HEADER + 8];
    size_t n = 0;
    int rc = lwci_tlv_write_value(buf, sizeof(buf), &n, type, id, v);
    if (rc == LWC_OK) {
        lwci_io_put(e->sink, buf, n);
    }
    return rc == LWC_ERR_INVALID_ARG ? LWC_ERR_UNSUPPORTED : rc;
}

static int tlv_enc_close(lwci_io_encoder_t *e, const lwc_path_t *c)
{
    (void)e;
    (void)c;
    return LWC_OK;
}

static int tlv_enc_end(lwci_io_encoder_t *e)
{
    (void)e;
    return LWC_OK;
}

const lwci_io_encoder_ops_t lwci_io_tlv_encoder = {
    .format = LWC_FORMAT_TLV,
    .begin = tlv_enc_begin,
    .open = tlv_enc_open,
    .value = tlv_enc_value,
    .close = tlv_enc_close,
    .end = tlv_enc_end,
};

/* ---- Decoder ------------------------------------------------------------ */

/* st.tlv.level: open containers in the low bits, flags above. */
#define LV_DEPTH   0x03u /* open containers: 0..2 */
#define LV_L1_INST 0x04u /* the outer container is an object instance */
#define LV_WRAPPED 0x08u /* a top-level object instance was seen */
#define LV_BARE    0x10u /* a top-level resource entry was seen */

/* One entry header, parsed without the reader's "value present" check. */
typedef struct {
    uint8_t type;
    uint16_t id;
    size_t hdr;
    size_t vlen;
} tlv_head_t;

/* LWC_OK, or LWC_ERR_WOULD_BLOCK when buf is too short for the header. */
static int parse_head(const uint8_t *buf, size_t len, tlv_head_t *h)
{
    if (len < 2) {
        return LWC_ERR_WOULD_BLOCK;
    }
    uint8_t t = buf[0];
    size_t id_len = (t & 0x20) ? 2 : 1;
    size_t len_len = (t >> 3) & 0x03;
    h->hdr = 1 + id_len + len_len;
    if (h->hdr > len) {
        return LWC_ERR_WOULD_BLOCK;
    }
    h->type = (uint8_t)(t >> 6);
    h->id = id_len == 2 ? (uint16_t)((buf[1] << 8) | buf[2]) : buf[1];
    h->vlen = len_len ? 0 : (size_t)(t & 0x07);
    for (size_t i = 0; i < len_len; i++) {
        h->vlen = (h->vlen << 8) | buf[1 + id_len + i];
    }
    return LWC_OK;
}

/* The instance ID bare resources belong to: the base's, or none yet. */
static uint16_t base_iid(const lwci_io_decoder_t *d)
{
    return d->base.len >= 2 ? d->base.ids[1] : LWCI_TLV_NO_IID;
}

/* Path of a top-level entry; LWC_ERR_MALFORMED where it cannot be. */
static int place_top(lwci_io_decoder_t *d, const tlv_head_t *h, lwc_path_t *p)
{
    uint8_t *lv = &d->st.tlv.level;
    const lwc_path_t *b = &d->base;
    bool wrapper = h->type == LWCI_TLV_OBJECT_INSTANCE;
    /* Instance entries and bare resources do not mix; an instance base
     * takes one instance entry, an object base any number. */
    if (b->len == 0 || (*lv & (wrapper ? LV_BARE : LV_WRAPPED)) ||
        (wrapper && (*lv & LV_WRAPPED) && b->len >= 2)) {
        return LWC_ERR_MALFORMED;
    }
    *lv |= wrapper ? LV_WRAPPED : LV_BARE;
    if (wrapper) {
        *p = (lwc_path_t){.ids = {b->ids[0], h->id}, .len = 2};
        return b->len <= 2 ? LWC_OK : LWC_ERR_MALFORMED;
    }
    if (h->type == LWCI_TLV_RESOURCE_INSTANCE) {
        *p = (lwc_path_t){.ids = {b->ids[0], b->ids[1], b->ids[2], h->id},
                          .len = 4};
        return b->len >= 3 ? LWC_OK : LWC_ERR_MALFORMED;
    }
    *p = (lwc_path_t){.ids = {b->ids[0], base_iid(d), h->id}, .len = 3};
    return b->len <= 3 ? LWC_OK : LWC_ERR_MALFORMED;
}

/* Path of an entry inside the open containers. */
static int place_nested(lwci_io_decoder_t *d, const tlv_head_t *h,
                        lwc_path_t *p)
{
    uint8_t lv = d->st.tlv.level;
    uint8_t depth = lv & LV_DEPTH;
    const uint16_t *ids = d->st.tlv.ids;
    uint16_t oid = d->base.ids[0];
    if (depth == 1 && (lv & LV_L1_INST)) {
        if (h->type != LWCI_TLV_RESOURCE &&
            h->type != LWCI_TLV_MULTIPLE_RESOURCE) {
            return LWC_ERR_MALFORMED;
        }
        *p = (lwc_path_t){.ids = {oid, ids[0], h->id}, .len = 3};
        return LWC_OK;
    }
    if (h->type != LWCI_TLV_RESOURCE_INSTANCE) {
        return LWC_ERR_MALFORMED;
    }
    if (depth == 2) {
        *p = (lwc_path_t){.ids = {oid, ids[0], ids[1], h->id}, .len = 4};
    } else {
        *p = (lwc_path_t){.ids = {oid, base_iid(d), ids[0], h->id}, .len = 4};
    }
    return LWC_OK;
}

/* Account n consumed bytes to every open container; close finished ones. */
static void consume(lwci_io_decoder_t *d, size_t n)
{
    uint8_t depth = d->st.tlv.level & LV_DEPTH;
    for (uint8_t k = 0; k < depth; k++) {
        d->st.tlv.left[k] -= (uint32_t)n;
    }
    while (depth > 0 && d->st.tlv.left[depth - 1] == 0) {
        depth--;
    }
    d->st.tlv.level = (uint8_t)((d->st.tlv.level & ~LV_DEPTH) | depth);
}

static void open_container(lwci_io_decoder_t *d, const tlv_head_t *h)
{
    uint8_t depth = d->st.tlv.level & LV_DEPTH;
    if (depth == 0 && h->type == LWCI_TLV_OBJECT_INSTANCE) {
        d->st.tlv.level |= LV_L1_INST;
    } else if (depth == 0) {
        d->st.tlv.level &= (uint8_t)~LV_L1_INST;
    }
    d->st.tlv.left[depth] = (uint32_t)h->vlen;
    d->st.tlv.ids[depth] = h->id;
    d->st.tlv.level = (uint8_t)((d->st.tlv.level & ~LV_DEPTH) | (depth + 1));
}

static int tlv_dec_begin(lwci_io_decoder_t *d, const lwc_path_t *base)
{
    d->base = *base;
    d->st.tlv.level = 0;
    d->st.tlv.left[0] = d->st.tlv.left[1] = 0;
    d->st.tlv.ids[0] = d->st.tlv.ids[1] = 0;
    return LWC_OK;
}

/* The end of the input: clean, truncated, or wait for more. */
static int at_end(const lwci_io_decoder_t *d, bool last, bool partial)
{
    if (!last) {
        return LWC_ERR_WOULD_BLOCK;
    }
    if (partial || (d->st.tlv.level & LV_DEPTH)) {
        return LWC_ERR_MALFORMED; /* truncated entry or container */
    }
    return LWC_ERR_NOT_FOUND;
}

/* Check a parsed header against its context and find its path. */
static int check_head(lwci_io_decoder_t *d, const tlv_head_t *h, lwc_path_t *p)
{
    uint8_t depth = d->st.tlv.level & LV_DEPTH;
    if (h->id > LWC_ID_MAX) {
        return LWC_ERR_MALFORMED;
    }
    if (depth > 0 && h->hdr + h->vlen > d->st.tlv.left[depth - 1]) {
        return LWC_ERR_MALFORMED; /* overruns its container */
    }
    if (depth == 0) {
        return place_top(d, h, p);
    }
    return place_nested(d, h, p);
}

/*
 * Each pass consumes a container header (at least 2 bytes) or returns, so
 * the loop ends; containers nest at most 2 deep (instance, multiple
 * resource), checked by place_top/place_nested.
 */
static int tlv_dec_next(lwci_io_decoder_t *d, const uint8_t *buf, size_t len,
                        bool last, lwci_io_entry_t *out, size_t *consumed)
{
    size_t used = 0;
    *consumed = 0;
    for (;;) {
        tlv_head_t h;
        lwc_path_t p;
        if (used == len) {
            return at_end(d, last, false);
        }
        if (parse_head(buf + used, len - used, &h) != LWC_OK) {
            return at_end(d, last, true);
        }
        uint8_t lv_before = d->st.tlv.level;
        int rc = check_head(d, &h, &p);
        if (rc != LWC_OK) {
            return rc;
        }
        bool container = h.type == LWCI_TLV_OBJECT_INSTANCE ||
                         h.type == LWCI_TLV_MULTIPLE_RESOURCE;
        if (container && h.vlen > 0) {
            used += h.hdr;
            consume(d, h.hdr);
            open_container(d, &h);
            *consumed = used;
            continue;
        }
        if (h.vlen > len - used - h.hdr) {
            d->st.tlv.level = lv_before; /* seen again with more input */
            return at_end(d, last, true);
        }
        *out = (lwci_io_entry_t){.path = p,
                                 .kind = container ? LWCI_IO_NONE : LWCI_IO_RAW,
                                 .raw = buf + used + h.hdr,
                                 .raw_len = h.vlen};
        used += h.hdr + h.vlen;
        consume(d, h.hdr + h.vlen);
        *consumed = used;
        return LWC_OK;
    }
}

const lwci_io_decoder_ops_t lwci_io_tlv_decoder = {
    .format = LWC_FORMAT_TLV,
    .begin = tlv_dec_begin,
    .next = tlv_dec_next,
};
