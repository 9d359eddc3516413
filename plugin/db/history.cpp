#include "plugin/db/history.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::db {

using core::quote_ident;

std::string HistoryTable::qualified() const { return quote_ident(schema) + "." + quote_ident(table); }

bool history_exists(core::DbSession& s, const HistoryTable& t) {
    return s.scalar("SELECT to_regclass($1) IS NOT NULL", {t.qualified()}).value_or("f") == "t";
}

std::vector<HistoryRow> read_history(core::DbSession& s, const HistoryTable& t) {
    std::vector<HistoryRow> rows;
    if (!history_exists(s, t)) return rows;
    auto result = s.query(fmt::format("SELECT installed_rank, version, description, type, script, checksum, installed_by, "
                                      "installed_on::text, execution_time, success FROM {} ORDER BY installed_rank",
                                      t.qualified()));
    for (const auto& r : result) {
        HistoryRow h;
        h.installed_rank = std::stoll(r[0].value_or("0"));
        h.version = r[1];
        h.description = r[2].value_or("");
        h.type = r[3].value_or("");
        h.script = r[4].value_or("");
        if (r[5]) h.checksum = static_cast<std::int32_t>(std::stol(*r[5]));
        h.installed_by = r[6].value_or("");
        h.installed_on = r[7].value_or("");
        h.execution_time = std::stoll(r[8].value_or("0"));
        h.success = r[9].value_or("f") == "t";
        rows.push_back(std::move(h));
    }
    return rows;
}

void create_history(core::DbSession& s, const HistoryTable& t) {
    s.exec(fmt::format("CREATE SCHEMA IF NOT EXISTS {0};\n"
                       "CREATE TABLE {1} (\n"
                       "    installed_rank INT NOT NULL,\n"
                       "    version VARCHAR(50),\n"
                       "    description VARCHAR(200) NOT NULL,\n"
                       "    type VARCHAR(20) NOT NULL,\n"
                       "    script VARCHAR(1000) NOT NULL,\n"
                       "    checksum INTEGER,\n"
                       "    installed_by VARCHAR(100) NOT NULL,\n"
                       "    installed_on TIMESTAMP NOT NULL DEFAULT now(),\n"
                       "    execution_time INTEGER NOT NULL,\n"
                       "    success BOOLEAN NOT NULL\n"
                       ");\n"
                       "ALTER TABLE {1} ADD CONSTRAINT {2} PRIMARY KEY (installed_rank);\n"
                       "CREATE INDEX {3} ON {1} (success);",
                       quote_ident(t.schema), t.qualified(), quote_ident(t.table + "_pk"),
                       quote_ident(t.table + "_s_idx")));
}

void record_migration(core::DbSession& s, const HistoryTable& t, const MigrationFile& m, long long execution_ms) {
    std::string version = m.version ? m.version->text() : "";
    s.query(fmt::format("INSERT INTO {0} (installed_rank, version, description, type, script, checksum, installed_by, "
                        "execution_time, success) "
                        "SELECT coalesce(max(installed_rank), 0) + 1, nullif($1, ''), $2, 'SQL', $3, $4::int, "
                        "current_user, $5::int, true FROM {0}",
                        t.qualified()),
            {version, m.description, m.script, std::to_string(m.checksum), std::to_string(execution_ms)});
}

} // namespace compuerta::plugin::db
