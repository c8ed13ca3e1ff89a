/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The Read tree walk (src/dm/walk.h) seen through a recording encoder that
 * writes every event as text into the sink: event order (ascending IDs at
 * every level whatever order the list handlers report), absent and
 * unreadable resources left out, what the measure hook reports, composite
 * use, error codes, and a value that changes between the measuring and the
 * writing pass.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "dm/dm.h"
#include "dm/walk.h"
#include "io/text.h"
#include "io/tlv.h"
#include "support/dm_fixture.h"

#define WOID 4000

/* ---- The walked object -------------------------------------------------- */

typedef struct {
    int read_status; /* what reading /0 returns besides the value */
    int list_status; /* what list_instances returns */
    bool growing;    /* /0/1 grows by one character per read */
    size_t grow_len; /* its current length */
    int reads;       /* read handler calls */
    char growing_buf[64];
} walk_state_t;

static const lwc_resource_def_t wres[] = {
    {.rid = 0, .type = LWC_TYPE_INT, .ops = LWC_OP_R},
    {.rid = 1, .type = LWC_TYPE_STRING, .ops = LWC_OP_R},
    {.rid = 2, .type = LWC_TYPE_NONE, .ops = LWC_OP_E},
    {.rid = 3, .type = LWC_TYPE_INT, .ops = LWC_OP_R, .multiple = true},
    {.rid = 4, .type = LWC_TYPE_STRING, .ops = LWC_OP_NONE},
    {.rid = 5, .type = LWC_TYPE_INT, .ops = LWC_OP_W},
    {.rid = 7, .type = LWC_TYPE_INT, .ops = LWC_OP_R, .multiple = true},
};

static int w_list(void *ctx, lwc_dm_list_t *list)
{
    walk_state_t *s = ctx;
    lwc_dm_list_add(list, 2); /* reported out of order on purpose */
    lwc_dm_list_add(list, 0);
    return s->list_status;
}

static int w_list_ri(void *ctx, uint16_t iid, uint16_t rid, lwc_dm_list_t *list)
{
    (void)ctx;
    if (rid == 3 && iid == 0) {
        lwc_dm_list_add(list, 5);
        lwc_dm_list_add(list, 0);
        return LWC_OK;
    }
    if (rid == 3) {
        return LWC_ERR_NOT_FOUND; /* absent in instance 2 */
    }
    if (iid == 2) {
        lwc_dm_list_add(list, 1); /* listed, but reads say it is gone */
    }
    return LWC_OK;
}

static int w_read(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                  lwc_value_t *out)
{
    walk_state_t *s = ctx;
    s->reads++;
    switch (rid) {
    case 0:
        *out = lwc_value_int(10 + iid);
        return s->read_status;
    case 1:
        if (iid == 2) {
            return LWC_ERR_NOT_FOUND;
        }
        if (s->growing) {
            memset(s->growing_buf, 'g', sizeof(s->growing_buf));
            s->grow_len = (s->grow_len + 1) % sizeof(s->growing_buf);
            out->bytes.data = s->growing_buf;
            out->bytes.len = s->grow_len;
            return LWC_OK;
        }
        *out = lwc_value_string("a0");
        return LWC_OK;
    case 3:
        if (riid != 0 && riid != 5) {
            return LWC_ERR_NOT_FOUND;
        }
        *out = lwc_value_int(300 + riid);
        return LWC_OK;
    case 4:
        *out = lwc_value_string("boot");
        return LWC_OK;
    default:
        return LWC_ERR_NOT_FOUND;
    }
}

static const lwc_object_handlers_t whandlers = {
    .list_instances = w_list,
    .list_resource_instances = w_list_ri,
    .read = w_read,
    .write = dmf_write_ok, /* support/dm_fixture.h */
    .execute = dmf_execute_ok,
};

/* ---- The recording encoder ---------------------------------------------- */

static void put_str(lwci_io_encoder_t *e, const char *s)
{
    lwci_io_put(e->sink, s, strlen(s));
}

static void put_path(lwci_io_encoder_t *e, const char *tag, const lwc_path_t *p)
{
    char b[LWC_PATH_STR_MAX];
    assert_int_equal(lwc_path_format(p, b, sizeof(b), NULL), LWC_OK);
    put_str(e, tag);
    put_str(e, b);
}

static int rec_begin(lwci_io_encoder_t *e, const lwc_path_t *base)
{
    put_path(e, "B", base);
    put_str(e, ";");
    return LWC_OK;
}

