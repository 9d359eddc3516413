#include "plugin/deploy/command_check.hpp"

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
        return core::Outcome::make(core::Status::fail,
                                   fmt::format("cannot start `{}`: {}; check that /bin/sh exists", core::mask(m_command),
                                               started.error().message));
    const core::ProcessResult& r = *started;
    core::Outcome o;
    o.output = r.output;
    o.evidence = {{"command", core::mask(m_command)},
                  {"exit_code", core::EvidenceValue::integer(r.exit_code)},
                  {"duration_ms", core::EvidenceValue::integer(r.duration.count())}};
    if (r.signal != 0)
        o.evidence.emplace_back("signal", core::EvidenceValue::integer(r.signal));
    if (r.timed_out) {
        o.status = core::Status::fail;
        o.message = fmt::format("`{}` still running at its timeout; killed with its whole process group. "
                                "Find out why it hangs or raise deploy.timeout",
                                core::mask(m_command));
    } else if (r.exit_code != 0) {
        o.status = core::Status::fail;
        o.message = r.signal != 0 ? fmt::format("`{}` was killed by signal {}", core::mask(m_command), r.signal)
                                  : fmt::format("`{}` exited with {}; see its output", core::mask(m_command),
                                                r.exit_code);
    } else {
        o.status = core::Status::pass;
        o.message = fmt::format("`{}` finished", core::mask(m_command));
    }
    if (o.status == core::Status::fail) o.detail = r.output;
    return o;
}

} // namespace compuerta::plugin::deploy
