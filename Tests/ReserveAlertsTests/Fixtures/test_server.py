#!/usr/bin/env python3
"""A loopback HTTP server for the watch tests (binds 127.0.0.1 only; stops by itself).

Writes its port to the file argv[3] (or prints it when absent), then serves:
  GET  /files/NAME         a file from the folder given as argv[1], with an ETag; 304 on If-None-Match
  GET  /slow               answers after 30 s (the client must time out first)
  GET  /big                streams 64 MiB without Content-Length (the client must cut it off)
  GET  /redirect/N         redirects N times, then serves /files/redirected.dsse.json
  GET  /redirect-to?url=U  redirects (302) to U
  GET  /trickle            sends headers, then one byte a second for a minute (a slow body); stops
                           as soon as the client hangs up
  GET  /trickles           JSON {"now", "max", "cut", "full"}: /trickle requests in flight now, the most
                           in flight at once, and how many the client cut off or read to the end
  GET  /status/CODE        answers CODE with an empty body
  POST /hook/NAME          a webhook: fails the first F requests (F from POST /control/NAME?fail=F), then 200
  GET  /received/NAME      JSON list of the bodies NAME accepted
  GET  /count/PATH         how many GETs /files/PATH had, and how many got 200
The server exits after argv[2] seconds (default 300), so a test that dies cannot leave it behind.
"""
import hashlib
import json
import os
import select
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = sys.argv[1]
LIFETIME = float(sys.argv[2]) if len(sys.argv) > 2 else 300.0
lock = threading.Lock()
fail_left = {}
received = {}
counts = {}
trickles = {"now": 0, "max": 0, "cut": 0, "full": 0}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", headers=None):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self):
        path = urllib.parse.urlparse(self.path).path
        if path.startswith("/files/"):
            name = path[len("/files/"):]
            file = os.path.join(ROOT, os.path.basename(name))
            with lock:
                c = counts.setdefault(name, [0, 0])
                c[0] += 1
            if not os.path.isfile(file):
                return self.reply(404)
            body = open(file, "rb").read()
            etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
            if self.headers.get("If-None-Match") == etag:
                return self.reply(304, headers={"ETag": etag})
            with lock:
                counts[name][1] += 1
            return self.reply(200, body, {"ETag": etag, "Content-Type": "application/json"})
        if path == "/slow":
            time.sleep(30)
            return self.reply(200, b"{}")
        if path == "/big":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"x" * 65536
            try:
                for _ in range(1024):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if path == "/redirect-to":
            target = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query).get("url", ["/"])[0]
            return self.reply(302, headers={"Location": target})
        if path == "/trickle":
            with lock:
                trickles["now"] += 1
                trickles["max"] = max(trickles["max"], trickles["now"])
            sent = 0
            try:
                self.send_response(200)
                self.send_header("Content-Length", "60")
                self.end_headers()
                for _ in range(60):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    sent += 1
                    # A second between bytes, cut short when the client hangs up (the socket turns
                    # readable at end of file), so that "in flight" ends when the client lets go.
                    readable, _, _ = select.select([self.connection], [], [], 1)
                    if readable:
                        if not self.connection.recv(1, socket.MSG_PEEK):
                            break
                        time.sleep(1)
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                with lock:
                    trickles["now"] -= 1
                    trickles["full" if sent == 60 else "cut"] += 1
            self.close_connection = True
            return
        if path == "/trickles":
            with lock:
                body = json.dumps(trickles).encode()
            return self.reply(200, body, {"Content-Type": "application/json"})
        if path.startswith("/status/"):
            return self.reply(int(path.rsplit("/", 1)[1]))
        if path.startswith("/redirect/"):
            n = int(path.rsplit("/", 1)[1])
            target = "/redirect/%d" % (n - 1) if n > 1 else "/files/redirected.dsse.json"
            return self.reply(302, headers={"Location": target})
        if path.startswith("/received/"):
            name = path[len("/received/"):]
            with lock:
                body = json.dumps(received.get(name, [])).encode()
            return self.reply(200, body, {"Content-Type": "application/json"})
        if path.startswith("/count/"):
            name = path[len("/count/"):]
            with lock:
                c = counts.get(name, [0, 0])
            return self.reply(200, json.dumps({"requests": c[0], "ok": c[1]}).encode())
        return self.reply(404)

    def do_POST(self):
        parsed = urllib.parse.urlparse(self.path)
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length) if length else b""
        if parsed.path.startswith("/control/"):
            name = parsed.path[len("/control/"):]
            query = urllib.parse.parse_qs(parsed.query)
            with lock:
                fail_left[name] = int(query.get("fail", ["0"])[0])
            return self.reply(200)
        if parsed.path.startswith("/hook/"):
            name = parsed.path[len("/hook/"):]
            with lock:
                left = fail_left.get(name, 0)
                if left > 0:
                    fail_left[name] = left - 1
                    status = 503
                else:
                    received.setdefault(name, []).append(body.decode("utf-8", "replace"))
                    status = 200
            return self.reply(status)
        return self.reply(404)


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
# The port goes to a file (atomically), not a pipe: the test polls for it.
port_file = sys.argv[3] if len(sys.argv) > 3 else None
if port_file:
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(port_file + ".tmp", port_file)
else:
    print(server.server_address[1], flush=True)
threading.Timer(LIFETIME, server.shutdown).start()
server.serve_forever()
