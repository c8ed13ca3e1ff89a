/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* SenML CBOR (RFC 8428 §6, LwM2M 1.1 Core §7.4): see senml_cbor.h. */
#include "io/senml_cbor.h"

#include <string.h>

#include "io/cbor.h"
#include "io/senml_name.h"
#include "io/text.h"

/* RFC 8428 §4.4: a pack with a higher version must not be used. */
#define SENML_VERSION 10

/* ---- Encoder ------------------------------------------------------------- */

/* ids[from..path->len) joined by '/': "6/0". */
static size_t format_relative(const lwc_path_t *path, uint8_t from, char *buf,
                              size_t cap)
{
    size_t n = 0;
    for (uint8_t i = from; i < path->len; i++) {
        if (i > from) {
            buf[n++] = '/';
        }
        n += lwci_text_format_uint(path->ids[i], buf + n, cap - n);
    }
    return n;
}

static void put_name(lwci_io_encoder_t *e, const lwc_path_t *path, bool has_bn,
                     bool has_n)
{
    char text[LWC_PATH_STR_MAX + 1];
    size_t n = 0;

    if (has_bn) {
        lwc_path_format(&e->base, text, sizeof(text) - 1, &n);
        if (has_n) {
            text[n++] = '/';
        }
        lwci_cbor_put_int(e->sink, LWCI_SENML_BN);
        lwci_cbor_put_text(e->sink, text, n);
    }
    if (has_n) {
        if (e->base.len == 0) {
            lwc_path_format(path, text, sizeof(text), &n);
        } else {
            n = format_relative(path, e->base.len, text, sizeof(text));
        }
        lwci_cbor_put_uint(e->sink, LWCI_SENML_N);
        lwci_cbor_put_text(e->sink, text, n);
    }
}

static void put_senml_value(lwci_io_sink_t *s, const lwc_value_t *v)
{
    char lnk[12];

    switch (v->type) {
    case LWC_TYPE_STRING:
    case LWC_TYPE_CORELNK:
        lwci_cbor_put_uint(s, LWCI_SENML_VS);
        lwci_cbor_put_text(s, v->bytes.data, v->bytes.len);
        break;
    case LWC_TYPE_OPAQUE:
        lwci_cbor_put_uint(s, LWCI_SENML_VD);
        lwci_cbor_put_bytes(s, v->bytes.data, v->bytes.len);
        break;
    case LWC_TYPE_BOOL:
        lwci_cbor_put_uint(s, LWCI_SENML_VB);
        lwci_cbor_put_bool(s, v->b);
        break;
    case LWC_TYPE_OBJLNK:
        lwci_cbor_put_text(s, LWCI_SENML_VLO, 3);
        lwci_cbor_put_text(s, lnk,
                           lwci_cbor_format_objlnk(v->objlnk.oid, v->objlnk.iid,
                                                   lnk, sizeof(lnk)));
        break;
    default: /* numbers; time as seconds (LwM2M 1.1 Core §7.4) */
        lwci_cbor_put_uint(s, LWCI_SENML_V);
        if (v->type == LWC_TYPE_UINT) {
            lwci_cbor_put_uint(s, v->u);
        } else if (v->type == LWC_TYPE_FLOAT) {
            lwci_cbor_put_float(s, v->f);
        } else {
            lwci_cbor_put_int(s, v->type == LWC_TYPE_TIME ? v->t : v->i);
        }
        break;
    }
}

/*
 * RFC 8428 §6: outside a SensML stream the array of records is
 * definite-length, so the number of records (values) comes first, from
 * the walker's measure of the whole walk. An encoder driven by hand,
 * without a measure hook, writes an indefinite-length array instead (our
 * decoder and every CBOR decoder read it, but it is not strict SenML).
 */
static int enc_begin(lwci_io_encoder_t *e, const lwc_path_t *base)
{
    if (!e || !e->sink || !lwc_path_is_valid(base)) {
        return LWC_ERR_INVALID_ARG;
    }
    e->base = *base;
    e->st.senml.first = true;
    e->st.senml.indefinite = e->measure == NULL;
    if (e->st.senml.indefinite) {
        lwci_cbor_put_indefinite(e->sink, LWCI_CBOR_MAJOR_ARRAY);
        return LWC_OK;
    }
    lwci_io_measure_t m = {0};
    int rc = e->measure(e->measure_ctx, &LWC_PATH_ROOT, &m);
    if (rc != LWC_OK) {
        return rc;
    }
    lwci_cbor_put_head(e->sink, LWCI_CBOR_MAJOR_ARRAY, m.values);
    return LWC_OK;
}

