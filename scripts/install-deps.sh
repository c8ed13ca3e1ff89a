#!/usr/bin/env bash
# Copyright 2026 The lwc Authors
# SPDX-License-Identifier: Apache-2.0
#
# Installs the Debian/Ubuntu packages lwc builds and tests with, if any is
# missing. Uses sudo when not root.
set -eu

PKGS=(build-essential cmake pkg-config clang libclang-rt-14-dev
      libcoap3-dev libcoap3-bin libmbedtls-dev libcmocka-dev openssl
      iproute2 gcc-arm-none-eabi libnewlib-arm-none-eabi)
if [ "${1:-}" = "--minimal" ]; then
    PKGS=(build-essential cmake pkg-config libcoap3-dev libcoap3-bin
          libmbedtls-dev libcmocka-dev iproute2)
fi

missing=()
for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" \
        || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "Installing: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
