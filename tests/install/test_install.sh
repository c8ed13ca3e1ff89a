#!/usr/bin/env bash
# Copyright 2026 The lwc Authors
# SPDX-License-Identifier: Apache-2.0
#
# Installs the built lwc into a temporary prefix and builds a consumer
# project against it twice: with find_package(lwc) and with pkg-config.
# Usage: test_install.sh <lwc build dir> <cmake>
set -u
BUILD=${1:?usage: $0 BUILD_DIR CMAKE}
CMAKE=${2:-cmake}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d /tmp/lwc-install.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$CMAKE" --install "$BUILD" --prefix "$WORK/prefix" >"$WORK/install.log" 2>&1 \
    || { cat "$WORK/install.log"; fail "cmake --install"; }
[ -f "$WORK/prefix/include/lwc/client.h" ] || fail "headers not installed"
echo "ok: installed into a temporary prefix"

"$CMAKE" -S "$HERE/consumer" -B "$WORK/cmake-build" \
    -DCMAKE_PREFIX_PATH="$WORK/prefix" >"$WORK/cfg.log" 2>&1 \
    || { cat "$WORK/cfg.log"; fail "find_package(lwc)"; }
"$CMAKE" --build "$WORK/cmake-build" >"$WORK/build.log" 2>&1 \
    || { cat "$WORK/build.log"; fail "building against lwc::lwc"; }
"$WORK/cmake-build/consumer" || fail "consumer (CMake) did not run correctly"
echo "ok: find_package(lwc) + lwc::lwc"

PC=$(find "$WORK/prefix" -name lwc.pc | head -1)
[ -n "$PC" ] || fail "lwc.pc not installed"
# Relocate the .pc file's prefix to the temporary one.
sed -i "s|^prefix=.*|prefix=$WORK/prefix|" "$PC"
export PKG_CONFIG_PATH=$(dirname "$PC")
cc $(pkg-config --cflags lwc) "$HERE/consumer/main.c" $(pkg-config --libs --static lwc) \
    -o "$WORK/pc-consumer" || fail "building with pkg-config"
LD_LIBRARY_PATH=$(pkg-config --variable=libdir lwc) "$WORK/pc-consumer" \
    || fail "consumer (pkg-config) did not run correctly"
echo "ok: pkg-config --cflags --libs lwc"
echo "1 passed, 0 failed"
