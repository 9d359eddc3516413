#include "core/report/json.hpp"

#include "core/secrets.hpp"

#include <nlohmann/json.hpp>

namespace compuerta::core::report {

namespace {
// Evidence typed at its source is written as a JSON number or boolean; text
// stays a string (a version "15.4" or a commit "1234567" is never guessed).
nlohmann::ordered_json evidence_json(const EvidenceValue& v) {
    switch (v.kind()) {
    case EvidenceValue::Kind::integer:
        try {
            return std::stoll(v);
        } catch (const std::exception&) {
            return static_cast<const std::string&>(v);
        }
    case EvidenceValue::Kind::decimal:
        return v.number();
    case EvidenceValue::Kind::boolean:
        return v == "true";
    case EvidenceValue::Kind::text:
        break;
    }
    return static_cast<const std::string&>(v);
}
} // namespace

std::string render_json(const std::vector<Suite>& suites, int exit_code) {
    nlohmann::ordered_json doc;
    doc["exit_code"] = exit_code;
    doc["suites"] = nlohmann::ordered_json::array();
    for (const auto& s : suites) {
        nlohmann::ordered_json js;
        Totals t = totals(s);
        js["name"] = s.name;
        js["started"] = format_rfc3339(s.started);
        js["duration_ms"] = s.duration.count();
        js["rounds"] = s.rounds;
        js["totals"] = {{"tests", t.tests},     {"failures", t.failures}, {"errors", t.errors},
                        {"skipped", t.skipped}, {"warnings", t.warnings}, {"waiting", t.waiting}};
        js["properties"] = nlohmann::ordered_json::object();
        for (const auto& [k, v] : s.properties)
            js["properties"][k] = static_cast<const std::string&>(v);
        js["checks"] = nlohmann::ordered_json::array();
        for (const auto& r : s.results) {
            nlohmann::ordered_json c;
            c["id"] = r.id;
            c["item"] = r.item;
            c["name"] = r.name;
            c["classname"] = r.classname;
            c["status"] = std::string(to_string(r.status));
            if (r.waiting)
                c["waiting"] = true;
            c["duration_ms"] = r.duration.count();
            c["started"] = format_rfc3339(r.started);
            c["message"] = r.message;
            if (!r.detail.empty()) c["detail"] = r.detail;
            c["evidence"] = nlohmann::ordered_json::object();
            for (const auto& [k, v] : r.evidence)
                c["evidence"][k] = evidence_json(v);
            if (!r.output.empty()) c["output"] = r.output;
            js["checks"].push_back(std::move(c));
        }
        doc["suites"].push_back(std::move(js));
    }
    return mask(doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)) + "\n";
}

std::string render_json_error(int exit_code, const std::string& error) {
    nlohmann::ordered_json doc;
    doc["exit_code"] = exit_code;
    doc["error"] = error;
    doc["suites"] = nlohmann::ordered_json::array();
    return mask(doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)) + "\n";
}

} // namespace compuerta::core::report
