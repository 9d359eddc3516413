// Taking the snapshot (docs/db.md "db snapshot"): preconditions, the
// journaled start, connections off and sessions ended, proof that nothing
// was written since the dump, the file-level copy, the row counts compared
// with the dump's, the record in the manifest.
#include "core/util/text.hpp"
#include "plugin/db/snapshot_take.hpp"

#include "core/config/sections/database.hpp"
#include "core/errors.hpp"
#include "core/events.hpp"
#include "core/messages/catalog.hpp"
#include "plugin/db/context.hpp"
#include "plugin/db/lock.hpp"
#include "plugin/db/snapshot.hpp"
#include "plugin/db/test_hook.hpp"

#include <fmt/format.h>
#include <fstream>
#include <future>
#include <sys/statvfs.h>
#include <thread>

namespace compuerta::plugin::db {

namespace fs = std::filesystem;
namespace msg = core::msg;
using core::Millis;
using core::quote_ident;
using core::Status;

namespace {

// The newest verified backup of `database` in `dir` (by `finished`).
std::optional<fs::path> newest_backup(const fs::path& dir, const std::string& database) {
    std::optional<std::pair<std::string, fs::path>> best;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        fs::path mf = e.path() / "manifest.json";
        if (!e.is_directory() || !fs::exists(mf))
            continue;
        try {
            Manifest m = read_manifest(mf);
            if (m.database == database && m.verified && (!best || m.finished > best->first))
                best.emplace(m.finished, mf);
        } catch (const std::exception&) {
        }
    }
    if (!best)
        return std::nullopt;
    return best->second;
}

// Whether this process runs on the database's host: the server's
// postmaster.pid is readable here and names the same start time.
std::optional<fs::path> local_data_directory(core::DbSession& admin, std::string& why_not) {
    std::string dir;
    try {
        dir = admin.scalar("SELECT current_setting('data_directory')").value_or("");
    } catch (const core::DbError& e) {
        why_not = msg::tr("db.snapshot.take.why.data_directory");
        return std::nullopt;
    }
    // Line 1 of postmaster.pid is the postmaster's pid: the parent of this session's backend.
    std::ifstream pid(fs::path(dir) / "postmaster.pid");
    std::string postmaster, line, parent;
    std::getline(pid, postmaster);
    std::string backend = admin.scalar("SELECT pg_backend_pid()::text").value_or("");
    std::ifstream status("/proc/" + backend + "/status");
    while (std::getline(status, line))
        if (line.rfind("PPid:", 0) == 0)
            parent = line.substr(line.find_first_not_of(" \t", 5));
    if (postmaster.empty() || parent != postmaster) {
        why_not = msg::tr("db.snapshot.take.why.postmaster", {{"dir", dir}, {"pid", backend}});
        return std::nullopt;
    }
    return fs::path(dir);
}

// Empty when there is room for a copy of `size` bytes; else the refusal. `which` says which check
// ran.
std::string check_space(const core::config::DatabaseSection& db, core::DbSession& admin,
                        std::uint64_t size, std::string& which) {
    const std::string& mode = db.snapshot_space_check;
    double factor = db.snapshot_free_space_factor;
    auto need = static_cast<std::uint64_t>(static_cast<double>(size) * factor);
    std::string why_not = msg::tr("db.snapshot.take.why.configured");
    std::optional<fs::path> data =
        mode == "configured" ? std::nullopt : local_data_directory(admin, why_not);
    struct statvfs vfs {};
    if (data && statvfs(data->c_str(), &vfs) == 0) {
        auto free = static_cast<std::uint64_t>(vfs.f_bavail) * vfs.f_frsize;
        which = msg::tr("db.snapshot.take.space.statvfs", {{"dir", data->string()},
                                                           {"free", core::util::mib(free)},
                                                           {"need", core::util::mib(need)},
                                                           {"size", core::util::mib(size)},
                                                           {"factor", fmt::format("{}", factor)}});
        return free >= need ? "" : msg::tr("db.snapshot.take.space.not_enough", {{"which", which}});
    }
    if (mode == "host")
        return msg::tr("db.snapshot.take.space.not_host", {{"why", why_not}});
    auto min_mb = db.snapshot_min_free_mb.value_or(-1);
    if (min_mb < 0) {
        which = msg::tr("db.snapshot.take.space.none", {{"why", why_not}});
        return msg::tr("db.snapshot.take.space.unknown", {{"which", which}});
    }
    auto free = static_cast<std::uint64_t>(min_mb) << 20;
    which = msg::tr("db.snapshot.take.space.configured", {{"why", why_not},
                                                          {"free", core::util::mib(free)},
                                                          {"need", core::util::mib(need)},
                                                          {"size", core::util::mib(size)},
                                                          {"factor", fmt::format("{}", factor)}});
    return free >= need
               ? ""
               : msg::tr("db.snapshot.take.space.not_enough_configured", {{"which", which}});
}

// Runs the copy on its own session, so that the kill test can end this process while the server
// copies.
void copy_database(DbContext& ctx, core::DbSession& admin, const std::string& from,
                   const std::string& into) {
    auto session = ctx.connect(ctx.db->with_database(ctx.dsn, "postgres"));
    std::string sql = fmt::format("CREATE DATABASE {} TEMPLATE {} STRATEGY FILE_COPY",
                                  quote_ident(into), quote_ident(from));
    auto copy = std::async(std::launch::async, [&] { session->exec(sql); });
    if (ctx.inv.env().get("COMPUERTA_DB_TEST_HOOK")) {
        // The kill point: while the server copies (or right after, when the copy ended before it
        // was seen).
        while (copy.wait_for(std::chrono::milliseconds(1)) != std::future_status::ready &&
               admin.scalar("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND "
                            "query ILIKE 'CREATE "
                            "DATABASE %' AND position($1 in query) > 0",
                            {quote_ident(into)})
                       .value_or("0") == "0") {
        }
        test_hook(ctx.inv.env(), "during-copy");
    }
    copy.get(); // rethrows the server's refusal
}

} // namespace

