#pragma once
// The in-process command registry behind the one `compuerta` executable.
// Every command is a Command declared once (name, summary, help, options,
// run); the registry answers `compuerta --help`, `compuerta help COMMAND`,
// a group alone (`compuerta db`), "did you mean", and argv[0] dispatch for
// the `compuerta-COMMAND` links pipelines may install.
#include "core/cli/command.hpp"

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::core::cli {

class Registry {
  public:
    struct External {
        std::string name, program, summary;
    };

    // Adds a command; its name ("smoke", "db backup") must be unique.
    void add(Command cmd);
    // A separate program that `compuerta NAME` runs (found by sibling()):
    // the RENAPO simulator, which a pipeline never runs.
    void add_external(std::string name, std::string program, std::string summary);

    const std::vector<Command>& commands() const { return m_commands; }
    const std::vector<External>& externals() const { return m_externals; }
    // Values the shell completion offers where a usage placeholder contains
    // `placeholder` ("ITEM": the plan's rows, for signoff ITEM, --only ID|ITEM).
    void add_values(std::string placeholder, std::vector<std::string> values);
    const std::vector<std::pair<std::string, std::vector<std::string>>>& values() const {
        return m_values;
    }
    // The command called `name` ("db backup"), or nullptr.
    const Command* find(const std::string& name) const;
    // The command a link name stands for: "compuerta-db-backup" -> "db backup".
    const Command* find_by_program(const std::string& program) const;
    // Subcommands of a group ("db" -> db backup, db migrate, ...).
    std::vector<const Command*> group(const std::string& word) const;
    // Nearest command or group names to a mistyped `word` (edit distance).
    std::vector<std::string> suggestions(const std::string& word) const;

    // `compuerta ARGS...` (or `compuerta-NAME ARGS...` by argv[0]).
    // `adapters`: the ports every command is handed (main() passes the real ones).
    int run(int argc, char** argv, const Adapters& adapters) const;
    // The same with injected streams (tests); never execs.
    int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err,
            const Adapters& adapters) const;

    void print_help(std::ostream& out) const;

  private:
    int run_external(const External& e, const std::vector<std::string>& args,
                     std::ostream& err) const;

    std::vector<Command> m_commands;
    std::vector<External> m_externals;
    std::vector<std::pair<std::string, std::vector<std::string>>> m_values;
    // `compuerta completion SHELL` and `compuerta help --man DIR`
    // (core/cli/builtins.cpp): nullopt when `args` is neither.
    std::optional<int> run_builtin(const std::vector<std::string>& args, std::ostream& out,
                                   std::ostream& err) const;
};

// Link name of a command: "db backup" -> "compuerta-db-backup".
std::string program_name(const std::string& command_name);
// The one rule for finding a program that ships beside compuerta: the
// directory of the running executable, then PATH.
std::vector<std::filesystem::path> sibling_dirs();
std::optional<std::filesystem::path> sibling(const std::string& program);
// `program` in the first of `dirs` where it is an executable file.
std::optional<std::filesystem::path> find_executable(const std::vector<std::filesystem::path>& dirs,
                                                     const std::string& program);
// Levenshtein distance (bytes), for "did you mean".
std::size_t edit_distance(const std::string& a, const std::string& b);

} // namespace compuerta::core::cli
