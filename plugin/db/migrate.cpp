#include "plugin/db/migrate.hpp"

#include "core/errors.hpp"
#include "core/messages/catalog.hpp"
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
namespace msg = core::msg;
using core::Millis;
using core::Status;

namespace {

void migrate_options(po::options_description& d) {
    add_connection_options(d, true);
    d.add_options()(
        "dir", po::value<std::string>(),
        msg::tr("db.migrate.opt.dir",
                {{"default", core::config::database_decl().default_of("migrations.dir")}})
            .c_str())("target", po::value<std::string>(), msg::tr("db.migrate.opt.target").c_str())(
        "dry-run", po::bool_switch(), msg::tr("db.migrate.opt.dry_run").c_str())(
        "no-backup-check", po::bool_switch(), msg::tr("db.migrate.opt.no_backup_check").c_str());
}

struct MigrateSettings {
    fs::path dir;
    std::string encoding;
    PlaceholderSettings placeholders;
    HistoryTable table;
    std::optional<Version> target;
    Millis lock_timeout{0};
    Millis statement_timeout{0};
    Millis max_backup_age{0};
};

MigrateSettings settings(core::cli::Invocation& inv, const core::config::DatabaseSection& db) {
    MigrateSettings s;
    s.dir = db.migrations_dir; // --dir over migrations.dir
    s.encoding = db.migrations_encoding;
    s.placeholders = placeholder_settings(db, inv.config().file());
    s.table.schema = db.migrations_schema;
    s.table.table = db.migrations_table;
    if (inv.args().count("target")) {
        s.target = Version::parse(inv.arg<std::string>("target").value());
        if (!s.target)
            throw core::UsageError(msg::tr("db.migrate.target.invalid"));
    }
    s.lock_timeout = db.migrations_lock_timeout;
    s.statement_timeout = db.migrations_statement_timeout;
    s.max_backup_age = db.migrations_max_backup_age;
    return s;
}

std::string label(const MigrationFile& m) {
    return (m.version ? "V" + m.version->text() : std::string("R")) + " " + m.description;
}

// The journal's and the evidence's value ("none" before the first migration).
std::string version_text(const std::optional<Version>& v) {
    return v ? v->text() : "none";
}
// The same, for a person.
std::string version_shown(const std::optional<Version>& v) {
    return v ? v->text() : msg::tr("db.version.none");
}

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
    add_builtins(placeholders, set.table.schema, session_user(*session), st.database,
                 set.table.table, inv.clock().now());
    resolve_repeatables(files, placeholders);

    auto verdict =
        backup_for_migrate(ctx.events, st.database, inv.clock().now(), set.max_backup_age);
    std::optional<std::string> refusal; // a dry run exits as the real run would
    if (verdict.backup)
        ctx.progress(msg::tr("db.migrate.backup_check", {{"reason", verdict.reason}}));
    else if (no_check) {
        inv.warn(msg::tr("db.migrate.no_backup_check", {{"reason", verdict.reason}}));
        st.unprotected = !dry;
    } else if (!dry)
        return core::Outcome::make(Status::error,
                                   msg::tr("db.migrate.refused", {{"reason", verdict.reason}}));
    else {
        inv.warn(msg::tr("db.migrate.dry_run.would_refuse", {{"reason", verdict.reason}}));
        refusal = verdict.reason;
    }

    std::optional<AdvisoryLock> lock;
    if (!dry)
        lock.emplace(AdvisoryLock::acquire(*ctx.db, ctx.dsn, st.database, ctx.lock_wait,
                                           [&](const std::string& l) { ctx.progress(l); }));
    test_hook(inv.env(), "after-lock");

