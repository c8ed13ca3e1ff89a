/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * lwc-client: a minimal LwM2M client for Linux.
 *
 * It provisions one server account (Security and Server instances) from the
 * command line, adds a Device object (with a simulated battery), an IPSO
 * Temperature sensor (3303, from examples/temperature/, with a simulated
 * value) and a Portfolio object (16, from examples/portfolio/, one instance
 * 16/0 with one Identity that servers may change), registers, and then
 * sleeps in poll() until the client's next deadline or a datagram arrives,
 * so an idle client uses no CPU. SIGINT/SIGTERM de-register gracefully (a
 * second signal exits at once). A coaps:// server is reached over DTLS (PSK or
 * certificates, see dtls.c) when lwc was built with Mbed TLS.
 *
 *   lwc-client -n my-device -u coap://127.0.0.1:5683 -l 60
 *   lwc-client -n my-device -u coaps://127.0.0.1:5684 \
 *       --psk-identity my-device --psk-key 736563726574
 */
#define _GNU_SOURCE /* sigaction, poll with -std=c11 */

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lwc/client.h>
#include <lwc/objects/device.h>
#include <lwc/objects/security.h>
#include <lwc/objects/server.h>
#include <lwc/port/posix.h>

#include "options.h"
#include "portfolio.h"
#include "temperature.h"
#if LWC_EXAMPLE_DTLS
#include "dtls.h"
#endif

#define MAX_POLL_MS     60000
#define STOP_TIMEOUT_MS 10000

/* The simulated sensor: starts at SENSOR_BASE_C and climbs or falls by
 * 0.1 Cel every SENSOR_STEP_MS, turning every SENSOR_HALF_PERIOD steps
 * (a slow triangle between 20.0 and 23.0 Cel, one minute per period). */
#define SENSOR_BASE_C      20.0
#define SENSOR_STEP_MS     1000
#define SENSOR_HALF_PERIOD 30

/* Set by the signal handler only; a signal handler cannot reach the
 * caller-owned state. Counts SIGINT/SIGTERM received. */
static volatile sig_atomic_t signals_received;

static void on_signal(int sig)
{
    (void)sig;
    if (signals_received < 2) {
        signals_received = signals_received + 1;
    }
}

/* No SA_RESTART: poll() returns EINTR so the loop sees the flag at once. */
/* The signal mask in force while waiting: SIGINT and SIGTERM unblocked. */
static sigset_t wait_mask;

static int install_signal_handlers(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGINT);
    sigaddset(&sa.sa_mask, SIGTERM);
    sa.sa_flags = 0;
    if (sigaction(SIGINT, &sa, NULL) != 0 ||
        sigaction(SIGTERM, &sa, NULL) != 0) {
        return -1;
    }
    /* Keep the signals blocked except inside ppoll(): a signal arriving
     * between the loop's check and the wait would otherwise be noticed
     * only at the next deadline, up to a minute later. */
    return sigprocmask(SIG_BLOCK, &sa.sa_mask, &wait_mask);
}

/* Everything the example owns; static in main(), so nothing is on the heap
 * and the objects outlive the client. */
typedef struct {
    lwc_client_t client;
    lwc_posix_platform_ctx_t platform;
    lwc_platform_t hooks; /* lwc_posix_platform(&platform), kept for DTLS */
    lwc_posix_udp_factory_t udp;
#if LWC_EXAMPLE_DTLS
    example_dtls_t dtls;
#endif
    lwc_security_object_t security;
    lwc_server_object_t server;
    lwc_device_object_t device;
    lwc_device_info_t device_info;
    temperature_t temperature;
    portfolio_t portfolio;
    int64_t started_ms;     /* time origin of the simulated sensor */
    int64_t clock_offset_s; /* 3/0/13 as written by a server, minus time() */
} app_t;

/* "registration failed (server 1): handshake failed: <why>" */
static void print_failure(const app_t *app, const lwc_event_t *ev)
{
    printf("registration failed (server %u): %s", ev->short_server_id,
           lwc_strerror(ev->reason));
#if LWC_EXAMPLE_DTLS
    const char *why = example_dtls_failure(&app->dtls, ev->short_server_id);
    if (why) {
        printf(": %s", why);
    }
#else
    (void)app;
#endif
    if (ev->coap_code) {
        printf(" (coap %u.%02u)", ev->coap_code >> 5, ev->coap_code & 0x1fu);
    }
    printf("\n");
}

