/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The table of content formats this build has (LwM2M TS Core 1.1 §7.4),
 * and the conversion of a decoded entry to a resource's declared type.
 * Adding a format is one line in each table below.
 */
#include <lwc/config.h>

#include "io/io.h"
#include "io/text.h"
#include "io/tlv.h"
#include "io/cbor_single.h"
#include "io/lwm2m_cbor.h"
#include "io/oma_json.h"
#include "io/senml_cbor.h"
#include "io/senml_json.h"

static const lwci_io_encoder_ops_t *const encoders[] = {
    &lwci_io_text_encoder,   /* text/plain (0) */
    &lwci_io_opaque_encoder, /* application/octet-stream (42) */
#if LWC_WITH_TLV
    &lwci_io_tlv_encoder, /* TLV (11542) */
#endif
#if LWC_WITH_SENML_CBOR
    &lwci_io_senml_cbor_encoder, /* SenML CBOR (112) */
#endif
#if LWC_WITH_LWM2M_CBOR
    &lwci_io_lwm2m_cbor_encoder, /* LwM2M CBOR (11544) */
#endif
#if LWC_WITH_CBOR
    &lwci_io_cbor_single_encoder, /* CBOR (60), single values */
#endif
#if LWC_WITH_SENML_JSON
    &lwci_io_senml_json_encoder, /* SenML JSON (110) */
#endif
#if LWC_WITH_OMA_JSON
    &lwci_io_oma_json_encoder, /* OMA LwM2M JSON (11543) */
#endif
};

static const lwci_io_decoder_ops_t *const decoders[] = {
    &lwci_io_text_decoder,   /* text/plain (0) */
    &lwci_io_opaque_decoder, /* application/octet-stream (42) */
#if LWC_WITH_TLV
    &lwci_io_tlv_decoder, /* TLV (11542) */
#endif
#if LWC_WITH_SENML_CBOR
    &lwci_io_senml_cbor_decoder, /* SenML CBOR (112) */
#endif
#if LWC_WITH_LWM2M_CBOR
    &lwci_io_lwm2m_cbor_decoder, /* LwM2M CBOR (11544) */
#endif
#if LWC_WITH_CBOR
    &lwci_io_cbor_single_decoder, /* CBOR (60), single values */
#endif
#if LWC_WITH_SENML_JSON
    &lwci_io_senml_json_decoder, /* SenML JSON (110) */
#endif
#if LWC_WITH_OMA_JSON
    &lwci_io_oma_json_decoder, /* OMA LwM2M JSON (11543) */
#endif
};

const lwci_io_encoder_ops_t *lwci_io_encoder_find(uint16_t format)
{
    for (size_t i = 0; i < sizeof(encoders) / sizeof(encoders[0]); i++) {
        if (encoders[i]->format == format) {
            return encoders[i];
        }
    }
    return NULL;
}

const lwci_io_decoder_ops_t *lwci_io_decoder_find(uint16_t format)
{
    for (size_t i = 0; i < sizeof(decoders) / sizeof(decoders[0]); i++) {
        if (decoders[i]->format == format) {
            return decoders[i];
        }
    }
    return NULL;
}

/* ---- Typed values to declared types ------------------------------------- */

/* 2^63 and 2^64 as doubles (exact). */
#define TWO_63 9223372036854775808.0
#define TWO_64 18446744073709551616.0

static bool is_integer(uint8_t t)
{
    return t == LWC_TYPE_INT || t == LWC_TYPE_UINT || t == LWC_TYPE_TIME;
}

/* Sign and magnitude of an INT/UINT/TIME value. */
static void to_mag(const lwc_value_t *v, bool *neg, uint64_t *mag)
{
    if (v->type == LWC_TYPE_UINT) {
        *neg = false;
        *mag = v->u;
        return;
    }
    int64_t s = v->type == LWC_TYPE_INT ? v->i : v->t;
    *neg = s < 0;
    /* -(s + 1) + 1 avoids overflowing on INT64_MIN. */
    *mag = *neg ? (uint64_t)(-(s + 1)) + 1u : (uint64_t)s;
}

/* Store sign and magnitude as integer type `type`, range-checked. */
static int from_mag(bool neg, uint64_t mag, uint8_t type, lwc_value_t *out)
{
    if (type == LWC_TYPE_UINT) {
        if (neg && mag) {
            return LWC_ERR_MALFORMED;
        }
        out->u = mag;
    } else {
        int64_t s;
        if (neg ? mag > (uint64_t)INT64_MAX + 1u : mag > (uint64_t)INT64_MAX) {
            return LWC_ERR_MALFORMED;
        }
        s = neg ? (mag == 0 ? 0 : -(int64_t)(mag - 1u) - 1) : (int64_t)mag;
        if (type == LWC_TYPE_INT) {
            out->i = s;
        } else {
            out->t = s;
        }
    }
    out->type = type;
    return LWC_OK;
}

