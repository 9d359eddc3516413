#!/usr/bin/env python3
"""The demo's public front (what nginx does in production, ci/nginx/): a reverse
proxy on 127.0.0.1 to the SEP-MUSES application that answers 503 with the
maintenance page while the flag file exists, except to requests that carry the
bypass header with its value. Standard library only.

  front.py PORTFILE FLAG_FILE UPSTREAM_URL     (bypass: BYPASS_HEADER, BYPASS_VALUE env)
"""
import http.client
import os
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port_file, flag_file, upstream = sys.argv[1], sys.argv[2], urllib.parse.urlsplit(sys.argv[3])
bypass_header = os.environ.get("BYPASS_HEADER", "X-Compuerta-Bypass")
bypass_value = os.environ.get("BYPASS_VALUE", "")
PAGE = ("<!doctype html><html lang=es><meta charset=utf-8><title>SEP-MUSES en mantenimiento</title>"
        "<h1>SEP-MUSES está en mantenimiento</h1><p>Volvemos en breve.</p></html>").encode()


class Front(BaseHTTPRequestHandler):
    def handle_any(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        bypass = bypass_value and self.headers.get(bypass_header) == bypass_value
        if os.path.exists(flag_file) and not bypass:
            self.send_response(503)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Retry-After", "600")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)
            return
        try:
            c = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=10)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
            c.request(self.command, self.path, body or None, headers)
            r = c.getresponse()
            data = r.read()
        except OSError as e:
            data = f"upstream unreachable: {e}".encode()
            self.send_response(502)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        self.send_response(r.status)
        for k, v in r.getheaders():
            if k.lower() not in ("transfer-encoding", "connection", "content-length", "server", "date"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = handle_any

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Front)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(port_file + ".tmp", port_file)
server.serve_forever()
