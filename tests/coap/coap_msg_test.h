/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Shorthands shared by the CoAP codec tests (test_coap_msg_*.c): byte
 * vectors written as string literals, return-code checks, and writers
 * started for the tests that do not care about header or token.
 */
#ifndef LWC_TESTS_COAP_MSG_TEST_H
#define LWC_TESTS_COAP_MSG_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <lwc/errors.h>

#include "coap/coap_msg.h"

/* A string literal as (pointer, length), so vectors may hold NUL bytes. */
#define S(lit) (lit), (sizeof(lit) - 1)
#define W(lit) (const uint8_t *)(lit), (sizeof(lit) - 1)

/* Fill byte of buffers whose untouched bytes a test checks. */
#define GUARD 0xa5

/* The call must return rc / must succeed. */
#define RC(call, rc) assert_int_equal((call), (rc))
#define OK(call)     RC(call, LWC_OK)

static inline void parse_ok(lwci_coap_msg_t *m, const uint8_t *wire, size_t len)
{
    OK(lwci_coap_parse(m, wire, len, NULL));
}

/* A CON GET, MID 1, no token. */
static inline void start_get(lwci_coap_writer_t *w, uint8_t *buf, size_t cap)
{
    OK(lwci_coap_writer_init(w, buf, cap, LWCI_COAP_CON, LWCI_COAP_GET, 1, NULL,
                             0));
}

/* A 2.05 Content of the given type, MID 1, no token. */
static inline void start_205(lwci_coap_writer_t *w, uint8_t *buf, size_t cap,
                             uint8_t type)
{
    OK(lwci_coap_writer_init(w, buf, cap, type, LWCI_COAP_205_CONTENT, 1, NULL,
                             0));
}

#endif /* LWC_TESTS_COAP_MSG_TEST_H */
