#include "core/report/json_read.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace compuerta::core::report {

namespace {

using nlohmann::json;

std::string as_text(const json& v) {
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_null())
        return "";
    return v.dump();
}

std::string str(const json& obj, const char* key) {
    auto it = obj.find(key);
    return it == obj.end() ? std::string() : as_text(*it);
}

} // namespace

Result<ReadReport> parse_json_report(std::string_view text, const std::string& origin) {
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return Error{fmt::format("{}: not a compuerta JSON report (not a JSON object)", origin)};
    auto suites = doc.find("suites");
    if (suites == doc.end() || !suites->is_array())
        return Error{fmt::format("{}: not a compuerta JSON report (no \"suites\" array)", origin)};
    ReadReport out;
    if (auto ec = doc.find("exit_code"); ec != doc.end() && ec->is_number_integer())
        out.exit_code = ec->get<int>();
    for (const auto& s : *suites) {
        if (!s.is_object())
            return Error{fmt::format("{}: a suite is not a JSON object", origin)};
        auto checks = s.find("checks");
        if (checks == s.end() || !checks->is_array())
            return Error{
                fmt::format("{}: suite \"{}\" has no \"checks\" array", origin, str(s, "name"))};
        for (const auto& c : *checks) {
            if (!c.is_object() || str(c, "id").empty())
                return Error{
                    fmt::format("{}: a check of suite \"{}\" has no id", origin, str(s, "name"))};
            ReportedCheck rc;
            rc.suite = str(s, "name");
            rc.id = str(c, "id");
            rc.item = str(c, "item");
            rc.name = str(c, "name");
            rc.message = str(c, "message");
            auto st = parse_status(str(c, "status"));
            if (!st)
                return Error{fmt::format(
                    "{}: check \"{}\" has status \"{}\", expected pass, fail, error, skip or warn",
                    origin, rc.id, str(c, "status"))};
            rc.status = *st;
            if (auto ev = c.find("evidence"); ev != c.end() && ev->is_object())
                for (const auto& [k, v] : ev->items())
                    rc.evidence[k] = as_text(v);
            out.checks.push_back(std::move(rc));
        }
    }
    return out;
}

} // namespace compuerta::core::report
