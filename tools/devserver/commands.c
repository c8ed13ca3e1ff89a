/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The command language of lwc-devserver (docs/devserver.md): one command per
 * line, run one at a time. A command that sends a request or waits for an
 * event leaves a ds_wait_t behind; the main loop keeps calling
 * ds_commands_step() until the wait ends, then runs the next line. In a
 * script, a failure prints "FAIL: <why>" and stops with exit status 1.
 */
#include "devserver.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef int (*cmd_fn_t)(ds_t *ds, int argc, char **argv, const char *rest);

typedef struct {
    const char *name;
    int min_args; /* words after the command name */
    int max_args;
    cmd_fn_t fn;
    const char *usage;
    bool raw; /* takes the rest of the line as is (argc 0, argv NULL) */
} cmd_t;

__attribute__((format(printf, 2, 3))) static int fail(ds_t *ds, const char *fmt,
                                                      ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("FAIL: ", stdout);
    vprintf(fmt, ap);
    putchar('\n');
    va_end(ap);
    if (ds->line_is_script) {
        ds->quit = true;
        ds->exit_status = 1;
    }
    return -1;
}

void ds_set_last(ds_t *ds, const char *code, char *output)
{
    if (code != ds->last_code) {
        snprintf(ds->last_code, sizeof(ds->last_code), "%s", code);
    }
    free(ds->last_output);
    ds->last_output = output;
}

static void wait_clear(ds_t *ds)
{
    free(ds->wait.ep);
    free(ds->wait.path);
    free(ds->wait.what);
    memset(&ds->wait, 0, sizeof(ds->wait));
}

static void wait_start(ds_t *ds, ds_wait_kind_t kind, const char *ep,
                       const char *path, int64_t timeout_ms, const char *what)
{
    wait_clear(ds);
    ds->wait.kind = kind;
    ds->wait.ep = ep ? ds_strdup(ep) : NULL;
    ds->wait.path = path ? ds_strdup(path) : NULL;
    ds->wait.what = ds_strdup(what);
    ds->wait.deadline_ms = ds_now_ms() + timeout_ms;
}

/* "/3/0/1" and "3/0/1" alike: stored without the leading slash. */
static char *norm_path(const char *path)
{
    while (*path == '/') {
        path++;
    }
    return ds_strdup(path);
}

static void spec_init(ds_request_spec_t *spec, coap_pdu_code_t method,
                      const char *path)
{
    memset(spec, 0, sizeof(*spec));
    spec->method = method;
    spec->path = norm_path(path);
    spec->accept = DS_CT_NONE;
    spec->content_type = DS_CT_NONE;
    spec->observe = -1;
}

/* Send spec to ep and wait for the response. */
static int start_request(ds_t *ds, const char *ep, ds_request_spec_t *spec)
{
    ds_client_t *c = ds_client_find(ds, ep);
    if (!c) {
        ds_request_spec_free(spec);
        return fail(ds, "%s is not registered", ep);
    }
    if (ds_request_send(ds, c, spec) < 0) {
        return fail(ds, "cannot send to %s", ep);
    }
    wait_start(ds, DS_WAIT_RESPONSE, ep, NULL, ds->opt.timeout_ms, "request");
    return 0;
}

static int format_arg(ds_t *ds, const char *s, int *ct)
{
    *ct = ds_parse_format(s);
    return *ct < 0 ? fail(ds, "unknown format '%s'", s) : 0;
}

static int cmd_read(ds_t *ds, int argc, char **argv, const char *rest)
{
    (void)rest;
    ds_request_spec_t spec;
    int ct = DS_CT_NONE;
    if (argc > 3 && format_arg(ds, argv[3], &ct) < 0) {
        return -1;
    }
    spec_init(&spec, COAP_REQUEST_CODE_GET, argv[2]);
    spec.accept = ct;
    return start_request(ds, argv[1], &spec);
}

static int cmd_discover(ds_t *ds, int argc, char **argv, const char *rest)
{
    (void)argc;
    (void)rest;
    ds_request_spec_t spec;
    spec_init(&spec, COAP_REQUEST_CODE_GET, argv[2]);
    spec.accept = 40; /* Discover: Transport 1.1 §6.4.4, link format */
    return start_request(ds, argv[1], &spec);
}

