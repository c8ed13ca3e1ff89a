/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * text/plain and opaque on the streaming contract (src/io/io.h), the
 * format tables, and lwci_io_entry_value(): RAW bytes of each format and
 * TYPED values (as SenML and CBOR decoders yield them) converted to the
 * declared type only when nothing is lost.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "io/io.h"
#include "io/text.h"
#include "io/tlv.h"

/* ---- Encoders ----------------------------------------------------------- */

typedef struct {
    uint8_t buf[64];
    lwci_io_sink_t sink;
    lwci_io_encoder_t e;
} enc_t;

static void enc_start(enc_t *t, const lwci_io_encoder_ops_t *ops)
{
    memset(t, 0, sizeof(*t));
    lwci_io_sink_init(&t->sink, t->buf, sizeof(t->buf), 0);
    t->e.ops = ops;
    t->e.sink = &t->sink;
    assert_int_equal(ops->begin(&t->e, &LWC_PATH(1, 0, 1)), LWC_OK);
}

/* Encode one value as text; returns the code and leaves the text in buf. */
static int text_of(enc_t *t, lwc_value_t v)
{
    enc_start(t, &lwci_io_text_encoder);
    int rc = t->e.ops->value(&t->e, &LWC_PATH(1, 0, 1), &v);
    if (rc == LWC_OK) {
        assert_int_equal(t->e.ops->end(&t->e), LWC_OK);
        t->buf[lwci_io_sink_len(&t->sink)] = '\0';
    }
    return rc;
}

static void text_encoder_values(void **state)
{
    (void)state;
    enc_t t;
    const struct {
        lwc_value_t v;
        const char *want;
    } cases[] = {
        {lwc_value_int(-42), "-42"},
        {lwc_value_uint(UINT64_MAX), "18446744073709551615"},
        {lwc_value_float(-1.5), "-1.5"},
        {lwc_value_bool(true), "1"},
        {lwc_value_time(1700000000), "1700000000"},
        {lwc_value_objlnk(3, 65535), "3:65535"},
        {lwc_value_string("hello"), "hello"},
        {lwc_value_string(""), ""},
    };
    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        assert_int_equal(text_of(&t, cases[k].v), LWC_OK);
        assert_string_equal((const char *)t.buf, cases[k].want);
    }
    /* Opaque has no text form; no type at all is refused too. */
    assert_int_equal(text_of(&t, lwc_value_opaque("x", 1)),
                     LWC_ERR_UNSUPPORTED);
    assert_int_equal(text_of(&t, (lwc_value_t){.type = 77}),
                     LWC_ERR_UNSUPPORTED);
}

/* One value only, and no containers: a Read answers those 4.06. */
static void single_value_formats_refuse_structure(void **state)
{
    (void)state;
    enc_t t;
    lwc_value_t one = lwc_value_int(1);
    lwc_value_t blob = lwc_value_opaque("\x00\xFF", 2);
    const lwci_io_encoder_ops_t *ops[] = {&lwci_io_text_encoder,
                                          &lwci_io_opaque_encoder};
    const lwc_value_t *vals[] = {&one, &blob};
    for (size_t k = 0; k < 2; k++) {
        enc_start(&t, ops[k]);
        assert_int_equal(ops[k]->open(&t.e, &LWC_PATH(1, 0)),
                         LWC_ERR_UNSUPPORTED);
        assert_int_equal(ops[k]->close(&t.e, &LWC_PATH(1, 0)),
                         LWC_ERR_UNSUPPORTED);
        assert_int_equal(ops[k]->value(&t.e, &LWC_PATH(1, 0, 1), vals[k]),
                         LWC_OK);
        assert_int_equal(ops[k]->value(&t.e, &LWC_PATH(1, 0, 2), vals[k]),
                         LWC_ERR_UNSUPPORTED);
    }
    assert_int_equal(lwci_io_sink_len(&t.sink), 2);
    assert_memory_equal(t.buf, "\x00\xFF", 2);
    enc_start(&t, &lwci_io_opaque_encoder);
    assert_int_equal(t.e.ops->value(&t.e, &LWC_PATH(1, 0, 1), &one),
                     LWC_ERR_UNSUPPORTED);
}

/* A string longer than the window streams through it: the window holds
 * its slice, the total its length. */
