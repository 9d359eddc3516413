#pragma once
#include "core/cli/command.hpp"

namespace compuerta::plugin::gates {
// `compuerta gate env` (plan items 2.1 and 2.3).
const core::cli::Command& gate_env_command();
} // namespace compuerta::plugin::gates
