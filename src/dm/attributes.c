/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Write-Attributes (LwM2M 1.1 Core §5.4.4) and the attribute store behind
 * it (§5.1.2; edge, con, hqmax and the Resource Instance level from 1.2
 * Core §5.1.2). A request "PUT /3/0/7?pmin=10&gt=20.5&lt" sets pmin and
 * gt and removes lt ("lt" or "lt=" without a value removes an attribute).
 * The whole request is checked against the attributes already at that
 * level before anything is stored: numbers well-formed, gt/lt/st only on
 * numeric resources and edge only on boolean ones (single resources or
 * resource instances), lt < gt and lt + 2*st < gt, pmin <= pmax and
 * epmin <= epmax when both are set at that level. A request that needs a
 * new record when the pool is full is 4.13, like a full pool on Write
 * and Create (lwci_dm_code()).
 */
#include <string.h>

#include "dm/attributes.h"
#include "io/text.h"

static const char *const attr_names[LWCI_ATTR_COUNT] = {
    [LWCI_ATTR_PMIN] = "pmin",   [LWCI_ATTR_PMAX] = "pmax",
    [LWCI_ATTR_GT] = "gt",       [LWCI_ATTR_LT] = "lt",
    [LWCI_ATTR_ST] = "st",       [LWCI_ATTR_EPMIN] = "epmin",
    [LWCI_ATTR_EPMAX] = "epmax", [LWCI_ATTR_EDGE] = "edge",
    [LWCI_ATTR_CON] = "con",     [LWCI_ATTR_HQMAX] = "hqmax",
};

#define CHANGE_VALUE_BITS                                                      \
    (LWCI_ATTR_BIT(LWCI_ATTR_GT) | LWCI_ATTR_BIT(LWCI_ATTR_LT) |               \
     LWCI_ATTR_BIT(LWCI_ATTR_ST))

static int find_index(const lwci_dm_t *dm, uint16_t ssid,
                      const lwc_path_t *path)
{
    for (int i = 0; i < LWC_MAX_ATTRIBUTES; i++) {
        const lwci_dm_attr_rec_t *r = &dm->attrs[i];
        if (r->attrs.set && r->ssid == ssid && lwc_path_equal(&r->path, path)) {
            return i;
        }
    }
    return -1;
}

const lwci_dm_attrs_t *lwci_dm_attr_find(const lwci_dm_t *dm, uint16_t ssid,
                                         const lwc_path_t *path)
{
    if (!dm || !path) {
        return NULL;
    }
    int i = find_index(dm, ssid, path);
    return i < 0 ? NULL : &dm->attrs[i].attrs;
}

void lwci_dm_attr_forget(lwci_dm_t *dm, uint16_t ssid, const lwc_path_t *prefix)
{
    if (!dm || !prefix) {
        return;
    }
    for (int i = 0; i < LWC_MAX_ATTRIBUTES; i++) {
        lwci_dm_attr_rec_t *r = &dm->attrs[i];
        if ((ssid == 0 || r->ssid == ssid) &&
            lwc_path_starts_with(&r->path, prefix)) {
            memset(r, 0, sizeof(*r));
        }
    }
}

/* ---- Parsing the query ---------------------------------------------------
 */

static int attr_id(const char *name, size_t len)
{
    for (int i = 0; i < LWCI_ATTR_COUNT; i++) {
        if (strlen(attr_names[i]) == len &&
            memcmp(attr_names[i], name, len) == 0) {
            return i;
        }
    }
    return -1;
}

/* Integer attributes: digits only, at most INT32_MAX (Integer, §5.1.2). */
static int parse_period(const char *s, size_t len, uint32_t *out)
{
    uint64_t v;
    if (len == 0 || s[0] < '0' || s[0] > '9' ||
        lwci_text_parse_uint(s, len, &v) != LWC_OK || v > INT32_MAX) {
        return LWC_ERR_MALFORMED;
    }
    *out = (uint32_t)v;
    return LWC_OK;
}

/* Decimal numbers without NaN or infinities ("20.5", "-3", "1e3"). */
static int parse_number(const char *s, size_t len, double *out)
{
    for (size_t i = 0; i < len; i++) {
        if (!strchr("0123456789.-+eE", s[i]) || s[i] == '\0') {
            return LWC_ERR_MALFORMED;
        }
    }
    return lwci_text_parse_float(s, len, out) == LWC_OK ? LWC_OK
                                                        : LWC_ERR_MALFORMED;
}

static int parse_flag(const char *s, size_t len, bool *out)
{
    if (len != 1 || (s[0] != '0' && s[0] != '1')) {
        return LWC_ERR_MALFORMED;
    }
    *out = s[0] == '1';
    return LWC_OK;
}