static void long_text_is_windowed(void **state)
{
    (void)state;
    char big[300];
    for (size_t k = 0; k < sizeof(big); k++) {
        big[k] = (char)('a' + k % 26);
    }
    uint8_t win[16];
    lwci_io_sink_t sink;
    lwci_io_encoder_t e = {.ops = &lwci_io_text_encoder, .sink = &sink};
    lwc_value_t v = {.type = LWC_TYPE_STRING, .bytes = {big, sizeof(big)}};
    lwci_io_sink_init(&sink, win, sizeof(win), 256);
    assert_int_equal(e.ops->begin(&e, &LWC_PATH(1, 0, 1)), LWC_OK);
    assert_int_equal(e.ops->value(&e, &LWC_PATH(1, 0, 1), &v), LWC_OK);
    assert_int_equal(sink.total, sizeof(big));
    assert_int_equal(lwci_io_sink_len(&sink), 16);
    assert_true(lwci_io_sink_more(&sink));
    assert_memory_equal(win, big + 256, 16);
}

/* ---- Decoders and tables ------------------------------------------------ */

static void plain_decoders_yield_the_whole_payload(void **state)
{
    (void)state;
    const lwci_io_decoder_ops_t *ops[] = {&lwci_io_text_decoder,
                                          &lwci_io_opaque_decoder};
    for (size_t k = 0; k < 2; k++) {
        lwci_io_decoder_t d = {.ops = ops[k]};
        lwci_io_entry_t e;
        size_t used = 99;
        assert_int_equal(d.ops->begin(&d, &LWC_PATH(1, 0, 1)), LWC_OK);
        /* A value must be whole: wait for the last chunk. */
        assert_int_equal(
            d.ops->next(&d, (const uint8_t *)"12", 2, false, &e, &used),
            LWC_ERR_WOULD_BLOCK);
        assert_int_equal(used, 0);
        assert_int_equal(
            d.ops->next(&d, (const uint8_t *)"123", 3, true, &e, &used),
            LWC_OK);
        assert_int_equal(used, 3);
        assert_int_equal(e.kind, LWCI_IO_RAW);
        assert_int_equal(e.raw_len, 3);
        assert_true(lwc_path_equal(&e.path, &LWC_PATH(1, 0, 1)));
        assert_int_equal(d.ops->next(&d, NULL, 0, true, &e, &used),
                         LWC_ERR_NOT_FOUND);
        assert_int_equal(
            d.ops->next(&d, (const uint8_t *)"x", 1, true, &e, &used),
            LWC_ERR_MALFORMED);
        /* An empty payload is one empty value (e.g. an empty string). */
        assert_int_equal(d.ops->begin(&d, &LWC_PATH(1, 0, 1)), LWC_OK);
        assert_int_equal(d.ops->next(&d, NULL, 0, true, &e, &used), LWC_OK);
        assert_int_equal(e.raw_len, 0);
    }
}

static void format_tables(void **state)
{
    (void)state;
    const uint16_t have[] = {LWC_FORMAT_TEXT, LWC_FORMAT_OPAQUE,
                             LWC_FORMAT_TLV};
    for (size_t k = 0; k < 3; k++) {
        assert_non_null(lwci_io_encoder_find(have[k]));
        assert_int_equal(lwci_io_encoder_find(have[k])->format, have[k]);
        assert_non_null(lwci_io_decoder_find(have[k]));
        assert_int_equal(lwci_io_decoder_find(have[k])->format, have[k]);
    }
    assert_ptr_equal(lwci_io_encoder_find(LWC_FORMAT_TLV),
                     &lwci_io_tlv_encoder);
    assert_null(lwci_io_encoder_find(9999));
    assert_null(lwci_io_decoder_find(9999));
    assert_null(lwci_io_decoder_find(LWC_FORMAT_LINK));
}

/* ---- lwci_io_entry_value ------------------------------------------------ */

static lwci_io_entry_t raw(const char *s, size_t n)
{
    return (lwci_io_entry_t){
        .kind = LWCI_IO_RAW, .raw = (const uint8_t *)s, .raw_len = n};
}

static lwci_io_entry_t typed(lwc_value_t v)
{
    return (lwci_io_entry_t){.kind = LWCI_IO_TYPED, .value = v};
}

