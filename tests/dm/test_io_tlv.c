/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * OMA TLV (LwM2M TS Core 1.1 §7.4.3, 1.0 §6.4.3): the specification's
 * example payloads decoded and re-encoded byte for byte, the shortest
 * header and integer forms, value codecs, and malformed input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "io/tlv.h"
#include "spec_device_tlv.h"

/* §7.4.3.2 "Multiple Object Instance Request Examples" B: Read /2 of two
 * Access Control instances (38 bytes), with a 16-bit resource instance ID
 * (310 = 0x0136). */
static const uint8_t spec_acl[38] = {
    0x08, 0x00, 0x0E, 0xC1, 0x00, 0x01, 0xC1, 0x01, 0x00, 0x83,
    0x02, 0x41, 0x7F, 0x07, 0xC1, 0x03, 0x7F, 0x08, 0x02, 0x12,
    0xC1, 0x00, 0x03, 0xC1, 0x01, 0x00, 0x87, 0x02, 0x41, 0x7F,
    0x07, 0x61, 0x01, 0x36, 0x01, 0xC1, 0x03, 0x7F};

typedef struct {
    uint8_t type;
    uint16_t id;
    size_t len;
    size_t offset; /* of the value within the buffer */
} flat_t;

/* Read every entry of buf at one level. */
static size_t read_all(const uint8_t *buf, size_t len, flat_t *out, size_t max)
{
    size_t n = 0, pos = 0;
    while (pos < len) {
        lwci_tlv_entry_t e;
        size_t used = 0;
        assert_int_equal(lwci_tlv_read(buf + pos, len - pos, &e, &used),
                         LWC_OK);
        assert_true(used > 0 && used <= len - pos);
        assert_true(n < max);
        out[n].type = e.type;
        out[n].id = e.id;
        out[n].len = e.len;
        out[n].offset = (size_t)(e.value - buf);
        n++;
        pos += used;
    }
    return n;
}

static void decodes_spec_device_instance(void **state)
{
    (void)state;
    flat_t e[16];
    size_t n = read_all(spec_device, sizeof(spec_device), e, 16);
    assert_int_equal(n, 13);
    static const uint16_t ids[13] = {0, 1,  2,  3,  6,  7, 8,
                                     9, 10, 11, 13, 14, 16};
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(e[i].id, ids[i]);
    }
    assert_int_equal(e[0].type, LWCI_TLV_RESOURCE);
    assert_int_equal(e[0].len, 20);
    assert_memory_equal(spec_device + e[0].offset, "Open Mobile Alliance", 20);
    assert_int_equal(e[4].type, LWCI_TLV_MULTIPLE_RESOURCE);

    /* 3/0/7 Power Source Voltage: 3800 and 5000 as 2-byte integers. */
    flat_t r[4];
    assert_int_equal(read_all(spec_device + e[5].offset, e[5].len, r, 4), 2);
    int64_t v;
    const uint8_t *base = spec_device + e[5].offset;
    assert_int_equal(r[1].type, LWCI_TLV_RESOURCE_INSTANCE);
    assert_int_equal(lwci_tlv_decode_int(base + r[0].offset, r[0].len, &v),
                     LWC_OK);
    assert_int_equal(v, 3800);
    assert_int_equal(lwci_tlv_decode_int(base + r[1].offset, r[1].len, &v),
                     LWC_OK);
    assert_int_equal(v, 5000);

    /* 3/0/13 Current Time 1367491215 in 4 bytes. */
    assert_int_equal(
        lwci_tlv_decode_time(spec_device + e[10].offset, e[10].len, &v),
        LWC_OK);
    assert_int_equal(v, 1367491215);
}

