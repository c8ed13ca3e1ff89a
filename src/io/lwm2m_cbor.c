/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* LwM2M CBOR (LwM2M 1.2 Core §7.4): see lwm2m_cbor.h. */
#include "io/lwm2m_cbor.h"

#include <string.h>

#include "io/cbor.h"

/* ---- Encoder ------------------------------------------------------------- */

/* The key of a container or value: its full path at the top level (where
 * nothing is open yet), its last ID inside an open container. */
static void put_key(lwci_io_encoder_t *e, const lwc_path_t *p)
{
    if (e->st.cbor.depth > 0 || p->len == 1) {
        lwci_cbor_put_uint(e->sink, p->ids[p->len - 1]);
        return;
    }
    lwci_cbor_put_head(e->sink, LWCI_CBOR_MAJOR_ARRAY, p->len);
    for (uint8_t i = 0; i < p->len; i++) {
        lwci_cbor_put_uint(e->sink, p->ids[i]);
    }
}

static bool path_ok(const lwci_io_encoder_t *e, const lwc_path_t *p)
{
    return lwc_path_is_valid(p) && p->len > 0 &&
           lwc_path_starts_with(p, &e->base);
}

static int enc_begin(lwci_io_encoder_t *e, const lwc_path_t *base)
{
    if (!e || !e->sink || !lwc_path_is_valid(base)) {
        return LWC_ERR_INVALID_ARG;
    }
    e->base = *base;
    e->st.cbor.depth = 0;
    lwci_cbor_put_indefinite(e->sink, LWCI_CBOR_MAJOR_MAP);
    return LWC_OK;
}

static int enc_open(lwci_io_encoder_t *e, const lwc_path_t *container)
{
    /* A resource instance holds no children. */
    if (!path_ok(e, container) || container->len > 3 || e->st.cbor.depth >= 3) {
        return LWC_ERR_INVALID_ARG;
    }
    put_key(e, container);
    lwci_cbor_put_indefinite(e->sink, LWCI_CBOR_MAJOR_MAP);
    e->st.cbor.depth++;
    return LWC_OK;
}

static int enc_value(lwci_io_encoder_t *e, const lwc_path_t *path,
                     const lwc_value_t *v)
{
    if (!path_ok(e, path)) {
        return LWC_ERR_INVALID_ARG;
    }
    int rc = lwci_cbor_check_value(v);
    if (rc != LWC_OK) {
        return rc;
    }
    put_key(e, path);
    return lwci_cbor_put_value(e->sink, v);
}

static int enc_close(lwci_io_encoder_t *e, const lwc_path_t *container)
{
    (void)container;
    if (e->st.cbor.depth == 0) {
        return LWC_ERR_STATE;
    }
    lwci_cbor_put_break(e->sink);
    e->st.cbor.depth--;
    return LWC_OK;
}

static int enc_end(lwci_io_encoder_t *e)
{
    /* Close what the walk left open, then the root map. */
    for (; e->st.cbor.depth > 0; e->st.cbor.depth--) {
        lwci_cbor_put_break(e->sink);
    }
    lwci_cbor_put_break(e->sink);
    return LWC_OK;
}

const lwci_io_encoder_ops_t lwci_io_lwm2m_cbor_encoder = {
    .format = LWC_FORMAT_LWM2M_CBOR,
    .begin = enc_begin,
    .open = enc_open,
    .value = enc_value,
    .close = enc_close,
    .end = enc_end,
};

/* ---- Decoder ------------------------------------------------------------- */

/*
 * State between entries, kept in the bytes of lwci_io_dec_state_t (io.h's
 * `cbor` member lacks the per-level indefinite flag, the prefix length of
 * each map and the last key; copied in and out, checked to fit below).
 * Maps open: the root plus at most 3, since every nested map adds at least
 * one ID and a map on a 4-ID path could hold nothing.
 */
#define MAX_MAPS 4

typedef struct {
    uint16_t ids[4];         /* the path of the current key at each level */
    uint16_t left[MAX_MAPS]; /* pairs left in each definite-length map */
    uint8_t lvl[MAX_MAPS];   /* LVL_* bits per open map */
    uint8_t depth;           /* open maps, the root included */
    uint8_t flags;
} lm_state_t;

_Static_assert(sizeof(lm_state_t) <= sizeof(lwci_io_dec_state_t),
               "LwM2M CBOR decoder state must fit lwci_io_dec_state_t");

