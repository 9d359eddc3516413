#pragma once
// Runs a program through compuerta's own Process port (poll + waitpid): safe
// from several threads at once, and never waits past the child's exit
// (Boost.Process 1.74's wait_for, used by support::run, sometimes sleeps to
// its timeout after the child has already exited).
#include "tests/support/support.hpp"

#include <map>
#include <string>
#include <vector>

namespace compuerta::test {

// Exit code, or 128+signal; -9 when killed at the timeout.
Run run_program(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {},
                const std::string& cwd = "", int timeout_s = 120);

} // namespace compuerta::test
