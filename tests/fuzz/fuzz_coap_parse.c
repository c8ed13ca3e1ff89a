/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * libFuzzer target for the CoAP parser (RFC 7252 §3). Every input is
 * parsed; an accepted message is rebuilt with the writer, which must give
 * the very same bytes (the option encoding of §3.1 has exactly one form
 * per delta and length), must fail cleanly one byte short, and must parse
 * back to the same fields. The option helpers run on every parsed message.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lwc/errors.h>

#include "coap/coap_msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            abort();                                                           \
        }                                                                      \
    } while (0)

/* Rebuild m into buf[0..cap); the writer's first error or LWC_OK. */
static int rebuild(const lwci_coap_msg_t *m, uint8_t *buf, size_t cap,
                   size_t *len)
{
    lwci_coap_writer_t w;
    size_t i;

    lwci_coap_writer_init(&w, buf, cap, m->type, m->code, m->mid, m->token,
                          m->token_len);
    for (i = 0; i < m->opt_count; i++) {
        lwci_coap_add_opt(&w, m->opts[i].number, m->opts[i].value,
                          m->opts[i].len);
    }
    lwci_coap_add_payload(&w, m->payload, m->payload_len);
    CHECK(w.len <= cap);
    *len = w.len;
    return w.err;
}

static void check_same(const lwci_coap_msg_t *a, const lwci_coap_msg_t *b)
{
    size_t i;

    CHECK(a->type == b->type && a->code == b->code && a->mid == b->mid);
    CHECK(a->token_len == b->token_len);
    CHECK(memcmp(a->token, b->token, a->token_len) == 0);
    CHECK(a->opt_count == b->opt_count);
    for (i = 0; i < a->opt_count; i++) {
        CHECK(a->opts[i].number == b->opts[i].number);
        CHECK(a->opts[i].len == b->opts[i].len);
        CHECK(memcmp(a->opts[i].value, b->opts[i].value, a->opts[i].len) == 0);
    }
    CHECK(a->payload_len == b->payload_len);
    CHECK((a->payload == NULL) == (b->payload == NULL));
    if (a->payload_len > 0) {
        CHECK(memcmp(a->payload, b->payload, a->payload_len) == 0);
    }
}

/* The helpers must not crash and must agree with what the parser kept. */
static void run_helpers(const lwci_coap_msg_t *m)
{
    static const uint16_t known[] = {LWCI_COAP_OPT_URI_PATH,
                                     LWCI_COAP_OPT_URI_QUERY};
    char path[64];
    lwci_coap_block_t blk;
    uint32_t u;
    uint16_t cf;
    uint16_t crit;
    size_t iter = 0;
    size_t seen = 0;

    while (lwci_coap_find_opt(m, LWCI_COAP_OPT_URI_PATH, &iter) != NULL) {
        CHECK(++seen <= m->opt_count);
    }
    (void)lwci_coap_get_content_format(m, &cf);
    (void)lwci_coap_get_accept(m, &cf);
    (void)lwci_coap_get_observe(m, &u);
    (void)lwci_coap_get_uint(m, LWCI_COAP_OPT_SIZE1, &u);
    if (lwci_coap_get_block(m, LWCI_COAP_OPT_BLOCK2, &blk) == LWC_OK) {
        CHECK(blk.szx <= 6 && blk.num < (1u << 20));
    }
    if (lwci_coap_join_path(m, LWCI_COAP_OPT_URI_PATH, path, sizeof(path)) ==
        LWC_OK) {
        CHECK(strlen(path) < sizeof(path));
    }
    crit = lwci_coap_unknown_critical(m, known, 2);
    CHECK(crit == 0 ||
          (LWCI_COAP_OPT_IS_CRITICAL(crit) && crit != LWCI_COAP_OPT_URI_PATH &&
           crit != LWCI_COAP_OPT_URI_QUERY));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lwci_coap_msg_t m;
    lwci_coap_msg_t again;
    bool hok = false;
    uint8_t *out;
    size_t len = 0;
    int rc;

    rc = lwci_coap_parse(&m, data, size, &hok);
    CHECK(rc == LWC_OK || rc == LWC_ERR_MALFORMED || rc == LWC_ERR_NO_SPACE);
    CHECK(rc != LWC_OK || hok);
    CHECK(rc != LWC_ERR_NO_SPACE || hok);
    if (rc != LWC_OK) {
        if (rc == LWC_ERR_NO_SPACE) {
            run_helpers(&m);
        }
        return 0;
    }
    run_helpers(&m);

    /* Exactly sized heap buffer: ASan catches a write one past the end. */
    out = malloc(size);
    CHECK(out != NULL);
    CHECK(rebuild(&m, out, size, &len) == LWC_OK);
    CHECK(len == size && memcmp(out, data, size) == 0);
    CHECK(rebuild(&m, out, size - 1, &len) == LWC_ERR_NO_SPACE);
    CHECK(len <= size - 1);

    CHECK(rebuild(&m, out, size, &len) == LWC_OK);
    CHECK(lwci_coap_parse(&again, out, len, NULL) == LWC_OK);
    check_same(&m, &again);
    free(out);
    return 0;
}
