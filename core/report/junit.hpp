#pragma once
// JUnit XML (DESIGN.md "JUnit"). The default validates against Jenkins'
// schema; strict also against Ant's (windyroad) schema.
#include "core/report/suite.hpp"

#include <string>
#include <vector>

namespace compuerta::core::report {

// Renders the document (already masked).
std::string render_junit(const std::vector<Suite>& suites, bool strict);

} // namespace compuerta::core::report
