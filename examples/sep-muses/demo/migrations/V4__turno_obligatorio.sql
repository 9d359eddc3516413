-- SEP-MUSES V4 (release v1.1.0, la versión defectuosa de la demo): el turno
-- de cada inscripción pasa a ser obligatorio. Las inscripciones existentes
-- reciben 'matutino', pero la aplicación todavía no envía el turno: toda
-- inscripción nueva viola NOT NULL y la transacción de inscripción (6.3)
-- falla. El smoke lo detecta y compuerta revierte la liberación.
ALTER TABLE inscripciones ADD COLUMN turno text
    CHECK (turno IN ('matutino', 'vespertino'));
UPDATE inscripciones SET turno = 'matutino';
ALTER TABLE inscripciones ALTER COLUMN turno SET NOT NULL;
