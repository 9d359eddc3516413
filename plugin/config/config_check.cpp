#include "plugin/config/config_check.hpp"

#include "core/config/rules.hpp"
#include "core/config/schema.hpp"
#include "core/config/variables.hpp"
#include "core/errors.hpp"
#include "core/secrets.hpp"
#include "smoke/suite.hpp"

#include <fmt/format.h>

namespace compuerta::plugin {

namespace {

void options(boost::program_options::options_description& d) {
    d.add_options()("reference", boost::program_options::bool_switch(),
                    "print the reference of every key (Markdown) and exit");
}

int run(core::cli::Invocation& inv) {
    if (inv.args()["reference"].as<bool>()) {
        inv.out() << core::config::schema_markdown(core::config::root_schema());
        return core::k_exit_ok;
    }
    const auto& cfg = inv.config();
    if (!cfg.loaded()) {
        // No -c, no COMPUERTA_CONFIG and no ./compuerta.yml: nothing to check.
        throw core::ConfigError("no configuration file: name one with -c FILE or COMPUERTA_CONFIG, "
                                "or run in a directory with compuerta.yml");
    }
    // Loading validated keys and types; report unresolved variables too.
    int unresolved = 0;
    core::config::for_each_unset_variable(cfg.root(), [&](const core::config::Value&, const std::string& error) {
        ++unresolved;
        inv.warn(error + " (commands that use this key will stop with exit 2)");
    });
    // What the commands refuse only when they build from a valid file: the
    // smoke suite, through the same factories `smoke` uses (never run).
    if (auto problems = smoke::suite_problems(cfg, inv.env()); !problems.empty())
        throw core::ConfigError(core::config::invalid_file_message(cfg.file(), problems));
    inv.out() << fmt::format("{}: valid{}\n", cfg.file(),
                             unresolved ? fmt::format(" ({} value(s) use variables not set here)", unresolved) : "");
    core::Event e;
    e.event = "config.check";
    e.status = "pass";
    e.summary = fmt::format("{} is valid", cfg.file());
    inv.journal().append(e);
    // --json/--junit: one check, the file (an invalid file stops before this
    // with exit 2, and --json then carries the error).
    core::report::Suite suite = inv.make_suite("compuerta.config.check");
    core::CheckResult r;
    r.id = "config";
    r.name = "Configuración válida";
    r.classname = "config.check";
    r.message = e.summary;
    r.started = inv.clock().now();
    r.evidence = {{"file", cfg.file()},
                  {"unresolved_variables", core::EvidenceValue::integer(unresolved)}};
    suite.results.push_back(std::move(r));
    inv.write_reports(suite, core::k_exit_ok);
    return core::k_exit_ok;
}

} // namespace

const core::cli::Command& config_check_command() {
    static const core::cli::Command cmd{
        "config check",
        "Validate a compuerta.yml: keys, types, choices; warn about unset variables and short secrets.",
        "compuerta config check [-c FILE] | --reference",
        "Exit 0 when the file is valid, 2 when it is not (each problem with file:line:column).\n"
        "docs/configuration.md documents every key. --json: the file and its unresolved variables,\n"
        "or the error.",
        true,
        false,
        options,
        {},
        run,
    };
    return cmd;
}

} // namespace compuerta::plugin
