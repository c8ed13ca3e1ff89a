/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * libFuzzer target for the CoRE Link Format parser (RFC 6690 §2). For
 * every input: each link's attributes iterate exactly attr_count times
 * and every helper stays within its buffers; when the whole input parses,
 * writing it back with the writer gives text that parses to the same
 * links and values, and writing that again gives the very same bytes
 * (the writer's form is canonical).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lwc/errors.h>

#include "io/link.h"
#include "support/io_harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_INPUT 4096

/* Runs every attribute helper on a: results stay in range. */
static void poke_attr(const lwci_link_attr_t *a)
{
    char text[64];
    size_t n = 0;
    uint64_t u;
    double f;
    int rc = lwci_link_attr_text(a, text, sizeof(text), &n);
    IOH_CHECK(rc == LWC_OK || rc == LWC_ERR_NO_SPACE ||
              rc == LWC_ERR_NOT_FOUND);
    IOH_CHECK(rc != LWC_OK || n <= a->value_len);
    IOH_CHECK((rc == LWC_ERR_NOT_FOUND) == (a->value == NULL));
    (void)lwci_link_attr_uint(a, &u);
    if (lwci_link_attr_float(a, &f) == LWC_OK) {
        IOH_CHECK(f == f && f - f == 0.0);
    }
}

/*
 * Parse in[0..len) and, when out is not NULL, write every link back.
 * Returns the parser's final code; *links the count.
 */
static int parse_and_write(const char *in, size_t len, lwci_io_sink_t *out,
                           size_t *links)
{
    lwci_link_parser_t p;
    lwci_link_writer_t w;
    lwci_link_t l;
    int rc;
    char *text = malloc(len + 1);
    char *name = malloc(len + 1);
    IOH_CHECK(text != NULL && name != NULL);
    lwci_link_parser_init(&p, in, len);
    if (out) {
        lwci_link_writer_init(&w, out);
    }
    *links = 0;
    /* Every link consumes at least "<>": at most len / 2 + 1 calls. */
    for (size_t guard = 0; guard <= len / 2 + 1; guard++) {
        if ((rc = lwci_link_next(&p, &l)) != LWC_OK) {
            break;
        }
        (*links)++;
        IOH_CHECK(l.uri >= in && l.uri + l.uri_len <= in + len);
        IOH_CHECK(l.params + l.params_len <= in + len);
        lwc_path_t path;
        (void)lwci_link_uri_path(&l, &path);
        if (out) {
            IOH_CHECK(lwci_link_write_uri(&w, l.uri, l.uri_len) == LWC_OK);
        }
        lwci_link_attr_t a;
        size_t it = 0, count = 0;
        while ((rc = lwci_link_attr_next(&l, &it, &a)) == LWC_OK) {
            IOH_CHECK(++count <= l.attr_count);
            IOH_CHECK(a.name_len > 0 && a.name + a.name_len <= in + len);
            poke_attr(&a);
            if (!out) {
                continue;
            }
            memcpy(name, a.name, a.name_len);
            name[a.name_len] = '\0';
            size_t n = 0;
            if (!a.value) {
                IOH_CHECK(lwci_link_write_attr(&w, name) == LWC_OK);
                continue;
            }
            IOH_CHECK(lwci_link_attr_text(&a, text, len + 1, &n) == LWC_OK);
            IOH_CHECK((a.quoted ? lwci_link_write_attr_quoted(&w, name, text, n)
                                : lwci_link_write_attr_token(&w, name, text,
                                                             n)) == LWC_OK);
        }
        IOH_CHECK(rc == LWC_ERR_NOT_FOUND && count == l.attr_count);
    }
    IOH_CHECK(rc == LWC_ERR_NOT_FOUND || rc == LWC_ERR_MALFORMED ||
              rc == LWC_ERR_TOO_LARGE);
    free(text);
    free(name);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT) {
        return 0;
    }
    const char *in = (const char *)data;
    size_t cap = 2 * size + 16;
    uint8_t *a = malloc(cap), *b = malloc(cap);
    lwci_io_sink_t sa, sb;
    size_t links, again;
    IOH_CHECK(a && b);
    lwci_io_sink_init(&sa, a, cap, 0);
    if (parse_and_write(in, size, &sa, &links) == LWC_ERR_NOT_FOUND) {
        /* Escapes only shrink or stay: the rewrite fits in 2x. */
        IOH_CHECK(!lwci_io_sink_more(&sa));
        size_t n = lwci_io_sink_len(&sa);
        lwci_io_sink_init(&sb, b, cap, 0);
        IOH_CHECK(parse_and_write((const char *)a, n, &sb, &again) ==
                  LWC_ERR_NOT_FOUND);
        IOH_CHECK(again == links);
        IOH_CHECK(lwci_io_sink_len(&sb) == n && memcmp(a, b, n) == 0);
    }
    free(a);
    free(b);
    return 0;
}
