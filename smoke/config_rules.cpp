#include "smoke/config_rules.hpp"

#include "core/config/rules.hpp"
#include "core/messages/catalog.hpp"
#include "smoke/checks/http_assert.hpp"
#include "smoke/checks/http_regex.hpp"
#include "smoke/logs/matcher.hpp"
#include "smoke/renapo/curp.hpp"
#include "smoke/suite.hpp"

#include <fmt/format.h>
#include <stdexcept>

namespace compuerta::smoke {

namespace {

namespace msg = core::msg;
using core::config::Problem;
using core::config::RuleInput;

std::string scalar_or(const YAML::Node& map, const char* key, const std::string& fallback) {
    if (!map.IsMap())
        return fallback;
    const YAML::Node v = map[key];
    return v && v.IsScalar() ? v.Scalar() : fallback;
}

std::optional<std::string> logs_pattern_problem(const std::string& pattern,
                                                const YAML::Node& check) {
    bool ignore_case = false;
    if (check.IsMap() && check["ignore_case"])
        YAML::convert<bool>::decode(check["ignore_case"], ignore_case);
    if (auto bad = logs::validate_patterns({pattern}, ignore_case))
        return msg::tr("smoke.rule.logs_pattern", {{"reason", bad->message}});
    if (scalar_or(check, "engine", "auto") != "hyperscan")
        return std::nullopt; // auto falls back to PCRE2
    try {
        (void)logs::make_hyperscan_matcher({pattern}, ignore_case);
    } catch (const std::invalid_argument& e) {
        std::string why = e.what();
        while (!why.empty() && why.back() == '.')
            why.pop_back();
        return msg::tr("smoke.rule.hyperscan_pattern", {{"reason", why}});
    }
    return std::nullopt;
}

struct IdAt {
    std::string id;
    YAML::Mark mark;
};

// Duplicate ids and unknown `depends_on` targets of smoke.checks, with the
// ids build_suite() gives (explicit, else default_check_id()).
void check_ids(const RuleInput& in, std::vector<Problem>& out) {
    if (!in.node.IsSequence())
        return;
    std::vector<IdAt> ids;
    std::map<std::string, int> seen;
    for (std::size_t i = 0; i < in.node.size(); ++i) {
        const YAML::Node def = in.node[i];
        std::string kind = scalar_or(def, "kind", "");
        if (kind.empty())
            continue;
        std::string fallback = default_check_id(kind, seen);
        const YAML::Node id = def["id"];
        IdAt at{fallback, def.Mark()};
        if (id && id.IsScalar())
            at = {id.Scalar(), id.Mark()};
        for (const auto& earlier : ids)
            if (earlier.id == at.id) {
                out.push_back(
                    {at.mark, fmt::format("{}[{}].id", in.path, i),
                     msg::tr("smoke.rule.duplicate_id", {{"id", at.id},
                                                         {"line", earlier.mark.line + 1},
                                                         {"column", earlier.mark.column + 1}})});
                break;
            }
        ids.push_back(at);
    }
    std::string known;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        bool again = false;
        for (std::size_t j = 0; j < i; ++j)
            again = again || ids[j].id == ids[i].id;
        if (!again)
            known += (known.empty() ? "" : ", ") + ids[i].id;
    }
    for (std::size_t i = 0; i < in.node.size(); ++i) {
        const YAML::Node deps = in.node[i].IsMap() ? in.node[i]["depends_on"] : YAML::Node();
        if (!deps || !deps.IsSequence())
            continue;
        for (std::size_t j = 0; j < deps.size(); ++j) {
            if (!deps[j].IsScalar() || deps[j].Scalar().find("${") != std::string::npos)
                continue;
            const std::string& dep = deps[j].Scalar();
            bool found = false;
            for (const auto& a : ids)
                found = found || a.id == dep;
            if (!found)
                out.push_back(
                    {deps[j].Mark(), fmt::format("{}[{}].depends_on[{}]", in.path, i, j),
                     msg::tr("smoke.rule.unknown_dependency", {{"id", dep}, {"known", known}})});
        }
    }
}

} // namespace

void define_config_rules() {
    core::config::define_text_rule(
        "curp", [](const std::string& text, const YAML::Node&) -> std::optional<std::string> {
            std::string why = renapo::curp_problem_text(text);
            if (why.empty())
                return std::nullopt;
            return msg::tr("smoke.rule.curp", {{"reason", why}});
        });
    core::config::define_text_rule(
        "regex.pcre2",
        [](const std::string& text, const YAML::Node&) -> std::optional<std::string> {
            auto re = checks::Regex::compile(text);
            if (re)
                return std::nullopt;
            return msg::tr("smoke.rule.pcre2", {{"reason", re.error().message}});
        });
    core::config::define_text_rule("regex.logs", logs_pattern_problem);
    core::config::define_text_rule("xpath", [](const std::string& text, const YAML::Node&) {
        return checks::xpath_problem(text);
    });
    core::config::define_rule("http.assertion", [](const RuleInput& in, std::vector<Problem>& out) {
        if (!in.node.IsMap())
            return;
        auto has = [&](const std::string& k) {
            const YAML::Node v = in.node[k];
            return v && !v.IsNull();
        };
        if (auto why = checks::assertion_shape_problem(has))
            out.push_back({in.node.Mark(), in.path, *why});
    });
    core::config::define_rule("smoke.checks", check_ids);
    define_check_kinds();
}

} // namespace compuerta::smoke
