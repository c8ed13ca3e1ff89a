/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file dm.h
 * @brief The data model: paths, values, object descriptors and handlers.
 *
 * An LwM2M object is described by a const @ref lwc_object_t (DESIGN.md rule
 * 6): its Object ID, version, a table of resource definitions sorted by
 * Resource ID, and a table of handlers that the client calls, each with the
 * descriptor's @c user_ctx first, when a server reads, writes, executes,
 * creates or deletes. The client never stores values itself: the handlers
 * own every value and every instance. Standard objects (include/lwc/objects/)
 * are written the same way as custom ones.
 *
 * @code
 * static const lwc_resource_def_t temp_res[] = {
 *     {.rid = 5700, .type = LWC_TYPE_FLOAT, .ops = LWC_OP_R, .mandatory =
 * true},
 *     {.rid = 5701, .type = LWC_TYPE_STRING, .ops = LWC_OP_R},
 *     {.rid = 5605, .type = LWC_TYPE_NONE, .ops = LWC_OP_E},
 * };
 * static const lwc_object_handlers_t temp_handlers = {
 *     .list_instances = temp_list, .read = temp_read, .execute = temp_exec,
 * };
 * static const lwc_object_t temp_object = {
 *     .oid = 3303, .version = "1.1",
 *     .resources = temp_res, .resource_count = 3,
 *     .handlers = &temp_handlers, .user_ctx = &my_sensor,
 * };
 * lwc_client_add_object(&client, &temp_object);
 * @endcode
 *
 * Handlers run inside lwc_client_step(), one at a time, and must not block.
 * They must not call back into the client except lwc_dm_list_add().
 *
 * Everything in this header is free of heap, global state and blocking.
 */
#ifndef LWC_DM_H
#define LWC_DM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lwc/errors.h>
#include <lwc/transport.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Identifiers and paths (LwM2M 1.1 Core §6.1, §7.1) ---------------- */

/** Largest valid Object, Instance, Resource or Resource Instance ID.
 *  65535 is reserved (LwM2M 1.1 Core §7.1). */
#define LWC_ID_MAX 65534u
/** "No ID": e.g. the @c riid passed for a single-instance resource. */
#define LWC_ID_NONE 65535u

/**
 * A data-model path: 0 (the root "/") to 4 IDs: Object, Object Instance,
 * Resource, Resource Instance. @c ids[k] for k >= @c len are unused.
 */
typedef struct {
    uint16_t ids[4]; /**< Object, Instance, Resource, Resource Instance. */
    uint8_t len;     /**< How many of @c ids are set: 0..4. */
} lwc_path_t;

/** @cond INTERNAL */
#define LWC_PATH_ARGC_(a, b, c, d, n, ...) n
/** @endcond */

/**
 * A path as a compound literal from 1 to 4 IDs:
 * `&LWC_PATH(3, 0, 4)` is "/3/0/4". More than 4 IDs fail to compile.
 */
#define LWC_PATH(...)                                                          \
    ((lwc_path_t){.ids = {__VA_ARGS__},                                        \
                  .len = LWC_PATH_ARGC_(__VA_ARGS__, 4, 3, 2, 1, 0)})

/** The root path "/" (length 0). */
#define LWC_PATH_ROOT ((lwc_path_t){.len = 0})

/** Longest text form: "/65534/65534/65534/65534" plus the NUL. */
#define LWC_PATH_STR_MAX 25

/**
 * @brief Parse a path from text: "/" (root), "/3", "/3/0", "/3/0/4",
 * "/3/0/11/0". Never blocks.
 *
 * The text must start with '/'; each segment is one or more decimal digits
 * with a value of at most @ref LWC_ID_MAX. Empty segments ("//", a trailing
 * '/'), signs, spaces, other characters and more than 4 segments are
 * rejected.
 *
 * @param s   The text; need not be NUL-terminated.
 * @param len Its length in bytes.
 * @param[out] out The path; untouched on failure.
 * @return LWC_OK; LWC_ERR_MALFORMED for malformed text;
 *         LWC_ERR_INVALID_ARG when @p out is NULL or @p s is NULL with a
 *         non-zero @p len.
 */
