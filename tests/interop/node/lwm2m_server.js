#!/usr/bin/env node
// Copyright 2026 The lwc Authors
// SPDX-License-Identifier: Apache-2.0
//
// An independent LwM2M 1.0 server peer for the lwc integration tests, built
// on the npm package lwm2m-node-lib (Telefonica, AGPL-3.0; a test tool run
// as a separate process, never linked into lwc). It listens on UDP, prints
// one line per registration event, and runs a scripted sequence of Device
// Management operations (LwM2M Core 1.1 §6.3) against the device named on
// the command line, printing one line per result. See docs/interop.md.
//
// Output lines (stdout):
//   LISTENING <host>:<port>
//   REGISTERED <ep> lt=<s> version=<v> binding=<b> location=<path> links=<..>
//   UPDATED <ep> lt=<s> query=<raw query|-> links=<payload|->
//   DEREGISTERED <ep>              (the device sent a De-register)
//   EXPIRED <ep>                   (the peer dropped it: lifetime over)
//   READ /3/0/0 -> <value>         an operation and its result, or
//   ERROR READ /3/0/9999 -> 4.04   an operation the device refused
//   CHECK ok|FAIL <what>           one expectation of the sequence
//   SEQUENCE PASSED|FAILED (<n> of <m> checks failed)
//   TRACE rx|tx <addr>:<port> <hex> (only with --trace)
//
// Exit status: 0 when the sequence passed and the device then
// de-registered (or at once after the sequence with --no-wait-deregister);
// 1 when an expectation failed; 2 for bad options; 3 on --timeout; 4 when
// the server cannot start.
'use strict';

// mongoose/mongodb (dependencies of lwm2m-node-lib that this script does
// not use: it selects the in-memory registry) print circular-dependency
// warnings when loaded; they are noise here.
process.removeAllListeners('warning');

const dgram = require('dgram');

const USAGE = `usage: lwm2m_server.js --port N [options]
  --host ADDR              listen address (default 127.0.0.1; ::1 for udp6)
  --port N                 UDP port (required)
  --endpoint NAME          device to run the sequence against (default: the
                           first one that registers)
  --lifetime S             lifetime written to /1/0/1 (default 16)
  --expect PATH=VALUE      expected text value of a read in the sequence
                           (repeatable), e.g. --expect /3/0/0=lwc
  --no-sequence            only print registration events
  --no-wait-deregister     exit right after the sequence
  --op-timeout S           wait per operation or Update (default 10)
  --timeout S              exit 3 after S seconds (default 0: never)
  --split-location-path    answer Register with one Location-Path option per
                           segment (RFC 7252 §5.10.7) instead of the peer's
                           single "rd/<id>" option (see docs/interop.md)
  --extras                 after the checks, also try Discover, Write-Attributes,
                           Observe and Create and print what the device answers
  --trace                  print every datagram sent and received, in hex
  --log-level L            lwm2m-node-lib log level (default FATAL)`;

function usageError(msg) {
    process.stderr.write(`${msg}\n${USAGE}\n`);
    process.exit(2);
}

function parseNumber(name, v, min) {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < min) {
        usageError(`invalid ${name} '${v}'`);
    }
    return n;
}

function parseArgs(argv) {
    const o = {
        host: '127.0.0.1', port: 0, endpoint: null, lifetime: 16,
        expect: {}, sequence: true, waitDeregister: true, opTimeout: 10,
        timeout: 0, splitLocation: false, trace: false, extras: false, logLevel: 'FATAL',
    };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const next = () => argv[++i];
        if (a === '--host') o.host = next();
        else if (a === '--port') o.port = parseNumber('port', next(), 1);
        else if (a === '--endpoint') o.endpoint = next();
        else if (a === '--lifetime') o.lifetime = parseNumber('lifetime', next(), 1);
        else if (a === '--expect') {
            const m = /^(\/\d+\/\d+\/\d+)=(.*)$/s.exec(next() || '');
            if (!m) usageError('--expect wants /O/I/R=VALUE');
            o.expect[m[1]] = m[2];
        } else if (a === '--no-sequence') o.sequence = false;
        else if (a === '--no-wait-deregister') o.waitDeregister = false;
        else if (a === '--op-timeout') o.opTimeout = parseNumber('op timeout', next(), 0.1);
        else if (a === '--timeout') o.timeout = parseNumber('timeout', next(), 0);
        else if (a === '--split-location-path') o.splitLocation = true;
        else if (a === '--trace') o.trace = true;
        else if (a === '--extras') o.extras = true;
        else if (a === '--log-level') o.logLevel = next();
        else if (a === '--help' || a === '-h') {
            process.stdout.write(`${USAGE}\n`);
            process.exit(0);
        } else usageError(`unknown option '${a}'`);
    }
    if (!o.port || o.port > 65535 || !Number.isInteger(o.port)) {
        usageError('--port N (1-65535) is required');
    }
    return o;
}

