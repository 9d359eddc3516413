#include "smoke/renapo/shapes.hpp"

#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"
#include "core/util/escape.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <sstream>

namespace compuerta::smoke::renapo {

namespace {

constexpr const char* k_soap_env = "http://schemas.xmlsoap.org/soap/envelope/";
constexpr const char* k_soap_ns = "http://services.wserv.ecurp.dgti.segob.gob.mx";

// The text of the first element named `local` (any namespace prefix).
std::optional<std::string> element_text(const pugi::xml_document& doc, const char* local) {
    std::string q = fmt::format("//*[local-name()='{}']", local);
    pugi::xpath_node n = doc.select_node(q.c_str());
    if (!n) return std::nullopt;
    return std::string(n.node().text().as_string());
}

std::string text_or(const pugi::xml_document& doc, const char* local) { return element_text(doc, local).value_or(""); }

std::string json_str(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return {};
    return it->is_string() ? it->get<std::string>() : it->dump();
}

core::Result<Answer> parse_json(const std::string& body) {
    nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_discarded())
        return core::Error{core::msg::tr("smoke.renapo.answer.not_json")};
    if (!j.is_object())
        return core::Error{core::msg::tr("smoke.renapo.answer.not_object")};
    if (!j.contains("codigo"))
        return core::Error{core::msg::tr("smoke.renapo.answer.no_codigo")};
    Answer a;
    a.code = json_str(j, "codigo");
    a.message = json_str(j, "mensaje");
    auto regs = j.find("registros");
    if (regs != j.end() && !regs->is_array())
        return core::Error{core::msg::tr("smoke.renapo.answer.registros_not_list")};
    if (regs != j.end() && !regs->empty()) {
        const auto& r = (*regs)[0];
        if (!r.is_object())
            return core::Error{core::msg::tr("smoke.renapo.answer.registro_not_object")};
        Person p;
        p.curp = json_str(r, "curp");
        p.nombres = json_str(r, "nombres");
        p.primer_apellido = json_str(r, "primerApellido");
        p.segundo_apellido = json_str(r, "segundoApellido");
        p.sexo = json_str(r, "sexo");
        p.fecha_nacimiento = json_str(r, "fechaNacimiento");
        p.entidad = json_str(r, "entidadNacimiento");
        p.status_curp = json_str(r, "statusCurp");
        a.person = std::move(p);
    }
    a.success = a.code == k_json_found && a.person.has_value();
    return a;
}

core::Result<Answer> parse_soap(const std::string& body) {
    pugi::xml_document doc;
    pugi::xml_parse_result pr = doc.load_buffer(body.data(), body.size());
    if (!pr)
        return core::Error{core::msg::tr("smoke.renapo.answer.not_xml",
                                         {{"reason", pr.description()}, {"offset", pr.offset}})};
    Answer a;
    if (auto fault = element_text(doc, "faultstring")) {
        a.message = "SOAP Fault: " + *fault;
        a.code = text_or(doc, "faultcode");
        return a;
    }
    auto status = element_text(doc, "StatusOper");
    if (!status)
        return core::Error{core::msg::tr("smoke.renapo.answer.no_status")};
    a.success = *status == "EXITOSO";
    a.code = text_or(doc, "CodigoError");
    // RENAPO's own words: the error type and whatever message element the
    // answer carries, after the operation status ("NO EXITOSO: ...").
    std::string text;
    for (const char* el : {"TipoError", "mensaje", "Mensaje", "message", "descripcion", "DescripcionError"}) {
        std::string t = text_or(doc, el);
        if (!t.empty() && text.find(t) == std::string::npos) text += (text.empty() ? "" : "; ") + t;
    }
    a.message = text.empty() ? *status : (a.success ? text : *status + ": " + text);
    if (auto curp = element_text(doc, "CURP"); curp && !curp->empty()) {
        Person p;
        p.curp = *curp;
        p.nombres = text_or(doc, "nombres");
        p.primer_apellido = text_or(doc, "apellido1");
        p.segundo_apellido = text_or(doc, "apellido2");
        p.sexo = text_or(doc, "sexo");
        p.fecha_nacimiento = text_or(doc, "fechNac");
        p.entidad = text_or(doc, "cveEntidadNac");
        p.status_curp = text_or(doc, "statusCurp");
        a.person = std::move(p);
    }
    return a;
}

} // namespace

std::string_view to_string(Shape s) noexcept { return s == Shape::json ? "json" : "soap"; }