#define LVL_PREFIX_MASK 0x07u /* IDs above this map's keys */
#define LVL_INDEF       0x08u /* indefinite-length map */
#define LVL_KEY_SHIFT   4     /* IDs in the last key read (0: none yet) */

#define F_STARTED 0x01u
#define F_DONE    0x02u

/* A key: one ID, or an array of 1..room IDs. */
static int read_key(lwci_cbor_reader_t *r, uint8_t room, uint16_t *key,
                    uint8_t *klen)
{
    lwci_cbor_item_t it, id;
    int rc = lwci_cbor_read(r, &it);
    if (rc != LWC_OK) {
        return rc;
    }
    if (it.type == LWCI_CBOR_T_UINT && it.arg <= LWC_ID_MAX) {
        key[0] = (uint16_t)it.arg;
        *klen = 1;
        return LWC_OK;
    }
    if (it.type != LWCI_CBOR_T_ARRAY ||
        (!it.indefinite && (it.arg == 0 || it.arg > room))) {
        return LWC_ERR_MALFORMED;
    }
    for (*klen = 0;; (*klen)++) {
        if (!it.indefinite && *klen == it.arg) {
            return LWC_OK;
        }
        rc = lwci_cbor_read(r, &id);
        if (rc != LWC_OK) {
            return rc;
        }
        if (id.type == LWCI_CBOR_T_BREAK && it.indefinite && *klen > 0) {
            return LWC_OK;
        }
        if (id.type != LWCI_CBOR_T_UINT || id.arg > LWC_ID_MAX ||
            *klen == room) {
            return LWC_ERR_MALFORMED;
        }
        key[*klen] = (uint16_t)id.arg;
    }
}

static void set_entry(const lm_state_t *w, uint8_t plen, uint8_t kind,
                      const lwc_value_t *v, lwci_io_entry_t *out)
{
    memset(out, 0, sizeof(*out));
    out->path.len = plen;
    memcpy(out->path.ids, w->ids, plen * sizeof(w->ids[0]));
    out->kind = kind;
    if (v) {
        out->value = *v;
    } else {
        out->value.type = LWC_TYPE_NONE;
    }
}

/* A map as the value of a key on a plen-ID path: open it, or report an
 * empty one as a path without content. */
static int open_map(lwci_cbor_reader_t *r, lm_state_t *w, uint8_t plen,
                    lwci_io_entry_t *out, bool *emitted)
{
    lwci_cbor_item_t it, next;
    int rc = lwci_cbor_read(r, &it);
    bool empty = !it.indefinite && it.arg == 0;

    if (rc == LWC_OK && it.indefinite) {
        rc = lwci_cbor_peek(r, &next);
        empty = rc == LWC_OK && next.type == LWCI_CBOR_T_BREAK;
        r->pos += empty ? 1 : 0;
    }
    if (rc != LWC_OK) {
        return rc;
    }
    if (plen >= 4 || it.arg > UINT16_MAX) {
        return LWC_ERR_MALFORMED; /* nothing lies below an instance */
    }
    if (empty) {
        set_entry(w, plen, LWCI_IO_NONE, NULL, out);
        *emitted = true;
        return LWC_OK;
    }
    w->lvl[w->depth] = (uint8_t)(plen | (it.indefinite ? LVL_INDEF : 0u));
    w->left[w->depth] = (uint16_t)it.arg;
    w->depth++;
    return LWC_OK;
}

