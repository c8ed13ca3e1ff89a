/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* SenML JSON (RFC 8428) as LwM2M 1.1 Core §7.4.4 uses it. */
#include "io/senml_json.h"

#include <string.h>

#include "io/base64.h"
#include "io/text.h"

/* ---- Names (RFC 8428 §4.5.1, LwM2M 1.1 Core §7.4.4): senml_name.h ------ */

int lwci_senml_bn_parse(const lwci_json_str_t *s, lwc_path_t *out)
{
    char t[LWCI_SENML_NAME_MAX];
    if (s->len > sizeof(t) ||
        lwci_json_str_decode(s, (uint8_t *)t, sizeof(t))) {
        return LWC_ERR_MALFORMED;
    }
    return lwci_senml_bn_from_text(t, s->len, out);
}

int lwci_senml_resolve(const lwc_path_t *bn, const lwci_json_str_t *n,
                       const lwc_path_t *base, lwc_path_t *out)
{
    char t[LWCI_SENML_NAME_MAX];
    size_t len = n ? n->len : 0;
    if (len > sizeof(t) ||
        (n && lwci_json_str_decode(n, (uint8_t *)t, sizeof(t)))) {
        return LWC_ERR_MALFORMED;
    }
    return lwci_senml_name_resolve(bn, t, len, base, out);
}

/* ---- Writing records ---------------------------------------------------- */

void lwci_senml_put_path(lwci_io_sink_t *s, const lwc_path_t *p, uint8_t from,
                         bool lead, bool trail)
{
    char t[32];
    size_t n = 0;
    bool any = false;
    t[n++] = '"';
    for (uint8_t i = from; i < p->len && i < 4; i++) {
        if (any || lead) {
            t[n++] = '/';
        }
        n += lwci_text_format_uint(p->ids[i], t + n, sizeof(t) - n);
        any = true;
    }
    if ((any && trail) || (!any && (lead || trail))) {
        t[n++] = '/';
    }
    t[n++] = '"';
    lwci_io_put(s, t, n);
}

int lwci_senml_check_value(const lwc_value_t *v)
{
    switch (v->type) {
    case LWC_TYPE_INT:
    case LWC_TYPE_UINT:
    case LWC_TYPE_TIME:
    case LWC_TYPE_BOOL:
    case LWC_TYPE_OBJLNK:
        return LWC_OK;
    case LWC_TYPE_FLOAT:
        return (v->f != v->f || v->f - v->f != 0.0) ? LWC_ERR_UNSUPPORTED
                                                    : LWC_OK;
    case LWC_TYPE_STRING:
    case LWC_TYPE_CORELNK:
        if (!v->bytes.data && v->bytes.len) {
            return LWC_ERR_INVALID_ARG;
        }
        return lwci_utf8_valid(v->bytes.data, v->bytes.len)
                   ? LWC_OK
                   : LWC_ERR_INVALID_ARG;
    case LWC_TYPE_OPAQUE:
        return (!v->bytes.data && v->bytes.len) ? LWC_ERR_INVALID_ARG : LWC_OK;
    default:
        return LWC_ERR_UNSUPPORTED;
    }
}

static void put_key(lwci_io_sink_t *s, const char *key)
{
    lwci_io_put_byte(s, '"');
    lwci_json_put_lit(s, key);
    lwci_json_put_lit(s, "\":");
}

void lwci_senml_put_value(lwci_io_sink_t *s, const lwc_value_t *v,
                          const lwci_senml_keys_t *keys)
{
    switch (v->type) {
    case LWC_TYPE_STRING:
    case LWC_TYPE_CORELNK:
        put_key(s, keys->str);
        (void)lwci_json_put_string(s, v->bytes.data, v->bytes.len);
        break;
    case LWC_TYPE_BOOL:
        put_key(s, keys->boolean);
        lwci_json_put_lit(s, v->b ? "true" : "false");
        break;
    case LWC_TYPE_OPAQUE:
        put_key(s, keys->opaque);
        lwci_json_put_base64(s, v->bytes.data, v->bytes.len, keys->opaque_b64);
        break;
    case LWC_TYPE_OBJLNK:
        put_key(s, keys->objlnk);
        lwci_json_put_objlnk(s, v->objlnk.oid, v->objlnk.iid);
        break;
    default:
        put_key(s, keys->num);
        (void)lwci_json_put_number(s, v);
        break;
    }
}