std::string base64(std::string_view in) {
    static constexpr char k_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                     static_cast<unsigned char>(in[i + 2]);
        for (int k = 18; k >= 0; k -= 6) out += k_chars[(v >> k) & 63];
    }
    if (i < in.size()) {
        unsigned v = static_cast<unsigned char>(in[i]) << 16;
        if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
        out += k_chars[(v >> 18) & 63];
        out += k_chars[(v >> 12) & 63];
        out += i + 1 < in.size() ? k_chars[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

core::HttpRequest build_request(Shape shape, const std::string& endpoint, const std::string& curp,
                                const Credentials& creds) {
    auto& secrets = core::SecretRegistry::global();
    secrets.add(creds.password, "renapo.password");
    secrets.add(creds.token, "renapo.token");
    core::HttpRequest req;
    req.method = "POST";
    req.url = endpoint;
    if (shape == Shape::json) {
        req.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
        if (!creds.token.empty()) {
            req.headers.emplace_back("Authorization", "Bearer " + creds.token);
        } else if (!creds.user.empty()) {
            std::string b = base64(creds.user + ":" + creds.password);
            if (!creds.password.empty()) secrets.add(b, "renapo basic auth");
            req.headers.emplace_back("Authorization", "Basic " + b);
        }
        req.body = nlohmann::json{{"curp", curp}, {"tipoBusqueda", "curp"}}.dump();
        return req;
    }
    req.headers = {{"Content-Type", "text/xml; charset=utf-8"}, {"SOAPAction", "\"consultarPorCurp\""}};
    req.body = fmt::format(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<soapenv:Envelope xmlns:soapenv=\"{}\" xmlns:con=\"{}\">\n"
        "  <soapenv:Header/>\n"
        "  <soapenv:Body>\n"
        "    <con:consultarPorCurp>\n"
        "      <datos>\n"
        "        <cveCurp>{}</cveCurp>\n"
        "        <cveEntidadEmisora>{}</cveEntidadEmisora>\n"
        "        <password>{}</password>\n"
        "        <usuario>{}</usuario>\n"
        "      </datos>\n"
        "    </con:consultarPorCurp>\n"
        "  </soapenv:Body>\n"
        "</soapenv:Envelope>\n",
        k_soap_env, k_soap_ns, core::util::xml_escape(curp), core::util::xml_escape(creds.entity), core::util::xml_escape(creds.password),
        core::util::xml_escape(creds.user));
    return req;
}

core::Result<Answer> parse_answer(Shape shape, const std::string& body) {
    return shape == Shape::json ? parse_json(body) : parse_soap(body);
}

core::Result<Query> parse_request(Shape shape, const std::string& body) {
    Query q;
    if (shape == Shape::json) {
        nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
        if (j.is_discarded() || !j.is_object()) return core::Error{"the request body is not a JSON object"};
        if (json_str(j, "tipoBusqueda") != "curp") return core::Error{"tipoBusqueda must be \"curp\""};
        q.curp = json_str(j, "curp");
        if (q.curp.empty()) return core::Error{"the request has no \"curp\""};
        return q;
    }
    pugi::xml_document doc;
    if (!doc.load_buffer(body.data(), body.size())) return core::Error{"the request body is not XML"};
    auto curp = element_text(doc, "cveCurp");
    if (!curp) return core::Error{"the SOAP request has no cveCurp"};
    q.curp = *curp;
    q.creds.user = text_or(doc, "usuario");
    q.creds.password = text_or(doc, "password");
    q.creds.entity = text_or(doc, "cveEntidadEmisora");
    return q;
}

std::string render_answer(Shape shape, const std::string& curp, const Person* p) {
    if (shape == Shape::json) {
        nlohmann::json j;
        if (p == nullptr) {
            j = {{"codigo", k_json_not_found},
                 {"mensaje", "La CURP no se encuentra en la base de datos"},
                 {"registros", nlohmann::json::array()}};
        } else {
            j = {{"codigo", k_json_found},
                 {"mensaje", "La consulta se realizó correctamente"},
                 {"registros",
                  {{{"curp", p->curp},
                    {"nombres", p->nombres},
                    {"primerApellido", p->primer_apellido},
                    {"segundoApellido", p->segundo_apellido},
                    {"sexo", p->sexo},
                    {"fechaNacimiento", p->fecha_nacimiento},
                    {"entidadNacimiento", p->entidad},
                    {"statusCurp", p->status_curp}}}}};
        }
        return j.dump();
    }
    std::ostringstream out;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<soap:Envelope xmlns:soap=\"" << k_soap_env << "\"><soap:Body>"
        << "<ns2:consultarPorCurpResponse xmlns:ns2=\"" << k_soap_ns << "\"><return>";
    if (p == nullptr) {
        out << "<StatusOper>NO EXITOSO</StatusOper><TipoError>La CURP no se encuentra en la base de datos</TipoError>"
            << "<CodigoError>06</CodigoError><CURP>" << core::util::xml_escape(curp) << "</CURP>";
    } else {
        out << "<StatusOper>EXITOSO</StatusOper><TipoError/><CodigoError/>"
            << "<CURP>" << core::util::xml_escape(p->curp) << "</CURP>"
            << "<nombres>" << core::util::xml_escape(p->nombres) << "</nombres>"
            << "<apellido1>" << core::util::xml_escape(p->primer_apellido) << "</apellido1>"
            << "<apellido2>" << core::util::xml_escape(p->segundo_apellido) << "</apellido2>"
            << "<sexo>" << core::util::xml_escape(p->sexo) << "</sexo>"
            << "<fechNac>" << core::util::xml_escape(p->fecha_nacimiento) << "</fechNac>"
            << "<nacionalidad>MEX</nacionalidad>"
            << "<cveEntidadNac>" << core::util::xml_escape(p->entidad) << "</cveEntidadNac>"
            << "<statusCurp>" << core::util::xml_escape(p->status_curp) << "</statusCurp>";
    }
    out << "</return></ns2:consultarPorCurpResponse></soap:Body></soap:Envelope>\n";
    return out.str();
}

} // namespace compuerta::smoke::renapo
