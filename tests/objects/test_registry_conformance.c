/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The resource tables of the standard objects (Security 0, Server 1,
 * Device 3, Connectivity Monitoring 4, Location 6) and of the example
 * objects IPSO Temperature (3303) and Portfolio (16) against the OMA LwM2M
 * registry's XML definitions: same Object ID, version, multiplicity, and
 * for every resource the same ID, type, operations, multiplicity and
 * mandatory flag, with nothing missing and nothing extra.
 *
 * The XML files are read at run time from the directory named by the
 * environment variable LWC_OMA_REGISTRY_DIR, else by the compile
 * definition of the same name; the registry tests are skipped when it does
 * not exist. The scanner is a few bounded string searches (no XML
 * library): CDATA sections and comments are blanked first, so text inside
 * descriptions can never be mistaken for a tag. The last tests prove the
 * comparison fails when any single field of a table differs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include <lwc/objects/connmon.h>
#include <lwc/objects/device.h>
#include <lwc/objects/location.h>
#include <lwc/objects/security.h>
#include <lwc/objects/server.h>

#include "portfolio.h"
#include "temperature.h"

#define MAX_XML_BYTES (1024 * 1024)
#define MAX_ITEMS     256
#define MAX_TEXT      64
#define BAD           0xFFu /* an XML value this test does not know */

/* One <Item> of an object definition, in lwc's terms. */
typedef struct {
    uint16_t rid;
    uint8_t type;
    uint8_t ops;
    uint8_t multiple;  /* 0, 1, or BAD */
    uint8_t mandatory; /* 0, 1, or BAD */
} xml_item_t;

typedef struct {
    uint16_t oid;
    char version[MAX_TEXT]; /* "1.0" when the file has none */
    uint8_t multi_instance; /* 0, 1, or BAD */
    size_t count;
    xml_item_t items[MAX_ITEMS];
} xml_object_t;

/* ---- A bounded XML scanner ---------------------------------------------- */

/* First occurrence of needle in [b, e), or NULL. */
static const char *find(const char *b, const char *e, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = b; p + n <= e; p++) {
        if (memcmp(p, needle, n) == 0) {
            return p;
        }
    }
    return NULL;
}

/* Overwrite each `open ... close` section of buf with spaces. */
static void blank_sections(char *buf, size_t len, const char *open,
                           const char *close)
{
    const char *e = buf + len;
    size_t pos = 0;
    /* Each round moves pos past one section, so this ends. */
    while (pos < len) {
        const char *s = find(buf + pos, e, open);
        if (!s) {
            return;
        }
        const char *c = find(s + strlen(open), e, close);
        size_t from = (size_t)(s - buf);
        size_t to = c ? (size_t)(c - buf) + strlen(close) : len;
        memset(buf + from, ' ', to - from);
        pos = to;
    }
}

/* Text of the first <tag>...</tag> (or <tag/>) in [b, e), trimmed, into
 * out. False when the tag is missing, unterminated or too long. */
static bool tag_text(const char *b, const char *e, const char *tag, char *out)
{
    char open[40], close[40], empty[40];
    snprintf(open, sizeof(open), "<%s>", tag);
    snprintf(close, sizeof(close), "</%s>", tag);
    snprintf(empty, sizeof(empty), "<%s/>", tag);
    const char *s = find(b, e, open);
    const char *z = find(b, e, empty);
    if (z && (!s || z < s)) {
        out[0] = '\0';
        return true;
    }
    if (!s) {
        return false;
    }
    s += strlen(open);
    const char *c = find(s, e, close);
    if (!c) {
        return false;
    }
    while (s < c && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
        s++;
    }
    while (c > s &&
           (c[-1] == ' ' || c[-1] == '\t' || c[-1] == '\r' || c[-1] == '\n')) {
        c--;
    }
    if ((size_t)(c - s) >= MAX_TEXT) {
        return false;
    }
    memcpy(out, s, (size_t)(c - s));
    out[c - s] = '\0';
    return true;
}

