#pragma once
#include "core/cli/command.hpp"

namespace compuerta::plugin {

// `compuerta config check [-c FILE]`: validates a configuration file.
const core::cli::Command& config_check_command();

} // namespace compuerta::plugin
