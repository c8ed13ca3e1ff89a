/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * OMA TLV on the streaming contract (src/io/io.h): the specification's
 * examples produced by the tree walk and decoded entry by entry, a large
 * Read served in every block size and reassembled byte for byte, the
 * decoder resumed at every chunk boundary, and malformed payloads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "dm/dm.h"
#include "dm/spec_device_tlv.h" /* spec_device: Read /3/0 in TLV (§7.4.3.1) */
#include "dm/walk.h"
#include "io/tlv.h"
#include "support/dm_fixture.h"

/* §7.4.3.2 example B: Read /2 of two Access Control instances, with a
 * 16-bit resource instance ID (310). */
static const uint8_t spec_acl[38] = {
    0x08, 0x00, 0x0E, 0xC1, 0x00, 0x01, 0xC1, 0x01, 0x00, 0x83,
    0x02, 0x41, 0x7F, 0x07, 0xC1, 0x03, 0x7F, 0x08, 0x02, 0x12,
    0xC1, 0x00, 0x03, 0xC1, 0x01, 0x00, 0x87, 0x02, 0x41, 0x7F,
    0x07, 0x61, 0x01, 0x36, 0x01, 0xC1, 0x03, 0x7F};

/* ---- Objects served from a table of values ----------------------------- */

typedef struct {
    uint16_t iid, rid, riid; /* riid LWC_ID_NONE for a single resource */
    lwc_value_t v;
} cell_t;

typedef struct {
    const cell_t *cells;
    size_t n;
} table_t;

#define S(s)                                                                   \
    {                                                                          \
        .type = LWC_TYPE_STRING, .bytes = { s, sizeof(s) - 1 }                 \
    }
#define I(x)                                                                   \
    {                                                                          \
        .type = LWC_TYPE_INT, .i = (x)                                         \
    }
#define NONE LWC_ID_NONE

static int tb_list(void *ctx, lwc_dm_list_t *list)
{
    const table_t *t = ctx;
    for (size_t k = 0; k < t->n; k++) {
        lwc_dm_list_add(list, t->cells[k].iid);
    }
    return LWC_OK;
}

static int tb_list_ri(void *ctx, uint16_t iid, uint16_t rid,
                      lwc_dm_list_t *list)
{
    const table_t *t = ctx;
    bool any = false;
    for (size_t k = 0; k < t->n; k++) {
        if (t->cells[k].iid == iid && t->cells[k].rid == rid) {
            lwc_dm_list_add(list, t->cells[k].riid);
            any = true;
        }
    }
    return any ? LWC_OK : LWC_ERR_NOT_FOUND;
}

static int tb_read(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                   lwc_value_t *out)
{
    const table_t *t = ctx;
    for (size_t k = 0; k < t->n; k++) {
        const cell_t *c = &t->cells[k];
        if (c->iid == iid && c->rid == rid && c->riid == riid) {
            *out = c->v;
            return LWC_OK;
        }
    }
    return LWC_ERR_NOT_FOUND;
}

static const lwc_object_handlers_t tb_handlers = {
    .list_instances = tb_list,
    .list_resource_instances = tb_list_ri,
    .read = tb_read,
    .write = dmf_write_ok, /* support/dm_fixture.h */
    .execute = dmf_execute_ok,
};

/* Device (3) as in the example (dmf_device_object() of
 * support/dm_fixture.h); 15 (Timezone) is absent. */
static const cell_t dev_cells[] = {
    {0, 0, NONE, S("Open Mobile Alliance")},
    {0, 1, NONE, S("Lightweight M2M Client")},
    {0, 2, NONE, S("345000123")},
    {0, 3, NONE, S("1.0")},
    {0, 6, 1, I(5)}, /* listed out of order: the walk sorts */
    {0, 6, 0, I(1)},
    {0, 7, 0, I(3800)},
    {0, 7, 1, I(5000)},
    {0, 8, 0, I(125)},
    {0, 8, 1, I(900)},
    {0, 9, NONE, I(100)},
    {0, 10, NONE, I(15)},
    {0, 11, 0, I(0)},
    {0, 13, NONE, {.type = LWC_TYPE_TIME, .t = 1367491215}},
    {0, 14, NONE, S("+02:00")},
    {0, 16, NONE, S("U")},
};

static table_t dev_table = {dev_cells,
                            sizeof(dev_cells) / sizeof(dev_cells[0])};

