/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * SenML CBOR content format (application/senml+cbor, 112): RFC 8428 §6 as
 * used by LwM2M 1.1 Core §7.4 ("SenML CBOR").
 *
 * A payload is an array of records; each record is a map with the integer
 * labels of RFC 8428 Table 4 plus LwM2M's object-link extension, whose
 * label is the text string "vlo" (there is no integer label for it).
 *
 * Encoder: a definite-length array (RFC 8428 §6), its record count taken
 * at begin() from the walker's measure of the root (the values of the
 * whole walk; without a measure hook an indefinite-length array), one
 * definite-length map per value: the first record carries "bn" (the
 * request path, with a trailing '/' when a name follows), every record an
 * "n" relative to it (the full path when the base is the root) and one of
 * v (integer, unsigned, float, time as an integer), vb, vs (string, core
 * link), vd (opaque, a byte string) or "vlo" ("oid:iid"). No times.
 *
 * Decoder: definite or indefinite arrays and maps; bn (kept between
 * records), n, bver (at most 10), v, vs, vb, vd, "vlo"; bt, t, ut, s, bs,
 * u, bu are checked and ignored; other integer labels and text labels are
 * skipped, except text labels ending in '_' (RFC 8428 §4.4,
 * must-understand), which are LWC_ERR_MALFORMED. "bv" (a base value to add)
 * is not used by LwM2M and is LWC_ERR_MALFORMED. Names resolve by the rule
 * shared with SenML JSON (senml_name.h) against the request path. A
 * duplicated label, two value labels in one record, a name that gives no
 * LwM2M path under the request path, or a value on a path shorter than a
 * resource is LWC_ERR_MALFORMED. A record without
 * a value is an LWCI_IO_NONE entry (Read-Composite and Observe-Composite
 * requests). Typed values: v gives LWC_TYPE_INT (LWC_TYPE_UINT above
 * INT64_MAX), LWC_TYPE_FLOAT or LWC_TYPE_TIME (tag 1), vs LWC_TYPE_STRING,
 * vb LWC_TYPE_BOOL, vd LWC_TYPE_OPAQUE, vlo LWC_TYPE_OBJLNK.
 */
#ifndef LWC_IO_SENML_CBOR_H
#define LWC_IO_SENML_CBOR_H

#include "io/io.h"

/* RFC 8428 Table 4: CBOR labels. */
#define LWCI_SENML_BS   (-6)
#define LWCI_SENML_BV   (-5)
#define LWCI_SENML_BU   (-4)
#define LWCI_SENML_BT   (-3)
#define LWCI_SENML_BN   (-2)
#define LWCI_SENML_BVER (-1)
#define LWCI_SENML_N    0
#define LWCI_SENML_U    1
#define LWCI_SENML_V    2
#define LWCI_SENML_VS   3
#define LWCI_SENML_VB   4
#define LWCI_SENML_S    5
#define LWCI_SENML_T    6
#define LWCI_SENML_UT   7
#define LWCI_SENML_VD   8
/* LwM2M 1.1 Core §7.4 object link extension, a text label in CBOR. */
#define LWCI_SENML_VLO "vlo"

extern const lwci_io_encoder_ops_t lwci_io_senml_cbor_encoder;
extern const lwci_io_decoder_ops_t lwci_io_senml_cbor_decoder;

#endif /* LWC_IO_SENML_CBOR_H */
