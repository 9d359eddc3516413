#!/usr/bin/env python3
"""A tiny stand-in for RENAPO's JSON consult, for compuerta's own tests.

Usage: renapo_stub.py PORT_FILE CURP...
Listens on 127.0.0.1, port 0; writes the port to PORT_FILE. POST with
{"curp": ..., "tipoBusqueda": "curp"} is answered with codigo/mensaje/
registros: one record when the CURP is among the arguments, none otherwise.
(The full simulator with both shapes and fault injection is renapo-sim.)
"""
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KNOWN = set(sys.argv[2:])


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))
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
