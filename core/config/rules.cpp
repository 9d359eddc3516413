#include "core/messages/catalog.hpp"
#include "core/config/rules.hpp"

#include "core/config/config.hpp"
#include "core/util/local_time.hpp"
#include "core/util/text.hpp"
#include "core/util/time.hpp"

#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>

namespace compuerta::core::config {

namespace {

Rule text_rule(TextRule r) {
    return [r = std::move(r)](const RuleInput& in, std::vector<Problem>& out) {
        if (!in.node.IsScalar() || in.node.Scalar().find("${") != std::string::npos)
            return;
        if (auto why = r(in.node.Scalar(), in.owner))
            out.push_back({in.node.Mark(), in.path, *why});
    };
}

void define_builtin(std::map<std::string, Rule>& t) {
    t["url.http"] = text_rule([](const std::string& s, const YAML::Node&) {
        return url_problem(s, {"http", "https"});
    });
    t["url.smtp"] = text_rule([](const std::string& s, const YAML::Node&) {
        return url_problem(s, {"smtp", "smtps"});
    });
    t["url.proxy"] =
        text_rule([](const std::string& s, const YAML::Node&) -> std::optional<std::string> {
            if (s == "none")
                return std::nullopt;
            return url_problem(s, {"http", "https", "socks4", "socks4a", "socks5", "socks5h"});
        });
    t["json_pointer"] =
        text_rule([](const std::string& s, const YAML::Node&) { return json_pointer_problem(s); });
    t["since"] =
        text_rule([](const std::string& s, const YAML::Node&) { return since_problem(s); });
    t["timezone"] = text_rule([](const std::string& s, const YAML::Node&) -> std::optional<std::string> {
        if (util::known_zone(s)) return std::nullopt;
        return msg::tr("config.error.unknown_zone", {{"zone", s}});
    });
    t["version"] = text_rule([](const std::string& s,
                                const YAML::Node&) -> std::optional<std::string> {
        if (s == "1")
            return std::nullopt;
        return msg::tr("config.error.unknown_version", {{"version", s}});
    });
}

std::map<std::string, Rule>& table() {
    static std::map<std::string, Rule> t = [] {
        std::map<std::string, Rule> m;
        define_builtin(m);
        return m;
    }();
    return t;
}

} // namespace

void define_rule(const std::string& name, Rule rule) {
    table()[name] = std::move(rule);
}

void define_text_rule(const std::string& name, TextRule rule) {
    define_rule(name, text_rule(std::move(rule)));
}

const Rule* find_rule(const std::string& name) {
    auto it = table().find(name);
    return it == table().end() ? nullptr : &it->second;
}

std::optional<std::string> url_problem(const std::string& text,
                                       const std::vector<std::string>& schemes) {
    std::string want;
    for (const auto& s : schemes)
        want += (want.empty() ? "" : msg::tr("config.error.url_schemes_or")) + s + "://";
    auto sep = text.find("://");
    if (sep == std::string::npos || sep == 0)
        return msg::tr("config.error.url_scheme", {{"schemes", want}, {"text", text}});
    std::string scheme = util::lower(text.substr(0, sep));
    bool known = false;
    for (const auto& s : schemes)
        known = known || s == scheme;
    if (!known)
        return msg::tr("config.error.url_wrong_scheme", {{"schemes", want}, {"scheme", scheme}, {"text", text}});
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == ' ' || c == '\t' || c < 0x20 || c == 0x7f)
            return msg::tr("config.error.url_spaces", {{"text", text}});
    }
    std::string rest = text.substr(sep + 3);
    std::size_t host_end = rest.find_first_of("/?#");
    std::string authority = rest.substr(0, host_end);
    if (auto at = authority.rfind('@'); at != std::string::npos)
        authority = authority.substr(at + 1);
    if (authority.empty() || authority[0] == ':')
        return msg::tr("config.error.url_host", {{"scheme", scheme}, {"text", text}});
    return std::nullopt;
}

std::optional<std::string> json_pointer_problem(const std::string& text) {
    if (!text.empty() && text[0] != '/')
        return msg::tr("config.error.json_pointer", {{"text", text}});
    try {
        (void)nlohmann::json::json_pointer(text);
    } catch (const nlohmann::json::exception& e) {
        std::string why = e.what();
        if (auto p = why.find(": "); p != std::string::npos)
            why = why.substr(p + 2); // drop "[json.exception...] "
        return msg::tr("config.error.json_pointer_syntax", {{"text", text}, {"error", why}});
    }
    return std::nullopt;
}

std::optional<std::string> since_problem(const std::string& text) {
    if (text.empty() || text == "deploy")
        return std::nullopt;
    WallTime t;
    if (parse_rfc3339(text, t) || parse_duration(text))
        return std::nullopt;
    return msg::tr("config.error.since", {{"text", text}});
}

} // namespace compuerta::core::config