/* Containers leave no trace in SenML: every record names its path. */
static int enc_container(lwci_io_encoder_t *e, const lwc_path_t *container)
{
    (void)e;
    return lwc_path_is_valid(container) ? LWC_OK : LWC_ERR_INVALID_ARG;
}

static int enc_value(lwci_io_encoder_t *e, const lwc_path_t *path,
                     const lwc_value_t *v)
{
    if (!lwc_path_is_valid(path) || path->len == 0 ||
        !lwc_path_starts_with(path, &e->base)) {
        return LWC_ERR_INVALID_ARG;
    }
    int rc = lwci_cbor_check_value(v);
    if (rc != LWC_OK) {
        return rc;
    }
    bool has_bn = e->st.senml.first && e->base.len > 0;
    bool has_n = !lwc_path_equal(path, &e->base);

    lwci_cbor_put_head(e->sink, LWCI_CBOR_MAJOR_MAP,
                       1u + (has_bn ? 1u : 0u) + (has_n ? 1u : 0u));
    put_name(e, path, has_bn, has_n);
    put_senml_value(e->sink, v);
    e->st.senml.first = false;
    return LWC_OK;
}

static int enc_end(lwci_io_encoder_t *e)
{
    if (e->st.senml.indefinite) {
        lwci_cbor_put_break(e->sink);
    }
    return LWC_OK;
}

const lwci_io_encoder_ops_t lwci_io_senml_cbor_encoder = {
    .format = LWC_FORMAT_SENML_CBOR,
    .begin = enc_begin,
    .open = enc_container,
    .value = enc_value,
    .close = enc_container,
    .end = enc_end,
};

/* ---- Decoder ------------------------------------------------------------- */

/*
 * State between entries. io.h's `senml` member has no room for the record
 * count of a definite-length array, so this struct is kept in the state
 * union's bytes (copied in and out; checked to fit below).
 */
typedef struct {
    lwc_path_t bn; /* base name in force, senml_name.h's stored form */
    uint32_t left; /* records left in a definite-length array */
    uint8_t flags;
} senml_state_t;

_Static_assert(sizeof(senml_state_t) <= sizeof(lwci_io_dec_state_t),
               "SenML CBOR decoder state must fit lwci_io_dec_state_t");

/* What the record step sees: the state (first, copied in and out of the
 * decoder) and the request path. */
typedef struct {
    senml_state_t st;
    const lwc_path_t *base;
} step_ctx_t;

#define F_STARTED 0x01u /* array head read */
#define F_INDEF   0x02u /* indefinite-length array */
#define F_DONE    0x04u /* array closed */

/* Label bit in record_t.seen: labels -6..8 and "vlo". */
#define LABEL_VLO    9
#define LABEL_BIT(l) (1u << ((l) + 6))

typedef struct {
    const char *bn;
    size_t bn_len;
    const char *n;
    size_t n_len;
    lwc_value_t v;
    uint32_t seen;
    bool has_v;
} record_t;

static bool is_number(const lwc_value_t *v)
{
    return v->type == LWC_TYPE_INT || v->type == LWC_TYPE_UINT ||
           v->type == LWC_TYPE_FLOAT;
}

/* Does v have the type RFC 8428 Table 4 gives `label`? */
static bool label_accepts(int label, const lwc_value_t *v)
{
    switch (label) {
    case LWCI_SENML_BVER:
        return v->type == LWC_TYPE_INT && v->i >= 0 && v->i <= SENML_VERSION;
    case LWCI_SENML_BN:
    case LWCI_SENML_N:
    case LWCI_SENML_BU:
    case LWCI_SENML_U:
    case LWCI_SENML_VS:
    case LABEL_VLO:
        return v->type == LWC_TYPE_STRING;
    case LWCI_SENML_V:
        return is_number(v) || v->type == LWC_TYPE_TIME;
    case LWCI_SENML_VB:
        return v->type == LWC_TYPE_BOOL;
    case LWCI_SENML_VD:
        return v->type == LWC_TYPE_OPAQUE;
    case LWCI_SENML_BV: /* LwM2M does not use base values */
        return false;
    default: /* bt, t, ut, s, bs: numbers we do not use */
        return is_number(v);
    }
}