static void decodes_spec_access_control(void **state)
{
    (void)state;
    flat_t inst[4];
    assert_int_equal(read_all(spec_acl, sizeof(spec_acl), inst, 4), 2);
    assert_int_equal(inst[0].type, LWCI_TLV_OBJECT_INSTANCE);
    assert_int_equal(inst[1].id, 2);
    assert_int_equal(inst[1].len, 18);
    flat_t res[8];
    const uint8_t *i2 = spec_acl + inst[1].offset;
    assert_int_equal(read_all(i2, inst[1].len, res, 8), 4);
    flat_t acl[4];
    const uint8_t *m = i2 + res[2].offset;
    assert_int_equal(read_all(m, res[2].len, acl, 4), 2);
    assert_int_equal(acl[1].id, 310); /* 16-bit identifier form */
    int64_t v;
    assert_int_equal(lwci_tlv_decode_int(m + acl[1].offset, acl[1].len, &v),
                     LWC_OK);
    assert_int_equal(v, 1);
}

/* Re-encode the Device example with the writer: same 121 bytes. */
static void encodes_spec_device_instance(void **state)
{
    (void)state;
    uint8_t b[160];
    size_t p = 0;
    const uint8_t R = LWCI_TLV_RESOURCE, RI = LWCI_TLV_RESOURCE_INSTANCE,
                  M = LWCI_TLV_MULTIPLE_RESOURCE;
    assert_int_equal(lwci_tlv_write_bytes(b, sizeof(b), &p, R, 0,
                                          "Open Mobile Alliance", 20),
                     LWC_OK);
    lwci_tlv_write_bytes(b, sizeof(b), &p, R, 1, "Lightweight M2M Client", 22);
    lwci_tlv_write_bytes(b, sizeof(b), &p, R, 2, "345000123", 9);
    lwci_tlv_write_bytes(b, sizeof(b), &p, R, 3, "1.0", 3);
    lwci_tlv_write_header(b, sizeof(b), &p, M, 6, 6);
    lwci_tlv_write_int(b, sizeof(b), &p, RI, 0, 1);
    lwci_tlv_write_int(b, sizeof(b), &p, RI, 1, 5);
    lwci_tlv_write_header(b, sizeof(b), &p, M, 7, 8);
    lwci_tlv_write_int(b, sizeof(b), &p, RI, 0, 3800);
    lwci_tlv_write_int(b, sizeof(b), &p, RI, 1, 5000);
    lwci_tlv_write_header(b, sizeof(b), &p, M, 8, 7);
    lwci_tlv_write_int(b, sizeof(b), &p, RI, 0, 125);
    lwci_tlv_write_int(b, sizeof(b), &p, RI, 1, 900);
    lwci_tlv_write_int(b, sizeof(b), &p, R, 9, 100);
    lwci_tlv_write_int(b, sizeof(b), &p, R, 10, 15);
    lwci_tlv_write_header(b, sizeof(b), &p, M, 11, 3);
    lwci_tlv_write_int(b, sizeof(b), &p, RI, 0, 0);
    lwci_tlv_write_int(b, sizeof(b), &p, R, 13, 1367491215);
    lwci_tlv_write_bytes(b, sizeof(b), &p, R, 14, "+02:00", 6);
    lwci_tlv_write_bytes(b, sizeof(b), &p, R, 16, "U", 1);
    assert_int_equal(p, sizeof(spec_device));
    assert_memory_equal(b, spec_device, sizeof(spec_device));
}

static void encodes_spec_access_control_ids(void **state)
{
    (void)state;
    uint8_t b[8];
    size_t p = 0;
    /* ACL[310] = 1: 0x61 0x01 0x36 0x01 (16-bit ID, inline length 1). */
    assert_int_equal(lwci_tlv_write_int(b, sizeof(b), &p,
                                        LWCI_TLV_RESOURCE_INSTANCE, 310, 1),
                     LWC_OK);
    assert_int_equal(p, 4);
    assert_memory_equal(b, spec_acl + 31, 4);
}

static void header(size_t value_len, uint16_t id, const uint8_t *want,
                   size_t want_len)
{
    uint8_t b[8];
    size_t p = 0;
    assert_int_equal(lwci_tlv_write_header(b, sizeof(b), &p, LWCI_TLV_RESOURCE,
                                           id, value_len),
                     LWC_OK);
    assert_int_equal(p, want_len);
    assert_int_equal(lwci_tlv_header_size(id, value_len), want_len);
    assert_memory_equal(b, want, want_len);
}

