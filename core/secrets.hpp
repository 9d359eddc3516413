#pragma once
// The process-wide registry of secret values. Every output path (terminal,
// JUnit, JSON, journal, reports, error messages) passes text through mask().
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace compuerta::core {

class SecretRegistry {
  public:
    static constexpr std::size_t k_min_length = 4; // shorter secrets are not masked

    static SecretRegistry& global();

    // Registers `value` (and its percent-encoded form) as secret. `origin`
    // names where it came from, for `config check` warnings. Empty values
    // are ignored; values shorter than k_min_length are remembered as short.
    void add(const std::string& value, const std::string& origin);
    // Replaces every occurrence of every registered secret with "***", the
    // value of every secret query parameter (mask_query_secrets) and, unless
    // turned off, personal data (mask_personal_data).
    std::string mask(std::string_view text) const;
    // privacy.mask_personal_data: on by default; off only for local debugging.
    void set_mask_personal_data(bool on);
    // Origins of registered secrets too short to mask.
    std::vector<std::string> short_secret_origins() const;
    void clear(); // tests only

  private:
    mutable std::mutex m_mutex;
    std::vector<std::string> m_values; // longest first
    std::vector<std::string> m_short_origins;
    bool m_mask_personal = true;
};

// True when `name` is, ignoring case, exactly one of the query parameter
// names that carry credentials (token, access_token, api_key, key, sig...).
bool is_secret_query_name(std::string_view name);
// Replaces the value of every such parameter (after '?', '&' or ';') in
// `text` with "***"; names are matched whole, never as a substring.
std::string mask_query_secrets(std::string_view text);
// Replaces CURPs, RFCs and e-mail addresses in `text` (core/personal_data.cpp).
std::string mask_personal_data(std::string_view text);

// Shorthand for SecretRegistry::global().mask(text).
std::string mask(std::string_view text);

// The password in a libpq DSN (URI or key=value form), empty when none.
std::string dsn_password(const std::string& dsn);
// The user-info ("user:password") or token part of a URL, empty when none.
std::string url_userinfo(const std::string& url);
// Registers the secret parts of a DSN/URL (password, user-info, token query
// parameters) under `origin`.
void register_dsn_secrets(const std::string& dsn, const std::string& origin);
void register_url_secrets(const std::string& url, const std::string& origin);

// Percent-encodes every byte outside RFC 3986's unreserved set.
std::string percent_encode(std::string_view s);
std::string percent_decode(std::string_view s);

} // namespace compuerta::core
