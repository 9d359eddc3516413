#include "plugin/deploy/tools.hpp"

#include "core/cli/registry.hpp"
#include "core/util/text.hpp"

#include <fmt/format.h>
#include <unistd.h>

namespace compuerta::plugin::deploy {

namespace fs = std::filesystem;

std::vector<fs::path> tool_search_dirs(const std::optional<std::string>& exec_path) {
    std::vector<fs::path> dirs;
    if (exec_path)
        for (const auto& d : core::util::split(*exec_path, ':'))
            if (!d.empty()) dirs.emplace_back(d);
    for (auto& d : core::cli::sibling_dirs()) dirs.push_back(std::move(d));
    return dirs;
}

SubprocessTools::SubprocessTools(core::Process& process, SubprocessToolsOptions options)
    : m_process(process), m_opt(std::move(options)) {}

std::optional<fs::path> SubprocessTools::find(const std::string& program) const {
    for (const auto& d : m_opt.dirs) {
        fs::path p = d / program;
        std::error_code ec;
        if (access(p.c_str(), X_OK) == 0 && !fs::is_directory(p, ec)) return p;
    }
    return std::nullopt;
}

ToolOutcome SubprocessTools::run(const std::string& program, const std::vector<std::string>& args) {
    ToolOutcome o;
    auto path = find(program);
    if (!path) {
        o.message = fmt::format("{} not found (COMPUERTA_EXEC_PATH, beside compuerta-rollback, PATH); install it", program);
        return o;
    }
    core::ProcessSpec ps;
    ps.argv.push_back(path->string());
    ps.argv.insert(ps.argv.end(), args.begin(), args.end());
    ps.argv.insert(ps.argv.end(), m_opt.common_args.begin(), m_opt.common_args.end());
    ps.env = m_opt.env;
    ps.on_line = m_opt.progress;
    ps.max_output = 64 * 1024;
    auto r = m_process.run(ps, core::Deadline::after(m_opt.timeout));
    if (!r) {
        o.message = r.error().message;
        return o;
    }
    o.started = true;
    o.exit_code = r->exit_code;
    o.timed_out = r->timed_out;
    o.output = r->output;
    if (r->timed_out) o.message = fmt::format("{} still running at its timeout (rollback.tool_timeout); killed", program);
    else if (r->signal != 0) o.message = fmt::format("{} was killed by signal {}", program, r->signal);
    else if (r->exit_code != 0) o.message = fmt::format("{} exited with {}", program, r->exit_code);
    else o.message = fmt::format("{} finished", program);
    return o;
}

} // namespace compuerta::plugin::deploy