/* Access Control (2) as in the example. */
static const lwc_resource_def_t acl_res[] = {
    {.rid = 0, .type = LWC_TYPE_INT, .ops = LWC_OP_R},
    {.rid = 1, .type = LWC_TYPE_INT, .ops = LWC_OP_R},
    {.rid = 2, .type = LWC_TYPE_INT, .ops = LWC_OP_RW, .multiple = true},
    {.rid = 3, .type = LWC_TYPE_INT, .ops = LWC_OP_RW},
};

static const cell_t acl_cells[] = {
    {2, 0, NONE, I(3)}, {2, 1, NONE, I(0)},   {2, 2, 310, I(1)},
    {2, 2, 127, I(7)},  {2, 3, NONE, I(127)}, {0, 0, NONE, I(1)},
    {0, 1, NONE, I(0)}, {0, 2, 127, I(7)},    {0, 3, NONE, I(127)},
};

static table_t acl_table = {acl_cells,
                            sizeof(acl_cells) / sizeof(acl_cells[0])};

static const lwc_object_t acl_obj = {.oid = 2,
                                     .resources = acl_res,
                                     .resource_count = 4,
                                     .handlers = &tb_handlers,
                                     .user_ctx = &acl_table};

/* ---- A large object, computed ------------------------------------------- */

#define BIG_OID       5000
#define BIG_INSTANCES 30

typedef struct {
    uint8_t blob[300];
    bool flag;
} big_state_t;

static const char letters[] =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

static const lwc_resource_def_t big_res[] = {
    {.rid = 0, .type = LWC_TYPE_STRING, .ops = LWC_OP_R},
    {.rid = 1, .type = LWC_TYPE_INT, .ops = LWC_OP_R, .multiple = true},
    {.rid = 2, .type = LWC_TYPE_FLOAT, .ops = LWC_OP_R},
    {.rid = 3, .type = LWC_TYPE_OPAQUE, .ops = LWC_OP_R},
    {.rid = 4, .type = LWC_TYPE_BOOL, .ops = LWC_OP_R},
    {.rid = 300, .type = LWC_TYPE_OBJLNK, .ops = LWC_OP_R},
};

static int big_list(void *ctx, lwc_dm_list_t *list)
{
    (void)ctx;
    for (uint16_t i = 0; i < BIG_INSTANCES; i++) {
        lwc_dm_list_add(list, (uint16_t)(i * 3));
    }
    return LWC_OK;
}

static int big_list_ri(void *ctx, uint16_t iid, uint16_t rid,
                       lwc_dm_list_t *list)
{
    (void)ctx;
    (void)iid;
    (void)rid;
    for (uint16_t k = 0; k < 12; k++) {
        lwc_dm_list_add(list, (uint16_t)(k * 40));
    }
    return LWC_OK;
}

static int big_read(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                    lwc_value_t *out)
{
    big_state_t *s = ctx;
    switch (rid) {
    case 0:
        out->bytes.data = letters;
        out->bytes.len = 5u + iid % 40u;
        return LWC_OK;
    case 1:
        out->i = ((int64_t)1 << (riid / 40 * 5)) * (iid % 2 ? -1 : 1);
        return LWC_OK;
    case 2:
        out->f = iid + (iid % 2 ? 0.25 : 0.1);
        return LWC_OK;
    case 3:
        if (iid != 21) {
            return LWC_ERR_NOT_FOUND;
        }
        *out = lwc_value_opaque(s->blob, sizeof(s->blob));
        return LWC_OK;
    case 4:
        out->b = s->flag;
        return LWC_OK;
    default:
        *out = lwc_value_objlnk(3, iid);
        return LWC_OK;
    }
}

static const lwc_object_handlers_t big_handlers = {
    .list_instances = big_list,
    .list_resource_instances = big_list_ri,
    .read = big_read,
};

/* ---- Fixture ------------------------------------------------------------ */

typedef struct {
    lwci_dm_t dm;
    big_state_t big;
    lwc_object_t dev_obj, big_obj;
    uint8_t whole[16384];
    uint8_t joined[16384];
    uint8_t block[1024];
} fx_t;

