-- SEP-MUSES V3: cambio de datos. Los nombres se guardan en mayúsculas, como
-- los devuelve RENAPO, y sin espacios sobrantes.
UPDATE alumnos
   SET nombre           = upper(btrim(nombre)),
       primer_apellido  = upper(btrim(primer_apellido)),
       segundo_apellido = upper(btrim(segundo_apellido));
