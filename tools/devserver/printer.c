/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Human-readable payloads. text/plain as text, opaque as hex, link format
 * one link per line (RFC 6690 §2), OMA TLV as a tree of full LwM2M paths
 * (LwM2M Core 1.1 §7.4.3) read with the library's own TLV reader, the
 * typed formats (SenML JSON and CBOR, LwM2M CBOR, CBOR, OMA JSON: Core 1.1
 * §7.4.4-7.4.7) as one "path = value" line per entry read with the
 * library's own decoders, plain JSON as text plus hex, anything else as
 * hex. A payload a decoder rejects is printed as hex after the error.
 */
#include "devserver.h"

#include <stdlib.h>
#include <string.h>

#include <lwc/errors.h>

#include "io/io.h"
#include "io/tlv.h"

/* Longest value printed in full; longer ones are cut with a marker. */
#define HEX_MAX 4096
/* Deepest TLV nesting: instance > multiple resource > resource instance. */
#define TLV_MAX_DEPTH 3

static void print_hex(FILE *f, const uint8_t *buf, size_t len)
{
    size_t n = len > HEX_MAX ? HEX_MAX : len;
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%02x", buf[i]);
    }
    if (n < len) {
        fprintf(f, "... (%zu bytes)", len);
    }
}

/* Length of the UTF-8 sequence starting at s (at most len bytes) if it is a
 * well-formed printable character, else 0. */
static size_t utf8_char(const uint8_t *s, size_t len)
{
    if (s[0] >= 0x20 && s[0] < 0x7f) {
        return 1;
    }
    size_t n = 0;
    if ((s[0] & 0xe0) == 0xc0 && s[0] >= 0xc2) {
        n = 2;
    } else if ((s[0] & 0xf0) == 0xe0) {
        n = 3;
    } else if ((s[0] & 0xf8) == 0xf0 && s[0] <= 0xf4) {
        n = 4;
    }
    if (n == 0 || n > len) {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            return 0;
        }
    }
    return n;
}

/* True for a non-empty run of printable characters (ASCII or UTF-8);
 * newlines and tabs are allowed when multiline is set. */
static bool is_text(const uint8_t *buf, size_t len, bool multiline)
{
    if (len == 0) {
        return false;
    }
    size_t i = 0;
    while (i < len) {
        if (multiline &&
            (buf[i] == '\n' || buf[i] == '\t' ||
             (buf[i] == '\r' && i + 1 < len && buf[i + 1] == '\n'))) {
            i++;
            continue;
        }
        size_t n = utf8_char(buf + i, len - i);
        if (n == 0) {
            return false;
        }
        i += n;
    }
    return true;
}

/* Text with control characters escaped; each line indented. */
static void print_text(FILE *f, const uint8_t *buf, size_t len)
{
    fputs("  ", f);
    for (size_t i = 0; i < len; i++) {
        uint8_t c = buf[i];
        if (c == '\n') {
            fputs(i + 1 < len ? "\n  " : "", f);
        } else if (c == '\r' && i + 1 < len && buf[i + 1] == '\n') {
            continue;
        } else if (c < 0x20 || c == 0x7f) {
            fprintf(f, "\\x%02x", c);
        } else {
            fputc(c, f);
        }
    }
    fputc('\n', f);
}

/* One link per line: split at commas outside <...> and "...". */
static void print_links(FILE *f, const uint8_t *buf, size_t len)
{
    bool in_quote = false;
    bool in_angle = false;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len) {
            uint8_t c = buf[i];
            if (c == '"' && !in_angle) {
                in_quote = !in_quote;
            } else if (c == '<' && !in_quote) {
                in_angle = true;
            } else if (c == '>' && !in_quote) {
                in_angle = false;
            }
            if (c != ',' || in_quote || in_angle) {
                continue;
            }
        }
        if (i > start) {
            print_text(f, buf + start, i - start);
        }
        start = i + 1;
    }
}

