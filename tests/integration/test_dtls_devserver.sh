#!/usr/bin/env bash
# Copyright 2026 The lwc Authors
# SPDX-License-Identifier: Apache-2.0
#
# The example client managed by the development server over DTLS on
# loopback (LwM2M 1.1 Transport §5.2.8): Register, Read of /3/0 in TLV,
# Execute of Reboot, and De-register after SIGINT, in
#   psk    PSK mode (TLS_PSK_WITH_AES_128_CCM_8 negotiated with OpenSSL);
#   cert   Certificate mode with a CA, server and client certificates made
#          by the openssl command line at test time: the client pins the
#          server's certificate (Certificate Usage 3, domain-issued), then
#          validates it against the CA as trust anchor with the name from
#          SNI (usage 2); the server requires a client certificate from the
#          CA (--ca);
#   lossy  PSK through a relay that drops, duplicates and reorders
#          datagrams of the handshake flights in both directions: the
#          handshake still completes.
# Certificate mode needs a client whose LWC_SECURITY_KEY_MAX holds a DER
# certificate (lwc-client-it, see tests/dtls/it_config.h).
# Usage: test_dtls_devserver.sh <lwc-devserver> <lwc-client> psk|cert|lossy
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../dtls/it_lib.sh"

SERVER=${1:?usage: $0 LWC_DEVSERVER LWC_CLIENT psk|cert|lossy}
CLIENT=${2:?usage: $0 LWC_DEVSERVER LWC_CLIENT psk|cert|lossy}
MODE=${3:-psk}
need "$SERVER"
need "$CLIENT"

# The device script: EP registers, is read and executed, then stopped.
device_script() {
    cat <<SCRIPT
wait-registered $1 20
read $1 /3/0 tlv
expect 2.05
expect-payload /3/0/0 = str="lwc"
exec $1 /3/0/4
expect 2.04
echo STOP-$1
wait-deregistered $1 15
SCRIPT
}

# run_device EP LABEL CLIENT-ARGS...: one client through the script part.
run_device() {
    local ep=$1 label=$2
    shift 2
    start_client "$ep" -n "$ep" -l 300 "$@"
    reached() {
        file_has "$WORK/server.log" "STOP-$ep|FAIL:" || ! kill -0 "$CPID" 2>/dev/null
    }
    wait_until 30 reached || fail "$label: the devserver script did not reach STOP-$ep"
    sleep 0.3
    skip_if_keys_too_small "$WORK/$ep.log"
    kill -0 "$CPID" 2>/dev/null || fail "$label: the client exited early"
    file_has "$WORK/server.log" 'FAIL:' && fail "$label: devserver: $(grep 'FAIL:' "$WORK/server.log")"
    file_has "$WORK/$ep.log" 'handshake done \(full, ' ||
        fail "$label: no DTLS handshake logged by the client"
    file_has "$WORK/$ep.log" 'reboot requested' ||
        fail "$label: the reboot callback did not run"
    stop_client
    wait_until 10 file_has "$WORK/server.log" "DEREGISTERED ep=$ep" ||
        fail "$label: no De-register"
    no_sanitizer_report "$WORK/$ep.log"
    echo "ok: $label: $(grep -o 'handshake done ([^)]*)' "$WORK/$ep.log" | head -1);" \
        "registered, /3/0 read in TLV, Execute 2.04, De-register, exit 0"
}

case "$MODE" in
psk | lossy)
    EP=lwc-dtls-$MODE-$$
    KEY=$(hex_of "secret-$$")
    device_script "$EP" >"$WORK/script"
    start_devserver server --psk-identity "$EP" --psk-key "$KEY" \
        --script "$WORK/script"
    PORT=$DTLS_PORT
    if [ "$MODE" = lossy ]; then
        need python3
        # Client flights: ClientHello, ClientHello with cookie, then
        # ClientKeyExchange+ChangeCipherSpec+Finished; the server's:
        # HelloVerifyRequest, ServerHello..Done, ChangeCipherSpec+Finished.
        python3 "$DTLS_DIR/udp_relay.py" --server-port "$DTLS_PORT" \
            --log "$WORK/relay.log" --c2s "DUHD" --s2c "DUHD" --seconds 60 \
            >"$WORK/relay.out" 2>&1 &
        PIDS+=($!)
        wait_until 5 file_has "$WORK/relay.out" '^RELAY ' || fail "relay did not start"
        PORT=$(awk '/^RELAY/ { print $2 }' "$WORK/relay.out")
    fi
    run_device "$EP" "$MODE" -u "coaps://127.0.0.1:$PORT" \
        --psk-identity "$EP" --psk-key "$KEY"
    file_has "$WORK/$EP.log" 'handshake done \(full, TLS-PSK-WITH-AES-128-CCM-8\)' ||
        fail "$MODE: TLS_PSK_WITH_AES_128_CCM_8 was not negotiated"
    if [ "$MODE" = lossy ]; then
        # The faults really hit the handshake: something was dropped in
        # each direction and the client retransmitted.
        [ "$(grep -c '^c2s' "$WORK/relay.log")" -ge 5 ] ||
            fail "lossy: fewer client datagrams than the faults need"
        [ "$(grep -c '^s2c' "$WORK/relay.log")" -ge 4 ] ||
            fail "lossy: fewer server datagrams than the faults need"
        echo "ok: lossy: $(grep -c '^c2s' "$WORK/relay.log") datagrams to the server," \
            "$(grep -c '^s2c' "$WORK/relay.log") back, with drops, duplicates and reordering"
    fi
    ;;
cert)
    PKI=$WORK/pki
    make_pki "$PKI"
    { device_script lwc-dtls-pin-$$; device_script lwc-dtls-ca-$$; } >"$WORK/script"
    start_devserver server --cert "$PKI/srv.pem" --key "$PKI/srv.key" \
        --ca "$PKI/ca.pem" --script "$WORK/script"
    # Usage 3: the server's own certificate is pinned (no name or CA check).
    run_device lwc-dtls-pin-$$ "cert usage 3" -u "coaps://127.0.0.1:$DTLS_PORT" \
        --cert "$PKI/cli.pem" --key "$PKI/cli.key" \
        --server-cert "$PKI/srv.pem" --cert-usage 3
    # Usage 2: the CA is the trust anchor; the name comes from SNI (DER
    # files this time).
    run_device lwc-dtls-ca-$$ "cert usage 2" -u "coaps://127.0.0.1:$DTLS_PORT" \
        --cert "$PKI/cli.der" --key "$PKI/cli.key.der" \
        --server-cert "$PKI/ca.der" --cert-usage 2 --sni lwm2m.test
    file_has "$WORK/lwc-dtls-ca-$$.log" 'handshake done \(full, TLS-ECDHE-ECDSA-WITH-AES-128-' ||
        fail "cert: no ECDHE-ECDSA suite negotiated"
    ;;
*)
    echo "unknown mode '$MODE'"
    exit 2
    ;;
esac

wait "$SPID"
rc=$?
[ "$rc" = 0 ] || fail "devserver exit status $rc"
echo "1 passed, 0 failed"
