/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Client life cycle and the main-loop step. */
#include <string.h>

#include "core.h"
#include "util/log.h"

#define MOD "client"

/* Datagrams read per transport per step, so one chatty peer cannot starve
 * the others or the timers. */
#define RX_BUDGET 8

/* Upper bound of the deadline step returns when nothing is scheduled. */
#define IDLE_STEP_MS 3600000

static void on_dm_change(void *ctx, const lwc_path_t *path)
{
    lwc_client_t *c = ctx;

    /* Lifetime or binding may have changed: compare at the next step. */
    if (path->len >= 1 && path->ids[0] == LWC_OID_SERVER) {
        for (size_t i = 0; i < c->server_count; i++) {
            c->servers[i].pending |= LWCI_PENDING_CHECK;
        }
    }
}

int lwc_client_init(lwc_client_t *client, const lwc_client_config_t *config)
{
    size_t n;

    if (!client || !config) {
        return LWC_ERR_INVALID_ARG;
    }
    memset(client, 0, sizeof(*client));
    client->platform = config->platform;
    n = config->endpoint_name ? strlen(config->endpoint_name) : 0;
    if (n == 0 || n > LWC_ENDPOINT_NAME_MAX || !config->platform.random ||
        !config->transports.open) {
        LWCI_ERR(&config->platform, MOD,
                 "init: need an endpoint name of 1..%d characters, a random "
                 "hook and a transport factory",
                 LWC_ENDPOINT_NAME_MAX);
        memset(client, 0, sizeof(*client));
        return LWC_ERR_INVALID_ARG;
    }
    memcpy(client->endpoint, config->endpoint_name, n + 1);
    client->transports = config->transports;
    client->on_event = config->on_event;
    client->event_ctx = config->event_ctx;
    lwci_dm_init(&client->dm, &client->platform);
    lwci_dm_set_change_hook(&client->dm, on_dm_change, client);
    client->state = LWCI_CLIENT_IDLE;
    client->initialised = true;
    return LWC_OK;
}

int lwc_client_add_object(lwc_client_t *client, const struct lwc_object *obj)
{
    if (!client || !client->initialised || !obj) {
        return LWC_ERR_INVALID_ARG;
    }
    return lwci_dm_add_object(&client->dm, obj);
}

int lwc_client_remove_object(lwc_client_t *client, uint16_t object_id)
{
    if (!client || !client->initialised) {
        return LWC_ERR_INVALID_ARG;
    }
    return lwci_dm_remove_object(&client->dm, object_id);
}

/* The Server instance whose Short Server ID (1/x/0) is ssid. */
static int find_server_instance(lwc_client_t *c, uint16_t ssid, uint16_t *iid)
{
    int32_t after = -1;
    uint16_t i;

    while (lwci_dm_next_instance(&c->dm, LWC_OID_SERVER, after, &i) == LWC_OK) {
        int64_t v;
        if (lwci_dm_get_int(&c->dm, &LWC_PATH(1, i, 0), &v) == LWC_OK &&
            v == ssid) {
            *iid = i;
            return LWC_OK;
        }
        after = i;
    }
    return LWC_ERR_NOT_FOUND;
}

/* Builds the account table from the Security and Server objects: every
 * non-bootstrap Security instance with a matching Server instance. */