static void shortest_header_forms(void **state)
{
    (void)state;
    header(7, 1, (const uint8_t[]){0xC7, 0x01}, 2);
    header(8, 1, (const uint8_t[]){0xC8, 0x01, 0x08}, 3);
    header(255, 255, (const uint8_t[]){0xC8, 0xFF, 0xFF}, 3);
    header(256, 256, (const uint8_t[]){0xF0, 0x01, 0x00, 0x01, 0x00}, 5);
    header(65536, 0, (const uint8_t[]){0xD8, 0x00, 0x01, 0x00, 0x00}, 5);
    header(0xFFFFFF, 65534,
           (const uint8_t[]){0xF8, 0xFF, 0xFE, 0xFF, 0xFF, 0xFF}, 6);
    uint8_t b[8];
    size_t p = 0;
    assert_int_equal(lwci_tlv_write_header(b, sizeof(b), &p, 3, 0, 0x1000000),
                     LWC_ERR_INVALID_ARG);
    assert_int_equal(lwci_tlv_write_header(b, 2, &p, 3, 0, 8),
                     LWC_ERR_NO_SPACE);
    assert_int_equal(p, 0);
}

static void int_form(int64_t v, const uint8_t *want, size_t n)
{
    uint8_t b[16];
    size_t p = 0;
    assert_int_equal(
        lwci_tlv_write_int(b, sizeof(b), &p, LWCI_TLV_RESOURCE, 5, v), LWC_OK);
    /* Lengths up to 7 are inline; 8 needs the 8-bit length field. */
    size_t h = n < 8 ? 2 : 3;
    assert_int_equal(p, h + n);
    assert_int_equal(b[0], n < 8 ? (0xC0 | n) : 0xC8);
    assert_memory_equal(b + h, want, n);
    int64_t back;
    assert_int_equal(lwci_tlv_decode_int(b + h, n, &back), LWC_OK);
    assert_true(back == v);
}

static void integers_use_shortest_length(void **state)
{
    (void)state;
    int_form(0, (const uint8_t[]){0x00}, 1);
    int_form(127, (const uint8_t[]){0x7F}, 1);
    int_form(-128, (const uint8_t[]){0x80}, 1);
    int_form(128, (const uint8_t[]){0x00, 0x80}, 2);
    int_form(-129, (const uint8_t[]){0xFF, 0x7F}, 2);
    int_form(32768, (const uint8_t[]){0x00, 0x00, 0x80, 0x00}, 4);
    int_form(INT32_MIN, (const uint8_t[]){0x80, 0x00, 0x00, 0x00}, 4);
    int_form(2147483648LL,
             (const uint8_t[]){0, 0, 0, 0, 0x80, 0x00, 0x00, 0x00}, 8);
    int_form(INT64_MAX,
             (const uint8_t[]){0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF},
             8);
    int_form(INT64_MIN, (const uint8_t[]){0x80, 0, 0, 0, 0, 0, 0, 0}, 8);

    uint8_t b[16];
    size_t p = 0;
    uint64_t u;
    assert_int_equal(
        lwci_tlv_write_uint(b, sizeof(b), &p, LWCI_TLV_RESOURCE, 1, 255),
        LWC_OK);
    assert_int_equal(p, 3); /* unsigned: 255 fits one byte */
    p = 0;
    lwci_tlv_write_uint(b, sizeof(b), &p, LWCI_TLV_RESOURCE, 1, UINT64_MAX);
    assert_int_equal(p, 11);
    assert_int_equal(lwci_tlv_decode_uint(b + 3, 8, &u), LWC_OK);
    assert_true(u == UINT64_MAX);
}

