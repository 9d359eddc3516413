#pragma once
// The deployment lease's decisions, over the LeaseStore port (so unit tests
// use a fake): take for `window open` (with --take-over of a stale lease),
// check for a command that changes something, release at the run's end.
// docs/window.md "Deployment lease".
#include "core/ports/lease_store.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace compuerta::plugin::lease {

// Runs the journal shows as over: their `window.close`, or a `rollback.done`
// that did not stop for an approval (exit 4).
std::set<std::string> ended_runs(const std::vector<nlohmann::json>& events);

// Why `held` is stale: older than `max_age`, or its run is in `ended`; ""
// when it is not stale.
std::string stale_reason(const core::Lease& held, core::Millis max_age,
                         const std::set<std::string>& ended);

enum class OpenStatus { taken, already_ours, taken_over, refused, unreachable };

struct OpenResult {
    OpenStatus status = OpenStatus::unreachable;
    core::Lease lease;                // ours (taken, already_ours, taken_over)
    std::optional<core::Lease> other; // the other run's (refused, taken_over)
    std::string stale;                // why `other` is stale ("" when it is not)
    std::string error;                // unreachable, or a take-over that lost a race
};

// Takes the lease `wanted` describes. Another run's stale lease is taken
// over only with `take_over`; a lease that is not stale never is.
OpenResult open(core::LeaseStore& store, const core::Lease& wanted, bool take_over,
                core::Millis max_age, const std::set<std::string>& ended,
                const core::Deadline& deadline);

enum class CheckStatus { none, ours, other, unreachable };

struct CheckResult {
    CheckStatus status = CheckStatus::unreachable;
    std::optional<core::Lease> holder;
    std::string error;
};

// Whose lease `environment` is under, seen from `run`.
CheckResult check(core::LeaseStore& store, const std::string& environment, const std::string& run,
                  const core::Deadline& deadline);

enum class ReleaseStatus { released, not_held, other, unreachable };

struct ReleaseResult {
    ReleaseStatus status = ReleaseStatus::unreachable;
    std::optional<core::Lease> holder; // released: ours as it was; other: theirs
    std::string error;
};

// Releases the lease of `environment` when `run` holds it; another run's
// lease is left alone.
ReleaseResult release(core::LeaseStore& store, const std::string& environment,
                      const std::string& run, const core::Deadline& deadline);

// "run 77 (release v1.2.0, host runner-3, user ana, job URL) since T (N min ago)".
std::string describe(const core::Lease& l);

} // namespace compuerta::plugin::lease
