#!/usr/bin/env bash
# Copyright 2026 The lwc Authors
# SPDX-License-Identifier: Apache-2.0
#
# The demo: builds lwc, starts the development server on 127.0.0.1, runs the
# example client against it, and manages the client from the server:
# registration, reads (TLV decoded, text), a write, execute, the example's
# IPSO Temperature sensor (3303: read, Reset Min/Max), then SIGINT to the
# client, which de-registers. Server lines are prefixed "server |",
# client lines "client |".
#   scripts/demo.sh            (BUILD_DIR selects the build directory)
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh --minimal
BUILD_DIR=${BUILD_DIR:-build}
echo "Building lwc (this takes a few seconds)..."
cmake -S . -B "$BUILD_DIR" -DLWC_WERROR=ON >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)" --target lwc-devserver lwc-client >/dev/null

WORK=$(mktemp -d /tmp/lwc-demo.XXXXXX)
SPID=""
CPID=""
cleanup() {
    [ -n "$CPID" ] && kill "$CPID" 2>/dev/null
    [ -n "$SPID" ] && kill "$SPID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

EP=lwc-demo
cat >"$WORK/script" <<SCRIPT
echo --- waiting for the device to register
wait-registered $EP 15
echo --- Read the Device object /3/0 (TLV, decoded)
read $EP /3/0 tlv
echo --- Read single resources as text: manufacturer /3/0/0, lifetime /1/0/1
read $EP /3/0/0
read $EP /1/0/1
echo --- Write the lifetime /1/0/1 = 120: the device sends an Update
write $EP /1/0/1 120
wait-updated $EP 10
echo --- Execute Reboot /3/0/4
exec $EP /3/0/4
echo --- The simulated temperature /3303/0/5700 climbs 0.1 Cel per second: wait 2 s
sleep 2
echo --- Read the temperature sensor /3303/0 (SenML JSON): value 5700, min/max 5601/5602
read $EP /3303/0 senml-json
echo --- Execute Reset Min and Max /3303/0/5605, then read 5601, 5602, 5700 in one Read-Composite
exec $EP /3303/0/5605
read-composite $EP senml-json /3303/0/5601 /3303/0/5602 /3303/0/5700
echo --- Errors: read an executable (4.05), an absent object (4.04)
read $EP /3/0/4
read $EP /5/0
echo --- Stopping the device with SIGINT: it de-registers
echo DEMO-STOP-CLIENT
wait-deregistered $EP 15
SCRIPT

"$BUILD_DIR/tools/lwc-devserver" --port 0 --quiet --script "$WORK/script" \
    > >(tee "$WORK/server.log" | sed -u 's/^/server | /') 2>&1 &
SPID=$!
for _ in $(seq 1 50); do
    grep -q '^LISTENING' "$WORK/server.log" 2>/dev/null && break
    sleep 0.1
done
PORT=$(sed -n 's/^LISTENING coap:\/\/.*:\([0-9]*\)$/\1/p' "$WORK/server.log" | head -1)
[ -n "$PORT" ] || { echo "the development server did not start"; exit 1; }

"$BUILD_DIR/examples/client/lwc-client" -n "$EP" -u "coap://127.0.0.1:$PORT" -l 300 \
    > >(sed -u 's/^/client | /') 2>&1 &
CPID=$!

for _ in $(seq 1 300); do
    grep -q 'DEMO-STOP-CLIENT' "$WORK/server.log" && break
    grep -q 'FAIL:' "$WORK/server.log" && break
    sleep 0.1
done
kill -INT "$CPID" 2>/dev/null || true
wait "$CPID" || true
CPID=""
status=0
wait "$SPID" || status=$?
SPID=""
sleep 0.2
echo
if [ "$status" = 0 ]; then
    echo "Demo finished: the device registered, was read, written and executed, and de-registered."
else
    echo "Demo failed (development server exit status $status)."
fi
exit "$status"