static bool is_value_label(int label)
{
    return label == LWCI_SENML_V || label == LWCI_SENML_VS ||
           label == LWCI_SENML_VB || label == LWCI_SENML_VD ||
           label == LABEL_VLO;
}

/* Read the value of `label` into rec (or check and drop it). */
static int read_field(lwci_cbor_reader_t *r, lwci_cbor_scratch_t *sc, int label,
                      record_t *rec)
{
    lwc_value_t v;
    int rc = lwci_cbor_read_value(r, sc, &v);
    if (rc != LWC_OK) {
        return rc;
    }
    if (!label_accepts(label, &v) ||
        (label == LABEL_VLO &&
         lwci_text_decode(v.bytes.data, v.bytes.len, LWC_TYPE_OBJLNK, &v) !=
             LWC_OK)) {
        return LWC_ERR_MALFORMED;
    }
    if (label == LWCI_SENML_BN) {
        rec->bn = v.bytes.data;
        rec->bn_len = v.bytes.len;
    } else if (label == LWCI_SENML_N) {
        rec->n = v.bytes.data;
        rec->n_len = v.bytes.len;
    } else if (is_value_label(label)) {
        if (rec->has_v) {
            return LWC_ERR_MALFORMED; /* two values in one record */
        }
        rec->has_v = true;
        rec->v = v;
    }
    return LWC_OK;
}

/* The label a key stands for; *skip when its value is to be ignored. */
static int read_label(lwci_cbor_reader_t *r, lwci_cbor_scratch_t *sc,
                      int *label, bool *skip)
{
    lwc_value_t k;
    int rc = lwci_cbor_read_value(r, sc, &k);
    if (rc != LWC_OK) {
        return rc;
    }
    *skip = false;
    if (k.type == LWC_TYPE_INT && k.i >= LWCI_SENML_BS &&
        k.i <= LWCI_SENML_VD) {
        *label = (int)k.i;
    } else if (k.type == LWC_TYPE_INT || k.type == LWC_TYPE_UINT) {
        *skip = true; /* unregistered label */
    } else if (k.type == LWC_TYPE_STRING && k.bytes.len == 3 &&
               memcmp(k.bytes.data, LWCI_SENML_VLO, 3) == 0) {
        *label = LABEL_VLO;
    } else if (k.type == LWC_TYPE_STRING) {
        const char *t = k.bytes.data;
        /* RFC 8428 §4.4: a label ending in '_' must be understood. */
        if (k.bytes.len > 0 && t[k.bytes.len - 1] == '_') {
            return LWC_ERR_MALFORMED;
        }
        *skip = true;
    } else {
        return LWC_ERR_MALFORMED;
    }
    return LWC_OK;
}

static int read_record(lwci_cbor_reader_t *r, lwci_cbor_scratch_t *sc,
                       record_t *rec)
{
    lwci_cbor_item_t m;
    int rc = lwci_cbor_read(r, &m);
    if (rc != LWC_OK) {
        return rc;
    }
    if (m.type != LWCI_CBOR_T_MAP) {
        return LWC_ERR_MALFORMED;
    }
    memset(rec, 0, sizeof(*rec));
    /* Each pair takes at least two bytes: the loop ends with the input. */
    for (uint64_t i = 0; m.indefinite || i < m.arg; i++) {
        lwci_cbor_item_t k;
        int label = 0;
        bool skip;
        rc = lwci_cbor_peek(r, &k);
        if (rc == LWC_OK && k.type == LWCI_CBOR_T_BREAK && m.indefinite) {
            r->pos++;
            return LWC_OK;
        }
        rc = rc == LWC_OK ? read_label(r, sc, &label, &skip) : rc;
        if (rc == LWC_OK && skip) {
            rc = lwci_cbor_skip(r);
        } else if (rc == LWC_OK) {
            if (rec->seen & LABEL_BIT(label)) {
                return LWC_ERR_MALFORMED; /* duplicate label */
            }
            rec->seen |= LABEL_BIT(label);
            rc = read_field(r, sc, label, rec);
        }
        if (rc != LWC_OK) {
            return rc;
        }
    }
    return LWC_OK;
}

/* Turn a complete record into an entry (its name resolved by
 * senml_name.h's rule against the request path); updates the base name. */
