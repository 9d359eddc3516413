#include "core/util/text.hpp"
#include "plugin/db/backup.hpp"

#include "core/errors.hpp"
#include "core/fs.hpp"
#include "core/messages/catalog.hpp"
#include "plugin/db/context.hpp"
#include "plugin/db/db_meta.hpp"
#include "plugin/db/lock.hpp"
#include "plugin/db/manifest.hpp"
#include "plugin/db/path_guard.hpp"
#include "plugin/db/snapshot.hpp"
#include "plugin/db/snapshot_take.hpp"
#include "plugin/db/test_hook.hpp"
#include "plugin/lease/guard.hpp"

#include <fmt/format.h>
#include <future>
#include <sys/statvfs.h>
#include <unistd.h>

namespace compuerta::plugin::db {

namespace fs = std::filesystem;
namespace msg = core::msg;
using core::Millis;
using core::Status;

namespace {

void backup_options(po::options_description& d) {
    add_connection_options(d, false);
    d.add_options()("dir", po::value<std::string>(),
                    msg::tr("db.backup.opt.dir",
                            {{"default", core::config::database_decl().default_of("backup.dir")}})
                        .c_str())("format", po::value<std::string>(),
                                  msg::tr("db.backup.opt.format").c_str())(
        "jobs,j", po::value<int>(),
        msg::tr("db.backup.opt.jobs",
                {{"default", core::config::database_decl().default_of("backup.jobs")}})
            .c_str())(
        "keep", po::value<int>(),
        msg::tr("db.backup.opt.keep",
                {{"default", core::config::database_decl().default_of("backup.keep")}})
            .c_str());
}

struct Settings {
    fs::path dir;
    std::string format;
    int jobs = 0;
    int keep = 0;
    double free_factor = 0;
    Millis timeout{0};
};

// The `database` section with the flags over it (db_settings()).
Settings settings(const core::config::DatabaseSection& db) {
    Settings s;
    s.dir = db.backup_dir;
    s.format = db.backup_format; // directory or custom: the declaration's choices
    s.jobs = static_cast<int>(db.backup_jobs);
    s.keep = static_cast<int>(db.backup_keep);
    if (s.jobs < 1 || s.keep < 1)
        throw core::UsageError(msg::tr("db.backup.jobs_keep.invalid"));
    s.free_factor = db.backup_free_space_factor;
    s.timeout = db.backup_timeout;
    std::error_code ec;
    fs::create_directories(s.dir, ec);
    s.dir = fs::absolute(s.dir);
    core::check_output_path(s.dir / "manifest.json", "--dir"); // unwritable: exit 2, nothing done
    return s;
}

struct Removing {
    fs::path dir;
    bool keep = false;
    ~Removing() {
        std::error_code ec;
        if (!keep && !dir.empty())
            fs::remove_all(dir, ec);
    }
};

core::Outcome take_backup(DbContext& ctx, const Settings& set, Manifest& m,
                          fs::path& manifest_path) {
    auto session = ctx.connect(ctx.dsn);
    m.database = session->database();
    m.server_version = session->server_version();
    m.wal_lsn = session
                    ->scalar("SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() "
                             "ELSE pg_current_wal_lsn() END)::text")
                    .value_or("");
    auto size = static_cast<std::uint64_t>(
        std::stoull(session->scalar("SELECT pg_database_size(current_database())").value_or("0")));
    int tables = std::stoi(
        session
            ->scalar(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', "
                "'information_schema') AND n.nspname NOT LIKE 'pg_toast%'")
            .value_or("0"));
    m.meta = read_meta(*session, m.database);
    m.write_stats = read_table_write_stats(*session); // before the dump: db snapshot compares
    session.reset();
    // One backup, migrate or restore of a database at a time (issue 15 item 9):
    // the same advisory lock, naming its holder when the wait runs out.
    AdvisoryLock lock = AdvisoryLock::acquire(*ctx.db, ctx.dsn, m.database, ctx.lock_wait,
                                              [&](const std::string& l) { ctx.progress(l); });

    struct statvfs vfs {};
    if (statvfs(set.dir.c_str(), &vfs) == 0) {
        auto free = static_cast<std::uint64_t>(vfs.f_bavail) * vfs.f_frsize;
        auto need = static_cast<std::uint64_t>(static_cast<double>(size) * set.free_factor);
        if (free < need)
            return core::Outcome::make(
                Status::fail, msg::tr("db.backup.no_space", {{"dir", set.dir.string()},
                                                             {"free", core::util::mib(free)},
                                                             {"need", core::util::mib(need)},
                                                             {"size", core::util::mib(size)},
                                                             {"factor", set.free_factor}}));
    }
    auto deadline = core::Deadline::after(set.timeout);
    std::string stamp = file_stamp(m.started);
    Removing tmp{set.dir /
                 fmt::format(".tmp-{}-{}-{}", dir_component(m.database), stamp, getpid())};
    fs::create_directories(tmp.dir);
    test_hook(ctx.inv.env(), "after-tmpdir");
    m.dump = m.format == "directory" ? "dump" : "dump.custom";
    fs::path dump = tmp.dir / m.dump;
    PgTools tools = ctx.tools(m.database);
    ctx.progress(
        msg::trn("db.backup.dumping", tables,
                 {{"database", m.database},
                  {"size", core::util::mib(size)},
                  {"dir", set.dir.string()}}));

    auto t0 = std::chrono::steady_clock::now();
    auto dumped = run_pg_dump(tools, m.format, set.jobs, dump, tables, deadline);
    m.timings_ms["dump"] = since(t0).count();
    if (!dumped)
        return core::Outcome::make(
            Status::fail, msg::tr("db.backup.dump_failed", {{"error", dumped.error().message}}));
    test_hook(ctx.inv.env(), "after-dump");

    // Read back and hash at once: both read the same files, the page cache serves one of them.
    ctx.progress(msg::tr("db.backup.reading_back"));
    auto t1 = std::chrono::steady_clock::now();
    auto hashes = std::async(std::launch::async, [&] {
        auto th = std::chrono::steady_clock::now();
        auto files = describe_files(dump, tmp.dir, set.jobs);
        return std::make_pair(files, since(th));
    });
    auto counts = read_back(tools, dump, deadline);
    m.timings_ms["readback"] = since(t1).count();
    auto [files, hash_time] = hashes.get();
    m.timings_ms["checksums"] = hash_time.count();
    if (!counts)
        return core::Outcome::make(Status::fail, msg::tr("db.backup.readback_failed",
                                                         {{"error", counts.error().message}}));
    test_hook(ctx.inv.env(), "after-readback");
    m.tables = counts.value();
    m.files = std::move(files);
    for (const auto& f : m.files)
        m.bytes += f.bytes;
    m.verified = true;
    m.finished = core::format_rfc3339(ctx.inv.clock().now());

    auto t2 = std::chrono::steady_clock::now();
    fs::path final_dir = set.dir / fmt::format("{}-{}", dir_component(m.database), stamp);
    if (fs::exists(final_dir))
        final_dir += fmt::format("-{}", getpid());
    m.timings_ms["manifest"] = 0; // measured below; the journal and the evidence carry it
    try {
        core::write_file_atomic(tmp.dir / "manifest.json", to_json(m));
    } catch (const core::ExitError&
                 e) { // a full disk at the last step: documented as exit 1, nothing kept
        return core::Outcome::make(
            Status::fail,
            msg::tr("db.backup.write_failed", {{"error", e.what()}, {"dir", set.dir.string()}}));
    }
    test_hook(ctx.inv.env(), "before-rename");
    fs::rename(tmp.dir, final_dir); // the backup appears complete, or not at all
    tmp.keep = true;
    test_hook(ctx.inv.env(), "after-rename");
    m.timings_ms["manifest"] = since(t2).count();
    manifest_path = final_dir / "manifest.json";

    for (const auto& old : prune_backups(set.dir, m.database, set.keep))
        ctx.progress(msg::tr("db.backup.pruned", {{"dir", old.string()}}));
    std::int64_t rows = 0;
    for (const auto& [t, n] : m.tables)
        rows += n;
    return core::Outcome::make(
        Status::pass,
        msg::tr("db.backup.done",
                {{"database", m.database},
                 {"size", core::util::mib(m.bytes)},
                 {"files", msg::trn("db.count.files", static_cast<long long>(m.files.size()))},
                 {"tables", msg::trn("db.count.tables", static_cast<long long>(m.tables.size()))},
                 {"rows", msg::trn("db.count.rows", rows)},
                 {"manifest", manifest_path.string()}}),
        {{"manifest", manifest_path.string()},
         {"database", m.database},
         {"bytes", std::to_string(m.bytes)},
         {"wal_lsn", m.wal_lsn},
         {"dump_ms", std::to_string(m.timings_ms["dump"])},
         {"readback_ms", std::to_string(m.timings_ms["readback"])},
         {"checksums_ms", std::to_string(m.timings_ms["checksums"])},
         {"manifest_ms", std::to_string(m.timings_ms["manifest"])}});
}

int run_backup(core::cli::Invocation& inv) {
    auto started = inv.clock().now();
    auto db = db_settings(inv, {{"dir", "backup.dir"},
                                {"format", "backup.format"},
                                {"jobs", "backup.jobs"},
                                {"keep", "backup.keep"}});
    Settings set = settings(db);
    DbContext ctx = DbContext::from(inv, std::move(db));
    lease::require(inv, "db backup", "2.2"); // the deployment lease (docs/window.md)
    Manifest m;
    m.format = set.format;
    m.tag = ctx.tag;
    m.previous_tag = ctx.previous_tag;
    m.commit = inv.identity().commit;
    m.started = core::format_rfc3339(started);
    fs::path manifest_path;
    core::Outcome outcome;
    try {
        outcome = take_backup(ctx, set, m, manifest_path);
    } catch (const core::DbError& e) {
        outcome =
            core::Outcome::make(Status::error, msg::tr("db.error.database", {{"error", e.what()}}));
    } catch (const core::CannotEvaluate& e) {
        outcome = core::Outcome::make(Status::error, e.what());
    } catch (const fs::filesystem_error& e) {
        outcome = core::Outcome::make(Status::fail,
                                      msg::tr("db.backup.error.write", {{"error", e.what()}}));
    }
    core::Event ev = done_event(inv, "backup.done", "2.2", outcome, started);
    ev.extra["manifest"] = manifest_path.string();
    ev.extra["database"] = m.database;
    ev.extra["tag"] = m.tag;
    ev.extra["previous_tag"] = m.previous_tag;
    ev.extra["verified"] = outcome.status == Status::pass && m.verified;
    ev.extra["bytes"] = m.bytes;
    ev.extra["wal_lsn"] = m.wal_lsn;
    for (const auto& [k, v] : m.timings_ms)
        ev.evidence[k + "_ms"] = v;
    inv.journal().append(ev);
    if (outcome.status == Status::pass && ctx.settings.backup_snapshot)
        return report_with_snapshot(ctx, manifest_path, msg::tr("db.name.backup"),
                                    std::move(outcome), started);
    return report_one(inv, "backup", "2.2", msg::tr("db.name.backup"), std::move(outcome), started);
}

} // namespace

const core::cli::Command& backup_command() {
    static const core::cli::Command cmd{
        "db backup",
        "db.backup.summary",
        "compuerta db backup [--dsn DSN] [--dir DIR] [--format directory|custom] [-j N] [--keep N] "
        "[OPTIONS]",
        "db.backup.description",
        true,
        false,
        backup_options,
        {},
        run_backup,
    };
    return cmd;
}

} // namespace compuerta::plugin::db