/* Every container asks the walker for its size: "O<path>[children,bytes];" */
static int rec_open(lwci_io_encoder_t *e, const lwc_path_t *c)
{
    lwci_io_measure_t m;
    int rc = e->measure(e->measure_ctx, c, &m);
    if (rc != LWC_OK) {
        return rc;
    }
    char b[48];
    snprintf(b, sizeof(b), "[%zu,%zu];", m.children, m.bytes);
    put_path(e, "O", c);
    put_str(e, b);
    return LWC_OK;
}

static int rec_value(lwci_io_encoder_t *e, const lwc_path_t *p,
                     const lwc_value_t *v)
{
    char b[96];
    if (v->type == LWC_TYPE_INT) {
        snprintf(b, sizeof(b), "=%lld;", (long long)v->i);
    } else if (v->type == LWC_TYPE_STRING) {
        snprintf(b, sizeof(b), "='%.*s';", (int)v->bytes.len,
                 (const char *)v->bytes.data);
    } else {
        snprintf(b, sizeof(b), "=?;");
    }
    put_path(e, "V", p);
    put_str(e, b);
    return LWC_OK;
}

static int rec_close(lwci_io_encoder_t *e, const lwc_path_t *c)
{
    put_path(e, "C", c);
    put_str(e, ";");
    return LWC_OK;
}

static int rec_end(lwci_io_encoder_t *e)
{
    put_str(e, "E");
    return LWC_OK;
}

static const lwci_io_encoder_ops_t recorder = {
    .format = 65000,
    .begin = rec_begin,
    .open = rec_open,
    .value = rec_value,
    .close = rec_close,
    .end = rec_end,
};

/* ---- Fixture and helpers ------------------------------------------------ */

typedef struct {
    walk_state_t st;
    lwc_object_t obj;
    char out[2048];
    char norm[2048];
} fx_t;

static int setup(void **state)
{
    static fx_t f;
    memset(&f, 0, sizeof(f));
    f.obj = (lwc_object_t){.oid = WOID,
                           .resources = wres,
                           .resource_count = sizeof(wres) / sizeof(wres[0]),
                           .handlers = &whandlers,
                           .user_ctx = &f.st};
    *state = &f;
    return 0;
}

/*
 * Check every "O<p>[c,b];" against its "C<p>;": exactly b bytes and c
 * direct children (values or containers one level down) in between. Then
 * copy the record with the byte counts replaced by '*' into f->norm.
 */
static void check_measures(fx_t *f, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        f->norm[n++] = f->out[i];
        if (f->out[i] != '[') {
            continue;
        }
        size_t children = 0, bytes = 0;
        assert_int_equal(sscanf(f->out + i, "[%zu,%zu]", &children, &bytes), 2);
        /* The path is between the 'O' before and the '['. */
        size_t o = i;
        while (f->out[o] != 'O') {
            o--;
        }
        char close[LWC_PATH_STR_MAX + 3];
        snprintf(close, sizeof(close), "C%.*s;", (int)(i - o - 1),
                 f->out + o + 1);
        const char *body = strchr(f->out + i, ';') + 1;
        const char *end = strstr(body, close);
        assert_non_null(end);
        assert_int_equal((size_t)(end - body), bytes);
        /* Direct children: events whose path has one more segment. */
        size_t depth = 0, seen = 0;
        for (const char *p = f->out + o + 1; p < f->out + i; p++) {
            depth += *p == '/';
        }
        for (const char *p = body; p < end; p = strchr(p, ';') + 1) {
            size_t d = 0;
            for (const char *q = p + 1;
                 *q && *q != ';' && *q != '[' && *q != '='; q++) {
                d += *q == '/';
            }
            seen += (p[0] == 'V' || p[0] == 'O') && d == depth + 1;
        }
        assert_int_equal(seen, children);
        n += (size_t)snprintf(f->norm + n, sizeof(f->norm) - n, "%zu,*]",
                              children);
        i = (size_t)(strchr(f->out + i, ']') - f->out);
    }
    f->norm[n] = '\0';
}

/* Walk a Read of p with the recorder; returns the walk's code. */
static int walk(fx_t *f, const lwc_path_t *p, bool bootstrap)
{
    lwci_io_sink_t sink;
    memset(f->out, 0, sizeof(f->out));
    lwci_io_sink_init(&sink, (uint8_t *)f->out, sizeof(f->out) - 1, 0);
    int rc = lwci_dm_walk_read(&f->obj, p, bootstrap, &recorder, &sink);
    assert_false(lwci_io_sink_more(&sink));
    if (rc == LWC_OK) {
        check_measures(f, sink.total);
    }
    return rc;
}

static void expect_walk(fx_t *f, const lwc_path_t *p, bool bootstrap,
                        const char *want)
{
    assert_int_equal(walk(f, p, bootstrap), LWC_OK);
    assert_string_equal(f->norm, want);
}

/* ---- Tests -------------------------------------------------------------- */

