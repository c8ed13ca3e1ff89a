#!/usr/bin/env python3
# Copyright 2026 The lwc Authors
# SPDX-License-Identifier: Apache-2.0
"""A loopback UDP relay for the DTLS integration tests.

It listens on 127.0.0.1 (prints "RELAY <port>"), forwards every datagram
from the client to the server port and back, and logs each one as
"<c2s|s2c> <index> <length> <seconds since start> <hex>" (index counts
per direction from 0).
Optional fault patterns, one character per datagram of a direction (as in
tests/dtls/mem_net.h): '.' pass, 'D' drop, 'U' duplicate, 'H' hold until
the next datagram of that direction has been forwarded (reordering).
Past the end of a pattern everything passes. It exits after --seconds.
Like a NAT, it gives each client address (a client that reconnects from a
new socket) its own new address towards the server.
"""
import argparse
import selectors
import socket
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server-port", type=int, required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--c2s", default="", help="fault pattern client->server")
    ap.add_argument("--s2c", default="", help="fault pattern server->client")
    ap.add_argument("--seconds", type=float, default=60.0)
    a = ap.parse_args()

    front = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    front.bind(("127.0.0.1", 0))
    print("RELAY %d" % front.getsockname()[1], flush=True)

    sel = selectors.DefaultSelector()
    sel.register(front, selectors.EVENT_READ, "c2s")
    pattern = {"c2s": a.c2s, "s2c": a.s2c}
    count = {"c2s": 0, "s2c": 0}
    held = {"c2s": None, "s2c": None}
    client = None
    back = None
    start = time.monotonic()
    deadline = start + a.seconds

    def new_back():
        """A new mapping towards the server for a new client address."""
        nonlocal back
        if back is not None:
            sel.unregister(back)
            back.close()
        back = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        back.connect(("127.0.0.1", a.server_port))
        sel.register(back, selectors.EVENT_READ, "s2c")

    with open(a.log, "w", buffering=1) as log:
        def forward(direction, data):
            if direction == "c2s":
                back.send(data)
            elif client is not None:
                front.sendto(data, client)

        while time.monotonic() < deadline:
            for key, _ in sel.select(timeout=0.2):
                direction = key.data
                if direction == "c2s":
                    data, addr = front.recvfrom(65536)
                    if addr != client:
                        client = addr
                        new_back()
                else:
                    data = back.recv(65536)
                i = count[direction]
                count[direction] += 1
                log.write("%s %d %d %.3f %s\n" % (direction, i, len(data),
                                                 time.monotonic() - start,
                                                 data.hex()))
                p = pattern[direction]
                fault = p[i] if i < len(p) else "."
                if fault == "D":
                    continue
                if fault == "H" and held[direction] is None:
                    held[direction] = data
                    continue
                forward(direction, data)
                if fault == "U":
                    forward(direction, data)
                if held[direction] is not None:
                    forward(direction, held[direction])
                    held[direction] = None
    return 0


if __name__ == "__main__":
    sys.exit(main())