static uint8_t map_ops(const char *s)
{
    static const struct {
        const char *name;
        uint8_t ops;
    } map[] = {{"", LWC_OP_NONE},
               {"R", LWC_OP_R},
               {"W", LWC_OP_W},
               {"RW", LWC_OP_RW},
               {"E", LWC_OP_E}};
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        if (strcmp(s, map[i].name) == 0) {
            return map[i].ops;
        }
    }
    return BAD;
}

static uint8_t map_type(const char *s)
{
    static const struct {
        const char *name;
        uint8_t type;
    } map[] = {
        {"", LWC_TYPE_NONE},         {"String", LWC_TYPE_STRING},
        {"Integer", LWC_TYPE_INT},   {"Unsigned Integer", LWC_TYPE_UINT},
        {"Float", LWC_TYPE_FLOAT},   {"Boolean", LWC_TYPE_BOOL},
        {"Opaque", LWC_TYPE_OPAQUE}, {"Time", LWC_TYPE_TIME},
        {"Objlnk", LWC_TYPE_OBJLNK}, {"Corelnk", LWC_TYPE_CORELNK},
    };
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        if (strcmp(s, map[i].name) == 0) {
            return map[i].type;
        }
    }
    return BAD;
}

static uint8_t map_flag(const char *s, const char *yes, const char *no)
{
    return strcmp(s, yes) == 0 ? 1 : strcmp(s, no) == 0 ? 0 : BAD;
}

/* One <Item ID="n"> ... </Item> in [b, e). */
static bool parse_item(const char *b, const char *e, xml_item_t *it)
{
    char t[MAX_TEXT];
    char *end = NULL;
    unsigned long id = strtoul(b, &end, 10);
    if (end == b || *end != '"' || id > LWC_ID_MAX) {
        return false;
    }
    it->rid = (uint16_t)id;
    if (!tag_text(b, e, "Operations", t)) {
        return false;
    }
    it->ops = map_ops(t);
    if (!tag_text(b, e, "MultipleInstances", t)) {
        return false;
    }
    it->multiple = map_flag(t, "Multiple", "Single");
    if (!tag_text(b, e, "Mandatory", t)) {
        return false;
    }
    it->mandatory = map_flag(t, "Mandatory", "Optional");
    if (!tag_text(b, e, "Type", t)) {
        t[0] = '\0'; /* some executables omit it */
    }
    it->type = map_type(t);
    return true;
}

/* The object header: everything before <Resources>. */
static bool parse_header(const char *b, const char *e, xml_object_t *x)
{
    char t[MAX_TEXT];
    if (!tag_text(b, e, "ObjectID", t)) {
        return false;
    }
    x->oid = (uint16_t)strtoul(t, NULL, 10);
    if (!tag_text(b, e, "ObjectVersion", x->version)) {
        strcpy(x->version, "1.0"); /* LwM2M 1.1 Core §7.2.2 default */
    }
    if (!tag_text(b, e, "MultipleInstances", t)) {
        return false;
    }
    x->multi_instance = map_flag(t, "Multiple", "Single");
    return true;
}

/* Parse an object definition held in buf (modified: sections blanked). */
static bool parse_object(char *buf, size_t len, xml_object_t *x)
{
    memset(x, 0, sizeof(*x));
    blank_sections(buf, len, "<![CDATA[", "]]>");
    blank_sections(buf, len, "<!--", "-->");
    const char *e = buf + len;
    const char *res = find(buf, e, "<Resources>");
    if (!res || !parse_header(buf, res, x)) {
        return false;
    }
    const char *p = res;
    const char *open = "<Item ID=\"";
    /* Each round moves p past one </Item>, so this ends. */
    while ((p = find(p, e, open)) != NULL) {
        const char *close = find(p, e, "</Item>");
        if (!close || x->count >= MAX_ITEMS ||
            !parse_item(p + strlen(open), close, &x->items[x->count])) {
            return false;
        }
        x->count++;
        p = close + strlen("</Item>");
    }
    return x->count > 0;
}

/* ---- Registry files -------------------------------------------------------
 */

