#!/usr/bin/env bash
# Copyright 2026 The lwc Authors
# SPDX-License-Identifier: Apache-2.0
#
# Self-test of tools/lwc-devserver (docs/devserver.md). Runs the devserver in
# scripted mode on a free loopback port and plays the LwM2M client with
# libcoap's coap-client-notls (Register, Update, De-register: LwM2M Core 1.1
# §6.2), with coap-client-openssl for DTLS PSK when installed, and with a
# small fake device in Node.js (reads, writes, observe, block-wise, Send)
# when node is installed. Checks the printed events, decoded payloads and the
# exit status, including failing expectations.
#
# usage: devserver_selftest.sh PATH/TO/lwc-devserver
# exit:  0 pass, 1 fail, 77 skip (no coap-client-notls)
set -u

DS=${1:?usage: $0 PATH/TO/lwc-devserver}
CLIENT=${COAP_CLIENT:-coap-client-notls}
if ! command -v "$CLIENT" >/dev/null 2>&1; then
    echo "SKIP: $CLIENT is not installed"
    exit 77
fi
TMP=$(mktemp -d)
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do
        kill "$p" 2>/dev/null
    done
    rm -rf "$TMP"
}
trap cleanup EXIT
FAILS=0

fail() {
    echo "FAIL: $*"
    FAILS=$((FAILS + 1))
}

# run_test FN: run one test; on new failures print the outputs it left.
run_test() {
    local before=$FAILS
    rm -f "$TMP"/*.out "$TMP"/*.err
    "$1"
    if [ "$FAILS" -ne "$before" ]; then
        for f in "$TMP"/*.out "$TMP"/*.err; do
            [ -s "$f" ] && { echo "---- $1: ${f##*/}"; cat "$f"; }
        done
        echo "----"
    fi
}

# start NAME ARGS...: run the devserver in the background on a free port
# (--port 0; the port is read from its LISTENING line). Sets PID, PORT and,
# with DTLS, DPORT. Output in $TMP/NAME.out and .err.
start() {
    local name=$1
    shift
    timeout 60 "$DS" --quiet --port 0 "$@" >"$TMP/$name.out" \
        2>"$TMP/$name.err" &
    PID=$!
    PIDS+=("$PID")
    PORT=
    DPORT=
    for _ in $(seq 100); do
        PORT=$(sed -n 's|^LISTENING coap://.*:\([0-9]*\)$|\1|p' "$TMP/$name.out")
        DPORT=$(sed -n 's|^LISTENING coaps://.*:\([0-9]*\)$|\1|p' "$TMP/$name.out")
        [ -n "$PORT" ] && return 0
        sleep 0.05
    done
    fail "$name: the devserver did not start"
    return 1
}

# wait_line NAME TEXT: until the output has a line containing TEXT (5 s).
wait_line() {
    for _ in $(seq 100); do
        grep -qF -- "$2" "$TMP/$1.out" && return 0
        sleep 0.05
    done
    fail "$1: no '$2' within 5 s"
    return 1
}

# finish NAME WANT_RC: wait for the devserver to exit; check its status.
finish() {
    wait "$PID"
    local rc=$?
    if [ "$rc" != "$2" ]; then
        fail "$1: exit status $rc, expected $2"
    fi
}

# has NAME TEXT / hasnt NAME TEXT: the output has (no) line containing TEXT.
has() {
    grep -qF -- "$2" "$TMP/$1.out" || fail "$1: no line with '$2'"
}
hasnt() {
    ! grep -qF -- "$2" "$TMP/$1.out" || fail "$1: unexpected '$2'"
}

coap() {
    timeout 10 "$CLIENT" -B 3 "$@" 2>&1
}

# ---- Register, Update, De-register, unknown location -----------------------
test_lifecycle() {
    start life -c 'wait-registered test; list; expect-payload ep=test location=/rd/1 lt=60;
        wait-updated test; list; expect-payload lt=30;
        wait-deregistered test; list; expect-payload CLIENTS 0' || return
    local u="coap://127.0.0.1:$PORT"
    coap -m post -t 40 "$u/rd?ep=test&lt=60&lwm2m=1.1&b=U" -e '</1/0>,</3/0>' >/dev/null
    wait_line life '> wait-updated'
    coap -m post "$u/rd/1?lt=30" >/dev/null
    coap -m post "$u/rd/99?lt=30" >"$TMP/life.c99"
    grep -q '4\.04' "$TMP/life.c99" || fail "life: update of /rd/99 not 4.04"
    coap -m delete "$u/rd/1" >/dev/null
    finish life 0
    has life 'REGISTERED ep=test location=/rd/1 lt=60 lwm2m=1.1 b=U objects=</1/0>,</3/0>'
    has life 'UPDATED ep=test location=/rd/1 lt=30 b=U objects=</1/0>,</3/0>'
    has life 'REJECTED request /rd/99: unknown location'
    has life 'DEREGISTERED ep=test location=/rd/1'
}

