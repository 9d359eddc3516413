#pragma once
// compuerta.yml: loading, validation against the schema (file:line:column
// errors), typed access, and `${VAR}` expansion at the point of use.
#include "core/deadline.hpp"
#include "core/ports/env.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace compuerta::core::config {

struct Source; // file name and environment shared by all values of one file

// One node of the configuration, absent or present. Accessors throw
// ConfigError naming the file, line, column and key when the value has the
// wrong type or uses an unset variable.
class Value {
  public:
    Value() = default;
    Value(YAML::Node node, std::string path, std::shared_ptr<const Source> src);
    Value(const Value&) = default;
    // YAML::Node's operator= writes through to the tree; rebinding must use reset().
    Value& operator=(const Value& other) {
        if (this != &other) {
            m_node.reset(other.m_node);
            m_path = other.m_path;
            m_src = other.m_src;
        }
        return *this;
    }

    bool present() const;
    bool is_map() const { return present() && m_node.IsMap(); }
    bool is_list() const { return present() && m_node.IsSequence(); }
    bool is_scalar() const { return present() && m_node.IsScalar(); }
    const std::string& path() const { return m_path; } // "smoke.checks[0].dsn"
    std::string where() const;                          // "compuerta.yml:12:7", or "" when absent

    Value operator[](const std::string& key) const;
    std::vector<Value> items() const;                          // list elements
    std::vector<std::pair<std::string, Value>> entries() const; // map entries in file order

    std::string str() const;                  // expanded; throws when absent or unset variable
    std::string str_or(const std::string& fallback) const;
    Result<std::string> try_str() const;       // expanded; an unset variable is an Error
    std::string raw() const;                   // as written, no expansion (templates)
    std::vector<std::string> strings() const;  // list of expanded strings (absent: empty)
    std::int64_t integer() const;
    std::int64_t integer_or(std::int64_t fallback) const;
    double number_or(double fallback) const;
    bool boolean_or(bool fallback) const;
    Millis duration() const;
    Millis duration_or(Millis fallback) const;
    std::optional<Millis> duration_opt() const;

  private:
    [[noreturn]] void fail(const std::string& what) const;
    YAML::Node m_node;
    std::string m_path;
    std::shared_ptr<const Source> m_src;
};

class Config {
  public:
    // Reads and validates a file; throws ConfigError (exit 2) for a missing or
    // unreadable file, a YAML syntax error, unknown keys and wrong types.
    static Config load_file(const std::string& path, const Env& env);
    static Config load_string(const std::string& text, const std::string& name, const Env& env);
    // No file: every value absent.
    static Config none(const Env& env);

    bool loaded() const { return m_loaded; }
    const std::string& file() const;
    Value root() const { return m_root; }
    Value operator[](const std::string& key) const { return m_root[key]; }
    // Dotted path lookup: at("smoke.timeout").
    Value at(const std::string& dotted) const;
    // Non-fatal findings: secrets too short to mask, unresolved variables.
    const std::vector<std::string>& warnings() const { return m_warnings; }

  private:
    Value m_root;
    bool m_loaded = false;
    std::shared_ptr<const Source> m_src;
    std::vector<std::string> m_warnings;
};

// The configuration a command uses: `flag` (-c), else COMPUERTA_CONFIG, else
// ./compuerta.yml when it exists (a missing default is not an error).
Config load_for_command(const std::optional<std::string>& flag, const Env& env);

// Expands `${VAR}`, `${VAR:-default}` and `$$`. An unset VAR with VAR_FILE set
// reads that file (a secret). Error names the variable.
Result<std::string> expand(const std::string& text, const Env& env);
// "250ms", "30s", "5m", "2h", "1d", or a plain number of seconds; nullopt
// for anything else, and for zero, negative or sub-millisecond durations.
std::optional<Millis> parse_duration(const std::string& text);

// Validates `node` against `schema`; returns "file:line:col: path: problem" lines.
struct Node;
std::vector<std::string> validate(const YAML::Node& node, const std::shared_ptr<const Node>& schema,
                                  const std::string& file);
// Registers the secret values of a validated tree (secret, dsn, url fields)
// that resolve now; returns warnings for secrets too short to mask.
std::vector<std::string> register_secrets(const YAML::Node& node, const std::shared_ptr<const Node>& schema,
                                          const Env& env, const std::string& path);

} // namespace compuerta::core::config