static void floats_bools_objlnks(void **state)
{
    (void)state;
    uint8_t b[16];
    size_t p = 0;
    double d;
    /* 1.5 is exact in binary32: 4 bytes 3F C0 00 00. */
    lwci_tlv_write_float(b, sizeof(b), &p, LWCI_TLV_RESOURCE, 1, 1.5);
    assert_int_equal(p, 6);
    assert_memory_equal(b + 2, ((const uint8_t[]){0x3F, 0xC0, 0, 0}), 4);
    assert_int_equal(lwci_tlv_decode_float(b + 2, 4, &d), LWC_OK);
    assert_true(d == 1.5);
    /* 0.1 is not: 8 bytes 3F B9 99 99 99 99 99 9A after C8 01 08. */
    p = 0;
    lwci_tlv_write_float(b, sizeof(b), &p, LWCI_TLV_RESOURCE, 1, 0.1);
    assert_int_equal(p, 11);
    assert_memory_equal(b, ((const uint8_t[]){0xC8, 0x01, 0x08}), 3);
    assert_memory_equal(
        b + 3,
        ((const uint8_t[]){0x3F, 0xB9, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9A}), 8);
    assert_int_equal(lwci_tlv_decode_float(b + 3, 8, &d), LWC_OK);
    assert_true(d == 0.1);

    bool bv;
    assert_int_equal(lwci_tlv_decode_bool((const uint8_t[]){1}, 1, &bv),
                     LWC_OK);
    assert_true(bv);
    uint16_t o, i;
    p = 0;
    lwci_tlv_write_objlnk(b, sizeof(b), &p, LWCI_TLV_RESOURCE, 1, 66, 65535);
    assert_memory_equal(b, ((const uint8_t[]){0xC4, 0x01, 0, 66, 0xFF, 0xFF}),
                        6);
    assert_int_equal(lwci_tlv_decode_objlnk(b + 2, 4, &o, &i), LWC_OK);
    assert_int_equal(o, 66);
    assert_int_equal(i, 65535);
}

typedef struct {
    const char *what;
    const uint8_t *bytes;
    size_t len;
} bad_t;

#define BAD(w, ...)                                                            \
    {                                                                          \
        w, (const uint8_t[]){__VA_ARGS__},                                     \
            sizeof((const uint8_t[]){__VA_ARGS__})                             \
    }

static void malformed_entries_are_rejected(void **state)
{
    (void)state;
    static uint8_t long_claim[258];
    long_claim[0] = 0xC8;
    long_claim[2] = 0xFF; /* 255 claimed, 255 - 0 present below */
    const bad_t bad[] = {
        BAD("type byte only", 0xC8),
        BAD("16-bit id cut", 0xE1, 0x00),
        BAD("8-bit length missing", 0xC8, 0x00),
        BAD("16-bit length cut", 0xD0, 0x00, 0x01),
        BAD("24-bit length cut", 0xD8, 0x00, 0x00, 0x01),
        BAD("value cut", 0xC8, 0x00, 0x05, 'a', 'b'),
        BAD("inline length too long", 0xC3, 0x00, 'a', 'b'),
        BAD("24-bit length of 16 MiB", 0xD8, 0x00, 0xFF, 0xFF, 0xFF, 1, 2),
        BAD("16-bit id and 24-bit length cut", 0xF8, 0x00, 0x00, 0x00),
        BAD("inline 7, 6 present", 0xC7, 0x00, 1, 2, 3, 4, 5, 6),
        BAD("object instance longer than input", 0x08, 0x00, 0x03, 0xC1, 0x00),
        BAD("16-bit length 65535", 0xD0, 0x00, 0xFF, 0xFF, 1, 2, 3),
        BAD("16-bit id, one id byte", 0xE0, 0x01),
        BAD("multiple resource cut", 0x88, 0x07, 0x08, 0x42, 0x00, 0x0E),
        BAD("resource instance cut", 0x42, 0x00, 0x0E),
        {"8-bit length 255, 255 bytes short", long_claim, 3},
    };
    for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
        lwci_tlv_entry_t e;
        size_t used = 12345;
        int rc = lwci_tlv_read(bad[k].bytes, bad[k].len, &e, &used);
        if (rc != LWC_ERR_MALFORMED) {
            fail_msg("accepted: %s", bad[k].what);
        }
        assert_int_equal(used, 12345); /* untouched */
    }
    lwci_tlv_entry_t e;
    size_t used;
    assert_int_equal(lwci_tlv_read(NULL, 0, &e, &used), LWC_ERR_MALFORMED);
    assert_int_equal(lwci_tlv_read(spec_acl, 3, NULL, &used),
                     LWC_ERR_INVALID_ARG);
}

