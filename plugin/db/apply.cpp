#include "plugin/db/apply.hpp"

#include "core/messages/catalog.hpp"
#include "plugin/db/sql_split.hpp"
#include "plugin/db/test_hook.hpp"

#include <chrono>
#include <fmt/format.h>

namespace compuerta::plugin::db {

namespace {

std::string label(const MigrationFile& m) { return m.version ? "V" + m.version->text() : "R " + m.description; }

long long elapsed(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

Applied apply_migration(core::DbSession& s, const HistoryTable& t, const MigrationFile& m, bool create_table,
                        const core::Env& env) {
    Applied a;
    auto t0 = std::chrono::steady_clock::now();
    std::string point = "before-commit:" + (m.version ? m.version->text() : m.description);
    if (m.in_transaction) {
        try {
            s.exec("BEGIN");
            if (create_table) create_history(s, t);
            s.exec(m.sql);
            a.ms = elapsed(t0);
            record_migration(s, t, m, a.ms);
            test_hook(env, point);
            s.exec("COMMIT");
            a.ok = true;
        } catch (const core::DbError& e) {
            try {
                s.exec("ROLLBACK");
            } catch (const core::DbError&) {
                // A lost connection rolls back on the server.
            }
            a.error = core::msg::tr("db.apply.failed", {{"migration", label(m)},
                                                        {"file", m.path.string()},
                                                        {"error", e.what()},
                                                        {"table", t.display()}});
        }
        return a;
    }
    // Opted out of the transaction (CREATE INDEX CONCURRENTLY): statement by statement.
    auto statements = split_statements(m.sql);
    std::size_t done = 0;
    try {
        if (create_table) create_history(s, t);
        for (const auto& stmt : statements) {
            s.exec(stmt);
            ++done;
        }
        a.ms = elapsed(t0);
        test_hook(env, point);
        record_migration(s, t, m, a.ms);
        a.ok = true;
    } catch (const core::DbError& e) {
        a.error = core::msg::trn("db.apply.failed.no_transaction", static_cast<long long>(done),
                                 {{"migration", label(m)},
                                  {"file", m.path.string()},
                                  {"statement", done + 1},
                                  {"statements", statements.size()},
                                  {"error", e.what()},
                                  {"table", t.display()}});
    }
    return a;
}

std::vector<std::string> invalid_indexes(core::DbSession& s) {
    std::vector<std::string> out;
    for (const auto& r : s.query("SELECT n.nspname || '.' || c.relname FROM pg_index i JOIN pg_class c ON c.oid = "
                                 "i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT i.indisvalid "
                                 "AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"))
        out.push_back(r[0].value_or(""));
    return out;
}

} // namespace compuerta::plugin::db
