/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Record names of the SenML decoders (SenML JSON, SenML CBOR, and the
 * base name of OMA LwM2M JSON): one rule, so that a payload names the same
 * paths whichever of them carries it.
 *
 * RFC 8428 §4.5.1: a record's name is the base name in force ("bn", from
 * this or an earlier record) and its "n" concatenated. LwM2M 1.1 Core
 * §7.4.4 (SenML JSON) and §7.4.5 (SenML CBOR) make that name the path of
 * an object, instance, resource or resource instance, written "/3/0/1";
 * the specification's examples use "bn":"/3/0/" with "n":"1", or full
 * names without a base name.
 *
 *   - bn: empty (no base name), or '/' and a path, with or without a
 *     trailing '/' ("/", "/3/0/", "/3/0/1"); not "//", not a trailing '/'
 *     after 4 IDs. Anything else is LWC_ERR_MALFORMED.
 *   - name = bn + n. A bn without a trailing '/' and an n that does not
 *     start with one would run two IDs together ("/3/0" + "1" is
 *     "/3/01"): LWC_ERR_MALFORMED rather than a path nobody meant.
 *   - An empty name is the request path.
 *   - A name starting with '/' is an absolute path.
 *   - A name without a leading '/' (only possible without a base name;
 *     servers differ here) is the absolute path it spells when that lies
 *     under the request path (Leshan writes "3/0/1" for /3/0/1), else a
 *     path relative to the request path (Wakaama writes "1" under /3/0).
 *   - The result must be a valid path (IDs up to 65534, at most 4) that
 *     lies under the request path: else LWC_ERR_MALFORMED (answered 4.00).
 *
 * bn and n texts are at most LWCI_SENML_NAME_MAX bytes each.
 */
#ifndef LWC_IO_SENML_NAME_H
#define LWC_IO_SENML_NAME_H

#include <stddef.h>

#include <lwc/dm.h>

/* Longest "bn" or "n" text accepted (a path is at most 24 characters). */
#define LWCI_SENML_NAME_MAX 48

/*
 * A base name is stored as the path it names, with whether its text ended
 * in '/' kept in ids[3] of a path shorter than 4 (LWC_ID_NONE: it did).
 * The root without a slash stands for "no base name".
 */
void lwci_senml_bn_none(lwc_path_t *out);

/* The stored form of base name text t[0..len): LWC_OK or
 * LWC_ERR_MALFORMED (see the header comment). */
int lwci_senml_bn_from_text(const char *t, size_t len, lwc_path_t *out);

/*
 * The path of a record: stored base name bn joined with name text
 * n[0..n_len) (n_len 0: no name), resolved against the request path
 * `base`. LWC_OK, or LWC_ERR_MALFORMED for a name that gives no valid path
 * under `base`.
 */
int lwci_senml_name_resolve(const lwc_path_t *bn, const char *n, size_t n_len,
                            const lwc_path_t *base, lwc_path_t *out);

#endif /* LWC_IO_SENML_NAME_H */
