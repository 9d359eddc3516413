#include "plugin/config/config_check.hpp"

#include "core/config/rules.hpp"
#include "core/config/schema.hpp"
#include "core/config/variables.hpp"
#include "core/errors.hpp"
#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"
#include "smoke/suite.hpp"

#include <fmt/format.h>

namespace compuerta::plugin {

namespace msg = core::msg;

namespace {

void options(boost::program_options::options_description& d) {
    d.add_options()("reference", boost::program_options::bool_switch(),
                    msg::tr("config_check.opt.reference").c_str());
}

int run(core::cli::Invocation& inv) {
    if (inv.args()["reference"].as<bool>()) {
        inv.out() << core::config::schema_markdown(core::config::root_schema(), msg::current());
        return core::k_exit_ok;
    }
    const auto& cfg = inv.config();
    if (!cfg.loaded()) {
        // No -c, no COMPUERTA_CONFIG and no ./compuerta.yml: nothing to check.
        throw core::ConfigError(msg::tr("config_check.no_file"));
    }
    // Loading validated keys and types; report unresolved variables too.
    int unresolved = 0;
    core::config::for_each_unset_variable(
        cfg.root(), [&](const core::config::Value&, const std::string& error) {
            ++unresolved;
            inv.warn(msg::tr("config_check.unset_variable", {{"problem", error}}));
        });
    // What the commands refuse only when they build from a valid file: the
    // smoke suite, through the same factories `smoke` uses (never run).
    if (auto problems = smoke::suite_problems(cfg, inv.env(), inv.adapters()); !problems.empty())
        throw core::ConfigError(core::config::invalid_file_message(cfg.file(), problems));
    inv.out() << (unresolved ? msg::trn("config_check.valid_unresolved", unresolved,
                                        {{"file", cfg.file()}})
                             : msg::tr("config_check.valid", {{"file", cfg.file()}}))
              << "\n";
    core::Event e;
    e.event = "config.check";
    e.status = "pass";
    e.summary = msg::tr("config_check.journal", {{"file", cfg.file()}});
    inv.journal().append(e);
    // --json/--junit: one check, the file (an invalid file stops before this
    // with exit 2, and --json then carries the error).
    core::report::Suite suite = inv.make_suite("compuerta.config.check");
    core::CheckResult r;
    r.id = "config";
    r.name = msg::tr("config_check.check_name");
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
        "config_check.summary",
        "compuerta config check [-c FILE] | --reference",
        "config_check.description",
        true,
        false,
        options,
        {},
        run,
    };
    return cmd;
}

} // namespace compuerta::plugin
