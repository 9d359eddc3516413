#pragma once
// Rules beyond a value's type: what it must satisfy for a command to use it
// (URL syntax, a JSON pointer, a `since`, a pattern that compiles with the
// engine that will run it, a CURP's check digit, unique check ids). A schema
// node names its rule (`Node::rule`); validate() runs it when the file loads,
// so `config check` and every command report the same problems, all at once,
// each with file:line:column. Rules whose code lives outside core (the
// regex engines, the CURP) are defined by their library at start-up
// (smoke::define_config_rules(), called where the commands are registered).
// The functions named *_problem are also what the commands call on values
// that reach them another way (a flag, a `${VAR}`), so each rule has one copy.
#include <functional>
#include <optional>
#include <string>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace compuerta::core::config {

// One finding: where, which key, and what was expected.
struct Problem {
    YAML::Mark mark;
    std::string path;
    std::string message;
};

struct RuleInput {
    const YAML::Node& node;  // the value
    const std::string& path; // its path ("smoke.checks[0].url")
    const YAML::Node& owner; // the mapping that holds it (its siblings: engine, ignore_case...)
};
using Rule = std::function<void(const RuleInput& in, std::vector<Problem>& out)>;
// A rule on one scalar: what was expected, or nullopt when `text` is fine.
// Values that use `${VAR}` are checked where they are used, not at load.
using TextRule =
    std::function<std::optional<std::string>(const std::string& text, const YAML::Node& owner)>;

// Defining a name again replaces the rule (start-up only; not thread-safe).
void define_rule(const std::string& name, Rule rule);
void define_text_rule(const std::string& name, TextRule rule);
// nullptr when no library defined `name`.
const Rule* find_rule(const std::string& name);

// "FILE is not valid (N problems):" and one indented line per problem, as
// loading reports them (config check reports the smoke suite's the same way).
std::string invalid_file_message(const std::string& file, const std::vector<std::string>& problems);

// The rules core defines itself.
// `schemes`: accepted schemes, e.g. {"http", "https"}.
std::optional<std::string> url_problem(const std::string& text,
                                       const std::vector<std::string>& schemes);
std::optional<std::string> json_pointer_problem(const std::string& text);
// RFC 3339 time, a duration back from now, or "deploy".
std::optional<std::string> since_problem(const std::string& text);

} // namespace compuerta::core::config
