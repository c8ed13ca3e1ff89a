#!/usr/bin/env bash
# Copyright 2026 The lwc Authors
# SPDX-License-Identifier: Apache-2.0
#
# OMA interoperability test case LightweightM2M-1.1-int-401, "UDP Channel
# Security - Pre-shared Key Mode" (OMA-ETS-LightweightM2M_INT-V1_1), with
# the example client as the device under test and the development server
# (libcoap/OpenSSL) as the LwM2M Server, watched by a relay on loopback.
#
# Pre-conditions: the client's Security instance holds a coaps:// URI and
# Security Mode 0 (PSK), with the identity and key the server knows.
# Procedure and what is checked:
#   1. A DTLS session is established: DTLS 1.2 records; the ClientHello
#      offers TLS_PSK_WITH_AES_128_CCM_8 (0xC0A8, the suite LwM2M mandates
#      for PSK, Transport §5.2.8.2) and the server selects it.
#   2. The Registration (CoAP POST /rd) is sent to the server, and
#   3. the client receives 2.01 Created.
#      A. Steps 2 and 3 happen over the DTLS session: every datagram after
#         the handshake is an application-data record, and none of the
#         registration's text (endpoint name, "oma.lwm2m") is on the wire.
#   4. The server Reads the Device object instance /3/0 in TLV (as in
#      int-203), and
#   5. receives 2.05 Content with the values, encrypted.
#      B. Steps 4 and 5 work over the DTLS session: the values (e.g.
#         Model Number "example") are decoded by the
#         server but appear nowhere in clear on the wire.
# Usage: test_dtls_int401.sh <lwc-devserver> <lwc-client>
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../dtls/it_lib.sh"

SERVER=${1:?usage: $0 LWC_DEVSERVER LWC_CLIENT}
CLIENT=${2:?usage: $0 LWC_DEVSERVER LWC_CLIENT}
need "$SERVER"
need "$CLIENT"
need python3
EP=lwc-int401-$$
KEY=$(hex_of "int-401-key-$$")

cat >"$WORK/script" <<SCRIPT
wait-registered $EP 20
read $EP /3/0 tlv
expect 2.05
expect-payload /3/0/0 = str="lwc"
expect-payload /3/0/1 = str="example"
echo INT-401-DONE
wait-deregistered $EP 15
SCRIPT
start_devserver server --psk-identity "$EP" --psk-key "$KEY" --script "$WORK/script"
python3 "$DTLS_DIR/udp_relay.py" --server-port "$DTLS_PORT" \
    --log "$WORK/relay.log" --seconds 60 >"$WORK/relay.out" 2>&1 &
PIDS+=($!)
wait_until 5 file_has "$WORK/relay.out" '^RELAY ' || fail "relay did not start"
RPORT=$(awk '/^RELAY/ { print $2 }' "$WORK/relay.out")

start_client client -n "$EP" -u "coaps://127.0.0.1:$RPORT" \
    --psk-identity "$EP" --psk-key "$KEY"
wait_until 30 file_has "$WORK/server.log" 'INT-401-DONE|FAIL:' ||
    fail "the server's script did not finish"
file_has "$WORK/server.log" 'FAIL:' && fail "devserver: $(grep 'FAIL:' "$WORK/server.log")"

# Pre-conditions.
file_has "$WORK/client.log" "security: 0/0/0 coaps://127.0.0.1:$RPORT, 0/0/2 0 \\(PSK\\)" ||
    fail "pre-condition: Security 0/0 is not coaps:// with mode 0 (PSK)"
echo "ok: pre-conditions: 0/0/0 coaps://, 0/0/2 = 0 (PSK)"

# 1. DTLS 1.2 handshake (record type 22, version {254, 253}); ClientHello
# (handshake type 1) offers 0xC0A8; ServerHello (type 2) selects it.
C2S=$(awk '$1 == "c2s" { print $5 }' "$WORK/relay.log")
S2C=$(awk '$1 == "s2c" { print $5 }' "$WORK/relay.log")
grep -q '^16fefd.\{20\}01' <<<"$C2S" || fail "1: no DTLS 1.2 ClientHello"
grep '^16fefd.\{20\}01' <<<"$C2S" | grep -q 'c0a8' ||
    fail "1: ClientHello does not offer TLS_PSK_WITH_AES_128_CCM_8"
SH=$(grep '^16fefd.\{20\}02' <<<"$S2C" | head -1)
# ServerHello body: version(2) random(32) session_id(1+n) cipher_suite(2).
SID_LEN=$((16#${SH:26+24+68:2}))
SUITE=${SH:26+24+70+2*SID_LEN:4}
[ "$SUITE" = c0a8 ] || fail "1: the server selected suite 0x$SUITE, not 0xc0a8"
file_has "$WORK/client.log" 'handshake done \(full, TLS-PSK-WITH-AES-128-CCM-8\)' ||
    fail "1: the client did not complete the handshake"
echo "ok: 1. DTLS 1.2 session established with TLS_PSK_WITH_AES_128_CCM_8"

# 2, 3, A.
file_has "$WORK/server.log" "REGISTERED ep=$EP .*lwm2m=1.1" ||
    fail "2: no Registration at the server"
file_has "$WORK/client.log" 'registered to server 1' || fail "3: no 2.01 Created at the client"
# After the handshake (the first application-data record), only
# application data (23) or alerts (21) follow, never a plaintext datagram.
AFTER=$(awk '$1 != "" && $5 ~ /^17fefd/ { on = 1 } on { print $5 }' "$WORK/relay.log")
[ -n "$AFTER" ] || fail "A: no application data records"
grep -vq '^1[57]fefd' <<<"$AFTER" && fail "A: a datagram after the handshake is not a DTLS record"
# (Strings long enough not to occur in ciphertext by chance.)
for text in "ep=$EP" "oma.lwm2m" "example"; do
    grep -q "$(hex_of "$text")" "$WORK/relay.log" &&
        fail "A/B: '$text' is visible on the wire"
done
echo "ok: 2, 3. Register over the DTLS session, 2.01 Created; A. nothing in clear on the wire"

# 4, 5, B: the server's script read /3/0 in TLV and checked the values.
file_has "$WORK/server.log" 'RESPONSE 2.05 /3/0 ct=11542' || fail "4/5: no 2.05 in TLV"
echo "ok: 4, 5. Read /3/0 (TLV): 2.05 with Manufacturer and Model Number;" \
    "B. encrypted on the wire"

stop_client
wait "$SPID"
rc=$?
[ "$rc" = 0 ] || fail "devserver exit status $rc"
no_sanitizer_report "$WORK/client.log"
echo "1 passed, 0 failed"