static int setup(void **state)
{
    static fx_t f;
    memset(&f, 0, sizeof(f));
    for (size_t k = 0; k < sizeof(f.big.blob); k++) {
        f.big.blob[k] = (uint8_t)(k * 7);
    }
    f.big_obj = (lwc_object_t){.oid = BIG_OID,
                               .resources = big_res,
                               .resource_count = 6,
                               .handlers = &big_handlers,
                               .user_ctx = &f.big};
    f.dev_obj = dmf_device_object(&tb_handlers, &dev_table);
    lwci_dm_init(&f.dm, NULL);
    assert_int_equal(lwci_dm_add_object(&f.dm, &f.dev_obj), LWC_OK);
    assert_int_equal(lwci_dm_add_object(&f.dm, &acl_obj), LWC_OK);
    assert_int_equal(lwci_dm_add_object(&f.dm, &f.big_obj), LWC_OK);
    *state = &f;
    return 0;
}

/* A Read through the data model with this Accept (-1: none), optionally
 * one block of it. */
static lwci_dm_response_t read_as(fx_t *f, const lwc_path_t *p, int32_t accept,
                                  size_t offset, size_t size, uint8_t *out,
                                  size_t cap)
{
    lwci_dm_request_t r = {.op = LWCI_DM_OP_READ,
                           .path = *p,
                           .content_format = -1,
                           .accept = accept,
                           .block_offset = offset,
                           .block_size = size};
    lwci_dm_response_t resp;
    lwci_dm_handle(&f->dm, &r, out, cap, &resp);
    return resp;
}

/* A Read asking for TLV (hierarchical reads default to SenML CBOR). */
static lwci_dm_response_t read_block(fx_t *f, const lwc_path_t *p,
                                     size_t offset, size_t size, uint8_t *out,
                                     size_t cap)
{
    return read_as(f, p, LWC_FORMAT_TLV, offset, size, out, cap);
}

/* ---- Encoding ----------------------------------------------------------- */

static void spec_examples_from_the_walk(void **state)
{
    fx_t *f = *state;
    lwci_dm_response_t r =
        read_block(f, &LWC_PATH(3, 0), 0, 0, f->whole, sizeof(f->whole));
    assert_int_equal(r.code, LWC_COAP_CONTENT);
    assert_int_equal(r.content_format, LWC_FORMAT_TLV);
    assert_int_equal(r.payload_len, sizeof(spec_device));
    assert_memory_equal(f->whole, spec_device, sizeof(spec_device));
    assert_int_equal(r.total_len, sizeof(spec_device));
    assert_false(r.more);

    r = read_block(f, &LWC_PATH(2), 0, 0, f->whole, sizeof(f->whole));
    assert_int_equal(r.code, LWC_COAP_CONTENT);
    assert_int_equal(r.payload_len, sizeof(spec_acl));
    assert_memory_equal(f->whole, spec_acl, sizeof(spec_acl));

    /* The Device example in 16-byte blocks. */
    size_t n = 0;
    for (size_t off = 0; off < sizeof(spec_device); off += 16) {
        r = read_block(f, &LWC_PATH(3, 0), off, 16, f->block, 16);
        assert_int_equal(r.code, LWC_COAP_CONTENT);
        memcpy(f->joined + n, f->block, r.payload_len);
        n += r.payload_len;
        assert_int_equal(r.more, off + 16 < sizeof(spec_device));
    }
    assert_int_equal(n, sizeof(spec_device));
    assert_memory_equal(f->joined, spec_device, n);
}

/*
 * The large object read whole, then in every block size from 16 to 1024:
 * the blocks join to the same bytes, `more` is set on all but the last,
 * every block carries the whole payload's size and hash, and the block
 * after the last is 4.02.
 */
static lwci_dm_response_t reassemble(fx_t *f, int32_t accept, int32_t want_cf)
{
    const lwc_path_t p = LWC_PATH(BIG_OID);
    lwci_dm_response_t whole =
        read_as(f, &p, accept, 0, 0, f->whole, sizeof(f->whole));
    assert_int_equal(whole.code, LWC_COAP_CONTENT);
    assert_int_equal(whole.content_format, want_cf);
    assert_true(whole.payload_len > 3000);
    assert_int_equal(whole.total_len, whole.payload_len);
    for (size_t size = 16; size <= 1024; size *= 2) {
        size_t n = 0, off = 0;
        for (size_t guard = 0; guard <= whole.total_len / size + 1; guard++) {
            lwci_dm_response_t r =
                read_as(f, &p, accept, off, size, f->block, size);
            if (off >= whole.total_len) {
                assert_int_equal(r.code, LWC_COAP_BAD_OPTION);
                assert_int_equal(r.payload_len, 0);
                break;
            }
            assert_int_equal(r.code, LWC_COAP_CONTENT);
            assert_int_equal(r.content_format, want_cf);
            assert_int_equal(r.total_len, whole.total_len);
            assert_int_equal(r.etag, whole.etag);
            assert_int_equal(r.more, off + size < whole.total_len);
            assert_int_equal(r.payload_len,
                             r.more ? size : whole.total_len - off);
            memcpy(f->joined + n, f->block, r.payload_len);
            n += r.payload_len;
            off += size;
        }
        assert_int_equal(n, whole.total_len);
        assert_memory_equal(f->joined, f->whole, n);
    }
    return whole;
}

