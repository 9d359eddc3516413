#include "plugin/gates/env/target_checks.hpp"

#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::gates {

namespace msg = core::msg;

namespace {

std::string tail_lines(const std::string& out, std::size_t max_chars) {
    std::string s = out.size() > max_chars ? "..." + out.substr(out.size() - max_chars) : out;
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    return s;
}

} // namespace

UrlCheck::UrlCheck(core::CheckSpec spec, UrlProbe probe, core::Http& http)
    : core::Check(std::move(spec)), m_probe(std::move(probe)), m_http(http) {}

core::Outcome UrlCheck::run(const core::Deadline& deadline) {
    core::HttpRequest req;
    req.url = m_probe.url;
    req.tls = m_probe.tls;
    req.max_body = 64 * 1024;
    auto got = m_http.send(req, deadline);
    if (!got)
        return core::Outcome::make(core::Status::fail,
                                   core::mask(msg::tr("gates.env.url.unreachable", {{"problem", got.error().message}})),
                                   {{"url", core::mask(m_probe.url)}, {"phase", std::string(core::to_string(got.error().phase))}});
    long st = got->status;
    core::Evidence ev = {{"url", core::mask(m_probe.url)},
                         {"status", core::EvidenceValue::integer(st)},
                         {"total_ms", core::EvidenceValue::millis(got->total)}};
    bool ok = m_probe.expect_status != 0 ? st == m_probe.expect_status : (st >= 200 && st < 400);
    if (!ok)
        return core::Outcome::make(core::Status::fail,
                                   core::mask(msg::tr(m_probe.expect_status != 0 ? "gates.env.url.status"
                                                                                 : "gates.env.url.status_any",
                                                      {{"url", m_probe.url},
                                                       {"status", st},
                                                       {"expected", m_probe.expect_status}})),
                                   ev);
    // Without TLS verification (insecure: true) the target answered, but only a warning.
    return core::Outcome::make(m_probe.tls.verify ? core::Status::pass : core::Status::warn,
                               core::mask(msg::tr(m_probe.tls.verify ? "gates.env.url.ok" : "gates.env.url.ok_insecure",
                                                  {{"url", m_probe.url}, {"status", st}, {"ms", got->total.count()}})),
                               ev);
}

CommandCheck::CommandCheck(core::CheckSpec spec, std::string command, core::Process& process)
    : core::Check(std::move(spec)), m_command(std::move(command)), m_process(process) {}

core::Outcome CommandCheck::run(const core::Deadline& deadline) {
    core::ProcessSpec ps;
    ps.argv = core::shell_argv(m_command);
    ps.max_output = 16 * 1024;
    auto r = m_process.run(ps, deadline);
    if (!r) return core::Outcome::make(core::Status::error, core::mask(r.error().message));
    core::Evidence ev = {{"command", core::mask(m_command)},
                         {"exit_code", core::EvidenceValue::integer(r->exit_code)}};
    if (r->timed_out)
        return core::Outcome::make(core::Status::fail,
                                   core::mask(msg::tr("gates.env.probe.timeout", {{"command", m_command}})), ev);
    if (r->exit_code != 0) {
        core::Outcome o = core::Outcome::make(
            core::Status::fail,
            core::mask(msg::tr("gates.env.probe.exited",
                               {{"command", m_command}, {"code", r->exit_code}, {"output", tail_lines(r->output, 300)}})),
            ev);
        o.output = core::mask(r->output);
        return o;
    }
    return core::Outcome::make(core::Status::pass, core::mask(msg::tr("gates.env.probe.ok", {{"command", m_command}})),
                               ev);
}

} // namespace compuerta::plugin::gates
