#pragma once
// run() (tests/support) with an argv vector and a plain cwd string.
#include "tests/support/support.hpp"

#include <map>
#include <string>
#include <vector>

namespace compuerta::test {

// Exit code, or 128+signal; -9 when killed at the timeout.
Run run_program(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {},
                const std::string& cwd = "", int timeout_s = 120);

} // namespace compuerta::test
