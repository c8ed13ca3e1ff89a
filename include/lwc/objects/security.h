/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file security.h
 * @brief The LwM2M Security object (0): server URIs and credentials.
 *
 * LwM2M 1.1 Core Appendix E.1. Only the bootstrap server may read or write
 * it over the network; the client core reads it to open server accounts.
 * The state, including every key, lives in the caller-owned
 * @ref lwc_security_object_t (fixed-size buffers, no heap):
 *
 * @code
 * static lwc_security_object_t sec; // zeroed: ready to use
 * lwc_security_add_instance(&sec, &(lwc_security_instance_t){
 *     .server_uri = "coap://127.0.0.1:5683",
 *     .security_mode = LWC_SECURITY_MODE_NOSEC,
 *     .short_server_id = 1,
 * });
 * lwc_security_object_install(&client, &sec);
 * @endcode
 *
 * Every resource of the Security object 1.2 (OMA registry 0.xml, 0/x/0..30)
 * is described, all without operations for management servers. Stored:
 * 0..5 always; 10..15, 17 OSCORE Security Mode, 22..24 TLS settings,
 * 26 MQTT Server and 28/29 RDS ports when set; 16 DTLS/TLS Ciphersuite (up
 * to LWC_SECURITY_MAX_CIPHERSUITES instances). Not stored, so absent, with
 * writes accepted and ignored (a Bootstrap-Write carrying them still
 * succeeds): the SMS resources 6..9, the multiple resources 18..21, 25 and
 * 27, and 30 RDS Application ID. No function here blocks.
 */
#ifndef LWC_OBJECTS_SECURITY_H
#define LWC_OBJECTS_SECURITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lwc/client.h>
#include <lwc/config.h>
#include <lwc/dm.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Security instances: one per server account plus the bootstrap server. */
#ifndef LWC_SECURITY_MAX_INSTANCES
#define LWC_SECURITY_MAX_INSTANCES (LWC_MAX_SERVERS + 1)
#endif

/** Capacity of each key resource (0/x/3, 0/x/4, 0/x/5) in bytes. */
#ifndef LWC_SECURITY_KEY_MAX
#define LWC_SECURITY_KEY_MAX 128
#endif

/** Longest SNI (0/x/14), without the NUL. */
#ifndef LWC_SECURITY_SNI_MAX
#define LWC_SECURITY_SNI_MAX 64
#endif

/** DTLS/TLS Ciphersuite (0/x/16) instances stored per Security instance. */
#ifndef LWC_SECURITY_MAX_CIPHERSUITES
#define LWC_SECURITY_MAX_CIPHERSUITES 4
#endif
#if LWC_SECURITY_MAX_CIPHERSUITES < 1 || LWC_SECURITY_MAX_CIPHERSUITES > 255
#error "LWC_SECURITY_MAX_CIPHERSUITES must be 1..255"
#endif

/* Resources added by Security 1.2 (OMA registry 0.xml); 0..16 are in
 * <lwc/dm.h>. */
#define LWC_SECURITY_RID_OSCORE_SECURITY_MODE     17
#define LWC_SECURITY_RID_GROUPS_TO_USE            18
#define LWC_SECURITY_RID_SIGNATURE_ALGS_SUPPORTED 19
#define LWC_SECURITY_RID_SIGNATURE_ALGS_TO_USE    20
#define LWC_SECURITY_RID_SIGNATURE_ALG_CERTS      21
#define LWC_SECURITY_RID_TLS13_FEATURES           22
#define LWC_SECURITY_RID_TLS_EXTENSIONS_SUPPORTED 23
#define LWC_SECURITY_RID_TLS_EXTENSIONS_TO_USE    24
#define LWC_SECURITY_RID_SECONDARY_SERVER_URI     25
#define LWC_SECURITY_RID_MQTT_SERVER              26
#define LWC_SECURITY_RID_COSE_SECURITY            27
#define LWC_SECURITY_RID_RDS_DESTINATION_PORT     28
#define LWC_SECURITY_RID_RDS_SOURCE_PORT          29
#define LWC_SECURITY_RID_RDS_APPLICATION_ID       30

/** Initial values of one instance, for lwc_security_add_instance(). All
 *  buffers are copied. */
