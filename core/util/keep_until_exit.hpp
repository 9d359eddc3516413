// Objects that a command may leave for the operating system to reclaim.
//
// A one-shot process gains nothing from freeing a large cache object by
// object just before it exits: on a 100,000-commit repository, freeing
// libgit2's object cache took a tenth of `gate release`'s run. Like git
// (which never frees at exit) and clang (-disable-free), the executable
// keeps such objects alive to the end and lets exit reclaim them. Only the
// executable's main() opts in; in a process that runs many commands (the
// tests), the objects are destroyed as usual.
#pragma once

#include <memory>

namespace compuerta::core {

// Called once by the executable's main(), before the command runs.
void exit_reclaims_memory(bool yes);

// Keeps `object` alive until the process exits (never destroyed) when the
// executable opted in; otherwise drops this reference as usual.
void keep_until_exit(std::shared_ptr<void> object);

} // namespace compuerta::core
