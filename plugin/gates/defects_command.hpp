#pragma once
#include "core/cli/command.hpp"

namespace compuerta::plugin::gates {
// `compuerta gate defects` (plan item 3.2).
const core::cli::Command& gate_defects_command();
} // namespace compuerta::plugin::gates