static int payload_hex(ds_t *ds, const char *hex, int ct,
                       ds_request_spec_t *spec)
{
    size_t cap = strlen(hex) / 2 + 1;
    spec->payload = ds_xmalloc(cap);
    if (ds_hex_decode(hex, spec->payload, cap, &spec->payload_len) < 0) {
        return fail(ds, "bad hex payload");
    }
    spec->content_type = ct;
    return 0;
}

static int payload_file(ds_t *ds, const char *path, int ct,
                        ds_request_spec_t *spec)
{
    spec->payload = (uint8_t *)ds_read_file(path, &spec->payload_len);
    if (!spec->payload) {
        return fail(ds, "cannot read %s", path);
    }
    spec->content_type = ct;
    return 0;
}

/* The payload words of write/create: VALUE [FORMAT], --tlv HEX,
 * --opaque HEX, --hex FORMAT HEX or --file FILE [FORMAT]. Sets the payload
 * and its Content-Format. */
static int payload_args(ds_t *ds, int argc, char **argv,
                        ds_request_spec_t *spec)
{
    const char *flag = argv[0];
    bool tlv = strcmp(flag, "--tlv") == 0;
    int ct = strcmp(flag, "--file") == 0 ? 42 : 0;
    if (tlv || strcmp(flag, "--opaque") == 0) {
        return argc == 2 ? payload_hex(ds, argv[1], tlv ? 11542 : 42, spec)
                         : fail(ds, "%s needs HEX", flag);
    }
    if (strcmp(flag, "--hex") == 0) {
        if (argc != 3) {
            return fail(ds, "--hex needs FORMAT HEX");
        }
        return format_arg(ds, argv[1], &ct) < 0
                   ? -1
                   : payload_hex(ds, argv[2], ct, spec);
    }
    bool file = ct == 42;
    int nargs = argc - (file ? 1 : 0);
    if (nargs < 1 || nargs > 2) {
        return fail(ds, file ? "--file needs FILE [FORMAT]"
                             : "too many words (quote the value)");
    }
    if (nargs == 2 && format_arg(ds, argv[argc - 1], &ct) < 0) {
        return -1;
    }
    if (file) {
        return payload_file(ds, argv[1], ct, spec);
    }
    spec->payload = (uint8_t *)ds_strdup(argv[0]);
    spec->payload_len = strlen(argv[0]);
    spec->content_type = ct;
    return 0;
}

/* write EP PATH ... [--partial]: Write, Transport 1.1 §6.4.4: PUT replaces,
 * POST (--partial) updates an object instance partially. */
static int cmd_write(ds_t *ds, int argc, char **argv, const char *rest)
{
    (void)rest;
    bool partial = strcmp(argv[argc - 1], "--partial") == 0;
    if (partial) {
        argc--;
    }
    if (argc < 4) {
        return fail(ds, "write needs a value");
    }
    ds_request_spec_t spec;
    spec_init(&spec, partial ? COAP_REQUEST_CODE_POST : COAP_REQUEST_CODE_PUT,
              argv[2]);
    if (payload_args(ds, argc - 3, argv + 3, &spec) < 0) {
        ds_request_spec_free(&spec);
        return -1;
    }
    return start_request(ds, argv[1], &spec);
}

/* create EP PATH ...: Create, POST on the object (Transport 1.1 §6.4.4). */
static int cmd_create(ds_t *ds, int argc, char **argv, const char *rest)
{
    (void)rest;
    ds_request_spec_t spec;
    spec_init(&spec, COAP_REQUEST_CODE_POST, argv[2]);
    if (payload_args(ds, argc - 3, argv + 3, &spec) < 0) {
        ds_request_spec_free(&spec);
        return -1;
    }
    return start_request(ds, argv[1], &spec);
}

static int cmd_delete(ds_t *ds, int argc, char **argv, const char *rest)
{
    (void)argc;
    (void)rest;
    ds_request_spec_t spec;
    spec_init(&spec, COAP_REQUEST_CODE_DELETE, argv[2]);
    return start_request(ds, argv[1], &spec);
}

/* exec EP PATH [ARGS]: Execute is a POST; arguments are plain text
 * (Core 1.1 §5.4.5), sent without a Content-Format. */
