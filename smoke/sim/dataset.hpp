#pragma once
// renapo-sim's test persons (fictional; CURPs with valid check digits).
#include "smoke/renapo/shapes.hpp"

#include <vector>

namespace compuerta::smoke::sim {

const std::vector<renapo::Person>& test_persons();
// The person with `curp`, or nullptr.
const renapo::Person* find_person(const std::string& curp);

} // namespace compuerta::smoke::sim
