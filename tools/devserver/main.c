/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * lwc-devserver: command line, libcoap set-up (UDP, DTLS PSK and
 * certificates: LwM2M Transport 1.1 §5.2) and the main loop that serves
 * CoAP, expires registrations and runs commands from stdin or a script.
 */
#include "devserver.h"

#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Longest sleep of one loop turn: bounds timer and expiry latency. */
#define LOOP_MS 50
/* Longest command line read from stdin (hex payloads can be long). */
#define INPUT_MAX (1024u * 1024u)

int64_t ds_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void usage(FILE *f)
{
    fputs("usage: lwc-devserver [options]\n"
          "A development LwM2M server (docs/devserver.md).\n\n"
          "  --listen ADDR          address to listen on (default 127.0.0.1)\n"
          "  --port N               CoAP UDP port (default 5683, 0: any)\n"
          "  --dtls-port N          CoAP DTLS port (default 5684, 0: any)\n"
          "  --psk-identity ID      accept DTLS PSK identity ID (repeatable)\n"
          "  --psk-key HEX          the key of the preceding --psk-identity\n"
          "  --cert FILE --key FILE DTLS certificate mode (PEM files)\n"
          "  --ca FILE              CA that client certificates must chain "
          "to\n"
          "  --script FILE          run the commands of FILE, then exit\n"
          "  -c 'CMD; CMD'          run these commands, then exit\n"
          "  --stay                 keep serving when the script or stdin "
          "ends\n"
          "  --timeout SECONDS      default timeout of waits and requests "
          "(10)\n"
          "  --quiet                no libcoap log output\n"
          "  --debug                libcoap debug log (every PDU) on stderr\n"
          "  --help                 this text\n\n"
          "Without --script or -c, commands are read from stdin. Type 'help'\n"
          "for the list of commands.\n",
          f);
}

static int parse_port(const char *s, uint16_t *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 0 || v > 65535) {
        fprintf(stderr, "lwc-devserver: bad port '%s'\n", s);
        return -1;
    }
    *out = (uint16_t)v;
    return 0;
}

static int add_psk(ds_options_t *o, int which, const char *arg)
{
    if (which == 'I') {
        if (o->psk_count == DS_MAX_PSK) {
            fputs("lwc-devserver: too many PSK identities\n", stderr);
            return -1;
        }
        o->psk[o->psk_count++].identity = arg;
        return 0;
    }
    ds_psk_t *p = o->psk_count ? &o->psk[o->psk_count - 1] : NULL;
    if (!p || p->key_len ||
        ds_hex_decode(arg, p->key, sizeof(p->key), &p->key_len) < 0 ||
        !p->key_len) {
        fputs("lwc-devserver: --psk-key HEX must follow --psk-identity\n",
              stderr);
        return -1;
    }
    return 0;
}

static const struct option long_opts[] = {
    {.name = "listen", .has_arg = 1, .val = 'l'},
    {.name = "port", .has_arg = 1, .val = 'p'},
    {.name = "dtls-port", .has_arg = 1, .val = 'P'},
    {.name = "psk-identity", .has_arg = 1, .val = 'I'},
    {.name = "psk-key", .has_arg = 1, .val = 'K'},
    {.name = "cert", .has_arg = 1, .val = 'C'},
    {.name = "key", .has_arg = 1, .val = 'k'},
    {.name = "ca", .has_arg = 1, .val = 'A'},
    {.name = "script", .has_arg = 1, .val = 's'},
    {.name = "stay", .has_arg = 0, .val = 'S'},
    {.name = "timeout", .has_arg = 1, .val = 't'},
    {.name = "quiet", .has_arg = 0, .val = 'q'},
    {.name = "debug", .has_arg = 0, .val = 'd'},
    {.name = "help", .has_arg = 0, .val = 'h'},
    {0},
};