static int cmd_exec(ds_t *ds, int argc, char **argv, const char *rest)
{
    (void)rest;
    ds_request_spec_t spec;
    spec_init(&spec, COAP_REQUEST_CODE_POST, argv[2]);
    if (argc > 3) {
        spec.payload = (uint8_t *)ds_strdup(argv[3]);
        spec.payload_len = strlen(argv[3]);
    }
    return start_request(ds, argv[1], &spec);
}

/* write-attr EP PATH pmin=1&pmax=10: Write-Attributes is a PUT with the
 * attributes as Uri-Query (Transport 1.1 §6.4.4, Core 1.1 §5.1.2). */
static int cmd_write_attr(ds_t *ds, int argc, char **argv, const char *rest)
{
    (void)argc;
    (void)rest;
    ds_request_spec_t spec;
    spec_init(&spec, COAP_REQUEST_CODE_PUT, argv[2]);
    spec.query = ds_strdup(argv[3]);
    return start_request(ds, argv[1], &spec);
}

/* observe EP PATH [FORMAT]: GET with Observe 0 (RFC 7641 §3.1). */
static int cmd_observe(ds_t *ds, int argc, char **argv, const char *rest)
{
    (void)rest;
    int ct = DS_CT_NONE;
    if (argc > 3 && format_arg(ds, argv[3], &ct) < 0) {
        return -1;
    }
    ds_request_spec_t spec;
    spec_init(&spec, COAP_REQUEST_CODE_GET, argv[2]);
    spec.accept = ct;
    spec.observe = 0;
    return start_request(ds, argv[1], &spec);
}

/* cancel EP PATH: GET with Observe 1 and the observation's token
 * (RFC 7641 §3.6, Core 1.1 §6.4.2 Cancel Observation). */
static int cmd_cancel(ds_t *ds, int argc, char **argv, const char *rest)
{
    (void)argc;
    (void)rest;
    char *path = norm_path(argv[2]);
    ds_observation_t *o = ds_observation_find(ds, argv[1], path);
    if (!o) {
        free(path);
        return fail(ds, "%s does not observe /%s here", argv[1], argv[2]);
    }
    ds_request_spec_t spec;
    spec_init(&spec, COAP_REQUEST_CODE_GET, path);
    free(path);
    spec.observe = 1;
    spec.has_token = true;
    memcpy(spec.token, o->token, DS_TOKEN_LEN);
    ds_observation_remove(ds, o);
    return start_request(ds, argv[1], &spec);
}

static int cmd_list(ds_t *ds, int argc, char **argv, const char *rest)
{
    (void)argc;
    (void)argv;
    (void)rest;
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    if (!f) {
        return fail(ds, "out of memory");
    }
    ds_registry_list(ds, f);
    fclose(f);
    fputs(text, stdout);
    ds_set_last(ds, ds->last_code, text);
    return 0;
}

static int timeout_arg(ds_t *ds, int argc, char **argv, int idx, int64_t *ms)
{
    *ms = ds->opt.timeout_ms;
    if (argc > idx && (*ms = ds_parse_seconds(argv[idx])) < 0) {
        return fail(ds, "bad number of seconds '%s'", argv[idx]);
    }
    return 0;
}

static int cmd_wait_client(ds_t *ds, int argc, char **argv, const char *rest)
{
    (void)rest;
    int64_t ms;
    if (timeout_arg(ds, argc, argv, 2, &ms) < 0) {
        return -1;
    }
    ds_wait_kind_t kind =
        strcmp(argv[0], "wait-registered") == 0     ? DS_WAIT_REGISTERED
        : strcmp(argv[0], "wait-deregistered") == 0 ? DS_WAIT_DEREGISTERED
                                                    : DS_WAIT_UPDATED;
    wait_start(ds, kind, argv[1], NULL, ms, argv[0]);
    ds->wait.since = ds->event_seq;
    return 0;
}

static int cmd_wait_notify(ds_t *ds, int argc, char **argv, const char *rest)
{
    (void)rest;
    int64_t ms;
    if (timeout_arg(ds, argc, argv, 3, &ms) < 0) {
        return -1;
    }
    char *path = norm_path(argv[2]);
    ds_observation_t *o = ds_observation_find(ds, argv[1], path);
    if (!o) {
        free(path);
        return fail(ds, "%s does not observe /%s here", argv[1], argv[2]);
    }
    wait_start(ds, DS_WAIT_NOTIFY, argv[1], path, ms, argv[0]);
    ds->wait.since = o->count;
    free(path);
    return 0;
}