static void every_block_size_reassembles(void **state)
{
    fx_t *f = *state;
    const lwc_path_t p = LWC_PATH(BIG_OID);
    /* The default format of a hierarchical read (SenML CBOR) streams
     * block-wise the same way. */
    reassemble(f, -1, LWC_FORMAT_SENML_CBOR);
    lwci_dm_response_t whole = reassemble(f, LWC_FORMAT_TLV, LWC_FORMAT_TLV);
    /* Another value: another hash. */
    f->big.flag = true;
    lwci_dm_response_t r = read_block(f, &p, 0, 64, f->block, 64);
    assert_int_equal(r.total_len, whole.total_len);
    assert_true(r.etag != whole.etag);
}

/* Without a block size, a payload larger than the buffer is 4.13 with its
 * size, so that the core can ask again block-wise. */
static void too_large_says_how_large(void **state)
{
    fx_t *f = *state;
    lwci_dm_response_t r =
        read_block(f, &LWC_PATH(BIG_OID), 0, 0, f->block, sizeof(f->block));
    assert_int_equal(r.code, LWC_COAP_REQUEST_ENTITY_TOO_LARGE);
    assert_true(r.more);
    assert_true(r.total_len > sizeof(f->block));
    assert_int_equal(r.payload_len, 0);
    assert_int_equal(r.content_format, -1);
    /* Block 0 of a payload that fits is all of it. */
    r = read_as(f, &LWC_PATH(3, 0, 9), -1, 0, 16, f->block, 16);
    assert_int_equal(r.code, LWC_COAP_CONTENT);
    assert_int_equal(r.payload_len, 3);
    assert_false(r.more);
    assert_memory_equal(f->block, "100", 3);
    /* A block larger than the buffer is the caller's bug. */
    r = read_block(f, &LWC_PATH(3, 0), 0, 64, f->block, 32);
    assert_int_equal(r.code, LWC_COAP_INTERNAL_SERVER_ERROR);
}

/* The object instance entry of /5000/21 has a 2-byte length (the 300-byte
 * opaque), and the objlnk resource a 16-bit ID. */
static void long_entries(void **state)
{
    fx_t *f = *state;
    lwci_dm_response_t r = read_as(f, &LWC_PATH(BIG_OID, 21, 3), -1, 0, 0,
                                   f->whole, sizeof(f->whole));
    assert_int_equal(r.code, LWC_COAP_CONTENT);
    assert_int_equal(r.content_format, LWC_FORMAT_OPAQUE);
    r = read_block(f, &LWC_PATH(BIG_OID), 0, 0, f->whole, sizeof(f->whole));
    /* Walk the top-level entries to instance 21. */
    size_t pos = 0;
    lwci_tlv_entry_t e = {0};
    for (int k = 0; k < BIG_INSTANCES; k++) {
        size_t used;
        assert_int_equal(
            lwci_tlv_read(f->whole + pos, r.payload_len - pos, &e, &used),
            LWC_OK);
        assert_int_equal(e.type, LWCI_TLV_OBJECT_INSTANCE);
        assert_int_equal(e.id, k * 3);
        if (e.id == 21) {
            assert_int_equal(f->whole[pos] & 0x18, 0x10); /* 16-bit length */
            break;
        }
        pos += used;
    }
    assert_int_equal(e.id, 21);
    lwci_dm_request_t q = {.op = LWCI_DM_OP_READ,
                           .path = LWC_PATH(BIG_OID, 3, 300),
                           .content_format = -1,
                           .accept = LWC_FORMAT_TLV};
    lwci_dm_handle(&f->dm, &q, f->whole, 64, &r);
    assert_int_equal(r.code, LWC_COAP_CONTENT);
    assert_int_equal(r.payload_len, 7);
    assert_memory_equal(f->whole, "\xE4\x01\x2C\x00\x03\x00\x03", 7);
}

