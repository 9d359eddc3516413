#pragma once
// Rollback decision (plan row R1): what the run changed and what failed,
// weighed by rollback.automatic / rollback.approval.
#include "core/config/config.hpp"
#include "plugin/deploy/run_state.hpp"

#include <string>
#include <vector>

namespace compuerta::core::config {
struct RollbackSection;
}

namespace compuerta::plugin::deploy {

struct Policy {
    std::vector<std::string> automatic; // a fail rolls back by itself
    std::vector<std::string> approval;  // a fail waits for a person
    // rollback.automatic / rollback.approval, else their declared defaults
    // (core/config/sections/deploy.cpp).
    static Policy from_config(const core::config::Config& cfg);
    static Policy from(const core::config::RollbackSection& section);
};

enum class Verdict {
    nothing_changed, // no migration, no deploy in this run: nothing to undo
    no_failure,      // changes made, nothing failed that calls for a rollback
    rollback,        // roll back now
    approval         // waiting for a manual approval (rollback --approved)
};
std::string_view to_string(Verdict v) noexcept;

struct Decision {
    Verdict verdict = Verdict::nothing_changed;
    std::vector<std::string> reasons; // one line each, Spanish-free (operator log)
};

// `findings`: the smoke results to weigh (JUnit when given, else the
// journal's). `approved`: a person approved the rollback.
Decision decide(const RunState& st, const std::vector<SmokeFinding>& findings, const Policy& policy, bool approved);

} // namespace compuerta::plugin::deploy
