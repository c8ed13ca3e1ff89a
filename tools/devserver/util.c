/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Small helpers of lwc-devserver: memory, hex, words, formats, paths. */
#include "devserver.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void *ds_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("lwc-devserver: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

char *ds_strndup(const char *s, size_t n)
{
    char *p = ds_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *ds_strdup(const char *s)
{
    return ds_strndup(s, strlen(s));
}

static int hex_nibble(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

int ds_hex_decode(const char *hex, uint8_t *out, size_t cap, size_t *out_len)
{
    size_t n = strlen(hex);
    if (n >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X')) {
        hex += 2;
        n -= 2;
    }
    if (n % 2 != 0 || n / 2 > cap) {
        return -1;
    }
    for (size_t i = 0; i < n / 2; i++) {
        int hi = hex_nibble(hex[2 * i]);
        int lo = hex_nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            return -1;
        }
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    *out_len = n / 2;
    return 0;
}

/* Copy one word starting at *pp into *wp; handles quotes. -1 on an
 * unterminated quote. */
static int copy_word(const char **pp, char **wp)
{
    const char *p = *pp;
    char *w = *wp;
    bool quoted = false;
    while (*p && (quoted || !isspace((unsigned char)*p))) {
        if (*p == '"') {
            quoted = !quoted;
            p++;
            continue;
        }
        if (quoted && *p == '\\' && (p[1] == '"' || p[1] == '\\')) {
            p++;
        }
        *w++ = *p++;
    }
    *w++ = '\0';
    *pp = p;
    *wp = w;
    return quoted ? -1 : 0;
}

int ds_split_words(const char *line, char *buf, char **argv, int max)
{
    int argc = 0;
    const char *p = line;
    char *w = buf;
    for (;;) {
        while (isspace((unsigned char)*p)) {
            p++;
        }
        if (!*p) {
            return argc;
        }
        if (argc == max) {
            return -1;
        }
        argv[argc++] = w;
        if (copy_word(&p, &w) < 0) {
            return -1;
        }
    }
}

/* Content-Format names: LwM2M Core 1.1 §7.4 and the CoRE registry. */
static const struct {
    const char *name;
    int ct;
} format_names[] = {
    {.name = "text", .ct = 0},           {.name = "link", .ct = 40},
    {.name = "opaque", .ct = 42},        {.name = "cbor", .ct = 60},
    {.name = "senml-json", .ct = 110},   {.name = "senml-cbor", .ct = 112},
    {.name = "tlv", .ct = 11542},        {.name = "json", .ct = 11543},
    {.name = "lwm2m-cbor", .ct = 11544},
};

int ds_parse_format(const char *s)
{
    for (size_t i = 0; i < sizeof(format_names) / sizeof(format_names[0]);
         i++) {
        if (strcasecmp(s, format_names[i].name) == 0) {
            return format_names[i].ct;
        }
    }
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 0 || v > 65535) {
        return -1;
    }
    return (int)v;
}

int64_t ds_parse_seconds(const char *s)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v) || v < 0 || v > 1e7) {
        return -1;
    }
    return (int64_t)(v * 1000.0 + 0.5);
}

void ds_code_str(coap_pdu_code_t code, char *buf, size_t cap)
{
    unsigned c = (unsigned)code;
    snprintf(buf, cap, "%u.%02u", (c >> 5) & 7u, c & 31u);
}

int ds_path_segments(const char *path, char *buf, const char **seg, int max)
{
    int n = 0;
    const char *p = path;
    char *w = buf;
    while (*p) {
        while (*p == '/') {
            p++;
        }
        if (!*p) {
            break;
        }
        size_t len = strcspn(p, "/");
        if (n == max || len > 255) {
            return -1;
        }
        memcpy(w, p, len);
        w[len] = '\0';
        seg[n++] = w;
        w += len + 1;
        p += len;
    }
    return n;
}