const opts = parseArgs(process.argv.slice(2));

function say(line) {
    process.stdout.write(`${line}\n`);
}

// --trace: every datagram of every socket of this process (the server's and
// the per-request agents' sockets of node-coap), before any is created.
function installTrace() {
    const origSend = dgram.Socket.prototype.send;
    const origEmit = dgram.Socket.prototype.emit;
    dgram.Socket.prototype.send = function (buf, ...rest) {
        const data = Buffer.isBuffer(buf) ? buf : Buffer.from(buf);
        const nums = rest.filter((x) => typeof x === 'number' || /^\d+$/.test(x));
        const host = rest.find((x) => typeof x === 'string' && !/^\d+$/.test(x));
        const port = rest.length > 3 ? nums[2] : nums[0];
        const end = rest.length > 3 ? nums[0] + nums[1] : data.length;
        const start = rest.length > 3 ? nums[0] : 0;
        say(`TRACE tx ${host}:${port} ${data.subarray(start, end).toString('hex')}`);
        return origSend.call(this, buf, ...rest);
    };
    dgram.Socket.prototype.emit = function (ev, msg, rinfo) {
        if (ev === 'message') {
            say(`TRACE rx ${rinfo.address}:${rinfo.port} ${msg.toString('hex')}`);
        }
        return origEmit.apply(this, arguments);
    };
}

if (opts.trace) installTrace();

// lwm2m-node-lib 1.4.0 answers Register with ONE Location-Path option whose
// value is "rd/<id>" (lib/services/server/registration.js); RFC 7252
// §5.10.7 makes each Location-Path option one path segment. This optional
// patch makes the peer send "rd" and "<id>" as two options.
function installSplitLocationPath() {
    const Outgoing = require('coap/lib/outgoing_message');
    const origSetOption = Outgoing.prototype.setOption;
    Outgoing.prototype.setOption = function (name, value) {
        if (name === 'Location-Path' && typeof value === 'string') {
            value = value.split('/').filter((s) => s !== '').map((s) => Buffer.from(s));
        }
        return origSetOption.call(this, name, value);
    };
}

if (opts.splitLocation) installSplitLocationPath();

// The peer calls listen(port, callback), which binds every address; the
// tests must stay on loopback, so bind --host only.
function bindToHost(host) {
    const Server = require('coap/lib/server');
    const origListen = Server.prototype.listen;
    Server.prototype.listen = function (port, address, done) {
        if (typeof address === 'function') {
            return origListen.call(this, port, host, address);
        }
        return origListen.call(this, port, address, done);
    };
}

bindToHost(opts.host);

const lwm2m = require('lwm2m-node-lib').server;

// The configuration object the peer keeps by reference: deviceManagement
// reads writeFormat at every Write, so the sequence can switch it. No
// writeFormat here: the peer then applies its built-in default
// ("lightweightm2m/text", Content-Format 1541, lib/services/OMAContentFormats.json).
const serverConfig = {
    port: opts.port,
    serverProtocol: opts.host.includes(':') ? 'udp6' : 'udp4',
    ipProtocol: opts.host.includes(':') ? 'udp6' : 'udp4', // requests go via ::1
    defaultType: 'Device',
    deviceRegistry: { type: 'memory' },
    logLevel: opts.logLevel,
    lifetimeCheckInterval: 1000,
};

// Settles with {value} or {error: '<code> <NAME>', code} and never waits
// longer than opts.opTimeout (node-coap's own limit is the 247 s
// EXCHANGE_LIFETIME of RFC 7252 §4.8.2).
function call(fn) {
    return new Promise((resolve) => {
        const timer = setTimeout(() => resolve({ error: 'timeout', code: 'timeout' }),
            opts.opTimeout * 1000);
        fn((error, value) => {
            clearTimeout(timer);
            if (!error) {
                resolve({ value });
            } else {
                const code = error.code || '?';
                resolve({ error: `${code} ${error.name || error.message || error}`, code });
            }
        });
    });
}

const events = []; // {type, ep, query, lifetime}
const waiters = [];
const lastQuery = {}; // registration path "/rd/<id>" -> query of its last request

function record(ev) {
    events.push(ev);
    for (const w of waiters.slice()) {
        if (w.test(ev)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(ev);
        }
    }
}

