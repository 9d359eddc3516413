#pragma once
// Boost.Program_options' errors, in the run's language: the kinds a person
// meets (an unknown option, a missing or repeated value) from the catalog,
// naming the option; any other as Boost words it.
#include <boost/program_options/errors.hpp>
#include <string>

namespace compuerta::core::cli {

std::string usage_text(const boost::program_options::error& e);

} // namespace compuerta::core::cli
