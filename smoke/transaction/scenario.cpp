#include "smoke/transaction/scenario.hpp"

#include "core/config/config.hpp"
#include "core/config/schema.hpp"
#include "core/errors.hpp"
#include "core/fs.hpp"
#include "core/messages/catalog.hpp"
#include "core/util/text.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

namespace compuerta::smoke::transaction {

namespace cs = core::config::s;
using core::config::Field;
using core::config::NodePtr;

namespace {

NodePtr request_schema(bool cleanup) {
    std::vector<Field> f = {
        {"method", cs::str("scenario.doc.method"), false, ""},
        {"url", cs::str("scenario.doc.url"), false, ""},
        {"path", cs::str("scenario.doc.path"), false, ""},
        {"headers", cs::map_of(cs::str()), false, ""},
        {"json", cs::any("scenario.doc.json"), false, ""},
        {"body", cs::str("scenario.doc.body"), false, ""},
    };
    if (cleanup)
        f.push_back({"status", cs::any("scenario.doc.status"), false, ""});
    return cs::map(f);
}

NodePtr scenario_schema() {
    static NodePtr s = cs::map({
        {"name", cs::str("scenario.doc.name"), true, ""},
        {"description", cs::str(), false, ""},
        {"vars", cs::map_of(cs::str()), false, ""},
        {"pool", cs::map_of(cs::str("scenario.doc.pool")), false, ""},
        {"headers", cs::map_of(cs::str()), false, ""},
        {"steps",
         cs::list(cs::map({
             {"name", cs::str(), true, ""},
             {"sql", cs::str(), false, ""},
             {"params", cs::list(cs::str()), false, ""},
             {"request", request_schema(false), false, ""},
             {"expect",
              cs::map({
                  {"rows", cs::integer(), false, ""},
                  {"affected", cs::integer(), false, ""},
                  {"row", cs::map_of(cs::str()), false, ""},
                  {"status", cs::any(), false, ""},
                  {"body_contains", cs::any(), false, ""},
                  {"json", cs::map_of(cs::str()), false, ""},
                  {"headers", cs::map_of(cs::str()), false, ""},
              }),
              false, ""},
             {"capture", cs::map_of(cs::any()), false, ""},
             {"cleanup", request_schema(true), false, ""},
         })),
         true, ""},
    });
    return s;
}

struct Loader {
    const std::string& file;
    const core::Env& env;

