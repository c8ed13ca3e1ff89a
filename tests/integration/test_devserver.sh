#!/usr/bin/env bash
# Copyright 2026 The lwc Authors
# SPDX-License-Identifier: Apache-2.0
#
# The example client managed by the development server over real UDP on
# loopback: Register, Read of /3/0 in TLV and of single resources in text,
# Execute of Reboot, the error codes 4.05 / 4.04 / 4.01, the IPSO
# Temperature object (3303) in the registration, Read-Composite (FETCH) and
# Write-Composite (iPATCH) in SenML JSON and CBOR across /1, /3 and /3303, a
# Write of the lifetime followed by an Update carrying lt=, the Registration
# Update Trigger, and De-register after SIGINT.
# Usage: test_devserver.sh <lwc-devserver> <lwc-client> [4|6]
. "$(dirname "$0")/lib.sh"

SERVER=${1:?usage: $0 LWC_DEVSERVER LWC_CLIENT [4|6]}
CLIENT=${2:?usage: $0 LWC_DEVSERVER LWC_CLIENT [4|6]}
FAMILY=${3:-4}
if [ "$FAMILY" = 6 ]; then
    ADDR=::1
    URI_HOST='[::1]'
    python3 -c 'import socket; s=socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); s.bind(("::1", 0))' \
        2>/dev/null || { echo "SKIP: no IPv6 loopback"; exit 77; }
else
    ADDR=127.0.0.1
    URI_HOST=127.0.0.1
fi
EP=lwc-it-$FAMILY-$$

cat >"$WORK/script" <<SCRIPT
wait-registered $EP 10
read $EP /3/0 tlv
expect 2.05
expect-payload /3/0/0 = str="lwc"
read $EP /3/0
expect 2.05
expect-payload /3/0/0 = "lwc"
read $EP /3/0 senml-json
expect 2.05
expect-payload /3/0/1 = "example"
read $EP /3/0/0
expect 2.05
expect-payload lwc
read $EP /1/0/1 text
expect 2.05
expect-payload 300
exec $EP /3/0/4
expect 2.04
read $EP /3/0/4
expect 4.05
write $EP /3/0/0 other
expect 4.05
read $EP /5/0
expect 4.04
read $EP /0/0
expect 4.01
read-composite $EP senml-json /3/0/0 /3303/0/5700
expect 2.05
expect-payload /3/0/0 = "lwc"
expect-payload /3303/0/5700 = 2
read-composite $EP senml-cbor /3/0/0 3303/0/5701
expect 2.05
expect-payload /3303/0/5701 = "Cel"
write-composite $EP senml-json /1/0/1=200 /3303/0/5750="kitchen"
expect 2.04
wait-updated $EP 10
read-composite $EP senml-json /1/0/1 /3303/0/5750
expect 2.05
expect-payload /1/0/1 = 200
expect-payload /3303/0/5750 = "kitchen"
write-composite $EP senml-cbor /1/0/1=150 /3303/0/5750="outdoor sensor"
expect 2.04
wait-updated $EP 10
read-composite $EP senml-cbor /1/0/1 /3303/0/5750
expect 2.05
expect-payload /1/0/1 = 150
expect-payload /3303/0/5750 = "outdoor sensor"
write-composite $EP senml-json /3303/0/5750=true
expect 4.00
exec $EP /3303/0/5605
expect 2.04
write $EP /1/0/1 120
expect 2.04
wait-updated $EP 10
exec $EP /1/0/8
expect 2.04
wait-updated $EP 10
echo READY-TO-STOP
wait-deregistered $EP 15
SCRIPT

"$SERVER" --listen "$ADDR" --port 0 --quiet --script "$WORK/script" \
    >"$WORK/server.log" 2>&1 &
SPID=$!
PIDS+=($SPID)
wait_until 5 file_has "$WORK/server.log" '^LISTENING' || fail "devserver did not start"
PORT=$(sed -n 's/^LISTENING coap:\/\/.*:\([0-9]*\)$/\1/p' "$WORK/server.log" | head -1)
[ -n "$PORT" ] || fail "no port in the LISTENING line"

"$CLIENT" -n "$EP" -u "coap://$URI_HOST:$PORT" -l 300 >"$WORK/client.log" 2>&1 &
CPID=$!
PIDS+=($CPID)

wait_until 30 file_has "$WORK/server.log" 'READY-TO-STOP|FAIL:' \
    || fail "devserver script did not reach its end"
file_has "$WORK/server.log" 'FAIL:' && fail "devserver: $(grep 'FAIL:' "$WORK/server.log")"
echo "ok: registered; /3/0 read in TLV, SenML CBOR (the default) and SenML JSON, decoded; text reads; execute 2.04; 4.05, 4.04, 4.01"
file_has "$WORK/server.log" 'RESPONSE 2.05 /3/0 ct=112' || fail "/3/0 without Accept not in SenML CBOR (112)"
file_has "$WORK/client.log" 'reboot requested' || fail "the reboot callback did not run"
echo "ok: Execute /3/0/4 reached the application's reboot callback"
file_has "$WORK/server.log" "REGISTERED ep=$EP.*</3303>;ver=1.1,</3303/0>" \
    || fail "the registration does not list </3303>;ver=1.1,</3303/0>"
file_has "$WORK/server.log" "UPDATED ep=$EP.* lt=200" || fail "no Update with lt=200 after the composite write"
file_has "$WORK/server.log" "UPDATED ep=$EP.* lt=150" || fail "no Update with lt=150 after the composite write"
echo "ok: 3303 registered; Read-Composite of /3/0/0 + /3303/0/5700 and Write-Composite of /1/0/1 + /3303/0/5750 in SenML JSON and CBOR, read back"
file_has "$WORK/server.log" "UPDATED ep=$EP.* lt=120" || fail "no Update with lt=120 after the lifetime write"
echo "ok: Write /1/0/1 led to an Update with lt=120; /1/0/8 led to an Update"

kill -INT "$CPID"
wait "$SPID"
rc=$?
[ "$rc" = 0 ] || fail "devserver exit status $rc"
file_has "$WORK/server.log" "DEREGISTERED ep=$EP" || fail "no De-register"
wait "$CPID"
rc=$?
[ "$rc" = 0 ] || fail "client exit status $rc after SIGINT"
echo "ok: De-register after SIGINT, client exited 0 (IPv$FAMILY)"
echo "1 passed, 0 failed"
