/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * LwM2M TS Core 1.1 §7.4.3.1 (1.0 §6.4.3.1) "Single Object Instance Request
 * Example": Read /3/0 answered in TLV with these 121 bytes. Shared by the
 * TLV codec tests (tests/dm/test_io_tlv.c, tests/io/test_io_tlv_codec.c)
 * and the Device object test.
 */
#ifndef LWC_TESTS_DM_SPEC_DEVICE_TLV_H
#define LWC_TESTS_DM_SPEC_DEVICE_TLV_H

#include <stdint.h>

static const uint8_t spec_device[121] = {
    0xC8, 0x00, 0x14, 'O',  'p',  'e',  'n',  ' ',  'M',  'o',  'b',
    'i',  'l',  'e',  ' ',  'A',  'l',  'l',  'i',  'a',  'n',  'c',
    'e',  0xC8, 0x01, 0x16, 'L',  'i',  'g',  'h',  't',  'w',  'e',
    'i',  'g',  'h',  't',  ' ',  'M',  '2',  'M',  ' ',  'C',  'l',
    'i',  'e',  'n',  't',  0xC8, 0x02, 0x09, '3',  '4',  '5',  '0',
    '0',  '0',  '1',  '2',  '3',  0xC3, 0x03, '1',  '.',  '0',  0x86,
    0x06, 0x41, 0x00, 0x01, 0x41, 0x01, 0x05, 0x88, 0x07, 0x08, 0x42,
    0x00, 0x0E, 0xD8, 0x42, 0x01, 0x13, 0x88, 0x87, 0x08, 0x41, 0x00,
    0x7D, 0x42, 0x01, 0x03, 0x84, 0xC1, 0x09, 0x64, 0xC1, 0x0A, 0x0F,
    0x83, 0x0B, 0x41, 0x00, 0x00, 0xC4, 0x0D, 0x51, 0x82, 0x42, 0x8F,
    0xC6, 0x0E, '+',  '0',  '2',  ':',  '0',  '0',  0xC1, 0x10, 'U'};

#endif /* LWC_TESTS_DM_SPEC_DEVICE_TLV_H */