/* A measure hook that reports what the test says. */
static int fake_measure(void *ctx, const lwc_path_t *c, lwci_io_measure_t *out)
{
    (void)c;
    out->bytes = *(const size_t *)ctx;
    out->children = 1;
    return LWC_OK;
}

/* Lengths up to 2^24 - 1 take a 3-byte length field; beyond, no TLV. */
static void encoder_length_limits(void **state)
{
    (void)state;
    uint8_t buf[16];
    lwci_io_sink_t sink;
    size_t len = 0x123456;
    lwci_io_encoder_t e = {.ops = &lwci_io_tlv_encoder,
                           .sink = &sink,
                           .measure = fake_measure,
                           .measure_ctx = &len};
    lwci_io_sink_init(&sink, buf, sizeof(buf), 0);
    assert_int_equal(e.ops->begin(&e, &LWC_PATH(9)), LWC_OK);
    assert_int_equal(e.ops->open(&e, &LWC_PATH(9)), LWC_OK);
    assert_int_equal(lwci_io_sink_len(&sink), 0); /* objects have no entry */
    assert_int_equal(e.ops->open(&e, &LWC_PATH(9, 300)), LWC_OK);
    assert_int_equal(lwci_io_sink_len(&sink), 6);
    assert_memory_equal(buf, "\x38\x01\x2C\x12\x34\x56", 6);
    len = 0x1000000;
    assert_int_equal(e.ops->open(&e, &LWC_PATH(9, 300, 1)), LWC_ERR_TOO_LARGE);
    /* Without the walker's hook, containers cannot be sized. */
    e.measure = NULL;
    assert_int_equal(e.ops->open(&e, &LWC_PATH(9, 1, 1)), LWC_ERR_INTERNAL);
    lwc_value_t none = {.type = LWC_TYPE_NONE};
    assert_int_equal(e.ops->value(&e, &LWC_PATH(9, 1, 1), &none),
                     LWC_ERR_UNSUPPORTED);
    assert_int_equal(e.ops->value(&e, &LWC_PATH(9, 1), &none),
                     LWC_ERR_INVALID_ARG);
}

/* ---- Decoding ----------------------------------------------------------- */

typedef struct {
    lwc_path_t path;
    uint8_t kind;
    uint8_t raw[32];
    size_t raw_len;
} got_t;

typedef struct {
    const char *path;
    const char *raw;
    size_t raw_len;
    uint8_t kind;
} want_t;

/*
 * Decode `p` cut into chunks at `cuts`, as a Block1 receiver would: the
 * unconsumed tail joined with the next chunk. Returns the entries; *end
 * gets the final code (LWC_ERR_NOT_FOUND for a clean end).
 */
static size_t decode_chunks(const lwc_path_t *base, const uint8_t *p,
                            size_t len, const size_t *cuts, size_t ncuts,
                            got_t *out, size_t max, int *end)
{
    lwci_io_decoder_t d = {.ops = &lwci_io_tlv_decoder};
    uint8_t work[256];
    size_t have = 0, fed = 0, n = 0;
    assert_int_equal(d.ops->begin(&d, base), LWC_OK);
    for (size_t c = 0; c <= ncuts; c++) {
        size_t upto = c < ncuts ? cuts[c] : len;
        memcpy(work + have, p + fed, upto - fed);
        have += upto - fed;
        fed = upto;
        for (size_t guard = 0; guard < 300; guard++) {
            lwci_io_entry_t e;
            size_t used = 0;
            int rc = d.ops->next(&d, work, have, c == ncuts, &e, &used);
            assert_true(used <= have);
            if (rc == LWC_OK) {
                assert_true(n < max && e.raw_len <= sizeof(out[n].raw));
                out[n] = (got_t){
                    .path = e.path, .kind = e.kind, .raw_len = e.raw_len};
                if (e.kind == LWCI_IO_RAW && e.raw_len) {
                    memcpy(out[n].raw, e.raw, e.raw_len);
                }
                n++;
            }
            memmove(work, work + used, have - used);
            have -= used;
            if (rc == LWC_ERR_WOULD_BLOCK) {
                assert_true(c < ncuts);
                break;
            }
            if (rc != LWC_OK) {
                *end = rc;
                return n;
            }
        }
    }
    *end = LWC_ERR_INTERNAL; /* never reached the end */
    return n;
}

