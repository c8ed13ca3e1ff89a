/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Helpers shared by the object tests: send one request to a data model
 * through lwci_dm_handle(), as the client core does for a server request,
 * and check the answer. Include after <cmocka.h>.
 */
#ifndef LWC_TESTS_OBJTEST_H
#define LWC_TESTS_OBJTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dm/dm.h"

/* A CoAP code byte from class and detail, e.g. C(2, 5). */
#define C(c, d) ((uint8_t)LWC_COAP_CODE(c, d))

typedef struct {
    lwci_dm_t *dm;
    bool bootstrap; /* requests come from the bootstrap server */
    int32_t accept; /* -1: none */
    uint8_t out[1024];
    lwci_dm_response_t resp;
} objtest_t;

static inline lwci_dm_response_t *objtest_req(objtest_t *t, lwci_dm_op_t op,
                                              const lwc_path_t *p, int32_t cf,
                                              const void *payload, size_t len)
{
    lwci_dm_request_t r = {.op = op,
                           .path = *p,
                           .bootstrap = t->bootstrap,
                           .content_format = cf,
                           .accept = t->accept,
                           .payload = payload,
                           .payload_len = len};
    memset(t->out, 0, sizeof(t->out));
    lwci_dm_handle(t->dm, &r, t->out, sizeof(t->out), &t->resp);
    return &t->resp;
}

/* Read: the response code. */
static inline uint8_t objtest_read(objtest_t *t, const lwc_path_t *p)
{
    return objtest_req(t, LWCI_DM_OP_READ, p, -1, NULL, 0)->code;
}

/* Write-Replace (PUT) of text: the response code. */
static inline uint8_t objtest_put_text(objtest_t *t, const lwc_path_t *p,
                                       const char *text)
{
    return objtest_req(t, LWCI_DM_OP_WRITE_REPLACE, p, LWC_FORMAT_TEXT, text,
                       strlen(text))
        ->code;
}

/* Write (PUT, or POST when partial) of TLV: the response code. */
static inline uint8_t objtest_write_tlv(objtest_t *t, const lwc_path_t *p,
                                        const uint8_t *tlv, size_t len,
                                        bool partial)
{
    return objtest_req(
               t, partial ? LWCI_DM_OP_WRITE_PARTIAL : LWCI_DM_OP_WRITE_REPLACE,
               p, LWC_FORMAT_TLV, tlv, len)
        ->code;
}

/* Execute without arguments: the response code. */
static inline uint8_t objtest_exec(objtest_t *t, const lwc_path_t *p)
{
    return objtest_req(t, LWCI_DM_OP_EXECUTE, p, -1, NULL, 0)->code;
}

/* A read answering 2.05 with this text/plain payload. */
#define expect_text(t, path, want)                                             \
    do {                                                                       \
        lwci_dm_response_t *r_ =                                               \
            objtest_req((t), LWCI_DM_OP_READ, (path), -1, NULL, 0);            \
        assert_int_equal(r_->code, C(2, 5));                                   \
        assert_int_equal(r_->content_format, LWC_FORMAT_TEXT);                 \
        assert_int_equal(r_->payload_len, strlen(want));                       \
        assert_memory_equal((t)->out, (want), strlen(want));                   \
    } while (0)

/* A read asking for TLV (hierarchical reads default to SenML CBOR)
 * answering 2.05 with exactly these TLV bytes. */
#define expect_tlv(t, path, want)                                              \
    do {                                                                       \
        int32_t accept_ = (t)->accept;                                         \
        (t)->accept = LWC_FORMAT_TLV;                                          \
        lwci_dm_response_t *r_ =                                               \
            objtest_req((t), LWCI_DM_OP_READ, (path), -1, NULL, 0);            \
        (t)->accept = accept_;                                                 \
        assert_int_equal(r_->code, C(2, 5));                                   \
        assert_int_equal(r_->content_format, LWC_FORMAT_TLV);                  \
        assert_int_equal(r_->payload_len, sizeof(want));                       \
        assert_memory_equal((t)->out, (want), sizeof(want));                   \
    } while (0)

#endif /* LWC_TESTS_OBJTEST_H */
