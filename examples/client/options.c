/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * lwc-client's command line. The short options -n -u -l -p -i -v -h are
 * the original ones; everything added later is a long option only.
 */
#define _GNU_SOURCE /* getopt_long */

#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Long-only options: values above any character. */
enum {
    OPT_PSK_IDENTITY = 256,
    OPT_PSK_KEY,
    OPT_CERT,
    OPT_KEY,
    OPT_SERVER_CERT,
    OPT_CERT_USAGE,
    OPT_SNI,
    OPT_HS_TIMEOUT,
    OPT_RETRY_COUNT,
    OPT_RETRY_TIMER,
    OPT_SEQ_DELAY,
    OPT_SEQ_RETRY,
};

static void usage(FILE *out, const char *prog)
{
    fprintf(
        out,
        "usage: %s [options]\n"
        "  -n, --endpoint NAME     endpoint client name (default "
        "lwc-example)\n"
        "  -u, --server URI        LwM2M server (default "
        "coap://127.0.0.1:5683)\n"
        "  -l, --lifetime SECONDS  registration lifetime (default 300)\n"
        "  -p, --local-port N      local UDP port (default 0: any)\n"
        "  -i, --ssid N            short server ID (default 1)\n"
        "  -v, --verbose           debug log (lines above the compile-time\n"
        "                          LWC_LOG_LEVEL are not built in)\n"
        "  -h, --help              this text\n"
        "DTLS, for a coaps:// server (Security object 0/0):\n"
        "      --psk-identity ID   PSK mode: identity (0/0/3)\n"
        "      --psk-key HEX       PSK mode: key in hex (0/0/5)\n"
        "      --cert FILE         Certificate mode: client certificate, PEM "
        "or DER (0/0/3)\n"
        "      --key FILE          Certificate mode: client private key, PEM "
        "or DER (0/0/5)\n"
        "      --server-cert FILE  server certificate, or its CA for usage 0 "
        "and 2 (0/0/4)\n"
        "      --cert-usage N      Certificate Usage 0..3 (0/0/15, default "
        "3)\n"
        "      --sni NAME          server name sent and checked (0/0/14)\n"
        "      --hs-timeout MIN[,MAX]  handshake retransmission timeouts in "
        "ms\n"
        "                          (default 1000,60000)\n"
        "Registration retries (Server object 1/0, LwM2M 1.1 Core "
        "6.2.1.1):\n"
        "      --retry-count N     Communication Retry Count (1/0/17, "
        "default 5)\n"
        "      --retry-timer S     Communication Retry Timer (1/0/18, "
        "default 60)\n"
        "      --seq-delay S       Sequence Delay Timer (1/0/19, default "
        "86400)\n"
        "      --seq-retry N       Sequence Retry Count (1/0/20, default "
        "1)\n",
        prog);
}

/* Decimal number in [min, max]; false on anything else. */
static bool parse_number(const char *s, unsigned long min, unsigned long max,
                         unsigned long *out)
{
    char *end = NULL;

    if (!s || *s < '0' || *s > '9') {
        return false;
    }
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < min || v > max) {
        return false;
    }
    *out = v;
    return true;
}

/* "MIN" or "MIN,MAX" in milliseconds. */
static bool parse_hs_timeout(const char *s, options_t *o)
{
    char min[16];
    const char *comma = strchr(s, ',');
    size_t n = comma ? (size_t)(comma - s) : strlen(s);
    unsigned long a, b = 0;

    if (n == 0 || n >= sizeof(min)) {
        return false;
    }
    memcpy(min, s, n);
    min[n] = '\0';
    if (!parse_number(min, 1, 3600000, &a) ||
        (comma && !parse_number(comma + 1, a, 3600000, &b))) {
        return false;
    }
    o->hs_min_ms = (uint32_t)a;
    o->hs_max_ms = (uint32_t)b;
    return true;
}

typedef struct {
    int opt;
    const char *what;
    unsigned long min;
    unsigned long max;
} number_opt_t;

/* Store a validated number in the field of option @p opt. */
static void store_number(int opt, unsigned long v, options_t *o)
{
    switch (opt) {
    case 'l':
        o->lifetime = (uint32_t)v;
        break;
    case 'p':
        o->local_port = (uint16_t)v;
        break;
    case 'i':
        o->ssid = (uint16_t)v;
        break;
    case OPT_CERT_USAGE:
        o->cert_usage = (int)v;
        break;
    case OPT_RETRY_COUNT:
        o->retry_count = (uint32_t)v;
        break;
    case OPT_RETRY_TIMER:
        o->retry_timer = (uint32_t)v;
        break;
    case OPT_SEQ_DELAY:
        o->seq_delay = (uint32_t)v;
        break;
    default:
        o->seq_retry = (uint32_t)v;
        break;
    }
}

