#!/usr/bin/env bash
# Copyright 2026 The lwc Authors
# SPDX-License-Identifier: Apache-2.0
#
# The example client against libcoap's coap-rd-notls, an independent CoRE
# Resource Directory: it must accept Register, Update and De-register.
# Usage: test_coap_rd.sh <path to lwc-client>
. "$(dirname "$0")/lib.sh"

CLIENT=${1:?usage: $0 LWC_CLIENT}
RD=$(command -v coap-rd-notls) || { echo "SKIP: coap-rd-notls not installed"; exit 77; }
LOOKUP=$(command -v coap-client-notls) || { echo "SKIP: coap-client-notls not installed"; exit 77; }
PORT=$(free_udp_port)

"$RD" -A 127.0.0.1 -p "$PORT" -v 7 >"$WORK/rd.log" 2>&1 &
PIDS+=($!)
wait_until 5 file_has "$WORK/rd.log" "." || sleep 0.5

# Registrations are listed as </rd/ID> links in the RD's /.well-known/core.
registered() {
    "$LOOKUP" -B 2 -m get "coap://127.0.0.1:$PORT/.well-known/core" \
        >"$WORK/lookup.out" 2>/dev/null
    grep -q '</rd/' "$WORK/lookup.out"
}

# Lifetime 4 s: the client must send an Update at half of it (2 s).
"$CLIENT" -n lwc-rd-test -u "coap://127.0.0.1:$PORT" -l 4 >"$WORK/client.log" 2>&1 &
CPID=$!
PIDS+=($CPID)

wait_until 10 registered || fail "coap-rd did not list the registration"
echo "ok: coap-rd lists the registration: $(grep -o '</rd/[^>]*>' "$WORK/lookup.out")"
# The Register carried the endpoint name, lifetime, version and binding.
file_has "$WORK/rd.log" 'c:POST.*Uri-Path:rd, Uri-Query:ep=lwc-rd-test, Uri-Query:lt=4, Uri-Query:lwm2m=1.1, Uri-Query:b=U' \
    || fail "Register request not as expected"
echo "ok: Register carried ep, lt, lwm2m and b"

# Update: a POST to the location, answered 2.04 by the RD.
wait_until 10 file_has "$WORK/rd.log" 't:ACK c:2.04' || fail "no Update accepted by coap-rd"
wait_until 5 file_has "$WORK/client.log" 'updated' || fail "client did not report the Update"
echo "ok: Update accepted (2.04)"

kill -INT "$CPID"
wait_until 10 file_has "$WORK/rd.log" 't:ACK c:2.02' || fail "no De-register accepted by coap-rd"
client_gone() { ! kill -0 "$CPID" 2>/dev/null; }
wait_until 10 client_gone || fail "client did not exit after SIGINT"
wait "$CPID"
rc=$?
[ "$rc" = 0 ] || fail "client exit status $rc after SIGINT"
not_registered() { ! registered; }
wait_until 5 not_registered || fail "registration still listed after De-register"
echo "ok: De-register accepted (2.02), client exited 0, registration gone"
echo "1 passed, 0 failed"
