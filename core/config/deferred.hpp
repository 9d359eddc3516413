#pragma once
// A value of a typed section (core/config/section.hpp) expanded where it is
// used, not when the section is read: an unset ${VAR} in a key this command
// does not use is no error (a maintenance backend's token while the flag file
// is switched, the window's start while `maintenance on` reads its release).
// An error still names file:line:column and the key.
#include "core/config/config.hpp"
#include "core/config/section.hpp"

#include <string>
#include <utility>
#include <vector>

namespace compuerta::core::config {

class Deferred {
  public:
    Deferred() = default;
    explicit Deferred(Value value) : m_value(std::move(value)) {}

    bool present() const { return m_value.present(); }
    // Expanded; throws ConfigError (file:line:column, key) when absent or a variable is unset.
    std::string str() const { return m_value.str(); }
    std::string str_or(const std::string& fallback) const {
        return present() ? m_value.str() : fallback;
    }
    // Present and every variable it uses set.
    bool usable() const { return present() && error().empty(); }
    // Why it cannot be expanded ("compuerta.yml:2:8: database.dsn: ${X} is not set ..."); "" when it can.
    std::string error() const {
        if (!present())
            return "";
        auto s = m_value.try_str();
        return s ? "" : s.error().message;
    }
    // A list of strings, each expanded (absent: empty).
    std::vector<std::string> strings() const { return m_value.strings(); }
    std::string where() const { return m_value.where(); }      // "compuerta.yml:12:7"
    const std::string& path() const { return m_value.path(); } // "maintenance.admin_token"

  private:
    Value m_value;
};

// Declares `key` (its schema `node`: str, secret, url...) as read where used.
template <class S>
SectionDecl<S>& deferred(SectionDecl<S>& decl, std::string key, Deferred S::*member, NodePtr node) {
    return decl.custom(std::move(key), std::move(node),
                       [member](S& out, const Value& v) { out.*member = Deferred(v); });
}

} // namespace compuerta::core::config
