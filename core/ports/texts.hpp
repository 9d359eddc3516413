#pragma once
// The ports' failure phases and reasons as a person reads them, in the run's
// language (po/<lang>/core.po: http.*, pg.*, deadline.*). Evidence keeps
// to_string's stable English names; messages use these.
#include "core/deadline.hpp"
#include "core/ports/http.hpp"
#include "core/ports/postgres.hpp"

#include <string>

namespace compuerta::core {

std::string phase_text(HttpPhase p);
std::string reason_text(TlsReason r); // "" for none
std::string advice_text(TlsReason r); // what to do next
std::string phase_text(PgPhase p);
// What to do when an operation ran out of `d` (the run's deadline or the check's).
std::string deadline_advice(const Deadline& d);

} // namespace compuerta::core