int lwc_path_parse(const char *s, size_t len, lwc_path_t *out);

/**
 * @brief Format a path as text ("/3/0/4", "/" for the root), NUL-terminated.
 * Never blocks.
 *
 * @param path    The path.
 * @param buf     Output buffer; @ref LWC_PATH_STR_MAX bytes always suffice.
 * @param cap     Its capacity, including the NUL.
 * @param[out] out_len Characters written without the NUL; may be NULL.
 * @return LWC_OK; LWC_ERR_NO_SPACE when it does not fit (buf then holds an
 *         empty string if cap > 0); LWC_ERR_INVALID_ARG for a NULL pointer
 *         or an invalid path (see lwc_path_is_valid()).
 */
int lwc_path_format(const lwc_path_t *path, char *buf, size_t cap,
                    size_t *out_len);

/** @brief True when @p path is non-NULL, len <= 4 and every used ID is at
 *  most @ref LWC_ID_MAX. Never blocks. */
bool lwc_path_is_valid(const lwc_path_t *path);

/** @brief True when both paths have the same length and IDs. */
bool lwc_path_equal(const lwc_path_t *a, const lwc_path_t *b);

/** @brief True when @p prefix is @p path or one of its ancestors (the root
 *  is an ancestor of every path). */
bool lwc_path_starts_with(const lwc_path_t *path, const lwc_path_t *prefix);

/* ---- Resource definitions (LwM2M 1.1 Core Appendix C, §7.3) ----------- */

/** Data types of resources (LwM2M 1.1 Core Appendix C). */
typedef enum {
    LWC_TYPE_NONE = 0,   /**< No value: executable resources. */
    LWC_TYPE_STRING = 1, /**< UTF-8 string. */
    LWC_TYPE_INT = 2,    /**< Signed 64-bit integer. */
    LWC_TYPE_UINT = 3,   /**< Unsigned 64-bit integer (LwM2M 1.1). */
    LWC_TYPE_FLOAT = 4,  /**< IEEE-754 double. */
    LWC_TYPE_BOOL = 5,   /**< Boolean. */
    LWC_TYPE_OPAQUE = 6, /**< Byte string. */
    LWC_TYPE_TIME = 7,   /**< Seconds since 1970-01-01 UTC (signed). */
    LWC_TYPE_OBJLNK = 8, /**< Object link: Object ID and Instance ID. */
    LWC_TYPE_CORELNK = 9 /**< CoRE link format (RFC 6690) as a string. */
} lwc_data_type_t;

/** Operations a resource allows to a management server (bit set). */
#define LWC_OP_NONE 0x00u /**< Only the bootstrap server may access it. */
#define LWC_OP_R    0x01u /**< Read (and Observe, Discover). */
#define LWC_OP_W    0x02u /**< Write. */
#define LWC_OP_RW   0x03u /**< Read and Write. */
#define LWC_OP_E    0x04u /**< Execute; the type must be LWC_TYPE_NONE. */

/**
 * One resource of an object, as in the object's OMA definition. Tables of
 * these are sorted by @c rid, unique, and usually const (may live in flash).
 * Use designated initialisers; omitted fields are 0/false.
 */
typedef struct {
    uint16_t rid;   /**< Resource ID, 0..LWC_ID_MAX. */
    uint8_t type;   /**< A @ref lwc_data_type_t. */
    uint8_t ops;    /**< LWC_OP_* bits; LWC_OP_NONE for Security-style
                         resources only the bootstrap server accesses. */
    bool multiple;  /**< Multiple-instance resource (has Resource
                         Instances enumerated by list_resource_instances). */
    bool mandatory; /**< Mandatory in the object definition (informative:
                         a mandatory resource is still absent when its read
                         handler says LWC_ERR_NOT_FOUND). */
} lwc_resource_def_t;

/* ---- Values ----------------------------------------------------------- */

