#pragma once
// Shell completion generated from the command registry (never written by
// hand): commands, subcommands of groups (compuerta db <TAB>), each
// command's flags, the choices its usage line declares (--format md|html,
// window open|close), files and directories, and the registry's values
// (plan items for signoff ITEM and smoke --only ID|ITEM).
#include "core/cli/registry.hpp"

#include <iosfwd>

namespace compuerta::core::cli {

// The bash script `compuerta completion bash` prints: defines _compuerta and
// registers it for compuerta and every compuerta-COMMAND link.
void write_bash_completion(const Registry& registry, std::ostream& out);

} // namespace compuerta::core::cli
