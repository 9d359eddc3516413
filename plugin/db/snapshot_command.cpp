// `compuerta db snapshot` (plan item 2.2, the fast path of rollback 2).
#include "core/errors.hpp"
#include "core/messages/catalog.hpp"
#include "core/report/terminal.hpp"
#include "plugin/db/context.hpp"
#include "plugin/db/snapshot.hpp"
#include "plugin/db/snapshot_take.hpp"
#include "plugin/lease/guard.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::db {

namespace fs = std::filesystem;
namespace msg = core::msg;

namespace {

void snapshot_options(po::options_description& d) {
    add_connection_options(d, true);
    d.add_options()("dir", po::value<std::string>(),
                    msg::tr("db.snapshot.opt.dir",
                            {{"default", core::config::database_decl().default_of("backup.dir")}})
                        .c_str())("manifest", po::value<std::string>(),
                                  msg::tr("db.snapshot.opt.manifest").c_str())(
        "repair-only", po::bool_switch(), msg::tr("db.snapshot.opt.repair_only").c_str());
}

int run_snapshot(core::cli::Invocation& inv) {
    auto started = inv.clock().now();
    auto db = db_settings(inv, {{"dir", "backup.dir"}});
    TakeSettings set;
    set.dir = fs::absolute(db.backup_dir);
    if (auto m = inv.arg<std::string>("manifest"))
        set.manifest = fs::absolute(*m);
    set.repair_only = inv.args()["repair-only"].as<bool>();
    DbContext ctx = DbContext::from(inv, std::move(db));
    lease::require(inv, "db snapshot", "2.2"); // the deployment lease (docs/window.md)
    TakeState st;
    core::Outcome outcome = run_take(ctx, set, st, started);
    return report_one(inv, "snapshot", "2.2", msg::tr("db.name.snapshot"), std::move(outcome),
                      started);
}

} // namespace

const core::cli::Command& snapshot_command() {
    static const core::cli::Command cmd{
        "db snapshot",
        "db.snapshot.summary",
        "compuerta db snapshot [--dsn DSN] [--dir DIR] [--manifest FILE] [--repair-only] [OPTIONS]",
        "db.snapshot.description",
        true,
        false,
        snapshot_options,
        {},
        run_snapshot,
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
    suite.results.push_back(
        result("snapshot", msg::tr("db.name.snapshot"), std::move(snap), snap_started));
    return inv.report(std::move(suite));
}

} // namespace compuerta::plugin::db