# ---- Bad Register, re-registration replaces the old entry ------------------
test_reregister() {
    start rereg -c 'wait-registered dup; wait-updated dup; list;
        expect-payload CLIENTS 1; expect-payload location=/rd/2' || return
    local u="coap://127.0.0.1:$PORT"
    coap -m post "$u/rd?lt=60" -e '</1/0>' >"$TMP/rereg.noep"
    grep -q '4\.00' "$TMP/rereg.noep" || fail "rereg: Register without ep not 4.00"
    coap -m post "$u/rd?ep=dup&lt=60" -e '</1/0>' >/dev/null
    coap -m post "$u/rd?ep=dup&lt=60" -e '</1/0>,</3/0>' >/dev/null
    wait_line rereg '> wait-updated'
    coap -m post "$u/rd/1" >"$TMP/rereg.old"
    grep -q '4\.04' "$TMP/rereg.old" || fail "rereg: the replaced /rd/1 still answers"
    coap -m post "$u/rd/2" >/dev/null
    finish rereg 0
    has rereg 'REJECTED register: no ep'
    has rereg 'REGISTERED ep=dup location=/rd/2'
}

# ---- A lifetime that runs out ------------------------------------------------
test_expiry() {
    start expiry -c 'wait-registered short; wait-deregistered short 5' || return
    coap -m post "coap://127.0.0.1:$PORT/rd?ep=short&lt=1" -e '</1/0>' >/dev/null
    finish expiry 0
    has expiry 'EXPIRED ep=short location=/rd/1'
    hasnt expiry 'DEREGISTERED'
}

# ---- A request to the client and its response (coap-client answers 4.04) ---
test_request() {
    start req -c 'wait-registered held; read held /3/0 tlv; expect 4.04;
        expect 2.05; echo not reached' || return
    coap -G 4 -m post "coap://127.0.0.1:$PORT/rd?ep=held&lt=60" -e '</3/0>' \
        >/dev/null &
    PIDS+=($!)
    finish req 1
    has req 'RESPONSE 4.04 /3/0 ct='
    has req 'FAIL: expected 2.05, got 4.04'
    hasnt req 'not reached'
}

# ---- Failures in scripts exit 1 -----------------------------------------------
test_failures() {
    start expect -c 'expect 2.05; echo not reached' || return
    finish expect 1
    has expect 'FAIL: expected 2.05, got no response'
    hasnt expect 'not reached'

    printf '# waits for a client that never comes\nwait-registered nobody 0.3\necho not reached\n' \
        >"$TMP/wait.script"
    start wait --script "$TMP/wait.script" || return
    finish wait 1
    has wait 'FAIL: wait-registered nobody: timed out'
    hasnt wait 'not reached'

    start unknown -c 'frobnicate; echo not reached' || return
    finish unknown 1
    has unknown "FAIL: unknown command 'frobnicate'"

    start noclient -c 'read ghost /3/0' || return
    finish noclient 1
    has noclient 'FAIL: ghost is not registered'

    "$DS" --no-such-option >/dev/null 2>&1
    [ $? = 2 ] || fail "a bad option does not exit 2"
    "$DS" --help | grep -q -- '--psk-identity' || fail "--help does not list options"
}

# ---- Payload decoding (TLV through the library's reader, link, opaque) -----
test_decode() {
    local tlv=C800144F70656E204D6F62696C6520416C6C69616E6365C1095788070842000ED842011388
    start decode -c "decode tlv $tlv /3/0;
        expect-payload /3/0/0 = str=\"Open Mobile Alliance\";
        expect-payload /3/0/9 = str=\"W\" int=87 hex=57;
        expect-payload /3/0/7 (multiple);
        expect-payload /3/0/7/1 = int=5000 hex=1388;
        decode tlv 0300C10A01 /3; expect-payload /3/0/10 = int=1;
        decode tlv C10A; expect-payload (malformed TLV at byte 0);
        decode link 3C2F313E2C3C2F332F303E3B72743D22612C62223E;
        expect-payload </3/0>\\;rt=\"a,b\";
        decode opaque 0102ff; expect-payload hex=0102ff (3 bytes);
        echo a\\;b" || return
    finish decode 0
    has decode '    /3/0/7/0 = int=3800 hex=0ed8'
    has decode '  </1>'
    has decode 'a;b'
}

