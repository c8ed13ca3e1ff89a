/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * LwM2M CBOR content format (application/vnd.oma.lwm2m+cbor, 11544):
 * LwM2M 1.2 Core §7.4 ("LwM2M CBOR").
 *
 * A payload is one map. Its keys are path components: an unsigned integer
 * (one ID) or an array of unsigned integers (several IDs at once); a value
 * is either a nested map (the IDs below) or the value of the resource or
 * resource instance the keys spell out. Paths are absolute:
 * {3: {0: {0: "ACME"}}} and {[3, 0, 0]: "ACME"} both write /3/0/0.
 * Values: integers as major 0/1, floats (half, single, double), booleans,
 * strings, core links and object links ("oid:iid") as text, opaque as
 * bytes, time as tag 1 with an integer.
 *
 * Encoder: indefinite-length maps, written strictly forward without the
 * measure hook. The first container or value below the root is keyed by
 * its full path (a single ID, or an array of IDs), everything inside it by
 * its last ID: a Read of /3/0 gives {[3, 0]: {0: "ACME", 6: {0: 1}}}, a
 * Read of the root {1: {0: {...}}, 3: {...}}, a composite read one key per
 * requested path.
 *
 * Decoder: definite and indefinite maps at every level, integer and
 * path-array keys (definite or indefinite arrays of 1 to 4 IDs, each at
 * most 65534), up to 4 nested maps below the root; LWC_ERR_MALFORMED for
 * anything else as a key, an array as a value, a path longer than 4 IDs, a
 * value on a path shorter than a resource, the same key twice in a row in
 * one map (non-adjacent repeats are not detected: that needs memory
 * proportional to the payload), or bytes after the root map. An empty map
 * or null is an LWCI_IO_NONE entry for its path. Typed values as
 * lwci_cbor_read_value() gives them (an object link arrives as
 * LWC_TYPE_STRING "oid:iid"; the resource type decides).
 */
#ifndef LWC_IO_LWM2M_CBOR_H
#define LWC_IO_LWM2M_CBOR_H

#include "io/io.h"

extern const lwci_io_encoder_ops_t lwci_io_lwm2m_cbor_encoder;
extern const lwci_io_decoder_ops_t lwci_io_lwm2m_cbor_decoder;

#endif /* LWC_IO_LWM2M_CBOR_H */
