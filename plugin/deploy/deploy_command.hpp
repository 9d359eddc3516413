#pragma once
#include "core/cli/command.hpp"

namespace compuerta::plugin::deploy {
// `compuerta deploy` (plan steps 4-5).
const core::cli::Command& deploy_command();
// `compuerta rollback` (plan rows R1-R6).
const core::cli::Command& rollback_command();
} // namespace compuerta::plugin::deploy