# ---- Typed formats through the library's decoders (Core 1.1 §7.4) ----------
# The vectors are hand-encoded (RFC 8949 / RFC 8428 / Core 1.1 §7.4.6),
# not produced by the library's encoders.
test_decode_typed() {
    # SenML CBOR: bn "/3/0/", a string, integers, an Int of a multiple
    # resource, a boolean, opaque (vd), a float, an object link ("vlo").
    local sc=89a321652f332f302f00613003744f70656e204d6f62696c6520416c6c69616e6365
    sc=${sc}a2006139021857a200623133021a5182428fa20063372f3102191388a20062323004f5
    sc=${sc}a20061330842deada2006231310222a200613102fb4035800000000000
    sc=${sc}a20062323263766c6f63333a31
    # LwM2M CBOR {3: {0: {0: "lwc", 9: 87, 7: {1: 5000}, 20: true, 1: -1.5}}}
    local lc=a103a100a500636c776309185707a10119138814f501fbbff8000000000000
    # SenML JSON with "vd" in base64url and "vlo".
    local sj=5b7b22626e223a222f332f302f222c226e223a2230222c227673223a226c7763227d
    sj=${sj}2c7b226e223a2239222c2276223a38377d2c7b226e223a223230222c227662223a
    sj=${sj}66616c73657d2c7b226e223a2233222c227664223a22337130227d2c7b226e223a
    sj=${sj}223232222c22766c6f223a22333a31227d5d
    # OMA JSON (11543): sv, v, bv, ov.
    local oj=7b22626e223a222f332f302f222c2265223a5b7b226e223a2230222c227376223a
    oj=${oj}226c7763227d2c7b226e223a2239222c2276223a38377d2c7b226e223a22323022
    oj=${oj}2c226276223a747275657d2c7b226e223a223232222c226f76223a22333a31227d5d7d
    start typed -c "decode senml-cbor $sc /3/0;
        expect-payload /3/0/0 = \"Open Mobile Alliance\";
        expect-payload /3/0/7/1 = 5000;
        decode 11544 $lc /3/0; expect-payload /3/0/1 = -1.5;
        decode senml-json $sj /3/0; expect-payload /3/0/3 = hex=dead;
        decode json $oj; expect-payload /3/0/22 = 3:1;
        decode cbor 1a5182428f /3/0/13; expect-payload /3/0/13 = 1367491215;
        decode senml-cbor 82a200662f332f302f39021857a2 /3/0;
        expect-payload (cannot decode: malformed input at byte 13)" || return
    finish typed 0
    has typed '  /3/0/0 = "Open Mobile Alliance"'
    has typed '  /3/0/9 = 87'
    has typed '  /3/0/13 = 1367491215'
    has typed '  /3/0/20 = true'
    has typed '  /3/0/3 = hex=dead'
    has typed '  /3/0/11 = -3'
    has typed '  /3/0/1 = 21.5'
    has typed '  /3/0/22 = 3:1'
    has typed '  /3/0/0 = "lwc"'
    has typed '  /3/0/7/1 = 5000'
    has typed '  /3/0/20 = false'
    has typed '  hex=82a200662f332f302f39021857a2 (14 bytes)'
}

# ---- Commands on stdin --------------------------------------------------------
test_stdin() {
    printf 'list\nexpect 2.05\nquit 3\necho not reached\n' |
        timeout 10 "$DS" --quiet --port 0 >"$TMP/stdin.out" 2>&1
    local rc=$?
    [ $rc = 3 ] || fail "stdin: exit status $rc, expected 3 from 'quit 3'"
    has stdin 'CLIENTS 0'
    has stdin 'FAIL: expected 2.05' # reported, but not fatal on stdin
    hasnt stdin 'not reached'
}

