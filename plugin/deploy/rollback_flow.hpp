#pragma once
// The rollback itself (plan rows R1-R6), as a journal-driven state machine:
// every step journals `started` and then `ok` or `fail`, a step already `ok`
// in this run is never repeated (so a second run, or a run after a SIGKILL,
// finishes the job without restoring twice), and every precondition is
// checked before the first change (exit 3, nothing touched).
#include "core/journal.hpp"
#include "core/model.hpp"
#include "plugin/deploy/policy.hpp"
#include "plugin/deploy/run_state.hpp"
#include "plugin/deploy/steps.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::plugin::deploy {

// What a step did, for the report.
struct StepReport {
    core::Status status = core::Status::pass;
    std::string message;
    std::string detail;
};

// The steps this run still needs, and what stops it before any change.
struct RollbackPlan {
    bool restore = false;
    bool maintenance_on = false; // switch maintenance back on after the restore
    bool redeploy = false;
    bool verify = false;
    bool maintenance_off = false; // after a healthy verify
    bool notify = false;
    bool postmortem = false;
    std::string manifest;
    std::string release;  // the release to redeploy
    std::string replaced; // the release being rolled back
    std::vector<std::string> problems; // non-empty: exit 3 before any change
};

// Pure: the remaining steps for `st` (decision already `rollback`).
// `manifest_problem`: what check_manifest() said, when a restore is needed.
RollbackPlan plan_rollback(const RunState& st, const std::optional<std::string>& manifest_problem);

struct RollbackEnv {
    Steps* steps = nullptr;
    std::function<void(const core::Event&)> journal;
    // Redeploys `release` with the deploy commands; `replaced` is the bad one.
    std::function<StepReport(const std::string& release, const std::string& replaced)> redeploy;
    std::function<void(const std::string&)> info;
    std::vector<std::string> restore_args; // e.g. --dsn DSN
    std::vector<std::string> smoke_args;   // e.g. --dsn DSN
    std::string verify_junit;              // JUnit of the verifying smoke
    std::string postmortem;                // post-mortem file
};

struct RollbackOutcome {
    int exit_code = 0;
    std::vector<core::CheckResult> steps; // one per step run or skipped, for the report
};

// Runs `plan`. Returns exit 0 rolled back and healthy, 1 verify or a step
// failed, 3 the restore refused and its report says the database was not
// changed (nothing else had changed either).
RollbackOutcome execute_rollback(const RollbackPlan& plan, const RunState& st, RollbackEnv& env);

} // namespace compuerta::plugin::deploy
