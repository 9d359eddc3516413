// The rollback's fast path: the manifest's snapshot, verified, swapped in
// for the failed database by renaming both in one transaction.
#include "core/errors.hpp"
#include "core/events.hpp"
#include "core/messages/catalog.hpp"
#include "plugin/db/backup.hpp"
#include "plugin/db/context.hpp"
#include "plugin/db/db_meta.hpp"
#include "plugin/db/lock.hpp"
#include "plugin/db/snapshot.hpp"
#include "plugin/db/test_hook.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <thread>

namespace compuerta::plugin::db {

namespace fs = std::filesystem;
namespace msg = core::msg;
using core::Millis;
using core::quote_ident;
using core::Status;

namespace {

// Empty when the snapshot still holds what its record says; else why not.
// The cheap proof first: its write counters did not move since its rows were
// counted equal to the dump's. When they moved, every table is counted again.
std::string verify_snapshot(DbContext& ctx, core::DbSession& admin, const SnapshotInfo& snap,
                            const Manifest& m, std::string& verified_by) {
    if (snap.tables != m.tables)
        return msg::tr("db.snapshot.verify.counts_differ");
    close_database(admin, snap.name);
    std::string moved = write_stats_differ(snap.stats, read_write_stats(admin, snap.name));
    if (moved.empty()) {
        verified_by = msg::tr("db.snapshot.verify.counters_unchanged");
        return "";
    }
    ctx.progress(msg::trn("db.snapshot.verify.counting", static_cast<long long>(m.tables.size()),
                          {{"changes", moved}}));
    admin.exec(fmt::format("ALTER DATABASE {} ALLOW_CONNECTIONS true", quote_ident(snap.name)));
    std::vector<std::string> differ;
    try {
        auto s = ctx.connect(ctx.db->with_database(ctx.dsn, snap.name));
        differ = count_differences(*s, m.tables);
    } catch (...) {
        admin.exec(
            fmt::format("ALTER DATABASE {} ALLOW_CONNECTIONS false", quote_ident(snap.name)));
        throw;
    }
    close_database(admin, snap.name);
    verified_by = msg::trn("db.snapshot.verify.counted", static_cast<long long>(m.tables.size()),
                           {{"changes", moved}});
    if (differ.empty())
        return "";
    std::string all;
    for (const auto& d : differ)
        all += (all.empty() ? "" : "; ") + d;
    return msg::tr("db.snapshot.verify.altered", {{"differences", all}});
}

// Renames `database` to `kept_as` and `snapshot` to `database`, connections on, in one transaction.
void swap_in(core::DbSession& admin, const std::string& database, const std::string& snapshot,
             const std::string& kept_as, bool database_exists) {
    std::string rename_old = database_exists
                                 ? fmt::format("ALTER DATABASE {} RENAME TO {}; ",
                                               quote_ident(database), quote_ident(kept_as))
                                 : "";
    std::string sql = fmt::format(
        "BEGIN; {}ALTER DATABASE {} RENAME TO {}; ALTER DATABASE {} ALLOW_CONNECTIONS true; COMMIT",
        rename_old, quote_ident(snapshot), quote_ident(database), quote_ident(database));
    for (int attempt = 1;; ++attempt) {
        try {
            admin.exec(sql);
            return;
        } catch (const core::DbError& e) {
            try {
                admin.exec("ROLLBACK");
            } catch (const core::DbError&) {
            }
            if (e.sqlstate() != "55006" || attempt >= 20)
                throw;
            if (database_exists)
                close_database(admin, database); // a session slipped in: end it again
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
}

core::Event swap_event(const std::string& status, const std::string& summary,
                       const std::string& database, const SnapshotInfo& snap,
                       const fs::path& manifest, const std::string& kept_as) {
    core::Event e;
    e.event = core::events::BackupSnapshot::name;
    e.item = "R2";
    e.status = status;
    e.summary = summary;
    e.extra = {{"database", database},
               {"snapshot", snap.name},
               {"phase", "restore"},
               {"manifest", manifest.string()},
               {"kept_as", kept_as}};
    return e;
}

} // namespace

std::optional<core::Outcome> restore_from_snapshot(DbContext& ctx, const fs::path& manifest,
                                                   const Manifest& m, const std::string& database,
                                                   bool from_dump, SnapshotPath& how) {
    auto& inv = ctx.inv;
    how.path = "dump";
    std::optional<SnapshotInfo> snap;
    try {
        snap = read_snapshot(manifest);
    } catch (const core::CannotEvaluate& e) {
        how.reason = e.what();
        return std::nullopt;
    }
    if (!snap) {
        how.reason = msg::tr("db.snapshot.restore.none");
        return std::nullopt;
    }
    if (from_dump) {
        how.reason = msg::tr("db.snapshot.restore.from_dump", {{"snapshot", snap->name}});
        return std::nullopt;
    }
    AdvisoryLock lock = AdvisoryLock::acquire(*ctx.db, ctx.dsn, database, ctx.lock_wait,
                                              [&](const std::string& l) { ctx.progress(l); });
    core::DbSession& admin = lock.session();
    for (const auto& u : unfinished_snapshots(ctx.events)) {
        if (u.database != database)
            continue;
        auto done = repair_snapshot(admin, u);
        inv.journal().append(repaired_event(u, done));
        for (const auto& d : done)
            ctx.progress(
                msg::tr("db.snapshot.repaired", {{"snapshot", u.snapshot}, {"action", d}}));
    }
    if (!database_exists(admin, snap->name)) {
        how.reason = msg::tr("db.snapshot.restore.missing", {{"snapshot", snap->name}});
        return std::nullopt;
    }
    auto t0 = std::chrono::steady_clock::now();
    std::string verified_by;
    std::string refused = verify_snapshot(ctx, admin, *snap, m, verified_by);
    how.timings_ms["verify"] = since(t0).count();
    if (!refused.empty()) {
        how.reason = msg::tr("db.snapshot.restore.refused",
                             {{"snapshot", snap->name}, {"problem", refused}});
        return std::nullopt;
    }
    auto t1 = std::chrono::steady_clock::now();
    for (const auto& sql : apply_meta_sql(snap->name, m.meta))
        admin.exec(sql);
    how.timings_ms["meta"] = since(t1).count();

    bool present = database_exists(admin, database);
    std::string stamp = database_stamp(core::format_rfc3339(inv.clock().now()));
    how.kept_as = present ? database.substr(0, 30) + "_failed_" + stamp : "";
    inv.journal().append(swap_event(
        "started",
        msg::tr("db.snapshot.swap.started", {{"snapshot", snap->name}, {"database", database}}),
        database, *snap, manifest, how.kept_as));
    auto t2 = std::chrono::steady_clock::now();
    try {
        if (present)
            for (const auto& s : close_database(admin, database))
                ctx.progress(msg::tr("db.snapshot.session_ended", {{"session", s}}));
        test_hook(inv.env(), "during-swap");
        swap_in(admin, database, snap->name, how.kept_as, present);
    } catch (const core::DbError& e) {
        if (present)
            admin.exec(
                fmt::format("ALTER DATABASE {} ALLOW_CONNECTIONS true", quote_ident(database)));
        inv.journal().append(swap_event(
            "fail",
            msg::tr("db.snapshot.swap.failed", {{"error", e.what()}, {"database", database}}),
            database, *snap, manifest, how.kept_as));
        how.reason = msg::tr("db.snapshot.restore.swap_failed",
                             {{"snapshot", snap->name}, {"error", e.what()}});
        how.kept_as.clear();
        return std::nullopt;
    }
    how.timings_ms["swap"] = since(t2).count();
    how.path = "snapshot";
    how.reason = msg::tr("db.snapshot.restore.verified_by", {{"how", verified_by}});
    if (present) {
        try {
            admin.exec(fmt::format("ALTER DATABASE {} ALLOW_CONNECTIONS true",
                                   quote_ident(how.kept_as))); // for the post-mortem
        } catch (const core::DbError& e) {
            inv.warn(msg::tr("db.snapshot.kept_closed",
                             {{"database", how.kept_as}, {"error", e.what()}}));
        }
    }
    std::int64_t rows = 0;
    for (const auto& [t, n] : m.tables)
        rows += n;
    std::string message =
        msg::tr(how.kept_as.empty() ? "db.snapshot.restored" : "db.snapshot.restored.kept",
                {{"database", database},
                 {"snapshot", snap->name},
                 {"tables", msg::trn("db.count.tables", static_cast<long long>(m.tables.size()))},
                 {"rows", msg::trn("db.count.rows", rows)},
                 {"how", how.reason},
                 {"verify_ms", how.timings_ms["verify"]},
                 {"swap_ms", how.timings_ms["swap"]},
                 {"kept_as", how.kept_as}});
    inv.journal().append(swap_event("ok", message, database, *snap, manifest, how.kept_as));
    return core::Outcome::make(Status::pass, message,
                               {{"manifest", manifest.string()},
                                {"database", database},
                                {"path", "snapshot"},
                                {"snapshot", snap->name},
                                {"kept_as", how.kept_as},
                                {"verify_ms", std::to_string(how.timings_ms["verify"])},
                                {"swap_ms", std::to_string(how.timings_ms["swap"])}});
}

} // namespace compuerta::plugin::db
