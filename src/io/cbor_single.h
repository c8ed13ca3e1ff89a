/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Plain CBOR content format (application/cbor, 60): LwM2M 1.1 Core §7.4
 * ("CBOR"). The payload is one CBOR data item, the value of the single
 * resource or resource instance the request addresses.
 *
 * Encoder: the value as lwci_cbor_put_value() writes it (time as tag 1,
 * object link as "oid:iid" text). A container (open) or a second value is
 * LWC_ERR_UNSUPPORTED (answered 4.06); end() without a value is
 * LWC_ERR_NOT_FOUND, since an empty payload is not CBOR.
 *
 * Decoder: one entry on the base path with the value as
 * lwci_cbor_read_value() gives it (null: LWCI_IO_NONE), after an optional
 * self-described CBOR tag; arrays, maps, other tags, an empty payload and
 * bytes after the item are LWC_ERR_MALFORMED.
 */
#ifndef LWC_IO_CBOR_SINGLE_H
#define LWC_IO_CBOR_SINGLE_H

#include "io/io.h"

extern const lwci_io_encoder_ops_t lwci_io_cbor_single_encoder;
extern const lwci_io_decoder_ops_t lwci_io_cbor_single_decoder;

#endif /* LWC_IO_CBOR_SINGLE_H */
