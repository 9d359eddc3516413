#include "plugin/db/migrate.hpp"

#include "core/errors.hpp"
#include "plugin/db/apply.hpp"
#include "plugin/db/backups.hpp"
#include "plugin/db/context.hpp"
#include "plugin/db/lock.hpp"
#include "plugin/db/placeholders.hpp"
#include "plugin/db/test_hook.hpp"
#include "plugin/lease/guard.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::db {

namespace fs = std::filesystem;
using core::Millis;
using core::Status;

namespace {

constexpr const char* k_name = "Migraciones DDL/DML";

void options(po::options_description& d) {
    add_connection_options(d, true);
    d.add_options()
        ("dir", po::value<std::string>(), "migrations directory (default database.migrations.dir, else db/migrations)")
        ("target", po::value<std::string>(), "migrate up to this version and stop (default: the newest)")
        ("dry-run", po::bool_switch(), "print what would run (and the backup verdict); change nothing")
        ("no-backup-check", po::bool_switch(),
         "run without a verified backup of this window (a warning; the rollback could not restore)");
}

struct MigrateSettings {
    fs::path dir;
    std::string encoding = "UTF-8";
    PlaceholderSettings placeholders;
    HistoryTable table;
    std::optional<Version> target;
    Millis lock_timeout{10'000};
    Millis statement_timeout{15 * 60 * 1000};
    Millis max_backup_age{6 * 3600 * 1000};
};

MigrateSettings settings(core::cli::Invocation& inv) {
    const auto& cfg = inv.config();
    MigrateSettings s;
    s.dir = inv.arg<std::string>("dir").value_or(cfg.at("database.migrations.dir").str_or("db/migrations"));
    s.encoding = cfg.at("database.migrations.encoding").str_or("UTF-8");
    s.placeholders = placeholder_settings(cfg);
    s.table.schema = cfg.at("database.migrations.schema").str_or("public");
    s.table.table = cfg.at("database.migrations.table").str_or("flyway_schema_history");
    if (inv.args().count("target")) {
        s.target = Version::parse(inv.arg<std::string>("target").value());
        if (!s.target) throw core::UsageError("--target: expected a version such as 3 or 1.2");
    }
    s.lock_timeout = cfg.at("database.migrations.lock_timeout").duration_or(s.lock_timeout);
    s.statement_timeout = cfg.at("database.migrations.statement_timeout").duration_or(s.statement_timeout);
    s.max_backup_age = cfg.at("database.migrations.max_backup_age").duration_or(s.max_backup_age);
    return s;
}

std::string label(const MigrationFile& m) {
    return (m.version ? "V" + m.version->text() : std::string("R")) + " " + m.description;
}

std::string version_text(const std::optional<Version>& v) { return v ? v->text() : "none"; }

std::string session_user(core::DbSession& s) {
    auto rows = s.query("SELECT current_user");
    return rows.empty() ? std::string() : rows[0][0].value_or("");
}

struct RunState {
    std::string database;
    std::optional<Version> from;
    std::optional<Version> to;
    std::vector<std::string> applied;
    bool unprotected = false; // ran under --no-backup-check without a backup
};

core::Outcome migrate(DbContext& ctx, const MigrateSettings& set, RunState& st) {
    auto& inv = ctx.inv;
    bool dry = inv.args()["dry-run"].as<bool>();
    bool no_check = inv.args()["no-backup-check"].as<bool>();
    auto files = load_migrations(set.dir, set.encoding);
    auto session = ctx.connect(ctx.dsn);
    st.database = session->database();
    PlaceholderSettings placeholders = set.placeholders;
    add_builtins(placeholders, set.table.schema, session_user(*session), st.database, set.table.table,
                 inv.clock().now());
    resolve_repeatables(files, placeholders);

    auto verdict = backup_for_migrate(ctx.events, st.database, inv.clock().now(), set.max_backup_age);
    std::optional<std::string> refusal; // a dry run exits as the real run would
    if (verdict.backup) ctx.progress("backup check: " + verdict.reason);
    else if (no_check) {
        inv.warn("--no-backup-check: " + verdict.reason);
        st.unprotected = !dry;
    }
    else if (!dry) return core::Outcome::make(Status::error, verdict.reason + ". Nothing was changed");
    else {
        inv.warn("a real run would refuse: " + verdict.reason);
        refusal = verdict.reason;
    }

    std::optional<AdvisoryLock> lock;
    if (!dry) lock.emplace(AdvisoryLock::acquire(*ctx.db, ctx.dsn, st.database, ctx.lock_wait,
                                                 [&](const std::string& l) { ctx.progress(l); }));
    test_hook(inv.env(), "after-lock");

    // Validate everything before anything runs.
    auto history = read_history(*session, set.table);
    bool table_exists = history_exists(*session, set.table);
    MigrationPlan plan = plan_migrations(files, history, set.target, set.table.display());
    for (const auto& w : plan.warnings) inv.warn(w);
    for (const auto& idx : invalid_indexes(*session))
        plan.problems.push_back(fmt::format("index {} is INVALID (a CREATE INDEX CONCURRENTLY failed): drop it with "
                                            "DROP INDEX CONCURRENTLY {}, then run again",
                                            idx, idx));
    st.from = st.to = plan.current;
    if (!plan.problems.empty()) {
        core::Outcome o = core::Outcome::make(
            Status::fail, fmt::format("{} problem(s) found before anything ran; nothing was changed: {}",
                                      plan.problems.size(), plan.problems.front()));
        for (const auto& p : plan.problems) o.detail += p + "\n";
        return o;
    }
    // Versioned scripts run with their placeholders replaced (their checksum
    // is the file's); an unknown one stops the run before anything ran.
    std::vector<MigrationFile> runnable;
    runnable.reserve(plan.pending.size());
    for (const MigrationFile* m : plan.pending) {
        runnable.push_back(*m);
        if (!m->repeatable()) runnable.back().sql = replace_placeholders(m->sql, placeholders, *m);
    }
    inv.out() << fmt::format("{}: version {}, {} pending{}\n", st.database, version_text(plan.current),
                             plan.pending.size(), set.target ? " up to target " + set.target->text() : "");
    for (const MigrationFile* m : plan.pending)
        inv.out() << fmt::format("  {} {:<40} {}\n", dry ? "would run" : "pending  ", label(*m),
                                 m->in_transaction ? "" : "(no transaction)");
    if (dry && refusal)
        return core::Outcome::make(
            Status::error,
            fmt::format("dry run: a real run would refuse ({}); after a verified backup {} "
                        "migration(s) would run on {}",
                        *refusal, plan.pending.size(), st.database),
            {{"database", st.database},
             {"pending", core::EvidenceValue::integer(static_cast<long long>(plan.pending.size()))},
             {"dry_run", core::EvidenceValue::boolean(true)}});
    if (dry)
        return core::Outcome::make(
            Status::pass,
            fmt::format("dry run: {} migration(s) would run on {}", plan.pending.size(),
                        st.database),
            {{"database", st.database},
             {"pending", core::EvidenceValue::integer(static_cast<long long>(plan.pending.size()))},
             {"dry_run", core::EvidenceValue::boolean(true)}});
    if (plan.pending.empty())
        return core::Outcome::make(Status::pass, fmt::format("{} is up to date at version {}; nothing to do",
                                                             st.database, version_text(plan.current)));

    session->exec(fmt::format("SET lock_timeout = {}; SET statement_timeout = {}", set.lock_timeout.count(),
                              set.statement_timeout.count()));
    for (const MigrationFile& run : runnable) {
        const MigrationFile* m = &run;
        ctx.progress("running " + m->script);
        Applied a = apply_migration(*session, set.table, *m, !table_exists, inv.env());
        if (!a.ok) {
            core::Outcome o = core::Outcome::make(Status::fail, a.error);
            o.evidence = {{"database", st.database}, {"version", version_text(st.to)}};
            return o;
        }
        table_exists = true;
        st.applied.push_back(m->version ? m->version->text() : m->description);
        if (m->version) st.to = m->version;
        inv.out() << fmt::format("  applied   {:<40} {} ms\n", label(*m), a.ms);
    }
    return core::Outcome::make(st.unprotected ? Status::warn : Status::pass,
                               fmt::format("{} migrated from version {} to {} ({} migration(s)){}", st.database,
                                           version_text(st.from), version_text(st.to), st.applied.size(),
                                           st.unprotected ? " without a verified backup (--no-backup-check)" : ""),
                               {{"database", st.database}, {"from_version", version_text(st.from)},
                                {"to_version", version_text(st.to)}});
}

int run(core::cli::Invocation& inv) {
    auto started = inv.clock().now();
    MigrateSettings set = settings(inv);
    DbContext ctx = DbContext::from(inv);
    if (!inv.args()["dry-run"].as<bool>()) // the deployment lease (docs/window.md)
        lease::require(inv, "db migrate", "3");
    RunState st;
    core::Outcome outcome;
    try {
        outcome = migrate(ctx, set, st);
    } catch (const core::DbError& e) {
        outcome = core::Outcome::make(Status::error, fmt::format("reading the database failed: {}", e.what()));
    } catch (const core::CannotEvaluate& e) {
        outcome = core::Outcome::make(Status::error, e.what());
    }
    if (!inv.args()["dry-run"].as<bool>()) {
        core::Event ev = done_event(inv, "migrate.done", "3", outcome, started);
        ev.extra["database"] = st.database;
        ev.extra["applied"] = st.applied;
        ev.extra["from_version"] = version_text(st.from);
        ev.extra["to_version"] = version_text(st.to);
        inv.journal().append(ev);
    }
    return report_one(inv, "migrate", "3", k_name, std::move(outcome), started);
}

} // namespace

const core::cli::Command& migrate_command() {
    static const core::cli::Command cmd{
        "db migrate",
        "Apply the pending SQL migrations, Flyway-compatible (plan step 3).",
        "compuerta db migrate [--dsn DSN] [--dir DIR] [--target VERSION] [--dry-run] [--no-backup-check] [OPTIONS]",
        "Runs the Flyway-named migrations of DIR (V1__init.sql, V1.1__add_column.sql, R__views.sql)\n"
        "that the history table (flyway_schema_history, same columns and checksums as Flyway) does\n"
        "not list yet, each in its own transaction with its history row (a script whose first line\n"
        "is `-- compuerta:no-transaction`, or whose NAME.sql.conf says executeInTransaction=false,\n"
        "runs statement by statement). Before anything runs it requires a verified backup of this\n"
        "database in the journal, newer than the open window's opening (else than\n"
        "database.migrations.max_backup_age, 6h), takes the advisory lock for the database in the\n"
        "cluster's postgres database, and validates the checksums of every applied migration.\n"
        "lock_timeout and statement_timeout come from database.migrations. Files are read in\n"
        "database.migrations.encoding (default UTF-8; a BOM is dropped) and ${name} placeholders\n"
        "are replaced from database.migrations.placeholders and Flyway's built-ins (docs/db.md).\n"
        "Exit: 0 migrated or nothing to do; 1 a migration failed (rolled back) or validation\n"
        "found a problem (nothing ran); 2 usage; 3 no verified backup, database unreachable or\n"
        "lock held elsewhere (nothing changed). --dry-run lists what would run and exits as the real\n"
        "run would (3 without a verified backup, 1 on a validation problem), changing nothing.",
        true,
        false,
        options,
        {},
        run,
    };
    return cmd;
}

} // namespace compuerta::plugin::db