/* "str=... int=... float=... hex=..." for one TLV value. */
static void print_tlv_value(FILE *f, const uint8_t *v, size_t len)
{
    if (len == 0) {
        fputs("(empty)", f);
        return;
    }
    if (is_text(v, len, false)) {
        fputs("str=\"", f);
        for (size_t i = 0; i < len; i++) {
            if (v[i] == '"' || v[i] == '\\') {
                fputc('\\', f);
            }
            fputc(v[i], f);
        }
        fputs("\" ", f);
    }
    int64_t i64;
    if (lwci_tlv_decode_int(v, len, &i64) == LWC_OK) {
        fprintf(f, "int=%lld ", (long long)i64);
    }
    double d;
    if ((len == 4 || len == 8) && lwci_tlv_decode_float(v, len, &d) == LWC_OK) {
        fprintf(f, len == 4 ? "float=%.9g " : "float=%.17g ", d);
    }
    fputs("hex=", f);
    print_hex(f, v, len);
}

/* Path of a top-level TLV entry: the request path cut to the entry's level
 * (object for an instance, instance for a resource, resource for a resource
 * instance) plus the entry's id; '?' where the request path is too short. */
static void tlv_top_path(char *out, size_t cap, const char *req, uint8_t type,
                         uint16_t id)
{
    char buf[256];
    const char *seg[4];
    int n = req && strlen(req) < sizeof(buf)
                ? ds_path_segments(req, buf, seg, 4)
                : 0;
    int keep = type == LWCI_TLV_OBJECT_INSTANCE     ? 1
               : type == LWCI_TLV_RESOURCE_INSTANCE ? 3
                                                    : 2;
    size_t pos = 0;
    out[0] = '\0';
    for (int i = 0; i < keep && pos < cap; i++) {
        int w = snprintf(out + pos, cap - pos, "/%s", i < n ? seg[i] : "?");
        pos += w > 0 ? (size_t)w : 0;
    }
    if (pos < cap) {
        snprintf(out + pos, cap - pos, "/%u", (unsigned)id);
    }
}

static void print_tlv_level(FILE *f, const uint8_t *buf, size_t len,
                            const char *parent, const char *req, int depth)
{
    size_t off = 0;
    while (off < len) {
        lwci_tlv_entry_t e;
        size_t used = 0;
        if (lwci_tlv_read(buf + off, len - off, &e, &used) != LWC_OK) {
            fprintf(f, "%*s(malformed TLV at byte %zu) hex=", 2 * depth, "",
                    off);
            print_hex(f, buf + off, len - off);
            fputc('\n', f);
            return;
        }
        char path[300];
        if (parent) {
            snprintf(path, sizeof(path), "%s/%u", parent, (unsigned)e.id);
        } else {
            tlv_top_path(path, sizeof(path), req, e.type, e.id);
        }
        bool nested = e.type == LWCI_TLV_OBJECT_INSTANCE ||
                      e.type == LWCI_TLV_MULTIPLE_RESOURCE;
        fprintf(f, "%*s%s", 2 * depth, "", path);
        if (nested && depth < TLV_MAX_DEPTH) {
            fputs(e.type == LWCI_TLV_MULTIPLE_RESOURCE ? " (multiple)\n" : "\n",
                  f);
            print_tlv_level(f, e.value, e.len, path, req, depth + 1);
        } else {
            fputs(" = ", f);
            print_tlv_value(f, e.value, e.len);
            fputc('\n', f);
        }
        off += used;
    }
}

static void print_hex_line(FILE *f, const uint8_t *buf, size_t len)
{
    fputs("  hex=", f);
    print_hex(f, buf, len);
    fprintf(f, " (%zu byte%s)\n", len, len == 1 ? "" : "s");
}

/* Text (when it is) and hex. */
static void print_text_and_hex(FILE *f, const uint8_t *buf, size_t len)
{
    if (is_text(buf, len, true)) {
        print_text(f, buf, len);
    }
    print_hex_line(f, buf, len);
}