/* A numeric option with its value; false (after a message) when invalid. */
static bool set_number_option(int opt, const char *arg, options_t *o)
{
    static const number_opt_t table[] = {
        {'l', "lifetime", 1, UINT32_MAX},
        {'p', "local port", 0, 65535},
        /* 0 and 65535 are reserved (LwM2M 1.1 Core E.2, 1/x/0). */
        {'i', "short server ID", 1, 65534},
        {OPT_CERT_USAGE, "certificate usage", 0, 3},
        {OPT_RETRY_COUNT, "retry count", 1, UINT32_MAX},
        {OPT_RETRY_TIMER, "retry timer", 1, UINT32_MAX},
        {OPT_SEQ_DELAY, "sequence delay", 1, UINT32_MAX},
        {OPT_SEQ_RETRY, "sequence retry count", 1, UINT32_MAX},
    };
    unsigned long v;

    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        if (table[i].opt != opt) {
            continue;
        }
        if (!parse_number(arg, table[i].min, table[i].max, &v)) {
            fprintf(stderr, "invalid %s '%s'\n", table[i].what, arg);
            return false;
        }
        store_number(opt, v, o);
        return true;
    }
    return false;
}

/* String options; false when @p c is not one of them. */
static bool set_string_option(int c, const char *arg, options_t *o)
{
    switch (c) {
    case 'n':
        o->endpoint = arg;
        return true;
    case 'u':
        o->uri = arg;
        return true;
    case OPT_PSK_IDENTITY:
        o->psk_identity = arg;
        return true;
    case OPT_PSK_KEY:
        o->psk_key_hex = arg;
        return true;
    case OPT_CERT:
        o->cert_file = arg;
        return true;
    case OPT_KEY:
        o->key_file = arg;
        return true;
    case OPT_SERVER_CERT:
        o->server_cert_file = arg;
        return true;
    case OPT_SNI:
        o->sni = arg;
        return true;
    default:
        return false;
    }
}

/* The security options must fit the URI's scheme and each other. */
static bool check_security(const options_t *o)
{
    bool coaps = strncmp(o->uri, "coaps://", 8) == 0;
    bool psk = o->psk_identity || o->psk_key_hex;
    bool cert = o->cert_file || o->key_file || o->server_cert_file ||
                o->cert_usage >= 0 || o->sni;

    if (!coaps && (psk || cert)) {
        fprintf(stderr, "DTLS options need a coaps:// server URI\n");
        return false;
    }
    if (psk && (o->cert_file || o->key_file || o->server_cert_file)) {
        fprintf(stderr, "choose PSK or certificate options, not both\n");
        return false;
    }
    if (psk && (!o->psk_identity || !o->psk_key_hex)) {
        fprintf(stderr, "PSK mode needs --psk-identity and --psk-key\n");
        return false;
    }
    if (coaps && !psk &&
        (!o->cert_file || !o->key_file || !o->server_cert_file)) {
        fprintf(stderr, "a coaps:// server needs --psk-identity and --psk-key, "
                        "or --cert, --key and --server-cert\n");
        return false;
    }
    return true;
}

static const struct option longopts[] = {
    {"endpoint", required_argument, NULL, 'n'},
    {"server", required_argument, NULL, 'u'},
    {"lifetime", required_argument, NULL, 'l'},
    {"local-port", required_argument, NULL, 'p'},
    {"ssid", required_argument, NULL, 'i'},
    {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},
    {"psk-identity", required_argument, NULL, OPT_PSK_IDENTITY},
    {"psk-key", required_argument, NULL, OPT_PSK_KEY},
    {"cert", required_argument, NULL, OPT_CERT},
    {"key", required_argument, NULL, OPT_KEY},
    {"server-cert", required_argument, NULL, OPT_SERVER_CERT},
    {"cert-usage", required_argument, NULL, OPT_CERT_USAGE},
    {"sni", required_argument, NULL, OPT_SNI},
    {"hs-timeout", required_argument, NULL, OPT_HS_TIMEOUT},
    {"retry-count", required_argument, NULL, OPT_RETRY_COUNT},
    {"retry-timer", required_argument, NULL, OPT_RETRY_TIMER},
    {"seq-delay", required_argument, NULL, OPT_SEQ_DELAY},
    {"seq-retry", required_argument, NULL, OPT_SEQ_RETRY},
    {NULL, 0, NULL, 0},
};

/* One option; 0 to go on, 1 for help, -1 for an error. */
static int take_option(int c, const char *prog, options_t *o)
{
    if (set_string_option(c, optarg, o)) {
        return 0;
    }
    if (c == 'v') {
        o->verbose = true;
        return 0;
    }
    if (c == 'h') {
        usage(stdout, prog);
        return 1;
    }
    if (c == OPT_HS_TIMEOUT) {
        if (parse_hs_timeout(optarg, o)) {
            return 0;
        }
        fprintf(stderr, "invalid handshake timeout '%s' (MIN[,MAX] ms)\n",
                optarg);
        return -1;
    }
    if (c != '?' && c != ':') {
        return set_number_option(c, optarg, o) ? 0 : -1;
    }
    usage(stderr, prog);
    return -1;
}

int options_parse(int argc, char **argv, options_t *o)
{
    int c;

    *o = (options_t){.endpoint = "lwc-example",
                     .uri = "coap://127.0.0.1:5683",
                     .lifetime = 300,
                     .ssid = 1,
                     .cert_usage = -1};
    while ((c = getopt_long(argc, argv, "n:u:l:p:i:vh", longopts, NULL)) !=
           -1) {
        int rc = take_option(c, argv[0], o);

        if (rc != 0) {
            return rc;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "unexpected argument '%s'\n", argv[optind]);
        return -1;
    }
    return check_security(o) ? 0 : -1;
}