static void malformed_values_are_rejected(void **state)
{
    (void)state;
    const uint8_t b[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    int64_t i;
    uint64_t u;
    double d;
    bool bo;
    uint16_t o, n;
    static const size_t bad_int_len[] = {0, 3, 5, 6, 7, 9};
    for (size_t k = 0; k < sizeof(bad_int_len) / sizeof(bad_int_len[0]); k++) {
        assert_int_equal(lwci_tlv_decode_int(b, bad_int_len[k], &i),
                         LWC_ERR_MALFORMED);
        assert_int_equal(lwci_tlv_decode_uint(b, bad_int_len[k], &u),
                         LWC_ERR_MALFORMED);
    }
    assert_int_equal(lwci_tlv_decode_float(b, 2, &d), LWC_ERR_MALFORMED);
    assert_int_equal(lwci_tlv_decode_float(b, 0, &d), LWC_ERR_MALFORMED);
    assert_int_equal(lwci_tlv_decode_bool(b, 2, &bo), LWC_ERR_MALFORMED);
    assert_int_equal(lwci_tlv_decode_bool((const uint8_t[]){2}, 1, &bo),
                     LWC_ERR_MALFORMED);
    assert_int_equal(lwci_tlv_decode_objlnk(b, 3, &o, &n), LWC_ERR_MALFORMED);
    lwc_value_t v;
    assert_int_equal(lwci_tlv_decode_value(b, 3, LWC_TYPE_INT, &v),
                     LWC_ERR_MALFORMED);
    assert_int_equal(lwci_tlv_decode_value(b, 1, LWC_TYPE_NONE, &v),
                     LWC_ERR_INVALID_ARG);
}

/* Walk nested entries (depth <= 3) the way the data model does. */
static void walk(const uint8_t *buf, size_t len, int depth, size_t *entries)
{
    size_t pos = 0;
    while (pos < len) {
        lwci_tlv_entry_t e;
        size_t used = 0;
        if (lwci_tlv_read(buf + pos, len - pos, &e, &used) != LWC_OK) {
            return;
        }
        assert_true(used >= 2 && used <= len - pos);
        assert_true(e.value >= buf + pos && e.value + e.len <= buf + len);
        (*entries)++;
        if (depth < 3 && (e.type == LWCI_TLV_OBJECT_INSTANCE ||
                          e.type == LWCI_TLV_MULTIPLE_RESOURCE)) {
            walk(e.value, e.len, depth + 1, entries);
        }
        pos += used;
    }
}

/* Random and mutated inputs: every entry lies inside its buffer and every
 * step makes progress (ASan in the sanitizer build checks the reads). */
static void random_input_never_escapes(void **state)
{
    (void)state;
    uint32_t seed = 12345;
    size_t entries = 0;
    uint8_t buf[160];
    for (int round = 0; round < 20000; round++) {
        size_t len =
            (size_t)(round % 3 == 0 ? sizeof(spec_device) : (seed >> 8) % 64);
        if (round % 3 == 0) {
            memcpy(buf, spec_device, len);
        }
        for (size_t k = 0; k < (round % 3 == 0 ? 3u : len); k++) {
            seed = seed * 1103515245u + 12345u;
            buf[(seed >> 16) % (len ? len : 1)] = (uint8_t)(seed >> 8);
        }
        walk(buf, len, 0, &entries);
    }
    assert_true(entries > 20000); /* the walk did look at entries */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decodes_spec_device_instance),
        cmocka_unit_test(decodes_spec_access_control),
        cmocka_unit_test(encodes_spec_device_instance),
        cmocka_unit_test(encodes_spec_access_control_ids),
        cmocka_unit_test(shortest_header_forms),
        cmocka_unit_test(integers_use_shortest_length),
        cmocka_unit_test(floats_bools_objlnks),
        cmocka_unit_test(malformed_entries_are_rejected),
        cmocka_unit_test(malformed_values_are_rejected),
        cmocka_unit_test(random_input_never_escapes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
