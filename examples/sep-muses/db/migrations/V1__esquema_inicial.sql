-- SEP-MUSES: esquema inicial (demo). Escuelas, ciclos escolares, alumnos con
-- CURP, inscripciones y bajas.
CREATE TABLE escuelas (
    id            bigserial PRIMARY KEY,
    cct           varchar(10) NOT NULL UNIQUE,      -- Clave de Centro de Trabajo
    nombre        text        NOT NULL,
    entidad       char(2)     NOT NULL,             -- clave de entidad federativa
    nivel         text        NOT NULL CHECK (nivel IN ('preescolar', 'primaria', 'secundaria')),
    cupo          integer     NOT NULL CHECK (cupo > 0)
);

CREATE TABLE ciclos_escolares (
    id            bigserial PRIMARY KEY,
    clave         varchar(9)  NOT NULL UNIQUE,      -- '2026-2027'
    inicio        date        NOT NULL,
    fin           date        NOT NULL,
    activo        boolean     NOT NULL DEFAULT false,
    CHECK (fin > inicio)
);

CREATE TABLE alumnos (
    id                bigserial PRIMARY KEY,
    curp              char(18)    NOT NULL UNIQUE
                      CHECK (curp ~ '^[A-Z][AEIOUX][A-Z]{2}[0-9]{6}[HM][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[0-9A-Z][0-9]$'),
    nombre            text        NOT NULL,
    primer_apellido   text        NOT NULL,
    segundo_apellido  text,
    fecha_nacimiento  date        NOT NULL,
    curp_validada_en  timestamptz,                  -- última validación contra RENAPO
    creado_en         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE inscripciones (
    id            bigserial PRIMARY KEY,
    alumno_id     bigint      NOT NULL REFERENCES alumnos (id),
    escuela_id    bigint      NOT NULL REFERENCES escuelas (id),
    ciclo_id      bigint      NOT NULL REFERENCES ciclos_escolares (id),
    grado         smallint    NOT NULL CHECK (grado BETWEEN 1 AND 6),
    estado        text        NOT NULL DEFAULT 'activa' CHECK (estado IN ('activa', 'baja')),
    inscrito_en   timestamptz NOT NULL DEFAULT now()
);
-- Un alumno tiene a lo más una inscripción activa por ciclo.
CREATE UNIQUE INDEX inscripciones_activa_por_ciclo
    ON inscripciones (alumno_id, ciclo_id) WHERE estado = 'activa';

CREATE TABLE bajas (
    id              bigserial PRIMARY KEY,
    inscripcion_id  bigint      NOT NULL UNIQUE REFERENCES inscripciones (id),
    motivo          text        NOT NULL CHECK (motivo IN ('cambio_domicilio', 'cambio_escuela', 'desercion', 'otro')),
    dada_en         timestamptz NOT NULL DEFAULT now()
);