# ---- DTLS PSK (LwM2M Transport 1.1 §5.2.8.1) ------------------------------
test_psk() {
    if ! command -v coap-client-openssl >/dev/null 2>&1; then
        echo "skip: DTLS (no coap-client-openssl)"
        return
    fi
    if "$DS" --quiet --port 0 --dtls-port 0 --psk-identity x --psk-key 00 \
        -c '' 2>&1 | grep -q 'has no DTLS'; then
        echo "skip: DTLS (lwc-devserver built on libcoap without DTLS)"
        return
    fi
    start psk --dtls-port 0 --psk-identity dev1 --psk-key 736563726574 \
        -c 'wait-registered secure; list; expect-payload ep=secure' || return
    [ -n "$DPORT" ] || { fail "psk: no coaps LISTENING line"; return; }
    timeout 10 coap-client-openssl -B 3 -m post -u nobody -k secret \
        "coaps://127.0.0.1:$DPORT/rd?ep=intruder&lt=60" -e '</1/0>' >/dev/null 2>&1
    timeout 10 coap-client-openssl -B 3 -m post -u dev1 -k secret \
        "coaps://127.0.0.1:$DPORT/rd?ep=secure&lt=60" -e '</1/0>' >/dev/null 2>&1
    finish psk 0
    has psk "REJECTED dtls: unknown PSK identity 'nobody'"
    hasnt psk 'ep=intruder'
    has psk 'REGISTERED ep=secure location=/rd/1'
}

