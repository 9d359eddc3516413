#pragma once
#include "core/cli/command.hpp"

namespace compuerta::smoke {

// `compuerta smoke`: plan step 6 (6.1-6.4).
const core::cli::Command& smoke_command();

} // namespace compuerta::smoke
