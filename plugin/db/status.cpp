#include "core/errors.hpp"
#include "plugin/db/apply.hpp"
#include "plugin/db/backups.hpp"
#include "plugin/db/context.hpp"
#include "plugin/db/migrate.hpp"
#include "plugin/db/snapshot.hpp"
#include "plugin/db/placeholders.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::db {

namespace fs = std::filesystem;

namespace {

void options(po::options_description& d) {
    add_connection_options(d, false);
    d.add_options()("dir", po::value<std::string>(),
                    "migrations directory (default database.migrations.dir, else db/migrations)");
}

// One line of the --json/--junit report.
core::CheckResult shown(const char* id, const char* item, const char* name, core::Outcome o) {
    core::CheckSpec spec;
    spec.id = id;
    spec.item = item;
    spec.name = name;
    spec.classname = "db.status";
    return core::CheckResult::from(spec, std::move(o));
}

std::string age(std::chrono::system_clock::duration d) {
    auto m = std::chrono::duration_cast<std::chrono::minutes>(d).count();
    if (m < 120) return fmt::format("{} min", m);
    return fmt::format("{:.1f} h", static_cast<double>(m) / 60.0);
}

int run(core::cli::Invocation& inv) {
    DbContext ctx = DbContext::from(inv);
    const auto& cfg = inv.config();
    fs::path dir = inv.arg<std::string>("dir").value_or(cfg.at("database.migrations.dir").str_or("db/migrations"));
    HistoryTable table{cfg.at("database.migrations.schema").str_or("public"),
                       cfg.at("database.migrations.table").str_or("flyway_schema_history")};
    std::vector<MigrationFile> files;
    std::error_code ec;
    if (fs::is_directory(dir, ec)) files = load_migrations(dir, cfg.at("database.migrations.encoding").str_or("UTF-8"));
    else inv.warn(fmt::format("migrations directory {} not found: showing applied migrations only", dir.string()));

    auto session = ctx.connect(ctx.dsn);
    std::string database = session->database();
    std::vector<HistoryRow> history;
    std::vector<std::string> invalid;
    try {
        history = read_history(*session, table);
        invalid = invalid_indexes(*session);
    } catch (const core::DbError& e) {
        throw core::CannotEvaluate(fmt::format("cannot read {} in {}: {}", table.display(), database, e.what()));
    }
    // Repeatables are compared by their checksum after placeholder replacement.
    std::string placeholder_problem;
    try {
        PlaceholderSettings ph = placeholder_settings(inv.config());
        auto user = session->query("SELECT current_user");
        add_builtins(ph, table.schema, user.empty() ? "" : user[0][0].value_or(""), database, table.table,
                     inv.clock().now());
        resolve_repeatables(files, ph);
    } catch (const core::UsageError& e) {
        placeholder_problem = e.what();
    }
    MigrationPlan plan = plan_migrations(files, history, std::nullopt, table.display());
    if (!placeholder_problem.empty()) plan.problems.push_back(placeholder_problem);
    auto& out = inv.out();
    out << fmt::format("database {} (server {}), version {}\n", database, session->server_version(),
                       plan.current ? plan.current->text() : "none");
    for (const auto& h : history)
        out << fmt::format("  {:<8} {:<9} {:<40} {}{}\n", h.version ? "V" + *h.version : "R",
                           h.success ? "applied" : "FAILED", h.description, h.installed_on,
                           h.installed_by.empty() ? "" : " by " + h.installed_by);
    for (const MigrationFile* m : plan.pending)
        out << fmt::format("  {:<8} {:<9} {:<40} {}\n", m->version ? "V" + m->version->text() : "R", "pending",
                           m->description, m->in_transaction ? "" : "(no transaction)");
    for (const auto& i : invalid) plan.problems.push_back("index " + i + " is INVALID (a failed CREATE INDEX CONCURRENTLY)");
    for (const auto& p : plan.problems) out << "  problem: " << p << "\n";

    auto backups = verified_backups(ctx.events, database);
    if (backups.empty())
        out << "newest verified backup: none in the journal (" << inv.journal().file().parent_path().string() << ")\n";
    else
        out << fmt::format("newest verified backup: {} taken {} ({} ago){}\n", backups.back().manifest,
                           core::format_rfc3339(backups.back().at), age(inv.clock().now() - backups.back().at),
                           backups.back().tag.empty() ? "" : ", release " + backups.back().tag);
    try {
        for (const auto& snap : list_snapshots(*session, database))
            out << fmt::format("snapshot {}: {:.1f} MiB, {}\n", snap.name, static_cast<double>(snap.bytes) / (1 << 20),
                               snap.taken ? "taken " + age(inv.clock().now() - *snap.taken) + " ago" : "age unknown");
    } catch (const core::DbError& e) {
        inv.warn(fmt::format("cannot list the snapshots of {}: {}", database, e.what()));
    }
    auto open_since = open_window(ctx.events);
    if (open_since)
        out << "window open since " << core::format_rfc3339(*open_since) << "\n";
    int code = plan.problems.empty() ? core::k_exit_ok : core::k_exit_failed;

    // --json/--junit: what it showed, as three checks.
    using core::EvidenceValue;
    core::report::Suite suite = inv.make_suite("compuerta.db.status");
    std::size_t applied = 0;
    for (const auto& h : history)
        applied += h.success ? 1 : 0;
    core::Outcome mig = core::Outcome::make(
        plan.problems.empty() ? core::Status::pass : core::Status::fail,
        plan.problems.empty()
            ? fmt::format("{}: version {}, {} pending", database,
                          plan.current ? plan.current->text() : "none", plan.pending.size())
            : fmt::format("{}: {} problem(s), migrate would refuse: {}", database,
                          plan.problems.size(), plan.problems.front()),
        {{"database", database},
         {"server_version", session->server_version()},
         {"version", plan.current ? plan.current->text() : ""},
         {"applied", EvidenceValue::integer(static_cast<long long>(applied))},
         {"pending", EvidenceValue::integer(static_cast<long long>(plan.pending.size()))},
         {"problems", EvidenceValue::integer(static_cast<long long>(plan.problems.size()))}});
    for (const auto& p : plan.problems)
        mig.detail += p + "\n";
    suite.results.push_back(shown("migrations", "3", "Migraciones", std::move(mig)));
    core::Outcome bk =
        backups.empty() ? core::Outcome::make(core::Status::skip, "no verified backup of " +
                                                                      database + " in the journal")
                        : core::Outcome::make(core::Status::pass,
                                              "newest verified backup: " + backups.back().manifest);
    if (!backups.empty()) {
        bk.evidence = {
            {"manifest", backups.back().manifest},
            {"taken", core::format_rfc3339(backups.back().at)},
            {"age_minutes", EvidenceValue::integer(std::chrono::duration_cast<std::chrono::minutes>(
                                                       inv.clock().now() - backups.back().at)
                                                       .count())},
            {"release", backups.back().tag}};
    }
    suite.results.push_back(shown("backup", "2.2", "Respaldo verificado", std::move(bk)));
    core::Outcome win = core::Outcome::make(
        core::Status::pass,
        open_since ? "window open since " + core::format_rfc3339(*open_since) : "no window open",
        {{"open", EvidenceValue::boolean(open_since.has_value())}});
    if (open_since)
        win.evidence.emplace_back("since", core::format_rfc3339(*open_since));
    suite.results.push_back(shown("window", "1", "Ventana de mantenimiento", std::move(win)));
    for (auto& r : suite.results)
        r.started = suite.started;
    inv.write_reports(suite, code);
    return code;
}

} // namespace

const core::cli::Command& status_command() {
    static const core::cli::Command cmd{
        "db status",
        "Show applied and pending migrations and the newest verified backup.",
        "compuerta db status [--dsn DSN] [--dir DIR] [OPTIONS]",
        "Lists the history table's rows, the pending migrations of DIR, validation problems (a\n"
        "changed applied script, a failed row, an INVALID index), the newest verified backup of\n"
        "the database in the journal and its age, its snapshots (db snapshot) with size and age,\n"
        "and whether a window is open.\n"
        "Exit: 0 nothing wrong; 1 a validation problem (migrate would refuse); 2 usage;\n"
        "3 database unreachable. --json: three checks (migrations, backup, window) with their facts.",
        true,
        false,
        options,
        {},
        run,
    };
    return cmd;
}

} // namespace compuerta::plugin::db
