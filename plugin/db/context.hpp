#pragma once
// What every `compuerta db` command shares: the connection (--dsn, else
// database.dsn, else the PG* variables), the ports, the release tags
// (--tag/--previous-tag, else CI_COMMIT_TAG and the journal's deploy.done),
// the journal's events, and the one-result report.
#include "core/cli/command.hpp"
#include "core/config/sections/database.hpp"
#include "core/ports/db.hpp"
#include "core/ports/process.hpp"
#include "plugin/db/pg_tools.hpp"

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace compuerta::plugin::db {

namespace po = boost::program_options;

// --dsn, --tag, --previous-tag, --lock-wait (lock: migrate and restore only).
void add_connection_options(po::options_description& d, bool lock);

// The `database` section with the command line over it (one merge,
// core/config/given_flags.hpp): --dsn and --lock-wait for every db command,
// and the command's `own` flags ({"dir", "backup.dir"}, ...).
core::config::DatabaseSection db_settings(const core::cli::Invocation& inv,
                                          std::vector<core::config::FlagBinding> own = {});

struct DbContext {
    core::cli::Invocation& inv;
    std::unique_ptr<core::Db> db;
    std::unique_ptr<core::Process> process;
    core::config::DatabaseSection settings; // the `database` section, read once
    std::string dsn;                        // --dsn, else database.dsn; may be empty: PG* variables
    std::string tag;                        // release being deployed
    std::string previous_tag;
    core::Millis lock_wait{0}; // --lock-wait, else database.lock_wait
    std::vector<nlohmann::json> events;

    // Throws UsageError/ConfigError (exit 2) for a bad flag or config value.
    static DbContext from(core::cli::Invocation& inv);
    // The same with the `database` section already read (db_settings()).
    static DbContext from(core::cli::Invocation& inv, core::config::DatabaseSection settings);

    // Opens a session to `dsn` or throws core::CannotEvaluate naming the phase.
    std::unique_ptr<core::DbSession> connect(const std::string& dsn_to_use) const;
    // The database the DSN targets: named in it, else PGDATABASE, else the
    // server's answer (a session is opened only then).
    std::string target_database() const;
    // pg_dump/pg_restore for database `database` with this connection's parameters.
    PgTools tools(const std::string& database);
    // Prints a progress line on stderr (silent with -q).
    void progress(const std::string& line) { inv.info(inv.command().name + ": " + line); }
};

// Time since `t0` on the steady clock (the db commands' step timings).
core::Millis since(std::chrono::steady_clock::time_point t0);
// Does the cluster `admin` is connected to have a database named `database`?
bool database_exists(core::DbSession& admin, const std::string& database);

// The journal event that closes a db command (backup.done, migrate.done,
// restore.done): status ok/fail from the outcome, its message, the time since
// `started`. Callers add their own fields and append it.
core::Event done_event(const core::cli::Invocation& inv, const std::string& event,
                       const std::string& item, const core::Outcome& outcome,
                       core::WallTime started);

// Reports one result (plan item, JUnit classname, Spanish name) and returns
// the exit code: pass 0, fail 1, error 3.
int report_one(core::cli::Invocation& inv, const std::string& id, const std::string& item,
               const std::string& name, core::Outcome outcome, core::WallTime started);

} // namespace compuerta::plugin::db
