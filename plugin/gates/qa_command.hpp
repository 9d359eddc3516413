#pragma once
#include "core/cli/command.hpp"

namespace compuerta::plugin::gates {
// `compuerta gate qa` (plan item 3.1).
const core::cli::Command& gate_qa_command();
} // namespace compuerta::plugin::gates
