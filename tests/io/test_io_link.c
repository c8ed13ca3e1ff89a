/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * CoRE Link Format (RFC 6690): LwM2M Register / Discover /
 * Bootstrap-Discover payloads from the writer, RFC 6690 §5 examples
 * through the parser, windows, round trips and malformed input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <lwc/errors.h>

#include "io/link.h"

/* ---- Writer scripts ---------------------------------------------------- */

/* Register payload (LwM2M 1.1 Transport §6.4.1 style). */
static int write_register(lwci_link_writer_t *w)
{
    int rc = lwci_link_write_uri(w, "/", 1);
    rc = rc ? rc : lwci_link_write_attr_quoted(w, "rt", "oma.lwm2m", 9);
    rc = rc ? rc : lwci_link_write_attr_uint(w, "ct", 11543);
    rc = rc ? rc : lwci_link_write_path(w, &LWC_PATH(1, 0));
    rc = rc ? rc : lwci_link_write_path(w, &LWC_PATH(3, 0));
    rc = rc ? rc : lwci_link_write_path(w, &LWC_PATH(3303));
    rc = rc ? rc : lwci_link_write_attr_token(w, "ver", "1.1", 3);
    return rc;
}

/* Discover on /3/0 (LwM2M 1.1 Core §5.4.2 example). */
static int write_discover(lwci_link_writer_t *w)
{
    static const uint16_t plain[] = {1, 2, 3, 4};
    int rc = lwci_link_write_path(w, &LWC_PATH(3, 0));
    rc = rc ? rc : lwci_link_write_attr_uint(w, "pmax", 60);
    for (size_t i = 0; i < 4; i++) {
        rc = rc ? rc : lwci_link_write_path(w, &LWC_PATH(3, 0, plain[i]));
    }
    rc = rc ? rc : lwci_link_write_path(w, &LWC_PATH(3, 0, 6));
    rc = rc ? rc : lwci_link_write_attr_uint(w, "dim", 8);
    rc = rc ? rc : lwci_link_write_path(w, &LWC_PATH(3, 0, 7));
    rc = rc ? rc : lwci_link_write_attr_uint(w, "dim", 8);
    rc = rc ? rc : lwci_link_write_attr_float(w, "gt", 50.0);
    rc = rc ? rc : lwci_link_write_attr_float(w, "lt", 42.2);
    rc = rc ? rc : lwci_link_write_path(w, &LWC_PATH(3, 0, 8));
    rc = rc ? rc : lwci_link_write_attr_uint(w, "dim", 8);
    rc = rc ? rc : lwci_link_write_path(w, &LWC_PATH(3, 0, 11));
    rc = rc ? rc : lwci_link_write_path(w, &LWC_PATH(3, 0, 16));
    return rc;
}

/* Bootstrap-Discover on the root (LwM2M 1.1 Core §5.2.7.3 example). */
static int write_bootstrap_discover(lwci_link_writer_t *w)
{
    static const char u1[] = "coaps://server_1.example.com";
    static const char u2[] = "coaps://server_2.example.com";
    int rc = lwci_link_write_path(w, &LWC_PATH_ROOT);
    rc = rc ? rc : lwci_link_write_attr_token(w, "lwm2m", "1.1", 3);
    rc = rc ? rc : lwci_link_write_path(w, &LWC_PATH(0, 0));
    rc = rc ? rc : lwci_link_write_attr_uint(w, "ssid", 101);
    rc = rc ? rc : lwci_link_write_attr_quoted(w, "uri", u1, sizeof(u1) - 1);
    rc = rc ? rc : lwci_link_write_path(w, &LWC_PATH(0, 1));
    rc = rc ? rc : lwci_link_write_path(w, &LWC_PATH(0, 2));
    rc = rc ? rc : lwci_link_write_attr_uint(w, "ssid", 102);
    rc = rc ? rc : lwci_link_write_attr_quoted(w, "uri", u2, sizeof(u2) - 1);
    return rc;
}

typedef int (*script_t)(lwci_link_writer_t *w);

static size_t run_script(script_t script, uint8_t *buf, size_t cap, size_t skip,
                         size_t *total)
{
    lwci_io_sink_t s;
    lwci_link_writer_t w;
    lwci_io_sink_init(&s, buf, cap, skip);
    lwci_link_writer_init(&w, &s);
    assert_int_equal(script(&w), LWC_OK);
    *total = s.total;
    return lwci_io_sink_len(&s);
}

