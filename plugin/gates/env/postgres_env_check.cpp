#include "plugin/gates/env/postgres_env_check.hpp"
#include "core/messages/catalog.hpp"
#include "core/util/text.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace compuerta::plugin::gates {

namespace msg = core::msg;

namespace {

std::string literal(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}

// "128MB" -> 134217728 (bytes), "30s" -> 30000 (ms), "100" -> 100.
std::optional<double> quantity(const std::string& text) {
    std::string s = core::util::trim(text);
    std::size_t i = 0;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.' || s[i] == '-')) ++i;
    if (i == 0) return std::nullopt;
    double v = 0;
    try {
        v = std::stod(s.substr(0, i));
    } catch (const std::exception&) {
        return std::nullopt;
    }
    std::string unit = core::util::trim(s.substr(i));
    static const std::pair<const char*, double> units[] = {
        {"", 1},         {"B", 1},        {"kB", 1024},       {"MB", 1048576.0}, {"GB", 1073741824.0},
        {"TB", 1099511627776.0}, {"ms", 1}, {"s", 1000},       {"min", 60000},    {"h", 3600000},
        {"d", 86400000}};
    for (const auto& [u, f] : units)
        if (unit == u) return v * f;
    return std::nullopt;
}

} // namespace

std::optional<long> version_number(const std::string& v) {
    int parts[3] = {0, 0, 0};
    int n = 0;
    std::size_t i = 0;
    while (n < 3 && i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) {
        int x = 0;
        while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) x = x * 10 + (v[i++] - '0');
        parts[n++] = x;
        if (i < v.size() && v[i] == '.') ++i;
        else break;
    }
    if (n == 0) return std::nullopt;
    if (parts[0] >= 10) return parts[0] * 10000L + parts[1];
    return parts[0] * 10000L + parts[1] * 100L + parts[2];
}

bool setting_satisfies(const std::string& actual, const std::string& expected) {
    std::string e = core::util::trim(expected);
    std::string op;
    for (const char* o : {">=", "<=", "!=", ">", "<", "="}) {
        if (e.rfind(o, 0) == 0) {
            op = o;
            e = core::util::trim(e.substr(op.size()));
            break;
        }
    }
    auto a = quantity(actual), x = quantity(e);
    if (op.empty() || op == "=" || op == "!=") {
        bool eq = (a && x) ? std::fabs(*a - *x) < 1e-9 : core::util::lower(core::util::trim(actual)) == core::util::lower(e);
        return op == "!=" ? !eq : eq;
    }
    if (!a || !x) return false;
    if (op == ">=") return *a >= *x;
    if (op == "<=") return *a <= *x;
    if (op == ">") return *a > *x;
    return *a < *x;
}

std::string requirements_query(const PostgresRequirements& req) {
    std::string exts = "ARRAY[]::text[]";
    if (!req.extensions.empty()) {
        exts = "ARRAY[";
        for (std::size_t i = 0; i < req.extensions.size(); ++i) exts += (i ? "," : "") + literal(req.extensions[i]);
        exts += "]::text[]";
    }
    std::string settings;
    for (const auto& [name, expected] : req.settings)
        settings += fmt::format("{}{}, current_setting({}, true)", settings.empty() ? "" : ", ", literal(name),
                                literal(name));
    return fmt::format(
        "SELECT json_build_object("
        "'version_num', current_setting('server_version_num'), "
        "'version', current_setting('server_version'), "
        "'installed', (SELECT coalesce(json_agg(extname), '[]'::json) FROM pg_extension WHERE extname = ANY({0})), "
        "'available', (SELECT coalesce(json_agg(name), '[]'::json) FROM pg_available_extensions WHERE name = ANY({0})), "
        "'settings', json_build_object({1}))::text",
        exts, settings);
}

