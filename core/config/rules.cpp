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
        return fmt::format("unknown time zone \"{}\": expected an IANA name such as America/Mexico_City "
                           "(see /usr/share/zoneinfo; package tzdata)",
                           s);
    });
    t["version"] = text_rule([](const std::string& s,
                                const YAML::Node&) -> std::optional<std::string> {
        if (s == "1")
            return std::nullopt;
        return fmt::format(
            "unknown version \"{}\": this compuerta reads version 1 (expected version: 1, or no "
            "version key)",
            s);
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
        want += (want.empty() ? "" : " or ") + s + "://";
    auto sep = text.find("://");
    if (sep == std::string::npos || sep == 0)
        return fmt::format("expected a URL starting with {}, got \"{}\"", want, text);
    std::string scheme = util::lower(text.substr(0, sep));
    bool known = false;
    for (const auto& s : schemes)
        known = known || s == scheme;
    if (!known)
        return fmt::format("expected a URL starting with {}, got scheme \"{}\" in \"{}\"", want,
                           scheme, text);
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == ' ' || c == '\t' || c < 0x20 || c == 0x7f)
            return fmt::format(
                "expected a URL without spaces or control characters (write a space as %20), got "
                "\"{}\"",
                text);
    }
    std::string rest = text.substr(sep + 3);
    std::size_t host_end = rest.find_first_of("/?#");
    std::string authority = rest.substr(0, host_end);
    if (auto at = authority.rfind('@'); at != std::string::npos)
        authority = authority.substr(at + 1);
    if (authority.empty() || authority[0] == ':')
        return fmt::format("expected a host after \"{}://\", got \"{}\"", scheme, text);
    return std::nullopt;
}

std::optional<std::string> json_pointer_problem(const std::string& text) {
    if (!text.empty() && text[0] != '/')
        return fmt::format("expected a JSON pointer starting with / (e.g. /estado), got \"{}\"",
                           text);
    try {
        (void)nlohmann::json::json_pointer(text);
    } catch (const nlohmann::json::exception& e) {
        std::string why = e.what();
        if (auto p = why.find(": "); p != std::string::npos)
            why = why.substr(p + 2); // drop "[json.exception...] "
        return fmt::format(
            "expected a JSON pointer (/a/b, with ~0 for ~ and ~1 for /), got \"{}\": {}", text,
            why);
    }
    return std::nullopt;
}

std::optional<std::string> since_problem(const std::string& text) {
    if (text.empty() || text == "deploy")
        return std::nullopt;
    WallTime t;
    if (parse_rfc3339(text, t) || parse_duration(text))
        return std::nullopt;
    return fmt::format("expected an RFC 3339 time (2026-11-28T17:00:00Z), a duration (30m) or "
                       "\"deploy\", got \"{}\"",
                       text);
}

} // namespace compuerta::core::config
