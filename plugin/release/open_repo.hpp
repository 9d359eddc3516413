#pragma once
// Opening the repository for a command: bad input becomes the right exit code.
#include "core/ports/adapters.hpp"
#include "core/ports/git.hpp"

#include <memory>
#include <string>

namespace compuerta::plugin::release {

// Throws UsageError (exit 2) for a directory that is no repository, and
// CannotEvaluate (exit 3) for a repository owned by another user or that
// cannot be read.
std::unique_ptr<core::GitRepo> open_repo(const core::Adapters& adapters, const std::string& dir);

} // namespace compuerta::plugin::release