/* ---- Encoder and decoder steps shared with OMA JSON ------------------- */

int lwci_senml_enc_begin(lwci_io_encoder_t *e, const lwc_path_t *base,
                         char open)
{
    if (!lwc_path_is_valid(base)) {
        return LWC_ERR_INVALID_ARG;
    }
    e->base = *base;
    e->st.senml.first = true;
    lwci_io_put_byte(e->sink, (uint8_t)open);
    return LWC_OK;
}

int lwci_senml_enc_container(lwci_io_encoder_t *e, const lwc_path_t *container)
{
    (void)e;
    (void)container;
    return LWC_OK;
}

int lwci_senml_enc_check(const lwci_io_encoder_t *e, const lwc_path_t *path,
                         const lwc_value_t *v, bool *deeper)
{
    int rc = lwci_senml_check_value(v);
    if (rc != LWC_OK) {
        return rc;
    }
    *deeper = path->len > e->base.len;
    if (!lwc_path_is_valid(path) || path->len == 0 ||
        !lwc_path_starts_with(path, &e->base) ||
        (!e->st.senml.first && !*deeper)) {
        return LWC_ERR_INVALID_ARG;
    }
    return LWC_OK;
}

int lwci_senml_dec_start(const lwci_io_decoder_t *d, const uint8_t *buf,
                         size_t len, bool last, const lwci_io_entry_t *out,
                         size_t *consumed, lwci_json_reader_t *r)
{
    if (!d || !out || !consumed || (!buf && len)) {
        return LWC_ERR_INVALID_ARG;
    }
    lwci_json_reader_init(r, buf, len, last);
    *consumed = 0;
    return LWC_OK;
}

int lwci_senml_dec_begin(lwci_io_decoder_t *d, const lwc_path_t *base)
{
    if (!lwc_path_is_valid(base)) {
        return LWC_ERR_INVALID_ARG;
    }
    d->base = *base;
    memset(&d->st, 0, sizeof(d->st));
    lwci_senml_bn_none(&d->st.senml.base_name);
    return LWC_OK;
}

/* ---- Encoder --------------------------------------------------------------
 */

static const lwci_senml_keys_t senml_keys = {
    .num = "v",
    .str = "vs",
    .boolean = "vb",
    .opaque = "vd",
    .objlnk = "vlo",
    .opaque_b64 = LWCI_B64_URL | LWCI_B64_NOPAD, /* RFC 8428 §5 */
};

static int enc_begin(lwci_io_encoder_t *e, const lwc_path_t *base)
{
    return lwci_senml_enc_begin(e, base, '[');
}

/* One record. A value at the base path itself (a single-resource read) is
 * the only value of the payload: its record's "bn" is that path. */
static int enc_value(lwci_io_encoder_t *e, const lwc_path_t *path,
                     const lwc_value_t *v)
{
    bool deeper;
    int rc = lwci_senml_enc_check(e, path, v, &deeper);
    if (rc != LWC_OK) {
        return rc;
    }
    bool first = e->st.senml.first;
    lwci_io_sink_t *s = e->sink;
    lwci_json_put_lit(s, first ? "{" : ",{");
    if (e->base.len == 0) {
        lwci_json_put_lit(s, "\"n\":");
        lwci_senml_put_path(s, path, 0, true, false);
    } else {
        if (first) {
            lwci_json_put_lit(s, "\"bn\":");
            lwci_senml_put_path(s, &e->base, 0, true, deeper);
        }
        if (deeper) {
            lwci_json_put_lit(s, first ? ",\"n\":" : "\"n\":");
            lwci_senml_put_path(s, path, e->base.len, false, false);
        }
    }
    lwci_io_put_byte(s, ',');
    lwci_senml_put_value(s, v, &senml_keys);
    lwci_io_put_byte(s, '}');
    e->st.senml.first = false;
    return LWC_OK;
}

static int enc_end(lwci_io_encoder_t *e)
{
    lwci_io_put_byte(e->sink, ']');
    return LWC_OK;
}

const lwci_io_encoder_ops_t lwci_io_senml_json_encoder = {
    .format = LWC_FORMAT_SENML_JSON,
    .begin = enc_begin,
    .open = lwci_senml_enc_container,
    .value = enc_value,
    .close = lwci_senml_enc_container,
    .end = enc_end,
};

