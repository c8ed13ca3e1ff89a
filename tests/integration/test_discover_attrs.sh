#!/usr/bin/env bash
# Copyright 2026 The lwc Authors
# SPDX-License-Identifier: Apache-2.0
#
# Discover and Write-Attributes (LwM2M 1.1 Core §5.4.2, §5.4.4) between
# the development server and the example client over UDP on loopback:
# the link lists of an object, an instance and a resource, attributes
# written at object, instance, resource and resource-instance level and
# shown (inherited on a resource), removal, and the 4.00 / 4.04 / 4.01
# answers to invalid attributes, absent paths and the Security object.
# Usage: test_discover_attrs.sh <lwc-devserver> <lwc-client>
. "$(dirname "$0")/lib.sh"

SERVER=${1:?usage: $0 LWC_DEVSERVER LWC_CLIENT}
CLIENT=${2:?usage: $0 LWC_DEVSERVER LWC_CLIENT}
EP=lwc-it-disc-$$

cat >"$WORK/script" <<SCRIPT
wait-registered $EP 10
discover $EP /3
expect 2.05
expect-payload </3/0/0>
expect-payload </3/0/11>;dim=1
write-attr $EP /3 pmin=10
expect 2.04
write-attr $EP /3/0 pmax=60&epmin=1&epmax=5
expect 2.04
write-attr $EP /1/0/1 gt=100&lt=50.5&st=2
expect 2.04
write-attr $EP /3/0/11/0 gt=1
expect 2.04
discover $EP /3
expect 2.05
expect-payload </3>;ver=1.2;pmin=10
expect-payload </3/0>;pmax=60;epmin=1;epmax=5
discover $EP /3/0/0
expect 2.05
expect-payload </3/0/0>;pmin=10;pmax=60;epmin=1;epmax=5
discover $EP /3/0/11
expect 2.05
expect-payload </3/0/11/0>;gt=1
discover $EP /1/0
expect 2.05
expect-payload </1/0/1>;gt=100;lt=50.5;st=2
write-attr $EP /3/0 pmin=70
expect 4.00
write-attr $EP /1/0/1 lt=200
expect 4.00
write-attr $EP /3/0/0 gt=1
expect 4.00
write-attr $EP /3/0/11 edge=1
expect 4.00
write-attr $EP /3/0 foo=1
expect 4.00
write-attr $EP /3/0 pmin=abc
expect 4.00
write-attr $EP /3/9 pmin=1
expect 4.04
write-attr $EP /3/0/9999 pmin=1
expect 4.04
discover $EP /3/9
expect 4.04
discover $EP /0
expect 4.01
write-attr $EP /3/0 pmax&epmin&epmax
expect 2.04
discover $EP /3/0/0
expect 2.05
expect-payload </3/0/0>;pmin=10
echo READY-TO-STOP
SCRIPT

"$SERVER" --listen 127.0.0.1 --port 0 --script "$WORK/script" \
    >"$WORK/server.log" 2>&1 &
SPID=$!
PIDS+=($SPID)
wait_until 5 file_has "$WORK/server.log" '^LISTENING' || fail "devserver did not start"
PORT=$(sed -n 's/^LISTENING coap:\/\/.*:\([0-9]*\)$/\1/p' "$WORK/server.log" | head -1)
[ -n "$PORT" ] || fail "no port in the LISTENING line"

"$CLIENT" -n "$EP" -u "coap://127.0.0.1:$PORT" -l 300 >"$WORK/client.log" 2>&1 &
CPID=$!
PIDS+=($CPID)

wait_until 30 file_has "$WORK/server.log" 'READY-TO-STOP|FAIL:' \
    || fail "devserver script did not reach its end"
file_has "$WORK/server.log" 'FAIL:' && fail "devserver: $(grep 'FAIL:' "$WORK/server.log")"
# The last Discover of /3/0/0 shows exactly the object's pmin now.
last=$(awk -v cmd="> discover $EP /3/0/0" '$0 == cmd { getline; getline; l = $0 }
    END { print l }' "$WORK/server.log")
[ "$last" = "  </3/0/0>;pmin=10" ] || fail "after removal /3/0/0 shows '$last'"
echo "ok: Discover of object, instance and resource with written attributes"
echo "ok: invalid attributes 4.00, absent paths 4.04, Security 4.01, removal"
kill -INT "$CPID"
wait_until 10 bash -c "! kill -0 $CPID" || fail "client did not stop after SIGINT"
echo "1 passed, 0 failed"