static int set_value(lwci_dm_attrs_t *a, int id, const char *s, size_t len)
{
    switch (id) {
    case LWCI_ATTR_PMIN:
        return parse_period(s, len, &a->pmin);
    case LWCI_ATTR_PMAX:
        return parse_period(s, len, &a->pmax);
    case LWCI_ATTR_EPMIN:
        return parse_period(s, len, &a->epmin);
    case LWCI_ATTR_EPMAX:
        return parse_period(s, len, &a->epmax);
    case LWCI_ATTR_HQMAX:
        return parse_period(s, len, &a->hqmax);
    case LWCI_ATTR_GT:
        return parse_number(s, len, &a->gt);
    case LWCI_ATTR_LT:
        return parse_number(s, len, &a->lt);
    case LWCI_ATTR_ST:
        return parse_number(s, len, &a->st);
    case LWCI_ATTR_EDGE:
        return parse_flag(s, len, &a->edge);
    default:
        return parse_flag(s, len, &a->con);
    }
}

/*
 * Apply one query value ("name=value", "name=" or "name") to *a; *seen
 * catches an attribute named twice. LWC_ERR_MALFORMED for an unknown name
 * (dim, ver and the Bootstrap-Discover ones are read-only) or bad value.
 */
static int apply_query(lwci_dm_attrs_t *a, uint16_t *seen,
                       const lwci_dm_slice_t *q)
{
    const char *eq = q->len ? memchr(q->s, '=', q->len) : NULL;
    size_t name_len = eq ? (size_t)(eq - q->s) : q->len;
    int id = attr_id(q->s, name_len);
    if (id < 0 || (*seen & LWCI_ATTR_BIT(id))) {
        return LWC_ERR_MALFORMED;
    }
    *seen |= LWCI_ATTR_BIT(id);
    size_t vlen = eq ? q->len - name_len - 1 : 0;
    if (vlen == 0) {
        a->set &= (uint16_t)~LWCI_ATTR_BIT(id);
        return LWC_OK;
    }
    int rc = set_value(a, id, eq + 1, vlen);
    if (rc == LWC_OK) {
        a->set |= LWCI_ATTR_BIT(id);
    }
    return rc;
}

/* ---- Checks --------------------------------------------------------------
 */

static bool has(const lwci_dm_attrs_t *a, int id)
{
    return (a->set & LWCI_ATTR_BIT(id)) != 0;
}

/* §5.1.2 / §5.4.4: the rules between attributes of one level. */
static bool consistent(const lwci_dm_attrs_t *a)
{
    if (has(a, LWCI_ATTR_ST) && a->st < 0) {
        return false;
    }
    if (has(a, LWCI_ATTR_GT) && has(a, LWCI_ATTR_LT)) {
        if (!(a->lt < a->gt)) {
            return false;
        }
        if (has(a, LWCI_ATTR_ST) && !(a->lt + 2 * a->st < a->gt)) {
            return false;
        }
    }
    if (has(a, LWCI_ATTR_PMIN) && has(a, LWCI_ATTR_PMAX) && a->pmax < a->pmin) {
        return false;
    }
    return !(has(a, LWCI_ATTR_EPMIN) && has(a, LWCI_ATTR_EPMAX) &&
             a->epmax < a->epmin);
}

/* gt/lt/st need a numeric value and edge a boolean one, both at a single
 * resource or a resource instance (§5.1.2 "Applicability"). */
static bool level_allows(const lwc_resource_def_t *def, uint8_t len,
                         uint16_t set)
{
    /*
     * Core 1.1 §5.1.2: gt/lt/st (and 1.2's edge) attach to a Resource or a
     * Resource Instance. On a multiple resource they apply to each of its
     * instances, as Anjay and the OMA ETS (int-260) do.
     */
    bool value_level = def && len >= 3;
    if (set & CHANGE_VALUE_BITS) {
        if (!value_level ||
            (def->type != LWC_TYPE_INT && def->type != LWC_TYPE_UINT &&
             def->type != LWC_TYPE_FLOAT)) {
            return false;
        }
    }
    if (set & LWCI_ATTR_BIT(LWCI_ATTR_EDGE)) {
        return value_level && def->type == LWC_TYPE_BOOL;
    }
    return true;
}

/*
 * Whether the resource (instance) at path exists: a negative CoAP code
 * (4.04 absent, 4.05 not readable, so never observable) or 0.
 */