// The first event from index `from` on for which test() holds; null after
// opts.opTimeout.
function waitEvent(from, test) {
    const found = events.slice(from).find(test);
    if (found) {
        return Promise.resolve(found);
    }
    return new Promise((resolve) => {
        const w = { test, resolve };
        waiters.push(w);
        setTimeout(() => {
            const i = waiters.indexOf(w);
            if (i >= 0) {
                waiters.splice(i, 1);
                resolve(null);
            }
        }, opts.opTimeout * 1000);
    });
}

function show(v) {
    return v === undefined || v === null || v === '' ? '-' : JSON.stringify(String(v)).slice(1, -1);
}

function onRegistration(ep, lt, version, binding, payload, callback) {
    lwm2m.getDevice(ep, (err, dev) => {
        say(`REGISTERED ${ep} lt=${show(lt)} version=${show(version)} ` +
            `binding=${show(binding)} location=${err ? '?' : `/rd/${dev.id}`} links=${show(payload)}`);
        record({ type: 'REGISTERED', ep, lifetime: lt });
        callback();
    });
}

function onUpdate(dev, payload, callback) {
    const query = lastQuery[`/rd/${dev.id}`] || '';
    say(`UPDATED ${dev.name} lt=${show(dev.lifetime)} query=${show(query)} links=${show(payload)}`);
    record({ type: 'UPDATED', ep: dev.name, query, lifetime: dev.lifetime });
    callback();
}

function onDeregister(dev, callback) {
    say(`DEREGISTERED ${dev.name}`);
    record({ type: 'DEREGISTERED', ep: dev.name });
    callback();
}

function onExpired(dev, callback) {
    say(`EXPIRED ${dev.name}`);
    record({ type: 'EXPIRED', ep: dev.name });
    callback();
}

const results = { ok: 0, failed: 0 };

function check(ok, what) {
    say(`CHECK ${ok ? 'ok' : 'FAIL'} ${what}`);
    results[ok ? 'ok' : 'failed']++;
    return ok;
}

function ids(path) {
    return path.split('/').slice(1).map(Number);
}

// A successful Read prints the value (2.05); Write and Execute print 2.04,
// the only code the peer reports as success for them.
function report(op, what, r, okCode) {
    if (r.error) {
        say(`ERROR ${op} ${what} -> ${r.error}`);
    } else {
        say(`${op} ${what} -> ${okCode || show(r.value)}`);
    }
    return r;
}

async function read(id, path) {
    const [o, i, r] = ids(path);
    return report('READ', path, await call((cb) => lwm2m.read(id, o, i, r, cb)));
}

async function write(id, path, value) {
    const [o, i, r] = ids(path);
    const op = `WRITE(${serverConfig.writeFormat})`;
    return report(op, `${path}=${value}`, await call((cb) => lwm2m.write(id, o, i, r, value, cb)), '2.04');
}

async function execute(id, path) {
    const [o, i, r] = ids(path);
    return report('EXECUTE', path, await call((cb) => lwm2m.execute(id, o, i, r, undefined, cb)), '2.04');
}

function updateOf(ep, test) {
    return (ev) => ev.type === 'UPDATED' && ev.ep === ep && (!test || test(ev));
}

// Reads of the Device object's strings, and of the Server object's lifetime
// (LwM2M Core 1.1 E.2: 1/x/1), which must be what the device registered.
async function readPhase(id, ep, regLifetime) {
    for (const p of ['/3/0/0', '/3/0/1', '/3/0/2']) {
        const r = await read(id, p);
        if (r.code === 'timeout') {
            check(false, `${p}: the device does not answer; sequence stopped`);
            return false;
        }
        if (opts.expect[p] !== undefined) {
            check(!r.error && r.value === opts.expect[p], `READ ${p} is "${opts.expect[p]}"`);
        } else {
            check(!r.error && r.value !== '', `READ ${p} gives a value`);
        }
    }
    const r = await read(id, '/1/0/1');
    check(!r.error && r.value === String(regLifetime),
        `READ /1/0/1 is the registered lifetime ${regLifetime}`);
    return true;
}

