#!/usr/bin/env bash
# Copyright 2026 The lwc Authors
# SPDX-License-Identifier: Apache-2.0
#
# Builds every libFuzzer target (clang) and runs each for SECONDS (default
# 60) on a copy of its seed corpus (tests/fuzz/corpus/<name>/, where the
# target is fuzz_<name>). Crashes are left in build-fuzz/crashes/.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# FUZZ_RUNS=N makes a run reproducible: N inputs per target from a fixed
# seed, whatever the machine's speed (CI uses it; explore with SECONDS).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-60}
shift || true
BUILD_DIR=${BUILD_DIR:-build-fuzz}

cmake -S . -B "$BUILD_DIR" -DCMAKE_C_COMPILER=clang -DLWC_BUILD_FUZZERS=ON \
    -DLWC_BUILD_EXAMPLES=OFF -DLWC_BUILD_TOOLS=OFF -DLWC_WITH_MBEDTLS=OFF \
    -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)" >/dev/null

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(find "$BUILD_DIR/tests/fuzz" -maxdepth 1 -type f \
        -name 'fuzz_*' -perm -u+x -printf '%f\n' | sort)
fi
[ ${#targets[@]} -gt 0 ] || { echo "no fuzz targets built"; exit 1; }

mkdir -p "$BUILD_DIR/crashes"
for t in "${targets[@]}"; do
    name=${t#fuzz_}
    work=$(mktemp -d)
    [ -d "tests/fuzz/corpus/$name" ] && cp -r "tests/fuzz/corpus/$name/." "$work/"
    if [ -n "${FUZZ_RUNS:-}" ]; then
        limit=(-runs="$FUZZ_RUNS" -seed=1)
        echo "fuzzing $t: $FUZZ_RUNS inputs from seed 1"
    else
        limit=(-max_total_time="$SECONDS_EACH")
        echo "fuzzing $t for ${SECONDS_EACH}s"
    fi
    "$BUILD_DIR/tests/fuzz/$t" "${limit[@]}" -rss_limit_mb=1024 \
        -artifact_prefix="$BUILD_DIR/crashes/$t-" -print_final_stats=1 "$work" \
        2>"$BUILD_DIR/$t.log" || { tail -40 "$BUILD_DIR/$t.log"; rm -rf "$work"; exit 1; }
    grep -E 'stat::number_of_executed_units' "$BUILD_DIR/$t.log" || true
    rm -rf "$work"
done
echo "fuzzing passed: ${#targets[@]} targets"
