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
