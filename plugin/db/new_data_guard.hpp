#pragma once
// No restore over new data by accident (issue 15 item 10): once maintenance
// went off after the backup was taken, the public is back and enrolments are
// being written; restoring that backup throws them away. The restore refuses
// (exit 3) unless --over-new-data says so, and says how much was written.
#include "core/model.hpp"
#include "core/ports/db.hpp"
#include "plugin/db/context.hpp"
#include "plugin/db/manifest.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::plugin::db {

// The newest successful maintenance.off in `events` later than the backup's
// `finished` time (RFC 3339, compared as text: both are UTC), or nullopt.
std::optional<std::string> maintenance_off_after(const std::vector<nlohmann::json>& events,
                                                 const std::string& backup_finished);

// What was written to the live database since the backup: WAL bytes since
// the manifest's LSN, and per table the live rows now against the rows the
// manifest counted (pg_stat_user_tables: an estimate). Lines for people.
std::vector<std::string> writes_since_backup(core::DbSession& live, const Manifest& m);

// nullopt when the restore may go on; else the refusal (status error, exit
// 3, nothing changed) naming the maintenance.off time, the writes measured
// through `live` (when it could connect) and the flag that accepts the loss.
std::optional<core::Outcome> refuse_restore_over_new_data(const std::vector<nlohmann::json>& events,
                                                          const Manifest& m, core::DbSession* live,
                                                          bool over_new_data);

// The restore's hook: --over-new-data, declared by add_new_data_option().
void add_new_data_option(po::options_description& d);
// Reads the journal events and the flag from `ctx`, connects to the live
// database when it exists, and applies refuse_restore_over_new_data().
std::optional<core::Outcome> check_new_data(DbContext& ctx, const Manifest& m);

} // namespace compuerta::plugin::db