static const char register_text[] =
    "</>;rt=\"oma.lwm2m\";ct=11543,</1/0>,</3/0>,</3303>;ver=1.1";
static const char discover_text[] =
    "</3/0>;pmax=60,</3/0/1>,</3/0/2>,</3/0/3>,</3/0/4>,</3/0/6>;dim=8,"
    "</3/0/7>;dim=8;gt=50;lt=42.2,</3/0/8>;dim=8,</3/0/11>,</3/0/16>";
static const char bs_discover_text[] =
    "</>;lwm2m=1.1,</0/0>;ssid=101;uri=\"coaps://server_1.example.com\","
    "</0/1>,</0/2>;ssid=102;uri=\"coaps://server_2.example.com\"";

static void test_writer_lwm2m_payloads(void **state)
{
    static const struct {
        script_t script;
        const char *text;
    } cases[] = {{write_register, register_text},
                 {write_discover, discover_text},
                 {write_bootstrap_discover, bs_discover_text}};
    uint8_t out[512];
    size_t total;
    (void)state;
    for (size_t i = 0; i < 3; i++) {
        size_t n = run_script(cases[i].script, out, sizeof(out) - 1, 0, &total);
        out[n] = '\0';
        assert_string_equal((char *)out, cases[i].text);
        assert_int_equal(n, total);
    }
}

/* Block-wise Discover: every window size reassembles the same bytes. */
static void test_writer_windows(void **state)
{
    uint8_t full[512], part[512], win[512];
    size_t total;
    (void)state;
    size_t n = run_script(write_discover, full, sizeof(full), 0, &total);
    for (size_t w = 1; w <= n; w++) {
        size_t got = 0;
        for (size_t skip = 0; skip < n; skip += w) {
            size_t len = run_script(write_discover, win, w, skip, &total);
            assert_int_equal(total, n);
            memcpy(part + got, win, len);
            got += len;
        }
        assert_int_equal(got, n);
        assert_memory_equal(part, full, n);
    }
}

static void test_writer_rejections(void **state)
{
    uint8_t out[64];
    lwci_io_sink_t s;
    lwci_link_writer_t w;
    double nan = 0.0;
    (void)state;
    nan = nan / nan;
    lwci_io_sink_init(&s, out, sizeof(out), 0);
    lwci_link_writer_init(&w, &s);
    assert_int_equal(lwci_link_write_attr_uint(&w, "pmin", 1), LWC_ERR_STATE);
    assert_int_equal(lwci_link_write_uri(&w, "/a b", 4), LWC_ERR_INVALID_ARG);
    assert_int_equal(lwci_link_write_uri(&w, "/a>", 3), LWC_ERR_INVALID_ARG);
    assert_int_equal(lwci_link_write_uri(&w, "/\xC3\xA9", 3),
                     LWC_ERR_INVALID_ARG);
    assert_int_equal(lwci_link_write_path(&w, &LWC_PATH(65535)),
                     LWC_ERR_INVALID_ARG);
    assert_int_equal(s.total, 0); /* nothing written so far */
    assert_int_equal(lwci_link_write_path(&w, &LWC_PATH(3, 0)), LWC_OK);
    size_t before = s.total;
    assert_int_equal(lwci_link_write_attr(&w, "p min"), LWC_ERR_INVALID_ARG);
    assert_int_equal(lwci_link_write_attr(&w, ""), LWC_ERR_INVALID_ARG);
    assert_int_equal(lwci_link_write_attr_token(&w, "ct", "6 0", 3),
                     LWC_ERR_INVALID_ARG);
    assert_int_equal(lwci_link_write_attr_token(&w, "ct", "a,b", 3),
                     LWC_ERR_INVALID_ARG);
    assert_int_equal(lwci_link_write_attr_token(&w, "ct", "", 0),
                     LWC_ERR_INVALID_ARG);
    assert_int_equal(lwci_link_write_attr_quoted(&w, "t", "a\nb", 3),
                     LWC_ERR_INVALID_ARG);
    assert_int_equal(lwci_link_write_attr_quoted(&w, "t", "\xFF", 1),
                     LWC_ERR_INVALID_ARG);
    assert_int_equal(lwci_link_write_attr_float(&w, "gt", nan),
                     LWC_ERR_INVALID_ARG);
    assert_int_equal(s.total, before);
    /* Quotes and backslashes are escaped; ints may be negative. */
    assert_int_equal(lwci_link_write_attr_quoted(&w, "title", "a\"b\\c", 5),
                     LWC_OK);
    assert_int_equal(lwci_link_write_attr_int(&w, "st", -5), LWC_OK);
    assert_int_equal(lwci_link_write_attr(&w, "obs"), LWC_OK);
    out[lwci_io_sink_len(&s)] = '\0';
    assert_string_equal((char *)out, "</3/0>;title=\"a\\\"b\\\\c\";st=-5;obs");
}