char *ds_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    size_t cap = 4096;
    char *buf = ds_xmalloc(cap);
    size_t n;
    *len = 0;
    while ((n = fread(buf + *len, 1, cap - *len - 1, f)) > 0) {
        *len += n;
        if (*len + 1 == cap) {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                break;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    bool bad = ferror(f) != 0 || !feof(f);
    fclose(f);
    buf[*len] = '\0';
    if (bad) {
        free(buf);
        return NULL;
    }
    return buf;
}

char *ds_next_word(const char **pp, bool *quoted, bool *bad)
{
    const char *p = *pp + strspn(*pp, " \t");
    char *w = ds_xmalloc(strlen(p) + 1);
    size_t n = 0;
    bool in_quote = false;
    bool after_eq = false;
    *quoted = false;
    *bad = false;
    while (*p && (in_quote || !isspace((unsigned char)*p))) {
        if (*p == '"') {
            *quoted = *quoted || after_eq;
            in_quote = !in_quote;
            p++;
            continue;
        }
        if (in_quote && *p == '\\' && (p[1] == '"' || p[1] == '\\')) {
            p++;
        }
        after_eq = after_eq || *p == '=';
        w[n++] = *p++;
    }
    w[n] = '\0';
    *pp = p;
    if (in_quote || n == 0) {
        *bad = in_quote;
        free(w);
        return NULL;
    }
    return w;
}

void ds_senml_value(ds_senml_rec_t *rec, const char *text, bool quoted)
{
    char *end = NULL;
    rec->kind = DS_SENML_STRING;
    rec->s = ds_strdup(text);
    if (quoted) {
        return;
    }
    if (strcmp(text, "true") == 0 || strcmp(text, "false") == 0) {
        rec->kind = DS_SENML_BOOL;
        rec->b = text[0] == 't';
        return;
    }
    errno = 0;
    long long i = strtoll(text, &end, 10);
    if (*text && !errno && !*end) {
        rec->kind = DS_SENML_INT;
        rec->i = i;
        return;
    }
    errno = 0;
    double f = strtod(text, &end);
    if (*text && !errno && !*end && isfinite(f)) {
        rec->kind = DS_SENML_FLOAT;
        rec->f = f;
    }
}

/* The shortest of %.15g / %.17g that reads back as the same double. */
static void json_double(FILE *f, double v)
{
    char buf[40];
    snprintf(buf, sizeof(buf), "%.15g", v);
    if (strtod(buf, NULL) != v) {
        snprintf(buf, sizeof(buf), "%.17g", v);
    }
    fputs(buf, f);
}

/* A JSON string (RFC 8259 §7): quotes, backslashes and controls escaped. */
static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            fprintf(f, "\\%c", c);
        } else if (c < 0x20) {
            fprintf(f, "\\u%04x", c);
        } else {
            fputc(c, f);
        }
    }
    fputc('"', f);
}

/* One SenML JSON record (RFC 8428 §4, labels n, v, vb, vs). */
static void json_record(FILE *f, const ds_senml_rec_t *r)
{
    fputs("{\"n\":", f);
    json_string(f, r->path);
    switch (r->kind) {
    case DS_SENML_INT:
        fprintf(f, ",\"v\":%lld", (long long)r->i);
        break;
    case DS_SENML_FLOAT:
        fputs(",\"v\":", f);
        json_double(f, r->f);
        break;
    case DS_SENML_BOOL:
        fprintf(f, ",\"vb\":%s", r->b ? "true" : "false");
        break;
    case DS_SENML_STRING:
        fputs(",\"vs\":", f);
        json_string(f, r->s);
        break;
    case DS_SENML_NONE:
        break;
    }
    fputc('}', f);
}

/* A CBOR head (RFC 8949 §3): major type and argument, shortest form. */
static void cbor_head(FILE *f, unsigned major, uint64_t v)
{
    unsigned bytes = v < 24             ? 0
                     : v <= 0xff        ? 1
                     : v <= 0xffff      ? 2
                     : v <= 0xffffffffu ? 4
                                        : 8;
    unsigned ai = bytes == 0   ? (unsigned)v
                  : bytes == 1 ? 24u
                  : bytes == 2 ? 25u
                  : bytes == 4 ? 26u
                               : 27u;
    fputc((int)(major << 5 | ai), f);
    for (unsigned k = bytes; k > 0; k--) {
        fputc((int)((v >> (8 * (k - 1))) & 0xff), f);
    }
}

static void cbor_text(FILE *f, const char *s)
{
    cbor_head(f, 3, strlen(s));
    fputs(s, f);
}

/* One SenML CBOR record (RFC 8428 §6: n = 0, v = 2, vs = 3, vb = 4). */
static void cbor_record(FILE *f, const ds_senml_rec_t *r)
{
    uint64_t bits;
    cbor_head(f, 5, r->kind == DS_SENML_NONE ? 1 : 2);
    cbor_head(f, 0, 0);
    cbor_text(f, r->path);
    switch (r->kind) {
    case DS_SENML_INT:
        cbor_head(f, 0, 2);
        cbor_head(f, r->i < 0 ? 1 : 0,
                  r->i < 0 ? (uint64_t)(-(r->i + 1)) : (uint64_t)r->i);
        break;
    case DS_SENML_FLOAT:
        cbor_head(f, 0, 2);
        memcpy(&bits, &r->f, sizeof(bits));
        fputc(0xfb, f); /* a double (RFC 8949 §3.3) */
        for (int k = 7; k >= 0; k--) {
            fputc((int)((bits >> (8 * k)) & 0xff), f);
        }
        break;
    case DS_SENML_BOOL:
        cbor_head(f, 0, 4);
        fputc(r->b ? 0xf5 : 0xf4, f);
        break;
    case DS_SENML_STRING:
        cbor_head(f, 0, 3);
        cbor_text(f, r->s);
        break;
    case DS_SENML_NONE:
        break;
    }
}

int ds_senml_encode(int ct, const ds_senml_rec_t *recs, size_t n, uint8_t **out,
                    size_t *out_len)
{
    if (ct != 110 && ct != 112) {
        return -1;
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) {
        return -1;
    }
    if (ct == 112) {
        cbor_head(f, 4, n);
    } else {
        fputc('[', f);
    }
    for (size_t k = 0; k < n; k++) {
        if (ct == 112) {
            cbor_record(f, &recs[k]);
        } else {
            fputs(k ? "," : "", f);
            json_record(f, &recs[k]);
        }
    }
    if (ct == 110) {
        fputc(']', f);
    }
    fclose(f);
    *out = (uint8_t *)buf;
    *out_len = len;
    return 0;
}