/**
 * A resource value: a tagged union. Strings, opaque and core links are a
 * pointer and a length, not NUL-terminated. In a value a read handler
 * returns, the pointed-to bytes are owned by the handler and must stay
 * valid until the next handler call on any object. In a value passed to a
 * write handler they are owned by the client and valid during the call
 * only: copy what you keep.
 */
typedef struct {
    uint8_t type; /**< A @ref lwc_data_type_t; selects the member. */
    union {
        int64_t i;  /**< LWC_TYPE_INT. */
        uint64_t u; /**< LWC_TYPE_UINT. */
        double f;   /**< LWC_TYPE_FLOAT. */
        bool b;     /**< LWC_TYPE_BOOL. */
        int64_t t;  /**< LWC_TYPE_TIME. */
        /** LWC_TYPE_STRING, LWC_TYPE_OPAQUE, LWC_TYPE_CORELNK. */
        struct {
            const void *data; /**< May be NULL when len is 0. */
            size_t len;       /**< Bytes. */
        } bytes;
        /** LWC_TYPE_OBJLNK; 65535:65535 is the "null" link. */
        struct {
            uint16_t oid;
            uint16_t iid;
        } objlnk;
    };
} lwc_value_t;

/** @brief An LWC_TYPE_INT value. */
static inline lwc_value_t lwc_value_int(int64_t v)
{
    lwc_value_t r = {0, {0}};
    r.type = LWC_TYPE_INT;
    r.i = v;
    return r;
}

/** @brief An LWC_TYPE_UINT value. */
static inline lwc_value_t lwc_value_uint(uint64_t v)
{
    lwc_value_t r = {0, {0}};
    r.type = LWC_TYPE_UINT;
    r.u = v;
    return r;
}

/** @brief An LWC_TYPE_FLOAT value. */
static inline lwc_value_t lwc_value_float(double v)
{
    lwc_value_t r = {0, {0}};
    r.type = LWC_TYPE_FLOAT;
    r.f = v;
    return r;
}

/** @brief An LWC_TYPE_BOOL value. */
static inline lwc_value_t lwc_value_bool(bool v)
{
    lwc_value_t r = {0, {0}};
    r.type = LWC_TYPE_BOOL;
    r.b = v;
    return r;
}

/** @brief An LWC_TYPE_TIME value (seconds since the Unix epoch). */
static inline lwc_value_t lwc_value_time(int64_t v)
{
    lwc_value_t r = {0, {0}};
    r.type = LWC_TYPE_TIME;
    r.t = v;
    return r;
}

/** @brief An LWC_TYPE_OBJLNK value. */
static inline lwc_value_t lwc_value_objlnk(uint16_t oid, uint16_t iid)
{
    lwc_value_t r = {0, {0}};
    r.type = LWC_TYPE_OBJLNK;
    r.objlnk.oid = oid;
    r.objlnk.iid = iid;
    return r;
}

/** @brief An LWC_TYPE_OPAQUE value; the bytes are referenced, not copied. */
static inline lwc_value_t lwc_value_opaque(const void *data, size_t len)
{
    lwc_value_t r = {0, {0}};
    r.type = LWC_TYPE_OPAQUE;
    r.bytes.data = data;
    r.bytes.len = len;
    return r;
}

/**
 * @brief An LWC_TYPE_STRING value from a NUL-terminated string (NULL gives
 * the empty string); the characters are referenced, not copied.
 */
static inline lwc_value_t lwc_value_string(const char *s)
{
    lwc_value_t r = {0, {0}};
    r.type = LWC_TYPE_STRING;
    size_t n = 0;
    while (s && s[n]) {
        n++;
    }
    r.bytes.data = s;
    r.bytes.len = n;
    return r;
}

/* ---- Result codes handlers may return (DESIGN.md rule 7) -------------- */

/** A CoAP response code byte: class c (2, 4, 5), detail d (RFC 7252 §3). */
#define LWC_COAP_CODE(c, d) ((int)(((c) << 5) | (d)))

