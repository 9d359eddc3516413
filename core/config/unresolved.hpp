#pragma once
// Values of the configuration whose `${VAR}` expansion fails, walked
// alongside the schema (gate env's check 2.3). Only places and names are
// shown, never a value.
#include "core/config/config.hpp"
#include "core/config/schema.hpp"

#include <string>
#include <vector>

namespace compuerta::core::config {

// "file:line:col: key: ${VAR} is not set (...)" for every value of `value`
// (walked alongside `schema`) whose expansion fails. Templates are skipped:
// they are never ${}-expanded.
std::vector<std::string> unresolved_variables(const Value& value, const NodePtr& schema);

// The same for the whole file, against the whole schema.
std::vector<std::string> unresolved_variables(const Config& cfg);

} // namespace compuerta::core::config
