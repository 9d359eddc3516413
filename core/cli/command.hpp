#pragma once
// What every command is: a Command (name, help, options, run function),
// registered in the one executable's registry (core/cli/registry.hpp) and
// run by main_for(), which parses the common flags, loads
// the configuration, opens the journal, checks output paths, runs, and turns
// any exception into one message and an exit code (the one catch).
#include "core/config/config.hpp"
#include "core/journal.hpp"
#include "core/model.hpp"
#include "core/ports/adapters.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/env.hpp"
#include "core/report/suite.hpp"
#include "core/runner.hpp"

#include <boost/program_options.hpp>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::core::cli {

namespace po = boost::program_options;

struct Command {
    std::string name;        // "smoke", "gate release", "config check"
    std::string summary;     // one line for `compuerta --help`
    std::string usage;       // "compuerta smoke [OPTIONS]"
    std::string description; // paragraphs shown by --help
    bool reports = true;     // accepts --junit, --junit-strict, --json
    bool waits = true;       // accepts --until-pass, --interval, --until-timeout, --timeout
    std::function<void(po::options_description&)> options; // command flags
    std::vector<std::pair<std::string, int>> positional;   // name, max count (-1 = many)
    std::function<int(class Invocation&)> run;
    // With `waits`: the catalog id of the --timeout default as --help shows
    // it, and whether the command re-evaluates (--until-pass, --interval,
    // --until-timeout).
    std::string timeout_default = "cli.opt.timeout.default";
    bool rounds = true;
};

// The common flags after parsing (DESIGN.md "Interface conventions").
struct CommonOptions {
    std::optional<std::string> config;
    std::optional<std::string> junit;
    bool junit_strict = false;
    std::optional<std::string> json;
    std::optional<std::string> journal;
    int verbosity = 0; // -q: -1, -v: 1
    bool color = false;
    bool until_pass = false;
    std::optional<Millis> interval;
    std::optional<Millis> until_timeout;
    std::optional<Millis> timeout;
};

class Invocation {
  public:
    Invocation(const Command& cmd, po::variables_map args, CommonOptions common, const Env& env,
               const Clock& clock, const Adapters& adapters, std::ostream& out, std::ostream& err);
    ~Invocation();

    const Command& command() const { return m_cmd; }
    const po::variables_map& args() const { return m_args; }
    bool has(const std::string& flag) const {
        return m_args.count(flag) > 0 && !m_args[flag].defaulted();
    }
    template <class T> std::optional<T> arg(const std::string& flag) const {
        if (!m_args.count(flag))
            return std::nullopt;
        return m_args[flag].as<T>();
    }
    const CommonOptions& common() const { return m_common; }
    const config::Config& config() const { return *m_config; }
    const Env& env() const { return m_env; }
    const Clock& clock() const { return m_clock; }
    // The ports to the outside world, from the composition root (the real
    // adapters, or a test's fakes): a command never builds an adapter itself.
    const Adapters& adapters() const { return m_adapters; }
    Journal& journal() { return *m_journal; }
    // Every event of the journal directory, read once per command (the
    // first call reads; later calls return the same events).
    const JournalRead& history();
    const RunIdentity& identity() const { return m_journal->identity(); }

    // Human output (stdout, or stderr when stdout carries --json -/--junit -).
    std::ostream& out() { return *m_human; }
    // Diagnostics on stderr, masked; info() is silent with -q.
    void info(const std::string& text);
    void warn(const std::string& text);

    // Runner options from the common flags over `base` (config defaults).
    RunnerOptions runner_options(RunnerOptions base) const;
    // Runs `checks` (journaling each result and round, printing a line per
    // check as it finishes), writes the reports and returns the exit code.
    int run_checks(const std::string& suite_name, const std::vector<std::shared_ptr<Check>>& checks,
                   RunnerOptions base);
    // Writes JUnit/JSON/terminal summary for finished results; returns the exit code.
    int report(report::Suite suite);
    // Writes only the --junit/--json reports of `suite` (no terminal lines):
    // for commands whose human output is their own.
    void write_reports(report::Suite& suite, int exit_code);
    // A suite named `name` with properties and host filled in, started now.
    report::Suite make_suite(const std::string& name) const;
    // Journals one check result.
    void journal_result(const CheckResult& r, int round);
    // GitLab collapsible sections when GITLAB_CI is set; no-ops elsewhere.
    void section_start(const std::string& id, const std::string& title);
    void section_end(const std::string& id);

    // Set by main_for: config and journal are ready before run().
    void attach(std::unique_ptr<config::Config> cfg, std::unique_ptr<Journal> journal);

  private:
    const Command& m_cmd;
    po::variables_map m_args;
    CommonOptions m_common;
    const Env& m_env;
    const Clock& m_clock;
    const Adapters& m_adapters;
    std::ostream& m_out;
    std::ostream& m_err;
    std::ostream* m_human;
    std::unique_ptr<config::Config> m_config;
    std::unique_ptr<Journal> m_journal;
    std::optional<JournalRead> m_history;
    WallTime m_started;
};

// Runs `cmd` as an executable's main would, with the given adapters (the
// registry passes what main() chose); never throws.
int main_for(const Command& cmd, const std::vector<std::string>& argv, std::ostream& out,
             std::ostream& err, const Adapters& adapters);
// The same with injected environment, clock, streams and adapters (tests).
int main_for(const Command& cmd, const std::vector<std::string>& argv, const Env& env,
             const Clock& clock, std::ostream& out, std::ostream& err, const Adapters& adapters);

} // namespace compuerta::core::cli
