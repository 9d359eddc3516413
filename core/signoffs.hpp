#pragma once
// Human sign-offs a gate requires before it passes (plan.signoffs in
// compuerta.yml: command name -> plan items). Invocation::run_checks adds
// these checks to every command that runs checks.
#include "core/config/config.hpp"
#include "core/model.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace compuerta::core {

// The plan items whose sign-off `command` ("gate release", also written
// "gate-release" or "compuerta-gate-release") requires; empty when none.
std::vector<std::string> required_signoffs(const config::Config& cfg, const std::string& command);

// One check per required item: pass when the journal in `journal_dir` holds a
// `signoff` event for it (evidence: who and when), else skip and waiting
// (exit 4) naming the item and the `compuerta signoff` command to run. The journal is read when the
// check runs, so --until-pass waits for the human.
std::vector<std::shared_ptr<Check>> signoff_checks(const config::Config& cfg, const std::string& command,
                                                   const std::filesystem::path& journal_dir);

} // namespace compuerta::core
