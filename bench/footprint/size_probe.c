/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Not linked: scripts/footprint.sh compiles this for the target and reads
 * each array's size with `nm -S`, because a cross-compiled program cannot
 * run on the host to print sizeof. Every size_probe_<type> array is
 * reported as sizeof(<type>): the RAM the application allocates for lwc.
 */
#include <lwc/client.h>
#include <lwc/objects/device.h>
#include <lwc/objects/security.h>
#include <lwc/objects/server.h>

char size_probe_lwc_client_t[sizeof(lwc_client_t)];
char size_probe_lwc_security_object_t[sizeof(lwc_security_object_t)];
char size_probe_lwc_server_object_t[sizeof(lwc_server_object_t)];
char size_probe_lwc_device_object_t[sizeof(lwc_device_object_t)];