static int cmd_sleep(ds_t *ds, int argc, char **argv, const char *rest)
{
    (void)rest;
    int64_t ms;
    if (timeout_arg(ds, argc, argv, 1, &ms) < 0) {
        return -1;
    }
    wait_start(ds, DS_WAIT_SLEEP, NULL, NULL, ms, "sleep");
    return 0;
}

static int cmd_expect(ds_t *ds, int argc, char **argv, const char *rest)
{
    (void)argc;
    (void)rest;
    if (strcmp(ds->last_code, argv[1]) != 0) {
        return fail(ds, "expected %s, got %s", argv[1],
                    ds->last_code[0] ? ds->last_code : "no response");
    }
    return 0;
}

/* The rest of a line without enclosing double quotes. */
static char *unquote(const char *rest)
{
    size_t n = strlen(rest);
    if (n >= 2 && rest[0] == '"' && rest[n - 1] == '"') {
        return ds_strndup(rest + 1, n - 2);
    }
    return ds_strdup(rest);
}

#define DS_MAX_COMPOSITE 64

static void recs_free(ds_senml_rec_t *recs, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        free(recs[k].path);
        free(recs[k].s);
    }
}

/* One PATH or PATH=VALUE word as a record; the path gets a leading '/'. */
static int composite_rec(ds_t *ds, char *word, bool quoted, bool write,
                         ds_senml_rec_t *rec)
{
    char *eq = strchr(word, '=');
    memset(rec, 0, sizeof(*rec));
    if (write != (eq != NULL)) {
        return fail(ds, write ? "'%s' is not PATH=VALUE" : "'%s' is no path",
                    word);
    }
    if (eq) {
        *eq = '\0';
        ds_senml_value(rec, eq + 1, quoted);
    }
    const char *path = word + strspn(word, "/");
    rec->path = ds_xmalloc(strlen(path) + 2);
    rec->path[0] = '/';
    strcpy(rec->path + 1, path);
    return 0;
}

/* The words after EP FORMAT; count in *n. */
static int composite_recs(ds_t *ds, const char *p, bool write,
                          ds_senml_rec_t *recs, size_t *n)
{
    bool quoted;
    bool bad;
    char *word;
    *n = 0;
    while ((word = ds_next_word(&p, &quoted, &bad)) != NULL) {
        int rc = *n == DS_MAX_COMPOSITE
                     ? fail(ds, "more than %d paths", DS_MAX_COMPOSITE)
                     : composite_rec(ds, word, quoted, write, &recs[*n]);
        free(word);
        if (rc < 0) {
            return -1;
        }
        (*n)++;
    }
    if (bad || *n == 0) {
        return fail(ds, bad ? "unbalanced quote" : "no path given");
    }
    return 0;
}

/* FORMAT of a composite command: Write-Composite carries values, so only
 * the SenML formats here (LwM2M Core 1.1 §7.4.4-5). */
static int composite_format(ds_t *ds, const char *fmt, bool write, int *ct)
{
    if (format_arg(ds, fmt, ct) < 0) {
        return -1;
    }
    if (write && *ct != 110 && *ct != 112) {
        return fail(ds, "write-composite needs senml-json or senml-cbor");
    }
    return 0;
}

/* read-composite EP FORMAT PATH... is a FETCH of the root with a SenML
 * path list, Accept FORMAT (the list is in FORMAT when it is SenML JSON or
 * CBOR, else in SenML CBOR); write-composite EP FORMAT PATH=VALUE... an
 * iPATCH with a SenML pack (Transport 1.1 §6.4.4, Core 1.1 §6.3.8 and
 * §6.3.9, §7.4.4-5). Raw commands: quotes around a VALUE make it a
 * string. */