static void raw_values_by_format(void **state)
{
    (void)state;
    lwc_value_t v;
    lwci_io_entry_t e = raw("-17", 3);
    assert_int_equal(lwci_io_entry_value(&e, LWC_FORMAT_TEXT, LWC_TYPE_INT, &v),
                     LWC_OK);
    assert_int_equal(v.type, LWC_TYPE_INT);
    assert_int_equal(v.i, -17);
    assert_int_equal(
        lwci_io_entry_value(&e, LWC_FORMAT_TEXT, LWC_TYPE_UINT, &v),
        LWC_ERR_MALFORMED);
    e = raw("5:7", 3);
    assert_int_equal(
        lwci_io_entry_value(&e, LWC_FORMAT_TEXT, LWC_TYPE_OBJLNK, &v), LWC_OK);
    assert_int_equal(v.objlnk.iid, 7);
    /* Text has no opaque; opaque is only opaque. */
    assert_int_equal(
        lwci_io_entry_value(&e, LWC_FORMAT_TEXT, LWC_TYPE_OPAQUE, &v),
        LWC_ERR_MALFORMED);
    assert_int_equal(
        lwci_io_entry_value(&e, LWC_FORMAT_OPAQUE, LWC_TYPE_OPAQUE, &v),
        LWC_OK);
    assert_int_equal(v.bytes.len, 3);
    assert_ptr_equal(v.bytes.data, e.raw);
    assert_int_equal(
        lwci_io_entry_value(&e, LWC_FORMAT_OPAQUE, LWC_TYPE_STRING, &v),
        LWC_ERR_MALFORMED);
    /* TLV: big-endian integers of 1, 2, 4 or 8 bytes. */
    e = raw("\x01\x00", 2);
    assert_int_equal(lwci_io_entry_value(&e, LWC_FORMAT_TLV, LWC_TYPE_INT, &v),
                     LWC_OK);
    assert_int_equal(v.i, 256);
    e = raw("\x01\x00\x00", 3);
    assert_int_equal(lwci_io_entry_value(&e, LWC_FORMAT_TLV, LWC_TYPE_INT, &v),
                     LWC_ERR_MALFORMED);
    assert_int_equal(lwci_io_entry_value(&e, 9999, LWC_TYPE_INT, &v),
                     LWC_ERR_UNSUPPORTED);
    /* No value, or no type to convert to. */
    e.kind = LWCI_IO_NONE;
    assert_int_equal(lwci_io_entry_value(&e, LWC_FORMAT_TLV, LWC_TYPE_INT, &v),
                     LWC_ERR_MALFORMED);
    e = raw("1", 1);
    assert_int_equal(
        lwci_io_entry_value(&e, LWC_FORMAT_TEXT, LWC_TYPE_NONE, &v),
        LWC_ERR_MALFORMED);
}

/* Convert a typed value; LWC_OK leaves the result in *out. */
static int conv(lwc_value_t in, uint8_t type, lwc_value_t *out)
{
    lwci_io_entry_t e = typed(in);
    return lwci_io_entry_value(&e, LWC_FORMAT_SENML_CBOR, type, out);
}

