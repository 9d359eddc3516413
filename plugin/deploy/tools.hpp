#pragma once
// The other compuerta commands rollback drives as subprocesses through their
// CLI contracts (compuerta-db-restore, compuerta-maintenance, compuerta-smoke,
// compuerta-notify, compuerta-checklist). Found like git finds its helpers:
// COMPUERTA_EXEC_PATH first (tests, packagers), then beside this executable,
// then PATH.
#include "core/deadline.hpp"
#include "core/ports/process.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::plugin::deploy {

struct ToolOutcome {
    bool started = false; // false: not found or could not be executed (message says which)
    int exit_code = -1;
    bool timed_out = false;
    std::string message;
    std::string output; // tail of its output
};

class Tools {
  public:
    virtual ~Tools() = default;
    // The program's path, or nullopt when it is nowhere to be found.
    virtual std::optional<std::filesystem::path> find(const std::string& program) const = 0;
    // Runs `program args...` (plus the common flags the implementation passes
    // through) and waits; never throws.
    virtual ToolOutcome run(const std::string& program, const std::vector<std::string>& args) = 0;
};

// Search directories: COMPUERTA_EXEC_PATH (colon-separated), then the one
// sibling rule (core::cli::sibling_dirs: beside this executable, then PATH).
std::vector<std::filesystem::path> tool_search_dirs(const std::optional<std::string>& exec_path);

struct SubprocessToolsOptions {
    std::vector<std::filesystem::path> dirs;
    std::vector<std::string> common_args;           // -c FILE --journal DIR
    std::map<std::string, std::string> env;         // COMPUERTA_RUN=...
    core::Millis timeout{7'200'000};                // per tool run
    std::function<void(const std::string&)> progress; // each output line
};

class SubprocessTools final : public Tools {
  public:
    SubprocessTools(core::Process& process, SubprocessToolsOptions options);
    std::optional<std::filesystem::path> find(const std::string& program) const override;
    ToolOutcome run(const std::string& program, const std::vector<std::string>& args) override;

  private:
    core::Process& m_process;
    SubprocessToolsOptions m_opt;
};

} // namespace compuerta::plugin::deploy
