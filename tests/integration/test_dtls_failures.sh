#!/usr/bin/env bash
# Copyright 2026 The lwc Authors
# SPDX-License-Identifier: Apache-2.0
#
# DTLS handshakes that must fail, against the development server (OpenSSL
# through libcoap): each time the client prints why, retries on the
# Communication Retry schedule of the Server object (LwM2M 1.1 Core
# §6.2.1.1: Retry Timer * 2^(n-1) between attempts, then the sequence
# fails), and exits 0 on SIGINT, with no crash (and no leak or undefined
# behaviour in a sanitizer build).
#   1. unknown PSK identity: the server sends the fatal alert 115;
#   2. wrong PSK key: the server drops our Finished, the handshake times out
#      (retransmission timers shortened with --hs-timeout);
#   3. untrusted server certificate (Certificate Usage 2 with another CA as
#      trust anchor): the client rejects the server;
#   4. client certificate from a CA the server does not accept: the server
#      rejects the client.
# 3 and 4 need a client that can store certificates (lwc-client-it, 3rd
# argument); without it they are skipped.
# Usage: test_dtls_failures.sh <lwc-devserver> <lwc-client> [<lwc-client-it>]
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../dtls/it_lib.sh"

SERVER=${1:?usage: $0 LWC_DEVSERVER LWC_CLIENT [LWC_CLIENT_IT]}
PSK_CLIENT=${2:?usage: $0 LWC_DEVSERVER LWC_CLIENT [LWC_CLIENT_IT]}
CERT_CLIENT=${3:-}
need "$SERVER"
need "$PSK_CLIENT"
ID=lwc-fail-$$
KEY=$(hex_of "right-key-$$")

# expect_failures NAME COUNT REASON: the client printed COUNT failures
# with REASON, then gave up the server (sequence retry count 1); the
# failure times are left in $FAILS.
expect_failures() {
    local name=$1 count=$2 reason=$3
    gave_up() { file_has "$WORK/$name.log" 'gave up on server 1'; }
    wait_until 40 gave_up || fail "$name: the client did not give up after $count attempts"
    FAILS=$(times_of "$WORK/$name.log" 'registration failed \(server 1\)')
    [ "$(echo "$FAILS" | wc -l)" = "$count" ] ||
        fail "$name: $(echo "$FAILS" | wc -l) failed attempts, expected $count"
    grep 'registration failed (server 1)' "$WORK/$name.log" | grep -vqF -- "$reason" &&
        fail "$name: a failure without the reason '$reason'"
    file_has "$WORK/$name.log" 'registered to server' && fail "$name: registered"
    stop_client
    no_sanitizer_report "$WORK/$name.log"
    echo "ok: $name: $count attempts, each printed as" \
        "'$(grep -o 'registration failed (server 1).*' "$WORK/$name.log" | head -1)'"
}

# Retry Timer 1 s: attempts at 0, 1 and 3 s (Core §6.2.1.1), then give up.
# The gaps are checked from time stamps taken as the client's lines are
# read (0.01 s resolution, possibly late under load): 0.9..1.9 s for the
# 1 s wait, 1.9..2.9 s for the 2 s one.
RETRY=(--retry-timer 1 --retry-count 3 --seq-retry 1)

start_devserver server --psk-identity "$ID" --psk-key "$KEY" --stay </dev/null
CLIENT=$PSK_CLIENT

# 1. Unknown identity.
start_client wrong-id -n "$ID" -u "coaps://127.0.0.1:$DTLS_PORT" \
    --psk-identity "intruder-$$" --psk-key "$KEY" "${RETRY[@]}"
expect_failures wrong-id 3 \
    'handshake failed: server sent fatal alert 115 (unknown_psk_identity)'
check_spacing "$FAILS" 0.9 1.9 1.9 2.9
echo "ok: wrong-id: retries 1 s and 2 s apart"
file_has "$WORK/server.log" "REJECTED dtls: unknown PSK identity 'intruder-$$'" ||
    fail "wrong-id: the server did not report the unknown identity"

# 2. Wrong key: each handshake waits at least 0.5 + 1 + 2 s for the
# server's Finished (longer when the server's retransmissions of its own
# flight restart our timer), so attempts are 1 s + 3.5..8 s apart.
start_client wrong-key -n "$ID" -u "coaps://127.0.0.1:$DTLS_PORT" \
    --psk-identity "$ID" --psk-key "$(hex_of "wrong-key-$$")" \
    --hs-timeout 500,2000 --retry-timer 1 --retry-count 2 --seq-retry 1
expect_failures wrong-key 2 'timed out: no answer to our Finished (wrong PSK key?)'
check_spacing "$FAILS" 4.4 9.5
echo "ok: wrong-key: retry 1 s after the handshake timed out"
kill "$SPID"
wait "$SPID" 2>/dev/null

if [ -z "$CERT_CLIENT" ]; then
    echo "note: certificate cases skipped (no client that stores certificates)"
    echo "1 passed, 0 failed"
    exit 0
fi
need "$CERT_CLIENT"
CLIENT=$CERT_CLIENT
PKI=$WORK/pki
make_pki "$PKI"
DTLS_PORT=0 COAP_PORT=0
start_devserver cert-server --cert "$PKI/srv.pem" --key "$PKI/srv.key" \
    --ca "$PKI/ca.pem" --stay </dev/null

# 3. The server's certificate does not chain to the trust anchor (0/x/4).
start_client untrusted -n "$ID" -u "coaps://127.0.0.1:$DTLS_PORT" \
    --cert "$PKI/cli.pem" --key "$PKI/cli.key" --server-cert "$PKI/ca2.pem" \
    --cert-usage 2 --sni lwm2m.test "${RETRY[@]}"
sleep 0.5
skip_if_keys_too_small "$WORK/untrusted.log"
expect_failures untrusted 3 \
    'handshake failed: server certificate not trusted (unknown CA or not the pinned certificate)'
check_spacing "$FAILS" 0.9 1.9 1.9 2.9
echo "ok: untrusted: retries 1 s and 2 s apart"

# 4. Our certificate is from a CA the server does not accept: it aborts
# the handshake with a fatal alert.
start_client refused -n "$ID" -u "coaps://127.0.0.1:$DTLS_PORT" \
    --cert "$PKI/cli2.pem" --key "$PKI/cli2.key" --server-cert "$PKI/srv.pem" \
    "${RETRY[@]}"
expect_failures refused 3 'handshake failed: server sent fatal alert'
check_spacing "$FAILS" 0.9 1.9 1.9 2.9
echo "ok: refused: retries 1 s and 2 s apart"
echo "1 passed, 0 failed"
