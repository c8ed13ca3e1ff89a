#!/usr/bin/env bash
# Copyright 2026 The lwc Authors
# SPDX-License-Identifier: Apache-2.0
#
# DTLS-PSK interoperability with an independent DTLS implementation:
# libcoap's coap-rd-openssl (OpenSSL), a CoRE Resource Directory that
# accepts LwM2M registrations on its coaps:// port (its CoAP port + 1).
# Checked: the handshake with OpenSSL completes with the PSK identity the
# client was given; the Register arrives decrypted at the RD with ep, lt,
# lwm2m and b; the RD lists the registration to a second, independent DTLS
# client (coap-client-openssl with PSK); the De-register reaches the RD for
# the registered location.
#
# Known limits of Debian's coap-rd 4.3.1 (see test_coap_rd.sh): it has no
# registration Update (the lifetime here is long enough that none falls in
# the test) and it aborts with a double free while handling any DELETE of
# a registration, so a De-register is never acknowledged: the test accepts
# either the 2.02 or that known crash, and then requires the client to
# give up the De-register and exit 0.
# Usage: test_dtls_coap_rd.sh <lwc-client>
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../dtls/it_lib.sh"

CLIENT=${1:?usage: $0 LWC_CLIENT}
RD=$(command -v coap-rd-openssl) || { echo "SKIP: coap-rd-openssl not installed"; exit 77; }
LOOKUP=$(command -v coap-client-openssl) || { echo "SKIP: coap-client-openssl not installed"; exit 77; }
need "$CLIENT"
PORT=$(free_udp_port)
DPORT=$((PORT + 1))
ID=lwc-rd-$$
KEY="rd-secret-$$"
EP=lwc-dtls-rd-test

# coap-rd-openssl accepts any identity with this key (-k).
"$RD" -A 127.0.0.1 -p "$PORT" -k "$KEY" -v 7 >"$WORK/rd.log" 2>&1 &
PIDS+=($!)
wait_until 5 file_has "$WORK/rd.log" "created DTLS endpoint" || sleep 0.5

# Registrations are listed as </rd/ID> links in the RD's /.well-known/core,
# read here over DTLS with PSK by libcoap's own client.
registered() {
    "$LOOKUP" -B 3 -u lookup -k "$KEY" -m get \
        "coaps://127.0.0.1:$DPORT/.well-known/core" >"$WORK/lookup.out" 2>/dev/null
    grep -q '</rd/' "$WORK/lookup.out"
}

start_client client -n "$EP" -u "coaps://127.0.0.1:$DPORT" -l 600 \
    --psk-identity "$ID" --psk-key "$(hex_of "$KEY")"

wait_until 15 file_has "$WORK/client.log" 'registered to server 1|registration failed' ||
    fail "no registration result from the client"
file_has "$WORK/client.log" 'registered to server 1' ||
    fail "registration failed: $(grep 'registration failed' "$WORK/client.log" | head -1)"
file_has "$WORK/client.log" 'handshake done \(full, TLS-PSK-WITH-AES-128-CCM-8\)' ||
    fail "TLS_PSK_WITH_AES_128_CCM_8 was not negotiated"
file_has "$WORK/rd.log" "got psk_identity: '$ID'" ||
    fail "coap-rd did not see the client's PSK identity"
echo "ok: DTLS handshake with OpenSSL (TLS_PSK_WITH_AES_128_CCM_8, identity $ID)"
file_has "$WORK/rd.log" "c:POST.*Uri-Path:rd, Content-Format:application/link-format, Uri-Query:ep=$EP, Uri-Query:lt=600, Uri-Query:lwm2m=1.1, Uri-Query:b=U" ||
    fail "Register request not received by coap-rd as expected"
echo "ok: Register carried ep, lt, lwm2m and b over DTLS"

wait_until 10 registered || fail "coap-rd did not list the registration"
echo "ok: coap-rd lists the registration to coap-client-openssl: $(grep -o '</rd/[^>]*>' "$WORK/lookup.out")"

LOC=$(grep -o '</rd/[^>]*>' "$WORK/lookup.out" | head -1 | sed 's|</\(.*\)>|\1|')
kill -INT "$CPID"
wait_until 10 file_has "$WORK/rd.log" "c:DELETE .*Uri-Path:rd, Uri-Path:${LOC#rd/} \\]" ||
    fail "no De-register (DELETE /$LOC) received by coap-rd"
echo "ok: De-register DELETE /$LOC received by coap-rd over DTLS"
if file_has "$WORK/rd.log" 't:ACK c:2.02'; then
    echo "ok: coap-rd acknowledged the De-register (2.02)"
elif file_has "$WORK/rd.log" 'double free'; then
    echo "note: coap-rd crashed handling the DELETE (its known defect), no 2.02"
else
    fail "coap-rd neither acknowledged the De-register nor crashed"
fi
client_gone() { ! kill -0 "$CPID" 2>/dev/null; }
wait_until 20 client_gone || fail "client did not exit after SIGINT"
wait "$CPID"
rc=$?
sleep 0.3
[ "$rc" = 0 ] || fail "client exit status $rc after SIGINT"
no_sanitizer_report "$WORK/client.log"
echo "ok: client exited 0 after SIGINT"
echo "1 passed, 0 failed"