/* ---- Parser
 * ------------------------------------------------------------------ */

/* RFC 6690 §5 examples (the line breaks there are for display; the ones
 * after ',' are kept here to exercise that leniency). */
static void test_parser_rfc6690_examples(void **state)
{
    static const char ex1[] = "</sensors/temp>;if=\"sensor\",\r\n"
                              "</sensors/light>;if=\"sensor\"";
    static const char ex4[] =
        "</sensors>;ct=40;title=\"Sensor Index\","
        "</sensors/temp>;rt=\"temperature-c\";if=\"sensor\","
        "</sensors/light>;rt=\"light-lux\";if=\"sensor\","
        "<http://www.example.com/sensors/t123>;anchor=\"/sensors/temp\""
        ";rel=\"describedby\","
        "</t>;anchor=\"/sensors/temp\";rel=\"alternate\"";
    static const char ex5[] = "</firmware/v2.1>;rt=\"firmware\";sz=262144";
    lwci_link_parser_t p;
    lwci_link_t l;
    lwci_link_attr_t a;
    size_t it = 0;
    char text[64];
    size_t n;
    uint64_t u;
    (void)state;

    lwci_link_parser_init(&p, ex1, strlen(ex1));
    assert_int_equal(lwci_link_next(&p, &l), LWC_OK);
    assert_int_equal(l.uri_len, 13);
    assert_memory_equal(l.uri, "/sensors/temp", 13);
    assert_int_equal(l.attr_count, 1);
    assert_int_equal(lwci_link_next(&p, &l), LWC_OK);
    assert_memory_equal(l.uri, "/sensors/light", 14);
    assert_int_equal(lwci_link_attr_next(&l, &it, &a), LWC_OK);
    assert_true(lwci_link_attr_is(&a, "IF"));
    assert_true(a.quoted);
    assert_int_equal(lwci_link_attr_text(&a, text, sizeof(text), &n), LWC_OK);
    assert_int_equal(n, 6);
    assert_memory_equal(text, "sensor", 6);
    assert_int_equal(lwci_link_attr_next(&l, &it, &a), LWC_ERR_NOT_FOUND);
    assert_int_equal(lwci_link_next(&p, &l), LWC_ERR_NOT_FOUND);

    lwci_link_parser_init(&p, ex4, strlen(ex4));
    size_t links = 0, attrs = 0;
    while (lwci_link_next(&p, &l) == LWC_OK) {
        links++;
        attrs += l.attr_count;
        if (links == 4) {
            assert_memory_equal(l.uri, "http://www.example.com/sensors/t123",
                                l.uri_len);
        }
    }
    assert_int_equal(links, 5);
    assert_int_equal(attrs, 10);

    lwci_link_parser_init(&p, ex5, strlen(ex5));
    assert_int_equal(lwci_link_next(&p, &l), LWC_OK);
    it = 0;
    assert_int_equal(lwci_link_attr_next(&l, &it, &a), LWC_OK);
    assert_int_equal(lwci_link_attr_next(&l, &it, &a), LWC_OK);
    assert_true(lwci_link_attr_is(&a, "sz"));
    assert_false(a.quoted);
    assert_int_equal(lwci_link_attr_uint(&a, &u), LWC_OK);
    assert_int_equal(u, 262144);
}