static int parse_opt(ds_options_t *o, int c, const char *arg)
{
    switch (c) {
    case 'l':
        o->listen = arg;
        return 0;
    case 'p':
        return parse_port(arg, &o->port);
    case 'P':
        return parse_port(arg, &o->dtls_port);
    case 'I':
    case 'K':
        return add_psk(o, c, arg);
    case 'C':
        o->cert = arg;
        return 0;
    case 'k':
        o->key = arg;
        return 0;
    case 'A':
        o->ca = arg;
        return 0;
    case 's':
        o->script = arg;
        return 0;
    case 'c':
        o->commands = arg;
        return 0;
    case 'S':
        o->stay = true;
        return 0;
    case 'q':
        o->quiet = true;
        return 0;
    case 'd':
        o->debug = true;
        return 0;
    case 't':
        o->timeout_ms = ds_parse_seconds(arg);
        return o->timeout_ms < 0 ? -1 : 0;
    default:
        return -1;
    }
}

/* 0: run, 1: --help printed, -1: bad usage. */
static int parse_args(ds_options_t *o, int argc, char **argv)
{
    o->listen = "127.0.0.1";
    o->port = 5683;
    o->dtls_port = 5684;
    o->timeout_ms = 10000;
    int c;
    while ((c = getopt_long(argc, argv, "c:h", long_opts, NULL)) != -1) {
        if (c == 'h') {
            usage(stdout);
            return 1;
        }
        if (parse_opt(o, c, optarg) < 0) {
            usage(stderr);
            return -1;
        }
    }
    bool bad_psk = o->psk_count && !o->psk[o->psk_count - 1].key_len;
    if (optind < argc || bad_psk || (!o->cert != !o->key) ||
        (o->script && o->commands)) {
        fputs("lwc-devserver: inconsistent options (see --help)\n", stderr);
        return -1;
    }
    return 0;
}

/* libcoap's own log lines go to stderr; stdout carries only our events. */
static void log_to_stderr(coap_log_t level, const char *message)
{
    (void)level;
    fprintf(stderr, "libcoap: %s", message);
}

static int resolve(const char *host, uint16_t port, coap_address_t *out)
{
    struct addrinfo hints;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    char ps[8];
    snprintf(ps, sizeof(ps), "%u", (unsigned)port);
    struct addrinfo *res = NULL;
    int rc = getaddrinfo(host, ps, &hints, &res);
    if (rc != 0 || !res || res->ai_addrlen > sizeof(out->addr)) {
        fprintf(stderr, "lwc-devserver: cannot resolve '%s': %s\n", host,
                rc ? gai_strerror(rc) : "no address");
        freeaddrinfo(res);
        return -1;
    }
    coap_address_init(out);
    out->size = res->ai_addrlen;
    memcpy(&out->addr, res->ai_addr, res->ai_addrlen);
    freeaddrinfo(res);
    return 0;
}

static int listen_on(ds_t *ds, uint16_t port, coap_proto_t proto)
{
    coap_address_t addr;
    if (resolve(ds->opt.listen, port, &addr) < 0) {
        return -1;
    }
    coap_endpoint_t *ep = coap_new_endpoint(ds->ctx, &addr, proto);
    if (!ep) {
        fprintf(stderr, "lwc-devserver: cannot listen on %s port %u\n",
                ds->opt.listen, (unsigned)port);
        return -1;
    }
    /* coap_endpoint_str() gives "ADDR:PORT PROTO" with the bound port. */
    char text[128];
    snprintf(text, sizeof(text), "%s", coap_endpoint_str(ep));
    char *sp = strrchr(text, ' ');
    if (sp) {
        *sp = '\0';
    }
    printf("LISTENING %s://%s\n", proto == COAP_PROTO_DTLS ? "coaps" : "coap",
           text);
    return 0;
}

/* Key for a PSK identity (Transport 1.1 §5.2.8.1), NULL to refuse. */
static const coap_bin_const_t *psk_lookup(coap_bin_const_t *identity,
                                          coap_session_t *s, void *arg)
{
    (void)s;
    ds_t *ds = arg;
    for (size_t i = 0; i < ds->opt.psk_count; i++) {
        ds_psk_t *p = &ds->opt.psk[i];
        if (identity->length == strlen(p->identity) &&
            memcmp(identity->s, p->identity, identity->length) == 0) {
            return &p->key_bin;
        }
    }
    printf("REJECTED dtls: unknown PSK identity '%.*s'\n",
           (int)identity->length, (const char *)identity->s);
    return NULL;
}

