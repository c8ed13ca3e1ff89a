/*
 * Copyright 2026 The lwc Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * lwc-devserver: a development LwM2M server on libcoap3 (docs/devserver.md).
 *
 * One process, one thread: main.c runs a loop that lets libcoap process
 * datagrams, expires registrations, reads commands from stdin or a script
 * and runs them one at a time (commands.c). libcoap calls the handlers of
 * the Registration interface (registry.c) and the response handler of the
 * requests this server sends to clients (requests.c). Payloads are decoded
 * for humans by printer.c. Everything hangs off one ds_t; libcoap reaches
 * it through coap_get_app_data().
 */
#ifndef LWC_DEVSERVER_H
#define LWC_DEVSERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <coap3/coap.h>

#define DS_TOKEN_LEN 8
#define DS_MAX_PSK   16
#define DS_MAX_ARGS  16
/* No Content-Format / Accept option. */
#define DS_CT_NONE (-1)

/* ---- Command-line options (main.c) ---------------------------------- */

typedef struct {
    const char *identity;
    uint8_t key[64];
    size_t key_len;
    coap_bin_const_t key_bin; /* points into key, handed to libcoap */
} ds_psk_t;

typedef struct {
    const char *listen;
    uint16_t port;
    uint16_t dtls_port;
    ds_psk_t psk[DS_MAX_PSK];
    size_t psk_count;
    const char *cert;
    const char *key;
    const char *ca;
    const char *script;
    const char *commands; /* -c */
    bool stay;
    bool quiet;
    bool debug;
    int64_t timeout_ms; /* default wait and request timeout */
} ds_options_t;

/* ---- Registered clients (registry.c) -------------------------------- */

/* One registration: LwM2M Core 1.1 §6.2.1 Register parameters. */
typedef struct ds_client {
    struct ds_client *next;
    char *ep;
    char id[16]; /* location is /rd/<id> */
    uint32_t lifetime_s;
    char *lwm2m;
    char *binding;
    char *objects;           /* link-format payload, NUL-terminated */
    char *root;              /* alternate path from rt="oma.lwm2m", or "" */
    coap_session_t *session; /* referenced while registered */
    int64_t last_update_ms;
    uint64_t update_seq; /* ds_t.event_seq at the last Update */
} ds_client_t;

/* ---- Block-wise transfers (requests.c, registry.c) ------------------- */

/* libcoap runs without COAP_BLOCK_USE_LIBCOAP: version 4.3.1 asks for the
 * next Block2 block of a FETCH without the request payload, which RFC 8132
 * §2.3.2 wants repeated, and its block mode is fixed per session. So this
 * server does RFC 7959 itself. Bounds of one transfer, so that a peer can
 * neither make it loop nor hoard memory: */
#define DS_MAX_BLOCKS   1024u
#define DS_MAX_BODY     (4u * 1024u * 1024u)
#define DS_MAX_RESTARTS 3u /* Block2 restarts after the ETag changed */

/* A Block2 body being put together (RFC 7959 §2.4), the answer to a request
 * or a notification. */
typedef struct {
    bool active;
    uint8_t *data;
    size_t len;
    unsigned szx; /* block size of the next request: 16 << szx bytes */
    unsigned blocks;
    unsigned restarts;
    int ct;               /* Content-Format of the blocks */
    int observe;          /* Observe of the first block, -1 */
    coap_pdu_code_t code; /* of the first block */
    uint8_t etag[8];
    size_t etag_len; /* 0: the blocks carry no ETag */
} ds_body_t;

/* A Block1 request body being received (RFC 7959 §2.5): one per session,
 * method and path. */
typedef struct ds_rx {
    struct ds_rx *next;
    coap_session_t *session; /* referenced */
    char *key;               /* "<method> <path>" */
    uint8_t *data;
    size_t len;
    int64_t last_ms;
} ds_rx_t;

/* ---- Observations and the request in flight (requests.c) ------------ */

typedef struct ds_observation {
    struct ds_observation *next;
    char *ep;
    char *path;
    int accept; /* of the Observe request, repeated for Block2 (§2.6) */
    uint8_t token[DS_TOKEN_LEN];
    bool established;
    uint64_t count; /* notifications received */
    char last_code[16];
    char *last_output;
    uint8_t xfer_token[DS_TOKEN_LEN]; /* GET for the next block, if any */
    ds_body_t body;                   /* a block-wise notification */
} ds_observation_t;

