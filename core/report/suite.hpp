#pragma once
// What every report format renders: one suite per command run.
#include "core/model.hpp"
#include "core/ports/clock.hpp"

#include <string>
#include <vector>

namespace compuerta::core::report {

struct Suite {
    std::string name;    // "compuerta.smoke", "compuerta.gate.release"
    std::string package; // "compuerta"
    std::string hostname;
    WallTime started{};
    Millis duration{0};
    Evidence properties; // tag, commit, environment, pipeline, host (never empty)
    std::vector<CheckResult> results;
    int rounds = 1;
};

struct Totals {
    int tests = 0, failures = 0, errors = 0, skipped = 0, warnings = 0;
    int waiting = 0; // of the skipped: waiting for a human decision
};
Totals totals(const Suite& s);

} // namespace compuerta::core::report