static void typed_values_convert_losslessly(void **state)
{
    (void)state;
    lwc_value_t v;
    /* Integers between INT, UINT and TIME within range. */
    assert_int_equal(conv(lwc_value_int(5), LWC_TYPE_UINT, &v), LWC_OK);
    assert_true(v.type == LWC_TYPE_UINT && v.u == 5);
    assert_int_equal(conv(lwc_value_int(-1), LWC_TYPE_UINT, &v),
                     LWC_ERR_MALFORMED);
    assert_int_equal(conv(lwc_value_uint(UINT64_MAX), LWC_TYPE_INT, &v),
                     LWC_ERR_MALFORMED);
    assert_int_equal(
        conv(lwc_value_uint((uint64_t)INT64_MAX), LWC_TYPE_TIME, &v), LWC_OK);
    assert_true(v.type == LWC_TYPE_TIME && v.t == INT64_MAX);
    assert_int_equal(conv(lwc_value_int(INT64_MIN), LWC_TYPE_TIME, &v), LWC_OK);
    assert_true(v.t == INT64_MIN);
    /* Integers to float only when exact. */
    assert_int_equal(conv(lwc_value_int(-3), LWC_TYPE_FLOAT, &v), LWC_OK);
    assert_true(v.type == LWC_TYPE_FLOAT && v.f == -3.0);
    assert_int_equal(
        conv(lwc_value_uint(((uint64_t)1 << 53) + 1), LWC_TYPE_FLOAT, &v),
        LWC_ERR_MALFORMED);
    assert_int_equal(conv(lwc_value_uint(UINT64_MAX), LWC_TYPE_FLOAT, &v),
                     LWC_ERR_MALFORMED);
    assert_int_equal(conv(lwc_value_int(INT64_MIN), LWC_TYPE_FLOAT, &v),
                     LWC_OK);
    /* Floats to integers only when whole and in range. */
    assert_int_equal(conv(lwc_value_float(42.0), LWC_TYPE_INT, &v), LWC_OK);
    assert_true(v.type == LWC_TYPE_INT && v.i == 42);
    assert_int_equal(conv(lwc_value_float(-42.0), LWC_TYPE_TIME, &v), LWC_OK);
    assert_true(v.t == -42);
    assert_int_equal(conv(lwc_value_float(1.5), LWC_TYPE_INT, &v),
                     LWC_ERR_MALFORMED);
    assert_int_equal(conv(lwc_value_float(-1.0), LWC_TYPE_UINT, &v),
                     LWC_ERR_MALFORMED);
    assert_int_equal(
        conv(lwc_value_float(9223372036854775808.0), LWC_TYPE_INT, &v),
        LWC_ERR_MALFORMED);
    assert_int_equal(
        conv(lwc_value_float(9223372036854775808.0), LWC_TYPE_UINT, &v),
        LWC_OK);
    assert_true(v.u == (uint64_t)1 << 63);
    assert_int_equal(conv(lwc_value_float(1e30), LWC_TYPE_UINT, &v),
                     LWC_ERR_MALFORMED);
    double zero = 0.0;
    assert_int_equal(conv(lwc_value_float(zero / zero), LWC_TYPE_INT, &v),
                     LWC_ERR_MALFORMED);
    /* Strings and core links are the same text; nothing else converts. */
    assert_int_equal(conv(lwc_value_string("</1>"), LWC_TYPE_CORELNK, &v),
                     LWC_OK);
    assert_true(v.type == LWC_TYPE_CORELNK && v.bytes.len == 4);
    assert_int_equal(conv(lwc_value_string("ab"), LWC_TYPE_OPAQUE, &v),
                     LWC_ERR_MALFORMED);
    assert_int_equal(conv(lwc_value_opaque("ab", 2), LWC_TYPE_STRING, &v),
                     LWC_ERR_MALFORMED);
    assert_int_equal(conv(lwc_value_bool(true), LWC_TYPE_INT, &v),
                     LWC_ERR_MALFORMED);
    assert_int_equal(conv(lwc_value_int(1), LWC_TYPE_BOOL, &v),
                     LWC_ERR_MALFORMED);
    /* Object links as "oid:iid" text, as the CBOR formats carry them. */
    assert_int_equal(conv(lwc_value_string("3:1"), LWC_TYPE_OBJLNK, &v),
                     LWC_OK);
    assert_true(v.type == LWC_TYPE_OBJLNK && v.objlnk.oid == 3 &&
                v.objlnk.iid == 1);
    assert_int_equal(conv(lwc_value_string("3:"), LWC_TYPE_OBJLNK, &v),
                     LWC_ERR_MALFORMED);
    assert_int_equal(conv(lwc_value_string("3:65536"), LWC_TYPE_OBJLNK, &v),
                     LWC_ERR_MALFORMED);
    assert_int_equal(conv(lwc_value_objlnk(3, 1), LWC_TYPE_OBJLNK, &v), LWC_OK);
    assert_true(v.objlnk.oid == 3 && v.objlnk.iid == 1);
    /* Bytes without data are refused. */
    lwc_value_t broken = {.type = LWC_TYPE_OPAQUE, .bytes = {NULL, 3}};
    assert_int_equal(conv(broken, LWC_TYPE_OPAQUE, &v), LWC_ERR_MALFORMED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_encoder_values),
        cmocka_unit_test(single_value_formats_refuse_structure),
        cmocka_unit_test(long_text_is_windowed),
        cmocka_unit_test(plain_decoders_yield_the_whole_payload),
        cmocka_unit_test(format_tables),
        cmocka_unit_test(raw_values_by_format),
        cmocka_unit_test(typed_values_convert_losslessly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
