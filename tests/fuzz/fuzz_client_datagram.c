/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * "Handle one datagram" with a registered client: the input arrives from
 * the server's transport into lwc_client_step(). Whatever it was, the
 * client must not crash, leak or hang, and must still answer a well-formed
 * Read of /3/0/0 with 2.05 afterwards (it keeps its state and keeps
 * working). Runs with the standard Security, Server and Device objects.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lwc/client.h>
#include <lwc/objects/device.h>
#include <lwc/objects/security.h>
#include <lwc/objects/server.h>

#include "coap/coap_msg.h"
#include "support/fake_net.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static fake_net_t net;
static lwc_client_t client;
static lwc_security_object_t sec;
static lwc_server_object_t srv;
static lwc_device_object_t dev;
static const lwc_device_info_t info = {.manufacturer = "lwc"};

static void setup_registered(void)
{
    lwc_client_config_t cfg = {.endpoint_name = "fuzz"};
    const lwc_security_instance_t si = {.server_uri = "coap://127.0.0.1:5683",
                                        .security_mode =
                                            LWC_SECURITY_MODE_NOSEC,
                                        .short_server_id = 1};
    const lwc_server_instance_t vi = {
        .short_server_id = 1, .lifetime = 300, .binding = "U"};
    lwci_coap_msg_t reg;
    uint8_t ack[32];
    lwci_coap_writer_t w;

    fake_net_init(&net);
    cfg.platform = fake_net_platform(&net);
    cfg.transports = fake_net_factory(&net);
    if (lwc_client_init(&client, &cfg) != LWC_OK ||
        lwc_security_object_init(&sec) != LWC_OK ||
        lwc_security_add_instance(&sec, &si) < 0 ||
        lwc_security_object_install(&client, &sec) != LWC_OK ||
        lwc_server_object_init(&srv) != LWC_OK ||
        lwc_server_add_instance(&srv, &vi) < 0 ||
        lwc_server_object_install(&client, &srv) != LWC_OK ||
        lwc_device_object_init(&dev, &info) != LWC_OK ||
        lwc_device_object_install(&client, &dev) != LWC_OK ||
        lwc_client_start(&client) != LWC_OK) {
        abort();
    }
    lwc_client_step(&client, 0);
    if (net.sent_count != 1 ||
        lwci_coap_parse(&reg, net.sent[0].data, net.sent[0].len, NULL) !=
            LWC_OK) {
        abort();
    }
    lwci_coap_writer_init(&w, ack, sizeof(ack), LWCI_COAP_ACK,
                          LWCI_COAP_201_CREATED, reg.mid, reg.token,
                          reg.token_len);
    lwci_coap_add_opt_str(&w, LWCI_COAP_OPT_LOCATION_PATH, "rd");
    lwci_coap_add_opt_str(&w, LWCI_COAP_OPT_LOCATION_PATH, "x");
    fake_net_inject(&net, ack, w.len);
    lwc_client_step(&client, 1);
    fake_net_clear_sent(&net);
}

/* CON GET /3/0/0 with message ID `mid`: must be answered 2.05 "lwc". */
static void check_still_works(uint16_t mid)
{
    const uint8_t get[] = {0x41,         0x01, (uint8_t)(mid >> 8),
                           (uint8_t)mid, 0x77, 0xb1,
                           '3',          0x01, '0',
                           0x01,         '0'};
    lwci_coap_msg_t m;

    fake_net_clear_sent(&net);
    fake_net_inject(&net, get, sizeof(get));
    lwc_client_step(&client, 2000);
    for (size_t i = 0; i < net.sent_count; i++) {
        if (lwci_coap_parse(&m, net.sent[i].data, net.sent[i].len, NULL) ==
                LWC_OK &&
            m.type == LWCI_COAP_ACK && m.mid == mid) {
            if (m.code != LWCI_COAP_205_CONTENT || m.payload_len != 3 ||
                memcmp(m.payload, "lwc", 3) != 0) {
                abort();
            }
            return;
        }
    }
    abort(); /* no answer at all */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint16_t mid = 0x4242;

    setup_registered();
    fake_net_inject(&net, data, size);
    lwc_client_step(&client, 1000);
    /* Pick a message ID the input did not use, so deduplication cannot
     * answer the check from the input's cached response. */
    if (size >= 4 && (uint16_t)(data[2] << 8 | data[3]) == mid) {
        mid++;
    }
    check_still_works(mid);
    lwc_client_deinit(&client);
    return 0;
}
