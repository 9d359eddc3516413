#pragma once
// Runs checks with bounded concurrency, per-check timeouts, a whole-run
// deadline, `depends_on` skipping, and the --until-pass re-evaluation loop.
#include "core/model.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace compuerta::core {

struct RunnerOptions {
    int concurrency = 8;
    std::optional<Millis> deadline;   // whole run (all rounds); none = unbounded
    bool until_pass = false;          // re-run every `interval` until a round passes
    Millis interval{5'000};
    Millis until_timeout{300'000};
    Millis grace{1'000};              // extra time before the runner gives up on a check
    // Called as each result is final (from the runner's thread, in finish order).
    std::function<void(const CheckResult&)> on_result;
    // Called after each round with its results (for journaling rounds).
    std::function<void(int round, const std::vector<CheckResult>&)> on_round;
};

struct RunReport {
    std::vector<CheckResult> results; // last round, in the checks' order
    int rounds = 0;
    bool deadline_reached = false;
};

// Throws UsageError for duplicate ids, unknown dependencies or cycles.
void validate_dependencies(const std::vector<std::shared_ptr<Check>>& checks);

// A round passes when no result is fail or error.
bool round_passed(const std::vector<CheckResult>& results);

RunReport run_checks(const std::vector<std::shared_ptr<Check>>& checks, const RunnerOptions& options);

} // namespace compuerta::core
