#pragma once
// The pieces of `compuerta rollback` that talk to the Invocation: context from
// flags, config and journal; reports; the lock; the in-process redeploy.
#include "core/cli/command.hpp"
#include "core/config/sections/deploy.hpp"
#include "core/report/suite.hpp"
#include "plugin/db/lock.hpp"
#include "plugin/deploy/deploy_plan.hpp"
#include "plugin/deploy/policy.hpp"
#include "plugin/deploy/rollback_flow.hpp"
#include "plugin/deploy/run_state.hpp"
#include "plugin/deploy/steps.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::plugin::deploy {

struct RollbackContext {
    std::string journal_dir;
    std::string run; // the pipeline run being rolled back ("" when the journal is empty)
    RunState state;
    std::string environment;
    std::optional<std::string> dsn;    // the database (for the lock); none: no database known
    std::vector<std::string> dsn_args; // --dsn DSN when given as a flag
    std::string postmortem;
    core::config::RollbackSection settings; // the rollback section, read once
};

RollbackContext load_context(core::cli::Invocation& inv);

// Smoke findings: the JUnit files (flag or rollback.smoke_junit) when they
// can be read, else this run's journal.
std::vector<SmokeFinding> read_findings(core::cli::Invocation& inv, const RollbackContext& ctx);

core::CheckResult decision_result(core::Status status, const std::string& message);
void journal_decision(core::cli::Invocation& inv, const Decision& d);
void journal_done(core::cli::Invocation& inv, int exit_code);

// Prints, writes JUnit/JSON, returns `code`.
int finish_report(core::cli::Invocation& inv, core::report::Suite& suite, int code);
// Journals rollback.done fail with the problems, reports them, returns 3.
int stop_before_change(core::cli::Invocation& inv, core::report::Suite& suite,
                       const std::vector<std::string>& problems);

ProcessStepsOptions step_options(core::cli::Invocation& inv, const RollbackContext& ctx);
// A sentence for each command the plan needs and cannot run.
std::vector<std::string> missing_steps(const RollbackPlan& plan, const Steps& steps);

// Holds 'compuerta-rollback:' || dbname for the whole rollback, after checking
// that no migrate/restore holds 'compuerta:' || dbname (released at once, as
// db restore takes it itself). Throws CannotEvaluate when either is busy or
// the cluster cannot be reached. Null when no database is known.
std::optional<db::AdvisoryLock> take_rollback_lock(core::cli::Invocation& inv,
                                                   const RollbackContext& ctx);

// Runs the deploy checks for `values.tag`, printing each line; the step's report.
StepReport redeploy_release(core::cli::Invocation& inv, const DeploySettings& s,
                            const TemplateValues& values, DeployPorts ports);

} // namespace compuerta::plugin::deploy
