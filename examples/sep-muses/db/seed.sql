-- Datos de demostración (no personas reales).
INSERT INTO escuelas (cct, nombre, entidad, nivel, cupo) VALUES
    ('09DPR0001A', 'Escuela Primaria Benito Juárez', '09', 'primaria', 420),
    ('15EES0123B', 'Escuela Secundaria Técnica 45', '15', 'secundaria', 600),
    ('14DJN0456C', 'Jardín de Niños Rosaura Zapata', '14', 'preescolar', 150);
INSERT INTO ciclos_escolares (clave, inicio, fin, activo) VALUES
    ('2025-2026', '2025-09-01', '2026-07-15', false),
    ('2026-2027', '2026-08-31', '2027-07-16', true);
INSERT INTO alumnos (curp, nombre, primer_apellido, segundo_apellido, fecha_nacimiento) VALUES
    ('GOMC150312HDFRRR05', 'Carlos', 'Gómez', 'Ramírez', '2015-03-12'),
    ('LOPA140708MJCPRN09', 'Ana', 'López', 'Pérez', '2014-07-08'),
    ('HERJ160101HMCRNS02', 'José', 'Hernández', 'Núñez', '2016-01-01');
INSERT INTO inscripciones (alumno_id, escuela_id, ciclo_id, grado)
SELECT a.id, 1, 2, 4 FROM alumnos a WHERE a.curp = 'GOMC150312HDFRRR05';
INSERT INTO inscripciones (alumno_id, escuela_id, ciclo_id, grado)
SELECT a.id, 1, 2, 5 FROM alumnos a WHERE a.curp = 'LOPA140708MJCPRN09';
