#pragma once
// The phase of a failed PostgreSQL or HTTP exchange as a person reads it, in
// the run's language (smoke.postgres.phase.*, smoke.http.phase.*). Evidence
// keeps core::to_string's English name, which is stable.
#include "core/ports/http.hpp"
#include "core/ports/postgres.hpp"

#include <string>

namespace compuerta::smoke::checks {

std::string phase_text(core::PgPhase p);
std::string phase_text(core::HttpPhase p);

} // namespace compuerta::smoke::checks