/* ---- Decoder --------------------------------------------------------------
 */

enum {
    F_BN,
    F_BT,
    F_N,
    F_T,
    F_V,
    F_VS,
    F_VB,
    F_VD,
    F_VLO,
    F_BVER,
    F_U,
    F_BU,
    F_UT,
    F_COUNT
};

static const char *const field_names[F_COUNT] = {
    [F_BN] = "bn",   [F_BT] = "bt",     [F_N] = "n",   [F_T] = "t",
    [F_V] = "v",     [F_VS] = "vs",     [F_VB] = "vb", [F_VD] = "vd",
    [F_VLO] = "vlo", [F_BVER] = "bver", [F_U] = "u",   [F_BU] = "bu",
    [F_UT] = "ut",
};

/* One record's fields, as spans of the input. */
typedef struct {
    lwci_json_str_t bn;
    lwci_json_str_t n;
    lwci_json_str_t str; /* vs, vd or vlo */
    lwci_json_num_t num; /* v */
    bool b;              /* vb */
    int value_field;     /* F_V .. F_VLO, or -1 */
    uint16_t seen;       /* bit per field */
} record_t;

static int field_index(const lwci_json_str_t *key)
{
    for (int i = 0; i < F_COUNT; i++) {
        if (lwci_json_str_eq(key, field_names[i])) {
            return i;
        }
    }
    return -1;
}

/* Fields we do not apply but whose presence changes the meaning. */
static bool field_rejected(const lwci_json_str_t *key)
{
    return lwci_json_str_eq(key, "bv") || lwci_json_str_eq(key, "bs") ||
           lwci_json_str_eq(key, "s") || lwci_json_str_last(key) == '_';
}

static int read_bver(lwci_json_reader_t *r)
{
    lwci_json_num_t num;
    lwc_value_t v;
    int rc = lwci_json_read_number(r, &num);
    if (rc != LWC_OK) {
        return rc;
    }
    if (lwci_json_num_value(&num, &v) != LWC_OK || v.type != LWC_TYPE_INT ||
        v.i < 1 || v.i > 10) {
        return LWC_ERR_MALFORMED; /* RFC 8428 §4.4: version 10 */
    }
    return LWC_OK;
}

static int read_field(lwci_json_reader_t *r, int f, record_t *rec)
{
    lwci_json_str_t ignored_str;
    lwci_json_num_t ignored_num;
    if (f >= F_V && f <= F_VLO) {
        if (rec->value_field >= 0) {
            return LWC_ERR_MALFORMED; /* one value per record */
        }
        rec->value_field = f;
    }
    switch (f) {
    case F_BN:
        return lwci_json_read_string(r, &rec->bn);
    case F_N:
        return lwci_json_read_string(r, &rec->n);
    case F_VS:
    case F_VD:
    case F_VLO:
        return lwci_json_read_string(r, &rec->str);
    case F_V:
        return lwci_json_read_number(r, &rec->num);
    case F_VB:
        return lwci_json_read_bool(r, &rec->b);
    case F_BVER:
        return read_bver(r);
    case F_U:
    case F_BU:
        return lwci_json_read_string(r, &ignored_str);
    default: /* bt, t, ut */
        return lwci_json_read_number(r, &ignored_num);
    }
}

static int parse_record(lwci_json_reader_t *r, record_t *rec)
{
    memset(rec, 0, sizeof(*rec));
    rec->value_field = -1;
    bool end;
    int rc = lwci_json_expect(r, '{');
    if (rc == LWC_OK) {
        rc = lwci_json_accept(r, '}', &end);
    }
    if (rc != LWC_OK || end) {
        return rc;
    }
    /* Each member consumes input: bounded by the buffer length. */
    for (;;) {
        lwci_json_str_t key;
        if ((rc = lwci_json_read_key(r, &key)) != LWC_OK) {
            return rc;
        }
        int f = field_index(&key);
        if (f < 0) {
            rc = field_rejected(&key)
                     ? LWC_ERR_MALFORMED
                     : lwci_json_skip_value(r, LWCI_JSON_MAX_DEPTH - 2);
        } else if (rec->seen & (1u << f)) {
            rc = LWC_ERR_MALFORMED; /* repeated field */
        } else {
            rec->seen |= (uint16_t)(1u << f);
            rc = read_field(r, f, rec);
        }
        bool more = false;
        if (rc == LWC_OK) {
            rc = lwci_json_end_element(r, '}', &more);
        }
        if (rc != LWC_OK || !more) {
            return rc;
        }
    }
}

