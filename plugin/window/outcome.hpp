#pragma once
// What happened in this deployment, in one sentence: the line at the top of
// the checklist, its HTML page and the post-mortem.
#include "plugin/window/checklist.hpp"

#include <string>

namespace compuerta::plugin::window {

enum class OutcomeKind {
    none,        // empty journal: no sentence
    deployed,    // every smoke row done, nothing failed
    rolled_back, // a row failed, the rollback restored and verified the previous release
    rollback_incomplete,
    rollback_running,
    failed, // a row failed and no rollback is recorded
    in_progress
};

struct DeployOutcome {
    OutcomeKind kind = OutcomeKind::none;
    std::string label; // "Revertido", "Deployed"
    std::string
        sentence; // "6.3 falló; v1.0.0 restaurada y verificada a las 2026-11-29 07:20:01 UTC."
};

DeployOutcome outcome_of(const ChecklistInput& in);
// CSS class of the outcome banner ("outcome-ok", "outcome-rolled-back", ...).
const char* outcome_class(OutcomeKind k);

} // namespace compuerta::plugin::window