static int composite(ds_t *ds, const char *rest, bool write)
{
    static const char *const usage[] = {
        "read-composite EP FORMAT PATH [PATH...]",
        "write-composite EP FORMAT PATH=VALUE [PATH=VALUE...]"};
    bool quoted;
    bool bad;
    char *ep = ds_next_word(&rest, &quoted, &bad);
    char *fmt = ep ? ds_next_word(&rest, &quoted, &bad) : NULL;
    ds_senml_rec_t recs[DS_MAX_COMPOSITE];
    size_t n = 0;
    int ct = DS_CT_NONE;
    int rc = -1;
    ds_request_spec_t spec;
    spec_init(&spec, write ? COAP_REQUEST_CODE_IPATCH : COAP_REQUEST_CODE_FETCH,
              "");
    if (!fmt) {
        fail(ds, "usage: %s", usage[write]);
    } else if (composite_format(ds, fmt, write, &ct) == 0 &&
               composite_recs(ds, rest, write, recs, &n) == 0) {
        spec.content_type = ct == 110 || ct == 112 ? ct : 112;
        spec.accept = write ? DS_CT_NONE : ct;
        ds_senml_encode(spec.content_type, recs, n, &spec.payload,
                        &spec.payload_len);
        rc = start_request(ds, ep, &spec);
    }
    if (rc < 0 && spec.path) {
        ds_request_spec_free(&spec);
    }
    recs_free(recs, n);
    free(ep);
    free(fmt);
    return rc;
}

static int cmd_read_composite(ds_t *ds, int argc, char **argv, const char *rest)
{
    (void)argc;
    (void)argv;
    return composite(ds, rest, false);
}

static int cmd_write_composite(ds_t *ds, int argc, char **argv,
                               const char *rest)
{
    (void)argc;
    (void)argv;
    return composite(ds, rest, true);
}

static int cmd_expect_payload(ds_t *ds, int argc, char **argv, const char *rest)
{
    (void)argc;
    (void)argv;
    char *want = unquote(rest);
    bool found = ds->last_output && strstr(ds->last_output, want);
    int rc =
        found ? 0 : fail(ds, "the last output does not contain \"%s\"", want);
    free(want);
    return rc;
}

static int cmd_decode(ds_t *ds, int argc, char **argv, const char *rest)
{
    (void)argc;
    (void)rest;
    int ct;
    if (format_arg(ds, argv[1], &ct) < 0) {
        return -1;
    }
    size_t len = strlen(argv[2]) / 2 + 1;
    uint8_t *buf = ds_xmalloc(len);
    if (ds_hex_decode(argv[2], buf, len, &len) < 0) {
        free(buf);
        return fail(ds, "bad hex payload");
    }
    char *out = ds_render_payload(ct, buf, len, argc > 3 ? argv[3] : NULL);
    free(buf);
    fputs(out, stdout);
    ds_set_last(ds, ds->last_code, out);
    return 0;
}

static int cmd_echo(ds_t *ds, int argc, char **argv, const char *rest)
{
    (void)ds;
    (void)argc;
    (void)argv;
    char *text = unquote(rest);
    printf("%s\n", text);
    free(text);
    return 0;
}

static int cmd_quit(ds_t *ds, int argc, char **argv, const char *rest)
{
    (void)rest;
    ds->quit = true;
    ds->exit_status = argc > 1 ? atoi(argv[1]) : 0;
    return 0;
}

static int cmd_help(ds_t *ds, int argc, char **argv, const char *rest);

