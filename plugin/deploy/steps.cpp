#include "plugin/deploy/steps.hpp"

#include "core/cli/registry.hpp"
#include "core/fs.hpp"
#include "core/messages/catalog.hpp"
#include "core/util/temp_dir.hpp"
#include "core/util/text.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::deploy {

namespace fs = std::filesystem;
namespace msg = core::msg;
using core::report::ReportedCheck;

core::Status StepCall::status() const {
    if (!completed)
        return core::Status::fail;
    return failed().empty() ? core::Status::pass : core::Status::fail;
}

std::vector<const ReportedCheck*> StepCall::failed() const {
    std::vector<const ReportedCheck*> out;
    for (const auto& c : checks)
        if (c.status == core::Status::fail || c.status == core::Status::error)
            out.push_back(&c);
    return out;
}

std::vector<const ReportedCheck*> StepCall::skipped() const {
    std::vector<const ReportedCheck*> out;
    for (const auto& c : checks)
        if (c.status == core::Status::skip)
            out.push_back(&c);
    return out;
}

std::string StepCall::summary() const {
    if (!completed)
        return problem;
    auto bad = failed();
    if (!bad.empty()) {
        std::vector<std::string> parts;
        for (const auto* c : bad)
            parts.push_back(fmt::format("{} {}: {}", c->item, c->name, c->message));
        return core::util::join(parts, "; ");
    }
    if (checks.size() == 1)
        return checks.front().message;
    std::size_t skip = skipped().size();
    if (skip == 0)
        return msg::trn("rollback.call.passed", static_cast<long long>(checks.size()));
    return msg::trn("rollback.call.passed_skipped", static_cast<long long>(checks.size() - skip),
                    {{"skipped", msg::trn("rollback.call.skipped", static_cast<long long>(skip))}});
}

bool database_changed(const StepCall& restore) {
    if (!restore.completed)
        return true;
    for (const auto& c : restore.checks) {
        auto it = c.evidence.find("changed");
        if (it == c.evidence.end() || it->second != "false")
            return true;
    }
    return restore.checks.empty();
}

ProcessSteps::ProcessSteps(core::Process& process, ProcessStepsOptions options)
    : m_process(process), m_opt(std::move(options)) {}

std::optional<std::vector<std::string>> ProcessSteps::locate(const std::string& command) const {
    if (m_opt.exec_path) {
        std::vector<fs::path> dirs;
        for (const auto& d : core::util::split(*m_opt.exec_path, ':'))
            if (!d.empty()) dirs.emplace_back(d);
        auto p = core::cli::find_executable(dirs, core::cli::program_name(command));
        if (!p) return std::nullopt;
        return std::vector<std::string>{p->string()};
    }
    auto self = core::cli::sibling("compuerta");
    if (!self)
        return std::nullopt;
    std::vector<std::string> argv{self->string()};
    for (auto& w : core::util::split(command, ' '))
        argv.push_back(std::move(w));
    return argv;
}

std::vector<std::string> ProcessSteps::unavailable(const std::vector<std::string>& commands) const {
    std::vector<std::string> out;
    for (const auto& c : commands) {
        if (locate(c))
            continue;
        if (m_opt.exec_path)
            out.push_back(
                msg::tr("rollback.call.not_in_exec_path",
                        {{"program", core::cli::program_name(c)}, {"path", *m_opt.exec_path}}));
        else
            out.push_back(msg::tr("rollback.call.no_compuerta", {{"command", c}}));
    }
    return out;
}

StepCall ProcessSteps::call(const std::string& command, const std::vector<std::string>& args) {
    StepCall out;
    auto argv = locate(command);
    if (!argv) {
        out.problem = unavailable({command}).front();
        return out;
    }
    auto tmp = core::util::TempDir::make("compuerta-step");
    if (!tmp) {
        out.problem = tmp.error().message;
        return out;
    }
    fs::path report = tmp->path() / "report.json";
    core::ProcessSpec ps;
    ps.argv = *argv;
    ps.argv.insert(ps.argv.end(), args.begin(), args.end());
    ps.argv.insert(ps.argv.end(), m_opt.common_args.begin(), m_opt.common_args.end());
    ps.argv.insert(ps.argv.end(), {"--json", report.string()});
    ps.env = m_opt.env;
    ps.on_line = m_opt.progress;
    ps.max_output = 64 * 1024;
    std::string shown = "compuerta " + command;
    auto r = m_process.run(ps, core::Deadline::after(m_opt.timeout));
    if (!r) {
        out.problem = msg::tr("rollback.call.start_failed",
                              {{"command", shown}, {"error", r.error().message}});
        return out;
    }
    out.output = r->output;
    if (r->timed_out) {
        out.problem = msg::tr("rollback.call.timed_out", {{"command", shown}});
        return out;
    }
    if (r->signal != 0) {
        out.problem = msg::tr("rollback.call.signal", {{"command", shown}, {"signal", r->signal}});
        return out;
    }
    std::error_code ec;
    if (!fs::exists(report, ec)) {
        out.problem =
            msg::tr("rollback.call.no_report", {{"command", shown}, {"code", r->exit_code}});
        return out;
    }
    auto read = core::report::parse_json_report(core::read_file(report), shown + " --json");
    if (!read) {
        out.problem = read.error().message;
        return out;
    }
    out.checks = std::move(read->checks);
    out.completed = true;
    if (out.checks.empty() && !read->error.empty()) {
        out.completed = false;
        out.problem = msg::tr("rollback.call.stopped",
                              {{"command", shown}, {"code", r->exit_code}, {"error", read->error}});
    } else if (out.checks.empty() && r->exit_code != 0) {
        out.completed = false;
        out.problem =
            msg::tr("rollback.call.no_checks", {{"command", shown}, {"code", r->exit_code}});
    }
    return out;
}

StepCall ProcessSteps::restore(const std::string& manifest, const std::vector<std::string>& extra) {
    std::vector<std::string> args{"--manifest", manifest};
    args.insert(args.end(), extra.begin(), extra.end());
    return call("db restore", args);
}

StepCall ProcessSteps::maintenance(bool on) {
    return call("maintenance", {on ? "on" : "off"});
}

StepCall ProcessSteps::smoke(const std::string& junit, const std::vector<std::string>& extra) {
    std::vector<std::string> args{"--junit", junit};
    args.insert(args.end(), extra.begin(), extra.end());
    return call("smoke", args);
}

StepCall ProcessSteps::notify_rollback() {
    return call("notify", {"rollback"});
}

StepCall ProcessSteps::postmortem(const std::string& file) {
    StepCall c = call("checklist", {"--postmortem", "-o", file});
    if (!c.completed)
        return c;
    // The checklist reports the plan's rows (the record: 6.3 failed, which is
    // why we are here), not whether it did its job: the step's result is the
    // post-mortem file, written atomically by the checklist.
    core::report::ReportedCheck written;
    written.id = "postmortem";
    written.item = "R6";
    written.name = msg::tr("rollback.name.postmortem_file");
    std::error_code ec;
    auto size = fs::file_size(file, ec);
    bool ok = !ec && size > 0;
    written.status = ok ? core::Status::pass : core::Status::fail;
    written.message =
        ok ? msg::trn("rollback.postmortem.written", static_cast<long long>(size), {{"file", file}})
           : msg::tr("rollback.postmortem.missing", {{"file", file}});
    c.checks = {written};
    return c;
}

} // namespace compuerta::plugin::deploy
