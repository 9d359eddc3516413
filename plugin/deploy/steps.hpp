#pragma once
// The commands the rollback calls (R2 db restore, maintenance on/off, R4
// smoke, R5 notify, R6 checklist --postmortem), as typed calls. Each returns
// what the command itself reported -- its checks, read back from its --json
// report -- never a guess from an exit code. They run as child processes of
// the same compuerta binary, so that each one can be killed at
// rollback.tool_timeout while the rollback goes on and records it.
#include "core/deadline.hpp"
#include "core/ports/process.hpp"
#include "core/report/json_read.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::plugin::deploy {

// The typed result of one call.
struct StepCall {
    bool completed = false; // ran to its end and its report was read
    std::string
        problem; // when not completed: not found, killed at its timeout or by a signal, no report
    std::vector<core::report::ReportedCheck> checks; // what the command reported, in order
    std::string output;                              // tail of its terminal output

    // fail when not completed; else fail when a check failed or could not be
    // evaluated; else pass (skip and warn are not failures).
    core::Status status() const;
    std::vector<const core::report::ReportedCheck*> failed() const;
    std::vector<const core::report::ReportedCheck*> skipped() const;
    // One line: the problem, else the failed checks ("6.3 Inscripción: ..."),
    // else how many checks passed and were skipped.
    std::string summary() const;
};

// What db restore said it did to the database: false only when its report
// says so (evidence changed=false); no report, or no such fact, counts as
// changed (the rollback must then not claim that nothing was touched).
bool database_changed(const StepCall& restore);

class Steps {
  public:
    virtual ~Steps() = default;
    // A sentence for each of `commands` ("db restore", "notify") that cannot be run.
    virtual std::vector<std::string>
    unavailable(const std::vector<std::string>& commands) const = 0;
    virtual StepCall restore(const std::string& manifest,
                             const std::vector<std::string>& extra) = 0;
    virtual StepCall maintenance(bool on) = 0;
    virtual StepCall smoke(const std::string& junit, const std::vector<std::string>& extra) = 0;
    virtual StepCall notify_rollback() = 0;
    // Its one check says whether `file` was written (the checklist's own
    // checks are the plan's rows, the record, not the step's result).
    virtual StepCall postmortem(const std::string& file) = 0;
};

struct ProcessStepsOptions {
    std::optional<std::string>
        exec_path; // COMPUERTA_EXEC_PATH: compuerta-COMMAND programs, only there
    std::vector<std::string> common_args;             // -c FILE --journal DIR
    std::map<std::string, std::string> env;           // COMPUERTA_RUN=...
    core::Millis timeout{7'200'000};                  // per call
    std::function<void(const std::string&)> progress; // each output line
};

// Runs `compuerta COMMAND ARGS... --json FILE` (the same binary: beside the
// running one, then PATH) and reads FILE back. With COMPUERTA_EXEC_PATH set
// (tests, packagers), runs `compuerta-COMMAND` from there instead, and only
// from there.
class ProcessSteps final : public Steps {
  public:
    ProcessSteps(core::Process& process, ProcessStepsOptions options);
    std::vector<std::string> unavailable(const std::vector<std::string>& commands) const override;
    StepCall restore(const std::string& manifest, const std::vector<std::string>& extra) override;
    StepCall maintenance(bool on) override;
    StepCall smoke(const std::string& junit, const std::vector<std::string>& extra) override;
    StepCall notify_rollback() override;
    StepCall postmortem(const std::string& file) override;

  private:
    // argv before the command's own arguments, or nullopt when not found.
    std::optional<std::vector<std::string>> locate(const std::string& command) const;
    StepCall call(const std::string& command, const std::vector<std::string>& args);

    core::Process& m_process;
    ProcessStepsOptions m_opt;
};

} // namespace compuerta::plugin::deploy
