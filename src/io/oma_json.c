/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* OMA LwM2M JSON (11543): LwM2M 1.0 §6.4.4, 1.1 Core §7.4.5. */
#include "io/oma_json.h"

#include <string.h>

#include "io/base64.h"
#include "io/json.h"
#include "io/senml_json.h"

/* ---- Encoder --------------------------------------------------------------
 */

static const lwci_senml_keys_t oma_keys = {
    .num = "v",
    .str = "sv",
    .boolean = "bv",
    .opaque = "sv", /* standard base64 with padding */
    .objlnk = "ov",
    .opaque_b64 = 0,
};

static int enc_begin(lwci_io_encoder_t *e, const lwc_path_t *base)
{
    return lwci_senml_enc_begin(e, base, '{');
}

/* "bn" waits for the first value: only then is it known whether the
 * payload is a single value at the base path (no trailing '/'). */
static void put_header(lwci_io_encoder_t *e, bool slash)
{
    lwci_json_put_lit(e->sink, "\"bn\":");
    lwci_senml_put_path(e->sink, &e->base, 0, true, slash);
    lwci_json_put_lit(e->sink, ",\"e\":[");
}

static int enc_value(lwci_io_encoder_t *e, const lwc_path_t *path,
                     const lwc_value_t *v)
{
    bool deeper;
    int rc = lwci_senml_enc_check(e, path, v, &deeper);
    if (rc != LWC_OK) {
        return rc;
    }
    bool first = e->st.senml.first;
    if (first) {
        put_header(e, deeper);
    } else {
        lwci_io_put_byte(e->sink, ',');
    }
    lwci_io_put_byte(e->sink, '{');
    if (deeper) {
        lwci_json_put_lit(e->sink, "\"n\":");
        lwci_senml_put_path(e->sink, path, e->base.len, false, false);
        lwci_io_put_byte(e->sink, ',');
    }
    lwci_senml_put_value(e->sink, v, &oma_keys);
    lwci_io_put_byte(e->sink, '}');
    e->st.senml.first = false;
    return LWC_OK;
}

static int enc_end(lwci_io_encoder_t *e)
{
    if (e->st.senml.first) {
        put_header(e, true);
    }
    lwci_json_put_lit(e->sink, "]}");
    return LWC_OK;
}

const lwci_io_encoder_ops_t lwci_io_oma_json_encoder = {
    .format = LWC_FORMAT_OMA_JSON,
    .begin = enc_begin,
    .open = lwci_senml_enc_container,
    .value = enc_value,
    .close = lwci_senml_enc_container,
    .end = enc_end,
};

/* ---- Decoder --------------------------------------------------------------
 */

/*
 * Position in the document, kept in st.senml:
 *   !in_array && !done   before "e":[ (the root object's head)
 *    in_array && !done   at an entry of "e"
 *    in_array &&  done   after "e"'s ']' (the rest of the root object)
 *   !in_array &&  done   after the root object
 */

enum { E_N, E_V, E_SV, E_BV, E_OV, E_T, E_COUNT };

static const char *const entry_names[E_COUNT] = {
    [E_N] = "n",   [E_V] = "v",   [E_SV] = "sv",
    [E_BV] = "bv", [E_OV] = "ov", [E_T] = "t",
};

typedef struct {
    lwci_json_str_t n;
    lwci_json_str_t str; /* sv or ov */
    lwci_json_num_t num; /* v */
    bool b;              /* bv */
    int value_field;     /* E_V .. E_OV, or -1 */
    uint8_t seen;
} entry_rec_t;

