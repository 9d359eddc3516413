#include "core/messages/catalog.hpp"
#include "core/report/json_read.hpp"

#include "core/util/json.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace compuerta::core::report {

using nlohmann::json;

Result<ReadReport> parse_json_report(std::string_view text, const std::string& origin) {
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return Error{fmt::format("{}: not a compuerta JSON report (not a JSON object)", origin)};
    auto suites = doc.find("suites");
    if (suites == doc.end() || !suites->is_array())
        return Error{fmt::format("{}: not a compuerta JSON report (no \"suites\" array)", origin)};
    ReadReport out;
    out.error = util::json_text(doc, "error");
    if (auto ec = doc.find("exit_code"); ec != doc.end() && ec->is_number_integer())
        out.exit_code = ec->get<int>();
    for (const auto& s : *suites) {
        if (!s.is_object())
            return Error{msg::tr("report.json.suite_not_object", {{"origin", origin}})};
        auto checks = s.find("checks");
        if (checks == s.end() || !checks->is_array())
            return Error{msg::tr("report.json.no_checks", {{"origin", origin}, {"suite", util::json_text(s, "name")}})};
        for (const auto& c : *checks) {
            if (!c.is_object() || util::json_text(c, "id").empty())
                return Error{msg::tr("report.json.no_id", {{"origin", origin}, {"suite", util::json_text(s, "name")}})};
            ReportedCheck rc;
            rc.suite = util::json_text(s, "name");
            rc.id = util::json_text(c, "id");
            rc.item = util::json_text(c, "item");
            rc.name = util::json_text(c, "name");
            rc.message = util::json_text(c, "message");
            auto st = parse_status(util::json_text(c, "status"));
            if (!st)
                return Error{msg::tr("report.json.bad_status", {{"origin", origin},
                                                                {"id", rc.id},
                                                                {"status", util::json_text(c, "status")}})};
            rc.status = *st;
            if (auto ev = c.find("evidence"); ev != c.end() && ev->is_object())
                for (const auto& [k, v] : ev->items())
                    rc.evidence[k] = util::json_text(v);
            out.checks.push_back(std::move(rc));
        }
    }
    return out;
}

} // namespace compuerta::core::report