static const cmd_t commands[] = {
    {.name = "read",
     .min_args = 2,
     .max_args = 3,
     .fn = cmd_read,
     .usage = "read EP PATH [FORMAT]"},
    {.name = "write",
     .min_args = 3,
     .max_args = 6,
     .fn = cmd_write,
     .usage = "write EP PATH VALUE [FORMAT] | --tlv HEX | --opaque HEX | "
              "--hex FORMAT HEX | --file FILE [FORMAT]  [--partial]"},
    {.name = "exec",
     .min_args = 2,
     .max_args = 3,
     .fn = cmd_exec,
     .usage = "exec EP PATH [ARGS]"},
    {.name = "discover",
     .min_args = 2,
     .max_args = 2,
     .fn = cmd_discover,
     .usage = "discover EP PATH"},
    {.name = "observe",
     .min_args = 2,
     .max_args = 3,
     .fn = cmd_observe,
     .usage = "observe EP PATH [FORMAT]"},
    {.name = "cancel",
     .min_args = 2,
     .max_args = 2,
     .fn = cmd_cancel,
     .usage = "cancel EP PATH"},
    {.name = "write-attr",
     .min_args = 3,
     .max_args = 3,
     .fn = cmd_write_attr,
     .usage = "write-attr EP PATH pmin=N&pmax=N"},
    {.name = "read-composite",
     .min_args = 3,
     .max_args = DS_MAX_ARGS,
     .fn = cmd_read_composite,
     .usage = "read-composite EP FORMAT PATH [PATH...]",
     .raw = true},
    {.name = "write-composite",
     .min_args = 3,
     .max_args = DS_MAX_ARGS,
     .fn = cmd_write_composite,
     .usage = "write-composite EP FORMAT PATH=VALUE [PATH=VALUE...]",
     .raw = true},
    {.name = "create",
     .min_args = 3,
     .max_args = 5,
     .fn = cmd_create,
     .usage = "create EP PATH VALUE [FORMAT] | --tlv HEX | --file FILE"},
    {.name = "delete",
     .min_args = 2,
     .max_args = 2,
     .fn = cmd_delete,
     .usage = "delete EP PATH"},
    {.name = "list",
     .min_args = 0,
     .max_args = 0,
     .fn = cmd_list,
     .usage = "list"},
    {.name = "wait-registered",
     .min_args = 1,
     .max_args = 2,
     .fn = cmd_wait_client,
     .usage = "wait-registered EP [SECONDS]"},
    {.name = "wait-deregistered",
     .min_args = 1,
     .max_args = 2,
     .fn = cmd_wait_client,
     .usage = "wait-deregistered EP [SECONDS]"},
    {.name = "wait-updated",
     .min_args = 1,
     .max_args = 2,
     .fn = cmd_wait_client,
     .usage = "wait-updated EP [SECONDS]"},
    {.name = "wait-notify",
     .min_args = 2,
     .max_args = 3,
     .fn = cmd_wait_notify,
     .usage = "wait-notify EP PATH [SECONDS]"},
    {.name = "sleep",
     .min_args = 1,
     .max_args = 1,
     .fn = cmd_sleep,
     .usage = "sleep SECONDS"},
    {.name = "expect",
     .min_args = 1,
     .max_args = 1,
     .fn = cmd_expect,
     .usage = "expect CODE"},
    {.name = "expect-payload",
     .min_args = 1,
     .max_args = DS_MAX_ARGS,
     .fn = cmd_expect_payload,
     .usage = "expect-payload SUBSTRING",
     .raw = true},
    {.name = "decode",
     .min_args = 2,
     .max_args = 3,
     .fn = cmd_decode,
     .usage = "decode FORMAT HEX [PATH]"},
    {.name = "echo",
     .min_args = 0,
     .max_args = DS_MAX_ARGS,
     .fn = cmd_echo,
     .usage = "echo TEXT",
     .raw = true},
    {.name = "help",
     .min_args = 0,
     .max_args = 0,
     .fn = cmd_help,
     .usage = "help"},
    {.name = "quit",
     .min_args = 0,
     .max_args = 1,
     .fn = cmd_quit,
     .usage = "quit [STATUS]"},
};

static int cmd_help(ds_t *ds, int argc, char **argv, const char *rest)
{
    (void)ds;
    (void)argc;
    (void)argv;
    (void)rest;
    puts("commands (FORMAT: text tlv opaque json senml-json senml-cbor "
         "lwm2m-cbor link cbor or a number):");
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        printf("  %s\n", commands[i].usage);
    }
    return 0;
}

/* Everything after the command word, trimmed. */
static const char *rest_of(const char *line)
{
    line += strspn(line, " \t");
    line += strcspn(line, " \t");
    return line + strspn(line, " \t");
}

static const cmd_t *find_command(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strlen(commands[i].name) == len &&
            memcmp(commands[i].name, name, len) == 0) {
            return &commands[i];
        }
    }
    return NULL;
}

static void run_line(ds_t *ds, const char *line)
{
    size_t wlen = strcspn(line, " \t");
    const cmd_t *cmd = find_command(line, wlen);
    const char *rest = rest_of(line);
    if (!cmd) {
        fail(ds, "unknown command '%.*s' (try help)", (int)wlen, line);
        return;
    }
    if (cmd->raw) {
        if (cmd->min_args > 0 && !*rest) {
            fail(ds, "usage: %s", cmd->usage);
        } else {
            cmd->fn(ds, 0, NULL, rest);
        }
        return;
    }
    char *buf = ds_xmalloc(strlen(line) + 1);
    char *argv[DS_MAX_ARGS];
    int argc = ds_split_words(line, buf, argv, DS_MAX_ARGS);
    if (argc < 0) {
        fail(ds, "cannot parse '%s' (quotes or too many words)", line);
    } else if (argc - 1 < cmd->min_args || argc - 1 > cmd->max_args) {
        fail(ds, "usage: %s", cmd->usage);
    } else {
        cmd->fn(ds, argc, argv, rest);
    }
    free(buf);
}

