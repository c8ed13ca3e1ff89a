/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * lwc-blob-client: a tiny LwM2M client for the integration test of large
 * opaque writes (tests/integration/test_blob_write.sh). Besides the
 * Security and Server objects it has one custom object, 32769/0, whose
 * opaque resource 0 takes its value through write_chunk, the way a
 * firmware package reaches 5/0/0: it keeps only a running CRC-32 of the
 * bytes and prints
 *
 *   BLOB len=<bytes> crc=<8 hex digits> pieces=<n> hint=<size hint>
 *
 * when the last piece arrives (`BLOB abort` when a transfer is
 * abandoned). SIGINT/SIGTERM de-register and exit. `-M` prints the
 * largest CoAP message this build receives (LWC_COAP_MAX_MSG_SIZE) and
 * exits, so that the test can tell whether libcoap's blocks fit.
 *
 *   lwc-blob-client -n EP -u coap://127.0.0.1:5683
 */
#define _GNU_SOURCE /* sigaction, ppoll with -std=c11 */

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <lwc/client.h>
#include <lwc/objects/security.h>
#include <lwc/objects/server.h>
#include <lwc/port/posix.h>

#define BLOB_OID        32769
#define MAX_POLL_MS     1000
#define STOP_TIMEOUT_MS 5000

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

/* The blob being received: CRC-32 (IEEE 802.3, as zlib's crc32) so far. */
typedef struct {
    uint32_t crc;
    size_t len;
    unsigned pieces;
} blob_t;

static uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++) {
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

static int blob_chunk(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                      const lwc_chunk_t *c)
{
    blob_t *b = ctx;
    (void)iid;
    (void)rid;
    (void)riid;
    if (c->abort) {
        printf("BLOB abort after %zu bytes\n", b->len);
        *b = (blob_t){0};
        return LWC_OK;
    }
    if (c->offset != b->len) {
        printf("BLOB bad offset %zu, expected %zu\n", c->offset, b->len);
        return LWC_ERR_INVALID_ARG;
    }
    b->crc = crc32_update(b->crc, c->data, c->len);
    b->len += c->len;
    b->pieces++;
    if (c->last) {
        printf("BLOB len=%zu crc=%08x pieces=%u hint=%zu\n", b->len,
               (unsigned)b->crc, b->pieces, c->size_hint);
        *b = (blob_t){0};
    }
    return LWC_OK;
}

/* Values in other formats (e.g. TLV) are accepted and dropped. */
static int blob_write(void *ctx, uint16_t iid, uint16_t rid, uint16_t riid,
                      const lwc_value_t *v)
{
    (void)ctx;
    (void)iid;
    (void)riid;
    printf("BLOB write rid=%u len=%zu\n", rid, v->bytes.len);
    return LWC_OK;
}

static int blob_list(void *ctx, lwc_dm_list_t *list)
{
    (void)ctx;
    lwc_dm_list_add(list, 0);
    return LWC_OK;
}

static const lwc_resource_def_t blob_res[] = {
    {.rid = 0, .type = LWC_TYPE_OPAQUE, .ops = LWC_OP_W},
};
static const lwc_object_handlers_t blob_handlers = {
    .list_instances = blob_list,
    .write = blob_write,
    .write_chunk = blob_chunk,
};

typedef struct {
    lwc_client_t client;
    lwc_posix_platform_ctx_t platform;
    lwc_posix_udp_factory_t udp;
    lwc_security_object_t security;
    lwc_server_object_t server;
    blob_t blob;
    lwc_object_t blob_obj;
} app_t;

static void on_event(void *ctx, const lwc_event_t *ev)
{
    (void)ctx;
    if (ev->type == LWC_EVENT_REGISTERED) {
        printf("registered to server %u\n", ev->short_server_id);
    } else if (ev->type == LWC_EVENT_DEREGISTERED) {
        printf("deregistered (server %u)\n", ev->short_server_id);
    }
}

static void wait_for(const lwc_client_t *client, int64_t next)
{
    int fds[LWC_POSIX_UDP_SLOTS];
    struct pollfd pfd[LWC_POSIX_UDP_SLOTS];
    size_t n = lwc_client_get_fds(client, fds, LWC_POSIX_UDP_SLOTS);
    int64_t wait = next - lwc_posix_now_ms();

    for (size_t i = 0; i < n; i++) {
        pfd[i] = (struct pollfd){.fd = fds[i], .events = POLLIN};
    }
    wait = wait < 0 ? 0 : wait > MAX_POLL_MS ? MAX_POLL_MS : wait;
    if (poll(pfd, (nfds_t)n, (int)wait) < 0 && errno != EINTR) {
        perror("poll");
    }
}

static int setup(app_t *app, const char *ep, const char *uri)
{
    const lwc_security_instance_t sec = {
        .server_uri = uri,
        .security_mode = LWC_SECURITY_MODE_NOSEC,
        .short_server_id = 1,
    };
    const lwc_server_instance_t srv = {
        .short_server_id = 1, .lifetime = 300, .binding = "U"};
    lwc_client_config_t cfg = {
        .endpoint_name = ep, .on_event = on_event, .event_ctx = app};
    int rc;

    app->platform.log_level = LWC_LOG_INFO;
    cfg.platform = lwc_posix_platform(&app->platform);
    app->blob_obj = (lwc_object_t){.oid = BLOB_OID,
                                   .resources = blob_res,
                                   .resource_count = 1,
                                   .handlers = &blob_handlers,
                                   .user_ctx = &app->blob};
    if ((rc = lwc_posix_udp_factory_init(&app->udp, 0, &cfg.transports)) < 0 ||
        (rc = lwc_client_init(&app->client, &cfg)) < 0 ||
        (rc = lwc_security_object_init(&app->security)) < 0 ||
        (rc = lwc_security_add_instance(&app->security, &sec)) < 0 ||
        (rc = lwc_security_object_install(&app->client, &app->security)) < 0 ||
        (rc = lwc_server_object_init(&app->server)) < 0 ||
        (rc = lwc_server_add_instance(&app->server, &srv)) < 0 ||
        (rc = lwc_server_object_install(&app->client, &app->server)) < 0 ||
        (rc = lwc_client_add_object(&app->client, &app->blob_obj)) < 0 ||
        (rc = lwc_client_start(&app->client)) < 0) {
        fprintf(stderr, "setup: %s\n", lwc_strerror(rc));
        return rc;
    }
    return LWC_OK;
}

static void run(app_t *app)
{
    while (!stop_requested) {
        wait_for(&app->client,
                 lwc_client_step(&app->client, lwc_posix_now_ms()));
    }
    if (lwc_client_stop(&app->client) != LWC_OK) {
        return;
    }
    int64_t deadline = lwc_posix_now_ms() + STOP_TIMEOUT_MS;
    for (;;) {
        int64_t now = lwc_posix_now_ms();
        int64_t next = lwc_client_step(&app->client, now);
        if (lwc_client_is_stopped(&app->client) || now >= deadline) {
            break;
        }
        wait_for(&app->client, next < deadline ? next : deadline);
    }
}

int main(int argc, char **argv)
{
    static app_t app;
    const char *ep = NULL;
    const char *uri = NULL;
    struct sigaction sa;
    int opt;

    while ((opt = getopt(argc, argv, "n:u:M")) != -1) {
        if (opt == 'M') {
            printf("%u\n", (unsigned)LWC_COAP_MAX_MSG_SIZE);
            return 0;
        }
        if (opt == 'n') {
            ep = optarg;
        } else if (opt == 'u') {
            uri = optarg;
        } else {
            return 2;
        }
    }
    if (!ep || !uri) {
        fprintf(stderr, "usage: %s -n ENDPOINT -u coap://HOST:PORT\n", argv[0]);
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGINT, &sa, NULL) != 0 ||
        sigaction(SIGTERM, &sa, NULL) != 0) {
        perror("sigaction");
        return 1;
    }
    int rc = setup(&app, ep, uri) == LWC_OK ? 0 : 1;
    if (rc == 0) {
        run(&app);
    }
    lwc_client_deinit(&app.client);
    lwc_posix_udp_factory_deinit(&app.udp);
    return rc;
}