static void collect_servers(lwc_client_t *c)
{
    int32_t after = -1;
    uint16_t iid;

    c->server_count = 0;
    while (lwci_dm_next_instance(&c->dm, LWC_OID_SECURITY, after, &iid) ==
           LWC_OK) {
        bool bootstrap = false;
        int64_t ssid = 0;
        lwci_server_t *s;

        after = iid;
        (void)lwci_dm_get_bool(&c->dm, &LWC_PATH(0, iid, 1), &bootstrap);
        if (bootstrap ||
            lwci_dm_get_int(&c->dm, &LWC_PATH(0, iid, 10), &ssid) != LWC_OK ||
            ssid < 1 || ssid > 65534) {
            continue;
        }
        if (c->server_count == LWC_MAX_SERVERS) {
            LWCI_WARN(LWCI_CORE_LOG(c), MOD,
                      "server %u ignored: LWC_MAX_SERVERS is %d",
                      (unsigned)ssid, LWC_MAX_SERVERS);
            continue;
        }
        s = &c->servers[c->server_count];
        memset(s, 0, sizeof(*s));
        s->ssid = (uint16_t)ssid;
        s->security_iid = iid;
        if (find_server_instance(c, s->ssid, &s->server_iid) != LWC_OK) {
            LWCI_WARN(LWCI_CORE_LOG(c), MOD,
                      "Security 0/%u (server %u) has no Server instance", iid,
                      s->ssid);
            continue;
        }
        c->server_count++;
    }
}

int lwc_client_start(lwc_client_t *client)
{
    if (!client || !client->initialised) {
        return LWC_ERR_INVALID_ARG;
    }
    if (client->state == LWCI_CLIENT_RUNNING ||
        client->state == LWCI_CLIENT_STOPPING) {
        return LWC_ERR_STATE;
    }
    collect_servers(client);
    if (client->server_count == 0) {
        LWCI_ERR(LWCI_CORE_LOG(client), MOD,
                 "start: no server account (a non-bootstrap Security "
                 "instance with a Server instance of the same SSID)");
        return LWC_ERR_NOT_FOUND;
    }
    for (size_t i = 0; i < client->server_count; i++) {
        lwci_reg_begin(client, &client->servers[i], client->now_ms);
    }
    client->state = LWCI_CLIENT_RUNNING;
    return LWC_OK;
}

int lwc_client_stop(lwc_client_t *client)
{
    if (!client || !client->initialised) {
        return LWC_ERR_INVALID_ARG;
    }
    if (client->state != LWCI_CLIENT_RUNNING) {
        return LWC_ERR_STATE;
    }
    for (size_t i = 0; i < client->server_count; i++) {
        lwci_reg_stop(client, &client->servers[i], client->now_ms);
    }
    client->state = LWCI_CLIENT_STOPPING;
    return LWC_OK;
}

bool lwc_client_is_stopped(const lwc_client_t *client)
{
    return !client || (client->state != LWCI_CLIENT_RUNNING &&
                       client->state != LWCI_CLIENT_STOPPING);
}

/* Reads and handles the datagrams waiting on one account's transport. */
static void receive(lwc_client_t *c, lwci_server_t *s, int64_t now_ms)
{
    lwci_request_ctx_t ctx = {c, s};

    for (int n = 0;
         n < RX_BUDGET && s->transport_open && s->state != LWCI_SRV_CONNECTING;
         n++) {
        lwci_coap_msg_t msg;
        lwci_coap_ev_t ev;
        size_t len = 0;
        int rc = s->transport.ops->recv(s->transport.ctx, c->rx_buf,
                                        sizeof(c->rx_buf), &len);

        if (rc == LWC_ERR_WOULD_BLOCK) {
            break;
        }
        if (rc == LWC_ERR_CLOSED) {
            lwci_reg_on_closed(c, s, now_ms);
            break;
        }
        if (rc == LWC_ERR_TOO_LARGE) {
            /* Its first bytes, when the transport kept them: a request
             * gets 4.13 rather than silence (RFC 7959 §2.9.3). */
            LWCI_DEBUG(LWCI_CORE_LOG(c), MOD,
                       "server %u: datagram over %zu bytes", s->ssid,
                       sizeof(c->rx_buf));
            if (len > 0 && len <= sizeof(c->rx_buf)) {
                lwci_coap_ep_handle_truncated(
                    &s->ep, now_ms, c->rx_buf, len, &msg,
                    lwci_handle_oversized_request, &ctx, c->resp_buf,
                    sizeof(c->resp_buf));
            }
            continue;
        }
        if (rc != LWC_OK) {
            /* A lost datagram or an ICMP error (which may be spoofed): not
             * a reason to drop the session. */
            LWCI_DEBUG(LWCI_CORE_LOG(c), MOD, "server %u: recv: %s", s->ssid,
                       lwc_strerror(rc));
            break;
        }
        ev = lwci_coap_ep_handle(&s->ep, now_ms, c->rx_buf, len, &msg,
                                 lwci_handle_server_request, &ctx, c->resp_buf,
                                 sizeof(c->resp_buf));
        if (ev != LWCI_COAP_EV_NONE) {
            lwci_reg_on_response(c, s, ev, &msg, now_ms);
        }
    }
}

