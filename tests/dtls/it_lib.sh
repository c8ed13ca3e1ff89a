#!/usr/bin/env bash
# Copyright 2026 The lwc Authors
# SPDX-License-Identifier: Apache-2.0
#
# Helpers of the DTLS integration tests (tests/integration/test_dtls_*.sh),
# sourced after tests/integration/lib.sh (PIDS, WORK, fail, wait_until,
# file_has). Every wait is bounded.

DTLS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Exit 77 (skipped) unless the program exists.
need() {
    command -v "$1" >/dev/null 2>&1 || [ -x "$1" ] || {
        echo "SKIP: $1 not available"
        exit 77
    }
}

# The hex of a string, for --psk-key.
hex_of() {
    printf '%s' "$1" | od -An -tx1 | tr -d ' \n'
}

# Prefix every line of stdin with the monotonic time in seconds (from
# /proc/uptime), so tests can check the spacing of retries.
stamp() {
    local line up
    while IFS= read -r line; do
        read -r up _ </proc/uptime
        printf '%s %s\n' "$up" "$line"
    done
}

# start_devserver NAME ARGS...: lwc-devserver ($SERVER) with DTLS on free
# ports, stdout in $WORK/NAME.log; sets SPID, COAP_PORT and DTLS_PORT.
start_devserver() {
    local name=$1
    shift
    "$SERVER" --listen 127.0.0.1 --port "${COAP_PORT:-0}" \
        --dtls-port "${DTLS_PORT:-0}" --quiet "$@" \
        >"$WORK/$name.log" 2>"$WORK/$name.err" &
    SPID=$!
    PIDS+=($SPID)
    started() {
        file_has "$WORK/$name.log" '^LISTENING coaps://' || ! kill -0 "$SPID" 2>/dev/null
    }
    wait_until 5 started
    if file_has "$WORK/$name.err" 'this libcoap has no DTLS'; then
        echo "SKIP: lwc-devserver was built with a libcoap without DTLS"
        exit 77
    fi
    file_has "$WORK/$name.log" '^LISTENING coaps://' ||
        fail "devserver ($name) did not start: $(cat "$WORK/$name.err")"
    COAP_PORT=$(sed -n 's/^LISTENING coap:\/\/.*:\([0-9]*\)$/\1/p' "$WORK/$name.log" | head -1)
    DTLS_PORT=$(sed -n 's/^LISTENING coaps:\/\/.*:\([0-9]*\)$/\1/p' "$WORK/$name.log" | head -1)
    [ -n "$DTLS_PORT" ] || fail "no coaps:// port in the LISTENING lines"
}

# start_client NAME ARGS...: the client ($CLIENT), stdout and stderr
# time-stamped into $WORK/NAME.log; sets CPID.
start_client() {
    local name=$1
    shift
    "$CLIENT" "$@" > >(stamp >"$WORK/$name.log") 2>&1 &
    CPID=$!
    PIDS+=($CPID)
}

# stop_client: SIGINT, then the client must exit 0 within 15 s.
stop_client() {
    local rc
    kill -INT "$CPID" 2>/dev/null
    client_gone() { ! kill -0 "$CPID" 2>/dev/null; }
    wait_until 15 client_gone || fail "client did not exit after SIGINT"
    wait "$CPID"
    rc=$?
    sleep 0.3 # the time stamper writes the last lines
    [ "$rc" = 0 ] || fail "client exit status $rc after SIGINT"
}

# skip_if_keys_too_small LOG: a client built with the default
# LWC_SECURITY_KEY_MAX cannot hold certificates; that is a build choice.
skip_if_keys_too_small() {
    if file_has "$1" 'LWC_SECURITY_KEY_MAX'; then
        echo "SKIP: this client cannot store certificates: $(grep -o 'the .* per key resource' "$1" | head -1)"
        exit 77
    fi
}

# no_sanitizer_report LOG: nothing from ASan/UBSan/LeakSanitizer in LOG.
no_sanitizer_report() {
    if grep -Eq 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$1"; then
        fail "sanitizer report in $(basename "$1")"
    fi
}

# make_pki DIR: the test PKI of tests/dtls/gen_certs.sh (skip without
# openssl).
make_pki() {
    need openssl
    mkdir -p "$1"
    sh "$DTLS_DIR/gen_certs.sh" "$1" >/dev/null 2>&1 ||
        fail "generating the test certificates failed"
}

# times_of LOG PATTERN: the time stamps of the lines matching PATTERN.
times_of() {
    grep -E -- "$2" "$1" | awk '{ print $1 }'
}

# check_spacing "T1 T2 ..." MIN1 MAX1 MIN2 MAX2 ...: the gaps between
# consecutive times lie within the bounds (seconds, fractions allowed).
check_spacing() {
    local times=($1)
    shift
    local i=0
    while [ $# -ge 2 ]; do
        [ $((i + 1)) -lt ${#times[@]} ] || fail "only ${#times[@]} attempts"
        awk -v a="${times[$i]}" -v b="${times[$((i + 1))]}" -v lo="$1" -v hi="$2" \
            'BEGIN { d = b - a; exit !(d >= lo && d <= hi) }' ||
            fail "attempt $((i + 2)) came $(awk -v a="${times[$i]}" -v b="${times[$((i + 1))]}" 'BEGIN { print b - a }') s after attempt $((i + 1)), expected $1..$2 s"
        i=$((i + 1))
        shift 2
    done
}
