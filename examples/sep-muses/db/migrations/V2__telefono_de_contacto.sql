-- SEP-MUSES V2: teléfono de contacto del tutor y búsqueda por apellidos.
ALTER TABLE alumnos ADD COLUMN telefono_tutor varchar(15)
    CHECK (telefono_tutor IS NULL OR telefono_tutor ~ '^[0-9]{10}$');

CREATE INDEX alumnos_apellidos ON alumnos (primer_apellido, segundo_apellido);