core::Outcome take_snapshot(DbContext& ctx, const TakeSettings& set, TakeState& st) {
    auto& inv = ctx.inv;
    st.database = ctx.target_database();

    AdvisoryLock lock = AdvisoryLock::acquire(*ctx.db, ctx.dsn, st.database, ctx.lock_wait,
                                              [&](const std::string& l) { ctx.progress(l); });
    core::DbSession& admin = lock.session();
    std::vector<std::string> repaired;
    for (const auto& u : unfinished_snapshots(ctx.events)) {
        if (u.database != st.database)
            continue;
        auto done = repair_snapshot(admin, u);
        inv.journal().append(repaired_event(u, done));
        for (const auto& d : done)
            repaired.push_back(fmt::format("{} ({}): {}", u.snapshot, u.phase, d));
    }
    for (const auto& r : repaired)
        ctx.progress(msg::tr("db.snapshot.take.repaired_progress", {{"what", r}}));
    if (set.repair_only)
        return core::Outcome::make(
            Status::pass,
            repaired.empty()
                ? msg::tr("db.snapshot.take.nothing_unfinished", {{"database", st.database}})
                : msg::tr("db.snapshot.take.repaired", {{"what", repaired.front()}}));

    auto found =
        set.manifest ? std::optional<fs::path>(*set.manifest) : newest_backup(set.dir, st.database);
    if (!found)
        return core::Outcome::make(Status::warn,
                                   msg::tr("db.snapshot.take.no_backup",
                                           {{"database", st.database}, {"dir", set.dir.string()}}));
    st.manifest = *found;
    Manifest m = read_manifest(st.manifest);
    if (m.database != st.database || !m.verified)
        return core::Outcome::make(
            Status::warn, msg::tr("db.snapshot.take.not_verified",
                                  {{"manifest", st.manifest.string()}, {"database", st.database}}));
    if (auto had = read_snapshot(st.manifest); had && database_exists(admin, had->name)) {
        st.snapshot = had->name;
        return core::Outcome::make(
            Status::pass, msg::tr("db.snapshot.take.already",
                                  {{"manifest", st.manifest.string()}, {"snapshot", had->name}}));
    }

    auto who = admin.query(
        "SELECT r.rolsuper::text, r.rolcreatedb::text, (d.datdba = r.oid)::text FROM pg_roles r, "
        "pg_database d WHERE r.rolname = current_user AND d.datname = $1",
        {st.database});
    bool super = !who.empty() && who[0][0] == "true",
         createdb = !who.empty() && who[0][1] == "true",
         owner = !who.empty() && who[0][2] == "true";
    if (!super && !(owner && createdb))
        return core::Outcome::make(
            Status::warn,
            msg::tr("db.snapshot.take.role",
                    {{"role", admin.scalar("SELECT current_user").value_or("?")},
                     {"what", msg::tr(owner ? "db.snapshot.take.role.owner_no_createdb"
                                            : "db.snapshot.take.role.neither")},
                     {"database", st.database},
                     {"manifest", st.manifest.string()}}));
    auto size =
        std::stoull(admin.scalar("SELECT pg_database_size($1)", {st.database}).value_or("0"));
    if (auto refused = check_space(ctx.settings, admin, size, st.space_check); !refused.empty())
        return core::Outcome::make(
            Status::warn,
            msg::tr("db.snapshot.take.space_refused",
                    {{"refused", refused}, {"manifest", st.manifest.string()}}),
            {{"space_check", st.space_check}});

    st.snapshot = generated_name(st.database, "snap", m.tag.empty() ? ctx.tag : m.tag,
                                 core::format_rfc3339(inv.clock().now()));
    core::Event start;
    start.event = core::events::BackupSnapshot::name;
    start.item = "2.2";
    start.status = "started";
    start.summary =
        msg::tr("db.snapshot.take.started", {{"snapshot", st.snapshot}, {"database", st.database}});
    start.extra = {{"database", st.database},
                   {"snapshot", st.snapshot},
                   {"phase", "take"},
                   {"manifest", st.manifest.string()}};
    inv.journal().append(
        start); // before connections go off: a killed run is repaired from this line
    st.started = true;
    test_hook(inv.env(), "snapshot-started");

    auto t0 = std::chrono::steady_clock::now();
    // One session of ours stays open to read the counters inside the
    // database: the others are ended first (ending flushes their counts).
    auto inside = ctx.connect(ctx.db->with_database(ctx.dsn, st.database));
    std::string inside_pid = inside->scalar("SELECT pg_backend_pid()::text").value_or("");
    st.sessions = close_database(admin, st.database, inside_pid);
    for (const auto& s : st.sessions)
        ctx.progress(msg::tr("db.snapshot.take.session_ended", {{"session", s}}));
    st.timings["sessions"] = since(t0).count();
    WriteStats source = read_table_write_stats(*inside);
    inside.reset(); // the copy needs the database without sessions
    if (auto differ = write_stats_differ(m.write_stats, source); !differ.empty())
        return core::Outcome::make(
            Status::fail,
            msg::tr("db.snapshot.take.written", {{"database", st.database}, {"changes", differ}}));
    ctx.progress(
        msg::tr("db.snapshot.take.copying",
                {{"database", st.database},
                 {"size", core::util::mib(size)},
                 {"snapshot", st.snapshot}}));
    auto t1 = std::chrono::steady_clock::now();
    copy_database(ctx, admin, st.database, st.snapshot);
    st.timings["copy"] = since(t1).count();
    admin.exec(fmt::format("ALTER DATABASE {} ALLOW_CONNECTIONS true", quote_ident(st.database)));
    ctx.progress(msg::tr("db.snapshot.take.allowed_again", {{"database", st.database}}));
    test_hook(inv.env(), "after-copy");

    auto t2 = std::chrono::steady_clock::now();
    SnapshotInfo info;
    std::vector<std::string> differ;
    {
        auto snap = ctx.connect(ctx.db->with_database(ctx.dsn, st.snapshot));
        differ = count_differences(*snap, m.tables, &info.tables);
    }
    st.timings["verify"] = since(t2).count();
    st.counted = info.tables;
    if (!differ.empty()) {
        core::Outcome o =
            core::Outcome::make(Status::fail, msg::tr("db.snapshot.take.rows_differ",
                                                      {{"difference", differ.front()}}));
        for (const auto& d : differ)
            o.detail += d + "\n";
        return o;
    }
    admin.exec(fmt::format("ALTER DATABASE {} ALLOW_CONNECTIONS false", quote_ident(st.snapshot)));
    close_database(admin, st.snapshot);
    info.name = st.snapshot;
    info.database = st.database;
    info.taken = core::format_rfc3339(inv.clock().now());
    info.bytes =
        std::stoull(admin.scalar("SELECT pg_database_size($1)", {st.snapshot}).value_or("0"));
    info.source_stats = source;
    info.stats = read_write_stats(admin, st.snapshot);
    info.space_check = st.space_check;
    info.timings_ms = st.timings;
    attach_snapshot(st.manifest, info);
    st.bytes = info.bytes;
    st.recorded = true;
    std::int64_t rows = 0;
    for (const auto& [t, n] : info.tables)
        rows += n;
    return core::Outcome::make(
        Status::pass,
        msg::tr("db.snapshot.take.done", {{"snapshot", st.snapshot},
                                          {"database", st.database},
                                          {"size", core::util::mib(info.bytes)},
                                          {"tables", info.tables.size()},
                                          {"rows", rows},
                                          {"manifest", st.manifest.string()}}),
        {{"snapshot", st.snapshot},
         {"manifest", st.manifest.string()},
         {"space_check", st.space_check},
         {"sessions_ended", core::EvidenceValue::integer(st.sessions.size())},
         {"copy_ms", core::EvidenceValue::integer(st.timings["copy"])},
         {"verify_ms", core::EvidenceValue::integer(st.timings["verify"])}});
}

