// `compuerta deploy`: the site's deploy and restart commands, then the health
// wait; journals deploy.start and deploy.done with the release it replaced.
#include "plugin/deploy/deploy_command.hpp"
#include "core/config/sections/deploy.hpp"

#include "core/errors.hpp"
#include "core/secrets.hpp"
#include "plugin/deploy/deploy_plan.hpp"
#include "plugin/deploy/run_state.hpp"
#include "plugin/lease/guard.hpp"
#include "core/events.hpp"

#include <fmt/format.h>
#include <iostream>

namespace compuerta::plugin::deploy {

namespace po = boost::program_options;

namespace {

void options(po::options_description& d) {
    static const std::string health_timeout_help =
        "how long to wait until healthy (default deploy.health_timeout, else " +
        core::config::deploy_decl().default_of("health_timeout") + ")";
    d.add_options()
        ("tag", po::value<std::string>(), "release to deploy (default CI_COMMIT_TAG, TAG_NAME)")
        ("previous-tag", po::value<std::string>(), "release now deployed (default: deploy.current_release, this run's "
                                                   "backup, the journal's last deploy)")
        ("commit", po::value<std::string>(), "commit of the release (default CI_COMMIT_SHA, GIT_COMMIT)")
        ("environment", po::value<std::string>(), "environment name (default deploy.environment, CI_ENVIRONMENT_NAME, "
                                                  "else production)")
        ("health-url", po::value<std::string>(), "health URL to wait for (overrides deploy.health_url)")
        ("health-timeout", po::value<std::string>(), health_timeout_help.c_str());
}

// The release that runs now, in order of trust; "" when nobody knows.
std::string previous_release(core::cli::Invocation& inv, const DeploySettings& s, const TemplateValues& v,
                             core::Process& process) {
    if (auto p = inv.arg<std::string>("previous-tag")) return *p;
    if (!s.current_release.empty()) {
        auto cur = query_current_release(s, v, process);
        if (cur) return *cur;
        inv.warn("deploy.current_release: " + cur.error().message);
    }
    const auto& read = inv.history();
    std::string run = core::RunIdentity::explicit_run(inv.env());
    if (run.empty()) run = inv.identity().run;
    RunState st = summarize(read.events, run);
    if (st.backup && !st.backup->previous_tag.empty()) return st.backup->previous_tag;
    return last_deployed_release(read.events, v.tag);
}

int run(core::cli::Invocation& inv) {
    const auto& cfg = inv.config();
    DeploySettings s = read_deploy_settings(cfg);
    if (auto u = inv.arg<std::string>("health-url")) {
        core::register_url_secrets(*u, "--health-url");
        HealthSettings h = s.health.value_or(HealthSettings{});
        h.url = *u;
        if (!s.health) {
            auto header = cfg.at("maintenance.bypass_header");
            if (header.present()) h.bypass = std::make_pair(header.str(), cfg.at("maintenance.bypass_value").str_or(""));
            h.interval = s.health_interval;
        }
        s.health = h;
    }
    if (auto t = inv.arg<std::string>("health-timeout")) {
        auto d = core::config::parse_duration(*t);
        if (!d) throw core::UsageError(fmt::format("--health-timeout: expected a duration greater than zero such as 2m, got \"{}\"", *t));
        s.health_timeout = *d;
    }
    if (inv.common().timeout) s.command_timeout = *inv.common().timeout;
    if (s.commands.empty() && s.restart.empty())
        throw core::ConfigError(fmt::format("{}deploy.commands and deploy.restart are both empty: nothing to deploy; "
                                            "list the site's deploy commands in compuerta.yml",
                                            cfg.loaded() ? cfg.file() + ": " : ""));

    TemplateValues v;
    v.tag = inv.arg<std::string>("tag").value_or(inv.identity().tag);
    if (v.tag.empty()) throw core::UsageError("no release to deploy: pass --tag (or run in a tag pipeline)");
    v.commit = inv.arg<std::string>("commit").value_or(inv.identity().commit);
    v.environment = inv.arg<std::string>("environment").value_or(s.environment.value_or(inv.identity().environment));
    if (v.environment.empty()) v.environment = "production";
    auto process = core::make_posix_process();
    auto http = core::make_curl_http();
    if (auto ok = validate_values(v); !ok) throw core::UsageError(ok.error().message);
    v.previous_tag = previous_release(inv, s, v, *process);
    if (auto ok = validate_values(v); !ok) throw core::UsageError(ok.error().message);
    if (v.previous_tag.empty())
        inv.warn("the release running now is unknown (no --previous-tag, deploy.current_release, backup or earlier "
                 "deploy in the journal): a rollback of this deploy will not know what to redeploy");

    lease::require(inv, "deploy", "4"); // the deployment lease (docs/window.md)

    auto progress = [&inv](const std::string& line) { inv.info("  | " + line); };
    auto checks = build_deploy_checks(s, v, DeployPorts{process.get(), http.get(), {}}, "deploy", progress);

    inv.journal().append(core::events::make(
        core::events::DeployStart{v.tag, v.previous_tag, v.commit, v.environment}, "started",
        fmt::format("Desplegando {} en {} (reemplaza a {})", v.tag, v.environment,
                    v.previous_tag.empty() ? "una versión desconocida" : v.previous_tag)));

    core::RunnerOptions opt;
    opt.concurrency = 1;
    int code = inv.run_checks("compuerta.deploy", checks, opt);

    inv.journal().append(core::events::make(core::events::DeployDone{v.tag, v.previous_tag},
                                            code == core::k_exit_ok ? "ok" : "fail",
                                            code == core::k_exit_ok ? fmt::format("{} desplegado y sano", v.tag)
                                                                    : fmt::format("El despliegue de {} falló", v.tag)));
    if (code != core::k_exit_ok)
        inv.info(fmt::format("deploy of {} failed: the pipeline's rollback job (compuerta rollback) brings back {}", v.tag,
                             v.previous_tag.empty() ? "the previous release" : v.previous_tag));
    return code;
}

} // namespace

const core::cli::Command& deploy_command() {
    static const core::cli::Command cmd{
        "deploy",
        "Deploy a release (plan steps 4-5): the site's commands, restart, wait until healthy.",
        "compuerta deploy [--tag TAG] [--previous-tag TAG] [--commit SHA] [--environment NAME] [OPTIONS]",
        fmt::format(
        "Runs deploy.commands and deploy.restart from compuerta.yml through /bin/sh, one after the other,\n"
        "each with a timeout (deploy.timeout or --timeout, default {}; a command still running then is\n"
        "killed with its whole process group) and its output captured as evidence. Placeholders {{tag}},\n"
        "{{previous_tag}}, {{commit}} and {{environment}} are substituted (also exported as COMPUERTA_TAG, ...);\n"
        "${{VAR}} is left to the shell. Then polls deploy.health_url with the maintenance bypass header\n"
        "until it answers 2xx, for at most deploy.health_timeout (default {}).\n"
        "Journals deploy.start and deploy.done with the release deployed and the release it replaced\n"
        "(--previous-tag, else deploy.current_release's output, else this run's backup, else the\n"
        "journal's last successful deploy): that is what `compuerta rollback` redeploys.\n"
        "Exit 0 deployed and healthy; 1 a command failed, hung or the service never became healthy.",
        core::config::deploy_decl().default_of("timeout"), core::config::deploy_decl().default_of("health_timeout")),
        true,
        true,
        options,
        {},
        run,
        "deploy.timeout, else " + core::config::deploy_decl().default_of("timeout") + "; each deploy and restart command",
        false, // a deploy is not re-run: the health wait is bounded by --health-timeout
    };
    return cmd;
}

} // namespace compuerta::plugin::deploy