static void expect_entries(const got_t *got, size_t n, const want_t *want,
                           size_t nwant)
{
    assert_int_equal(n, nwant);
    for (size_t k = 0; k < n; k++) {
        char b[LWC_PATH_STR_MAX];
        lwc_path_format(&got[k].path, b, sizeof(b), NULL);
        if (strcmp(b, want[k].path) != 0) {
            fail_msg("entry %zu: path %s, want %s", k, b, want[k].path);
        }
        assert_int_equal(got[k].kind, want[k].kind);
        assert_int_equal(got[k].raw_len, want[k].raw_len);
        assert_memory_equal(got[k].raw, want[k].raw, want[k].raw_len);
    }
}

#define W(p, r)                                                                \
    {                                                                          \
        p, r, sizeof(r) - 1, LWCI_IO_RAW                                       \
    }

static const want_t dev_want[] = {
    W("/3/0/0", "Open Mobile Alliance"),
    W("/3/0/1", "Lightweight M2M Client"),
    W("/3/0/2", "345000123"),
    W("/3/0/3", "1.0"),
    W("/3/0/6/0", "\x01"),
    W("/3/0/6/1", "\x05"),
    W("/3/0/7/0", "\x0E\xD8"),
    W("/3/0/7/1", "\x13\x88"),
    W("/3/0/8/0", "\x7D"),
    W("/3/0/8/1", "\x03\x84"),
    W("/3/0/9", "\x64"),
    W("/3/0/10", "\x0F"),
    W("/3/0/11/0", "\x00"),
    W("/3/0/13", "\x51\x82\x42\x8F"),
    W("/3/0/14", "+02:00"),
    W("/3/0/16", "U"),
};

static const want_t acl_want[] = {
    W("/2/0/0", "\x01"),     W("/2/0/1", "\x00"),     W("/2/0/2/127", "\x07"),
    W("/2/0/3", "\x7F"),     W("/2/2/0", "\x03"),     W("/2/2/1", "\x00"),
    W("/2/2/2/127", "\x07"), W("/2/2/2/310", "\x01"), W("/2/2/3", "\x7F"),
};

/* Both examples, whole and cut at every byte (and every pair of bytes for
 * the nested one): always the same entries. */
static void decodes_examples_in_any_chunks(void **state)
{
    (void)state;
    got_t got[20];
    int end;
    size_t n = decode_chunks(&LWC_PATH(3, 0), spec_device, sizeof(spec_device),
                             NULL, 0, got, 20, &end);
    assert_int_equal(end, LWC_ERR_NOT_FOUND);
    expect_entries(got, n, dev_want, 16);
    for (size_t cut = 0; cut <= sizeof(spec_device); cut++) {
        n = decode_chunks(&LWC_PATH(3, 0), spec_device, sizeof(spec_device),
                          &cut, 1, got, 20, &end);
        assert_int_equal(end, LWC_ERR_NOT_FOUND);
        expect_entries(got, n, dev_want, 16);
    }
    for (size_t i = 0; i <= sizeof(spec_acl); i++) {
        for (size_t j = i; j <= sizeof(spec_acl); j++) {
            size_t cuts[2] = {i, j};
            n = decode_chunks(&LWC_PATH(2), spec_acl, sizeof(spec_acl), cuts, 2,
                              got, 20, &end);
            assert_int_equal(end, LWC_ERR_NOT_FOUND);
            expect_entries(got, n, acl_want, 9);
        }
    }
}

/* Empty containers are NONE entries; bare resources under an object base
 * have no instance ID yet; a wrapper may address the base instance. */