static int root_member(lwci_json_reader_t *r, const lwci_json_str_t *key,
                       lwc_path_t *bn, uint8_t *seen)
{
    lwci_json_str_t s;
    lwci_json_num_t num;
    int rc;
    if (lwci_json_str_eq(key, "bn") && !(*seen & 1u)) {
        *seen |= 1u;
        rc = lwci_json_read_string(r, &s);
        return rc != LWC_OK ? rc : lwci_senml_bn_parse(&s, bn);
    }
    if (lwci_json_str_eq(key, "bt") && !(*seen & 2u)) {
        *seen |= 2u;
        return lwci_json_read_number(r, &num);
    }
    return LWC_ERR_MALFORMED; /* unknown, repeated, or "bn" after "e" */
}

/* '{' and the members up to and including "e":[ (and its ']' if empty);
 * committed with *consumed. */
static int dec_head(lwci_io_decoder_t *d, lwci_json_reader_t *r,
                    size_t *consumed)
{
    lwc_path_t bn;
    uint8_t seen = 0;
    lwci_senml_bn_none(&bn);
    int rc = lwci_json_expect(r, '{');
    /* Each member consumes input: bounded by the buffer length. */
    while (rc == LWC_OK) {
        lwci_json_str_t key;
        bool empty;
        if ((rc = lwci_json_read_key(r, &key)) != LWC_OK) {
            break;
        }
        if (lwci_json_str_eq(&key, "e")) {
            rc = lwci_json_expect(r, '[');
            if (rc == LWC_OK) {
                rc = lwci_json_accept(r, ']', &empty);
            }
            if (rc == LWC_OK) {
                d->st.senml.base_name = bn;
                d->st.senml.in_array = true;
                d->st.senml.done = empty;
                *consumed = r->pos;
            }
            break;
        }
        rc = root_member(r, &key, &bn, &seen);
        if (rc == LWC_OK) {
            rc = lwci_json_expect(r, ','); /* "e" is still to come */
        }
    }
    return rc;
}

/* After "e": optional "bt" members, then the root object's '}'. */
static int dec_tail(lwci_io_decoder_t *d, lwci_json_reader_t *r,
                    size_t *consumed)
{
    for (;;) {
        bool more;
        lwci_json_str_t key;
        lwci_json_num_t num;
        int rc = lwci_json_accept(r, ',', &more);
        if (rc != LWC_OK) {
            return rc;
        }
        if (!more) {
            rc = lwci_json_expect(r, '}');
            if (rc == LWC_OK) {
                d->st.senml.in_array = false;
                *consumed = r->pos;
            }
            return rc;
        }
        if ((rc = lwci_json_read_key(r, &key)) != LWC_OK) {
            return rc;
        }
        if (!lwci_json_str_eq(&key, "bt")) {
            return LWC_ERR_MALFORMED;
        }
        if ((rc = lwci_json_read_number(r, &num)) != LWC_OK) {
            return rc;
        }
    }
}

static int read_member(lwci_json_reader_t *r, int f, entry_rec_t *rec)
{
    lwci_json_num_t ignored;
    if (f >= E_V && f <= E_OV) {
        if (rec->value_field >= 0) {
            return LWC_ERR_MALFORMED; /* one value per entry */
        }
        rec->value_field = f;
    }
    switch (f) {
    case E_N:
        return lwci_json_read_string(r, &rec->n);
    case E_V:
        return lwci_json_read_number(r, &rec->num);
    case E_SV:
    case E_OV:
        return lwci_json_read_string(r, &rec->str);
    case E_BV:
        return lwci_json_read_bool(r, &rec->b);
    default: /* t */
        return lwci_json_read_number(r, &ignored);
    }
}