static int check_target(const lwci_dm_request_t *req, const lwc_object_t *obj,
                        const lwc_resource_def_t **def)
{
    const lwc_path_t *p = &req->path;
    int rc = lwci_dm_instance_exists(obj, p->ids[1]);
    if (rc != LWC_OK) {
        return -lwci_dm_code(rc, 0, false);
    }
    *def = lwci_dm_find_resource(obj, p->ids[2]);
    if (!*def || (p->len == 4 && !(*def)->multiple)) {
        return -LWC_COAP_NOT_FOUND;
    }
    if (!lwci_dm_readable(*def, req->bootstrap)) {
        return -LWC_COAP_METHOD_NOT_ALLOWED;
    }
    if (!(*def)->multiple) {
        lwc_value_t v = {.type = (*def)->type};
        rc = lwci_dm_read_value(obj, p->ids[1], *def, LWC_ID_NONE, &v);
        return rc == LWC_ERR_NOT_FOUND ? -LWC_COAP_NOT_FOUND : 0;
    }
    int32_t after = p->len == 4 ? (int32_t)p->ids[3] - 1 : -1;
    int32_t riid = -1;
    rc =
        lwci_dm_next_resource_instance(obj, p->ids[1], p->ids[2], after, &riid);
    if (rc != LWC_OK) {
        return -lwci_dm_code(rc, 0, false);
    }
    return p->len == 4 && riid != p->ids[3] ? -LWC_COAP_NOT_FOUND : 0;
}

/* ---- Write-Attributes ----------------------------------------------------
 */

/* Store *a for (ssid, path): update, free or allocate a record. */
static uint8_t store(lwci_dm_t *dm, uint16_t ssid, const lwc_path_t *path,
                     const lwci_dm_attrs_t *a)
{
    int i = find_index(dm, ssid, path);
    if (i < 0 && a->set == 0) {
        return LWC_COAP_CHANGED;
    }
    for (int k = 0; i < 0 && k < LWC_MAX_ATTRIBUTES; k++) {
        if (dm->attrs[k].attrs.set == 0) {
            i = k;
        }
    }
    if (i < 0) {
        return LWC_COAP_REQUEST_ENTITY_TOO_LARGE;
    }
    lwci_dm_attr_rec_t *r = &dm->attrs[i];
    memset(r, 0, sizeof(*r));
    if (a->set) {
        r->attrs = *a;
        r->path = *path;
        r->ssid = ssid;
    }
    return LWC_COAP_CHANGED;
}

void lwci_dm_do_write_attributes(lwci_dm_t *dm, const lwci_dm_request_t *req,
                                 const lwc_object_t *obj,
                                 lwci_dm_response_t *resp)
{
    const lwc_resource_def_t *def = NULL;
    int rc = 0;
    if (req->path.len == 2) {
        rc = lwci_dm_instance_exists(obj, req->path.ids[1]);
        rc = rc == LWC_OK ? 0 : -lwci_dm_code(rc, 0, false);
    } else if (req->path.len > 2) {
        rc = check_target(req, obj, &def);
    }
    if (rc < 0) {
        resp->code = (uint8_t)-rc;
        return;
    }
    lwci_dm_attrs_t a = {0};
    const lwci_dm_attrs_t *old = lwci_dm_attr_find(dm, req->ssid, &req->path);
    if (old) {
        a = *old;
    }
    uint16_t seen = 0;
    for (size_t i = 0; i < req->query_count; i++) {
        if (apply_query(&a, &seen, &req->query[i]) != LWC_OK) {
            resp->code = LWC_COAP_BAD_REQUEST;
            return;
        }
    }
    if (!level_allows(def, req->path.len, seen & a.set) || !consistent(&a)) {
        resp->code = LWC_COAP_BAD_REQUEST;
        return;
    }
    resp->code = store(dm, req->ssid, &req->path, &a);
}

/* ---- Resolution and output -----------------------------------------------
 */

void lwci_dm_attr_merge(lwci_dm_attrs_t *out, const lwci_dm_attrs_t *a)
{
    uint16_t add = (uint16_t)(a->set & ~out->set);
    if (add & LWCI_ATTR_BIT(LWCI_ATTR_PMIN)) {
        out->pmin = a->pmin;
    }
    if (add & LWCI_ATTR_BIT(LWCI_ATTR_PMAX)) {
        out->pmax = a->pmax;
    }
    if (add & LWCI_ATTR_BIT(LWCI_ATTR_GT)) {
        out->gt = a->gt;
    }
    if (add & LWCI_ATTR_BIT(LWCI_ATTR_LT)) {
        out->lt = a->lt;
    }
    if (add & LWCI_ATTR_BIT(LWCI_ATTR_ST)) {
        out->st = a->st;
    }
    if (add & LWCI_ATTR_BIT(LWCI_ATTR_EPMIN)) {
        out->epmin = a->epmin;
    }
    if (add & LWCI_ATTR_BIT(LWCI_ATTR_EPMAX)) {
        out->epmax = a->epmax;
    }
    if (add & LWCI_ATTR_BIT(LWCI_ATTR_EDGE)) {
        out->edge = a->edge;
    }
    if (add & LWCI_ATTR_BIT(LWCI_ATTR_CON)) {
        out->con = a->con;
    }
    if (add & LWCI_ATTR_BIT(LWCI_ATTR_HQMAX)) {
        out->hqmax = a->hqmax;
    }
    out->set |= add;
}

