#!/usr/bin/env python3
"""Many clients at once against a headless Tablespan whose limit on open files is low.

1. Soft limit 256 (shells often give 1,024), hard limit left as it is: 1,500 connections
   open together, each sends ListTables, and every one is answered at once. Tablespan
   raises its soft limit to the hard one.
2. Soft and hard limit 256: 600 connections. Tablespan keeps descriptors for its own
   files, so the connections past what it can hold wait until others close; every one is
   answered in turn, none with an error (without the reserve, the engine could not open
   its database and answered InternalServerError).

Usage: many_connections.py TABLESPAN_BINARY
"""

import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile

REQUEST = (b"POST / HTTP/1.1\r\nHost: tablespan\r\n"
           b"Content-Type: application/x-amz-json-1.0\r\n"
           b"X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Length: 2\r\n\r\n{}")


class Failure(Exception):
    pass


def start(binary, data_dir, soft, hard):
    def limit():
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    server = subprocess.Popen(
        [binary, "--headless", "--listen", "127.0.0.1:0", "--data-dir", data_dir],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, preexec_fn=limit,
        env=dict(os.environ, LC_ALL="C", LANGUAGE="C"))
    for line in server.stdout:
        match = re.search(r"http://127\.0\.0\.1:([0-9]+)", line)
        if match:
            return server, int(match.group(1))
    raise Failure("the server exited before it printed its URL")


def stop(server):
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


def answer_all(port, count, close_each):
    sockets = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(count)]
    try:
        for s in sockets:
            s.sendall(REQUEST)
        for i, s in enumerate(sockets):
            try:
                head = s.recv(64)
            except socket.timeout:
                raise Failure("connection %d of %d was never answered" % (i + 1, count))
            if not head.startswith(b"HTTP/1.1 200 "):
                raise Failure("connection %d of %d: %r" % (i + 1, count, head))
            if close_each:
                s.close()
    finally:
        for s in sockets:
            s.close()


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    # The test's own end of each connection needs a descriptor too: fewer connections at
    # once where the hard limit is low, but always well past the server's soft 256.
    at_once = 1500 if hard == resource.RLIM_INFINITY else min(1500, (hard - 100) // 2)
    if at_once < 600:
        print("FAIL: the hard limit on open files (%d) is below what the test needs" % hard)
        return 1
    resource.setrlimit(resource.RLIMIT_NOFILE, (2048 if hard == resource.RLIM_INFINITY
                                                else min(2048, hard), hard))
    data_dir = tempfile.mkdtemp(prefix="tablespan-connections-")
    try:
        server, port = start(sys.argv[1], os.path.join(data_dir, "1"), 256, hard)
        try:
            answer_all(port, at_once, close_each=False)
        finally:
            stop(server)
        # A fresh data directory: the region's database opens only once the connections
        # are there, and needs descriptors then.
        server, port = start(sys.argv[1], os.path.join(data_dir, "2"), 256, 256)
        try:
            answer_all(port, 600, close_each=True)
        finally:
            stop(server)
        print("ok: %d connections answered at once; 600 answered in turn with 256 files"
              % at_once)
        return 0
    except Failure as failure:
        print("FAIL:", failure)
        return 1
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