static void object_read_in_id_order(void **state)
{
    fx_t *f = *state;
    expect_walk(f, &LWC_PATH(WOID), false,
                "B/4000;O/4000[2,*];"
                "O/4000/0[4,*];V/4000/0/0=10;V/4000/0/1='a0';"
                "O/4000/0/3[2,*];V/4000/0/3/0=300;V/4000/0/3/5=305;"
                "C/4000/0/3;O/4000/0/7[0,*];C/4000/0/7;C/4000/0;"
                "O/4000/2[2,*];V/4000/2/0=12;O/4000/2/7[0,*];C/4000/2/7;"
                "C/4000/2;C/4000;E");
}

static void instance_resource_and_resource_instance(void **state)
{
    fx_t *f = *state;
    expect_walk(f, &LWC_PATH(WOID, 2), false,
                "B/4000/2;O/4000/2[2,*];V/4000/2/0=12;O/4000/2/7[0,*];"
                "C/4000/2/7;C/4000/2;E");
    expect_walk(f, &LWC_PATH(WOID, 0, 3), false,
                "B/4000/0/3;O/4000/0/3[2,*];V/4000/0/3/0=300;"
                "V/4000/0/3/5=305;C/4000/0/3;E");
    expect_walk(f, &LWC_PATH(WOID, 0, 1), false,
                "B/4000/0/1;V/4000/0/1='a0';E");
    expect_walk(f, &LWC_PATH(WOID, 0, 3, 5), false,
                "B/4000/0/3/5;V/4000/0/3/5=305;E");
}

/* Bootstrap-only resources appear for the bootstrap server only; write-only
 * and executable ones never. */
static void bootstrap_sees_bootstrap_only_resources(void **state)
{
    fx_t *f = *state;
    expect_walk(f, &LWC_PATH(WOID, 0), true,
                "B/4000/0;O/4000/0[5,*];V/4000/0/0=10;V/4000/0/1='a0';"
                "O/4000/0/3[2,*];V/4000/0/3/0=300;V/4000/0/3/5=305;"
                "C/4000/0/3;V/4000/0/4='boot';O/4000/0/7[0,*];C/4000/0/7;"
                "C/4000/0;E");
    assert_int_equal(walk(f, &LWC_PATH(WOID, 0, 4), false),
                     LWC_COAP_METHOD_NOT_ALLOWED);
    expect_walk(f, &LWC_PATH(WOID, 0, 4), true,
                "B/4000/0/4;V/4000/0/4='boot';E");
}

static void errors(void **state)
{
    fx_t *f = *state;
    const struct {
        lwc_path_t p;
        int rc;
    } cases[] = {
        {LWC_PATH(WOID, 1), LWC_ERR_NOT_FOUND},       /* no instance 1 */
        {LWC_PATH(WOID, 0, 9), LWC_ERR_NOT_FOUND},    /* not defined */
        {LWC_PATH(WOID, 2, 1), LWC_ERR_NOT_FOUND},    /* absent */
        {LWC_PATH(WOID, 2, 3), LWC_ERR_NOT_FOUND},    /* list: absent */
        {LWC_PATH(WOID, 0, 3, 1), LWC_ERR_NOT_FOUND}, /* no such instance */
        {LWC_PATH(WOID, 0, 0, 0), LWC_ERR_NOT_FOUND}, /* single resource */
        {LWC_PATH(WOID, 0, 2), LWC_COAP_METHOD_NOT_ALLOWED}, /* executable */
        {LWC_PATH(WOID, 0, 5), LWC_COAP_METHOD_NOT_ALLOWED}, /* write-only */
        {LWC_PATH(WOID + 1), LWC_ERR_INVALID_ARG}, /* another object's path */
    };
    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        int rc = walk(f, &cases[k].p, false);
        if (rc != cases[k].rc) {
            fail_msg("case %zu: got %d, want %d", k, rc, cases[k].rc);
        }
    }
    /* Handler errors end the walk with their code, inside a container too. */
    f->st.read_status = LWC_COAP_SERVICE_UNAVAILABLE;
    assert_int_equal(walk(f, &LWC_PATH(WOID), false),
                     LWC_COAP_SERVICE_UNAVAILABLE);
    f->st.read_status = LWC_OK;
    f->st.list_status = LWC_ERR_IO;
    assert_int_equal(walk(f, &LWC_PATH(WOID), false), LWC_ERR_IO);
    assert_int_equal(walk(f, &LWC_PATH(WOID, 0), false), LWC_ERR_IO);
}

