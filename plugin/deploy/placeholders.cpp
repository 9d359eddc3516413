#include "plugin/deploy/placeholders.hpp"

#include "core/messages/catalog.hpp"

#include <cctype>
#include <fmt/format.h>

namespace compuerta::plugin::deploy {

namespace {

bool plain_word(const std::string& s) {
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (!std::isalnum(u) && c != '.' && c != '_' && c != '-' && c != '+' && c != '/' && c != ':' && c != '@')
            return false;
    }
    return true;
}

const std::string* lookup(const std::string& name, const TemplateValues& v) {
    if (name == "tag") return &v.tag;
    if (name == "previous_tag") return &v.previous_tag;
    if (name == "commit") return &v.commit;
    if (name == "environment") return &v.environment;
    return nullptr;
}

bool identifier(const std::string& s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!std::islower(static_cast<unsigned char>(c)) && c != '_') return false;
    return true;
}

} // namespace

core::Result<bool> validate_values(const TemplateValues& v) {
    for (const char* name : {"tag", "previous_tag", "commit", "environment"}) {
        const std::string& value = *lookup(name, v);
        if (!plain_word(value))
            return core::Error{
                core::msg::tr("deploy.placeholder.unsafe", {{"name", name}, {"value", value}})};
    }
    return true;
}

core::Result<std::string> render(const std::string& templ, const TemplateValues& v) {
    std::string out;
    out.reserve(templ.size());
    for (std::size_t i = 0; i < templ.size(); ++i) {
        char c = templ[i];
        bool shell_brace = i > 0 && templ[i - 1] == '$';
        if (c != '{' || shell_brace) {
            out += c;
            continue;
        }
        auto close = templ.find('}', i);
        if (close == std::string::npos) {
            out += c;
            continue;
        }
        std::string name = templ.substr(i + 1, close - i - 1);
        const std::string* value = lookup(name, v);
        if (value == nullptr) {
            if (identifier(name))
                return core::Error{core::msg::tr("deploy.placeholder.unknown",
                                                 {{"name", name}, {"command", templ}})};
            out += c; // `{}` of find -exec, `{a,b}` brace lists: the shell's business
            continue;
        }
        if (value->empty() && name == "tag")
            return core::Error{core::msg::tr("deploy.placeholder.no_tag", {{"command", templ}})};
        out += *value;
        i = close;
    }
    return out;
}

std::map<std::string, std::string> template_env(const TemplateValues& v) {
    return {{"COMPUERTA_TAG", v.tag},
            {"COMPUERTA_PREVIOUS_TAG", v.previous_tag},
            {"COMPUERTA_COMMIT", v.commit},
            {"COMPUERTA_ENVIRONMENT", v.environment}};
}

} // namespace compuerta::plugin::deploy
