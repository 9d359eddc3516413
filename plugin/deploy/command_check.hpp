#pragma once
// One site command (deploy or restart) as a check: run through /bin/sh in its
// own process group, killed with the group at the check's deadline, output
// captured as evidence and streamed as progress.
#include "core/model.hpp"
#include "core/ports/process.hpp"

#include <functional>
#include <map>
#include <string>

namespace compuerta::plugin::deploy {

class CommandCheck final : public core::Check {
  public:
    using Progress = std::function<void(const std::string& line)>;
    CommandCheck(core::CheckSpec spec, core::Process& process, std::string command,
                 std::map<std::string, std::string> env, Progress progress);
    core::Outcome run(const core::Deadline& deadline) override;

  private:
    core::Process& m_process;
    std::string m_command;
    std::map<std::string, std::string> m_env;
    Progress m_progress;
};

} // namespace compuerta::plugin::deploy