#define LWC_COAP_CHANGED                    LWC_COAP_CODE(2, 4)  /**< 2.04 */
#define LWC_COAP_CONTENT                    LWC_COAP_CODE(2, 5)  /**< 2.05 */
#define LWC_COAP_BAD_REQUEST                LWC_COAP_CODE(4, 0)  /**< 4.00 */
#define LWC_COAP_UNAUTHORIZED               LWC_COAP_CODE(4, 1)  /**< 4.01 */
#define LWC_COAP_BAD_OPTION                 LWC_COAP_CODE(4, 2)  /**< 4.02 */
#define LWC_COAP_FORBIDDEN                  LWC_COAP_CODE(4, 3)  /**< 4.03 */
#define LWC_COAP_NOT_FOUND                  LWC_COAP_CODE(4, 4)  /**< 4.04 */
#define LWC_COAP_METHOD_NOT_ALLOWED         LWC_COAP_CODE(4, 5)  /**< 4.05 */
#define LWC_COAP_NOT_ACCEPTABLE             LWC_COAP_CODE(4, 6)  /**< 4.06 */
#define LWC_COAP_REQUEST_ENTITY_INCOMPLETE  LWC_COAP_CODE(4, 8)  /**< 4.08 */
#define LWC_COAP_PRECONDITION_FAILED        LWC_COAP_CODE(4, 12) /**< 4.12 */
#define LWC_COAP_REQUEST_ENTITY_TOO_LARGE   LWC_COAP_CODE(4, 13) /**< 4.13 */
#define LWC_COAP_UNSUPPORTED_CONTENT_FORMAT LWC_COAP_CODE(4, 15) /**< 4.15 */
#define LWC_COAP_INTERNAL_SERVER_ERROR      LWC_COAP_CODE(5, 0)  /**< 5.00 */
#define LWC_COAP_NOT_IMPLEMENTED            LWC_COAP_CODE(5, 1)  /**< 5.01 */
#define LWC_COAP_SERVICE_UNAVAILABLE        LWC_COAP_CODE(5, 3)  /**< 5.03 */

/* ---- Content formats (LwM2M 1.1 Core §7.4, CoAP registry) ------------- */

#define LWC_FORMAT_TEXT       0     /**< text/plain;charset=utf-8 */
#define LWC_FORMAT_LINK       40    /**< application/link-format */
#define LWC_FORMAT_OPAQUE     42    /**< application/octet-stream */
#define LWC_FORMAT_CBOR       60    /**< application/cbor */
#define LWC_FORMAT_SENML_JSON 110   /**< application/senml+json */
#define LWC_FORMAT_SENML_CBOR 112   /**< application/senml+cbor */
#define LWC_FORMAT_TLV        11542 /**< application/vnd.oma.lwm2m+tlv */
#define LWC_FORMAT_OMA_JSON   11543 /**< application/vnd.oma.lwm2m+json */
#define LWC_FORMAT_LWM2M_CBOR 11544 /**< application/vnd.oma.lwm2m+cbor */

/* ---- Handlers --------------------------------------------------------- */

/**
 * An ID collector handed to the list handlers. Opaque: add IDs with
 * lwc_dm_list_add() only, during the handler call.
 */
typedef struct lwc_dm_list lwc_dm_list_t;

/**
 * @brief Report one Instance ID (or Resource Instance ID) from a list
 * handler. IDs may be added in any order; IDs above @ref LWC_ID_MAX and
 * duplicates are ignored. Never blocks.
 */
void lwc_dm_list_add(lwc_dm_list_t *list, uint16_t id);

/**
 * One piece of a value written in pieces (see
 * @ref lwc_object_handlers_t::write_chunk). The bytes are owned by the
 * client and valid during the call only: copy (or flash) what you keep.
 */
typedef struct {
    size_t offset;       /**< of data within the whole value */
    const uint8_t *data; /**< NULL when len is 0 */
    size_t len;          /**< bytes at @c data */
    size_t size_hint;    /**< Size1 from the server's first block, 0 when
                              unknown; the value's length for a Write in
                              one message */
    bool last;           /**< the value is complete with this piece */
    bool abort;          /**< the transfer was abandoned: drop what came
                              before (len is 0) */
} lwc_chunk_t;