/* 1/x/2 and 1/x/3 of the Server instance whose 1/x/0 is ssid. */
static void server_defaults(lwci_dm_t *dm, uint16_t ssid, lwci_dm_attrs_t *out)
{
    uint16_t iid;
    int32_t after = -1;
    /* Each step reports a larger ID, so this ends within 65535 steps. */
    while (lwci_dm_next_instance(dm, LWC_OID_SERVER, after, &iid) == LWC_OK) {
        int64_t v;
        after = iid;
        if (lwci_dm_get_int(dm, &LWC_PATH(LWC_OID_SERVER, iid, 0), &v) !=
                LWC_OK ||
            v != ssid) {
            continue;
        }
        lwci_dm_attrs_t d = {0};
        if (lwci_dm_get_int(dm, &LWC_PATH(LWC_OID_SERVER, iid, 2), &v) ==
                LWC_OK &&
            v >= 0 && v <= INT32_MAX) {
            d.pmin = (uint32_t)v;
            d.set |= LWCI_ATTR_BIT(LWCI_ATTR_PMIN);
        }
        if (lwci_dm_get_int(dm, &LWC_PATH(LWC_OID_SERVER, iid, 3), &v) ==
                LWC_OK &&
            v > 0 && v <= INT32_MAX) {
            d.pmax = (uint32_t)v;
            d.set |= LWCI_ATTR_BIT(LWCI_ATTR_PMAX);
        }
        lwci_dm_attr_merge(out, &d);
        return;
    }
}

int lwci_dm_attr_get(lwci_dm_t *dm, uint16_t ssid, const lwc_path_t *path,
                     lwci_dm_attrs_t *out)
{
    if (!dm || !out || !lwc_path_is_valid(path) || path->len == 0) {
        return LWC_ERR_INVALID_ARG;
    }
    memset(out, 0, sizeof(*out));
    for (uint8_t len = path->len; len >= 1; len--) {
        lwc_path_t p = *path;
        p.len = len;
        const lwci_dm_attrs_t *a = lwci_dm_attr_find(dm, ssid, &p);
        if (a) {
            lwci_dm_attr_merge(out, a);
        }
    }
    server_defaults(dm, ssid, out);
    if (!has(out, LWCI_ATTR_PMIN)) {
        out->pmin = 0; /* "If this Resource doesn't exist, the default
                          value is 0" (Server object, 1/x/2) */
        out->set |= LWCI_ATTR_BIT(LWCI_ATTR_PMIN);
    }
    return LWC_OK;
}

/* The value of an integer attribute (pmin, pmax, epmin, epmax, hqmax). */
static uint32_t period(const lwci_dm_attrs_t *a, int id)
{
    switch (id) {
    case LWCI_ATTR_PMIN:
        return a->pmin;
    case LWCI_ATTR_PMAX:
        return a->pmax;
    case LWCI_ATTR_EPMIN:
        return a->epmin;
    case LWCI_ATTR_EPMAX:
        return a->epmax;
    default:
        return a->hqmax;
    }
}

int lwci_dm_attr_write_link(lwci_link_writer_t *w, const lwci_dm_attrs_t *a)
{
    int rc = LWC_OK;
    for (int id = 0; id < LWCI_ATTR_COUNT && rc == LWC_OK; id++) {
        if (!has(a, id)) {
            continue;
        }
        const char *n = attr_names[id];
        switch (id) {
        case LWCI_ATTR_GT:
            rc = lwci_link_write_attr_float(w, n, a->gt);
            break;
        case LWCI_ATTR_LT:
            rc = lwci_link_write_attr_float(w, n, a->lt);
            break;
        case LWCI_ATTR_ST:
            rc = lwci_link_write_attr_float(w, n, a->st);
            break;
        case LWCI_ATTR_EDGE:
            rc = lwci_link_write_attr_uint(w, n, a->edge);
            break;
        case LWCI_ATTR_CON:
            rc = lwci_link_write_attr_uint(w, n, a->con);
            break;
        default:
            rc = lwci_link_write_attr_uint(w, n, period(a, id));
            break;
        }
    }
    return rc;
}
