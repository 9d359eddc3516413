#pragma once
#include "core/cli/command.hpp"

namespace compuerta::plugin::release {
// `compuerta gate release`: plan items 3.3 and 3.4.
const core::cli::Command& gate_release_command();
} // namespace compuerta::plugin::release