/**
 * Handlers of an object. Every handler gets the descriptor's @c user_ctx
 * first, runs inside lwc_client_step() and must not block.
 *
 * Return values, for every handler returning int: LWC_OK on success; a
 * negative LWC_ERR_* code, answered as LWC_ERR_NOT_FOUND → 4.04,
 * LWC_ERR_INVALID_ARG / LWC_ERR_MALFORMED → 4.00, LWC_ERR_DENIED → 4.01,
 * LWC_ERR_NO_SPACE / LWC_ERR_TOO_LARGE → 4.13 for Write and Create and 5.00
 * otherwise, LWC_ERR_UNSUPPORTED → 5.01, anything else → 5.00; or a CoAP
 * error code of class 4 or 5 (LWC_COAP_BAD_REQUEST ...), sent unchanged.
 * Any other positive value is a handler bug and is answered 5.00.
 *
 * A request may call @c read more than once for the same value: an encoder
 * that needs sizes or counts first (TLV, SenML CBOR) walks twice, and a
 * block-wise answer walks again for every block. Report the same presence
 * (absent or not) each time within a request; a value that changes between
 * the passes makes the answer 5.03 rather than inconsistent.
 *
 * Which handlers are required: @c list_instances always; @c read when a
 * resource is readable (LWC_OP_R or LWC_OP_NONE); @c write when one has
 * LWC_OP_W (without it, Bootstrap-Write of LWC_OP_NONE resources answers
 * 4.05); @c execute when one is executable;
 * @c list_resource_instances when one is multiple. The others are optional.
 */
