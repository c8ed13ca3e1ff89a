#!/usr/bin/env bash
# Copyright 2026 The lwc Authors
# SPDX-License-Identifier: Apache-2.0
#
# The server restarts and loses every DTLS session while the client is
# registered over DTLS-PSK. The restarted server silently drops records of
# the old session (OpenSSL, RFC 6347 §4.1.2.7) and cannot reach the client
# either (no session), so the client learns it only from its next Update:
# it gets no answer within the CoAP retransmission cycle (RFC 7252 §4.2,
# MAX_TRANSMIT_WAIT), the client reports the failed Update, closes the
# transport, performs a new full handshake (offering the old session is
# refused by the server) and registers again (LwM2M 1.1 Core §6.2.2).
#
# How long that takes is set by the lifetime (the Update is due at half of
# a short lifetime) and by the CoAP transmission parameters: with the
# defaults (ACK_TIMEOUT 2 s, MAX_RETRANSMIT 4) the Update times out after
# 62 to 93 s; lwc-client-it is built with ACK_TIMEOUT 1 s and
# MAX_RETRANSMIT 2 (tests/dtls/it_config.h), 7 to 10.5 s. The third
# argument bounds the time from the restart to the new registration
# (default 40 s, for lwc-client-it; about 120 s for a default build).
# Usage: test_dtls_restart.sh <lwc-devserver> <lwc-client> [SECONDS]
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../dtls/it_lib.sh"

SERVER=${1:?usage: $0 LWC_DEVSERVER LWC_CLIENT [SECONDS]}
CLIENT=${2:?usage: $0 LWC_DEVSERVER LWC_CLIENT [SECONDS]}
LIMIT=${3:-40}
need "$SERVER"
need "$CLIENT"
EP=lwc-restart-$$
KEY=$(hex_of "restart-$$")
LIFETIME=20

start_devserver before --psk-identity "$EP" --psk-key "$KEY" --stay </dev/null
start_client client -n "$EP" -u "coaps://127.0.0.1:$DTLS_PORT" -l "$LIFETIME" \
    --psk-identity "$EP" --psk-key "$KEY" --retry-timer 1
wait_until 15 file_has "$WORK/before.log" "REGISTERED ep=$EP" ||
    fail "no registration with the first server"
echo "ok: registered over DTLS-PSK (lifetime $LIFETIME s)"

# Restart: the new process listens on the same ports, without sessions.
kill -9 "$SPID"
wait "$SPID" 2>/dev/null
read -r RESTART _ </proc/uptime
start_devserver after --psk-identity "$EP" --psk-key "$KEY" --stay </dev/null
echo "ok: server restarted on the same ports ($COAP_PORT, $DTLS_PORT)"

reregistered() { file_has "$WORK/after.log" "REGISTERED ep=$EP"; }
wait_until "$LIMIT" reregistered ||
    fail "not registered again within $LIMIT s of the restart"
read -r DONE _ </proc/uptime
sleep 0.3
# The way there: the Update timed out, then a new full handshake.
grep -q 'Update sent' "$WORK/client.log" || fail "no Update was sent"
grep -Eq 'registration failed \(server 1\): timed out' "$WORK/client.log" ||
    fail "the client did not report the failed Update"
[ "$(grep -c 'handshake done (full' "$WORK/client.log")" = 2 ] ||
    fail "expected two full handshakes, got: $(grep 'handshake done' "$WORK/client.log")"
[ "$(grep -c 'registered to server 1' "$WORK/client.log")" = 2 ] ||
    fail "the client did not report the second registration"
echo "ok: Update timed out, new full handshake, registered again" \
    "$(awk -v a="$RESTART" -v b="$DONE" 'BEGIN { printf "%.1f", b - a }') s after the restart"

stop_client
wait_until 10 file_has "$WORK/after.log" "DEREGISTERED ep=$EP" ||
    fail "no De-register with the restarted server"
no_sanitizer_report "$WORK/client.log"
echo "ok: De-register with the restarted server, client exited 0"
echo "1 passed, 0 failed"