// Write of the lifetime: first in the peer's default pre-standard
// Content-Format 1541, which LwM2M 1.x does not define (Core 1.1 §7: text
// is text/plain, 0), so 4.15 (RFC 7252 §5.9.2.9); then in text/plain, after
// which the device must send an Update carrying lt= (Core 1.1 §6.2.2).
async function writePhase(id, ep) {
    const lt = String(opts.lifetime);
    let r = await write(id, '/1/0/1', lt);
    check(r.code === '4.15', `WRITE /1/0/1 in Content-Format 1541 refused with 4.15`);
    serverConfig.writeFormat = 'text/plain';
    const mark = events.length;
    r = await write(id, '/1/0/1', lt);
    check(!r.error, `WRITE /1/0/1=${lt} in text/plain accepted (2.04)`);
    const ev = await waitEvent(mark, updateOf(ep, (e) => /(^|&)lt=/.test(e.query)));
    check(ev && ev.query.split('&').includes(`lt=${lt}`), `Update with lt=${lt} after the Write`);
    r = await read(id, '/1/0/1');
    check(!r.error && r.value === lt, `READ /1/0/1 is now ${lt}`);
}

// Execute of Reboot (3/0/4) and of Registration Update Trigger (1/0/8,
// Core 1.1 E.2: the device then sends an Update).
async function executePhase(id, ep) {
    let r = await execute(id, '/3/0/4');
    check(!r.error, 'EXECUTE /3/0/4 (Reboot) accepted (2.04)');
    const mark = events.length;
    r = await execute(id, '/1/0/8');
    check(!r.error, 'EXECUTE /1/0/8 (Registration Update Trigger) accepted (2.04)');
    check(await waitEvent(mark, updateOf(ep)) !== null, 'Update after /1/0/8');
}

// Refusals (Core 1.1 §6.3: 4.04 for an absent target, 4.05 for an
// operation the resource does not allow).
async function errorPhase(id) {
    let r = await read(id, '/3/0/9999');
    check(r.code === '4.04', 'READ /3/0/9999 (absent resource) refused with 4.04');
    const before = await read(id, '/3/0/0');
    r = await write(id, '/3/0/0', 'changed-by-peer');
    check(r.code === '4.05', 'WRITE /3/0/0 (read-only) refused with 4.05');
    r = await read(id, '/3/0/0');
    check(!r.error && !before.error && r.value === before.value, 'READ /3/0/0 unchanged');
}

// Discover (Core 1.1 §5.4.2, link format RFC 6690) and Write-Attributes
// (§5.4.4, §5.1.2 pmin/pmax as Uri-Query): Discover of /3/0 lists the
// instance and its resources (a multiple one with dim=); after pmin/pmax
// are written on /3/0/0, Discover of /3/0/0 reports them and the instance
// keeps its other resources.
async function discover(id, path) {
    // The peer tells the levels apart by its argument count.
    return report('DISCOVER', path, await call((cb) => lwm2m.discover(id, ...ids(path), cb)));
}

async function attributesPhase(id) {
    const links = (r) => (r.error || typeof r.value !== 'string' ? [] : r.value.split(','));
    let r = await discover(id, '/3/0');
    let l = links(r);
    check(l[0] === '</3/0>' && l.includes('</3/0/0>') && l.includes('</3/0/4>'),
        'DISCOVER /3/0 lists </3/0>, </3/0/0> and </3/0/4>');
    check(l.some((x) => /^<\/3\/0\/11>;dim=\d+$/.test(x)),
        'DISCOVER /3/0 gives the multiple resource </3/0/11> with dim=');
    r = await call((cb) => lwm2m.writeAttributes(id, 3, 0, 0, { pmin: 2, pmax: 40 }, cb));
    report('WRITE-ATTRIBUTES', '/3/0/0?pmin=2&pmax=40', r, '2.04');
    check(!r.error, 'WRITE-ATTRIBUTES /3/0/0 pmin=2 pmax=40 accepted (2.04)');
    r = await discover(id, '/3/0/0');
    const attrs = links(r).length === 1 ? links(r)[0].split(';') : [];
    check(attrs[0] === '</3/0/0>' && attrs.includes('pmin=2') && attrs.includes('pmax=40'),
        'DISCOVER /3/0/0 reports pmin=2 and pmax=40');
    l = links(await discover(id, '/3/0'));
    const first = l.find((x) => x.startsWith('</3/0/0>;')) || '';
    check(l.includes('</3/0/1>') && first.split(';').includes('pmin=2') &&
        first.split(';').includes('pmax=40'),
        'DISCOVER /3/0 then shows the attributes of </3/0/0> and still </3/0/1>');
}

