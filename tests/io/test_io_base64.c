/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Base64 and base64url: RFC 4648 §10 test vectors, RFC 8428 / LwM2M
 * examples, strictness and in-place decoding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <lwc/errors.h>

#include "io/base64.h"

static void check_encode(const char *in, unsigned flags, const char *want)
{
    char out[64];
    size_t n = 0;
    assert_int_equal(
        lwci_b64_encode(in, strlen(in), out, sizeof(out), flags, &n), LWC_OK);
    assert_int_equal(n, strlen(want));
    assert_memory_equal(out, want, n);
    assert_int_equal(lwci_b64_encoded_len(strlen(in), flags), n);
}

static void check_decode(const char *in, unsigned flags, const void *want,
                         size_t want_len)
{
    uint8_t out[64];
    size_t n = 99;
    assert_int_equal(
        lwci_b64_decode(in, strlen(in), out, sizeof(out), flags, &n), LWC_OK);
    assert_int_equal(n, want_len);
    if (want_len) {
        assert_memory_equal(out, want, want_len);
    }
}

/* RFC 4648 §10. */
static void test_rfc4648_vectors(void **state)
{
    static const char *const plain[] = {"",     "f",     "fo",    "foo",
                                        "foob", "fooba", "foobar"};
    static const char *const padded[] = {
        "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
    static const char *const bare[] = {"",       "Zg",      "Zm8",     "Zm9v",
                                       "Zm9vYg", "Zm9vYmE", "Zm9vYmFy"};
    (void)state;
    for (size_t i = 0; i < 7; i++) {
        check_encode(plain[i], 0, padded[i]);
        check_encode(plain[i], LWCI_B64_URL | LWCI_B64_NOPAD, bare[i]);
        check_decode(padded[i], 0, plain[i], strlen(plain[i]));
        check_decode(bare[i], LWCI_B64_URL | LWCI_B64_NOPAD, plain[i],
                     strlen(plain[i]));
        check_decode(padded[i], LWCI_B64_ANY, plain[i], strlen(plain[i]));
        check_decode(bare[i], LWCI_B64_ANY, plain[i], strlen(plain[i]));
    }
}

/* RFC 8428 §5.1.5 "vd":"aGkgCg" is "hi \n"; Leshan's LwM2M test encodes
 * h'ABCDEF' as "q83v"; bytes FB FF show the two alphabets apart. */
static void test_format_examples(void **state)
{
    static const uint8_t abcdef[] = {0xAB, 0xCD, 0xEF};
    static const uint8_t fbff[] = {0xFB, 0xFF};
    char out[8];
    size_t n;
    (void)state;
    check_decode("aGkgCg", LWCI_B64_URL | LWCI_B64_NOPAD, "hi \n", 4);
    check_decode("q83v", 0, abcdef, 3);
    assert_int_equal(lwci_b64_encode(fbff, 2, out, sizeof(out), 0, &n), 0);
    assert_int_equal(n, 4);
    assert_memory_equal(out, "+/8=", 4);
    assert_int_equal(lwci_b64_encode(fbff, 2, out, sizeof(out),
                                     LWCI_B64_URL | LWCI_B64_NOPAD, &n),
                     0);
    assert_int_equal(n, 3);
    assert_memory_equal(out, "-_8", 3);
    check_decode("-_8", LWCI_B64_ANY, fbff, 2);
    check_decode("+/8=", LWCI_B64_ANY, fbff, 2);
}

static void test_strict_rejections(void **state)
{
    static const struct {
        const char *in;
        unsigned flags;
    } bad[] = {
        {"Zg=", 0},                              /* padded, not 4n */
        {"Zg", 0},                               /* padding required */
        {"Z", LWCI_B64_ANY},                     /* 1 mod 4 */
        {"Z===", LWCI_B64_ANY},                  /* 3 '=' */
        {"Zh==", 0},                             /* non-zero pad bits */
        {"Zm9=", LWCI_B64_ANY},                  /* non-zero pad bits */
        {"Zg==", LWCI_B64_URL | LWCI_B64_NOPAD}, /* padding forbidden */
        {"Zm9v\n", LWCI_B64_ANY},                /* whitespace */
        {"Zm=v", LWCI_B64_ANY},                  /* '=' inside */
        {"+/8=", LWCI_B64_URL},                  /* wrong alphabet */
        {"-_8=", 0},                             /* wrong alphabet */
        {"Zm9v!A==", LWCI_B64_ANY},              /* not base64 at all */
        {"=AAA", LWCI_B64_ANY},
    };
    uint8_t out[16];
    size_t n;
    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(lwci_b64_decode(bad[i].in, strlen(bad[i].in), out,
                                         sizeof(out), bad[i].flags, &n),
                         LWC_ERR_MALFORMED);
    }
}

static void test_capacity(void **state)
{
    uint8_t out[8];
    char text[8];
    size_t n;
    (void)state;
    assert_int_equal(lwci_b64_decode("Zm9vYmFy", 8, out, 5, 0, &n),
                     LWC_ERR_TOO_LARGE);
    assert_int_equal(lwci_b64_decode("Zm9vYmFy", 8, out, 6, 0, &n), LWC_OK);
    assert_int_equal(lwci_b64_encode("foobar", 6, text, 8, 0, &n), LWC_OK);
    assert_int_equal(lwci_b64_encode("foobar", 6, text, 7, 0, &n),
                     LWC_ERR_NO_SPACE);
    assert_int_equal(lwci_b64_decoded_max(7), 5);
    assert_int_equal(lwci_b64_decode(NULL, 4, out, 8, 0, &n),
                     LWC_ERR_INVALID_ARG);
}

/* Decoding into the input's own memory gives the same bytes. */
static void test_in_place(void **state)
{
    char buf[] = "Zm9vYmFyZm9vYg";
    size_t n;
    (void)state;
    assert_int_equal(lwci_b64_decode(buf, strlen(buf), (uint8_t *)buf,
                                     sizeof(buf), LWCI_B64_ANY, &n),
                     LWC_OK);
    assert_int_equal(n, 10);
    assert_memory_equal(buf, "foobarfoob", 10);
}

/* Every length 0..64 and flag set: decode(encode(x)) == x. */
static void test_round_trip(void **state)
{
    static const unsigned flags[] = {0, LWCI_B64_URL, LWCI_B64_NOPAD,
                                     LWCI_B64_URL | LWCI_B64_NOPAD};
    uint8_t data[64], back[64];
    char text[100];
    (void)state;
    for (size_t i = 0; i < sizeof(data); i++) {
        data[i] = (uint8_t)(i * 37u + 11u) ^ (uint8_t)(i >> 1);
    }
    for (size_t f = 0; f < 4; f++) {
        for (size_t len = 0; len <= sizeof(data); len++) {
            size_t tn, bn;
            assert_int_equal(
                lwci_b64_encode(data, len, text, sizeof(text), flags[f], &tn),
                LWC_OK);
            assert_int_equal(
                lwci_b64_decode(text, tn, back, sizeof(back), flags[f], &bn),
                LWC_OK);
            assert_int_equal(bn, len);
            assert_memory_equal(back, data, len);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc4648_vectors),
        cmocka_unit_test(test_format_examples),
        cmocka_unit_test(test_strict_rejections),
        cmocka_unit_test(test_capacity),
        cmocka_unit_test(test_in_place),
        cmocka_unit_test(test_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
