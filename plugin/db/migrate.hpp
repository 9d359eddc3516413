#pragma once
// `compuerta db migrate` (plan step 3) and `compuerta db status`.
#include "core/cli/command.hpp"

namespace compuerta::plugin::db {

const core::cli::Command& migrate_command();
const core::cli::Command& status_command();

} // namespace compuerta::plugin::db
