#include "core/secrets.hpp"

#include <algorithm>
#include <cctype>

namespace compuerta::core {

SecretRegistry& SecretRegistry::global() {
    static SecretRegistry registry;
    return registry;
}

void SecretRegistry::add(const std::string& value, const std::string& origin) {
    if (value.empty()) return;
    std::lock_guard lock(m_mutex);
    if (value.size() < k_min_length) {
        m_short_origins.push_back(origin);
        return;
    }
    for (const std::string& v : {value, percent_encode(value)}) {
        if (std::find(m_values.begin(), m_values.end(), v) == m_values.end()) m_values.push_back(v);
    }
    // Longest first, so a secret containing another is masked whole.
    std::stable_sort(m_values.begin(), m_values.end(),
                     [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string SecretRegistry::mask(std::string_view text) const {
    std::lock_guard lock(m_mutex);
    std::string out = mask_query_secrets(text);
    for (const std::string& secret : m_values) {
        std::size_t pos = 0;
        while ((pos = out.find(secret, pos)) != std::string::npos) {
            out.replace(pos, secret.size(), "***");
            pos += 3;
        }
    }
    return m_mask_personal ? mask_personal_data(out) : out;
}

void SecretRegistry::set_mask_personal_data(bool on) {
    std::lock_guard lock(m_mutex);
    m_mask_personal = on;
}

std::vector<std::string> SecretRegistry::short_secret_origins() const {
    std::lock_guard lock(m_mutex);
    return m_short_origins;
}

void SecretRegistry::clear() {
    std::lock_guard lock(m_mutex);
    m_values.clear();
    m_short_origins.clear();
    m_mask_personal = true;
}

std::string mask(std::string_view text) { return SecretRegistry::global().mask(text); }

bool is_secret_query_name(std::string_view name) {
    static constexpr std::string_view k_names[] = {"token",    "access_token", "refresh_token", "api_key", "apikey",
                                                   "key",      "password",     "passwd",        "secret",  "client_secret",
                                                   "sig",      "signature",    "auth"};
    for (std::string_view n : k_names) {
        if (n.size() != name.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < n.size() && same; ++i)
            same = std::tolower(static_cast<unsigned char>(name[i])) == n[i];
        if (same) return true;
    }
    return false;
}

namespace {

bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'; }

bool value_end(char c) {
    return c == '&' || c == '#' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' ||
           std::isspace(static_cast<unsigned char>(c));
}

} // namespace

std::string mask_query_secrets(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        char c = text[i];
        out += c;
        ++i;
        // A parameter starts after '?', '&' or ';' (the end of "&amp;" in XML).
        if (c != '?' && c != '&' && c != ';') continue;
        std::size_t n = i;
        while (n < text.size() && name_char(text[n])) ++n;
        if (n == i || n >= text.size() || text[n] != '=' || !is_secret_query_name(text.substr(i, n - i))) continue;
        std::size_t v = n + 1;
        while (v < text.size() && !value_end(text[v])) ++v;
        out.append(text.substr(i, n + 1 - i));
        if (v > n + 1) out += "***";
        i = v;
    }
    return out;
}

std::string percent_encode(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string percent_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() &&
            std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

namespace {

bool is_uri(const std::string& s) {
    return s.rfind("postgresql://", 0) == 0 || s.rfind("postgres://", 0) == 0;
}

// "scheme://userinfo@host..." -> userinfo (still encoded), or empty.
std::string raw_userinfo(const std::string& url) {
    auto scheme = url.find("://");
    if (scheme == std::string::npos) return {};
    auto start = scheme + 3;
    auto end = url.find_first_of("/?#", start);
    std::string authority = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
    auto at = authority.rfind('@');
    if (at == std::string::npos) return {};
    return authority.substr(0, at);
}

// Value of key `password` in a key=value conninfo string (quotes and
// backslash escapes as libpq parses them).
std::string keyword_password(const std::string& dsn) {
    std::size_t i = 0;
    while (i < dsn.size()) {
        while (i < dsn.size() && std::isspace(static_cast<unsigned char>(dsn[i]))) ++i;
        std::size_t key_start = i;
        while (i < dsn.size() && dsn[i] != '=' && !std::isspace(static_cast<unsigned char>(dsn[i]))) ++i;
        std::string key = dsn.substr(key_start, i - key_start);
        while (i < dsn.size() && std::isspace(static_cast<unsigned char>(dsn[i]))) ++i;
        if (i >= dsn.size() || dsn[i] != '=') return {};
        ++i;
        while (i < dsn.size() && std::isspace(static_cast<unsigned char>(dsn[i]))) ++i;
        std::string value;
        if (i < dsn.size() && dsn[i] == '\'') {
            ++i;
            while (i < dsn.size() && dsn[i] != '\'') {
                if (dsn[i] == '\\' && i + 1 < dsn.size()) ++i;
                value += dsn[i++];
            }
            ++i;
        } else {
            while (i < dsn.size() && !std::isspace(static_cast<unsigned char>(dsn[i]))) {
                if (dsn[i] == '\\' && i + 1 < dsn.size()) ++i;
                value += dsn[i++];
            }
        }
        if (key == "password") return value;
    }
    return {};
}

} // namespace

std::string url_userinfo(const std::string& url) { return percent_decode(raw_userinfo(url)); }

std::string dsn_password(const std::string& dsn) {
    if (is_uri(dsn)) {
        std::string info = raw_userinfo(dsn);
        auto colon = info.find(':');
        std::string pw = colon == std::string::npos ? "" : percent_decode(info.substr(colon + 1));
        auto q = dsn.find('?');
        if (pw.empty() && q != std::string::npos) {
            std::string query = dsn.substr(q + 1);
            std::size_t p = 0;
            while (p < query.size()) {
                auto amp = query.find('&', p);
                std::string kv = query.substr(p, amp == std::string::npos ? std::string::npos : amp - p);
                if (kv.rfind("password=", 0) == 0) pw = percent_decode(kv.substr(9));
                if (amp == std::string::npos) break;
                p = amp + 1;
            }
        }
        return pw;
    }
    return keyword_password(dsn);
}

void register_dsn_secrets(const std::string& dsn, const std::string& origin) {
    SecretRegistry::global().add(dsn_password(dsn), origin);
}

void register_url_secrets(const std::string& url, const std::string& origin) {
    // Token query parameters: masked by name in every text, and by value
    // too, so the decoded token is masked wherever else it shows up.
    if (auto q = url.find('?'); q != std::string::npos) {
        std::string query = url.substr(q + 1, url.find('#', q) == std::string::npos ? std::string::npos
                                                                                       : url.find('#', q) - q - 1);
        std::size_t p = 0;
        while (p <= query.size()) {
            auto amp = query.find('&', p);
            std::string kv = query.substr(p, amp == std::string::npos ? std::string::npos : amp - p);
            auto eq = kv.find('=');
            if (eq != std::string::npos && is_secret_query_name(kv.substr(0, eq)))
                SecretRegistry::global().add(percent_decode(kv.substr(eq + 1)), origin);
            if (amp == std::string::npos) break;
            p = amp + 1;
        }
    }
    std::string info = url_userinfo(url);
    if (info.empty()) return;
    auto colon = info.find(':');
    if (colon == std::string::npos) {
        SecretRegistry::global().add(info, origin); // a bare token as user-info
    } else {
        SecretRegistry::global().add(info.substr(colon + 1), origin);
    }
}

} // namespace compuerta::core
