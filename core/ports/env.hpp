#pragma once
// The process environment as a parameter, so logic never reads globals.
#include <map>
#include <optional>
#include <string>

namespace compuerta::core {

class Env {
  public:
    virtual ~Env() = default;
    // The variable's value, or nullopt when unset. An empty value is set.
    virtual std::optional<std::string> get(const std::string& name) const = 0;
    // The value when set and non-empty, else `fallback`.
    std::string get_or(const std::string& name, const std::string& fallback) const {
        auto v = get(name);
        return v && !v->empty() ? *v : fallback;
    }
};

// Reads the real environment (getenv).
class ProcessEnv final : public Env {
  public:
    std::optional<std::string> get(const std::string& name) const override;
};

// A fixed map, for tests.
class MapEnv final : public Env {
  public:
    MapEnv() = default;
    explicit MapEnv(std::map<std::string, std::string> vars) : m_vars(std::move(vars)) {}
    void set(const std::string& k, const std::string& v) { m_vars[k] = v; }
    std::optional<std::string> get(const std::string& name) const override {
        auto it = m_vars.find(name);
        if (it == m_vars.end()) return std::nullopt;
        return it->second;
    }

  private:
    std::map<std::string, std::string> m_vars;
};

} // namespace compuerta::core
