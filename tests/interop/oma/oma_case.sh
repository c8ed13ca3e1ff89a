#!/usr/bin/env bash
# Copyright 2026 The lwc Authors
# SPDX-License-Identifier: Apache-2.0
#
# Runs one OMA LwM2M 1.1 interoperability test case
# (OMA-ETS-LightweightM2M_INT, cases LightweightM2M-1.1-int-NNN) with the
# example client as the device under test and the development server as
# the LwM2M Server, over UDP on loopback. The case's steps and pass
# criteria are the devserver script int-NNN.script next to this file (see
# docs/interop-oma.md). Header lines of a case file:
#   #! skip: WHY          the case cannot run yet: exit 77 with WHY
#   #! partial: WHY       run the steps that can run; if they pass, exit 77
#                         with WHY (the steps that cannot run yet)
#   #! check: REGEX       after the script, the server's output must match
#   #! check-count N REGEX  ... exactly N lines must match
#   #! reboot             restart the client (same endpoint) when it reports
#                         a Reboot (3/0/4), as a power cycle would
# @EP@ in a case file stands for the endpoint name.
# Usage: oma_case.sh <lwc-devserver> <lwc-client> <case number, e.g. 201>
. "$(dirname "$0")/../../integration/lib.sh"

SERVER=${1:?usage: $0 LWC_DEVSERVER LWC_CLIENT CASE}
CLIENT=${2:?usage: $0 LWC_DEVSERVER LWC_CLIENT CASE}
CASE=${3:?usage: $0 LWC_DEVSERVER LWC_CLIENT CASE}
FILE=$(dirname "$0")/int-$CASE.script
[ -f "$FILE" ] || fail "no case file $FILE"
EP=lwc-oma-$CASE-$$
NAME="LightweightM2M-1.1-int-$CASE"

header() { sed -n "s/^#! $1: *//p" "$FILE"; }

why=$(header skip)
if [ -n "$why" ]; then
    echo "SKIP $NAME: $why"
    exit 77
fi

{
    echo "wait-registered $EP 10"
    grep -v '^#' "$FILE" | sed "s/@EP@/$EP/g"
    echo "echo OMA-CASE-DONE"
    echo "wait-deregistered $EP 15"
} >"$WORK/script"

"$SERVER" --listen 127.0.0.1 --port 0 --quiet --timeout 10 \
    --script "$WORK/script" >"$WORK/server.log" 2>&1 &
SPID=$!
PIDS+=("$SPID")
wait_until 5 file_has "$WORK/server.log" '^LISTENING' || fail "devserver did not start"
PORT=$(sed -n 's/^LISTENING coap:\/\/.*:\([0-9]*\)$/\1/p' "$WORK/server.log" | head -1)
[ -n "$PORT" ] || fail "no port in the LISTENING line"

start_client() {
    "$CLIENT" -n "$EP" -u "coap://127.0.0.1:$PORT" -l 300 >>"$WORK/client.log" 2>&1 &
    CPID=$!
    PIDS+=("$CPID")
}
start_client

if grep -q '^#! reboot' "$FILE"; then
    # A reboot is a power cycle: no De-register, then a new Register.
    wait_until 30 file_has "$WORK/client.log" 'reboot requested' ||
        fail "the client did not report the Reboot"
    kill -9 "$CPID"
    wait "$CPID" 2>/dev/null
    echo "(client rebooted by the harness)"
    start_client
fi

wait_until 60 file_has "$WORK/server.log" 'OMA-CASE-DONE|FAIL:' ||
    fail "the devserver script did not finish"
file_has "$WORK/server.log" 'FAIL:' && fail "$NAME: $(grep 'FAIL:' "$WORK/server.log")"
# The client de-registers on SIGINT; the server's script then ends.
kill -INT "$CPID" 2>/dev/null
wait_until 10 bash -c "! kill -0 $CPID" || fail "client did not stop after SIGINT"
wait "$SPID"
rc=$?
[ "$rc" = 0 ] || fail "devserver exit status $rc"

while IFS= read -r re; do
    [ -n "$re" ] || continue
    re=${re//@EP@/$EP}
    file_has "$WORK/server.log" "$re" || fail "$NAME: no server output matches '$re'"
done < <(header check)
while read -r n re; do
    [ -n "$n" ] || continue
    re=${re//@EP@/$EP}
    got=$(grep -Ec -- "$re" "$WORK/server.log")
    [ "$got" = "$n" ] || fail "$NAME: $got lines match '$re', expected $n"
done < <(header check-count)

if [ "${VERBOSE:-0}" = 1 ]; then cat "$WORK/server.log"; fi
why=$(header partial)
if [ -n "$why" ]; then
    echo "ok: the steps that can run passed"
    echo "SKIP $NAME (partly): $why"
    exit 77
fi
echo "ok: $NAME passed"
