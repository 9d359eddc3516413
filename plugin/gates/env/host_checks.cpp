#include "plugin/gates/env/host_checks.hpp"

#include "core/messages/catalog.hpp"

#include <cctype>
#include <filesystem>
#include <fmt/format.h>
#include <unistd.h>

namespace compuerta::plugin::gates {

namespace fs = std::filesystem;
namespace msg = core::msg;

std::optional<std::uint64_t> parse_size(const std::string& text) {
    std::size_t i = 0;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
    if (i == 0) return std::nullopt;
    double v = 0;
    try {
        v = std::stod(text.substr(0, i));
    } catch (const std::exception&) {
        return std::nullopt;
    }
    std::string unit = text.substr(i);
    while (!unit.empty() && unit.front() == ' ') unit.erase(0, 1);
    for (auto& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    double f = 0;
    if (unit.empty() || unit == "B") f = 1;
    else if (unit == "K" || unit == "KB" || unit == "KIB") f = 1024.0;
    else if (unit == "M" || unit == "MB" || unit == "MIB") f = 1048576.0;
    else if (unit == "G" || unit == "GB" || unit == "GIB") f = 1073741824.0;
    else if (unit == "T" || unit == "TB" || unit == "TIB") f = 1099511627776.0;
    else return std::nullopt;
    return static_cast<std::uint64_t>(v * f);
}

std::string format_size(std::uint64_t b) {
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = static_cast<double>(b);
    int u = 0;
    while (v >= 1024 && u < 4) {
        v /= 1024;
        ++u;
    }
    return u == 0 ? fmt::format("{} B", b) : fmt::format("{:.1f} {}", v, units[u]);
}

std::string find_on_path(const std::string& tool, const std::string& path) {
    auto runnable = [](const fs::path& p) {
        std::error_code ec;
        return fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
    };
    if (tool.find('/') != std::string::npos) return runnable(tool) ? tool : std::string();
    std::size_t start = 0;
    while (start <= path.size()) {
        auto colon = path.find(':', start);
        std::string dir = path.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
        fs::path cand = fs::path(dir.empty() ? "." : dir) / tool;
        if (runnable(cand)) return cand.string();
        if (colon == std::string::npos) break;
        start = colon + 1;
    }
    return {};
}

DiskSpaceCheck::DiskSpaceCheck(core::CheckSpec spec, std::string path, std::uint64_t min_free_bytes)
    : core::Check(std::move(spec)), m_path(std::move(path)), m_min_free(min_free_bytes) {}

core::Outcome DiskSpaceCheck::run(const core::Deadline&) {
    std::error_code ec;
    if (!fs::is_directory(m_path, ec))
        return core::Outcome::make(core::Status::fail,
                                   msg::tr("gates.env.disk.no_dir", {{"path", m_path}}),
                                   {{"path", m_path}});
    auto sp = fs::space(m_path, ec);
    if (ec)
        return core::Outcome::make(core::Status::error,
                                   msg::tr("gates.env.disk.unreadable", {{"path", m_path}, {"problem", ec.message()}}));
    core::Evidence ev = {{"path", m_path},
                         {"free_bytes", core::EvidenceValue::integer(sp.available)},
                         {"required_bytes", core::EvidenceValue::integer(m_min_free)}};
    if (::access(m_path.c_str(), W_OK) != 0)
        return core::Outcome::make(core::Status::fail,
                                   msg::tr("gates.env.disk.not_writable", {{"path", m_path}}), ev);
    if (sp.available < m_min_free)
        return core::Outcome::make(core::Status::fail,
                                   msg::tr("gates.env.disk.low", {{"free", format_size(sp.available)},
                                                                  {"path", m_path},
                                                                  {"required", format_size(m_min_free)}}),
                                   ev);
    return core::Outcome::make(core::Status::pass,
                               msg::tr("gates.env.disk.ok", {{"free", format_size(sp.available)},
                                                             {"path", m_path},
                                                             {"required", format_size(m_min_free)}}),
                               ev);
}

ToolsCheck::ToolsCheck(core::CheckSpec spec, std::vector<std::string> tools, const core::Env& env)
    : core::Check(std::move(spec)), m_tools(std::move(tools)), m_env(env) {}

core::Outcome ToolsCheck::run(const core::Deadline&) {
    std::string path = m_env.get_or("PATH", "/usr/local/bin:/usr/bin:/bin");
    std::vector<std::string> missing;
    core::Evidence ev;
    for (const auto& t : m_tools) {
        std::string where = find_on_path(t, path);
        if (where.empty()) missing.push_back(t);
        else ev.emplace_back(t, where);
    }
    if (missing.empty())
        return core::Outcome::make(core::Status::pass,
                                   msg::trn("gates.env.tools.ok", static_cast<long long>(m_tools.size())), ev);
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    return core::Outcome::make(core::Status::fail,
                               msg::trn("gates.env.tools.missing", static_cast<long long>(missing.size()),
                                        {{"tools", list}}),
                               ev);
}

} // namespace compuerta::plugin::gates