/* Events as one line each; failures with the reason, for DTLS in words. */
static void on_event(void *ctx, const lwc_event_t *ev)
{
    switch (ev->type) {
    case LWC_EVENT_REGISTERED:
        printf("registered to server %u\n", ev->short_server_id);
        break;
    case LWC_EVENT_UPDATED:
        printf("updated (server %u)\n", ev->short_server_id);
        break;
    case LWC_EVENT_REGISTRATION_FAILED:
        print_failure(ctx, ev);
        break;
    case LWC_EVENT_SERVER_GAVE_UP:
        printf("gave up on server %u\n", ev->short_server_id);
        break;
    case LWC_EVENT_DEREGISTERED:
        printf("deregistered (server %u)\n", ev->short_server_id);
        break;
    }
    fflush(stdout);
}

/* Sleep until @p next or until a transport's descriptor is readable. */
static void wait_for(const lwc_client_t *client, int64_t next)
{
    int fds[LWC_POSIX_UDP_SLOTS];
    struct pollfd pfd[LWC_POSIX_UDP_SLOTS];
    size_t n = lwc_client_get_fds(client, fds, LWC_POSIX_UDP_SLOTS);
    int64_t wait = next - lwc_posix_now_ms();

    for (size_t i = 0; i < n; i++) {
        pfd[i] = (struct pollfd){.fd = fds[i], .events = POLLIN};
    }
    if (wait < 0) {
        wait = 0;
    } else if (wait > MAX_POLL_MS) {
        wait = MAX_POLL_MS;
    }
    struct timespec ts = {.tv_sec = (time_t)(wait / 1000),
                          .tv_nsec = (long)(wait % 1000) * 1000000L};
    /* Signals are delivered only here, atomically with the wait. */
    if (ppoll(pfd, (nfds_t)n, &ts, &wait_mask) < 0 && errno != EINTR) {
        perror("ppoll");
    }
}

/* A new sample of the simulated sensor, taken whenever the loop wakes (a
 * real device would read its sensor on a timer of its own): a function of
 * the time since start, so it changes slowly and needs no wake-up. */
static void sample_sensor(app_t *app, int64_t now)
{
    int64_t step = (now - app->started_ms) / SENSOR_STEP_MS;
    int64_t phase = step % (2 * SENSOR_HALF_PERIOD);
    int64_t tenths =
        phase <= SENSOR_HALF_PERIOD ? phase : 2 * SENSOR_HALF_PERIOD - phase;

    (void)temperature_set_value(&app->temperature,
                                SENSOR_BASE_C + (double)tenths / 10.0);
}

/* Run until a signal, then de-register (at most STOP_TIMEOUT_MS). */
static void run(app_t *app)
{
    lwc_client_t *client = &app->client;

    while (signals_received == 0) {
        int64_t now = lwc_posix_now_ms();

        sample_sensor(app, now);
        wait_for(client, lwc_client_step(client, now));
    }
    printf("stopping\n");
    fflush(stdout);
    if (lwc_client_stop(client) != LWC_OK) {
        return;
    }
    int64_t deadline = lwc_posix_now_ms() + STOP_TIMEOUT_MS;
    while (signals_received < 2) {
        int64_t now = lwc_posix_now_ms();
        int64_t next = lwc_client_step(client, now);
        if (lwc_client_is_stopped(client) || now >= deadline) {
            break;
        }
        wait_for(client, next < deadline ? next : deadline);
    }
}

/* 3/0/4 Reboot. A demo must keep running, so it only says so. */
static int on_reboot(void *ctx)
{
    (void)ctx;
    printf("reboot requested (the example keeps running)\n");
    fflush(stdout);
    return LWC_OK;
}

/* 3/0/13 Current Time (LwM2M 1.1 Core E.4): the host clock plus the
 * offset a server's Write left. */
static int get_time(void *ctx, int64_t *unix_seconds)
{
    const app_t *app = ctx;
    *unix_seconds = (int64_t)time(NULL) + app->clock_offset_s;
    return LWC_OK;
}