typedef struct {
    /** 0/x/0 LwM2M Server URI, at most LWC_SERVER_URI_MAX characters. */
    const char *server_uri;
    /** 0/x/1 this is the bootstrap server's account. */
    bool bootstrap;
    /** 0/x/2 one of LWC_SECURITY_MODE_* (0..4). */
    uint8_t security_mode;
    /** 0/x/3 Public Key or Identity (PSK identity, certificate...). */
    const uint8_t *public_key_or_identity;
    size_t public_key_or_identity_len; /**< At most LWC_SECURITY_KEY_MAX. */
    /** 0/x/4 Server Public Key. */
    const uint8_t *server_public_key;
    size_t server_public_key_len; /**< At most LWC_SECURITY_KEY_MAX. */
    /** 0/x/5 Secret Key (PSK key, private key). */
    const uint8_t *secret_key;
    size_t secret_key_len; /**< At most LWC_SECURITY_KEY_MAX. */
    /** 0/x/10 Short Server ID (1..65534); 0 leaves it absent, which only a
     *  bootstrap account may do. */
    uint16_t short_server_id;
    /** 0/x/11 Client Hold Off Time in seconds; 0 leaves it absent (the
     *  same as 0 s). */
    uint32_t client_hold_off_time;
    /** 0/x/12 Bootstrap-Server Account Timeout in seconds; 0 leaves it
     *  absent (the same as "infinite"). */
    uint32_t bootstrap_account_timeout;
    /** 0/x/13 Matching Type 0..3; 0 leaves it absent (0, exact match, is
     *  also the default). */
    uint8_t matching_type;
    /** 0/x/14 SNI; NULL or "" leaves it absent. */
    const char *sni;
    /** 0/x/15 Certificate Usage 0..3, present when has_certificate_usage
     *  (absent means 3, domain-issued certificate). */
    uint8_t certificate_usage;
    bool has_certificate_usage; /**< Whether 0/x/15 is present. */
    /** 0/x/16 DTLS/TLS Ciphersuites (IANA TLS Cipher Suite values), stored
     *  as Resource Instances 0..n-1; NULL/0 leaves the resource absent. */
    const uint16_t *ciphersuites;
    /** Entries in @c ciphersuites, at most LWC_SECURITY_MAX_CIPHERSUITES. */
    size_t ciphersuite_count;
} lwc_security_instance_t;

/** One stored instance (private: use the functions and the data model). */
typedef struct {
    bool used;
    bool bootstrap;
    uint8_t mode;
    int8_t matching_type;     /* -1: absent */
    int8_t certificate_usage; /* -1: absent */
    uint16_t iid;
    uint16_t ssid;      /* 0: absent */
    int64_t hold_off;   /* -1: absent */
    int64_t bs_timeout; /* -1: absent */
    char uri[LWC_SERVER_URI_MAX + 1];
    char sni[LWC_SECURITY_SNI_MAX + 1];
    uint8_t identity[LWC_SECURITY_KEY_MAX];
    uint8_t server_key[LWC_SECURITY_KEY_MAX];
    uint8_t secret_key[LWC_SECURITY_KEY_MAX];
    uint16_t identity_len;
    uint16_t server_key_len;
    uint16_t secret_key_len;
    /* Security 1.2 scalars: bit rid of `present` set when stored. */
    uint32_t present;
    uint16_t oscore_oid, oscore_iid; /* 17 */
    uint16_t mqtt_oid, mqtt_iid;     /* 26 */
    uint16_t tls13_features;         /* 22 */
    uint16_t tls_ext_supported;      /* 23 */
    uint16_t tls_ext_to_use;         /* 24 */
    uint8_t rds_dst_port;            /* 28 */
    uint8_t rds_src_port;            /* 29 */
    /* 16: Resource Instance IDs and values. */
    uint8_t ciphersuite_count;
    uint16_t ciphersuite_riid[LWC_SECURITY_MAX_CIPHERSUITES];
    uint16_t ciphersuite[LWC_SECURITY_MAX_CIPHERSUITES];
} lwc_security_slot_t;

/**
 * The Security object's caller-owned state. Zero-initialised storage (a
 * static variable) is ready to use; otherwise call
 * lwc_security_object_init() first. Must outlive the client it is
 * installed in.
 */
typedef struct {
    /** The descriptor (filled by init and install); its user_ctx is this
     *  struct. */
    lwc_object_t object;
    lwc_security_slot_t slots[LWC_SECURITY_MAX_INSTANCES]; /**< Private. */
} lwc_security_object_t;

/**
 * @brief Empty the object and fill its descriptor. Never blocks.
 * @return LWC_OK; LWC_ERR_INVALID_ARG when @p obj is NULL.
 */
int lwc_security_object_init(lwc_security_object_t *obj);

/**
 * @brief Add an instance with the smallest free Instance ID. Never blocks.
 *
 * May be called before or after install.
 *
 * @param init Copied completely.
 * @return The new Instance ID (>= 0); LWC_ERR_INVALID_ARG for a NULL
 *         pointer, a missing or too long URI or key, a mode above 4, a
 *         non-bootstrap account without a Short Server ID, a matching
 *         type / certificate usage above 3, or more than
 *         LWC_SECURITY_MAX_CIPHERSUITES ciphersuites (or a count without
 *         an array); LWC_ERR_NO_SPACE when
 *         LWC_SECURITY_MAX_INSTANCES instances exist.
 */
int lwc_security_add_instance(lwc_security_object_t *obj,
                              const lwc_security_instance_t *init);

/**
 * @brief Remove instance @p iid. Never blocks.
 * @return LWC_OK; LWC_ERR_NOT_FOUND; LWC_ERR_INVALID_ARG.
 */
int lwc_security_remove_instance(lwc_security_object_t *obj, uint16_t iid);

/**
 * @brief Register the object with a client (lwc_client_add_object()).
 * Never blocks. Instances added before stay.
 * @return As lwc_client_add_object(); LWC_ERR_INVALID_ARG for NULL.
 */
int lwc_security_object_install(lwc_client_t *client,
                                lwc_security_object_t *obj);

#ifdef __cplusplus
}
#endif

#endif /* LWC_OBJECTS_SECURITY_H */
