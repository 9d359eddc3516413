#pragma once
// RENAPO's two real request/answer shapes, shared by the `renapo` check and
// renapo-sim: the JSON consult ({"curp", "tipoBusqueda": "curp"} answered
// with codigo/mensaje/registros) and the SOAP ConsultaPorCurp web service
// (answers carry StatusOper EXITOSO / NO EXITOSO, TipoError, CodigoError,
// CURP, names and statusCurp).
#include "core/ports/http.hpp"
#include "core/result.hpp"

#include <optional>
#include <string>
#include <vector>

namespace compuerta::smoke::renapo {

enum class Shape { json, soap };
std::string_view to_string(Shape s) noexcept;

struct Credentials {
    std::string user;     // SOAP <usuario>, JSON basic-auth user
    std::string password; // SOAP <password>, JSON basic-auth password (secret)
    std::string token;    // JSON bearer token (secret); wins over user/password
    std::string entity;   // SOAP <cveEntidadEmisora>
};

// One person as RENAPO returns it.
struct Person {
    std::string curp;
    std::string nombres;
    std::string primer_apellido;
    std::string segundo_apellido;
    std::string sexo;              // H, M, X
    std::string fecha_nacimiento;  // YYYY-MM-DD
    std::string entidad;           // state code, "DF"
    std::string status_curp;       // AN, AH, RCN, BD, ...
};

// What an answer said, whatever the shape.
struct Answer {
    bool success = false;       // JSON: codigo "01" with a registro; SOAP: StatusOper EXITOSO
    std::string code;           // JSON codigo; SOAP CodigoError
    std::string message;        // JSON mensaje; SOAP TipoError (or a SOAP Fault's faultstring)
    std::optional<Person> person;
};

// The request for `curp` at `endpoint` (method, headers, body). Registers
// the credentials (and an Authorization header built from them) as secrets.
core::HttpRequest build_request(Shape shape, const std::string& endpoint, const std::string& curp,
                                const Credentials& creds);

// Parses an answer body. Error: what is malformed ("not JSON: ...", "no
// StatusOper element"), never the whole body.
core::Result<Answer> parse_answer(Shape shape, const std::string& body);

// Server side (renapo-sim): the CURP and credentials a request carries, or
// an Error saying what is wrong with it.
struct Query {
    std::string curp;
    Credentials creds;
};
core::Result<Query> parse_request(Shape shape, const std::string& body);
// The answer body for `person` (nullptr: not found).
std::string render_answer(Shape shape, const std::string& curp, const Person* person);

// JSON codigo values this module writes and reads.
inline constexpr const char* k_json_found = "01";
inline constexpr const char* k_json_not_found = "02";

std::string base64(std::string_view in);

} // namespace compuerta::smoke::renapo