static int set_time(void *ctx, int64_t unix_seconds)
{
    app_t *app = ctx;
    app->clock_offset_s = unix_seconds - (int64_t)time(NULL);
    printf("current time set to %lld\n", (long long)unix_seconds);
    fflush(stdout);
    return LWC_OK;
}

/* The simulated power supply (3/0/6..8, configuration C.4 of the OMA
 * interop tests has two): an internal battery and USB. */
static const lwc_device_power_source_t power_sources[] = {
    {.type = 1, .voltage_mv = 3700, .current_ma = 120},
    {.type = 5, .voltage_mv = 5000, .current_ma = 90},
};

/* 3/0/9 Battery Level (%) and 3/0/20 Battery Status (0 = normal), both
 * constant in this demo; 3/0/10 and 3/0/21 (memory) are not reported. */
static int read_int(void *ctx, uint16_t rid, int64_t *out)
{
    (void)ctx;
    switch (rid) {
    case LWC_DEVICE_RID_BATTERY_LEVEL:
        *out = 87;
        return LWC_OK;
    case LWC_DEVICE_RID_BATTERY_STATUS:
        *out = 0;
        return LWC_OK;
    default:
        return LWC_ERR_NOT_FOUND;
    }
}

/* LwM2M 1.1 Core E.1, 0/x/2. */
static const char *mode_name(uint8_t mode)
{
    static const char *const names[] = {"PSK", "RPK", "certificate", "NoSec",
                                        "certificate with EST"};

    return mode < sizeof(names) / sizeof(names[0]) ? names[mode] : "?";
}

/* IPSO Temperature 3303/0: "Cel", -40..125, first sample at start. */
static int install_temperature(app_t *app)
{
    const temperature_config_t cfg = {
        .units = "Cel",
        .has_range = true,
        .min_range = -40.0,
        .max_range = 125.0,
        .application_type = "demo",
    };
    int rc;

    if ((rc = temperature_init(&app->temperature, &cfg)) < 0 ||
        (rc = temperature_install(&app->client, &app->temperature)) < 0) {
        fprintf(stderr, "Temperature object: %s\n", lwc_strerror(rc));
        return rc;
    }
    app->started_ms = lwc_posix_now_ms();
    sample_sensor(app, app->started_ms);
    return LWC_OK;
}

/* Portfolio 16/0 with one Identity, 16/0/0/0; servers may create more
 * instances (up to PORTFOLIO_MAX_INSTANCES) and write identities. */
static int install_portfolio(app_t *app)
{
    int rc;

    if ((rc = portfolio_init(&app->portfolio)) < 0 ||
        (rc = portfolio_add_instance(&app->portfolio, 0)) < 0 ||
        (rc = portfolio_set_identity(&app->portfolio, 0, 0, "lwc-example")) <
            0 ||
        (rc = portfolio_install(&app->client, &app->portfolio)) < 0) {
        fprintf(stderr, "Portfolio object: %s\n", lwc_strerror(rc));
        return rc;
    }
    return LWC_OK;
}

/* One server account (Security 0/0 + Server 1/0), the Device object, the
 * temperature sensor and the Portfolio object. */