static void none_entries_and_bases(void **state)
{
    (void)state;
    got_t got[8];
    int end;
    static const uint8_t empty[] = {0x00, 0x05, 0x80, 0x07, 0x41, 0x00, 0x01};
    size_t n = decode_chunks(&LWC_PATH(9), empty, 2, NULL, 0, got, 8, &end);
    const want_t inst[] = {{"/9/5", "", 0, LWCI_IO_NONE}};
    assert_int_equal(end, LWC_ERR_NOT_FOUND);
    expect_entries(got, n, inst, 1);
    n = decode_chunks(&LWC_PATH(9, 5), empty + 2, 2, NULL, 0, got, 8, &end);
    const want_t mres[] = {{"/9/5/7", "", 0, LWCI_IO_NONE}};
    expect_entries(got, n, mres, 1);
    n = decode_chunks(&LWC_PATH(9, 5, 7), empty + 4, 3, NULL, 0, got, 8, &end);
    const want_t ri[] = {W("/9/5/7/0", "\x01")};
    expect_entries(got, n, ri, 1);

    static const uint8_t bare[] = {0xC1, 0x00, 0x2A};
    n = decode_chunks(&LWC_PATH(9), bare, 3, NULL, 0, got, 8, &end);
    assert_int_equal(n, 1);
    assert_int_equal(got[0].path.len, 3);
    assert_int_equal(got[0].path.ids[1], LWCI_TLV_NO_IID);

    static const uint8_t wrapped[] = {0x03, 0x05, 0xC1, 0x00, 0x2A};
    n = decode_chunks(&LWC_PATH(9, 5), wrapped, 5, NULL, 0, got, 8, &end);
    const want_t w5[] = {W("/9/5/0", "\x2A")};
    assert_int_equal(end, LWC_ERR_NOT_FOUND);
    expect_entries(got, n, w5, 1);
}

static void malformed_payloads(void **state)
{
    (void)state;
    const struct {
        const char *what;
        lwc_path_t base;
        const char *b;
        size_t n;
    } bad[] = {
        {"truncated value", LWC_PATH(9, 0), "\xC2\x00\x01", 3},
        {"truncated header", LWC_PATH(9, 0), "\xC1\x00\x01\xE8", 4},
        {"truncated container", LWC_PATH(9), "\x08\x00\x06\xC1\x00\x01", 6},
        {"child overruns its container", LWC_PATH(9),
         "\x03\x00\xC2\x00\x01\x02", 6},
        {"nested object instance", LWC_PATH(9), "\x05\x00\x03\x01\xC1\x00\x01",
         7},
        {"resource in a multiple resource", LWC_PATH(9, 0),
         "\x83\x06\xC1\x00\x01", 5},
        {"multiple in a multiple resource", LWC_PATH(9, 0),
         "\x85\x06\x83\x00\x41\x00\x01", 7},
        {"resource instance at top of an instance", LWC_PATH(9, 0),
         "\x41\x00\x01", 3},
        {"two wrappers of an instance", LWC_PATH(9, 0),
         "\x03\x00\xC1\x00\x01\x03\x00\xC1\x00\x01", 10},
        {"wrapper after a bare resource", LWC_PATH(9),
         "\xC1\x00\x01\x03\x00\xC1\x00\x01", 8},
        {"bare resource after a wrapper", LWC_PATH(9),
         "\x03\x00\xC1\x00\x01\xC1\x00\x01", 8},
        {"wrapper under a resource", LWC_PATH(9, 0, 1), "\x03\x00\xC1\x01\x01",
         5},
        {"resource under a resource instance", LWC_PATH(9, 0, 1, 2),
         "\xC1\x01\x01", 3},
        {"reserved ID 65535", LWC_PATH(9, 0), "\xE1\xFF\xFF\x01", 4},
        {"no object in the base", LWC_PATH_ROOT, "\xC1\x00\x01", 3},
    };
    for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
        got_t got[8];
        int end = LWC_OK;
        decode_chunks(&bad[k].base, (const uint8_t *)bad[k].b, bad[k].n, NULL,
                      0, got, 8, &end);
        if (end != LWC_ERR_MALFORMED) {
            fail_msg("%s: ended with %d", bad[k].what, end);
        }
    }
    /* Two object instances under an object base are fine. */
    got_t got[8];
    int end;
    size_t n = decode_chunks(&LWC_PATH(9),
                             (const uint8_t *)"\x03\x00\xC1\x00\x01"
                                              "\x03\x01\xC1\x00\x02",
                             10, NULL, 0, got, 8, &end);
    assert_int_equal(end, LWC_ERR_NOT_FOUND);
    assert_int_equal(n, 2);
    assert_int_equal(got[1].path.ids[1], 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(spec_examples_from_the_walk, setup),
        cmocka_unit_test_setup(every_block_size_reassembles, setup),
        cmocka_unit_test_setup(too_large_says_how_large, setup),
        cmocka_unit_test_setup(long_entries, setup),
        cmocka_unit_test(encoder_length_limits),
        cmocka_unit_test(decodes_examples_in_any_chunks),
        cmocka_unit_test(none_entries_and_bases),
        cmocka_unit_test(malformed_payloads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
