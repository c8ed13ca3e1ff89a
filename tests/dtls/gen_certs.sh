#!/bin/sh
# Copyright 2026 The lwc Authors
# SPDX-License-Identifier: Apache-2.0
#
# Generates the test PKI into directory $1 with the openssl command line
# (EC P-256, valid for 30 days):
#   ca        test CA; srv (CN/SAN lwm2m.test) and cli issued by it
#   ca2       an unrelated CA; cli2 issued by it
#   self      a self-signed server certificate for lwm2m.test
# Each certificate as .pem and .der, each key as .key (PEM) and .key.der
# (PKCS#8 DER). Exits non-zero on any failure.
set -eu
dir=$1
cd "$dir"

key() {
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
        -out "$1.key" 2>/dev/null
    openssl pkcs8 -topk8 -nocrypt -in "$1.key" -outform DER -out "$1.key.der"
}

ca() {
    key "$1"
    openssl req -x509 -new -key "$1.key" -subj "/CN=$2" -days 30 \
        -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$1.pem"
}

# issue NAME CN CA [SAN]
issue() {
    key "$1"
    openssl req -new -key "$1.key" -subj "/CN=$2" -out "$1.csr"
    printf 'basicConstraints=CA:FALSE\n' >"$1.ext"
    if [ $# -ge 4 ]; then
        printf 'subjectAltName=DNS:%s\n' "$4" >>"$1.ext"
    fi
    openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" \
        -CAcreateserial -days 30 -extfile "$1.ext" -out "$1.pem" 2>/dev/null
}

ca ca "lwc test CA"
ca ca2 "lwc other CA"
issue srv lwm2m.test ca lwm2m.test
issue cli dev1 ca
issue cli2 dev1 ca2
key self
openssl req -x509 -new -key self.key -subj "/CN=lwm2m.test" -days 30 \
    -addext "subjectAltName=DNS:lwm2m.test" -out self.pem

for c in ca ca2 srv cli cli2 self; do
    openssl x509 -in "$c.pem" -outform DER -out "$c.der"
done
