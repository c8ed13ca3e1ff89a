#!/usr/bin/env bash
# Copyright 2026 The lwc Authors
# SPDX-License-Identifier: Apache-2.0
#
# Session resumption with an independent DTLS server: the client is
# registered over DTLS-PSK with the development server (OpenSSL) through a
# relay; the relay then loses the client's Update and its retransmissions
# (an outage, or a NAT binding that expired during a quiet period), so the
# Update times out and the client reconnects. The server still knows the
# session, and the client resumes it with an abbreviated handshake (RFC
# 5246 §7.3: no key exchange), then registers again (LwM2M 1.1 Core
# §6.2.2).
#
# The Update is due at half the lifetime (10 s); with lwc-client-it's CoAP
# parameters (tests/dtls/it_config.h) it times out 7 to 10.5 s later. The
# third argument bounds the whole wait (default 40 s; about 120 s for a
# client built with the default CoAP parameters).
# Usage: test_dtls_resume.sh <lwc-devserver> <lwc-client> [SECONDS]
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../dtls/it_lib.sh"

SERVER=${1:?usage: $0 LWC_DEVSERVER LWC_CLIENT [SECONDS]}
CLIENT=${2:?usage: $0 LWC_DEVSERVER LWC_CLIENT [SECONDS]}
LIMIT=${3:-40}
need "$SERVER"
need "$CLIENT"
need python3
EP=lwc-resume-$$
KEY=$(hex_of "resume-$$")

start_devserver server --psk-identity "$EP" --psk-key "$KEY" --stay </dev/null
# Client datagrams: 0 ClientHello, 1 ClientHello with cookie, 2 the final
# flight, 3 Register; then 4..7 (the Update, its two retransmissions and
# the close_notify) are lost.
python3 "$DTLS_DIR/udp_relay.py" --server-port "$DTLS_PORT" \
    --log "$WORK/relay.log" --c2s "....DDDD" --seconds $((LIMIT + 20)) \
    >"$WORK/relay.out" 2>&1 &
PIDS+=($!)
wait_until 5 file_has "$WORK/relay.out" '^RELAY ' || fail "relay did not start"
RPORT=$(awk '/^RELAY/ { print $2 }' "$WORK/relay.out")

start_client client -n "$EP" -u "coaps://127.0.0.1:$RPORT" -l 20 \
    --psk-identity "$EP" --psk-key "$KEY" --retry-timer 1
wait_until 15 file_has "$WORK/server.log" "REGISTERED ep=$EP" ||
    fail "no registration"
echo "ok: registered over DTLS-PSK through the relay"

twice() { [ "$(grep -c "REGISTERED ep=$EP" "$WORK/server.log")" -ge 2 ]; }
wait_until "$LIMIT" twice || fail "not registered again within $LIMIT s"
sleep 0.3
grep -Eq 'registration failed \(server 1\): timed out' "$WORK/client.log" ||
    fail "the lost Update was not reported"
file_has "$WORK/client.log" 'handshake done \(resumed, TLS-PSK-WITH-AES-128-CCM-8\)' ||
    fail "the session was not resumed: $(grep 'handshake done' "$WORK/client.log" | tail -1)"
# An abbreviated handshake: after the ClientHello the client's only
# handshake flight is ChangeCipherSpec + Finished, with no key exchange
# (handshake type 16, ClientKeyExchange, appears once, in the first).
[ "$(grep -c '^c2s [0-9]* [0-9]* [0-9.]* 16fefd.\{20\}10' "$WORK/relay.log")" -le 1 ] ||
    fail "a second ClientKeyExchange was sent"
echo "ok: the Update was lost, the client resumed the session (abbreviated" \
    "handshake) and registered again"
stop_client
no_sanitizer_report "$WORK/client.log"
echo "1 passed, 0 failed"
