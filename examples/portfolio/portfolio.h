/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file portfolio.h
 * @brief An application-defined object: the OMA Portfolio object (16).
 *
 * The second example of an object written with the public data-model API
 * (<lwc/dm.h>) only, after examples/temperature/. Where the temperature
 * sensor has one fixed instance, Portfolio shows what a server-managed
 * object needs: instances the server creates and deletes
 * (create_instance/delete_instance), a multiple resource (16/x/0 Identity,
 * with Resource Instances), and transaction hooks so that a Write or Create
 * that fails half-way changes nothing. Everything lives in a fixed pool in
 * the caller-owned state: no heap, no global state, nothing blocks.
 *
 * @code
 * static portfolio_t pf;
 * portfolio_init(&pf);
 * portfolio_add_instance(&pf, 0);
 * portfolio_set_identity(&pf, 0, 0, "host-device-id");
 * portfolio_install(&client, &pf);
 * @endcode
 *
 * The object definition is OMA registry 16.xml, version 1.0. Resources:
 *   - 0 Identity (RW, multiple string, mandatory): up to
 *     PORTFOLIO_MAX_IDENTITIES strings of PORTFOLIO_IDENTITY_MAX bytes,
 *     Resource Instance IDs 0..PORTFOLIO_MAX_IDENTITIES-1;
 *   - 1 GetAuthData (E): this example has no authentication service, so
 *     it sets 3 AuthStatus to 2 (ERROR_STATE);
 *   - 2 AuthData (R, multiple opaque): never produced, so absent;
 *   - 3 AuthStatus (R, integer): 0 IDLE_STATE, 2 after GetAuthData.
 */
#ifndef LWC_EXAMPLE_PORTFOLIO_H
#define LWC_EXAMPLE_PORTFOLIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lwc/client.h>
#include <lwc/dm.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Portfolio object ID (OMA LwM2M registry). */
#define PORTFOLIO_OID 16

/* Resource IDs (16.xml). */
#define PORTFOLIO_RID_IDENTITY      0
#define PORTFOLIO_RID_GET_AUTH_DATA 1
#define PORTFOLIO_RID_AUTH_DATA     2
#define PORTFOLIO_RID_AUTH_STATUS   3

/** Instances held at once (the pool size). */
#define PORTFOLIO_MAX_INSTANCES 4
/** Identity (16/x/0) Resource Instances per instance. */
#define PORTFOLIO_MAX_IDENTITIES 4
/** Longest Identity string kept, in bytes without the NUL. */
#define PORTFOLIO_IDENTITY_MAX 32

/** 16/x/3 AuthStatus values (16.xml). */
#define PORTFOLIO_AUTH_IDLE  0
#define PORTFOLIO_AUTH_AVAIL 1
#define PORTFOLIO_AUTH_ERROR 2

/** One Portfolio instance (a slot of the pool). */
typedef struct {
    bool used;    /**< The slot holds an instance. */
    uint16_t iid; /**< Its Instance ID. */
    /** Which Identity Resource Instances exist (index = riid). */
    bool has_identity[PORTFOLIO_MAX_IDENTITIES];
    /** 16/x/0/riid, NUL-terminated. */
    char identity[PORTFOLIO_MAX_IDENTITIES][PORTFOLIO_IDENTITY_MAX + 1];
    int64_t auth_status; /**< 16/x/3. */
} portfolio_instance_t;

/** The whole object: caller-owned, must outlive the client. */
typedef struct {
    /** The descriptor given to the client; its user_ctx points here. */
    lwc_object_t object;
    portfolio_instance_t inst[PORTFOLIO_MAX_INSTANCES];
    /** The pool as it was at transaction_begin, restored by rollback. */
    portfolio_instance_t saved[PORTFOLIO_MAX_INSTANCES];
} portfolio_t;

/**
 * @brief Set up an empty object (no instances) and its descriptor.
 * @return LWC_OK; LWC_ERR_INVALID_ARG for NULL.
 */
int portfolio_init(portfolio_t *p);

/**
 * @brief Create instance @p iid locally (as a server's Create would),
 * without identities. Never blocks.
 * @return LWC_OK; LWC_ERR_INVALID_ARG for NULL or an iid above LWC_ID_MAX;
 *         LWC_ERR_EXISTS when it exists;
 *         LWC_ERR_NO_SPACE when the pool is full.
 */
int portfolio_add_instance(portfolio_t *p, uint16_t iid);

/**
 * @brief Set Identity 16/@p iid/0/@p riid to @p identity (copied).
 * @return LWC_OK; LWC_ERR_NOT_FOUND when the instance does not exist;
 *         LWC_ERR_INVALID_ARG for NULL, a riid of PORTFOLIO_MAX_IDENTITIES
 *         or more, or a string longer than PORTFOLIO_IDENTITY_MAX or with
 *         control characters.
 */
int portfolio_set_identity(portfolio_t *p, uint16_t iid, uint16_t riid,
                           const char *identity);

/**
 * @brief Add the object to a client (lwc_client_add_object()).
 * @return As lwc_client_add_object(); LWC_ERR_INVALID_ARG for NULL.
 */
int portfolio_install(lwc_client_t *client, portfolio_t *p);

#ifdef __cplusplus
}
#endif

#endif /* LWC_EXAMPLE_PORTFOLIO_H */