/* The writer's LwM2M payloads parse back to their paths and values. */
static void test_parser_reads_writer_output(void **state)
{
    lwci_link_parser_t p;
    lwci_link_t l;
    lwci_link_attr_t a;
    lwc_path_t path;
    double f;
    uint64_t u;
    char text[64];
    size_t n, it;
    (void)state;
    lwci_link_parser_init(&p, discover_text, strlen(discover_text));
    size_t count = 0;
    while (lwci_link_next(&p, &l) == LWC_OK) {
        assert_int_equal(lwci_link_uri_path(&l, &path), LWC_OK);
        assert_int_equal(path.ids[0], 3);
        if (path.len == 3 && path.ids[2] == 7) {
            it = 0;
            assert_int_equal(l.attr_count, 3);
            assert_int_equal(lwci_link_attr_next(&l, &it, &a), LWC_OK);
            assert_int_equal(lwci_link_attr_uint(&a, &u), LWC_OK);
            assert_int_equal(u, 8);
            assert_int_equal(lwci_link_attr_next(&l, &it, &a), LWC_OK);
            assert_int_equal(lwci_link_attr_float(&a, &f), LWC_OK);
            assert_true(f == 50.0);
            assert_int_equal(lwci_link_attr_next(&l, &it, &a), LWC_OK);
            assert_true(lwci_link_attr_is(&a, "lt"));
            assert_int_equal(lwci_link_attr_float(&a, &f), LWC_OK);
            assert_true(f == 42.2);
        }
        count++;
    }
    assert_int_equal(count, 10);

    lwci_link_parser_init(&p, bs_discover_text, strlen(bs_discover_text));
    assert_int_equal(lwci_link_next(&p, &l), LWC_OK);
    assert_int_equal(lwci_link_uri_path(&l, &path), LWC_OK);
    assert_int_equal(path.len, 0);
    assert_int_equal(lwci_link_next(&p, &l), LWC_OK);
    it = 0;
    assert_int_equal(lwci_link_attr_next(&l, &it, &a), LWC_OK);
    assert_int_equal(lwci_link_attr_next(&l, &it, &a), LWC_OK);
    assert_int_equal(lwci_link_attr_text(&a, text, sizeof(text), &n), LWC_OK);
    assert_int_equal(n, 28);
    assert_memory_equal(text, "coaps://server_1.example.com", n);
    assert_int_equal(lwci_link_attr_text(&a, text, 10, &n), LWC_ERR_NO_SPACE);
    assert_int_equal(lwci_link_attr_uint(&a, &u), LWC_ERR_MALFORMED);
}

/* Parse, rewrite with the writer, compare: the same bytes. */
static void rewrite(const char *in, char *out, size_t cap)
{
    lwci_link_parser_t p;
    lwci_link_t l;
    lwci_io_sink_t s;
    lwci_link_writer_t w;
    lwci_io_sink_init(&s, (uint8_t *)out, cap - 1, 0);
    lwci_link_writer_init(&w, &s);
    lwci_link_parser_init(&p, in, strlen(in));
    while (lwci_link_next(&p, &l) == LWC_OK) {
        lwci_link_attr_t a;
        size_t it = 0;
        char name[32], text[128];
        size_t n;
        assert_int_equal(lwci_link_write_uri(&w, l.uri, l.uri_len), LWC_OK);
        while (lwci_link_attr_next(&l, &it, &a) == LWC_OK) {
            assert_true(a.name_len < sizeof(name));
            memcpy(name, a.name, a.name_len);
            name[a.name_len] = '\0';
            if (!a.value) {
                assert_int_equal(lwci_link_write_attr(&w, name), LWC_OK);
                continue;
            }
            assert_int_equal(lwci_link_attr_text(&a, text, sizeof(text), &n),
                             LWC_OK);
            assert_int_equal(
                a.quoted ? lwci_link_write_attr_quoted(&w, name, text, n)
                         : lwci_link_write_attr_token(&w, name, text, n),
                LWC_OK);
        }
    }
    out[lwci_io_sink_len(&s)] = '\0';
}

static void test_round_trip(void **state)
{
    static const char *const canon[] = {
        register_text,
        discover_text,
        bs_discover_text,
        "</sensors/temp>;rt=\"temperature-c\";if=\"sensor\";obs,</x>;title*="
        "UTF-8'de'n%c3%a4chstes",
        "<coap://[2001:db8::1]:5683/a?b=c&d>;anchor=\"/\";t=\"q\\\"\\\\\"",
        "<>",
    };
    char out[512];
    (void)state;
    for (size_t i = 0; i < sizeof(canon) / sizeof(canon[0]); i++) {
        rewrite(canon[i], out, sizeof(out));
        assert_string_equal(out, canon[i]);
    }
}

