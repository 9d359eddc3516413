#pragma once
#include "core/cli/command.hpp"

namespace compuerta::plugin::release {
// `compuerta tag VERSION`: plan item 3.4 (after the 3.3 merge check).
const core::cli::Command& tag_command();
} // namespace compuerta::plugin::release
