#!/usr/bin/env python3
"""A tiny stand-in for RENAPO's JSON consult, for compuerta's own tests.

Usage: renapo_stub.py PORT_FILE [--seen=FILE] [--delay-first=SECONDS] CURP...
Listens on 127.0.0.1, port 0; writes the port to PORT_FILE. POST with
{"curp": ..., "tipoBusqueda": "curp"} is answered with codigo/mensaje/
registros: one record when the CURP is among the arguments, none otherwise.
--seen appends the CURP of each request to FILE when it arrives (a test
knows the application's request is in flight); --delay-first holds the
first request's answer that long (a slow RENAPO for a killed run only).
(The full simulator with both shapes and fault injection is renapo-sim.)
"""
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

OPTS = dict(a[2:].split("=", 1) for a in sys.argv[2:] if a.startswith("--"))
KNOWN = set(a for a in sys.argv[2:] if not a.startswith("--"))
LOCK = threading.Lock()
COUNT = [0]


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))
        with LOCK:
            COUNT[0] += 1
            first = COUNT[0] == 1
            if "seen" in OPTS:
                with open(OPTS["seen"], "a") as f:
                    f.write(body.decode(errors="replace") + "\n")
        if first and "delay-first" in OPTS:
            time.sleep(float(OPTS["delay-first"]))
        try:
            req = json.loads(body)
            curp = req["curp"]
        except (ValueError, KeyError):
            return self.answer(400, {"codigo": "99", "mensaje": "Solicitud inválida", "registros": []})
        if curp in KNOWN:
            rec = {"curp": curp, "nombres": "PRUEBA", "primerApellido": "HUMO", "segundoApellido": "COMPUERTA",
                   "statusCurp": "AN"}
            return self.answer(200, {"codigo": "01", "mensaje": "Consulta exitosa", "registros": [rec]})
        return self.answer(200, {"codigo": "04", "mensaje": "La CURP no se encuentra", "registros": []})

    def answer(self, status, obj):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
tmp = sys.argv[1] + ".tmp"
with open(tmp, "w") as f:
    f.write(str(server.server_address[1]))
os.rename(tmp, sys.argv[1])
server.serve_forever()
