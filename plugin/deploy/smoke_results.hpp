#pragma once
// Smoke results from JUnit files (what the smoke job left as artifacts):
// each testcase's name starts with its plan item ("6.3 Inscripción ...").
#include "core/result.hpp"
#include "plugin/deploy/run_state.hpp"

#include <filesystem>
#include <vector>

namespace compuerta::plugin::deploy {

// Parses one JUnit file. Error names the file and what is wrong with it
// (missing, not XML, no testcase).
core::Result<std::vector<SmokeFinding>> read_junit_findings(const std::filesystem::path& file);

// The plan item a testcase name starts with ("6.3 ..." -> "6.3"); empty
// when the name does not start with one.
std::string item_of(const std::string& testcase_name);

} // namespace compuerta::plugin::deploy
