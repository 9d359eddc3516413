// `compuerta deploy`: the site's deploy and restart commands, then the health
// wait; journals deploy.start and deploy.done with the release it replaced.
#include "plugin/deploy/deploy_command.hpp"

#include "core/config/sections/deploy.hpp"
#include "core/config/sections/notify.hpp"
#include "core/errors.hpp"
#include "core/events.hpp"
#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"
#include "plugin/deploy/deploy_plan.hpp"
#include "plugin/deploy/run_state.hpp"
#include "plugin/lease/guard.hpp"

#include <fmt/format.h>
#include <iostream>

namespace compuerta::plugin::deploy {

namespace po = boost::program_options;
namespace msg = core::msg;

namespace {

void deploy_options(po::options_description& d) {
    d.add_options()("tag", po::value<std::string>(), msg::tr("deploy.opt.tag").c_str())(
        "previous-tag", po::value<std::string>(), msg::tr("deploy.opt.previous_tag").c_str())(
        "commit", po::value<std::string>(), msg::tr("deploy.opt.commit").c_str())(
        "environment", po::value<std::string>(), msg::tr("deploy.opt.environment").c_str())(
        "health-url", po::value<std::string>(), msg::tr("deploy.opt.health_url").c_str())(
        "health-timeout", po::value<std::string>(),
        msg::tr("deploy.opt.health_timeout",
                {{"default", core::config::deploy_decl().default_of("health_timeout")}})
            .c_str());
}

// The release that runs now, in order of trust; "" when nobody knows.
std::string previous_release(core::cli::Invocation& inv, const DeploySettings& s,
                             const TemplateValues& v, core::Process& process) {
    if (auto p = inv.arg<std::string>("previous-tag"))
        return *p;
    if (!s.current_release.empty()) {
        auto cur = query_current_release(s, v, process);
        if (cur)
            return *cur;
        inv.warn(msg::tr("deploy.current_release.warning", {{"error", cur.error().message}}));
    }
    const auto& read = inv.history();
    std::string run = core::RunIdentity::explicit_run(inv.env());
    if (run.empty())
        run = inv.identity().run;
    RunState st = summarize(read.events, run);
    if (st.backup && !st.backup->previous_tag.empty())
        return st.backup->previous_tag;
    return last_deployed_release(read.events, v.tag);
}

int run_deploy(core::cli::Invocation& inv) {
    const auto& cfg = inv.config();
    DeploySettings s = read_deploy_settings(cfg);
    if (auto u = inv.arg<std::string>("health-url")) {
        core::register_url_secrets(*u, "--health-url");
        HealthSettings h = s.health.value_or(HealthSettings{});
        h.url = *u;
        if (!s.health) {
            const auto m = core::config::maintenance_decl().read(cfg);
            if (m.bypass_header.present())
                h.bypass = std::make_pair(m.bypass_header.str(), m.bypass_value.str_or(""));
            h.interval = s.health_interval;
        }
        s.health = h;
    }
    if (auto t = inv.arg<std::string>("health-timeout")) {
        auto d = core::config::parse_duration(*t);
        if (!d)
            throw core::UsageError(msg::tr("deploy.health_timeout.invalid", {{"value", *t}}));
        s.health_timeout = *d;
    }
    if (inv.common().timeout)
        s.command_timeout = *inv.common().timeout;
    if (s.commands.empty() && s.restart.empty())
        throw core::ConfigError(cfg.loaded()
                                    ? msg::tr("deploy.no_commands.file", {{"file", cfg.file()}})
                                    : msg::tr("deploy.no_commands"));

    TemplateValues v;
    v.tag = inv.arg<std::string>("tag").value_or(inv.identity().tag);
    if (v.tag.empty())
        throw core::UsageError(msg::tr("deploy.no_tag"));
    v.commit = inv.arg<std::string>("commit").value_or(inv.identity().commit);
    v.environment = inv.arg<std::string>("environment")
                        .value_or(s.environment.value_or(inv.identity().environment));
    if (v.environment.empty())
        v.environment = "production";
    auto process = inv.adapters().process();
    auto http = inv.adapters().http();
    if (auto ok = validate_values(v); !ok)
        throw core::UsageError(ok.error().message);
    v.previous_tag = previous_release(inv, s, v, *process);
    if (auto ok = validate_values(v); !ok)
        throw core::UsageError(ok.error().message);
    if (v.previous_tag.empty())
        inv.warn(msg::tr("deploy.previous_unknown"));

    lease::require(inv, "deploy", "4"); // the deployment lease (docs/window.md)

    auto progress = [&inv](const std::string& line) { inv.info("  | " + line); };
    auto checks =
        build_deploy_checks(s, v, DeployPorts{process.get(), http.get(), {}}, "deploy", progress);

    inv.journal().append(core::events::make(
        core::events::DeployStart{v.tag, v.previous_tag, v.commit, v.environment}, "started",
        v.previous_tag.empty() ? msg::tr("deploy.start.unknown_previous",
                                         {{"release", v.tag}, {"environment", v.environment}})
                               : msg::tr("deploy.start", {{"release", v.tag},
                                                          {"environment", v.environment},
                                                          {"previous", v.previous_tag}})));

    core::RunnerOptions opt;
    opt.concurrency = 1;
    int code = inv.run_checks("compuerta.deploy", checks, opt);

    inv.journal().append(core::events::make(
        core::events::DeployDone{v.tag, v.previous_tag}, code == core::k_exit_ok ? "ok" : "fail",
        msg::tr(code == core::k_exit_ok ? "deploy.done" : "deploy.failed", {{"release", v.tag}})));
    if (code != core::k_exit_ok)
        inv.info(v.previous_tag.empty()
                     ? msg::tr("deploy.failed.advice.unknown_previous", {{"release", v.tag}})
                     : msg::tr("deploy.failed.advice",
                               {{"release", v.tag}, {"previous", v.previous_tag}}));
    return code;
}

} // namespace

const core::cli::Command& deploy_command() {
    static const core::cli::Command cmd{
        "deploy",
        "deploy.summary",
        "compuerta deploy [--tag TAG] [--previous-tag TAG] [--commit SHA] [--environment NAME] "
        "[OPTIONS]",
        // The defaults it names (deploy.timeout, deploy.health_timeout) are written
        // in the catalog; tests/unit/pipeline/messages_test.cpp keeps them in step.
        "deploy.description",
        true,
        true,
        deploy_options,
        {},
        run_deploy,
        "deploy.opt.timeout.default", // names deploy.timeout's default: kept in step by a test
        false, // a deploy is not re-run: the health wait is bounded by --health-timeout
    };
    return cmd;
}

} // namespace compuerta::plugin::deploy