# ---- A fake device: read, write, discover, exec, observe, blocks, Send -----
write_fake_device() {
    cat >"$TMP/fake-device.js" <<'EOF'
// Fake LwM2M client: just enough CoAP (RFC 7252) over UDP to register,
// answer the devserver's requests and send notifications.
'use strict';
const dgram = require('dgram');
const port = Number(process.argv[2]);
const sock = dgram.createSocket('udp4');
let nextMid = 0x1000;
let location = null;
let observer = null;
let lifetime = '60';
let firmware = [];
const uint = (v) => {
  const b = [];
  for (; v > 0; v = Math.floor(v / 256)) b.unshift(v % 256);
  return Buffer.from(b);
};
const ext = (x) => (x < 13 ? [x, []] : x < 269 ? [13, [x - 13]]
                    : [14, [(x - 269) >> 8, (x - 269) & 255]]);
function encode(m) {
  const parts = [Buffer.from([0x40 | (m.type << 4) | m.token.length, m.code,
                              m.mid >> 8, m.mid & 255]), m.token];
  let last = 0;
  for (const [num, val] of [...m.options].sort((a, b) => a[0] - b[0])) {
    const [dn, dx] = ext(num - last);
    const [ln, lx] = ext(val.length);
    last = num;
    parts.push(Buffer.from([(dn << 4) | ln, ...dx, ...lx]), val);
  }
  if (m.payload && m.payload.length) parts.push(Buffer.from([0xff]), m.payload);
  return Buffer.concat(parts);
}
function decode(b) {
  const m = { type: (b[0] >> 4) & 3, code: b[1], mid: b.readUInt16BE(2),
              token: b.subarray(4, 4 + (b[0] & 15)), options: [] };
  let i = 4 + (b[0] & 15);
  let num = 0;
  const rd = (x) => (x === 13 ? 13 + b[i++]
                     : x === 14 ? (i += 2, 269 + b.readUInt16BE(i - 2)) : x);
  while (i < b.length && b[i] !== 0xff) {
    const h = b[i++];
    num += rd(h >> 4);
    const len = rd(h & 15);
    m.options.push([num, b.subarray(i, i + len)]);
    i += len;
  }
  m.payload = i < b.length ? b.subarray(i + 1) : Buffer.alloc(0);
  return m;
}
const opt = (m, n) => m.options.filter((o) => o[0] === n).map((o) => o[1]);
const optUint = (m, n) => {
  const v = opt(m, n)[0];
  return v === undefined ? -1 : [...v].reduce((a, x) => a * 256 + x, 0);
};
const send = (m) => sock.send(encode(m), port, '127.0.0.1');
const pending = new Map();
function request(code, path, query, payload, ct, then) {
  const token = Buffer.from([0xfa, 0x4e, nextMid >> 8, nextMid & 255]);
  const options = path.split('/').filter((s) => s).map((s) => [11, Buffer.from(s)]);
  for (const q of query) options.push([15, Buffer.from(q)]);
  if (ct >= 0) options.push([12, uint(ct)]);
  pending.set(token.toString('hex'), then);
  send({ type: 0, code, mid: nextMid++, token, options, payload: Buffer.from(payload) });
}
const TLV_DEVICE = Buffer.concat([
  Buffer.from([0xc8, 0x00, 20]), Buffer.from('Open Mobile Alliance'),
  Buffer.from([0xc1, 0x09, 87]),
  Buffer.from([0x88, 0x07, 0x08, 0x42, 0x00, 0x0e, 0xd8, 0x42, 0x01, 0x13, 0x88]),
]);
const BIG = Buffer.alloc(1500, 0).map((_, i) => i & 255);
function notify() {
  if (!observer) return;
  observer.seq++;
  send({ type: 0, code: 0x45, mid: nextMid++, token: observer.token,
         options: [[6, uint(observer.seq)], [12, uint(0)]],
         payload: Buffer.from((20 + observer.seq / 2).toFixed(1)) });
  if (observer.seq < 40) observer.timer = setTimeout(notify, 200);
}
function handle(m, path) {
  const accept = optUint(m, 17);
  const r = { code: 0x84, options: [], payload: Buffer.alloc(0) };
  const text = (s) => { r.code = 0x45; r.options.push([12, uint(0)]); r.payload = Buffer.from(s); };
  if (m.code === 1 && path === '3/0' && accept === 40) {
    r.code = 0x45; r.options.push([12, uint(40)]);
    r.payload = Buffer.from('</3/0>,</3/0/0>,</3/0/7>,</3/0/9>');
  } else if (m.code === 1 && path === '3/0') {
    r.code = 0x45; r.options.push([12, uint(11542)]); r.payload = TLV_DEVICE;
  } else if (m.code === 1 && path === '1/0/1') {
    text(lifetime);
  } else if (m.code === 3 && path === '1/0/1' && optUint(m, 12) === 0) {
    lifetime = m.payload.toString(); r.code = 0x44;
  } else if (m.code === 1 && path === '5/0/0') { // Block2, 512-byte blocks
    const b2 = optUint(m, 23);
    const num = b2 < 0 ? 0 : b2 >> 4;
    r.code = 0x45; r.payload = BIG.subarray(num * 512, num * 512 + 512);
    const more = (num + 1) * 512 < BIG.length ? 8 : 0;
    r.options.push([12, uint(42)], [23, uint((num << 4) | more | 5)]);
  } else if (m.code === 3 && path === '5/0/0') { // Block1
    const b1 = optUint(m, 27);
    if (b1 <= 0 || (b1 >> 4) === 0) firmware = [];
    firmware.push(m.payload);
    r.code = b1 >= 0 && (b1 & 8) ? 0x5f : 0x44;
    if (b1 >= 0) r.options.push([27, uint(b1)]);
  } else if (m.code === 5 && path === '') { // FETCH: 64-byte Block2 blocks
    // RFC 8132 §2.3.2: every block's FETCH repeats the request payload.
    if (m.payload.toString() !== '[{"n":"/3/0/0"},{"n":"/1/0/1"}]') {
      r.code = 0x80; // 4.00: the path list is missing or changed
    } else {
      const body = Buffer.from('[{"n":"/3/0/0","vs":"Open Mobile Alliance"},' +
                               '{"n":"/1/0/1","v":' + lifetime + '}]');
      const b2 = optUint(m, 23);
      const num = b2 < 0 ? 0 : b2 >> 4;
      const more = (num + 1) * 64 < body.length ? 8 : 0;
      r.code = 0x45;
      r.payload = body.subarray(num * 64, num * 64 + 64);
      r.options.push([12, uint(110)], [23, uint((num << 4) | more | 2)]);
    }
  } else if (m.code === 1 && path === '5/0/6') {
    text('got ' + Buffer.concat(firmware).length + ' bytes');
  } else if (m.code === 3 && path === '3303/0/5700' && opt(m, 15).length) {
    r.code = 0x44;
  } else if (m.code === 1 && path === '3303/0/5700') {
    if (observer) clearTimeout(observer.timer);
    observer = null;
    if (optUint(m, 6) === 0) {
      observer = { token: Buffer.from(m.token), seq: 1 };
      r.options.push([6, uint(1)]);
      observer.timer = setTimeout(notify, 200);
    }
    text('20.5');
  } else if (m.code === 2 && path === '1/0/8') { // Registration Update Trigger
    r.code = 0x44;
    setTimeout(() => request(2, location, ['lt=45'], '', -1, () => {
      request(2, 'dp', [], '[{"n":"/3303/0/5700","v":21.5}]', 110, () => {});
    }), 50);
  } else if (m.code === 2 && path === '3/0/4') { // Reboot: de-register
    r.code = 0x44;
    setTimeout(() => request(4, location, [], '', -1, () => process.exit(0)), 50);
  }
  return r;
}
sock.on('message', (b) => {
  const m = decode(b);
  if (m.code === 0) {
    if (m.type === 3 && observer) { clearTimeout(observer.timer); observer = null; }
    return;
  }
  if (m.code >= 64) {
    const then = pending.get(m.token.toString('hex'));
    pending.delete(m.token.toString('hex'));
    if (m.type === 0) send({ type: 2, code: 0, mid: m.mid, token: Buffer.alloc(0), options: [] });
    if (then) then(m);
    return;
  }
  const r = handle(m, opt(m, 11).map((s) => s.toString()).join('/'));
  send({ type: m.type === 0 ? 2 : 1, code: r.code, mid: m.type === 0 ? m.mid : nextMid++,
         token: m.token, options: r.options, payload: r.payload });
});
sock.bind(0, '127.0.0.1', () => {
  request(2, 'rd', ['ep=fake', 'lt=60', 'lwm2m=1.1', 'b=U'],
          '</1/0>,</3/0>,</5/0>,</3303/0>', 40, (m) => {
    location = opt(m, 8).map((s) => s.toString()).join('/');
  });
});
setTimeout(() => process.exit(3), 30000);
EOF
}

