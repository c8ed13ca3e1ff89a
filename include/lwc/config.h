/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file config.h
 * @brief Compile-time configuration: every capacity and feature switch.
 *
 * Every option has a default below, guarded by @c #ifndef, so a build can
 * override any of them on the compiler command line (-DLWC_MAX_SERVERS=1) or,
 * preferably, in one user file named by @c LWC_CONFIG_FILE
 * (-DLWC_CONFIG_FILE='"my_lwc_config.h"'), which is included first.
 * The checks at the end reject inconsistent combinations with @c #error.
 *
 * Options that size a pool change @c sizeof(lwc_client_t), the library's
 * whole RAM cost; docs/configuration.md lists them all with their cost.
 */
#ifndef LWC_CONFIG_H
#define LWC_CONFIG_H

#ifdef LWC_CONFIG_FILE
#include LWC_CONFIG_FILE
#endif

/* ---- Features --------------------------------------------------------- */

/** Log lines through the platform log hook (0 strips every log call). */
#ifndef LWC_WITH_LOG
#define LWC_WITH_LOG 1
#endif

/**
 * Lowest level that is compiled in: 0 error, 1 warning, 2 info, 3 debug.
 * Calls below it vanish at compile time.
 */
#ifndef LWC_LOG_LEVEL
#define LWC_LOG_LEVEL 2
#endif

/** Longest formatted log line, including the terminating NUL (on stack). */
#ifndef LWC_LOG_LINE_MAX
#define LWC_LOG_LINE_MAX 128
#endif

/** OMA TLV content format (11542): encoder and decoder. */
#ifndef LWC_WITH_TLV
#define LWC_WITH_TLV 1
#endif

/** SenML CBOR content format (112), the LwM2M 1.1 default for reads. */
#ifndef LWC_WITH_SENML_CBOR
#define LWC_WITH_SENML_CBOR 1
#endif

/** SenML JSON content format (110). */
#ifndef LWC_WITH_SENML_JSON
#define LWC_WITH_SENML_JSON 1
#endif

/** LwM2M CBOR content format (11544, LwM2M 1.2). */
#ifndef LWC_WITH_LWM2M_CBOR
#define LWC_WITH_LWM2M_CBOR 1
#endif

/** Plain CBOR content format (60) for single values. */
#ifndef LWC_WITH_CBOR
#define LWC_WITH_CBOR 1
#endif

/** OMA LwM2M JSON content format (11543, LwM2M 1.0/1.1). */
#ifndef LWC_WITH_OMA_JSON
#define LWC_WITH_OMA_JSON 1
#endif

/** Read-Composite and Write-Composite (needs SenML or LwM2M CBOR). */
#ifndef LWC_WITH_COMPOSITE
#define LWC_WITH_COMPOSITE 1
#endif

/**
 * Paths one Read-Composite may list (10 bytes of stack each while it is
 * answered); a request listing more is answered 4.13.
 */
#ifndef LWC_COMPOSITE_MAX_PATHS
#define LWC_COMPOSITE_MAX_PATHS 32
#endif

/**
 * Content format of a hierarchical Read (object, instance, multiple
 * resource) that comes without an Accept option: 112 (SenML CBOR), which
 * LwM2M 1.1 prescribes for a 1.1 client (Core 1.1 §7.4, Data Formats). A
 * build that serves only LwM2M 1.0 servers may set 11542 (TLV). Single
 * resources default to text/plain (opaque for opaque resources) whatever
 * this says.
 */
#ifndef LWC_READ_DEFAULT_FORMAT
#define LWC_READ_DEFAULT_FORMAT 112
#endif

/* ---- Capacities ------------------------------------------------------- */

/** Server accounts (Security/Server instance pairs) registered at once. */
#ifndef LWC_MAX_SERVERS
#define LWC_MAX_SERVERS 2
#endif

/** Objects in the registry (standard and custom). */
#ifndef LWC_MAX_OBJECTS
#define LWC_MAX_OBJECTS 16
#endif

/** Longest endpoint client name, without the terminating NUL. */
#ifndef LWC_ENDPOINT_NAME_MAX
#define LWC_ENDPOINT_NAME_MAX 64
#endif

/** Longest server URI (0/x/0), without the terminating NUL. */
#ifndef LWC_SERVER_URI_MAX
#define LWC_SERVER_URI_MAX 255
#endif

/** Longest registration location (Location-Path of 2.01, joined by '/'). */
#ifndef LWC_LOCATION_MAX
#define LWC_LOCATION_MAX 64
#endif

/**
 * Attribute records (Write-Attributes, LwM2M 1.1 Core §5.1.2, §5.4.4): one
 * per server and path that carries at least one attribute (pmin, pmax,
 * gt, lt, st, epmin, epmax, edge, con, hqmax). A Write-Attributes that
 * needs a record when all are in use is answered 4.13. About 64 bytes each.
 */
#ifndef LWC_MAX_ATTRIBUTES
#define LWC_MAX_ATTRIBUTES 8
#endif

/* ---- CoAP (RFC 7252) -------------------------------------------------- */

/**
 * Largest CoAP message sent or received, header included. One receive
 * buffer and one buffer per server account for the outgoing request are
 * this size.
 */
#ifndef LWC_COAP_MAX_MSG_SIZE
#define LWC_COAP_MAX_MSG_SIZE 1152
#endif

