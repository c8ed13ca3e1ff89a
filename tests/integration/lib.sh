#!/usr/bin/env bash
# Copyright 2026 The lwc Authors
# SPDX-License-Identifier: Apache-2.0
#
# Shared helpers of the loopback integration tests. Every wait is bounded;
# every process started is killed on exit.

set -u
PIDS=()
WORK=$(mktemp -d /tmp/lwc-it.XXXXXX)

cleanup() {
    for p in "${PIDS[@]:-}"; do
        [ -n "$p" ] && kill "$p" 2>/dev/null
    done
    sleep 0.2
    for p in "${PIDS[@]:-}"; do
        [ -n "$p" ] && kill -9 "$p" 2>/dev/null
    done
    if [ "${KEEP_WORK:-0}" = 1 ]; then
        echo "logs kept in $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*"
    for f in "$WORK"/*.log; do
        [ -f "$f" ] || continue
        echo "----- $(basename "$f") (last 40 lines)"
        tail -n 40 "$f"
    done
    exit 1
}

# A UDP port that nothing listens on now (random, 20000-59999).
free_udp_port() {
    local p
    for _ in $(seq 1 50); do
        p=$((20000 + RANDOM % 40000))
        if ! ss -Hlun "sport = :$p" 2>/dev/null | grep -q .; then
            echo "$p"
            return 0
        fi
    done
    echo $((20000 + RANDOM % 40000))
}

# wait_until SECONDS CMD...: run CMD every 0.1 s until it succeeds.
wait_until() {
    local limit=$1
    shift
    local tries=$((limit * 10))
    for _ in $(seq 1 "$tries"); do
        if "$@" >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.1
    done
    return 1
}

# file_has FILE PATTERN: grep -E in FILE.
file_has() {
    grep -Eq -- "$2" "$1"
}