static void test_parser_malformed(void **state)
{
    static const char *const bad[] = {
        "/3/0",                    /* no '<' */
        "<",                       /* unterminated */
        "</3/0",                   /* no '>' */
        "</3 0>",                  /* space in URI */
        "</3/\"0>",                /* quote in URI */
        "</3/\xC3\xA9>",           /* non-ASCII in URI */
        "</3/0>,",                 /* trailing comma */
        "</3/0>,,</4>",            /* empty link */
        "</3/0>;",                 /* ';' without a name */
        "</3/0>;=1",               /* no name */
        "</3/0>;a=",               /* '=' without a value */
        "</3/0>;a=\"x",            /* unterminated quote */
        "</3/0>;a=\"x\x01\"",      /* control in quoted-string */
        "</3/0>;a=\"x\\",          /* escape at the end */
        "</3/0>;a=\"\xC0\x80\"",   /* invalid UTF-8 */
        "</3/0>;;a",               /* empty parameter */
        "</3/0>x",                 /* junk after '>' */
        "</3/0>;a=b\"c\"",         /* quote inside a ptoken */
        "</3/0>;a b",              /* space in a parameter */
        "</3/0> ;a",               /* space before ';' */
        " </3/0>",                 /* leading space */
        "</3/0>;a=1,</4>;b=2,x",   /* junk link later */
        "</3/0>;a=\"\\\xC3\xA9\"", /* escaped non-ASCII */
    };
    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        lwci_link_parser_t p;
        lwci_link_t l;
        int rc;
        lwci_link_parser_init(&p, bad[i], strlen(bad[i]));
        /* Bounded: every successful call consumes input. */
        for (size_t guard = 0; guard <= strlen(bad[i]); guard++) {
            if ((rc = lwci_link_next(&p, &l)) != LWC_OK) {
                break;
            }
        }
        if (rc != LWC_ERR_MALFORMED) {
            print_error("case %zu: %s -> %d\n", i, bad[i], rc);
        }
        assert_int_equal(rc, LWC_ERR_MALFORMED);
    }
}

static void test_parser_bounds(void **state)
{
    char text[512];
    size_t n = 0;
    lwci_link_parser_t p;
    lwci_link_t l;
    lwci_link_attr_t a;
    lwc_path_t path;
    double f;
    (void)state;
    n += (size_t)snprintf(text + n, sizeof(text) - n, "</1>");
    for (int i = 0; i < LWCI_LINK_MAX_ATTRS; i++) {
        n += (size_t)snprintf(text + n, sizeof(text) - n, ";a%d=%d", i, i);
    }
    lwci_link_parser_init(&p, text, n);
    assert_int_equal(lwci_link_next(&p, &l), LWC_OK);
    assert_int_equal(l.attr_count, LWCI_LINK_MAX_ATTRS);
    n += (size_t)snprintf(text + n, sizeof(text) - n, ";one-more");
    lwci_link_parser_init(&p, text, n);
    assert_int_equal(lwci_link_next(&p, &l), LWC_ERR_TOO_LARGE);
    /* An empty payload has no links; helpers refuse what is not theirs. */
    lwci_link_parser_init(&p, "", 0);
    assert_int_equal(lwci_link_next(&p, &l), LWC_ERR_NOT_FOUND);
    lwci_link_parser_init(&p, "</3/0/x>;gt=nan;lt=1e999;st", 27);
    assert_int_equal(lwci_link_next(&p, &l), LWC_OK);
    assert_int_equal(lwci_link_uri_path(&l, &path), LWC_ERR_MALFORMED);
    size_t it = 0;
    assert_int_equal(lwci_link_attr_next(&l, &it, &a), LWC_OK);
    assert_int_equal(lwci_link_attr_float(&a, &f), LWC_ERR_MALFORMED);
    assert_int_equal(lwci_link_attr_next(&l, &it, &a), LWC_OK);
    assert_int_equal(lwci_link_attr_float(&a, &f), LWC_ERR_MALFORMED);
    assert_int_equal(lwci_link_attr_next(&l, &it, &a), LWC_OK);
    assert_null(a.value);
    char t[4];
    size_t tn;
    assert_int_equal(lwci_link_attr_text(&a, t, sizeof(t), &tn),
                     LWC_ERR_NOT_FOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_writer_lwm2m_payloads),
        cmocka_unit_test(test_writer_windows),
        cmocka_unit_test(test_writer_rejections),
        cmocka_unit_test(test_parser_rfc6690_examples),
        cmocka_unit_test(test_parser_reads_writer_output),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_parser_malformed),
        cmocka_unit_test(test_parser_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