core::Outcome judge_postgres(const std::string& json_text, const PostgresRequirements& req) {
    auto js = nlohmann::json::parse(json_text, nullptr, false);
    if (js.is_discarded() || !js.is_object())
        return core::Outcome::make(core::Status::error, msg::tr("gates.env.pg.not_json"));
    std::string version = js.value("version", "");
    long num = std::atol(js.value("version_num", "0").c_str());
    core::Evidence ev = {{"server_version", version}};
    std::vector<std::string> problems;
    if (!req.min_version.empty()) {
        auto want = version_number(req.min_version);
        if (!want) return core::Outcome::make(core::Status::error, msg::tr("gates.env.pg.min_version_invalid", {{"value", req.min_version}}));
        if (num < *want)
            problems.push_back(msg::tr("gates.env.pg.older", {{"version", version}, {"required", req.min_version}}));
    }
    auto contains = [](const nlohmann::json& arr, const std::string& n) {
        if (!arr.is_array()) return false;
        return std::any_of(arr.begin(), arr.end(), [&](const auto& x) { return x.is_string() && x.template get<std::string>() == n; });
    };
    for (const auto& e : req.extensions) {
        if (contains(js["installed"], e)) continue;
        if (contains(js["available"], e))
            problems.push_back(msg::tr("gates.env.pg.ext_not_installed", {{"name", e}}));
        else
            problems.push_back(msg::tr("gates.env.pg.ext_unavailable", {{"name", e}}));
    }
    const auto& settings = js["settings"];
    for (const auto& [name, expected] : req.settings) {
        const auto it = settings.is_object() ? settings.find(name) : settings.end();
        if (!settings.is_object() || it == settings.end() || !it->is_string()) {
            problems.push_back(msg::tr("gates.env.pg.setting_missing", {{"name", name}}));
            continue;
        }
        std::string actual = it->get<std::string>();
        ev.emplace_back("setting." + name, actual);
        if (!setting_satisfies(actual, expected))
            problems.push_back(
                msg::tr("gates.env.pg.setting_mismatch", {{"name", name}, {"actual", actual}, {"expected", expected}}));
    }
    ev.emplace_back("extensions", core::EvidenceValue::integer(req.extensions.size()));
    if (problems.empty())
        return core::Outcome::make(core::Status::pass,
                                   msg::tr("gates.env.pg.ok",
                                           {{"version", version},
                                            {"extensions", msg::trn("gates.env.pg.count.extensions",
                                                                    static_cast<long long>(req.extensions.size()))},
                                            {"settings", msg::trn("gates.env.pg.count.settings",
                                                                  static_cast<long long>(req.settings.size()))}}),
                                   ev);
    core::Outcome o = core::Outcome::make(
        core::Status::fail,
        problems.size() > 1 ? msg::trn("gates.env.pg.failed_more", static_cast<long long>(problems.size() - 1),
                                       {{"version", version}, {"problem", problems.front()}})
                            : msg::tr("gates.env.pg.failed", {{"version", version}, {"problem", problems.front()}}),
        ev);
    for (const auto& p : problems) o.detail += p + "\n";
    return o;
}

PostgresEnvCheck::PostgresEnvCheck(core::CheckSpec spec, PostgresRequirements req, core::Postgres& pg)
    : core::Check(std::move(spec)), m_req(std::move(req)), m_pg(pg) {}

core::Outcome PostgresEnvCheck::run(const core::Deadline& deadline) {
    auto probe = m_pg.probe(m_req.dsn, requirements_query(m_req), deadline);
    if (!probe) {
        const auto& f = probe.error();
        // An unreachable production database fails the environment gate.
        return core::Outcome::make(f.phase == core::PgPhase::config ? core::Status::error : core::Status::fail,
                                   f.message, {{"phase", std::string(core::to_string(f.phase))}});
    }
    core::Outcome o = judge_postgres(probe->first_value, m_req);
    o.evidence.emplace_back("host", probe->host);
    o.evidence.emplace_back("database", probe->database);
    return o;
}

} // namespace compuerta::plugin::gates