core::Outcome snapshot_readiness(core::cli::Invocation& inv,
                                 const std::optional<std::string>& dsn) {
    auto settings = core::config::database_decl().read(inv.config());
    auto db = inv.adapters().db();
    std::string use = dsn ? *dsn : settings.dsn.str_or("");
    try {
        auto connected = db->connect(db->with_database(use, "postgres"), "compuerta-gate-env",
                                     core::Deadline::after(Millis(10'000)));
        if (!connected)
            return core::Outcome::make(
                Status::error,
                msg::tr("db.snapshot.ready.unreachable", {{"problem", connected.error().message}}));
        auto& admin = *connected.value();
        std::string database = db->database_in(use).value_or(inv.env().get_or("PGDATABASE", ""));
        if (database.empty())
            return core::Outcome::make(Status::error, msg::tr("db.snapshot.ready.no_database"));
        auto who = admin.query("SELECT r.rolsuper::text, r.rolcreatedb::text, (d.datdba = "
                               "r.oid)::text FROM pg_roles r, "
                               "pg_database d WHERE r.rolname = current_user AND d.datname = $1",
                               {database});
        if (who.empty())
            return core::Outcome::make(
                Status::fail, msg::tr("db.snapshot.ready.missing", {{"database", database}}));
        if (who[0][0] != "true" && !(who[0][1] == "true" && who[0][2] == "true"))
            return core::Outcome::make(Status::warn,
                                       msg::tr("db.snapshot.ready.role", {{"database", database}}));
        auto size =
            std::stoull(admin.scalar("SELECT pg_database_size($1)", {database}).value_or("0"));
        std::string which;
        if (auto refused = check_space(settings, admin, size, which); !refused.empty())
            return core::Outcome::make(Status::warn,
                                       msg::tr("db.snapshot.ready.space", {{"refused", refused}}),
                                       {{"space_check", which}});
        return core::Outcome::make(
            Status::pass,
            msg::tr("db.snapshot.ready.fits", {{"database", database}, {"which", which}}),
            {{"space_check", which}});
    } catch (const std::exception& e) {
        return core::Outcome::make(
            Status::error, msg::tr("db.snapshot.ready.cannot_check", {{"problem", e.what()}}));
    }
}

// Puts connections back and drops the copy after a failure; false when that failed too.
bool clean_up_snapshot(DbContext& ctx, TakeState& st) {
    if (!st.started || st.recorded)
        return true;
    try {
        auto lock = AdvisoryLock::acquire(*ctx.db, ctx.dsn, st.database, ctx.lock_wait,
                                          [](const std::string&) {});
        auto done = repair_snapshot(
            lock.session(), Unfinished{st.database, st.snapshot, "take", st.manifest.string()});
        for (const auto& d : done)
            ctx.progress(d);
        return true;
    } catch (const std::exception& e) {
        ctx.inv.warn(msg::tr("db.snapshot.take.cleanup_failed",
                             {{"database", st.database}, {"problem", e.what()}}));
        return false;
    }
}

core::Event snapshot_event(core::cli::Invocation& inv, const TakeState& st, const core::Outcome& o,
                           core::WallTime started, const Manifest* m) {
    core::Event ev;
    ev.event = core::events::BackupSnapshot::name;
    ev.item = "2.2";
    ev.status = o.status == Status::pass ? "ok" : o.status == Status::warn ? "warn" : "fail";
    ev.summary = o.message;
    ev.duration_ms = std::chrono::duration_cast<Millis>(inv.clock().now() - started).count();
    ev.extra = {{"database", st.database},
                {"snapshot", st.snapshot},
                {"phase", "take"},
                {"manifest", st.manifest.string()},
                {"recorded", st.recorded},
                {"bytes", st.bytes},
                {"cleaned_up", st.cleaned_up},
                {"sessions_ended", st.sessions},
                {"space_check", st.space_check}};
    nlohmann::json tables = nlohmann::json::object();
    if (m)
        for (const auto& [t, n] : st.counted)
            tables[t] = {{"snapshot", n}, {"dump", m->tables.count(t) ? m->tables.at(t) : -1}};
    ev.extra["tables"] = tables;
    for (const auto& [k, v] : st.timings)
        ev.evidence[k + "_ms"] = v;
    return ev;
}

core::Outcome run_take(DbContext& ctx, const TakeSettings& set, TakeState& st,
                       core::WallTime started) {
    core::Outcome outcome;
    try {
        outcome = take_snapshot(ctx, set, st);
    } catch (const core::DbError& e) {
        outcome = core::Outcome::make(Status::fail,
                                      msg::tr("db.snapshot.take.stopped", {{"problem", e.what()}}));
    } catch (const core::CannotEvaluate& e) {
        outcome = core::Outcome::make(Status::error, e.what());
    } catch (const fs::filesystem_error& e) {
        outcome = core::Outcome::make(
            Status::fail, msg::tr("db.snapshot.take.record_failed", {{"problem", e.what()}}));
    }
    if (outcome.status != Status::pass && outcome.status != Status::warn)
        st.cleaned_up = clean_up_snapshot(ctx, st);
    std::optional<Manifest> m;
    try {
        if (!st.manifest.empty())
            m = read_manifest(st.manifest);
    } catch (const std::exception&) {
    }
    if (st.started || outcome.status != Status::pass)
        ctx.inv.journal().append(snapshot_event(ctx.inv, st, outcome, started, m ? &*m : nullptr));
    return outcome;
}

} // namespace compuerta::plugin::db
