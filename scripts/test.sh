#!/usr/bin/env bash
# Copyright 2026 The lwc Authors
# SPDX-License-Identifier: Apache-2.0
#
# Builds lwc with warnings as errors and runs the whole test suite (unit
# and loopback integration tests). Extra arguments go to CMake, e.g.
#   scripts/test.sh -DLWC_SANITIZE=address,undefined -DCMAKE_C_COMPILER=clang
# BUILD_DIR (default: build) selects the build directory.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DLWC_WERROR=ON "$@" >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$(nproc)"
