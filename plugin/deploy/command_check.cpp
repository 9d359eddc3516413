#include "plugin/deploy/command_check.hpp"

#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::deploy {

CommandCheck::CommandCheck(core::CheckSpec spec, core::Process& process, std::string command,
                           std::map<std::string, std::string> env, Progress progress)
    : core::Check(std::move(spec)), m_process(process), m_command(std::move(command)), m_env(std::move(env)),
      m_progress(std::move(progress)) {}

core::Outcome CommandCheck::run(const core::Deadline& deadline) {
    core::ProcessSpec ps;
    ps.argv = core::shell_argv(m_command);
    ps.env = m_env;
    ps.kill_grace = core::Millis(1'000);
    ps.on_line = m_progress;
    auto started = m_process.run(ps, deadline);
    if (!started)
        return core::Outcome::make(
            core::Status::fail,
            core::msg::tr("deploy.command.start_failed", {{"command", core::mask(m_command)},
                                                          {"error", started.error().message}}));
    const core::ProcessResult& r = *started;
    core::Outcome o;
    o.output = r.output;
    o.evidence = {{"command", core::mask(m_command)},
                  {"exit_code", core::EvidenceValue::integer(r.exit_code)},
                  {"duration_ms", core::EvidenceValue::millis(r.duration)}};
    if (r.signal != 0)
        o.evidence.emplace_back("signal", core::EvidenceValue::integer(r.signal));
    if (r.timed_out) {
        o.status = core::Status::fail;
        o.message = core::msg::tr("deploy.command.timed_out", {{"command", core::mask(m_command)}});
    } else if (r.exit_code != 0) {
        o.status = core::Status::fail;
        o.message = r.signal != 0
                        ? core::msg::tr("deploy.command.signal",
                                        {{"command", core::mask(m_command)}, {"signal", r.signal}})
                        : core::msg::tr("deploy.command.exit", {{"command", core::mask(m_command)},
                                                                {"code", r.exit_code}});
    } else {
        o.status = core::Status::pass;
        o.message = core::msg::tr("deploy.command.done", {{"command", core::mask(m_command)}});
    }
    if (o.status == core::Status::fail) o.detail = r.output;
    return o;
}

} // namespace compuerta::plugin::deploy