/** Options kept from one parsed message; more gives 4.02/4.00 or a drop. */
#ifndef LWC_COAP_MAX_OPTIONS
#define LWC_COAP_MAX_OPTIONS 16
#endif

/** ACK_TIMEOUT in milliseconds (RFC 7252 §4.8). */
#ifndef LWC_COAP_ACK_TIMEOUT_MS
#define LWC_COAP_ACK_TIMEOUT_MS 2000
#endif

/** ACK_RANDOM_FACTOR in percent: 150 means 1.5 (RFC 7252 §4.8). */
#ifndef LWC_COAP_ACK_RANDOM_FACTOR_PCT
#define LWC_COAP_ACK_RANDOM_FACTOR_PCT 150
#endif

/** MAX_RETRANSMIT (RFC 7252 §4.8). */
#ifndef LWC_COAP_MAX_RETRANSMIT
#define LWC_COAP_MAX_RETRANSMIT 4
#endif

/**
 * Incoming request message IDs remembered per server account for
 * deduplication (RFC 7252 §4.5), each for EXCHANGE_LIFETIME.
 */
#ifndef LWC_COAP_DEDUP_ENTRIES
#define LWC_COAP_DEDUP_ENTRIES 4
#endif

/**
 * Bytes of each remembered response. A duplicate request is answered from
 * this cache; a response larger than this is not cached, and a duplicate of
 * its request is processed again when the method is safe (GET, FETCH) or
 * dropped otherwise.
 */
#ifndef LWC_COAP_DEDUP_RESPONSE_SIZE
#define LWC_COAP_DEDUP_RESPONSE_SIZE 256
#endif

/**
 * Block1 (RFC 7959 §2.5): bytes of one payload entry that may be carried
 * from one block of a large Write to the next. An entry (one resource
 * value with its framing) that spans a block boundary must fit here, else
 * the write is answered 4.13 with Size1. One transfer at a time per client
 * holds this much RAM in lwc_client_t.
 */
#ifndef LWC_BLOCK1_CARRY_SIZE
#define LWC_BLOCK1_CARRY_SIZE 256
#endif

/* ---- Consistency checks ----------------------------------------------- */

#if LWC_MAX_SERVERS < 1
#error "LWC_MAX_SERVERS must be at least 1"
#endif
#if LWC_MAX_OBJECTS < 3
#error "LWC_MAX_OBJECTS must hold at least Security, Server and Device"
#endif
#if LWC_MAX_ATTRIBUTES < 1 || LWC_MAX_ATTRIBUTES > 65535
#error "LWC_MAX_ATTRIBUTES must be within 1..65535"
#endif
#if LWC_COAP_MAX_MSG_SIZE < 64 || LWC_COAP_MAX_MSG_SIZE > 65535
#error "LWC_COAP_MAX_MSG_SIZE must be within 64..65535"
#endif
#if LWC_READ_DEFAULT_FORMAT == 112 && !LWC_WITH_SENML_CBOR
#error "LWC_READ_DEFAULT_FORMAT is SenML CBOR (112) but LWC_WITH_SENML_CBOR is 0"
#endif
#if LWC_READ_DEFAULT_FORMAT == 11542 && !LWC_WITH_TLV
#error "LWC_READ_DEFAULT_FORMAT is TLV (11542) but LWC_WITH_TLV is 0"
#endif
#if LWC_READ_DEFAULT_FORMAT == 110 && !LWC_WITH_SENML_JSON
#error "LWC_READ_DEFAULT_FORMAT is SenML JSON (110) but LWC_WITH_SENML_JSON is 0"
#endif
#if LWC_WITH_COMPOSITE && !LWC_WITH_SENML_CBOR && !LWC_WITH_SENML_JSON &&     \
    !LWC_WITH_LWM2M_CBOR
#error "LWC_WITH_COMPOSITE needs SenML CBOR, SenML JSON or LwM2M CBOR"
#endif
#if LWC_COAP_MAX_OPTIONS < 1 || LWC_COAP_MAX_OPTIONS > 255
#error "LWC_COAP_MAX_OPTIONS must be within 1..255"
#endif
#if LWC_COAP_ACK_RANDOM_FACTOR_PCT < 100
#error "LWC_COAP_ACK_RANDOM_FACTOR_PCT must be at least 100 (RFC 7252 §4.8)"
#endif
#if LWC_COAP_MAX_RETRANSMIT < 0 || LWC_COAP_MAX_RETRANSMIT > 10
#error "LWC_COAP_MAX_RETRANSMIT must be within 0..10"
#endif
#if LWC_COAP_DEDUP_ENTRIES < 1
#error "LWC_COAP_DEDUP_ENTRIES must be at least 1"
#endif
#if LWC_BLOCK1_CARRY_SIZE < 16 || LWC_BLOCK1_CARRY_SIZE > 65535
#error "LWC_BLOCK1_CARRY_SIZE must be within 16..65535"
#endif
#if LWC_COAP_DEDUP_RESPONSE_SIZE > LWC_COAP_MAX_MSG_SIZE
#error "LWC_COAP_DEDUP_RESPONSE_SIZE cannot exceed LWC_COAP_MAX_MSG_SIZE"
#endif
#if LWC_LOG_LINE_MAX < 32
#error "LWC_LOG_LINE_MAX must be at least 32"
#endif

#endif /* LWC_CONFIG_H */