static int setup_psk(ds_t *ds)
{
    coap_dtls_spsk_t spsk;
    memset(&spsk, 0, sizeof(spsk));
    for (size_t i = 0; i < ds->opt.psk_count; i++) {
        ds_psk_t *p = &ds->opt.psk[i];
        p->key_bin.s = p->key;
        p->key_bin.length = p->key_len;
    }
    spsk.version = COAP_DTLS_SPSK_SETUP_VERSION;
    spsk.validate_id_call_back = psk_lookup;
    spsk.id_call_back_arg = ds;
    spsk.psk_info.key = ds->opt.psk[0].key_bin;
    return coap_context_set_psk2(ds->ctx, &spsk) ? 0 : -1;
}

static int setup_pki(ds_t *ds)
{
    coap_dtls_pki_t pki;
    memset(&pki, 0, sizeof(pki));
    pki.version = COAP_DTLS_PKI_SETUP_VERSION;
    pki.verify_peer_cert = ds->opt.ca ? 1 : 0;
    pki.check_common_ca = ds->opt.ca ? 1 : 0;
    pki.allow_self_signed = 1;
    pki.allow_no_crl = 1;
    pki.allow_expired_crl = 1;
    pki.cert_chain_validation = 1;
    pki.cert_chain_verify_depth = 3;
    pki.pki_key.key_type = COAP_PKI_KEY_PEM;
    pki.pki_key.key.pem.public_cert = ds->opt.cert;
    pki.pki_key.key.pem.private_key = ds->opt.key;
    pki.pki_key.key.pem.ca_file = ds->opt.ca;
    return coap_context_set_pki(ds->ctx, &pki) ? 0 : -1;
}

static int setup_endpoints(ds_t *ds)
{
    if (listen_on(ds, ds->opt.port, COAP_PROTO_UDP) < 0) {
        return -1;
    }
    if (!ds->opt.psk_count && !ds->opt.cert) {
        return 0;
    }
    if (!coap_dtls_is_supported()) {
        fputs("lwc-devserver: this libcoap has no DTLS\n", stderr);
        return -1;
    }
    if ((ds->opt.psk_count && setup_psk(ds) < 0) ||
        (ds->opt.cert && setup_pki(ds) < 0)) {
        fputs("lwc-devserver: DTLS set-up failed\n", stderr);
        return -1;
    }
    return listen_on(ds, ds->opt.dtls_port, COAP_PROTO_DTLS);
}

/* Queue the commands of --script FILE (one per line) or -c (separated by
 * newlines or ';'; "\;" is a literal ';'). */
static int load_script(ds_t *ds)
{
    const char *src = ds->opt.script;
    size_t len = 0;
    char *text = src                ? ds_read_file(src, &len)
                 : ds->opt.commands ? ds_strdup(ds->opt.commands)
                                    : NULL;
    if (!text) {
        if (src) {
            fprintf(stderr, "lwc-devserver: cannot read %s\n", src);
        }
        return src ? -1 : 0;
    }
    ds->script_mode = true;
    char *line = text; /* compacted in place: "\;" becomes ";" */
    char *w = text;
    for (const char *p = text;; p++) {
        if (!src && p[0] == '\\' && p[1] == ';') {
            *w++ = *++p;
        } else if (*p == '\n' || *p == '\0' || (!src && *p == ';')) {
            bool end = *p == '\0';
            *w++ = '\0';
            ds_queue_line(ds, line, true);
            line = w;
            if (end) {
                break;
            }
        } else {
            *w++ = *p;
        }
    }
    free(text);
    return 0;
}

/* Line assembly for stdin. */
typedef struct {
    char *buf;
    size_t len;
    bool skip; /* dropping the rest of an overlong line */
} ds_input_t;

/* Queue the complete lines in in->buf; keep the partial one. */
static void split_lines(ds_t *ds, ds_input_t *in)
{
    char *start = in->buf;
    char *nl;
    while ((nl = memchr(start, '\n', in->len - (size_t)(start - in->buf)))) {
        *nl = '\0';
        if (!in->skip) {
            ds_queue_line(ds, start, false);
        }
        in->skip = false;
        start = nl + 1;
    }
    in->len -= (size_t)(start - in->buf);
    memmove(in->buf, start, in->len);
    if (in->len == INPUT_MAX - 1) {
        printf("ERROR: input line longer than %u bytes ignored\n",
               (unsigned)INPUT_MAX);
        in->len = 0;
        in->skip = true;
    }
}

