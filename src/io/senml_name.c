/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* SenML record names (RFC 8428 §4.5.1, LwM2M 1.1 Core §7.4.4 / §7.4.5):
 * see senml_name.h. */
#include "io/senml_name.h"

#include <stdbool.h>
#include <string.h>

/* ids[3] of a base name path shorter than 4: its text ended in '/'. */
#define BN_SLASH LWC_ID_NONE

void lwci_senml_bn_none(lwc_path_t *out)
{
    *out = LWC_PATH_ROOT;
    out->ids[3] = 0;
}

static bool bn_slash(const lwc_path_t *bn)
{
    return bn->len < 4 && bn->ids[3] == BN_SLASH;
}

int lwci_senml_bn_from_text(const char *t, size_t n, lwc_path_t *out)
{
    if (n == 0) {
        lwci_senml_bn_none(out);
        return LWC_OK;
    }
    bool slash = t[n - 1] == '/';
    lwc_path_t p = LWC_PATH_ROOT;
    if (n > LWCI_SENML_NAME_MAX || t[0] != '/' ||
        (slash && n >= 2 && t[n - 2] == '/')) {
        return LWC_ERR_MALFORMED;
    }
    if (n > 1 && lwc_path_parse(t, slash ? n - 1 : n, &p) != LWC_OK) {
        return LWC_ERR_MALFORMED;
    }
    if (slash && p.len == 4) {
        return LWC_ERR_MALFORMED; /* every name under it is too deep */
    }
    if (p.len < 4) {
        p.ids[3] = slash ? BN_SLASH : 0;
    }
    *out = p;
    return LWC_OK;
}

/* The text of a stored base name into buf[0..LWC_PATH_STR_MAX]: "" for
 * none, "/" for the root with a slash. */
static size_t bn_text(const lwc_path_t *bn, char *buf)
{
    size_t n = 0;
    if (bn->len > 0) {
        lwc_path_t p = *bn;
        if (lwc_path_format(&p, buf, LWC_PATH_STR_MAX, &n) != LWC_OK) {
            n = 0;
        }
    }
    if (bn_slash(bn)) {
        buf[n++] = '/';
    }
    return n;
}

/* A name t[0..k) without a leading '/': absolute when that lies under the
 * request path, else relative to it. */
static int resolve_unrooted(const char *t, size_t k, const lwc_path_t *base,
                            lwc_path_t *out)
{
    char a[LWC_PATH_STR_MAX + 1 + LWCI_SENML_NAME_MAX];
    size_t m = 0;
    a[0] = '/';
    memcpy(a + 1, t, k);
    if (lwc_path_parse(a, k + 1, out) == LWC_OK &&
        lwc_path_starts_with(out, base)) {
        return LWC_OK; /* Leshan: "3/0/1" for /3/0/1 */
    }
    if (lwc_path_format(base, a, LWC_PATH_STR_MAX, &m) != LWC_OK) {
        return LWC_ERR_MALFORMED;
    }
    if (m > 1) {
        a[m++] = '/'; /* "/" alone for the root */
    }
    memcpy(a + m, t, k); /* Wakaama: "1" under /3/0 */
    return lwc_path_parse(a, m + k, out) == LWC_OK ? LWC_OK : LWC_ERR_MALFORMED;
}

int lwci_senml_name_resolve(const lwc_path_t *bn, const char *n, size_t n_len,
                            const lwc_path_t *base, lwc_path_t *out)
{
    char t[LWC_PATH_STR_MAX + LWCI_SENML_NAME_MAX];
    size_t k = bn_text(bn, t);
    lwc_path_t p = LWC_PATH_ROOT;
    if (n_len > LWCI_SENML_NAME_MAX ||
        (n_len > 0 && k > 0 && t[k - 1] != '/' && n[0] != '/')) {
        return LWC_ERR_MALFORMED;
    }
    if (n_len > 0) {
        memcpy(t + k, n, n_len);
        k += n_len;
    }
    int rc = LWC_OK;
    if (k == 0) {
        p = *base;
    } else if (t[0] == '/') {
        rc = lwc_path_parse(t, k, &p) == LWC_OK ? LWC_OK : LWC_ERR_MALFORMED;
    } else {
        rc = resolve_unrooted(t, k, base, &p);
    }
    if (rc != LWC_OK || !lwc_path_starts_with(&p, base)) {
        return LWC_ERR_MALFORMED;
    }
    *out = p;
    return LWC_OK;
}
