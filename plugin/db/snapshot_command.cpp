// `compuerta db snapshot` (plan item 2.2, the fast path of rollback 2).
#include "core/errors.hpp"
#include "core/report/terminal.hpp"
#include "plugin/db/context.hpp"
#include "plugin/db/snapshot.hpp"
#include "plugin/db/snapshot_take.hpp"
#include "plugin/lease/guard.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::db {

namespace fs = std::filesystem;

namespace {

void options(po::options_description& d) {
    add_connection_options(d, true);
    d.add_options()("dir", po::value<std::string>(),
                    "directory of the backups (default database.backup.dir, else ./backups)")(
        "manifest", po::value<std::string>(),
        "attach to this backup (default: the newest verified one of the database in DIR)")(
        "repair-only", po::bool_switch(),
        "only repair an unfinished snapshot (connections back on, half-made copy dropped)");
}

int run(core::cli::Invocation& inv) {
    auto started = inv.clock().now();
    TakeSettings set;
    set.dir = fs::absolute(inv.arg<std::string>("dir").value_or(
        inv.config().at("database.backup.dir").str_or("backups")));
    if (auto m = inv.arg<std::string>("manifest"))
        set.manifest = fs::absolute(*m);
    set.repair_only = inv.args()["repair-only"].as<bool>();
    DbContext ctx = DbContext::from(inv);
    lease::require(inv, "db snapshot", "2.2"); // the deployment lease (docs/window.md)
    TakeState st;
    core::Outcome outcome = run_take(ctx, set, st, started);
    return report_one(inv, "snapshot", "2.2", k_snapshot_name, std::move(outcome), started);
}

} // namespace

const core::cli::Command& snapshot_command() {
    static const core::cli::Command cmd{
        "db snapshot",
        "Copy the database inside its cluster beside the verified backup, for a rollback in "
        "seconds.",
        "compuerta db snapshot [--dsn DSN] [--dir DIR] [--manifest FILE] [--repair-only] [OPTIONS]",
        "Takes it right after `db backup`, with maintenance on: refuses new connections to the\n"
        "database (ALLOW_CONNECTIONS false), ends the sessions left (naming each: application, "
        "user,\n"
        "client address), checks that nothing was written since the dump (pg_stat_database's "
        "write\n"
        "counters against the manifest's), copies the database with CREATE DATABASE ... STRATEGY\n"
        "FILE_COPY into <db>_snap_<release>_<time>, allows connections again, counts each table's\n"
        "rows in the copy against the dump's and records the snapshot in the backup's manifest.\n"
        "Its start is journaled before connections go off: a killed run is repaired by the next\n"
        "db snapshot, rollback, maintenance off or gate env (connections back on, half-made copy\n"
        "dropped). Refuses (warn: the rollback uses the dump alone) without a superuser or an "
        "owner\n"
        "with CREATEDB, or without room: statvfs of the data directory when it runs on the "
        "database\n"
        "host, else database.snapshot.min_free_mb. Journals backup.snapshot.\n"
        "Exit: 0 snapshot taken (or refused with a warning); 1 the copy or its verification "
        "failed\n"
        "(connections back, copy dropped); 2 usage; 3 database unreachable or lock held.",
        true,
        false,
        options,
        {},
        run,
    };
    return cmd;
}

} // namespace compuerta::plugin::db

namespace compuerta::plugin::db {

int report_with_snapshot(DbContext& ctx, const fs::path& manifest, const std::string& backup_name,
                         core::Outcome backup, core::WallTime started) {
    auto& inv = ctx.inv;
    auto result = [&](const std::string& id, const std::string& name, core::Outcome o,
                      core::WallTime t0) {
        core::CheckSpec spec{id, "2.2", name, "db." + id, {}, core::Millis(0), core::Status::fail};
        core::CheckResult r = core::CheckResult::from(spec, std::move(o));
        r.started = t0;
        r.duration = std::chrono::duration_cast<core::Millis>(inv.clock().now() - t0);
        core::report::print_result(inv.out(), r, {inv.common().color, inv.common().verbosity});
        return r;
    };
    core::report::Suite suite = inv.make_suite("compuerta.db.backup");
    suite.results.push_back(result("backup", backup_name, std::move(backup), started));
    auto snap_started = inv.clock().now();
    TakeSettings set;
    set.dir = manifest.parent_path().parent_path();
    set.manifest = manifest;
    TakeState st;
    core::Outcome snap = run_take(ctx, set, st, snap_started);
    suite.results.push_back(result("snapshot", k_snapshot_name, std::move(snap), snap_started));
    return inv.report(std::move(suite));
}

} // namespace compuerta::plugin::db