test_device() {
    if ! command -v node >/dev/null 2>&1; then
        echo "skip: fake device (no node)"
        return
    fi
    write_fake_device
    head -c 3000 /dev/zero | tr '\0' 'a' >"$TMP/firmware.bin"
    cat >"$TMP/device.script" <<EOF
wait-registered fake
read fake /3/0
expect 2.05
expect-payload /3/0/0 = str="Open Mobile Alliance"
expect-payload /3/0/7/1 = int=5000
discover fake /3/0
expect-payload </3/0/9>
write fake /1/0/1 120
expect 2.04
read fake /1/0/1 text
expect-payload 120
read fake /5/0/0
expect 2.05
expect-payload (1500 bytes)
write fake /5/0/0 --opaque 0102ff
expect 2.04
read fake /5/0/6
expect-payload got 3 bytes
write fake /5/0/0 --file $TMP/firmware.bin
expect 2.04
read fake /5/0/6
expect-payload got 3000 bytes
read-composite fake senml-json /3/0/0 /1/0/1
expect 2.05
expect-payload /3/0/0 = "Open Mobile Alliance"
expect-payload /1/0/1 = 120
write-attr fake /3303/0/5700 pmin=1&pmax=5
expect 2.04
read fake /9/0
expect 4.04
observe fake /3303/0/5700
expect 2.05
expect-payload 20.5
wait-notify fake /3303/0/5700
expect 2.05
expect-payload 21.0
wait-notify fake /3303/0/5700
expect-payload 21.5
cancel fake /3303/0/5700
expect 2.05
exec fake /1/0/8
expect 2.04
wait-updated fake
exec fake /3/0/4
expect 2.04
wait-deregistered fake
EOF
    start device --script "$TMP/device.script" || return
    timeout 40 node "$TMP/fake-device.js" "$PORT" >"$TMP/node.out" 2>&1 &
    PIDS+=($!)
    finish device 0
    has device 'REGISTERED ep=fake location=/rd/1 lt=60 lwm2m=1.1 b=U'
    has device 'RESPONSE 2.05 /3/0 ct=11542'
    has device '  (block-wise answer: 2 Block2 blocks, 67 bytes)'
    has device '    /3/0/7/0 = int=3800 hex=0ed8'
    has device 'RESPONSE 2.05 /3303/0/5700 ct=0 observe=1'
    has device 'NOTIFY /3303/0/5700 seq=2 code=2.05 ep=fake ct=0'
    has device 'UPDATED ep=fake location=/rd/1 lt=45'
    has device 'SEND ep=fake ct=110'
    has device '  /3303/0/5700 = 21.5'
    has device 'DEREGISTERED ep=fake location=/rd/1'
}

run_test test_lifecycle
run_test test_reregister
run_test test_expiry
run_test test_request
run_test test_failures
run_test test_decode
run_test test_decode_typed
run_test test_stdin
run_test test_psk
run_test test_device

if [ "$FAILS" -ne 0 ]; then
    echo "devserver_selftest: $FAILS failure(s)"
    exit 1
fi
echo "devserver_selftest: PASS"
