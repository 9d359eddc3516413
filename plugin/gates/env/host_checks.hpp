#pragma once
// 2.1 on the host that runs the deploy: free disk space where the backup
// goes, and the tools the deploy needs on PATH.
#include "core/model.hpp"
#include "core/ports/env.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::plugin::gates {

class DiskSpaceCheck final : public core::Check {
  public:
    DiskSpaceCheck(core::CheckSpec spec, std::string path, std::uint64_t min_free_bytes);
    core::Outcome run(const core::Deadline& deadline) override;

  private:
    std::string m_path;
    std::uint64_t m_min_free;
};

class ToolsCheck final : public core::Check {
  public:
    ToolsCheck(core::CheckSpec spec, std::vector<std::string> tools, const core::Env& env);
    core::Outcome run(const core::Deadline& deadline) override;

  private:
    std::vector<std::string> m_tools;
    const core::Env& m_env;
};

// "20GB", "500MiB", "1.5G", "1024" (bytes); nullopt when not a size.
std::optional<std::uint64_t> parse_size(const std::string& text);
std::string format_size(std::uint64_t bytes);
// The executable `tool` resolves to on `path` (a name with '/' is taken as is); empty when none.
std::string find_on_path(const std::string& tool, const std::string& path);

} // namespace compuerta::plugin::gates