    std::string where(const YAML::Node& n) const {
        return fmt::format("{}:{}:{}", file, n.Mark().line + 1, n.Mark().column + 1);
    }
    [[noreturn]] void fail(const YAML::Node& n, const std::string& what) const {
        throw core::ConfigError(where(n) + ": " + what);
    }
    std::string str(const YAML::Node& n) const {
        auto r = core::config::expand(n.as<std::string>(), env);
        if (!r)
            fail(n, r.error().message);
        return *r;
    }
    std::vector<long> statuses(const YAML::Node& n) const {
        std::vector<long> out;
        auto one = [&](const YAML::Node& v) {
            long s = 0;
            try {
                s = v.as<long>();
            } catch (const YAML::Exception&) {
                fail(v, core::msg::tr("smoke.tx.scenario.status_number"));
            }
            if (s < 100 || s > 599)
                fail(v, core::msg::tr("smoke.tx.scenario.status_range"));
            out.push_back(s);
        };
        if (n.IsSequence())
            for (const auto& v : n)
                one(v);
        else
            one(n);
        return out;
    }
    std::vector<std::pair<std::string, std::string>> pairs(const YAML::Node& n) const {
        std::vector<std::pair<std::string, std::string>> out;
        if (n)
            for (const auto& kv : n)
                out.emplace_back(kv.first.as<std::string>(), str(kv.second));
        return out;
    }
    nlohmann::json to_json(const YAML::Node& n) const {
        if (n.IsMap()) {
            nlohmann::json j = nlohmann::json::object();
            for (const auto& kv : n)
                j[kv.first.as<std::string>()] = to_json(kv.second);
            return j;
        }
        if (n.IsSequence()) {
            nlohmann::json j = nlohmann::json::array();
            for (const auto& v : n)
                j.push_back(to_json(v));
            return j;
        }
        if (n.IsNull())
            return nullptr;
        if (n.Tag() == "!")
            return str(n); // quoted: always a string
        std::string s = n.as<std::string>();
        if (s == "true" || s == "false")
            return s == "true";
        try {
            std::size_t used = 0;
            long long i = std::stoll(s, &used);
            if (used == s.size())
                return i;
        } catch (const std::exception&) {
        }
        return str(n);
    }
    RequestTemplate request(const YAML::Node& n, bool cleanup) const {
        RequestTemplate r;
        if (n["method"])
            r.method = str(n["method"]);
        r.method = core::util::upper(r.method);
        if (n["url"] && n["path"])
            fail(n, core::msg::tr("smoke.tx.scenario.url_and_path"));
        if (n["url"])
            r.url = str(n["url"]);
        else if (n["path"])
            r.url = str(n["path"]);
        else
            fail(n, core::msg::tr("smoke.tx.scenario.no_url"));
        r.headers = pairs(n["headers"]);
        if (n["json"] && n["body"])
            fail(n, core::msg::tr("smoke.tx.scenario.json_and_body"));
        if (n["json"])
            r.json = to_json(n["json"]);
        if (n["body"])
            r.body = str(n["body"]);
        if (cleanup)
            r.ok_status =
                n["status"] ? statuses(n["status"]) : std::vector<long>{200, 201, 202, 204, 404};
        return r;
    }
    Step step(const YAML::Node& n) const {
        Step s;
        s.name = str(n["name"]);
        s.where = where(n);
        if (bool(n["sql"]) == bool(n["request"]))
            fail(n, core::msg::tr("smoke.tx.scenario.sql_or_request"));
        if (n["sql"]) {
            s.sql = str(n["sql"]);
            std::string kw = first_keyword(*s.sql);
            static const std::vector<std::string> k_banned = {
                "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "PREPARE", "RELEASE"};
            if (std::find(k_banned.begin(), k_banned.end(), kw) != k_banned.end())
                fail(n["sql"],
                     core::msg::tr("smoke.tx.scenario.transaction_keyword", {{"keyword", kw}}));
            for (const auto& p : n["params"])
                s.params.push_back(str(p));
            if (n["cleanup"])
                fail(n["cleanup"], core::msg::tr("smoke.tx.scenario.sql_cleanup"));
        } else {
            s.request = request(n["request"], false);
            if (n["params"])
                fail(n["params"], core::msg::tr("smoke.tx.scenario.params"));
        }
        if (n["cleanup"])
            s.cleanup = request(n["cleanup"], true);
        const YAML::Node e = n["expect"];
        if (e) {
            if (e["rows"])
                s.expect.rows = e["rows"].as<std::size_t>();
            if (e["affected"])
                s.expect.affected = e["affected"].as<long long>();
            for (const auto& [k, v] : pairs(e["row"]))
                s.expect.row[k] = v;
            if (e["status"])
                s.expect.status = statuses(e["status"]);
            if (e["body_contains"]) {
                if (e["body_contains"].IsSequence())
                    for (const auto& v : e["body_contains"])
                        s.expect.body_contains.push_back(str(v));
                else
                    s.expect.body_contains.push_back(str(e["body_contains"]));
            }
            for (const auto& [k, v] : pairs(e["json"]))
                s.expect.json[k] = v;
            for (const auto& [k, v] : pairs(e["headers"]))
                s.expect.headers[k] = v;
            if (s.sql && (!s.expect.status.empty() || !s.expect.body_contains.empty() ||
                          !s.expect.json.empty()))
                fail(e, core::msg::tr("smoke.tx.scenario.http_expect"));
            if (s.request && (s.expect.rows || s.expect.affected || !s.expect.row.empty()))
                fail(e, core::msg::tr("smoke.tx.scenario.sql_expect"));
        }
        for (const auto& kv : n["capture"]) {
            Capture c;
            c.name = kv.first.as<std::string>();
            const YAML::Node& v = kv.second;
            if (s.sql) {
                if (!v.IsScalar())
                    fail(v, core::msg::tr("smoke.tx.scenario.sql_capture"));
                c.from = Capture::From::column;
                c.expr = v.as<std::string>();
            } else {
                if (!v.IsMap() || v.size() != 1)
                    fail(v, core::msg::tr("smoke.tx.scenario.http_capture_shape"));
                std::string how = v.begin()->first.as<std::string>();
                c.expr = v.begin()->second.as<std::string>();
                if (how == "json")
                    c.from = Capture::From::json;
                else if (how == "regex")
                    c.from = Capture::From::regex;
                else if (how == "header")
                    c.from = Capture::From::header;
                else
                    fail(v, core::msg::tr("smoke.tx.scenario.http_capture_kind"));
                if (c.from == Capture::From::json && !c.expr.empty() && c.expr[0] != '/')
                    fail(v, core::msg::tr("smoke.tx.scenario.json_pointer"));
            }
            s.captures.push_back(std::move(c));
        }
        return s;
    }
};

} // namespace

bool Scenario::has_sql() const {
    return std::any_of(steps.begin(), steps.end(), [](const Step& s) { return s.sql.has_value(); });
}
bool Scenario::has_http() const {
    return std::any_of(steps.begin(), steps.end(),
                       [](const Step& s) { return s.request.has_value(); });
}

std::string first_keyword(const std::string& sql) {
    std::size_t i = 0;
    for (;;) {
        while (i < sql.size() &&
               (std::isspace(static_cast<unsigned char>(sql[i])) || sql[i] == '('))
            ++i;
        if (sql.compare(i, 2, "--") == 0) {
            i = sql.find('\n', i);
            if (i == std::string::npos)
                return {};
        } else if (sql.compare(i, 2, "/*") == 0) {
            i = sql.find("*/", i);
            if (i == std::string::npos)
                return {};
            i += 2;
        } else {
            break;
        }
    }
    std::string kw;
    while (i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i])))
        kw += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i++])));
    return kw;
}