/* What to send. */
typedef struct {
    coap_pdu_code_t method;
    char *path;
    int accept;       /* DS_CT_NONE or a Content-Format number */
    int content_type; /* DS_CT_NONE or a Content-Format number */
    uint8_t *payload;
    size_t payload_len;
    char *query; /* Uri-Query, '&'-separated, or NULL */
    int observe; /* -1: none, 0: register, 1: deregister */
    bool has_token;
    uint8_t token[DS_TOKEN_LEN]; /* used when has_token (cancel) */
} ds_request_spec_t;

typedef struct {
    bool active;
    uint8_t token[DS_TOKEN_LEN]; /* of the first message (observation) */
    uint8_t cur[DS_TOKEN_LEN];   /* of the message in flight */
    char *ep;
    ds_request_spec_t spec;
    size_t b1_off;     /* Block1: payload bytes acknowledged */
    size_t b1_len;     /* payload bytes in flight; 0: no Block1 */
    unsigned b1_szx;   /* Block1 size: 16 << b1_szx bytes */
    unsigned b1_count; /* Block1 messages sent */
    ds_body_t body;    /* a block-wise answer */
} ds_request_t;

/* ---- Command runner (commands.c) ------------------------------------ */

typedef enum {
    DS_WAIT_NONE = 0,
    DS_WAIT_RESPONSE,
    DS_WAIT_REGISTERED,
    DS_WAIT_DEREGISTERED,
    DS_WAIT_UPDATED,
    DS_WAIT_NOTIFY,
    DS_WAIT_SLEEP,
} ds_wait_kind_t;

typedef struct {
    ds_wait_kind_t kind;
    char *ep;
    char *path;
    uint64_t since; /* event or notification counter at the start */
    int64_t deadline_ms;
    char *what; /* the command, for FAIL messages */
} ds_wait_t;

typedef struct ds_line {
    struct ds_line *next;
    char *text;
    bool from_script;
} ds_line_t;

/* ---- The server ----------------------------------------------------- */

typedef struct ds {
    ds_options_t opt;
    coap_context_t *ctx;
    ds_client_t *clients;
    unsigned next_id;
    uint64_t event_seq; /* bumped by every Update */
    ds_observation_t *observations;
    ds_request_t req;
    ds_rx_t *rx; /* Block1 requests being received (registry.c) */
    ds_wait_t wait;
    ds_line_t *queue_head;
    ds_line_t *queue_tail;
    bool script_mode;    /* commands came from --script or -c */
    bool line_is_script; /* the running command came from the script */
    bool stdin_open;
    bool quit;
    int exit_status;
    char last_code[16];
    char *last_output;
} ds_t;

/* ---- main.c ---------------------------------------------------------- */

/* Monotonic milliseconds. */
int64_t ds_now_ms(void);

/* ---- util.c ---------------------------------------------------------- */

/* Duplicate; aborts the tool when out of memory. */
char *ds_strdup(const char *s);
char *ds_strndup(const char *s, size_t n);
void *ds_xmalloc(size_t n);
/* The whole file plus a NUL (not counted in len); NULL when unreadable. */
char *ds_read_file(const char *path, size_t *len);
/* Hex text (even length, any case) to bytes: 0 or -1 when malformed or too
 * long for cap. */
int ds_hex_decode(const char *hex, uint8_t *out, size_t cap, size_t *out_len);
/* Split a command line into words; "double quotes" group words and \" and \\
 * escape inside quotes. Returns the word count or -1 (unbalanced quote, too
 * many words). Words are written into buf (at least strlen(line) + 1). */
int ds_split_words(const char *line, char *buf, char **argv, int max);
/* Format name (text, tlv, ...) or number to a Content-Format; -1 unknown. */
int ds_parse_format(const char *s);
/* Seconds (may be fractional) to milliseconds; -1 when malformed. */
int64_t ds_parse_seconds(const char *s);
/* "2.05" from a CoAP code. buf holds at least 8 bytes. */
void ds_code_str(coap_pdu_code_t code, char *buf, size_t cap);
/* Uri-Path segments of "/3/0/1" (leading slash optional). Fills seg with
 * pointers into buf; returns the count or -1 when a segment is too long. */
