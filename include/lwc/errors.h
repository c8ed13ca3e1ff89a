/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file errors.h
 * @brief Error codes returned by every lwc function.
 *
 * Every function that can fail returns @c int: @ref LWC_OK (0) on success or
 * one of the negative @c LWC_ERR_* codes below. Data-model handlers may also
 * return a CoAP response code (see dm.h); those are positive and never
 * collide with these.
 */
#ifndef LWC_ERRORS_H
#define LWC_ERRORS_H

#ifdef __cplusplus
extern "C" {
#endif

/** Success. */
#define LWC_OK 0
/** An argument was NULL, out of range or inconsistent; nothing was changed. */
#define LWC_ERR_INVALID_ARG (-1)
/** A fixed-capacity pool or a caller-supplied buffer is full. */
#define LWC_ERR_NO_SPACE (-2)
/** The operation cannot complete now without blocking; call again later. */
#define LWC_ERR_WOULD_BLOCK (-3)
/** The transport or the operating system reported an I/O failure. */
#define LWC_ERR_IO (-4)
/** The call is not allowed in the object's current state. */
#define LWC_ERR_STATE (-5)
/** The requested item (object, instance, resource, server) does not exist. */
#define LWC_ERR_NOT_FOUND (-6)
/** Input bytes are malformed (a packet, a payload, a URI, a path). */
#define LWC_ERR_MALFORMED (-7)
/** No answer arrived in time (retransmissions exhausted, handshake). */
#define LWC_ERR_TIMEOUT (-8)
/** The feature, option or format is not supported by this build. */
#define LWC_ERR_UNSUPPORTED (-9)
/** A single-slot resource (the outgoing CoAP exchange) is in use. */
#define LWC_ERR_BUSY (-10)
/** The peer answered with a CoAP Reset. */
#define LWC_ERR_RESET (-11)
/** The peer answered with an error response code. */
#define LWC_ERR_REJECTED (-12)
/** The data does not fit the negotiated or configured size. */
#define LWC_ERR_TOO_LARGE (-13)
/** The item already exists. */
#define LWC_ERR_EXISTS (-14)
/** Access denied (credentials, access control). */
#define LWC_ERR_DENIED (-15)
/** A (D)TLS handshake failed or a fatal alert was received. */
#define LWC_ERR_HANDSHAKE (-16)
/** The connection was closed by the peer or the transport. */
#define LWC_ERR_CLOSED (-17)
/** An internal invariant failed; please report it. */
#define LWC_ERR_INTERNAL (-18)

/**
 * @brief Short, static, human-readable name of an error code.
 *
 * @param err An @c LWC_ERR_* code, @ref LWC_OK, or any other integer.
 * @return A static string such as "invalid argument"; never NULL. Unknown
 *         codes give "unknown error". Never blocks.
 */
const char *lwc_strerror(int err);

#ifdef __cplusplus
}
#endif

#endif /* LWC_ERRORS_H */
