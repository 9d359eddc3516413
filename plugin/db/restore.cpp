#include "plugin/db/restore.hpp"

#include "core/errors.hpp"
#include "core/messages/catalog.hpp"
#include "plugin/db/backup.hpp"
#include "plugin/db/backups.hpp"
#include "plugin/db/context.hpp"
#include "plugin/db/db_meta.hpp"
#include "plugin/db/lock.hpp"
#include "plugin/db/manifest.hpp"
#include "plugin/db/new_data_guard.hpp"
#include "plugin/db/restore_leftovers.hpp"
#include "plugin/db/snapshot.hpp"
#include "plugin/db/test_hook.hpp"
#include "plugin/lease/guard.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace compuerta::plugin::db {

namespace fs = std::filesystem;
using core::Millis;
using core::quote_ident;
using core::quote_literal;
using core::Status;

namespace {

namespace msg = core::msg;

void restore_options(po::options_description& d) {
    add_connection_options(d, true);
    d.add_options()("manifest", po::value<std::string>(),
                    msg::tr("db.restore.opt.manifest").c_str())(
        "clean", po::bool_switch(), msg::tr("db.restore.opt.clean").c_str())(
        "from-dump", po::bool_switch(), msg::tr("db.restore.opt.from_dump").c_str())(
        "jobs,j", po::value<int>(),
        msg::tr("db.restore.opt.jobs",
                {{"default", core::config::database_decl().default_of("restore.jobs")}})
            .c_str());
    add_new_data_option(d);
}


struct RestoreState {
    std::string database;
    fs::path manifest;
    std::string mode;
    std::string kept_as;
    std::map<std::string, long long> timings;
    SnapshotPath snapshot; // which path ran (snapshot or dump) and why
    bool changed =
        false; // the database was (or may have been) modified: reported as evidence "changed"
};

core::Outcome restore(DbContext& ctx, RestoreState& st) {
    auto& inv = ctx.inv;
    const auto& db = ctx.settings;
    st.mode = inv.args()["clean"].as<bool>() ? "clean" : db.restore_mode;
    int jobs = static_cast<int>(db.restore_jobs); // --jobs over restore.jobs
    if (jobs < 1)
        throw core::UsageError(msg::tr("db.restore.jobs.invalid"));
    auto deadline = core::Deadline::after(db.restore_timeout);

    st.database = ctx.target_database();

    if (auto f = inv.arg<std::string>("manifest"))
        st.manifest = fs::absolute(*f);
    else {
        auto v = backup_for_restore(ctx.events, st.database, inv.identity().run,
                                    inv.args().count("tag") ? ctx.tag : std::string());
        if (!v.backup)
            return core::Outcome::make(Status::error,
                                       msg::tr("db.restore.no_backup", {{"reason", v.reason}}));
        st.manifest = v.backup->manifest;
        ctx.progress(v.reason);
    }
    Manifest m = read_manifest(st.manifest);
    if (m.database != st.database)
        return core::Outcome::make(
            Status::error, msg::tr("db.restore.other_database", {{"manifest", st.manifest.string()},
                                                                 {"backup_database", m.database},
                                                                 {"database", st.database}}));
    if (!m.verified)
        return core::Outcome::make(
            Status::error, msg::tr("db.restore.unverified", {{"manifest", st.manifest.string()}}));
    if (auto refusal = check_new_data(ctx, m))
        return *refusal; // issue 15 item 10
    if (auto swapped = restore_from_snapshot(
            ctx, st.manifest, m, st.database,
            inv.args()["from-dump"].as<bool>() || st.mode == "clean", st.snapshot)) {
        st.changed = true;
        return *swapped;
    }
    ctx.progress(msg::tr("db.restore.from_dump", {{"reason", st.snapshot.reason}}));
    ctx.progress(msg::trn("db.restore.verifying", static_cast<long long>(m.files.size()),
                          {{"bytes", m.bytes}}));
    auto t0 = std::chrono::steady_clock::now();
    auto problems = verify_files(m, st.manifest.parent_path(), jobs);
    st.timings["checksums"] = since(t0).count();
    if (!problems.empty()) {
        core::Outcome o = core::Outcome::make(
            Status::error, msg::tr("db.restore.mismatch", {{"problem", problems.front()}}));
        for (const auto& p : problems)
            o.detail += p + "\n";
        return o;
    }

    AdvisoryLock lock = AdvisoryLock::acquire(*ctx.db, ctx.dsn, st.database, ctx.lock_wait,
                                              [&](const std::string& l) { ctx.progress(l); });
    test_hook(inv.env(), "after-lock");
    core::DbSession& admin = lock.session();
    bool exists = database_exists(admin, st.database);
    std::string stamp = database_stamp(core::format_rfc3339(inv.clock().now()));
    std::string base = st.database.substr(0, 30);
    for (const auto& d : drop_restore_leftovers(admin, base))
        ctx.progress(msg::tr("db.restore.leftover_dropped", {{"database", d}}));
    std::string into = st.mode == "swap" || !exists ? base + "_restore_" + stamp : st.database;
    if (st.mode == "clean" && exists)
        admin.query("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = "
                    "$1 AND pid <> "
                    "pg_backend_pid()",
                    {st.database});
    if (into != st.database) {
        std::string create =
            fmt::format("CREATE DATABASE {} TEMPLATE template0", quote_ident(into));
        if (!m.meta.encoding.empty())
            create += " ENCODING " + quote_literal(m.meta.encoding);
        if (!m.meta.collate.empty())
            create += " LC_COLLATE " + quote_literal(m.meta.collate);
        if (!m.meta.ctype.empty())
            create += " LC_CTYPE " + quote_literal(m.meta.ctype);
        admin.exec(create);
    }
    test_hook(inv.env(), "after-create");
    auto drop_incoming = [&] {
        if (into != st.database)
            admin.exec(fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", quote_ident(into)));
    };
    PgTools tools = ctx.tools(into);
    ctx.progress(msg::trn("db.restore.restoring", jobs,
                          {{"manifest", st.manifest.string()}, {"into", into}}));
    auto t1 = std::chrono::steady_clock::now();
    if (into == st.database)
        st.changed = true; // in place: from the first statement on
    auto restored =
        run_pg_restore(tools, st.manifest.parent_path() / m.dump, jobs, into == st.database,
                       static_cast<int>(m.tables.size()), deadline);
    st.timings["restore"] = since(t1).count();
    test_hook(inv.env(), "after-restore");
    if (!restored) {
        drop_incoming();
        return core::Outcome::make(Status::fail,
                                   msg::tr(into == st.database ? "db.restore.failed.in_place"
                                                               : "db.restore.failed.untouched",
                                           {{"error", restored.error().message}}));
    }
    auto t2 = std::chrono::steady_clock::now();
    auto counts = compare_row_counts(*ctx.connect(ctx.db->with_database(ctx.dsn, into)), m.tables);
    st.timings["verify"] = since(t2).count();
    if (!counts.empty()) {
        drop_incoming();
        core::Outcome o = core::Outcome::make(
            Status::fail, msg::tr(into == st.database ? "db.restore.rows_differ.in_place"
                                                      : "db.restore.rows_differ.untouched",
                                  {{"problem", counts.front()}}));
        for (const auto& c : counts)
            o.detail += c + "\n";
        return o;
    }
    for (const auto& sql : apply_meta_sql(into, m.meta))
        admin.exec(sql);
    test_hook(inv.env(), "before-swap");
    auto t3 = std::chrono::steady_clock::now();
    if (into != st.database) {
        st.kept_as = exists ? base + "_failed_" + stamp : "";
        st.changed = true;
        swap_databases(admin, st.database, into, st.kept_as, exists);
    }
    st.timings["swap"] = since(t3).count();
    std::int64_t rows = 0;
    for (const auto& [t, n] : m.tables)
        rows += n;
    return core::Outcome::make(
        Status::pass,
        msg::tr(st.kept_as.empty() ? "db.restore.done" : "db.restore.done.kept",
                {{"database", st.database},
                 {"manifest", st.manifest.string()},
                 {"tables", msg::trn("db.count.tables", static_cast<long long>(m.tables.size()))},
                 {"rows", msg::trn("db.count.rows_verified", rows)},
                 {"kept_as", st.kept_as}}),
        {{"manifest", st.manifest.string()},
         {"database", st.database},
         {"mode", st.mode},
         {"kept_as", st.kept_as},
         {"checksums_ms", std::to_string(st.timings["checksums"])},
         {"restore_ms", std::to_string(st.timings["restore"])},
         {"verify_ms", std::to_string(st.timings["verify"])},
         {"swap_ms", std::to_string(st.timings["swap"])}});
}

int run_restore(core::cli::Invocation& inv) {
    auto started = inv.clock().now();
    DbContext ctx = DbContext::from(inv, db_settings(inv, {{"jobs", "restore.jobs"}}));
    lease::require(inv, "db restore", "R2"); // the deployment lease (docs/window.md)
    RestoreState st;
    core::Outcome outcome;
    try {
        outcome = restore(ctx, st);
    } catch (const core::DbError& e) {
        outcome =
            core::Outcome::make(Status::fail, msg::tr("db.restore.stopped", {{"error", e.what()}}));
    } catch (const core::CannotEvaluate& e) {
        outcome = core::Outcome::make(Status::error, e.what());
    }
    // What the rollback reads back (--json): whether the database was touched.
    outcome.evidence.emplace_back("changed", core::EvidenceValue::boolean(st.changed));
    if (st.snapshot.path == "dump" && !st.snapshot.reason.empty())
        outcome.message = msg::tr("db.restore.path_dump",
                                  {{"result", outcome.message}, {"reason", st.snapshot.reason}});
    else if (st.snapshot.path == "snapshot")
        st.kept_as = st.snapshot.kept_as;
    core::Event ev = done_event(inv, "restore.done", "R2", outcome, started);
    ev.extra["path"] = st.snapshot.path;
    ev.extra["path_reason"] = st.snapshot.reason;
    for (const auto& [k, v] : st.snapshot.timings_ms)
        ev.evidence["snapshot_" + k + "_ms"] = v;
    ev.extra["manifest"] = st.manifest.string();
    ev.extra["database"] = st.database;
    ev.extra["mode"] = st.mode;
    ev.extra["kept_as"] = st.kept_as;
    ev.extra["tag"] = ctx.tag;
    ev.extra["previous_tag"] = ctx.previous_tag;
    for (const auto& [k, v] : st.timings)
        ev.evidence[k + "_ms"] = v;
    inv.journal().append(ev);
    return report_one(inv, "restore", "R2", msg::tr("db.name.restore"), std::move(outcome),
                      started);
}

} // namespace

const core::cli::Command& restore_command() {
    static const core::cli::Command cmd{
        "db restore",
        "db.restore.summary",
        "compuerta db restore [--dsn DSN] [--manifest FILE] [--clean] [--from-dump] [-j N] "
        "[OPTIONS]",
        "db.restore.description",
        true,
        false,
        restore_options,
        {},
        run_restore,
    };
    return cmd;
}

} // namespace compuerta::plugin::db