int ds_path_segments(const char *path, char *buf, const char **seg, int max);

/* A SenML record of a composite request (RFC 8428, LwM2M Core 1.1 §7.4.4
 * and §7.4.5): a path alone (Read-Composite) or a path with a value
 * (Write-Composite). */
typedef enum {
    DS_SENML_NONE = 0,
    DS_SENML_INT,
    DS_SENML_FLOAT,
    DS_SENML_BOOL,
    DS_SENML_STRING,
} ds_senml_kind_t;

typedef struct {
    char *path; /* "/3/0/0", with the leading slash */
    ds_senml_kind_t kind;
    int64_t i;
    double f;
    bool b;
    char *s;
} ds_senml_rec_t;

/* Type a value typed on the command line: quoted text is a string; true or
 * false a boolean; otherwise an integer, a finite float, or else a
 * string. */
void ds_senml_value(ds_senml_rec_t *rec, const char *text, bool quoted);
/* Encode a pack of n records as SenML JSON (110) or SenML CBOR (112) into a
 * new heap buffer. 0, or -1 for another format. */
int ds_senml_encode(int ct, const ds_senml_rec_t *recs, size_t n, uint8_t **out,
                    size_t *out_len);
/* Next word of a raw command line at *pp into a heap string, like
 * ds_split_words; *quoted tells whether it held a double quote after its
 * first '='. NULL at the end of the line or, with *bad set, at an
 * unbalanced quote. */
char *ds_next_word(const char **pp, bool *quoted, bool *bad);

/* ---- printer.c ------------------------------------------------------- */

/* Write a human-readable rendering of a payload of Content-Format ct
 * (DS_CT_NONE if absent) to f, each line indented by two spaces. path is the
 * request path, used to print full LwM2M paths of TLV entries. */
void ds_print_payload(FILE *f, int ct, const uint8_t *buf, size_t len,
                      const char *path);
/* Render into a new heap string (caller frees). */
char *ds_render_payload(int ct, const uint8_t *buf, size_t len,
                        const char *path);

/* ---- registry.c ------------------------------------------------------ */

/* Install the /rd resources on ctx. 0 or -1. */
int ds_registry_install(ds_t *ds);
ds_client_t *ds_client_find(ds_t *ds, const char *ep);
/* Drop registrations whose lifetime ran out (LwM2M Core 1.1 §6.2.1). */
void ds_registry_expire(ds_t *ds, int64_t now_ms);
/* Print the table. */
void ds_registry_list(ds_t *ds, FILE *f);
void ds_registry_free(ds_t *ds);

/* ---- requests.c ------------------------------------------------------ */

void ds_requests_install(ds_t *ds);
/* Send the request described by spec to client c (spec is moved into the
 * request slot). 0 or -1 after printing why. */
int ds_request_send(ds_t *ds, ds_client_t *c, ds_request_spec_t *spec);
/* The request in flight ran out of time: forget it. */
void ds_request_timeout(ds_t *ds);
void ds_request_spec_free(ds_request_spec_t *spec);
ds_observation_t *ds_observation_find(ds_t *ds, const char *ep,
                                      const char *path);
void ds_observation_remove(ds_t *ds, ds_observation_t *o);
/* Forget every observation of endpoint ep (its registration ended). */
void ds_observations_drop_ep(ds_t *ds, const char *ep);
void ds_requests_free(ds_t *ds);

/* ---- commands.c ------------------------------------------------------ */

/* Queue a command line. */
void ds_queue_line(ds_t *ds, const char *text, bool from_script);
/* Run queued commands until one has to wait or the queue is empty. */
void ds_commands_step(ds_t *ds, int64_t now_ms);
/* Milliseconds until the current wait times out (or -1: nothing waits). */
int64_t ds_commands_next_deadline(const ds_t *ds);
/* True when nothing runs and nothing is queued. */
bool ds_commands_idle(const ds_t *ds);
/* Record the result of the last command's request or wait. Takes output. */
void ds_set_last(ds_t *ds, const char *code, char *output);
void ds_commands_free(ds_t *ds);

#endif /* LWC_DEVSERVER_H */