/* A format that cannot carry the node says so (a Read answers 4.06). */
static void encoder_refusal_propagates(void **state)
{
    fx_t *f = *state;
    uint8_t buf[64];
    lwci_io_sink_t sink;
    lwci_io_sink_init(&sink, buf, sizeof(buf), 0);
    assert_int_equal(lwci_dm_walk_read(&f->obj, &LWC_PATH(WOID, 0), false,
                                       &lwci_io_text_encoder, &sink),
                     LWC_ERR_UNSUPPORTED);
    lwci_io_sink_init(&sink, buf, sizeof(buf), 0);
    assert_int_equal(lwci_dm_walk_read(&f->obj, &LWC_PATH(WOID, 0, 0), false,
                                       &lwci_io_opaque_encoder, &sink),
                     LWC_ERR_UNSUPPORTED);
    lwci_io_sink_init(&sink, buf, sizeof(buf), 0);
    assert_int_equal(lwci_dm_walk_read(&f->obj, &LWC_PATH(WOID, 0, 0), false,
                                       &lwci_io_text_encoder, &sink),
                     LWC_OK);
    assert_int_equal(lwci_io_sink_len(&sink), 2);
    assert_memory_equal(buf, "10", 2);
}

/* Composite reads: begin with the root, one node per requested path. */
static void composite_nodes(void **state)
{
    fx_t *f = *state;
    lwci_io_sink_t sink;
    lwci_dm_walk_t w;
    memset(f->out, 0, sizeof(f->out));
    lwci_io_sink_init(&sink, (uint8_t *)f->out, sizeof(f->out) - 1, 0);
    lwci_dm_walk_init(&w, &recorder, &sink, false);
    assert_int_equal(lwci_dm_walk_begin(&w, &LWC_PATH_ROOT), LWC_OK);
    assert_int_equal(lwci_dm_walk_node(&w, &f->obj, &LWC_PATH(WOID, 0, 0)),
                     LWC_OK);
    assert_int_equal(lwci_dm_walk_node(&w, &f->obj, &LWC_PATH(WOID, 2)),
                     LWC_OK);
    assert_int_equal(lwci_dm_walk_end(&w), LWC_OK);
    check_measures(f, sink.total);
    assert_string_equal(f->norm, "B/;V/4000/0/0=10;O/4000/2[2,*];V/4000/2/0=12;"
                                 "O/4000/2/7[0,*];C/4000/2/7;C/4000/2;E");
}

/*
 * A value that changes between the measuring pass and the writing pass
 * would make a TLV length lie: the walk says LWC_ERR_BUSY instead, and a
 * Read through the data model answers 5.03.
 */
static void changing_value_is_caught(void **state)
{
    fx_t *f = *state;
    f->st.growing = true;
    assert_int_equal(walk(f, &LWC_PATH(WOID, 0), false), LWC_ERR_BUSY);
    uint8_t buf[256];
    lwci_io_sink_t sink;
    lwci_io_sink_init(&sink, buf, sizeof(buf), 0);
    assert_int_equal(lwci_dm_walk_read(&f->obj, &LWC_PATH(WOID), false,
                                       &lwci_io_tlv_encoder, &sink),
                     LWC_ERR_BUSY);
    /* TLV measures no container for a single resource: fine. */
    lwci_io_sink_init(&sink, buf, sizeof(buf), 0);
    assert_int_equal(lwci_dm_walk_read(&f->obj, &LWC_PATH(WOID, 0, 1), false,
                                       &lwci_io_tlv_encoder, &sink),
                     LWC_OK);

    lwci_dm_t dm;
    lwci_dm_init(&dm, NULL);
    assert_int_equal(lwci_dm_add_object(&dm, &f->obj), LWC_OK);
    lwci_dm_request_t r = {.op = LWCI_DM_OP_READ,
                           .path = LWC_PATH(WOID),
                           .content_format = -1,
                           .accept = LWC_FORMAT_TLV};
    lwci_dm_response_t resp;
    lwci_dm_handle(&dm, &r, buf, sizeof(buf), &resp);
    assert_int_equal(resp.code, LWC_COAP_SERVICE_UNAVAILABLE);
    assert_int_equal(resp.payload_len, 0);
    f->st.growing = false;
    lwci_dm_handle(&dm, &r, buf, sizeof(buf), &resp);
    assert_int_equal(resp.code, LWC_COAP_CONTENT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(object_read_in_id_order, setup),
        cmocka_unit_test_setup(instance_resource_and_resource_instance, setup),
        cmocka_unit_test_setup(bootstrap_sees_bootstrap_only_resources, setup),
        cmocka_unit_test_setup(errors, setup),
        cmocka_unit_test_setup(encoder_refusal_propagates, setup),
        cmocka_unit_test_setup(composite_nodes, setup),
        cmocka_unit_test_setup(changing_value_is_caught, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
