/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * CoRE Link Format (application/link-format, 40): RFC 6690 §2, as LwM2M
 * uses it for Register/Update payloads (1.1 Transport §6.4.1,
 * `</>;rt="oma.lwm2m";ct=11543,</1/0>,</3/0>`), Discover responses
 * (1.1 Core §5.4.2, `</3/0>;pmin=10,</3/0/7>;dim=8;gt=50;lt=42.2`) and
 * Bootstrap-Discover (1.1 Core §5.2.7.3, `</>;lwm2m=1.1,</0/0>;ssid=101`).
 *
 * Writer: links and their attributes onto a windowed sink (io.h),
 * strictly forward, so a long Discover answer can go block-wise. Every
 * URI, attribute name and value is checked against the RFC 6690 grammar
 * before anything of it is written.
 *
 * Parser: iterates the links of a payload and the attributes of a link,
 * as spans of the input. Strict grammar (link-value-list of RFC 6690 §2:
 * "<" URI-Reference ">" *( ";" link-param ), parmname per RFC 5987,
 * values as ptoken or quoted-string); the only leniency is whitespace
 * after a ',' and at the end, which the RFC's own examples show. At most
 * LWCI_LINK_MAX_ATTRS attributes per link.
 *
 * No heap, no state beyond the caller's structs; never blocks.
 */
#ifndef LWC_IO_LINK_H
#define LWC_IO_LINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lwc/dm.h>

#include "io/io.h"

/* Attributes one link may carry in parsed input. */
#define LWCI_LINK_MAX_ATTRS 32

/* ---- Writer ----------------------------------------------------------------
 */

typedef struct {
    lwci_io_sink_t *sink;
    bool first;   /* no link written yet */
    bool in_link; /* a link was started: attributes may follow */
} lwci_link_writer_t;

void lwci_link_writer_init(lwci_link_writer_t *w, lwci_io_sink_t *sink);

/*
 * Start a link "<uri>" (a ',' goes before every link but the first).
 * LWC_ERR_INVALID_ARG for characters a URI-reference may not hold
 * (RFC 3986: spaces, controls, non-ASCII, '<', '>', '"', '\\' ...).
 */
int lwci_link_write_uri(lwci_link_writer_t *w, const char *uri, size_t len);

/* Start a link to a data-model path: "</3/0/1>", "</>" for the root.
 * LWC_ERR_INVALID_ARG for an invalid path. */
int lwci_link_write_path(lwci_link_writer_t *w, const lwc_path_t *path);

/*
 * Attributes of the current link. Every one returns LWC_ERR_STATE before
 * the first link and LWC_ERR_INVALID_ARG for a name that is not an RFC
 * 5987 parmname (letters, digits, "!#$&+-.^_`|~", optionally ending in
 * '*') or a value the form cannot carry; nothing is written then.
 */
/* ";name" (no value, e.g. ";obs"). */
int lwci_link_write_attr(lwci_link_writer_t *w, const char *name);
/* ";name=value" with value an RFC 6690 ptoken ("ct=11543", "lwm2m=1.1"). */
int lwci_link_write_attr_token(lwci_link_writer_t *w, const char *name,
                               const char *value, size_t len);
/* ";name=\"value\"": quoted-string with '"' and '\\' escaped; value must
 * be UTF-8 without control characters. */
int lwci_link_write_attr_quoted(lwci_link_writer_t *w, const char *name,
                                const char *value, size_t len);
int lwci_link_write_attr_uint(lwci_link_writer_t *w, const char *name,
                              uint64_t v);
int lwci_link_write_attr_int(lwci_link_writer_t *w, const char *name,
                             int64_t v);
/* Shortest decimal ("gt=50", "lt=42.2"); NaN and infinities invalid. */
int lwci_link_write_attr_float(lwci_link_writer_t *w, const char *name,
                               double v);

/* ---- Parser ----------------------------------------------------------------
 */

typedef struct {
    const char *buf;
    size_t len;
    size_t pos;
} lwci_link_parser_t;

/* One link: spans of the parser's input. */
typedef struct {
    const char *uri; /* between '<' and '>' */
    size_t uri_len;
    const char *params; /* from the first ';' to the end of the link */
    size_t params_len;
    uint8_t attr_count;
} lwci_link_t;

/* One attribute of a link: spans of the parser's input. */
typedef struct {
    const char *name;
    size_t name_len;
    const char *value; /* NULL without a value; a quoted value without its
                          quotes, quoted-pairs still escaped */
    size_t value_len;
    bool quoted;
} lwci_link_attr_t;

void lwci_link_parser_init(lwci_link_parser_t *p, const char *buf, size_t len);

/*
 * The next link with its attributes validated. LWC_OK; LWC_ERR_NOT_FOUND
 * at the end of the input (an empty input has no links);
 * LWC_ERR_MALFORMED for anything outside the grammar (a trailing ',' too);
 * LWC_ERR_TOO_LARGE for more than LWCI_LINK_MAX_ATTRS attributes.
 */
int lwci_link_next(lwci_link_parser_t *p, lwci_link_t *out);

/*
 * Attributes of a link in order: start with *iter = 0. LWC_OK, or
 * LWC_ERR_NOT_FOUND after the last one (LWC_ERR_MALFORMED if the link did
 * not come from lwci_link_next()).
 */
int lwci_link_attr_next(const lwci_link_t *l, size_t *iter,
                        lwci_link_attr_t *out);

/* True when the attribute's name is `name` (ASCII case-insensitive, as
 * RFC 8288 §3 compares parameter names). */
bool lwci_link_attr_is(const lwci_link_attr_t *a, const char *name);

/* The value with quoted-pairs resolved into out[0..cap). LWC_ERR_NOT_FOUND
 * for an attribute without a value; LWC_ERR_NO_SPACE. */
int lwci_link_attr_text(const lwci_link_attr_t *a, char *out, size_t cap,
                        size_t *out_len);

/* The value as an unsigned integer (digits only, quoted or not). */
int lwci_link_attr_uint(const lwci_link_attr_t *a, uint64_t *out);

/* The value as a finite decimal number. */
int lwci_link_attr_float(const lwci_link_attr_t *a, double *out);

/* The link's URI as a data-model path ("/3/0/1", "/"); LWC_ERR_MALFORMED
 * when it is not one. */
int lwci_link_uri_path(const lwci_link_t *l, lwc_path_t *out);

#endif /* LWC_IO_LINK_H */