static int install_objects(app_t *app, const options_t *o)
{
    lwc_security_instance_t sec = {
        .server_uri = o->uri,
        .bootstrap = false,
        .security_mode = LWC_SECURITY_MODE_NOSEC,
        .short_server_id = o->ssid,
    };
    const lwc_server_instance_t srv = {
        .short_server_id = o->ssid,
        .lifetime = o->lifetime,
        .binding = "U",
        .communication_retry_count = o->retry_count,
        .communication_retry_timer = o->retry_timer,
        .sequence_delay_timer = o->seq_delay,
        .sequence_retry_count = o->seq_retry,
    };
    int rc;

#if LWC_EXAMPLE_DTLS
    if (example_dtls_credentials(&app->dtls, o, &sec) != 0) {
        return LWC_ERR_INVALID_ARG;
    }
#endif

    app->device_info = (lwc_device_info_t){
        .manufacturer = "lwc",
        .model_number = "example",
        .serial_number = o->endpoint,
        .firmware_version = "0.1.0",
        .ctx = app,
        .on_reboot = on_reboot,
        .get_time = get_time,
        .set_time = set_time,
        .read_int = read_int,
        .power_sources = power_sources,
        .power_source_count = sizeof(power_sources) / sizeof(power_sources[0]),
    };
    if ((rc = lwc_security_object_init(&app->security)) < 0 ||
        (rc = lwc_security_add_instance(&app->security, &sec)) < 0 ||
        (rc = lwc_security_object_install(&app->client, &app->security)) < 0) {
        fprintf(stderr, "Security object (URI '%s'): %s\n", o->uri,
                lwc_strerror(rc));
        return rc;
    }
    printf("security: 0/0/0 %s, 0/0/2 %u (%s)\n", o->uri, sec.security_mode,
           mode_name(sec.security_mode));
    if ((rc = lwc_server_object_init(&app->server)) < 0 ||
        (rc = lwc_server_add_instance(&app->server, &srv)) < 0 ||
        (rc = lwc_server_object_install(&app->client, &app->server)) < 0) {
        fprintf(stderr, "Server object: %s\n", lwc_strerror(rc));
        return rc;
    }
    if ((rc = lwc_device_object_init(&app->device, &app->device_info)) < 0 ||
        (rc = lwc_device_object_install(&app->client, &app->device)) < 0) {
        fprintf(stderr, "Device object: %s\n", lwc_strerror(rc));
        return rc;
    }
    if ((rc = install_temperature(app)) < 0) {
        return rc;
    }
    return install_portfolio(app);
}

/* The POSIX UDP factory, wrapped in the DTLS factory when built with it. */
static int setup_transports(app_t *app, const options_t *o,
                            lwc_transport_factory_t *out)
{
    int rc = lwc_posix_udp_factory_init(&app->udp, o->local_port, out);

    if (rc < 0) {
        fprintf(stderr, "UDP transport: %s\n", lwc_strerror(rc));
        return rc;
    }
#if LWC_EXAMPLE_DTLS
    lwc_transport_factory_t udp = *out;

    if (example_dtls_init(&app->dtls, o, &app->hooks, &udp, out) != 0) {
        return LWC_ERR_IO;
    }
#else
    if (strncmp(o->uri, "coaps://", 8) == 0) {
        fprintf(stderr, "coaps://: this lwc-client was built without Mbed "
                        "TLS\n");
        return LWC_ERR_UNSUPPORTED;
    }
#endif
    return LWC_OK;
}

static int setup(app_t *app, const options_t *o)
{
    lwc_client_config_t cfg = {
        .endpoint_name = o->endpoint,
        .on_event = on_event,
        .event_ctx = app,
    };
    int rc;

    app->platform.log_level = o->verbose ? LWC_LOG_DEBUG : LWC_LOG_INFO;
    app->hooks = lwc_posix_platform(&app->platform);
    cfg.platform = app->hooks;
    if ((rc = setup_transports(app, o, &cfg.transports)) < 0) {
        return rc;
    }
    if ((rc = lwc_client_init(&app->client, &cfg)) < 0) {
        fprintf(stderr, "init (endpoint '%s'): %s\n", o->endpoint,
                lwc_strerror(rc));
        return rc;
    }
    if ((rc = install_objects(app, o)) < 0) {
        return rc;
    }
    if ((rc = lwc_client_start(&app->client)) < 0) {
        fprintf(stderr, "start: %s\n", lwc_strerror(rc));
        return rc;
    }
    return LWC_OK;
}

int main(int argc, char **argv)
{
    static app_t app;
    options_t opt;
    int rc = options_parse(argc, argv, &opt);

    if (rc != 0) {
        return rc > 0 ? 0 : 2;
    }
    /* One line at a time, also into a pipe: scripts and the demo read it. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (install_signal_handlers() != 0) {
        perror("sigaction");
        return 1;
    }
    printf("lwc-client: endpoint '%s', server %s, lifetime %u s\n",
           opt.endpoint, opt.uri, (unsigned)opt.lifetime);
    fflush(stdout);
    if (setup(&app, &opt) == LWC_OK) {
        run(&app);
    } else {
        rc = 1;
    }
    lwc_client_deinit(&app.client);
#if LWC_EXAMPLE_DTLS
    example_dtls_deinit(&app.dtls);
#endif
    lwc_posix_udp_factory_deinit(&app.udp);
    return rc;
}
