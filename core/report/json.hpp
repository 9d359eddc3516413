#pragma once
// Machine-readable report (--json): the same records as JUnit, plus status
// per check, evidence as an object and the exit code.
#include "core/report/suite.hpp"

#include <string>
#include <vector>

namespace compuerta::core::report {

std::string render_json(const std::vector<Suite>& suites, int exit_code);

} // namespace compuerta::core::report
