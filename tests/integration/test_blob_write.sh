#!/usr/bin/env bash
# Copyright 2026 The lwc Authors
# SPDX-License-Identifier: Apache-2.0
#
# A firmware-sized opaque value over real UDP on loopback: the development
# server writes a 100 KB random file to /32769/0/0 of lwc-blob-client
# (Content-Format opaque, sent block-wise by the devserver, RFC 7959
# Block1); the client's write_chunk handler sees every byte once and in
# order, and its printed length and CRC-32 match the file's. A client with
# messages too small for the devserver's 1024-byte blocks answers the
# first block 4.13 with a smaller Block1 size (RFC 7959 §2.9.3) and gets
# the value in blocks of that size. Then a small write in one message (one
# piece) and De-register after SIGINT.
# Usage: test_blob_write.sh <lwc-devserver> <lwc-blob-client>
. "$(dirname "$0")/lib.sh"

SERVER=${1:?usage: $0 LWC_DEVSERVER LWC_BLOB_CLIENT}
CLIENT=${2:?usage: $0 LWC_DEVSERVER LWC_BLOB_CLIENT}
EP=lwc-it-blob-$$
SIZE=102400

command -v python3 >/dev/null || { echo "SKIP: python3 (for the CRC-32) not found"; exit 77; }
# The devserver sends 1024-byte blocks. A client built with smaller
# messages (tests/config/minimal.h: 512) gets only the first bytes of the
# first one and answers 4.13 with the Block1 size it can take (RFC 7959
# §2.9.3); the devserver then starts over with that size.
MAX_MSG=$("$CLIENT" -M)
if [ "${MAX_MSG:-0}" -ge 1100 ]; then
    BLOCK=1024 REFUSED=0
else
    # The client's hint: the largest block that leaves 64 bytes of a
    # message for the header and options (src/core/request.c).
    BLOCK=16 REFUSED=1
    while [ $((BLOCK * 2)) -le $((MAX_MSG - 64)) ]; do BLOCK=$((BLOCK * 2)); done
fi
head -c "$SIZE" /dev/urandom >"$WORK/blob.bin"
head -c 100 /dev/urandom >"$WORK/small.bin"
crc_of() {
    python3 -c 'import sys, zlib; print("%08x" % zlib.crc32(open(sys.argv[1], "rb").read()))' "$1"
}
CRC=$(crc_of "$WORK/blob.bin")
SMALL_CRC=$(crc_of "$WORK/small.bin")

cat >"$WORK/script" <<SCRIPT
wait-registered $EP 10
write $EP /32769/0/0 --file $WORK/blob.bin
expect 2.04
write $EP /32769/0/0 --file $WORK/small.bin
expect 2.04
echo READY-TO-STOP
wait-deregistered $EP 15
SCRIPT

"$SERVER" --listen 127.0.0.1 --port 0 --quiet --timeout 30 --script "$WORK/script" \
    >"$WORK/server.log" 2>&1 &
SPID=$!
PIDS+=($SPID)
wait_until 5 file_has "$WORK/server.log" '^LISTENING' || fail "devserver did not start"
PORT=$(sed -n 's/^LISTENING coap:\/\/.*:\([0-9]*\)$/\1/p' "$WORK/server.log" | head -1)
[ -n "$PORT" ] || fail "no port in the LISTENING line"

"$CLIENT" -n "$EP" -u "coap://127.0.0.1:$PORT" >"$WORK/client.log" 2>&1 &
CPID=$!
PIDS+=($CPID)

wait_until 60 file_has "$WORK/server.log" 'READY-TO-STOP|FAIL:' \
    || fail "devserver script did not reach its end"
file_has "$WORK/server.log" 'FAIL:' && fail "devserver: $(grep 'FAIL:' "$WORK/server.log")"
file_has "$WORK/client.log" 'BLOB (abort|bad|write)' && fail "the client saw an abort, a bad offset or a plain write"
[ "$(grep -c '^BLOB len=' "$WORK/client.log")" = 2 ] || fail "not two complete values"
LINE=$(grep '^BLOB len=' "$WORK/client.log" | head -1)
echo "client: $LINE"
case "$LINE" in
"BLOB len=$SIZE crc=$CRC pieces="*) ;;
*) fail "expected len=$SIZE crc=$CRC" ;;
esac
PIECES=$(echo "$LINE" | sed -n 's/.* pieces=\([0-9]*\) .*/\1/p')
[ "${PIECES:-0}" = $(((SIZE + BLOCK - 1) / BLOCK)) ] \
    || fail "$PIECES pieces, expected $BLOCK-byte blocks"
echo "ok: $SIZE bytes in $PIECES blocks of $BLOCK bytes reached write_chunk in order, CRC-32 $CRC"
# Every Block1 message but the refused one carried a block the client took.
file_has "$WORK/server.log" "block-wise request: $((PIECES + REFUSED)) Block1 messages" \
    || fail "expected $((PIECES + REFUSED)) Block1 messages: $(grep 'block-wise request' "$WORK/server.log")"
[ "$REFUSED" = 0 ] \
    || echo "ok: the first 1024-byte block, too large for $MAX_MSG-byte messages, got 4.13 and the server went on with $BLOCK-byte blocks"
file_has "$WORK/client.log" "^BLOB len=100 crc=$SMALL_CRC pieces=1 hint=100\$" \
    || fail "the 100-byte write was not one piece with its CRC"
echo "ok: a 100-byte write in one message was one piece"

kill -INT "$CPID"
wait "$SPID"
rc=$?
[ "$rc" = 0 ] || fail "devserver exit status $rc"
file_has "$WORK/server.log" "DEREGISTERED ep=$EP" || fail "no De-register"
wait "$CPID"
rc=$?
[ "$rc" = 0 ] || fail "client exit status $rc after SIGINT"
echo "ok: De-register after SIGINT"
echo "1 passed, 0 failed"