Scenario parse_scenario(const std::string& text, const std::string& name, const core::Env& env) {
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
        throw core::ConfigError(
            fmt::format("{}:{}:{}: {}", name, e.mark.line + 1, e.mark.column + 1, e.msg));
    }
    auto problems = core::config::validate(root, scenario_schema(), name);
    if (!problems.empty()) {
        std::string all;
        for (const auto& p : problems)
            all += (all.empty() ? "" : "\n") + p;
        throw core::ConfigError(all);
    }
    Loader l{name, env};
    Scenario sc;
    sc.file = name;
    sc.name = l.str(root["name"]);
    for (const auto& [k, v] : l.pairs(root["vars"]))
        sc.vars[k] = v;
    for (const auto& [k, v] : l.pairs(root["pool"])) {
        std::vector<std::string> values;
        std::string cur;
        for (char c : v + ",") {
            if (c == ',' || std::isspace(static_cast<unsigned char>(c))) {
                if (!cur.empty() && std::find(values.begin(), values.end(), cur) == values.end())
                    values.push_back(cur);
                cur.clear();
            } else {
                cur += c;
            }
        }
        if (values.empty())
            continue; // an empty pool (unset variable): the var's own value
        sc.pools[k] = std::move(values);
    }
    sc.headers = l.pairs(root["headers"]);
    for (const auto& st : root["steps"])
        sc.steps.push_back(l.step(st));
    if (sc.steps.empty())
        throw core::ConfigError(core::msg::tr("smoke.tx.scenario.no_steps", {{"scenario", name}}));
    return sc;
}

Scenario load_scenario(const std::string& path, const core::Env& env) {
    std::string text;
    try {
        text = core::read_file(path);
    } catch (const std::exception& e) {
        throw core::ConfigError(
            core::msg::tr("smoke.tx.scenario.unreadable", {{"path", path}, {"reason", e.what()}}));
    }
    return parse_scenario(text, path, env);
}

} // namespace compuerta::smoke::transaction