typedef struct {
    /**
     * Report every existing instance with lwc_dm_list_add(). An error code
     * makes the request fail with it.
     */
    int (*list_instances)(void *user_ctx, lwc_dm_list_t *list);

    /**
     * Report the Resource Instance IDs of multiple resource @p rid of
     * instance @p iid. LWC_ERR_NOT_FOUND: the resource is absent.
     */
    int (*list_resource_instances)(void *user_ctx, uint16_t iid, uint16_t rid,
                                   lwc_dm_list_t *list);

    /**
     * Read one value. @p riid is the Resource Instance ID for a multiple
     * resource, @ref LWC_ID_NONE for a single one. @p out arrives with
     * @c type set to the resource's declared type; set the matching member
     * (or assign a whole value, e.g. `*out = lwc_value_string(name)`; a
     * compatible type such as INT for a UINT resource is converted, and an
     * out-of-range or incompatible one gives 5.00).
     * LWC_ERR_NOT_FOUND: this (optional) resource or instance is absent.
     */
    int (*read)(void *user_ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                lwc_value_t *out);

    /**
     * Write one value; @p riid as for @c read. @p value has the resource's
     * declared type, already decoded and type-checked; range checks are the
     * handler's (return LWC_ERR_INVALID_ARG → 4.00). A write from the
     * bootstrap server may target resources without LWC_OP_W.
     */
    int (*write)(void *user_ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                 const lwc_value_t *value);

    /**
     * Execute resource @p rid of instance @p iid with the request payload as
     * arguments (LwM2M 1.1 Core §5.4.5 syntax, unparsed; @p args may be NULL
     * when @p args_len is 0; valid during the call only).
     */
    int (*execute)(void *user_ctx, uint16_t iid, uint16_t rid,
                   const uint8_t *args, size_t args_len);

    /**
     * Before a Write-Replace of multiple resource @p rid: remove all its
     * Resource Instances (the new ones are written next). Optional: without
     * it, the new instances are written over the old ones.
     */
    int (*resource_clear)(void *user_ctx, uint16_t iid, uint16_t rid);

    /**
     * Create instance @p iid (the client picks the smallest free ID when
     * the server gives none). The payload's resources are written next with
     * @c write, read-only ones included (e.g. a Server instance's Short
     * Server ID). Also used by Bootstrap-Write to a missing instance.
     * Optional: without it, Create answers 4.05. LWC_ERR_NO_SPACE when
     * full (4.13). Without transaction hooks, a failed write afterwards
     * calls @c delete_instance.
     */
    int (*create_instance)(void *user_ctx, uint16_t iid);

    /** Delete instance @p iid. Optional: without it, Delete answers 4.05. */
    int (*delete_instance)(void *user_ctx, uint16_t iid);

    /**
     * Optional transaction (all four, or begin and rollback at least): a
     * Write or Create touching several resources calls begin, then the
     * writes, then validate and commit; if any write or validate fails,
     * rollback restores the state seen at begin, and the request fails
     * with the first error. Without them, writes already done stay done.
     */
    int (*transaction_begin)(void *user_ctx);
    /** All writes done: may the result be committed? */
    int (*transaction_validate)(void *user_ctx);
    /** Make the writes permanent. An error here is reported but the
     *  writes are not rolled back. */
    int (*transaction_commit)(void *user_ctx);
    /** Undo everything since begin. */
    void (*transaction_rollback)(void *user_ctx);

    /**
     * Optional: take opaque values in pieces, e.g. a firmware package
     * pushed to 5/0/0 (often 100 KB and more), which no buffer of the
     * client could hold. Used for a Write of type LWC_TYPE_OPAQUE whose
     * Content-Format is opaque (42), or absent: PUT on a single resource,
     * PUT or POST on a resource instance (POST on a resource is Execute
     * in LwM2M); @c write then does not run
     * for that value. Other formats (TLV, SenML, CBOR...) still go through
     * @c write, which stays required for writable resources.
     *
     * All the checks of a Write (path, access, type, format) are done
     * before the first piece, and @c transaction_begin runs before it.
     * A block-wise Write (RFC 7959 Block1) gives one piece per block, in
     * order: @p chunk->offset grows by the previous piece's length from 0,
     * and @p chunk->last is set on the final one, after which
     * @c transaction_validate and @c transaction_commit run and observers
     * hear of the change. A Write in one message gives one piece (offset
     * 0, last set). When a transfer is abandoned (a block out of order or
     * of another request, no next block within EXCHANGE_LIFETIME, a
     * restart from block 0, an error of this handler, the client stopped),
     * the handler is called once more with @p chunk->abort set and len 0,
     * then @c transaction_rollback runs; never after a piece with last set
     * was accepted.
     *
     * @param iid,rid The instance and resource written.
     * @param riid The Resource Instance ID, @ref LWC_ID_NONE for a single
     *             resource.
     * @param chunk The piece; valid during the call only.
     * @return LWC_OK to go on; an error ends the transfer and is answered
     *         as for @c write (e.g. LWC_ERR_NO_SPACE → 4.13). The return
     *         value of an abort call is ignored.
     */
    int (*write_chunk)(void *user_ctx, uint16_t iid, uint16_t rid,
                       uint16_t riid, const lwc_chunk_t *chunk);
} lwc_object_handlers_t;

/**
 * An object descriptor. Usually const (may live in flash); kept by pointer
 * from lwc_client_add_object() until removed, so it must outlive that.
 * Standard objects embed one in their caller-owned state struct and fill it
 * at install time.
 */
typedef struct lwc_object {
    uint16_t oid; /**< Object ID, 0..LWC_ID_MAX. */
    /** Object version "X.Y" reported as ;ver= in Register, or NULL for
     *  "1.0" (LwM2M 1.1 Core §6.2.1). Kept by pointer. */
    const char *version;
    /** Resource table sorted by rid, no duplicates. Kept by pointer. */
    const lwc_resource_def_t *resources;
    size_t resource_count; /**< Entries in @c resources. */
    /** May the object have several instances (informative for now). */
    bool multi_instance;
    const lwc_object_handlers_t *handlers; /**< Kept by pointer. */
    void *user_ctx; /**< Passed first to every handler. */
} lwc_object_t;