static const char *registry_dir(void)
{
    const char *dir = getenv("LWC_OMA_REGISTRY_DIR");
#ifdef LWC_OMA_REGISTRY_DIR
    if (!dir || !dir[0]) {
        dir = LWC_OMA_REGISTRY_DIR;
    }
#endif
    struct stat st;
    if (!dir || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        return NULL;
    }
    return dir;
}

/* Load and parse <dir>/<oid>.xml; fails the test when that is impossible. */
static void load_xml(const char *dir, uint16_t oid, xml_object_t *x)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%u.xml", dir, oid);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fail_msg("cannot open %s", path);
    }
    char *buf = malloc(MAX_XML_BYTES);
    assert_non_null(buf);
    size_t len = fread(buf, 1, MAX_XML_BYTES, f);
    bool whole = feof(f) && !ferror(f);
    fclose(f);
    bool ok = whole && parse_object(buf, len, x);
    free(buf);
    if (!ok) {
        fail_msg("cannot parse %s", path);
    }
    assert_int_equal(x->oid, oid);
}

/* ---- Comparison -----------------------------------------------------------
 */

static const lwc_resource_def_t *find_def(const lwc_object_t *o, uint16_t rid)
{
    for (size_t i = 0; i < o->resource_count; i++) {
        if (o->resources[i].rid == rid) {
            return &o->resources[i];
        }
    }
    return NULL;
}

/* Count a difference; print it unless the caller is quiet. */
#define MISMATCH(...)                                                          \
    do {                                                                       \
        if (verbose) {                                                         \
            print_message(__VA_ARGS__);                                        \
        }                                                                      \
        bad++;                                                                 \
    } while (0)

/* Every resource of the XML, field by field. */
static int compare_items(const xml_object_t *x, const lwc_object_t *o,
                         bool verbose)
{
    int bad = 0;
    for (size_t i = 0; i < x->count; i++) {
        const xml_item_t *it = &x->items[i];
        const lwc_resource_def_t *d = find_def(o, it->rid);
        if (!d) {
            MISMATCH("/%u/%u: missing from the table\n", x->oid, it->rid);
            continue;
        }
        if (d->type != it->type) {
            MISMATCH("/%u/%u: type %u, XML %u\n", x->oid, it->rid, d->type,
                     it->type);
        }
        if (d->ops != it->ops) {
            MISMATCH("/%u/%u: ops %u, XML %u\n", x->oid, it->rid, d->ops,
                     it->ops);
        }
        if (d->multiple != it->multiple) {
            MISMATCH("/%u/%u: multiple %d, XML %u\n", x->oid, it->rid,
                     d->multiple, it->multiple);
        }
        if (d->mandatory != it->mandatory) {
            MISMATCH("/%u/%u: mandatory %d, XML %u\n", x->oid, it->rid,
                     d->mandatory, it->mandatory);
        }
    }
    return bad;
}

/* The number of differences between a descriptor and its definition,
 * each one printed when verbose. */
static int compare(const xml_object_t *x, const lwc_object_t *o, bool verbose)
{
    int bad = 0;
    const char *ver = o->version ? o->version : "1.0";
    if (o->oid != x->oid) {
        MISMATCH("object %u: descriptor says %u\n", x->oid, o->oid);
    }
    if (strcmp(ver, x->version) != 0) {
        MISMATCH("/%u: version %s, XML %s\n", x->oid, ver, x->version);
    }
    if (o->multi_instance != x->multi_instance) {
        MISMATCH("/%u: multi_instance %d, XML %u\n", x->oid, o->multi_instance,
                 x->multi_instance);
    }
    if (o->resource_count != x->count) {
        MISMATCH("/%u: %zu resources, XML %zu\n", x->oid, o->resource_count,
                 x->count);
    }
    for (size_t i = 1; i < o->resource_count; i++) {
        if (o->resources[i].rid <= o->resources[i - 1].rid) {
            MISMATCH("/%u: table not sorted at %u\n", x->oid,
                     o->resources[i].rid);
        }
    }
    return bad + compare_items(x, o, verbose);
}

/* ---- The objects under test ------------------------------------------- */