/* ---- Typed formats through the library's decoders ------------------------ */

/* Largest decoded string or opaque value that cannot point into the input
 * (JSON escapes, base64). */
#define DECODE_SCRATCH 4096
/* Entries printed at most, a bound against a decoder that never ends. */
#define DECODE_MAX_ENTRIES 100000

/* A double as the shortest of %.15g and %.17g that reads back exactly. */
static void print_double(FILE *f, double d)
{
    char buf[40];
    snprintf(buf, sizeof(buf), "%.15g", d);
    if (strtod(buf, NULL) != d) {
        snprintf(buf, sizeof(buf), "%.17g", d);
    }
    fputs(buf, f);
}

static void print_quoted(FILE *f, const uint8_t *s, size_t len)
{
    fputc('"', f);
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"' || s[i] == '\\') {
            fprintf(f, "\\%c", s[i]);
        } else if (s[i] < 0x20 || s[i] == 0x7f) {
            fprintf(f, "\\x%02x", s[i]);
        } else {
            fputc(s[i], f);
        }
    }
    fputc('"', f);
}

/* A typed value as the format carried it: strings quoted, numbers, true or
 * false, object links "oid:iid", opaque as hex. */
static void print_value(FILE *f, const lwc_value_t *v)
{
    switch (v->type) {
    case LWC_TYPE_STRING:
    case LWC_TYPE_CORELNK:
        print_quoted(f, v->bytes.data, v->bytes.len);
        break;
    case LWC_TYPE_INT:
        fprintf(f, "%lld", (long long)v->i);
        break;
    case LWC_TYPE_UINT:
        fprintf(f, "%llu", (unsigned long long)v->u);
        break;
    case LWC_TYPE_TIME:
        fprintf(f, "%lld (time)", (long long)v->t);
        break;
    case LWC_TYPE_FLOAT:
        print_double(f, v->f);
        break;
    case LWC_TYPE_BOOL:
        fputs(v->b ? "true" : "false", f);
        break;
    case LWC_TYPE_OBJLNK:
        fprintf(f, "%u:%u", (unsigned)v->objlnk.oid, (unsigned)v->objlnk.iid);
        break;
    case LWC_TYPE_OPAQUE:
        fputs(v->bytes.len ? "hex=" : "(empty opaque)", f);
        print_hex(f, v->bytes.data, v->bytes.len);
        break;
    default:
        fprintf(f, "(value of type %u)", (unsigned)v->type);
        break;
    }
}

static void print_entry(FILE *f, const lwci_io_entry_t *e)
{
    char path[LWC_PATH_STR_MAX];
    if (lwc_path_format(&e->path, path, sizeof(path), NULL) != LWC_OK) {
        snprintf(path, sizeof(path), "(bad path)");
    }
    fprintf(f, "  %s", path);
    if (e->kind == LWCI_IO_TYPED) {
        fputs(" = ", f);
        print_value(f, &e->value);
    } else if (e->kind == LWCI_IO_RAW) {
        fputs(" = hex=", f);
        print_hex(f, e->raw, e->raw_len);
    }
    fputc('\n', f);
}

/* Every entry of the payload, decoded against base. LWC_OK, or the
 * decoder's error with *at set to the byte it stopped at. */
static int print_entries(FILE *f, const lwci_io_decoder_ops_t *ops,
                         const lwc_path_t *base, const uint8_t *buf, size_t len,
                         size_t *at)
{
    uint8_t *scratch = ds_xmalloc(DECODE_SCRATCH);
    lwci_io_decoder_t d = {
        .ops = ops, .scratch = scratch, .scratch_cap = DECODE_SCRATCH};
    *at = 0;
    int rc = ops->begin(&d, base);
    for (long n = 0; rc == LWC_OK && n < DECODE_MAX_ENTRIES; n++) {
        lwci_io_entry_t e;
        size_t used = 0;
        rc = ops->next(&d, buf + *at, len - *at, true, &e, &used);
        *at += used <= len - *at ? used : 0;
        if (rc == LWC_OK) {
            print_entry(f, &e);
        }
    }
    free(scratch);
    return rc == LWC_ERR_NOT_FOUND ? LWC_OK : rc;
}