static bool all_off(const lwc_client_t *c)
{
    for (size_t i = 0; i < c->server_count; i++) {
        if (c->servers[i].state == LWCI_SRV_DEREGISTERING) {
            return false;
        }
    }
    return true;
}

int64_t lwc_client_step(lwc_client_t *client, int64_t now_ms)
{
    int64_t next = now_ms + IDLE_STEP_MS;

    if (!client || !client->initialised) {
        return now_ms + IDLE_STEP_MS;
    }
    if (now_ms < client->now_ms) {
        LWCI_WARN(LWCI_CORE_LOG(client), MOD, "time went backwards");
        now_ms = client->now_ms;
    }
    client->now_ms = now_ms;
    if (client->state != LWCI_CLIENT_RUNNING &&
        client->state != LWCI_CLIENT_STOPPING) {
        return next;
    }
    for (size_t i = 0; i < client->server_count; i++) {
        receive(client, &client->servers[i], now_ms);
        lwci_reg_step(client, &client->servers[i], now_ms, &next);
    }
    lwci_block1_step(client, now_ms, &next);
    if (client->state == LWCI_CLIENT_STOPPING && all_off(client)) {
        client->state = LWCI_CLIENT_STOPPED;
    }
    return next > now_ms ? next : now_ms;
}

void lwc_client_deinit(lwc_client_t *client)
{
    if (!client || !client->initialised) {
        return;
    }
    lwci_block1_abort(client); /* roll back a half-received write */
    for (size_t i = 0; i < client->server_count; i++) {
        lwci_reg_close_transport(client, &client->servers[i]);
        client->servers[i].state = LWCI_SRV_OFF;
    }
    client->state = LWCI_CLIENT_STOPPED;
    client->initialised = false;
}

int lwc_client_trigger_update(lwc_client_t *client, uint16_t short_server_id)
{
    bool found = false;

    if (!client || !client->initialised) {
        return LWC_ERR_INVALID_ARG;
    }
    if (client->state != LWCI_CLIENT_RUNNING) {
        return LWC_ERR_STATE;
    }
    for (size_t i = 0; i < client->server_count; i++) {
        lwci_server_t *s = &client->servers[i];
        if (short_server_id == 0 || s->ssid == short_server_id) {
            s->pending |= LWCI_PENDING_UPDATE;
            found = true;
        }
    }
    return found ? LWC_OK : LWC_ERR_NOT_FOUND;
}

int lwc_client_objects_changed(lwc_client_t *client)
{
    if (!client || !client->initialised) {
        return LWC_ERR_INVALID_ARG;
    }
    lwci_dm_bump_generation(&client->dm);
    return LWC_OK;
}

size_t lwc_client_get_fds(const lwc_client_t *client, int *fds, size_t cap)
{
    size_t n = 0;

    if (!client || !fds) {
        return 0;
    }
    for (size_t i = 0; i < client->server_count && n < cap; i++) {
        const lwci_server_t *s = &client->servers[i];
        if (s->transport_open && s->transport.ops->get_fd) {
            int fd = s->transport.ops->get_fd(s->transport.ctx);
            if (fd >= 0) {
                fds[n++] = fd;
            }
        }
    }
    return n;
}