/* The entry of a parsed record; *bn gets the base name now in force. */
static int build_entry(lwci_io_decoder_t *d, const record_t *rec,
                       lwc_path_t *bn, lwci_io_entry_t *out)
{
    int rc;
    *bn = d->st.senml.base_name;
    if ((rec->seen & (1u << F_BN)) &&
        (rc = lwci_senml_bn_parse(&rec->bn, bn)) != LWC_OK) {
        return rc;
    }
    memset(out, 0, sizeof(*out));
    rc = lwci_senml_resolve(bn, (rec->seen & (1u << F_N)) ? &rec->n : NULL,
                            &d->base, &out->path);
    if (rc != LWC_OK) {
        return rc;
    }
    if (rec->value_field < 0) {
        out->kind = LWCI_IO_NONE;
        return LWC_OK;
    }
    if (out->path.len < 3) {
        return LWC_ERR_MALFORMED; /* values belong to resources */
    }
    out->kind = LWCI_IO_TYPED;
    switch (rec->value_field) {
    case F_V:
        return lwci_json_num_value(&rec->num, &out->value);
    case F_VS:
        return lwci_json_str_value(&rec->str, d->scratch, d->scratch_cap,
                                   &out->value);
    case F_VB:
        out->value = lwc_value_bool(rec->b);
        return LWC_OK;
    case F_VD:
        return lwci_json_str_base64(&rec->str, LWCI_B64_ANY, d->scratch,
                                    d->scratch_cap, &out->value);
    default:
        return lwci_json_str_objlnk(&rec->str, &out->value);
    }
}

/* After the closing ']': only whitespace may follow. */
static int dec_finish(lwci_json_reader_t *r, size_t *consumed)
{
    if (!lwci_json_at_end(r)) {
        return LWC_ERR_MALFORMED;
    }
    *consumed = r->len;
    return r->last ? LWC_ERR_NOT_FOUND : LWC_ERR_WOULD_BLOCK;
}

/* '[' and, for an empty pack, its ']'; committed with *consumed. */
static int dec_open_array(lwci_io_decoder_t *d, lwci_json_reader_t *r,
                          size_t *consumed)
{
    bool empty;
    int rc = lwci_json_expect(r, '[');
    if (rc == LWC_OK) {
        rc = lwci_json_accept(r, ']', &empty);
    }
    if (rc != LWC_OK) {
        return rc;
    }
    d->st.senml.in_array = !empty;
    d->st.senml.done = empty;
    *consumed = r->pos;
    return LWC_OK;
}

static int dec_next(lwci_io_decoder_t *d, const uint8_t *buf, size_t len,
                    bool last, lwci_io_entry_t *out, size_t *consumed)
{
    lwci_json_reader_t r;
    int rc = lwci_senml_dec_start(d, buf, len, last, out, consumed, &r);
    if (rc != LWC_OK) {
        return rc;
    }
    if (!d->st.senml.in_array && !d->st.senml.done &&
        (rc = dec_open_array(d, &r, consumed)) != LWC_OK) {
        return rc;
    }
    if (d->st.senml.done) {
        return dec_finish(&r, consumed);
    }
    record_t rec;
    bool more = false;
    rc = parse_record(&r, &rec);
    if (rc == LWC_OK) {
        rc = lwci_json_end_element(&r, ']', &more);
    }
    lwc_path_t bn;
    if (rc == LWC_OK) {
        rc = build_entry(d, &rec, &bn, out);
    }
    if (rc != LWC_OK) {
        return rc; /* *consumed: up to the start of this record */
    }
    d->st.senml.base_name = bn;
    d->st.senml.in_array = more;
    d->st.senml.done = !more;
    *consumed = r.pos;
    return LWC_OK;
}

const lwci_io_decoder_ops_t lwci_io_senml_json_decoder = {
    .format = LWC_FORMAT_SENML_JSON,
    .begin = lwci_senml_dec_begin,
    .next = dec_next,
};