/* Decode into a string (caller frees); the error as above. */
static int render_entries(const lwci_io_decoder_ops_t *ops,
                          const lwc_path_t *base, const uint8_t *buf,
                          size_t len, char **out, size_t *at)
{
    size_t size = 0;
    *out = NULL;
    FILE *m = open_memstream(out, &size);
    if (!m) {
        return LWC_ERR_IO;
    }
    int rc = print_entries(m, ops, base, buf, len, at);
    fclose(m);
    return rc;
}

/*
 * Names in LwM2M SenML and OMA JSON are absolute, but a decoder may refuse
 * entries outside the base it is given; CBOR (60) names nothing and takes
 * the base as its path. So decode against the request path first, then
 * against the root. On failure the entries decoded so far, the error and
 * the payload in hex. False when this build has no decoder for ct.
 */
static bool print_decoded(FILE *f, uint16_t ct, const uint8_t *buf, size_t len,
                          const char *req)
{
    const lwci_io_decoder_ops_t *ops = lwci_io_decoder_find(ct);
    if (!ops) {
        return false;
    }
    lwc_path_t base = LWC_PATH_ROOT;
    if (req && lwc_path_parse(req, strlen(req), &base) != LWC_OK) {
        base = LWC_PATH_ROOT;
    }
    char *text = NULL;
    size_t at = 0;
    int rc = render_entries(ops, &base, buf, len, &text, &at);
    if (rc != LWC_OK && base.len > 0) {
        char *again = NULL;
        size_t at2 = 0;
        if (render_entries(ops, &LWC_PATH_ROOT, buf, len, &again, &at2) ==
            LWC_OK) {
            free(text);
            text = again;
            rc = LWC_OK;
        } else {
            free(again);
        }
    }
    fputs(text ? text : "", f);
    free(text);
    if (rc != LWC_OK) {
        fprintf(f, "  (cannot decode: %s at byte %zu)\n", lwc_strerror(rc), at);
        print_hex_line(f, buf, len);
    }
    return true;
}

void ds_print_payload(FILE *f, int ct, const uint8_t *buf, size_t len,
                      const char *path)
{
    if (len == 0) {
        return;
    }
    switch (ct) {
    case 0: /* text/plain */
        print_text(f, buf, len);
        break;
    case 40: /* application/link-format */
        print_links(f, buf, len);
        break;
    case 11542: /* application/vnd.oma.lwm2m+tlv */
        print_tlv_level(f, buf, len, NULL, path, 1);
        break;
    case 60:    /* application/cbor */
    case 110:   /* application/senml+json */
    case 112:   /* application/senml+cbor */
    case 11543: /* application/vnd.oma.lwm2m+json */
    case 11544: /* application/vnd.oma.lwm2m+cbor */
        if (!print_decoded(f, (uint16_t)ct, buf, len, path)) {
            print_text_and_hex(f, buf, len); /* no decoder in this build */
        }
        break;
    case 50: /* application/json */
        print_text_and_hex(f, buf, len);
        break;
    case DS_CT_NONE:
        if (is_text(buf, len, true)) {
            print_text(f, buf, len);
        } else {
            print_hex_line(f, buf, len);
        }
        break;
    default: /* opaque, unknown */
        print_hex_line(f, buf, len);
        break;
    }
}

char *ds_render_payload(int ct, const uint8_t *buf, size_t len,
                        const char *path)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    if (!f) {
        return ds_strdup("");
    }
    ds_print_payload(f, ct, buf, len, path);
    fclose(f);
    return text ? text : ds_strdup("");
}