static int make_entry(senml_state_t *st, const lwc_path_t *base,
                      const record_t *rec, lwci_io_entry_t *out)
{
    lwc_path_t bn = st->bn;
    if ((rec->seen & LABEL_BIT(LWCI_SENML_BN)) &&
        lwci_senml_bn_from_text(rec->bn, rec->bn_len, &bn) != LWC_OK) {
        return LWC_ERR_MALFORMED;
    }
    memset(out, 0, sizeof(*out));
    if (lwci_senml_name_resolve(&bn, rec->n, rec->n_len, base, &out->path) !=
            LWC_OK ||
        (rec->has_v && out->path.len < 3)) {
        return LWC_ERR_MALFORMED;
    }
    out->kind = rec->has_v ? LWCI_IO_TYPED : LWCI_IO_NONE;
    if (rec->has_v) {
        out->value = rec->v;
    } else {
        out->value.type = LWC_TYPE_NONE;
    }
    st->bn = bn;
    return LWC_OK;
}

/* Array head, after an optional self-described CBOR tag. */
static int read_array_head(lwci_cbor_reader_t *r, senml_state_t *st)
{
    lwci_cbor_reader_t tmp = *r;
    lwci_cbor_item_t it;
    int rc = lwci_cbor_read_described(&tmp, &it);
    if (rc != LWC_OK) {
        return rc;
    }
    if (it.type != LWCI_CBOR_T_ARRAY || it.arg > UINT32_MAX) {
        return LWC_ERR_MALFORMED;
    }
    st->flags |= F_STARTED | (it.indefinite ? F_INDEF : 0u);
    st->left = (uint32_t)it.arg;
    *r = tmp;
    return LWC_OK;
}

/* Has the array ended? Consumes the break of an indefinite one. */
static int at_end(lwci_cbor_reader_t *r, senml_state_t *st, bool *end)
{
    lwci_cbor_item_t it;
    *end = (st->flags & F_DONE) != 0;
    if (!*end && !(st->flags & F_INDEF)) {
        *end = st->left == 0;
    } else if (!*end) {
        int rc = lwci_cbor_peek(r, &it);
        if (rc != LWC_OK) {
            return rc;
        }
        *end = it.type == LWCI_CBOR_T_BREAK;
        r->pos += *end ? 1 : 0;
    }
    if (*end) {
        st->flags |= F_DONE;
    }
    return LWC_OK;
}

static int next_record(void *state, lwci_cbor_reader_t *r,
                       lwci_cbor_scratch_t *sc, bool last, lwci_io_entry_t *out)
{
    step_ctx_t *ctx = state;
    senml_state_t *st = &ctx->st;
    record_t rec;
    bool end;
    int rc = LWC_OK;

    if (!(st->flags & F_STARTED)) {
        rc = read_array_head(r, st);
    }
    if (rc == LWC_OK) {
        rc = at_end(r, st, &end);
    }
    if (rc != LWC_OK) {
        return rc;
    }
    if (end) {
        if (r->pos < r->len) {
            return LWC_ERR_MALFORMED; /* bytes after the pack */
        }
        return last ? LWC_ERR_NOT_FOUND : LWC_ERR_WOULD_BLOCK;
    }
    size_t start = r->pos;
    rc = read_record(r, sc, &rec);
    if (rc == LWC_OK) {
        rc = make_entry(st, ctx->base, &rec, out);
    }
    if (rc != LWC_OK) {
        r->pos = start;
        return rc;
    }
    if (!(st->flags & F_INDEF)) {
        st->left--;
    }
    return LWC_OK;
}

/* lwci_cbor_dec_next() copies the state (the context's first member) in
 * and out; the request path rides along behind it. */
static int dec_next(lwci_io_decoder_t *d, const uint8_t *buf, size_t len,
                    bool last, lwci_io_entry_t *out, size_t *consumed)
{
    step_ctx_t ctx = {.base = d ? &d->base : NULL};
    return lwci_cbor_dec_next(d, buf, len, last, out, consumed, next_record,
                              &ctx, sizeof(ctx.st));
}

const lwci_io_decoder_ops_t lwci_io_senml_cbor_decoder = {
    .format = LWC_FORMAT_SENML_CBOR,
    .begin = lwci_cbor_dec_begin, /* zeroed state: no base name */
    .next = dec_next,
};
