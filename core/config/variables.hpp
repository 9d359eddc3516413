#pragma once
// Values that use a variable not set where the file is read (`${VAR}`):
// config check warns about them, and what builds from the file leaves them to
// be checked where they are used.
#include "core/config/config.hpp"

#include <functional>
#include <string>

namespace compuerta::core::config {

// Calls `visit` with each scalar under `v` whose `${VAR}` is not set here and
// the error that names it.
void for_each_unset_variable(const Value& v,
                             const std::function<void(const Value&, const std::string& error)>& visit);

} // namespace compuerta::core::config
