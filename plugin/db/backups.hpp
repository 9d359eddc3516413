#pragma once
// Finding backups through the journal: `db migrate` needs a verified backup
// of its database newer than the window's opening (or than max_backup_age
// when no window is open); `db restore` defaults to the backup taken in this
// window (or this run); `db status` shows the newest.
#include "core/ports/clock.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::plugin::db {

struct BackupRef {
    std::string manifest; // absolute path
    std::string database;
    std::string tag;
    std::string previous_tag;
    std::string run;
    core::WallTime at{};
};

// Every `backup.done` with status ok and verified true, oldest first.
// `database` empty: any database.
std::vector<BackupRef> verified_backups(const std::vector<nlohmann::json>& events, const std::string& database);

// The latest `window.open` not followed by a `window.close`, if any.
std::optional<core::WallTime> open_window(const std::vector<nlohmann::json>& events);

// The release running now: `release` of the newest ok `deploy.done`, else empty.
std::string running_release(const std::vector<nlohmann::json>& events);

struct BackupVerdict {
    std::optional<BackupRef> backup; // none: refuse
    std::string reason;              // why this one, or why none qualifies (says what to do)
};

// The backup that allows a migration of `database` at `now`.
BackupVerdict backup_for_migrate(const std::vector<nlohmann::json>& events, const std::string& database,
                                 core::WallTime now, std::chrono::milliseconds max_age);

// The backup a restore uses by default: the newest verified backup of
// `database` taken in the open window, else in run `run`; with `tag`, only
// one taken for that release.
BackupVerdict backup_for_restore(const std::vector<nlohmann::json>& events, const std::string& database,
                                 const std::string& run, const std::string& tag);

} // namespace compuerta::plugin::db
