#include "plugin/release/version.hpp"

#include "core/errors.hpp"

#include <cctype>
#include <fmt/format.h>

namespace compuerta::plugin::release {

namespace {

bool all_digits(const std::string& s) {
    if (s.empty()) return false;
    for (char c : s)
        if (std::isdigit(static_cast<unsigned char>(c)) == 0) return false;
    return true;
}

// A numeric part: digits, no leading zero (except "0"), fits in a long.
std::optional<long> number(const std::string& s) {
    if (!all_digits(s) || (s.size() > 1 && s[0] == '0') || s.size() > 9) return std::nullopt;
    return std::stol(s);
}

bool valid_identifiers(const std::string& s, bool numeric_rule, std::vector<std::string>& out) {
    std::size_t start = 0;
    while (true) {
        std::size_t dot = s.find('.', start);
        std::string id = s.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (id.empty()) return false;
        for (char c : id)
            if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '-') return false;
        if (numeric_rule && all_digits(id) && id.size() > 1 && id[0] == '0') return false;
        out.push_back(id);
        if (dot == std::string::npos) return true;
        start = dot + 1;
    }
}

// Parses "-pre+build" / "+build" / "" after the patch number.
bool parse_suffix(const std::string& rest, Version& v) {
    if (rest.empty()) return true;
    std::string pre;
    std::string build;
    if (rest[0] == '-') {
        auto plus = rest.find('+');
        pre = rest.substr(1, plus == std::string::npos ? std::string::npos : plus - 1);
        if (plus != std::string::npos) build = rest.substr(plus + 1);
        if (!valid_identifiers(pre, true, v.pre)) return false;
        if (plus != std::string::npos) {
            std::vector<std::string> ignored;
            if (!valid_identifiers(build, false, ignored)) return false;
        }
    } else if (rest[0] == '+') {
        build = rest.substr(1);
        std::vector<std::string> ignored;
        if (!valid_identifiers(build, false, ignored)) return false;
    } else {
        return false;
    }
    v.build = build;
    return true;
}

// Reads a number at `pos` in `s`, advancing `pos`.
std::optional<long> read_number(const std::string& s, std::size_t& pos) {
    std::size_t end = pos;
    while (end < s.size() && std::isdigit(static_cast<unsigned char>(s[end])) != 0) ++end;
    auto n = number(s.substr(pos, end - pos));
    if (n) pos = end;
    return n;
}

} // namespace

std::string Version::core() const { return fmt::format("{}.{}.{}", major, minor, patch); }
std::string Version::line() const { return fmt::format("{}.{}", major, minor); }

std::string Version::str() const {
    std::string s = core();
    for (std::size_t i = 0; i < pre.size(); ++i) s += (i == 0 ? "-" : ".") + pre[i];
    if (!build.empty()) s += "+" + build;
    return s;
}

int compare(const Version& a, const Version& b) {
    if (a.major != b.major) return a.major < b.major ? -1 : 1;
    if (a.minor != b.minor) return a.minor < b.minor ? -1 : 1;
    if (a.patch != b.patch) return a.patch < b.patch ? -1 : 1;
    if (a.pre.empty() != b.pre.empty()) return a.pre.empty() ? 1 : -1;
    for (std::size_t i = 0; i < a.pre.size() && i < b.pre.size(); ++i) {
        const std::string& x = a.pre[i];
        const std::string& y = b.pre[i];
        bool xn = all_digits(x);
        bool yn = all_digits(y);
        if (xn && yn) {
            if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
            if (x != y) return x < y ? -1 : 1;
        } else if (xn != yn) {
            return xn ? -1 : 1; // numeric identifiers sort before alphanumeric ones
        } else if (x != y) {
            return x < y ? -1 : 1;
        }
    }
    if (a.pre.size() != b.pre.size()) return a.pre.size() < b.pre.size() ? -1 : 1;
    return 0;
}

std::optional<Version> parse_version(const std::string& text) {
    static const TagPattern plain = TagPattern::parse("MAJOR.MINOR.PATCH", "version");
    return plain.match(text);
}

TagPattern TagPattern::parse(const std::string& pattern, const std::string& origin) {
    TagPattern p;
    p.m_text = pattern;
    std::size_t pos = 0;
    for (const char* ph : {"MAJOR", "MINOR", "PATCH"}) {
        auto at = pattern.find(ph, pos);
        if (at == std::string::npos)
            throw core::ConfigError(fmt::format(
                "{}: tag pattern \"{}\" must contain MAJOR, MINOR and PATCH in that order, e.g. vMAJOR.MINOR.PATCH",
                origin, pattern));
        p.m_literals.push_back(pattern.substr(pos, at - pos));
        pos = at + 5;
    }
    p.m_literals.push_back(pattern.substr(pos));
    return p;
}

std::optional<Version> TagPattern::match(const std::string& tag) const {
    Version v;
    std::size_t pos = 0;
    long* parts[] = {&v.major, &v.minor, &v.patch};
    for (std::size_t i = 0; i < 3; ++i) {
        const std::string& lit = m_literals[i];
        if (tag.compare(pos, lit.size(), lit) != 0) return std::nullopt;
        pos += lit.size();
        auto n = read_number(tag, pos);
        if (!n) return std::nullopt;
        *parts[i] = *n;
    }
    const std::string& tail = m_literals[3];
    // The suffix (pre-release, build) sits between PATCH and the trailing literal.
    if (tag.size() < pos + tail.size() || tag.compare(tag.size() - tail.size(), tail.size(), tail) != 0)
        return std::nullopt;
    if (!parse_suffix(tag.substr(pos, tag.size() - tail.size() - pos), v)) return std::nullopt;
    return v;
}

std::string TagPattern::format(const Version& v) const {
    std::string s = m_literals[0] + std::to_string(v.major) + m_literals[1] + std::to_string(v.minor) + m_literals[2] +
                    std::to_string(v.patch);
    for (std::size_t i = 0; i < v.pre.size(); ++i) s += (i == 0 ? "-" : ".") + v.pre[i];
    if (!v.build.empty()) s += "+" + v.build;
    return s + m_literals[3];
}

std::string format_branch(const std::string& pattern, const Version& v) {
    std::string out;
    for (std::size_t i = 0; i < pattern.size();) {
        auto try_ph = [&](const char* ph, const std::string& value) {
            std::string p = ph;
            if (pattern.compare(i, p.size(), p) != 0) return false;
            out += value;
            i += p.size();
            return true;
        };
        if (try_ph("{major}", std::to_string(v.major)) || try_ph("{minor}", std::to_string(v.minor)) ||
            try_ph("{patch}", std::to_string(v.patch)) || try_ph("{version}", v.str()))
            continue;
        out += pattern[i++];
    }
    return out;
}

} // namespace compuerta::plugin::release