/* One key and its value in the innermost open map. */
static int read_pair(lwci_cbor_reader_t *r, lwci_cbor_scratch_t *sc,
                     lm_state_t *w, lwci_io_entry_t *out, bool *emitted)
{
    uint8_t top = (uint8_t)(w->depth - 1);
    uint8_t prefix = w->lvl[top] & LVL_PREFIX_MASK;
    uint16_t key[4];
    uint8_t klen;
    lwci_cbor_item_t it;
    lwc_value_t v;

    int rc = read_key(r, (uint8_t)(4 - prefix), key, &klen);
    if (rc != LWC_OK) {
        return rc;
    }
    /* RFC 8949 §5.6: a map with the same key twice is not valid. */
    if ((w->lvl[top] >> LVL_KEY_SHIFT) == klen &&
        memcmp(&w->ids[prefix], key, klen * sizeof(key[0])) == 0) {
        return LWC_ERR_MALFORMED;
    }
    memcpy(&w->ids[prefix], key, klen * sizeof(key[0]));
    w->lvl[top] = (uint8_t)((w->lvl[top] & 0x0fu) | (klen << LVL_KEY_SHIFT));
    if (!(w->lvl[top] & LVL_INDEF)) {
        w->left[top]--;
    }
    uint8_t plen = (uint8_t)(prefix + klen);
    rc = lwci_cbor_peek(r, &it);
    if (rc == LWC_OK && it.type == LWCI_CBOR_T_MAP) {
        return open_map(r, w, plen, out, emitted);
    }
    rc = rc == LWC_OK ? lwci_cbor_read_value(r, sc, &v) : rc;
    if (rc != LWC_OK) {
        return rc;
    }
    if (v.type != LWC_TYPE_NONE && plen < 3) {
        return LWC_ERR_MALFORMED; /* values belong to resources */
    }
    set_entry(w, plen, v.type == LWC_TYPE_NONE ? LWCI_IO_NONE : LWCI_IO_TYPED,
              v.type == LWC_TYPE_NONE ? NULL : &v, out);
    *emitted = true;
    return LWC_OK;
}

/* Pop the innermost map when it has ended (consuming a break). */
static int close_ended(lwci_cbor_reader_t *r, lm_state_t *st, bool *closed)
{
    uint8_t top = (uint8_t)(st->depth - 1);
    lwci_cbor_item_t it;

    if (st->lvl[top] & LVL_INDEF) {
        int rc = lwci_cbor_peek(r, &it);
        if (rc != LWC_OK) {
            return rc;
        }
        *closed = it.type == LWCI_CBOR_T_BREAK;
        r->pos += *closed ? 1 : 0;
    } else {
        *closed = st->left[top] == 0;
    }
    if (*closed) {
        st->depth--;
    }
    return LWC_OK;
}

/* The root map head, after an optional self-described CBOR tag. */
static int read_root(lwci_cbor_reader_t *r, lm_state_t *st)
{
    lwci_cbor_reader_t tmp = *r;
    lwci_cbor_item_t it;
    int rc = lwci_cbor_read_described(&tmp, &it);
    if (rc != LWC_OK) {
        return rc;
    }
    if (it.type != LWCI_CBOR_T_MAP || it.arg > UINT16_MAX) {
        return LWC_ERR_MALFORMED;
    }
    st->lvl[0] = it.indefinite ? LVL_INDEF : 0u;
    st->left[0] = (uint16_t)it.arg;
    st->depth = 1;
    st->flags |= F_STARTED;
    *r = tmp;
    return LWC_OK;
}

static int next_entry(void *state, lwci_cbor_reader_t *r,
                      lwci_cbor_scratch_t *sc, bool last, lwci_io_entry_t *out)
{
    lm_state_t *st = state;
    int rc = (st->flags & F_STARTED) ? LWC_OK : read_root(r, st);

    /* Every turn consumes bytes or closes a map: bounded by the input. */
    while (rc == LWC_OK) {
        bool closed = false;
        bool emitted = false;
        if (st->depth == 0) {
            st->flags |= F_DONE;
            if (r->pos < r->len) {
                return LWC_ERR_MALFORMED; /* bytes after the root map */
            }
            return last ? LWC_ERR_NOT_FOUND : LWC_ERR_WOULD_BLOCK;
        }
        rc = close_ended(r, st, &closed);
        if (rc != LWC_OK || closed) {
            continue;
        }
        size_t start = r->pos;
        lm_state_t w = *st;
        rc = read_pair(r, sc, &w, out, &emitted);
        if (rc != LWC_OK) {
            r->pos = start;
            break;
        }
        *st = w;
        if (emitted) {
            return LWC_OK;
        }
    }
    return rc;
}

static int dec_next(lwci_io_decoder_t *d, const uint8_t *buf, size_t len,
                    bool last, lwci_io_entry_t *out, size_t *consumed)
{
    lm_state_t st;
    return lwci_cbor_dec_next(d, buf, len, last, out, consumed, next_entry, &st,
                              sizeof(st));
}

const lwci_io_decoder_ops_t lwci_io_lwm2m_cbor_decoder = {
    .format = LWC_FORMAT_LWM2M_CBOR,
    .begin = lwci_cbor_dec_begin,
    .next = dec_next,
};
