// The routes: /health, inscripción, baja, and the test-data cleanup.
#include "app.hpp"

#include "smoke/renapo/curp.hpp"

#include <pqxx/pqxx>
#include <regex>

namespace sep_muses {

namespace {

using nlohmann::json;

Response error(int status, const std::string& message) { return Response{status, json{{"error", message}}, {}}; }

std::string text(const json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

Response health(const Settings& s) {
    Response r;
    r.body = {{"status", "ok"}, {"release", s.release}, {"database", "ok"}};
    try {
        pqxx::connection c(s.dsn);
        pqxx::nontransaction t(c);
        t.exec("SELECT 1");
    } catch (const std::exception& e) {
        r.status = 503;
        r.body["status"] = "degraded";
        r.body["database"] = "error";
    }
    return r;
}

Response inscribir(const Settings& s, Log& log, const json& in) {
    std::string curp = text(in, "curp");
    // RENAPO's rules: format, birth date (century from character 17, not in
    // the future), inconvenient words, no Ñ, check digit.
    if (auto why = compuerta::smoke::renapo::curp_problem(curp); !why.empty())
        return error(400, "CURP inválida: " + curp + " (" + why + ")");
    for (const char* k : {"nombre", "primer_apellido", "fecha_nacimiento", "cct"})
        if (text(in, k).empty()) return error(400, std::string("falta el campo ") + k);
    int grado = in.value("grado", 0);
    if (grado < 1 || grado > 6) return error(400, "grado fuera de rango (1 a 6)");

    RenapoAnswer a = renapo_lookup(s.renapo_url, curp);
    if (!a.reachable) {
        log.write("ERROR", "renapo", "consulta de CURP fallida: " + a.message);
        return error(502, "RENAPO no disponible: " + a.message);
    }
    if (!a.found) {
        log.write("WARN ", "renapo", "CURP " + curp + " no encontrada: " + a.message);
        return error(422, "CURP no encontrada en RENAPO");
    }
    pqxx::connection c(s.dsn);
    pqxx::work t(c);
    auto esc = t.exec_params("SELECT id FROM escuelas WHERE cct = $1", text(in, "cct"));
    if (esc.empty()) return error(404, "escuela " + text(in, "cct") + " no existe");
    auto ciclo = t.exec("SELECT id, clave FROM ciclos_escolares WHERE activo ORDER BY inicio DESC LIMIT 1");
    if (ciclo.empty()) return error(409, "no hay ciclo escolar activo");
    std::optional<std::string> segundo;
    if (!text(in, "segundo_apellido").empty()) segundo = text(in, "segundo_apellido");
    auto alumno = t.exec_params1(
        "INSERT INTO alumnos (curp, nombre, primer_apellido, segundo_apellido, fecha_nacimiento, curp_validada_en) "
        "VALUES ($1, $2, $3, $4, $5, now()) "
        "ON CONFLICT (curp) DO UPDATE SET curp_validada_en = now() RETURNING id",
        curp, text(in, "nombre"), text(in, "primer_apellido"), segundo, text(in, "fecha_nacimiento"));
    long long alumno_id = alumno[0].as<long long>();
    try {
        auto ins = t.exec_params1("INSERT INTO inscripciones (alumno_id, escuela_id, ciclo_id, grado) "
                                  "VALUES ($1, $2, $3, $4) RETURNING id",
                                  alumno_id, esc[0][0].as<long long>(), ciclo[0][0].as<long long>(), grado);
        t.commit();
        long long id = ins[0].as<long long>();
        log.write("INFO ", "inscripcion", "alumno " + std::to_string(alumno_id) + " inscrito (inscripción " +
                                              std::to_string(id) + ", ciclo " + ciclo[0][1].as<std::string>() + ")");
        Response r{201,
                   {{"id", id}, {"alumno_id", alumno_id}, {"estado", "activa"}, {"ciclo", ciclo[0][1].as<std::string>()},
                    {"cct", text(in, "cct")}, {"grado", grado}},
                   "/api/inscripciones/" + std::to_string(id)};
        return r;
    } catch (const pqxx::unique_violation&) {
        return error(409, "el alumno ya tiene una inscripción activa en el ciclo " + ciclo[0][1].as<std::string>());
    }
}

Response baja(const Settings& s, Log& log, long long id, const json& in) {
    std::string motivo = text(in, "motivo");
    if (motivo.empty()) motivo = "otro";
    pqxx::connection c(s.dsn);
    pqxx::work t(c);
    auto row = t.exec_params("SELECT estado FROM inscripciones WHERE id = $1 FOR UPDATE", id);
    if (row.empty()) return error(404, "inscripción " + std::to_string(id) + " no existe");
    if (row[0][0].as<std::string>() == "baja") return error(409, "la inscripción ya está dada de baja");
    try {
        t.exec_params("INSERT INTO bajas (inscripcion_id, motivo) VALUES ($1, $2)", id, motivo);
    } catch (const pqxx::check_violation&) {
        return error(400, "motivo inválido: " + motivo);
    }
    t.exec_params("UPDATE inscripciones SET estado = 'baja' WHERE id = $1", id);
    t.commit();
    log.write("INFO ", "baja", "inscripción " + std::to_string(id) + " dada de baja (" + motivo + ")");
    return Response{200, {{"id", id}, {"estado", "baja"}, {"motivo", motivo}}, {}};
}

Response consultar(const Settings& s, long long id) {
    pqxx::connection c(s.dsn);
    pqxx::nontransaction t(c);
    auto r = t.exec_params("SELECT i.estado, a.curp, i.grado FROM inscripciones i JOIN alumnos a ON a.id = i.alumno_id "
                           "WHERE i.id = $1",
                           id);
    if (r.empty()) return error(404, "inscripción " + std::to_string(id) + " no existe");
    return Response{200, {{"id", id}, {"estado", r[0][0].as<std::string>()}, {"curp", r[0][1].as<std::string>()},
                          {"grado", r[0][2].as<int>()}},
                    {}};
}

// Deletes every row of a test CURP (smoke-test cleanup). Only CURPs listed
// with --test-curp: a real student can never be deleted this way.
Response borrar_prueba(const Settings& s, Log& log, const std::string& curp) {
    if (s.test_curps.count(curp) == 0) return error(403, "la CURP " + curp + " no es de prueba");
    pqxx::connection c(s.dsn);
    pqxx::work t(c);
    auto b = t.exec_params("DELETE FROM bajas WHERE inscripcion_id IN (SELECT i.id FROM inscripciones i JOIN alumnos a "
                           "ON a.id = i.alumno_id WHERE a.curp = $1)",
                           curp);
    auto i = t.exec_params("DELETE FROM inscripciones WHERE alumno_id IN (SELECT id FROM alumnos WHERE curp = $1)", curp);
    auto a = t.exec_params("DELETE FROM alumnos WHERE curp = $1", curp);
    t.commit();
    auto n = b.affected_rows() + i.affected_rows() + a.affected_rows();
    log.write("INFO ", "pruebas", "datos de prueba de " + curp + " borrados (" + std::to_string(n) + " filas)");
    if (n == 0) return error(404, "no hay datos de prueba de " + curp);
    return Response{204, json(), {}};
}

} // namespace

Response handle(const Settings& s, Log& log, const std::string& method, const std::string& target,
                const std::string& body) {
    static const std::regex k_baja("^/api/inscripciones/([0-9]+)/baja$");
    static const std::regex k_one("^/api/inscripciones/([0-9]+)$");
    static const std::regex k_prueba("^/api/pruebas/alumnos/([A-Z0-9]{18})$");
    std::string path = target.substr(0, target.find('?'));
    std::smatch m;
    try {
        json in = body.empty() ? json::object() : json::parse(body, nullptr, false);
        if (in.is_discarded()) return error(400, "el cuerpo no es JSON");
        if (method == "GET" && path == "/health") return health(s);
        if (method == "POST" && path == "/api/inscripciones") return inscribir(s, log, in);
        if (method == "POST" && std::regex_match(path, m, k_baja)) return baja(s, log, std::stoll(m[1]), in);
        if (method == "GET" && std::regex_match(path, m, k_one)) return consultar(s, std::stoll(m[1]));
        if (method == "DELETE" && std::regex_match(path, m, k_prueba)) return borrar_prueba(s, log, m[1]);
        return error(404, "no existe " + method + " " + path);
    } catch (const pqxx::broken_connection& e) {
        log.write("ERROR", "db", std::string("sin conexión a la base de datos: ") + e.what());
        return error(503, "base de datos no disponible");
    } catch (const std::exception& e) {
        log.write("ERROR", "http", method + " " + path + ": " + e.what());
        return error(500, "error interno");
    }
}

} // namespace sep_muses
