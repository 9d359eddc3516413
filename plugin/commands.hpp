#pragma once
// Every command of the one `compuerta` executable, in one registry.
#include "core/cli/registry.hpp"

namespace compuerta::plugin {

// Built once; the order is irrelevant (help sorts by name).
const core::cli::Registry& commands();

} // namespace compuerta::plugin