    // Validate everything before anything runs.
    auto history = read_history(*session, set.table);
    bool table_exists = history_exists(*session, set.table);
    MigrationPlan plan = plan_migrations(files, history, set.target, set.table.display());
    for (const auto& w : plan.warnings)
        inv.warn(w);
    for (const auto& idx : invalid_indexes(*session))
        plan.problems.push_back(msg::tr("db.migrate.invalid_index", {{"index", idx}}));
    st.from = st.to = plan.current;
    if (!plan.problems.empty()) {
        core::Outcome o =
            core::Outcome::make(Status::fail, msg::trn("db.migrate.problems",
                                                       static_cast<long long>(plan.problems.size()),
                                                       {{"first", plan.problems.front()}}));
        for (const auto& p : plan.problems)
            o.detail += p + "\n";
        return o;
    }
    // Versioned scripts run with their placeholders replaced (their checksum
    // is the file's); an unknown one stops the run before anything ran.
    std::vector<MigrationFile> runnable;
    runnable.reserve(plan.pending.size());
    for (const MigrationFile* m : plan.pending) {
        runnable.push_back(*m);
        if (!m->repeatable())
            runnable.back().sql = replace_placeholders(m->sql, placeholders, *m);
    }
    auto pending = static_cast<long long>(plan.pending.size());
    msg::Params head{{"database", st.database}, {"version", version_shown(plan.current)}};
    if (set.target)
        head.emplace_back("target", set.target->text());
    inv.out() << msg::trn(set.target ? "db.migrate.pending.target" : "db.migrate.pending", pending,
                          head)
              << "\n";
    for (const MigrationFile* m : plan.pending)
        inv.out() << msg::tr(dry ? "db.migrate.row.would_run" : "db.migrate.row.pending",
                             {{"migration", label(*m)},
                              {"mode", m->in_transaction ? std::string()
                                                         : msg::tr("db.migrate.no_transaction")}})
                  << "\n";
    if (dry && refusal)
        return core::Outcome::make(
            Status::error,
            msg::trn("db.migrate.dry_run.refused", pending,
                     {{"reason", *refusal}, {"database", st.database}}),
            {{"database", st.database},
             {"pending", core::EvidenceValue::integer(static_cast<long long>(plan.pending.size()))},
             {"dry_run", core::EvidenceValue::boolean(true)}});
    if (dry)
        return core::Outcome::make(
            Status::pass, msg::trn("db.migrate.dry_run", pending, {{"database", st.database}}),
            {{"database", st.database},
             {"pending", core::EvidenceValue::integer(static_cast<long long>(plan.pending.size()))},
             {"dry_run", core::EvidenceValue::boolean(true)}});
    if (plan.pending.empty())
        return core::Outcome::make(
            Status::pass,
            msg::tr("db.migrate.up_to_date",
                    {{"database", st.database}, {"version", version_shown(plan.current)}}));

    session->exec(fmt::format("SET lock_timeout = {}; SET statement_timeout = {}",
                              set.lock_timeout.count(), set.statement_timeout.count()));
    for (const MigrationFile& run : runnable) {
        const MigrationFile* m = &run;
        ctx.progress(msg::tr("db.migrate.running", {{"script", m->script}}));
        Applied a = apply_migration(*session, set.table, *m, !table_exists, inv.env());
        if (!a.ok) {
            core::Outcome o = core::Outcome::make(Status::fail, a.error);
            o.evidence = {{"database", st.database}, {"version", version_text(st.to)}};
            return o;
        }
        table_exists = true;
        st.applied.push_back(m->version ? m->version->text() : m->description);
        if (m->version)
            st.to = m->version;
        inv.out() << msg::tr("db.migrate.row.applied", {{"migration", label(*m)}, {"ms", a.ms}})
                  << "\n";
    }
    return core::Outcome::make(
        st.unprotected ? Status::warn : Status::pass,
        msg::trn(st.unprotected ? "db.migrate.done.unprotected" : "db.migrate.done",
                 static_cast<long long>(st.applied.size()),
                 {{"database", st.database},
                  {"from", version_shown(st.from)},
                  {"to", version_shown(st.to)}}),
        {{"database", st.database},
         {"from_version", version_text(st.from)},
         {"to_version", version_text(st.to)}});
}

int run_migrate(core::cli::Invocation& inv) {
    auto started = inv.clock().now();
    auto db = db_settings(inv, {{"dir", "migrations.dir"}});
    MigrateSettings set = settings(inv, db);
    DbContext ctx = DbContext::from(inv, std::move(db));
    if (!inv.args()["dry-run"].as<bool>()) // the deployment lease (docs/window.md)
        lease::require(inv, "db migrate", "3");
    RunState st;
    core::Outcome outcome;
    try {
        outcome = migrate(ctx, set, st);
    } catch (const core::DbError& e) {
        outcome =
            core::Outcome::make(Status::error, msg::tr("db.error.database", {{"error", e.what()}}));
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
    return report_one(inv, "migrate", "3", msg::tr("db.name.migrate"), std::move(outcome), started);
}

} // namespace

const core::cli::Command& migrate_command() {
    static const core::cli::Command cmd{
        "db migrate",
        "db.migrate.summary",
        "compuerta db migrate [--dsn DSN] [--dir DIR] [--target VERSION] [--dry-run] "
        "[--no-backup-check] [OPTIONS]",
        "db.migrate.description",
        true,
        false,
        migrate_options,
        {},
        run_migrate,
    };
    return cmd;
}

} // namespace compuerta::plugin::db
