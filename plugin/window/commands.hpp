#pragma once
// The window's commands (one file each; thin mains in *_main.cpp).
#include "core/cli/command.hpp"

namespace compuerta::plugin::window {

const core::cli::Command& maintenance_command(); // maintenance on|off|status
const core::cli::Command& notify_command();      // notify window|success|rollback
const core::cli::Command& signoff_command();     // signoff ITEM --by NAME [--note TEXT]
const core::cli::Command& window_command();      // window open|close
const core::cli::Command& checklist_command();   // checklist [--format md|html] [--lang es|en] [--postmortem] [-o FILE]

} // namespace compuerta::plugin::window
