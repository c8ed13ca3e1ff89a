/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* SenML CBOR (RFC 8428 §6, LwM2M 1.1 Core §7.4): see senml_cbor.h. */
#include "io/senml_cbor.h"

#include <string.h>

#include "io/cbor.h"
#include "io/text.h"

/* RFC 8428 §4.4: a pack with a higher version must not be used. */
#define SENML_VERSION 10

/* Longest name built from bn and n: a path and a slack of separators. */
#define NAME_MAX_LEN 48

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

static int enc_begin(lwci_io_encoder_t *e, const lwc_path_t *base)
{
    if (!e || !e->sink || !lwc_path_is_valid(base)) {
        return LWC_ERR_INVALID_ARG;
    }
    e->base = *base;
    e->st.senml.first = true;
    lwci_cbor_put_indefinite(e->sink, LWCI_CBOR_MAJOR_ARRAY);
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
    lwci_cbor_put_break(e->sink);
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
    lwc_path_t bn; /* base name in force (F_BN) */
    uint32_t left; /* records left in a definite-length array */
    uint8_t flags;
} senml_state_t;

_Static_assert(sizeof(senml_state_t) <= sizeof(lwci_io_dec_state_t),
               "SenML CBOR decoder state must fit lwci_io_dec_state_t");

#define F_STARTED  0x01u /* array head read */
#define F_INDEF    0x02u /* indefinite-length array */
#define F_DONE     0x04u /* array closed */
#define F_BN       0x08u /* a base name is in force */
#define F_BN_SLASH 0x10u /* the base name ended with '/' */

/* Label bit in record_t.seen: labels -6..8 and "vlo". */
#define LABEL_VLO    9
#define LABEL_BIT(l) (1u << ((l) + 6))

typedef struct {
    const uint8_t *bn;
    size_t bn_len;
    const uint8_t *n;
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

/* A "bn" text as a path and whether it ended with '/'. */
static int parse_bn(const uint8_t *s, size_t len, senml_state_t *st)
{
    lwc_path_t p = LWC_PATH_ROOT;
    uint8_t flags = F_BN;

    if (len == 0) {
        st->flags &= (uint8_t) ~(F_BN | F_BN_SLASH);
        return LWC_OK;
    }
    if (s[len - 1] == '/') {
        flags |= F_BN_SLASH;
        len--;
    }
    if (len > 0 && lwc_path_parse((const char *)s, len, &p) != LWC_OK) {
        return LWC_ERR_MALFORMED;
    }
    st->bn = p;
    st->flags = (uint8_t)((st->flags & ~(F_BN | F_BN_SLASH)) | flags);
    return LWC_OK;
}

/* RFC 8428 §4.5.1: the name is the base name and the name concatenated. */
static int resolve_name(const senml_state_t *st, const record_t *rec,
                        lwc_path_t *out)
{
    char name[NAME_MAX_LEN];
    size_t len = 0;

    if (st->flags & F_BN) {
        lwc_path_format(&st->bn, name, sizeof(name), &len);
        if ((st->flags & F_BN_SLASH) && name[len - 1] != '/') {
            name[len++] = '/';
        }
    }
    if (rec->n_len > sizeof(name) - len) {
        return LWC_ERR_MALFORMED;
    }
    if (rec->n_len > 0) {
        memcpy(name + len, rec->n, rec->n_len);
        len += rec->n_len;
    }
    if (len == 0 || lwc_path_parse(name, len, out) != LWC_OK) {
        return LWC_ERR_MALFORMED;
    }
    return LWC_OK;
}

/* Turn a complete record into an entry; updates the base name. */
static int make_entry(senml_state_t *st, const record_t *rec,
                      lwci_io_entry_t *out)
{
    senml_state_t next = *st;
    if (rec->seen & LABEL_BIT(LWCI_SENML_BN)) {
        if (parse_bn(rec->bn, rec->bn_len, &next) != LWC_OK) {
            return LWC_ERR_MALFORMED;
        }
    }
    memset(out, 0, sizeof(*out));
    if (resolve_name(&next, rec, &out->path) != LWC_OK ||
        (rec->has_v && out->path.len < 3)) {
        return LWC_ERR_MALFORMED;
    }
    out->kind = rec->has_v ? LWCI_IO_TYPED : LWCI_IO_NONE;
    if (rec->has_v) {
        out->value = rec->v;
    } else {
        out->value.type = LWC_TYPE_NONE;
    }
    *st = next;
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
    senml_state_t *st = state;
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
        rc = make_entry(st, &rec, out);
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

static int dec_next(lwci_io_decoder_t *d, const uint8_t *buf, size_t len,
                    bool last, lwci_io_entry_t *out, size_t *consumed)
{
    senml_state_t st;
    return lwci_cbor_dec_next(d, buf, len, last, out, consumed, next_record,
                              &st, sizeof(st));
}

const lwci_io_decoder_ops_t lwci_io_senml_cbor_decoder = {
    .format = LWC_FORMAT_SENML_CBOR,
    .begin = lwci_cbor_dec_begin,
    .next = dec_next,
};
