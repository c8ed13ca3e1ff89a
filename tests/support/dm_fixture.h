/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Shared fixture of the data-model tests (tests/dm): a data model whose
 * log and change notifications are captured, requests built as the core
 * builds them and run through lwci_dm_handle(), checks of a response
 * payload, a small custom test object, handlers that accept everything,
 * and a Security (0) stand-in. Checks fail the running cmocka test.
 *
 * A test file embeds dmf_t as the first member of its own fixture and adds
 * the objects it needs.
 */
#ifndef LWC_TESTS_SUPPORT_DM_FIXTURE_H
#define LWC_TESTS_SUPPORT_DM_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lwc/dm.h>

#include "dm/dm.h"

/* A CoAP code as the data model answers it: C(4, 4) is 4.04. */
#define C(c, d) ((uint8_t)LWC_COAP_CODE(c, d))

#define DMF_NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define DMF_OUT_SIZE    512
#define DMF_LOG_SIZE    512
#define DMF_MAX_CHANGES 8

typedef struct {
    lwci_dm_t dm;
    lwc_platform_t pf; /* logs into log[] */
    uint8_t out[DMF_OUT_SIZE];
    lwci_dm_response_t resp;             /* of the last dmf_run() */
    char log[DMF_LOG_SIZE];              /* every log line, '\n'-terminated */
    lwc_path_t changed[DMF_MAX_CHANGES]; /* the first paths reported */
    int changes; /* how often the change hook was called */
} dmf_t;

/* Zero f and initialise its data model: log capture, change hook. */
void dmf_init(dmf_t *f);

/* Register o with f's data model; the test fails if it is refused. */
void dmf_add(dmf_t *f, const lwc_object_t *o);

/*
 * A request of server ssid as the core builds it: no payload, no query,
 * Content-Format and Accept absent (-1). Tests set further fields.
 */
lwci_dm_request_t dmf_request(lwci_dm_op_t op, const lwc_path_t *p,
                              uint16_t ssid);

/* Split q at '&' into r's Uri-Query values; NULL or "" adds none. */
void dmf_set_query(lwci_dm_request_t *r, const char *q);

/*
 * Run r through lwci_dm_handle() with f->out[0..cap) as the payload
 * buffer (filled with 0xAA first, so stale bytes show); returns &f->resp.
 */
lwci_dm_response_t *dmf_run(dmf_t *f, const lwci_dm_request_t *r, size_t cap);

/* The last response is 2.05 with exactly want, whole, in format cf. */
void dmf_expect_payload(const dmf_t *f, int32_t cf, const char *want);

/* ---- Handlers ------------------------------------------------------------ */

/* list_instances: instance 0 only. */
int dmf_list_one(void *ctx, lwc_dm_list_t *list);
/* list_instances: no instances. */
int dmf_list_none(void *ctx, lwc_dm_list_t *list);
/* execute: accepts any arguments and does nothing. */
int dmf_execute_ok(void *ctx, uint16_t iid, uint16_t rid, const uint8_t *args,
                   size_t len);
/* write: accepts any value and stores nothing. */
int dmf_write_ok(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                 const lwc_value_t *v);

/* ---- The test object ----------------------------------------------------- */

/*
 * A multi-instance custom object (no user context) with these resources:
 *   0 Integer RW  reads 7
 *   1 String  R   reads "x"
 *   2 Float   R   reads 1.5
 *   4 Execute     accepts anything
 *   5 Boolean R   reads true on instance 1, absent on instance 0
 *   6 Integer R   multiple: instances 3 and 0 on instance 0, absent on 1;
 *                 each reads 7
 *   7 Unsigned    no operations (bootstrap only), reads 9
 * Instances 1 and 0, listed in that order (the data model sorts them).
 * Writes are accepted and change nothing.
 */
lwc_object_t dmf_test_object(uint16_t oid, const char *version);

/* ---- The Device object of the specification's examples ----------------- */

/*
 * Device (3), single instance, with the resources that LwM2M Core 1.1
 * §7.4.3.1 (Read /3/0 in TLV) and Table 7.4.4-2 (in SenML JSON) read:
 * 0-3, 6-11, 13, 14 and 16; also 4 (Reboot) and 15 (Timezone, declared,
 * absent from the examples). The values come from the given handlers.
 */
lwc_object_t dmf_device_object(const lwc_object_handlers_t *handlers,
                               void *user_ctx);

/* ---- A Security object stand-in ---------------------------------------- */

/*
 * Instance 0 with resource 0 (Server URI, String, no operations: only the
 * bootstrap server reads or writes it), "coap://x" after
 * dmf_security_init(). Writes of up to sizeof(uri) - 1 bytes store it.
 */
typedef struct {
    char uri[24];
    lwc_object_t object;
} dmf_security_t;

void dmf_security_init(dmf_security_t *s);

#endif /* LWC_TESTS_SUPPORT_DM_FIXTURE_H */