void ds_queue_line(ds_t *ds, const char *text, bool from_script)
{
    text += strspn(text, " \t\r\n");
    size_t n = strlen(text);
    while (n > 0 && strchr(" \t\r\n", text[n - 1])) {
        n--;
    }
    if (n == 0 || text[0] == '#') {
        return;
    }
    ds_line_t *l = ds_xmalloc(sizeof(*l));
    l->next = NULL;
    l->text = ds_strndup(text, n);
    l->from_script = from_script;
    if (ds->queue_tail) {
        ds->queue_tail->next = l;
    } else {
        ds->queue_head = l;
    }
    ds->queue_tail = l;
}

/* True when the current wait is over (satisfied, failed or timed out). */
static bool wait_done(ds_t *ds, int64_t now_ms)
{
    ds_wait_t *w = &ds->wait;
    ds_client_t *c = w->ep ? ds_client_find(ds, w->ep) : NULL;
    ds_observation_t *o = NULL;
    switch (w->kind) {
    case DS_WAIT_RESPONSE:
        if (ds->req.active && now_ms >= w->deadline_ms) {
            ds_request_timeout(ds);
        }
        return !ds->req.active;
    case DS_WAIT_REGISTERED:
        if (c) {
            return true;
        }
        break;
    case DS_WAIT_DEREGISTERED:
        if (!c) {
            return true;
        }
        break;
    case DS_WAIT_UPDATED:
        if (c && c->update_seq > w->since) {
            return true;
        }
        break;
    case DS_WAIT_NOTIFY:
        o = ds_observation_find(ds, w->ep, w->path);
        if (!o) {
            fail(ds, "%s: the observation of /%s ended", w->what, w->path);
            return true;
        }
        if (o->count > w->since) {
            ds_set_last(ds, o->last_code, ds_strdup(o->last_output));
            return true;
        }
        break;
    case DS_WAIT_SLEEP:
        return now_ms >= w->deadline_ms;
    default:
        return true;
    }
    if (now_ms >= w->deadline_ms) {
        fail(ds, "%s %s: timed out", w->what, w->ep);
        return true;
    }
    return false;
}

void ds_commands_step(ds_t *ds, int64_t now_ms)
{
    while (!ds->quit) {
        if (ds->wait.kind != DS_WAIT_NONE) {
            if (!wait_done(ds, now_ms)) {
                return;
            }
            wait_clear(ds);
            fflush(stdout);
            continue;
        }
        ds_line_t *l = ds->queue_head;
        if (!l) {
            return;
        }
        ds->queue_head = l->next;
        if (!ds->queue_head) {
            ds->queue_tail = NULL;
        }
        ds->line_is_script = l->from_script;
        if (l->from_script) {
            size_t n = strlen(l->text);
            printf("> %.*s%s\n", n > 120 ? 120 : (int)n, l->text,
                   n > 120 ? "..." : "");
        }
        run_line(ds, l->text);
        free(l->text);
        free(l);
        fflush(stdout);
    }
}

int64_t ds_commands_next_deadline(const ds_t *ds)
{
    if (ds->wait.kind == DS_WAIT_NONE) {
        return -1;
    }
    int64_t left = ds->wait.deadline_ms - ds_now_ms();
    return left > 0 ? left : 0;
}

bool ds_commands_idle(const ds_t *ds)
{
    return ds->wait.kind == DS_WAIT_NONE && !ds->queue_head;
}

void ds_commands_free(ds_t *ds)
{
    wait_clear(ds);
    while (ds->queue_head) {
        ds_line_t *l = ds->queue_head;
        ds->queue_head = l->next;
        free(l->text);
        free(l);
    }
    ds->queue_tail = NULL;
    free(ds->last_output);
    ds->last_output = NULL;
}
