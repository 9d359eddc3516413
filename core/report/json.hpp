#pragma once
// Machine-readable report (--json): the same records as JUnit, plus status
// per check, evidence as an object and the exit code.
#include "core/report/suite.hpp"

#include <string>
#include <vector>

namespace compuerta::core::report {

std::string render_json(const std::vector<Suite>& suites, int exit_code);

// The report of a command that stopped before any check (usage or
// configuration error, exit 2; cannot evaluate, exit 3): no suites, and the
// error a person reads.
std::string render_json_error(int exit_code, const std::string& error);

} // namespace compuerta::core::report