/* Read what stdin has; queue complete lines. At the end of input, the last
 * unterminated line counts too. */
static void read_stdin(ds_t *ds, ds_input_t *in)
{
    ssize_t n = read(STDIN_FILENO, in->buf + in->len, INPUT_MAX - 1 - in->len);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
        return;
    }
    if (n <= 0) {
        in->buf[in->len] = '\0';
        if (!in->skip) {
            ds_queue_line(ds, in->buf, false);
        }
        in->len = 0;
        ds->stdin_open = false;
        return;
    }
    in->len += (size_t)n;
    split_lines(ds, in);
}

/* Whether the process should end now (script or stdin finished). */
static bool finished(ds_t *ds)
{
    if (ds->quit || !ds_commands_idle(ds) || ds->opt.stay) {
        return ds->quit;
    }
    return ds->script_mode || !ds->stdin_open;
}

/* Wait for CoAP traffic, stdin or the next deadline; then let libcoap
 * process what arrived. */
static void wait_io(ds_t *ds, bool want_stdin, ds_input_t *in)
{
    int timeout = LOOP_MS;
    int64_t next = ds_commands_next_deadline(ds);
    if (next >= 0 && next < timeout) {
        timeout = (int)next;
    }
    struct pollfd fds[2];
    nfds_t n = 0;
    int coap_fd = coap_context_get_coap_fd(ds->ctx);
    if (want_stdin) {
        fds[n++] = (struct pollfd){.fd = STDIN_FILENO, .events = POLLIN};
    }
    if (coap_fd >= 0) {
        fds[n++] = (struct pollfd){.fd = coap_fd, .events = POLLIN};
        poll(fds, n, timeout);
        coap_io_process(ds->ctx, COAP_IO_NO_WAIT);
    } else {
        coap_io_process(ds->ctx, (uint32_t)(want_stdin ? 10 : timeout + 1));
        poll(fds, n, 0);
    }
    if (want_stdin && (fds[0].revents & (POLLIN | POLLHUP | POLLERR))) {
        read_stdin(ds, in);
    }
}

static void run(ds_t *ds)
{
    ds_input_t in = {.buf = ds_xmalloc(INPUT_MAX)};
    bool tty = isatty(STDIN_FILENO);
    bool prompted = false;
    ds->stdin_open = true;
    while (!finished(ds)) {
        int64_t now = ds_now_ms();
        ds_registry_expire(ds, now);
        ds_commands_step(ds, now);
        if (finished(ds)) {
            break;
        }
        bool want_stdin =
            ds->stdin_open && (!ds->script_mode || ds_commands_idle(ds));
        if (tty && want_stdin && ds_commands_idle(ds) && !prompted) {
            fputs("> ", stdout);
            fflush(stdout);
            prompted = true;
        }
        wait_io(ds, want_stdin, &in);
        if (ds->queue_head) {
            prompted = false;
        }
        fflush(stdout);
    }
    free(in.buf);
}

int main(int argc, char **argv)
{
    ds_t ds;
    memset(&ds, 0, sizeof(ds));
    int rc = parse_args(&ds.opt, argc, argv);
    if (rc != 0) {
        return rc > 0 ? 0 : 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    coap_startup();
    coap_set_log_handler(log_to_stderr);
    coap_set_show_pdu_output(0); /* PDU dumps through the handler too */
    coap_set_log_level(ds.opt.quiet   ? LOG_EMERG
                       : ds.opt.debug ? LOG_DEBUG
                                      : LOG_WARNING);
    ds.ctx = coap_new_context(NULL);
    if (!ds.ctx) {
        return 2;
    }
    coap_set_app_data(ds.ctx, &ds);
    /* No COAP_BLOCK_USE_LIBCOAP: requests.c and registry.c do RFC 7959
     * themselves (see devserver.h). */
    coap_context_set_block_mode(ds.ctx, 0);
    if (setup_endpoints(&ds) < 0 || ds_registry_install(&ds) < 0 ||
        load_script(&ds) < 0) {
        ds.exit_status = 2;
    } else {
        ds_requests_install(&ds);
        run(&ds);
    }
    ds_requests_free(&ds);
    ds_registry_free(&ds);
    ds_commands_free(&ds);
    coap_free_context(ds.ctx);
    coap_cleanup();
    return ds.exit_status;
}