/* A float that is a whole number within range, as an integer type. */
static int float_to_integer(double f, uint8_t type, lwc_value_t *out)
{
    if (!(f > -TWO_64 && f < TWO_64)) {
        return LWC_ERR_MALFORMED; /* NaN, infinities, far out of range */
    }
    bool neg = f < 0;
    double a = neg ? -f : f;
    uint64_t mag = (uint64_t)a;
    if ((double)mag != a) {
        return LWC_ERR_MALFORMED; /* has a fraction */
    }
    return from_mag(neg, mag, type, out);
}

/* An integer as a float, only when the double holds it exactly. */
static int integer_to_float(bool neg, uint64_t mag, lwc_value_t *out)
{
    double a = (double)mag;
    if (a >= TWO_64 || (uint64_t)a != mag) {
        return LWC_ERR_MALFORMED;
    }
    out->f = neg ? -a : a;
    out->type = LWC_TYPE_FLOAT;
    return LWC_OK;
}

/* Lossless conversion of a typed value (SenML, CBOR) in place. */
static int convert_typed(lwc_value_t *v, uint8_t type)
{
    bool neg;
    uint64_t mag;
    if (v->type == type) {
        return LWC_OK;
    }
    if (is_integer(v->type) && (is_integer(type) || type == LWC_TYPE_FLOAT)) {
        to_mag(v, &neg, &mag);
        return type == LWC_TYPE_FLOAT ? integer_to_float(neg, mag, v)
                                      : from_mag(neg, mag, type, v);
    }
    if (v->type == LWC_TYPE_FLOAT && is_integer(type)) {
        return float_to_integer(v->f, type, v);
    }
    if ((v->type == LWC_TYPE_STRING && type == LWC_TYPE_CORELNK) ||
        (v->type == LWC_TYPE_CORELNK && type == LWC_TYPE_STRING)) {
        v->type = type;
        return LWC_OK;
    }
    if (v->type == LWC_TYPE_STRING && type == LWC_TYPE_OBJLNK) {
        /* CBOR formats carry object links as "oid:iid" text (LwM2M 1.2
         * Core §7.4.6, §7.4.7). */
        int rc = lwci_text_decode(v->bytes.data, v->bytes.len, type, v);
        return rc == LWC_OK ? LWC_OK : LWC_ERR_MALFORMED;
    }
    return LWC_ERR_MALFORMED;
}

/* Untyped bytes interpreted by the format and the declared type. */
static int raw_value(const lwci_io_entry_t *e, uint16_t format, uint8_t type,
                     lwc_value_t *out)
{
    int rc;
    switch (format) {
    case LWC_FORMAT_TEXT:
        rc = lwci_text_decode((const char *)e->raw, e->raw_len, type, out);
        break;
    case LWC_FORMAT_OPAQUE:
        if (type != LWC_TYPE_OPAQUE) {
            return LWC_ERR_MALFORMED;
        }
        *out = lwc_value_opaque(e->raw, e->raw_len);
        return LWC_OK;
    case LWC_FORMAT_TLV:
        rc = lwci_tlv_decode_value(e->raw, e->raw_len, type, out);
        break;
    default:
        return LWC_ERR_UNSUPPORTED;
    }
    return rc == LWC_OK ? LWC_OK : LWC_ERR_MALFORMED;
}

int lwci_io_entry_value(const lwci_io_entry_t *e, uint16_t format, uint8_t type,
                        lwc_value_t *out)
{
    if (!e || !out || (!e->raw && e->raw_len)) {
        return LWC_ERR_INVALID_ARG;
    }
    if (type == LWC_TYPE_NONE || type > LWC_TYPE_CORELNK) {
        return LWC_ERR_MALFORMED;
    }
    if (e->kind == LWCI_IO_RAW) {
        return raw_value(e, format, type, out);
    }
    if (e->kind != LWCI_IO_TYPED) {
        return LWC_ERR_MALFORMED; /* no value */
    }
    lwc_value_t v = e->value;
    if (format == LWC_FORMAT_OMA_JSON && v.type == LWC_TYPE_STRING &&
        type == LWC_TYPE_OPAQUE) {
        /* OMA JSON carries opaque as base64 in "sv": the decoder put the
         * decoded bytes in raw when the text was valid base64. */
        if (!e->raw) {
            return LWC_ERR_MALFORMED;
        }
        *out = lwc_value_opaque(e->raw, e->raw_len);
        return LWC_OK;
    }
    bool bytes = v.type == LWC_TYPE_STRING || v.type == LWC_TYPE_OPAQUE ||
                 v.type == LWC_TYPE_CORELNK;
    if (bytes && !v.bytes.data && v.bytes.len) {
        return LWC_ERR_MALFORMED;
    }
    int rc = convert_typed(&v, type);
    if (rc == LWC_OK) {
        *out = v;
    }
    return rc;
}