static int parse_entry(lwci_json_reader_t *r, entry_rec_t *rec)
{
    memset(rec, 0, sizeof(*rec));
    rec->value_field = -1;
    int rc = lwci_json_expect(r, '{');
    /* Each member consumes input: bounded by the buffer length. */
    while (rc == LWC_OK) {
        lwci_json_str_t key;
        bool more;
        if ((rc = lwci_json_read_key(r, &key)) != LWC_OK) {
            return rc;
        }
        int f = -1;
        for (int i = 0; i < E_COUNT && f < 0; i++) {
            f = lwci_json_str_eq(&key, entry_names[i]) ? i : -1;
        }
        if (f < 0 || (rec->seen & (1u << f))) {
            return LWC_ERR_MALFORMED; /* unknown or repeated */
        }
        rec->seen |= (uint8_t)(1u << f);
        if ((rc = read_member(r, f, rec)) != LWC_OK ||
            (rc = lwci_json_end_element(r, '}', &more)) != LWC_OK || !more) {
            return rc;
        }
    }
    return rc;
}

/* An "sv" text may be Opaque in base64: decode it next to the string. */
static void sv_base64(lwci_io_decoder_t *d, const lwci_json_str_t *s,
                      lwci_io_entry_t *out)
{
    const char *text = out->value.bytes.data;
    size_t len = out->value.bytes.len;
    size_t used = s->escaped ? s->len : 0; /* scratch holding the string */
    uint8_t *dst = d->scratch ? d->scratch + used : NULL;
    size_t n = 0;
    int rc = lwci_b64_decode(text, len, dst, d->scratch_cap - used,
                             LWCI_B64_ANY, &n);
    out->raw = NULL;
    out->raw_len = 0;
    if (rc == LWC_OK) {
        out->raw = n ? dst : s->raw;
        out->raw_len = n;
    }
}

static int build_entry(lwci_io_decoder_t *d, const entry_rec_t *rec,
                       lwci_io_entry_t *out)
{
    memset(out, 0, sizeof(*out));
    int rc = lwci_senml_resolve(&d->st.senml.base_name,
                                (rec->seen & (1u << E_N)) ? &rec->n : NULL,
                                &d->base, &out->path);
    if (rc != LWC_OK) {
        return rc;
    }
    if (rec->value_field < 0 || out->path.len < 3) {
        return LWC_ERR_MALFORMED; /* every entry is a resource value */
    }
    out->kind = LWCI_IO_TYPED;
    switch (rec->value_field) {
    case E_V:
        return lwci_json_num_value(&rec->num, &out->value);
    case E_SV:
        rc = lwci_json_str_value(&rec->str, d->scratch, d->scratch_cap,
                                 &out->value);
        if (rc == LWC_OK) {
            sv_base64(d, &rec->str, out);
        }
        return rc;
    case E_BV:
        out->value = lwc_value_bool(rec->b);
        return LWC_OK;
    default:
        return lwci_json_str_objlnk(&rec->str, &out->value);
    }
}

static int dec_entry(lwci_io_decoder_t *d, lwci_json_reader_t *r,
                     lwci_io_entry_t *out, size_t *consumed)
{
    entry_rec_t rec;
    bool more = false;
    int rc = parse_entry(r, &rec);
    if (rc == LWC_OK) {
        rc = lwci_json_end_element(r, ']', &more);
    }
    if (rc == LWC_OK) {
        rc = build_entry(d, &rec, out);
    }
    if (rc == LWC_OK) {
        d->st.senml.done = !more;
        *consumed = r->pos;
    }
    return rc;
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
        (rc = dec_head(d, &r, consumed)) != LWC_OK) {
        return rc;
    }
    if (d->st.senml.in_array && !d->st.senml.done) {
        return dec_entry(d, &r, out, consumed);
    }
    if (d->st.senml.in_array && (rc = dec_tail(d, &r, consumed)) != LWC_OK) {
        return rc;
    }
    if (!lwci_json_at_end(&r)) {
        return LWC_ERR_MALFORMED;
    }
    *consumed = len;
    return last ? LWC_ERR_NOT_FOUND : LWC_ERR_WOULD_BLOCK;
}

const lwci_io_decoder_ops_t lwci_io_oma_json_decoder = {
    .format = LWC_FORMAT_OMA_JSON,
    .begin = lwci_senml_dec_begin,
    .next = dec_next,
};
