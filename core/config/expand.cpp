#include "core/messages/catalog.hpp"
#include "core/config/config.hpp"
#include "core/secrets.hpp"

#include <cctype>
#include <cmath>
#include <fstream>
#include <sstream>

namespace compuerta::core::config {

namespace {
bool valid_var_name(const std::string& n) {
    if (n.empty() || std::isdigit(static_cast<unsigned char>(n[0]))) return false;
    for (char c : n)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
    return true;
}

Result<std::string> lookup(const std::string& name, const std::optional<std::string>& fallback, const Env& env) {
    if (auto v = env.get(name)) return *v;
    if (auto file = env.get(name + "_FILE")) {
        std::ifstream in(*file, std::ios::binary);
        if (!in) return Error{"${" + name + "}: cannot read " + name + "_FILE=" + *file};
        std::stringstream ss;
        ss << in.rdbuf();
        std::string value = ss.str();
        while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
        SecretRegistry::global().add(value, name + "_FILE");
        return value;
    }
    if (fallback) return *fallback;
    return Error{msg::tr("config.var.unset", {{"name", name}})};
}
} // namespace

Result<std::string> expand(const std::string& text, const Env& env) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '$' || i + 1 >= text.size()) {
            out += text[i];
            continue;
        }
        if (text[i + 1] == '$') {
            out += '$';
            ++i;
            continue;
        }
        if (text[i + 1] != '{') {
            out += text[i];
            continue;
        }
        auto close = text.find('}', i + 2);
        if (close == std::string::npos) return Error{msg::tr("config.var.unterminated", {{"text", text}})};
        std::string body = text.substr(i + 2, close - i - 2);
        std::optional<std::string> fallback;
        auto sep = body.find(":-");
        std::string name = body;
        if (sep != std::string::npos) {
            name = body.substr(0, sep);
            fallback = body.substr(sep + 2);
        }
        if (!valid_var_name(name)) return Error{msg::tr("config.var.bad_name", {{"body", body}})};
        auto v = lookup(name, fallback, env);
        if (!v) return v.error();
        out += v.value();
        i = close;
    }
    return out;
}

std::optional<Millis> parse_duration(const std::string& text) {
    if (text.empty()) return std::nullopt;
    std::size_t idx = 0;
    double number = 0;
    try {
        number = std::stod(text, &idx);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    // Zero, negative and non-finite durations are refused (issue 15 item 5):
    // "--timeout 0s" once became 1 ms and failed every check.
    if (!std::isfinite(number) || number <= 0) return std::nullopt;
    std::string unit = text.substr(idx);
    while (!unit.empty() && unit.front() == ' ') unit.erase(0, 1);
    double factor = 0;
    if (unit.empty() || unit == "s") factor = 1000;
    else if (unit == "ms") factor = 1;
    else if (unit == "m" || unit == "min") factor = 60'000;
    else if (unit == "h") factor = 3'600'000;
    else if (unit == "d") factor = 86'400'000;
    else return std::nullopt;
    double ms = number * factor + 0.5;
    if (ms < 1 || ms > 9.2e15) return std::nullopt; // rounds to zero, or overflows
    return Millis(static_cast<std::int64_t>(ms));
}

} // namespace compuerta::core::config
