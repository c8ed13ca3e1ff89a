/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Stub firmware for scripts/footprint.sh: the smallest complete use of lwc
 * (Security, Server and Device with one instance each, register, step,
 * de-register), with a transport that never receives anything and a
 * xorshift random source. It is linked, never run: it exists so that
 * --gc-sections keeps exactly the code a real client reaches. No stdio,
 * no heap.
 */
#include <lwc/client.h>
#include <lwc/objects/device.h>
#include <lwc/objects/security.h>
#include <lwc/objects/server.h>

typedef struct {
    uint32_t rng;
    lwc_transport_t open;
} stub_t;

/* xorshift32 (Marsaglia 2003): stands in for a hardware RNG. */
static int stub_random(void *ctx, uint8_t *buf, size_t len)
{
    stub_t *s = ctx;

    for (size_t i = 0; i < len; i++) {
        s->rng ^= s->rng << 13;
        s->rng ^= s->rng >> 17;
        s->rng ^= s->rng << 5;
        buf[i] = (uint8_t)s->rng;
    }
    return LWC_OK;
}

static int stub_connect(void *ctx, int64_t now_ms, int64_t *wake_ms)
{
    (void)ctx;
    (void)now_ms;
    (void)wake_ms;
    return LWC_OK;
}

static int stub_send(void *ctx, const uint8_t *buf, size_t len)
{
    (void)ctx;
    (void)buf;
    (void)len;
    return LWC_OK;
}

static int stub_recv(void *ctx, uint8_t *buf, size_t cap, size_t *out_len)
{
    (void)ctx;
    (void)buf;
    (void)cap;
    (void)out_len;
    return LWC_ERR_WOULD_BLOCK;
}

static void stub_close(void *ctx)
{
    (void)ctx;
}

static const lwc_transport_ops_t stub_ops = {
    .connect = stub_connect,
    .send = stub_send,
    .recv = stub_recv,
    .close = stub_close,
    .get_fd = NULL,
};

static int stub_open(void *ctx, const lwc_transport_params_t *params,
                     lwc_transport_t *out)
{
    (void)params;
    out->ops = &stub_ops;
    out->ctx = ctx;
    return LWC_OK;
}

static void stub_release(void *ctx, lwc_transport_t *t)
{
    (void)ctx;
    t->ops = NULL;
}

static int stub_reboot(void *ctx)
{
    (void)ctx;
    return LWC_OK;
}

static lwc_client_t client;
static lwc_security_object_t security;
static lwc_server_object_t server;
static lwc_device_object_t device;
static stub_t stub = {.rng = 0x2545f491u};

static const lwc_device_info_t device_info = {
    .manufacturer = "lwc",
    .model_number = "footprint",
    .serial_number = "0001",
    .firmware_version = "0.1.0",
    .on_reboot = stub_reboot,
};

static int setup(void)
{
    const lwc_client_config_t cfg = {
        .endpoint_name = "footprint",
        .platform = {.ctx = &stub, .random = stub_random, .log = NULL},
        .transports = {.ctx = &stub,
                       .open = stub_open,
                       .release = stub_release},
    };
    const lwc_security_instance_t sec = {
        .server_uri = "coap://192.0.2.1:5683",
        .security_mode = LWC_SECURITY_MODE_NOSEC,
        .short_server_id = 1,
    };
    const lwc_server_instance_t srv = {
        .short_server_id = 1,
        .lifetime = 300,
        .binding = "U",
    };

    if (lwc_client_init(&client, &cfg) != LWC_OK ||
        lwc_security_add_instance(&security, &sec) < 0 ||
        lwc_security_object_install(&client, &security) != LWC_OK ||
        lwc_server_add_instance(&server, &srv) < 0 ||
        lwc_server_object_install(&client, &server) != LWC_OK ||
        lwc_device_object_init(&device, &device_info) != LWC_OK ||
        lwc_device_object_install(&client, &device) != LWC_OK) {
        return -1;
    }
    return lwc_client_start(&client);
}

int main(void)
{
    int64_t now = 0;

    if (setup() != LWC_OK) {
        return 1;
    }
    /* Virtual time: jump to each deadline, as a sleeping device would. */
    for (int i = 0; i < 8; i++) {
        now = lwc_client_step(&client, now);
    }
    (void)lwc_client_stop(&client);
    for (int i = 0; i < 8 && !lwc_client_is_stopped(&client); i++) {
        now = lwc_client_step(&client, now);
    }
    lwc_client_deinit(&client);
    return 0;
}