// --extras: the peer's other operations, printed without expectations
// (Observe and Create are not finished in the client yet; docs/interop.md).
// Observe is cancelled again at once.
async function extrasPhase(id) {
    const extra = (op, what, r) => report(`EXTRA ${op}`, what, r);
    extra('DISCOVER', '/3', await call((cb) => lwm2m.discover(id, 3, cb)));
    extra('DISCOVER', '/3/0', await call((cb) => lwm2m.discover(id, 3, 0, cb)));
    extra('DISCOVER', '/3/0/0', await call((cb) => lwm2m.discover(id, 3, 0, 0, cb)));
    extra('WRITE-ATTRIBUTES', '/1/0/1?pmin=1&pmax=30',
        await call((cb) => lwm2m.writeAttributes(id, 1, 0, 1, { pmin: 1, pmax: 30 }, cb)));
    const notify = (value) => say(`EXTRA NOTIFY /1/0/1 -> ${show(value)}`);
    const r = extra('OBSERVE', '/1/0/1', await call((cb) => lwm2m.observe(id, 1, 0, 1, notify, cb)));
    if (!r.error) {
        extra('CANCEL-OBSERVE', '/1/0/1', await call((cb) => lwm2m.cancelObserver(id, 1, 0, 1, cb)));
    }
    extra('CREATE', '/1/1 (POST, no payload)', await call((cb) => lwm2m.create(id, 1, 1, cb)));
}

function getDevice(ep) {
    return new Promise((resolve) => lwm2m.getDevice(ep, (err, dev) => resolve(err ? null : dev)));
}

async function runSequence(ep) {
    const dev = await getDevice(ep);
    if (!check(dev !== null, `device ${ep} in the peer's registry`)) {
        return false;
    }
    if (await readPhase(dev.id, ep, dev.lifetime)) {
        await writePhase(dev.id, ep);
        await executePhase(dev.id, ep);
        await errorPhase(dev.id);
        await attributesPhase(dev.id);
        if (opts.extras) {
            await extrasPhase(dev.id);
        }
    }
    const total = results.ok + results.failed;
    say(results.failed === 0 ? `SEQUENCE PASSED (${total} checks)`
        : `SEQUENCE FAILED (${results.failed} of ${total} checks failed)`);
    return results.failed === 0;
}

function finish(code, why) {
    if (why) {
        process.stderr.write(`lwm2m_server: ${why}\n`);
    }
    // Let stdout drain, then leave without waiting for the peer's timers.
    process.stdout.write('', () => process.exit(code));
}

async function drive() {
    const isTarget = (ev) => ev.type === 'REGISTERED' && (!opts.endpoint || ev.ep === opts.endpoint);
    const reg = await new Promise((resolve) => {
        const found = events.find(isTarget);
        if (found) resolve(found);
        else waiters.push({ test: isTarget, resolve });
    });
    // The peer calls the handler before it answers the Register: give the
    // 2.01 a head start before the first request to the device.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const passed = await runSequence(reg.ep);
    if (!passed) {
        finish(1, 'an expectation failed');
        return;
    }
    if (!opts.waitDeregister) {
        finish(0);
        return;
    }
    const gone = (ev) => ev.ep === reg.ep && (ev.type === 'DEREGISTERED' || ev.type === 'EXPIRED');
    const ev = events.find(gone) ||
        await new Promise((resolve) => waiters.push({ test: gone, resolve }));
    if (ev.type === 'EXPIRED') {
        finish(1, `${reg.ep} expired instead of de-registering`);
    } else {
        finish(0);
    }
}

// The query of every registration-interface request, seen before the
// peer's own handler runs, so onUpdate() can print what the device sent.
function watchRequests(coapServer) {
    coapServer.prependListener('request', (req) => {
        const q = req.url.indexOf('?');
        const path = q < 0 ? req.url : req.url.slice(0, q);
        if (/^\/rd\/[^/]+$/.test(path)) {
            lastQuery[path] = q < 0 ? '' : req.url.slice(q + 1);
        }
    });
}

function start() {
    if (opts.timeout > 0) {
        setTimeout(() => {
            say('TIMEOUT');
            finish(3, `no result after ${opts.timeout} s`);
        }, opts.timeout * 1000);
    }
    lwm2m.start(serverConfig, (err, info) => {
        if (err) {
            finish(4, `cannot start: ${err.message || err}`);
            return;
        }
        watchRequests(info.server);
        lwm2m.setHandler(info, 'registration', onRegistration);
        lwm2m.setHandler(info, 'updateRegistration', onUpdate);
        lwm2m.setHandler(info, 'unregistration', onDeregister);
        // setHandler('unregistration') restarts the peer's lifetime check
        // with an undefined interval (a 1 ms timer) and the De-register
        // handler; run it every second with its own handler instead.
        lwm2m.getRegistry().checkLifetime(1000, onExpired);
        say(`LISTENING ${opts.host}:${opts.port}`);
        if (opts.sequence) {
            drive().catch((e) => finish(1, `sequence error: ${e.stack || e}`));
        }
    });
}

start();
