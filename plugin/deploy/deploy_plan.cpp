#include "plugin/deploy/deploy_plan.hpp"

#include "core/config/sections/deploy.hpp"
#include "core/config/sections/notify.hpp"
#include "core/errors.hpp"
#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"
#include "plugin/deploy/command_check.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::deploy {

namespace {


std::string render_or_throw(const std::string& templ, const TemplateValues& values) {
    auto r = render(templ, values);
    if (!r) throw core::UsageError(r.error().message);
    return *r;
}

} // namespace

DeploySettings read_deploy_settings(const core::config::Config& cfg) {
    const core::config::DeploySection d = core::config::deploy_decl().read(cfg);
    DeploySettings s;
    s.commands = d.commands;
    s.restart = d.restart;
    s.current_release = d.current_release.value_or("");
    s.command_timeout = d.timeout;
    s.health_timeout = d.health_timeout;
    s.health_interval = d.health_interval;
    s.environment = d.environment;
    if (d.health_url) {
        HealthSettings h;
        h.url = *d.health_url;
        h.interval = d.health_interval;
        const auto m = core::config::maintenance_decl().read(cfg);
        if (m.bypass_header.present())
            h.bypass = std::make_pair(m.bypass_header.str(), m.bypass_value.str_or(""));
        s.health = h;
    }
    return s;
}

std::vector<std::shared_ptr<core::Check>> build_deploy_checks(const DeploySettings& s, const TemplateValues& values,
                                                               DeployPorts ports, const std::string& id_prefix,
                                                               std::function<void(const std::string&)> progress) {
    std::vector<std::shared_ptr<core::Check>> checks;
    auto env = template_env(values);
    std::string previous;
    auto add_commands = [&](const std::vector<std::string>& templates, const char* item,
                            const char* kind, const char* name_id) {
        int n = 0;
        for (const auto& t : templates) {
            ++n;
            core::CheckSpec spec;
            spec.id = fmt::format("{}-{}-{}", id_prefix, kind, n);
            spec.item = item;
            spec.name = core::msg::tr(name_id, {{"release", values.tag}, {"number", n}});
            spec.classname = fmt::format("{}.{}", id_prefix, kind);
            spec.timeout = s.command_timeout;
            if (!previous.empty())
                spec.depends_on = {previous};
            previous = spec.id;
            checks.push_back(std::make_shared<CommandCheck>(spec, *ports.process, render_or_throw(t, values), env,
                                                            progress));
        }
    };
    add_commands(s.commands, "4", "command", "deploy.name.command");
    add_commands(s.restart, "5", "restart", "deploy.name.restart");
    if (s.health) {
        core::CheckSpec spec;
        spec.id = id_prefix + "-health";
        spec.item = "5";
        spec.name = core::msg::tr("deploy.name.health", {{"release", values.tag}});
        spec.classname = id_prefix + ".health";
        spec.timeout = s.health_timeout;
        if (!previous.empty()) spec.depends_on = {previous};
        checks.push_back(std::make_shared<HealthCheck>(spec, *ports.http, *s.health, ports.sleep));
    }
    return checks;
}

core::Result<std::string> query_current_release(const DeploySettings& s, const TemplateValues& values,
                                                core::Process& process) {
    if (s.current_release.empty())
        return core::Error{core::msg::tr("deploy.current_release.unset")};
    auto cmd = render(s.current_release, values);
    if (!cmd) return core::Error{cmd.error().message};
    core::ProcessSpec ps;
    ps.argv = core::shell_argv(*cmd);
    ps.env = template_env(values);
    ps.merge_stderr = false;
    auto r = process.run(ps, core::Deadline::after(std::min(s.command_timeout, core::Millis(60'000))));
    if (!r) return core::Error{r.error().message};
    if (!r->ok())
        return core::Error{
            r->timed_out
                ? core::msg::tr("deploy.current_release.timed_out",
                                {{"command", core::mask(*cmd)}, {"error", r->error_output}})
                : core::msg::tr("deploy.current_release.exit", {{"command", core::mask(*cmd)},
                                                                {"code", r->exit_code},
                                                                {"error", r->error_output}})};
    std::string line = r->output.substr(0, r->output.find('\n'));
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    while (!line.empty() && line.front() == ' ') line.erase(0, 1);
    if (line.empty())
        return core::Error{
            core::msg::tr("deploy.current_release.empty", {{"command", core::mask(*cmd)}})};
    return line;
}

} // namespace compuerta::plugin::deploy