/* ---- Well-known Object IDs (OMA LwM2M registry) ----------------------- */

#define LWC_OID_SECURITY        0
#define LWC_OID_SERVER          1
#define LWC_OID_ACCESS_CONTROL  2
#define LWC_OID_DEVICE          3
#define LWC_OID_CONN_MONITORING 4
#define LWC_OID_FIRMWARE_UPDATE 5
#define LWC_OID_LOCATION        6
#define LWC_OID_CONN_STATS      7
#define LWC_OID_OSCORE          21

/* ---- LwM2M Security (0), LwM2M 1.1 Core Appendix E.1 ------------------- */

#define LWC_SECURITY_RID_SERVER_URI                0
#define LWC_SECURITY_RID_BOOTSTRAP                 1
#define LWC_SECURITY_RID_MODE                      2
#define LWC_SECURITY_RID_PUBLIC_KEY_OR_IDENTITY    3
#define LWC_SECURITY_RID_SERVER_PUBLIC_KEY         4
#define LWC_SECURITY_RID_SECRET_KEY                5
#define LWC_SECURITY_RID_SMS_SECURITY_MODE         6
#define LWC_SECURITY_RID_SMS_BINDING_KEY_PARAMS    7
#define LWC_SECURITY_RID_SMS_BINDING_SECRET_KEYS   8
#define LWC_SECURITY_RID_SMS_NUMBER                9
#define LWC_SECURITY_RID_SHORT_SERVER_ID           10
#define LWC_SECURITY_RID_CLIENT_HOLD_OFF_TIME      11
#define LWC_SECURITY_RID_BOOTSTRAP_ACCOUNT_TIMEOUT 12
#define LWC_SECURITY_RID_MATCHING_TYPE             13
#define LWC_SECURITY_RID_SNI                       14
#define LWC_SECURITY_RID_CERTIFICATE_USAGE         15
#define LWC_SECURITY_RID_CIPHERSUITE               16

/** Security Mode values (0/x/2): the same values as lwc_security_mode_t
 *  (transport.h), under the names the Security object uses. */
#define LWC_SECURITY_MODE_PSK         LWC_SECURITY_PSK
#define LWC_SECURITY_MODE_RPK         LWC_SECURITY_RPK
#define LWC_SECURITY_MODE_CERTIFICATE LWC_SECURITY_CERTIFICATE
#define LWC_SECURITY_MODE_NOSEC       LWC_SECURITY_NOSEC
#define LWC_SECURITY_MODE_EST         LWC_SECURITY_CERT_EST

/* ---- LwM2M Server (1), LwM2M 1.1 Core Appendix E.2 --------------------- */

#define LWC_SERVER_RID_SHORT_SERVER_ID                   0
#define LWC_SERVER_RID_LIFETIME                          1
#define LWC_SERVER_RID_DEFAULT_PMIN                      2
#define LWC_SERVER_RID_DEFAULT_PMAX                      3
#define LWC_SERVER_RID_DISABLE                           4
#define LWC_SERVER_RID_DISABLE_TIMEOUT                   5
#define LWC_SERVER_RID_NOTIFICATION_STORING              6
#define LWC_SERVER_RID_BINDING                           7
#define LWC_SERVER_RID_REGISTRATION_UPDATE_TRIGGER       8
#define LWC_SERVER_RID_BOOTSTRAP_REQUEST_TRIGGER         9
#define LWC_SERVER_RID_APN_LINK                          10
#define LWC_SERVER_RID_TLS_DTLS_ALERT_CODE               11
#define LWC_SERVER_RID_LAST_BOOTSTRAPPED                 12
#define LWC_SERVER_RID_REGISTRATION_PRIORITY_ORDER       13
#define LWC_SERVER_RID_INITIAL_REGISTRATION_DELAY        14
#define LWC_SERVER_RID_REGISTRATION_FAILURE_BLOCK        15
#define LWC_SERVER_RID_BOOTSTRAP_ON_REGISTRATION_FAILURE 16
#define LWC_SERVER_RID_COMMUNICATION_RETRY_COUNT         17
#define LWC_SERVER_RID_COMMUNICATION_RETRY_TIMER         18
#define LWC_SERVER_RID_SEQUENCE_DELAY_TIMER              19
#define LWC_SERVER_RID_SEQUENCE_RETRY_COUNT              20
#define LWC_SERVER_RID_TRIGGER                           21
#define LWC_SERVER_RID_PREFERRED_TRANSPORT               22
#define LWC_SERVER_RID_MUTE_SEND                         23

