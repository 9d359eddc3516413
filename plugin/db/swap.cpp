#include "core/messages/catalog.hpp"
#include "core/ports/env.hpp"
#include "plugin/db/restore.hpp"
#include "plugin/db/test_hook.hpp"

#include <fmt/format.h>
#include <thread>

namespace compuerta::plugin::db {

using core::quote_ident;

std::vector<std::string> compare_row_counts(core::DbSession& s, const std::map<std::string, std::int64_t>& expected) {
    std::vector<std::string> out;
    for (const auto& [table, rows] : expected) {
        auto got = s.scalar("SELECT count(*) FROM " + table);
        std::int64_t n = std::stoll(got.value_or("-1"));
        if (n != rows)
            out.push_back(
                core::msg::trn("db.swap.rows_differ", n, {{"table", table}, {"expected", rows}}));
    }
    return out;
}

void swap_databases(core::DbSession& admin, const std::string& target, const std::string& incoming,
                    const std::string& keep_as, bool target_exists) {
    if (!target_exists) {
        admin.exec(fmt::format("ALTER DATABASE {} RENAME TO {}", quote_ident(incoming), quote_ident(target)));
        return;
    }
    admin.exec(fmt::format("ALTER DATABASE {} ALLOW_CONNECTIONS false", quote_ident(target)));
    test_hook(core::ProcessEnv(), "after-connections-off");
    for (int attempt = 1;; ++attempt) {
        // pg_terminate_backend(pid, timeout) waits until the session is gone (PostgreSQL 14+).
        admin.query("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = $1 "
                    "AND pid <> pg_backend_pid()",
                    {target});
        try {
            admin.exec(fmt::format("BEGIN; ALTER DATABASE {0} RENAME TO {1}; ALTER DATABASE {2} RENAME TO {0}; COMMIT",
                                   quote_ident(target), quote_ident(keep_as), quote_ident(incoming)));
            break;
        } catch (const core::DbError& e) {
            try {
                admin.exec("ROLLBACK");
            } catch (const core::DbError&) {
            }
            if (e.sqlstate() != "55006" || attempt >= 20) {
                admin.exec(fmt::format("ALTER DATABASE {} ALLOW_CONNECTIONS true", quote_ident(target)));
                throw;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    test_hook(core::ProcessEnv(), "after-rename");
    // The kept database stays reachable for the post-mortem.
    admin.exec(fmt::format("ALTER DATABASE {} ALLOW_CONNECTIONS true", quote_ident(keep_as)));
}

} // namespace compuerta::plugin::db
