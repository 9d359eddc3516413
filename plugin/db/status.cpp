#include "core/util/text.hpp"
#include "core/errors.hpp"
#include "core/messages/catalog.hpp"
#include "plugin/db/apply.hpp"
#include "plugin/db/backups.hpp"
#include "plugin/db/context.hpp"
#include "plugin/db/migrate.hpp"
#include "plugin/db/placeholders.hpp"
#include "plugin/db/snapshot.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::db {

namespace fs = std::filesystem;
namespace msg = core::msg;

namespace {

void status_options(po::options_description& d) {
    add_connection_options(d, false);
    d.add_options()(
        "dir", po::value<std::string>(),
        msg::tr("db.migrate.opt.dir",
                {{"default", core::config::database_decl().default_of("migrations.dir")}})
            .c_str());
}

// One line of the --json/--junit report.
core::CheckResult shown(const char* id, const char* item, const std::string& name,
                        core::Outcome o) {
    core::CheckSpec spec;
    spec.id = id;
    spec.item = item;
    spec.name = name;
    spec.classname = "db.status";
    return core::CheckResult::from(spec, std::move(o));
}

std::string age(std::chrono::system_clock::duration d) {
    auto m = std::chrono::duration_cast<std::chrono::minutes>(d).count();
    if (m < 120)
        return fmt::format("{} min", m);
    return fmt::format("{:.1f} h", static_cast<double>(m) / 60.0);
}

int run_status(core::cli::Invocation& inv) {
    DbContext ctx = DbContext::from(inv, db_settings(inv, {{"dir", "migrations.dir"}}));
    const auto& db = ctx.settings;
    fs::path dir = db.migrations_dir;
    HistoryTable table{db.migrations_schema, db.migrations_table};
    std::vector<MigrationFile> files;
    std::error_code ec;
    if (fs::is_directory(dir, ec))
        files = load_migrations(dir, db.migrations_encoding);
    else
        inv.warn(msg::tr("db.status.no_dir", {{"dir", dir.string()}}));

    auto session = ctx.connect(ctx.dsn);
    std::string database = session->database();
    std::vector<HistoryRow> history;
    std::vector<std::string> invalid;
    try {
        history = read_history(*session, table);
        invalid = invalid_indexes(*session);
    } catch (const core::DbError& e) {
        throw core::CannotEvaluate(
            msg::tr("db.status.read_failed",
                    {{"table", table.display()}, {"database", database}, {"error", e.what()}}));
    }
    // Repeatables are compared by their checksum after placeholder replacement.
    std::string placeholder_problem;
    try {
        PlaceholderSettings ph = placeholder_settings(db, inv.config().file());
        auto user = session->query("SELECT current_user");
        add_builtins(ph, table.schema, user.empty() ? "" : user[0][0].value_or(""), database,
                     table.table, inv.clock().now());
        resolve_repeatables(files, ph);
    } catch (const core::UsageError& e) {
        placeholder_problem = e.what();
    }
    MigrationPlan plan = plan_migrations(files, history, std::nullopt, table.display());
    if (!placeholder_problem.empty())
        plan.problems.push_back(placeholder_problem);
    auto& out = inv.out();
    std::string version = plan.current ? plan.current->text() : msg::tr("db.version.none");
    out << msg::tr("db.status.database", {{"database", database},
                                          {"server", session->server_version()},
                                          {"version", version}})
        << "\n";
    for (const auto& h : history)
        out << fmt::format(
            "  {:<8} {:<9} {:<40} {}{}\n", h.version ? "V" + *h.version : "R",
            msg::tr(h.success ? "db.status.applied" : "db.status.failed"), h.description,
            h.installed_on,
            h.installed_by.empty() ? "" : msg::tr("db.status.by", {{"user", h.installed_by}}));
    for (const MigrationFile* m : plan.pending)
        out << fmt::format("  {:<8} {:<9} {:<40} {}\n", m->version ? "V" + m->version->text() : "R",
                           msg::tr("db.status.pending"), m->description,
                           m->in_transaction ? "" : msg::tr("db.migrate.no_transaction"));
    for (const auto& i : invalid)
        plan.problems.push_back(msg::tr("db.status.invalid_index", {{"index", i}}));
    for (const auto& p : plan.problems)
        out << msg::tr("db.status.problem", {{"problem", p}}) << "\n";

    auto backups = verified_backups(ctx.events, database);
    if (backups.empty())
        out << msg::tr("db.status.backup.none",
                       {{"journal", inv.journal().file().parent_path().string()}})
            << "\n";
    else
        out << msg::tr(backups.back().tag.empty() ? "db.status.backup" : "db.status.backup.release",
                       {{"manifest", backups.back().manifest},
                        {"taken", core::format_rfc3339(backups.back().at)},
                        {"age", age(inv.clock().now() - backups.back().at)},
                        {"release", backups.back().tag}})
            << "\n";
    try {
        for (const auto& snap : list_snapshots(*session, database))
            out << msg::tr(
                       snap.taken ? "db.status.snapshot" : "db.status.snapshot.no_age",
                       {{"name", snap.name},
                        {"size", core::util::mib(snap.bytes)},
                        {"age", snap.taken ? age(inv.clock().now() - *snap.taken) : std::string()}})
                << "\n";
    } catch (const core::DbError& e) {
        inv.warn(
            msg::tr("db.status.snapshots_failed", {{"database", database}, {"error", e.what()}}));
    }
    auto open_since = open_window(ctx.events);
    if (open_since)
        out << msg::tr("db.status.window.open", {{"since", core::format_rfc3339(*open_since)}})
            << "\n";
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
            ? msg::trn("db.migrate.pending", static_cast<long long>(plan.pending.size()),
                       {{"database", database}, {"version", version}})
            : msg::trn("db.status.problems", static_cast<long long>(plan.problems.size()),
                       {{"database", database}, {"first", plan.problems.front()}}),
        {{"database", database},
         {"server_version", session->server_version()},
         {"version", plan.current ? plan.current->text() : ""},
         {"applied", EvidenceValue::integer(static_cast<long long>(applied))},
         {"pending", EvidenceValue::integer(static_cast<long long>(plan.pending.size()))},
         {"problems", EvidenceValue::integer(static_cast<long long>(plan.problems.size()))}});
    for (const auto& p : plan.problems)
        mig.detail += p + "\n";
    suite.results.push_back(
        shown("migrations", "3", msg::tr("db.name.status.migrations"), std::move(mig)));
    core::Outcome bk =
        backups.empty()
            ? core::Outcome::make(core::Status::skip,
                                  msg::tr("db.status.check.backup.none", {{"database", database}}))
            : core::Outcome::make(
                  core::Status::pass,
                  msg::tr("db.status.check.backup", {{"manifest", backups.back().manifest}}));
    if (!backups.empty()) {
        bk.evidence = {
            {"manifest", backups.back().manifest},
            {"taken", core::format_rfc3339(backups.back().at)},
            {"age_minutes", EvidenceValue::integer(std::chrono::duration_cast<std::chrono::minutes>(
                                                       inv.clock().now() - backups.back().at)
                                                       .count())},
            {"release", backups.back().tag}};
    }
    suite.results.push_back(
        shown("backup", "2.2", msg::tr("db.name.status.backup"), std::move(bk)));
    core::Outcome win =
        core::Outcome::make(core::Status::pass,
                            open_since ? msg::tr("db.status.window.open",
                                                 {{"since", core::format_rfc3339(*open_since)}})
                                       : msg::tr("db.status.window.none"),
                            {{"open", EvidenceValue::boolean(open_since.has_value())}});
    if (open_since)
        win.evidence.emplace_back("since", core::format_rfc3339(*open_since));
    suite.results.push_back(shown("window", "1", msg::tr("db.name.status.window"), std::move(win)));
    for (auto& r : suite.results)
        r.started = suite.started;
    inv.write_reports(suite, code);
    return code;
}

} // namespace

const core::cli::Command& status_command() {
    static const core::cli::Command cmd{
        "db status",
        "db.status.summary",
        "compuerta db status [--dsn DSN] [--dir DIR] [OPTIONS]",
        "db.status.description",
        true,
        false,
        status_options,
        {},
        run_status,
    };
    return cmd;
}

} // namespace compuerta::plugin::db