/* ---- Device (3), LwM2M 1.1 Core Appendix E.4 --------------------------- */

#define LWC_DEVICE_RID_MANUFACTURER       0
#define LWC_DEVICE_RID_MODEL_NUMBER       1
#define LWC_DEVICE_RID_SERIAL_NUMBER      2
#define LWC_DEVICE_RID_FIRMWARE_VERSION   3
#define LWC_DEVICE_RID_REBOOT             4
#define LWC_DEVICE_RID_FACTORY_RESET      5
#define LWC_DEVICE_RID_POWER_SOURCES      6
#define LWC_DEVICE_RID_POWER_VOLTAGE      7
#define LWC_DEVICE_RID_POWER_CURRENT      8
#define LWC_DEVICE_RID_BATTERY_LEVEL      9
#define LWC_DEVICE_RID_MEMORY_FREE        10
#define LWC_DEVICE_RID_ERROR_CODE         11
#define LWC_DEVICE_RID_RESET_ERROR_CODE   12
#define LWC_DEVICE_RID_CURRENT_TIME       13
#define LWC_DEVICE_RID_UTC_OFFSET         14
#define LWC_DEVICE_RID_TIMEZONE           15
#define LWC_DEVICE_RID_SUPPORTED_BINDINGS 16
#define LWC_DEVICE_RID_DEVICE_TYPE        17
#define LWC_DEVICE_RID_HARDWARE_VERSION   18
#define LWC_DEVICE_RID_SOFTWARE_VERSION   19
#define LWC_DEVICE_RID_BATTERY_STATUS     20
#define LWC_DEVICE_RID_MEMORY_TOTAL       21
#define LWC_DEVICE_RID_EXT_DEV_INFO       22

/* ---- Execute arguments (LwM2M 1.1 Core §5.4.5) ------------------------ */

/** One argument of an Execute: a digit and an optional quoted value. */
typedef struct {
    uint8_t id;        /**< The argument's digit, 0..9. */
    const char *value; /**< The text between the quotes, or NULL. */
    size_t value_len;  /**< Its length (0 for `3=''` and for no value). */
} lwc_execute_arg_t;

/**
 * @brief Iterate the arguments an execute handler received.
 *
 * The syntax is `arg *("," arg)` with `arg = DIGIT ["=" "'" *CHAR "'"]`,
 * CHAR being a printable character other than space, `"`, `'` and `\`.
 * The client has already checked it (a violation is answered 4.00 before
 * the handler runs), so handlers only walk the list:
 * @code
 * size_t pos = 0;
 * lwc_execute_arg_t arg;
 * while (lwc_execute_arg_next(args, args_len, &pos, &arg) == LWC_OK) { ... }
 * @endcode
 *
 * @param args,len The handler's argument bytes (args may be NULL if len 0).
 * @param[in,out] pos Start with 0; advanced past each argument.
 * @param[out] out The next argument; its value points into @p args.
 * @return LWC_OK; LWC_ERR_NOT_FOUND when there are no more;
 *         LWC_ERR_MALFORMED when the syntax is violated at @p pos;
 *         LWC_ERR_INVALID_ARG for NULL pointers. Never blocks.
 */
int lwc_execute_arg_next(const uint8_t *args, size_t len, size_t *pos,
                         lwc_execute_arg_t *out);

/**
 * @brief Whether @p args is a valid Execute argument list (an empty one
 * is). Never blocks.
 */
bool lwc_execute_args_valid(const uint8_t *args, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* LWC_DM_H */