typedef struct {
    lwc_security_object_t sec;
    lwc_server_object_t srv;
    lwc_device_object_t dev;
    lwc_connmon_object_t cm;
    lwc_location_object_t loc;
    temperature_t temp;
    portfolio_t pf;
    xml_object_t xml;
} fx_t;

static int setup(void **state)
{
    fx_t *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    assert_int_equal(lwc_security_object_init(&f->sec), LWC_OK);
    assert_int_equal(lwc_server_object_init(&f->srv), LWC_OK);
    assert_int_equal(lwc_device_object_init(&f->dev, &(lwc_device_info_t){0}),
                     LWC_OK);
    assert_int_equal(
        lwc_connmon_object_init(&f->cm, &(lwc_connmon_callbacks_t){0}), LWC_OK);
    assert_int_equal(lwc_location_object_init(&f->loc, NULL, NULL), LWC_OK);
    assert_int_equal(temperature_init(&f->temp, &(temperature_config_t){0}),
                     LWC_OK);
    assert_int_equal(portfolio_init(&f->pf), LWC_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    free(*state);
    return 0;
}

static void check_object(void **state, const lwc_object_t *obj)
{
    fx_t *f = *state;
    const char *dir = registry_dir();
    if (!dir) {
        skip();
    }
    load_xml(dir, obj->oid, &f->xml);
    assert_int_equal(compare(&f->xml, obj, true), 0);
}

static void security_matches_registry(void **state)
{
    check_object(state, &((fx_t *)*state)->sec.object);
}

static void server_matches_registry(void **state)
{
    check_object(state, &((fx_t *)*state)->srv.object);
}

static void device_matches_registry(void **state)
{
    check_object(state, &((fx_t *)*state)->dev.object);
}

static void connmon_matches_registry(void **state)
{
    check_object(state, &((fx_t *)*state)->cm.object);
}

static void location_matches_registry(void **state)
{
    check_object(state, &((fx_t *)*state)->loc.object);
}

static void temperature_matches_registry(void **state)
{
    check_object(state, &((fx_t *)*state)->temp.object);
}

static void portfolio_matches_registry(void **state)
{
    check_object(state, &((fx_t *)*state)->pf.object);
}

/* ---- The comparison catches every single difference -------------------- */

/* A modifiable copy of the Device object's descriptor and table. */
typedef struct {
    lwc_object_t obj;
    lwc_resource_def_t res[64];
} copy_t;

static void copy_device(const fx_t *f, copy_t *c)
{
    assert_true(f->dev.object.resource_count <= 64);
    c->obj = f->dev.object;
    memcpy(c->res, f->dev.object.resources,
           f->dev.object.resource_count * sizeof(c->res[0]));
    c->obj.resources = c->res;
}

static void any_single_difference_fails(void **state)
{
    fx_t *f = *state;
    const char *dir = registry_dir();
    if (!dir) {
        skip();
    }
    load_xml(dir, LWC_OID_DEVICE, &f->xml);
    copy_t c;
    copy_device(f, &c);
    assert_int_equal(compare(&f->xml, &c.obj, false), 0);

    /* 3/0/13 Current Time: one field at a time. */
    lwc_resource_def_t *r = &c.res[13];
    assert_int_equal(r->rid, LWC_DEVICE_RID_CURRENT_TIME);
    const lwc_resource_def_t orig = *r;
    r->type = LWC_TYPE_INT;
    assert_int_equal(compare(&f->xml, &c.obj, false), 1);
    *r = orig;
    r->ops = LWC_OP_R;
    assert_int_equal(compare(&f->xml, &c.obj, false), 1);
    *r = orig;
    r->multiple = true;
    assert_int_equal(compare(&f->xml, &c.obj, false), 1);
    *r = orig;
    r->mandatory = true;
    assert_int_equal(compare(&f->xml, &c.obj, false), 1);
    *r = orig;
    r->rid = 23; /* 13 missing and the table out of order */
    assert_true(compare(&f->xml, &c.obj, false) >= 1);
    *r = orig;

    /* Object level: version, multiplicity, one resource left out. */
    c.obj.version = NULL;
    assert_int_equal(compare(&f->xml, &c.obj, false), 1);
    c.obj.version = "1.2";
    c.obj.multi_instance = true;
    assert_int_equal(compare(&f->xml, &c.obj, false), 1);
    c.obj.multi_instance = false;
    c.obj.resource_count--;
    assert_int_equal(compare(&f->xml, &c.obj, false),
                     2); /* count, 22 missing */
    c.obj.resource_count++;
    assert_int_equal(compare(&f->xml, &c.obj, false), 0);
}

/* The scanner itself, on a definition written here (runs without the
 * registry): tags inside CDATA and comments are not seen, <Type/> and a
 * missing <Type> mean "no type", and a missing ObjectVersion is 1.0. */
static void scanner_reads_items_not_descriptions(void **state)
{
    (void)state;
    char xml[] = "<LWM2M><Object><ObjectID>42</ObjectID>"
                 "<MultipleInstances>Single</MultipleInstances>"
                 "<!-- <Resources><Item ID=\"9\"></Item> -->"
                 "<Resources>"
                 "<Item ID=\"1\"><Operations> RW </Operations>"
                 "<MultipleInstances>Multiple</MultipleInstances>"
                 "<Mandatory>Optional</Mandatory><Type>Unsigned Integer</Type>"
                 "<Description><![CDATA[<Type>Float</Type> <Item ID=\"7\">]]>"
                 "</Description></Item>"
                 "<Item ID=\"2\"><Operations>E</Operations>"
                 "<MultipleInstances>Single</MultipleInstances>"
                 "<Mandatory>Mandatory</Mandatory><Type/></Item>"
                 "<Item ID=\"3\"><Operations></Operations>"
                 "<MultipleInstances>Single</MultipleInstances>"
                 "<Mandatory>Mandatory</Mandatory></Item>"
                 "</Resources></Object></LWM2M>";
    xml_object_t *x = calloc(1, sizeof(*x));
    assert_non_null(x);
    assert_true(parse_object(xml, strlen(xml), x));
    assert_int_equal(x->oid, 42);
    assert_string_equal(x->version, "1.0");
    assert_int_equal(x->multi_instance, 0);
    assert_int_equal(x->count, 3);
    assert_int_equal(x->items[0].rid, 1);
    assert_int_equal(x->items[0].type, LWC_TYPE_UINT);
    assert_int_equal(x->items[0].ops, LWC_OP_RW);
    assert_int_equal(x->items[0].multiple, 1);
    assert_int_equal(x->items[0].mandatory, 0);
    assert_int_equal(x->items[1].type, LWC_TYPE_NONE);
    assert_int_equal(x->items[1].ops, LWC_OP_E);
    assert_int_equal(x->items[1].mandatory, 1);
    assert_int_equal(x->items[2].ops, LWC_OP_NONE);
    assert_int_equal(x->items[2].type, LWC_TYPE_NONE);
    /* An unknown type name is kept as BAD, so it never matches. */
    char bad[] = "<ObjectID>5</ObjectID><MultipleInstances>Single"
                 "</MultipleInstances><Resources><Item ID=\"0\"><Operations>R"
                 "</Operations><MultipleInstances>Single</MultipleInstances>"
                 "<Mandatory>Optional</Mandatory><Type>Decimal</Type></Item>"
                 "</Resources>";
    assert_true(parse_object(bad, strlen(bad), x));
    assert_int_equal(x->items[0].type, BAD);
    /* An unterminated item is an error, not a hang. */
    char cut[] = "<ObjectID>5</ObjectID><MultipleInstances>Single"
                 "</MultipleInstances><Resources><Item ID=\"0\"><Operations>";
    assert_false(parse_object(cut, strlen(cut), x));
    free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(scanner_reads_items_not_descriptions),
        cmocka_unit_test_setup_teardown(security_matches_registry, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(server_matches_registry, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(device_matches_registry, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(connmon_matches_registry, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(location_matches_registry, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(portfolio_matches_registry, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(temperature_matches_registry, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(any_single_difference_fails, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
