#!/usr/bin/env python3
"""Writes SIZE_MB of Spanish SEP-MUSES application log lines to PATH.

Usage: logscan-gen.py PATH SIZE_MB [ERROR_PER_MILLE]
A block of distinct lines (~8 MiB) is generated with a fixed seed and
repeated until the size is reached, so the data is the same on every run.
About ERROR_PER_MILLE (default 2) lines in 1000 match an error pattern; a
third of those also match an allow-list pattern.
"""
import random
import sys

path, size_mb = sys.argv[1], int(sys.argv[2])
per_mille = float(sys.argv[3]) if len(sys.argv) > 3 else 2.0
rnd = random.Random(20261128)

escuelas = ["09DPR0001A", "15EES0123B", "14DJN0456C", "19DPR2210K", "21EST0077M"]
nombres = ["José", "María", "Ángel", "Sofía", "Martín", "Camila", "Ramón", "Lucía", "Iñaki", "Génesis"]
normal = [
    "INFO  [http] POST /api/inscripciones -> 201 ({ms} ms)",
    "INFO  [inscripcion] alumno {n} inscrito (inscripción {m}, ciclo 2026-2027, escuela {cct})",
    "INFO  [http] GET /api/inscripciones/{m} -> 200 ({ms} ms)",
    "INFO  [baja] inscripción {m} dada de baja (cambio_domicilio)",
    "DEBUG [renapo] consulta de CURP {curp}: 01 Consulta exitosa ({ms} ms)",
    "INFO  [sesion] usuario {nombre} inició sesión desde 10.2.{a}.{b}",
    "WARN  [renapo] CURP {curp} no encontrada: 04 La CURP no se encuentra en la base de datos",
    "INFO  [reportes] generación del reporte de matrícula de {cct} terminada en {ms} ms",
    "DEBUG [db] consulta de grupos del ciclo 2026-2027 para {cct}: {a} filas",
    "INFO  [notificaciones] correo de confirmación enviado a tutor de {nombre} (información de inscripción)",
]
errors = [
    "ERROR [renapo] consulta de CURP fallida: tiempo de espera agotado después de 5000 ms",
    "ERROR [db] sin conexión a la base de datos: connection refused",
    "FATAL [app] out of memory al generar el reporte de {cct}",
    "ERROR [http] POST /api/inscripciones -> 500: error interno (NullPointerException)",
    "CRITICAL [db] deadlock detected en inscripciones (alumno {n})",
    "ERROR [auth] fallo de autenticación para usuario {nombre}",
    "ERROR [archivos] permiso denegado al escribir /var/lib/sep-muses/reportes/{cct}.pdf",
    "ERROR [db] violación de restricción inscripciones_activa_por_ciclo (alumno {n})",
]
benign = [
    "ERROR [renapo] consulta de CURP fallida: reintento 1 de 3 (conexión restablecida)",
    "ERROR [monitor] health check de balanceador sin respuesta (benigno)",
    "ERROR [pruebas] CURP de prueba XEXX010101HNEXXXA4 rechazada por RENAPO",
]


def curp():
    return "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4)) + "%06d" % rnd.randrange(10**6) + "HDFRRR0" + str(rnd.randrange(10))


def fill(t):
    return t.format(ms=rnd.randrange(2, 900), n=rnd.randrange(10**5), m=rnd.randrange(10**6), cct=rnd.choice(escuelas),
                    curp=curp(), nombre=rnd.choice(nombres), a=rnd.randrange(256), b=rnd.randrange(256))


lines = []
size = 0
sec = 0
while size < 8 * 1024 * 1024:
    sec += rnd.randrange(0, 2)
    ts = "2026-11-28T%02d:%02d:%02d.%03dZ " % (17 + sec // 3600 % 6, sec // 60 % 60, sec % 60, rnd.randrange(1000))
    r = rnd.random() * 1000
    if r < per_mille * 2 / 3:
        t = rnd.choice(errors)
    elif r < per_mille:
        t = rnd.choice(benign)
    else:
        t = rnd.choice(normal)
    line = ts + fill(t) + "\n"
    lines.append(line)
    size += len(line.encode())
block = "".join(lines).encode()
target = size_mb * 1024 * 1024
with open(path, "wb") as f:
    written = 0
    while written + len(block) <= target:
        f.write(block)
        written += len(block)
    rest = block[: target - written]
    f.write(rest[: rest.rfind(b"\n") + 1])
