#pragma once
// What one pipeline run changed and how far a rollback of it got, read from
// the journal's events (docs/journal-events.md). Pure: tests feed events.
#include "core/model.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::plugin::deploy {

struct BackupRecord {
    std::string manifest;
    std::string database;
    std::string tag;
    std::string previous_tag;
    std::string status; // ok, fail
    bool verified = false;
};

struct DeployRecord {
    std::string release;
    std::string previous_release;
    std::string status; // "" while only deploy.start is known (killed), ok, fail
};

// A smoke result (from JUnit or the journal): plan item, name, status.
struct SmokeFinding {
    std::string item;
    std::string name;
    core::Status status = core::Status::pass;
    std::string source; // "smoke.xml", "journal"
};

struct RunState {
    std::string run;
    bool maintenance_on = false;  // this run switched maintenance on (and not off again before rolling back)
    std::optional<BackupRecord> backup;
    bool migrated = false;        // a migrate.done of any status
    std::string migrate_status;
    std::optional<DeployRecord> deploy;
    std::vector<SmokeFinding> smoke; // latest result of each smoke check after the deploy
    // Rollback progress: "rollback.restore" -> last status ("started", "ok", "fail").
    std::map<std::string, std::string> progress;
    std::optional<std::string> decision; // the first rollback.decision's status

    // Did the run touch the database or the application?
    bool changed_app_or_db() const { return migrated || deploy.has_value(); }
    bool step_ok(const std::string& event) const;
};

// Summarises the events of `run` (events of other runs are ignored). Events
// before the first rollback.decision are the run's changes; rollback.* events
// are progress.
RunState summarize(const std::vector<nlohmann::json>& events, const std::string& run);

// The run to roll back: `explicit_run` when non-empty, else the run of the
// latest window.open, else of the latest deploy.start, else of the latest
// event. Empty when the journal is empty.
std::string pick_run(const std::vector<nlohmann::json>& events, const std::string& explicit_run);

// The release deployed by the latest successful deploy.done or
// rollback.redeploy of any run,
// other than `except`; empty when none.
std::string last_deployed_release(const std::vector<nlohmann::json>& events, const std::string& except);

} // namespace compuerta::plugin::deploy
