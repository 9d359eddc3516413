// A snapshot or a swap that a killed process left unfinished: the journal
// says where it stopped (its `started` event is written before connections
// go off); the repair turns connections back on and waits for, or drops, the
// half-made copy that CREATE DATABASE goes on making in the server.
#include "core/config/sections/database.hpp"
#include "core/errors.hpp"
#include "core/events.hpp"
#include "core/messages/catalog.hpp"
#include "core/util/json.hpp"
#include "plugin/db/context.hpp"
#include "plugin/db/lock.hpp"
#include "plugin/db/snapshot.hpp"

#include <algorithm>
#include <chrono>
#include <fmt/format.h>
#include <thread>

namespace compuerta::plugin::db {

using core::quote_ident;

std::vector<Unfinished> unfinished_snapshots(const std::vector<nlohmann::json>& events) {
    std::vector<std::pair<Unfinished, bool>> seen; // in order of first start; open?
    for (const auto& e : events) {
        if (core::util::json_string(e, "event") != core::events::BackupSnapshot::name)
            continue;
        Unfinished u{core::util::json_string(e, "database"), core::util::json_string(e, "snapshot"), core::util::json_string(e, "phase"),
                     core::util::json_string(e, "manifest")};
        if (u.database.empty() || u.snapshot.empty())
            continue;
        std::string status = core::util::json_string(e, "status");
        bool open =
            status == "started" || (status == "fail" && e.value("cleaned_up", true) == false);
        auto it = std::find_if(seen.begin(), seen.end(), [&](const auto& s) {
            return s.first.snapshot == u.snapshot && s.first.phase == u.phase &&
                   s.first.database == u.database;
        });
        if (it == seen.end())
            seen.emplace_back(u, open);
        else
            it->second = open;
    }
    std::vector<Unfinished> out;
    for (const auto& [u, open] : seen)
        if (open)
            out.push_back(u);
    return out;
}

std::vector<std::string> repair_snapshot(core::DbSession& admin, const Unfinished& u) {
    std::vector<std::string> done;
    if (u.phase == "take") {
        // The copy goes on in the server after its client died: cancel it and wait until it ends.
        auto copying = [&] {
            return admin.query("SELECT pid::text FROM pg_stat_activity WHERE state = 'active' AND "
                               "pid <> pg_backend_pid() "
                               "AND query ILIKE 'CREATE DATABASE %' AND position($1 in query) > 0",
                               {quote_ident(u.snapshot)});
        };
        auto rows = copying();
        if (!rows.empty()) {
            done.push_back(
                core::msg::tr("db.snapshot.repair.cancelled",
                              {{"snapshot", u.snapshot}, {"pid", rows[0][0].value_or("?")}}));
            for (const auto& r : rows)
                admin.query("SELECT pg_cancel_backend($1::int)", {r[0].value_or("0")});
            auto until = std::chrono::steady_clock::now() + std::chrono::minutes(10);
            while (!copying().empty()) {
                if (std::chrono::steady_clock::now() > until)
                    throw core::DbError(core::msg::tr("db.snapshot.repair.cancel_hangs",
                                                      {{"snapshot", u.snapshot}}),
                                        "57014");
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        }
        if (database_exists(admin, u.snapshot)) {
            admin.exec(
                fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", quote_ident(u.snapshot)));
            done.push_back(core::msg::tr("db.snapshot.repair.dropped", {{"snapshot", u.snapshot}}));
        }
    }
    if (database_exists(admin, u.database)) {
        bool off =
            admin
                .scalar("SELECT (NOT datallowconn)::text FROM pg_database WHERE datname = $1",
                        {u.database})
                .value_or("false") == "true";
        if (off) {
            admin.exec(
                fmt::format("ALTER DATABASE {} ALLOW_CONNECTIONS true", quote_ident(u.database)));
            done.push_back(
                core::msg::tr("db.snapshot.repair.connections", {{"database", u.database}}));
        }
    } else {
        done.push_back(core::msg::tr("db.snapshot.repair.database_missing",
                                     {{"database", u.database}, {"manifest", u.manifest}}));
    }
    if (done.empty())
        done.push_back(core::msg::tr("db.snapshot.repair.nothing",
                                     {{"snapshot", u.snapshot}, {"phase", u.phase}}));
    return done;
}

core::Event repaired_event(const Unfinished& u, const std::vector<std::string>& done) {
    core::Event e;
    e.event = core::events::BackupSnapshot::name;
    e.item = u.phase == "take" ? "2.2" : "R2";
    e.status = "repaired";
    std::string all;
    for (const auto& d : done)
        all += (all.empty() ? "" : "; ") + d;
    e.summary = core::msg::tr(u.phase == "take" ? "db.snapshot.repair.event.take"
                                                : "db.snapshot.repair.event.swap",
                              {{"snapshot", u.snapshot}, {"done", all}});
    e.extra = {{"database", u.database},
               {"snapshot", u.snapshot},
               {"phase", u.phase},
               {"manifest", u.manifest}};
    return e;
}

std::vector<std::string> repair_unfinished_snapshots(core::cli::Invocation& inv,
                                                     const std::optional<std::string>& dsn) {
    std::vector<std::string> out;
    auto todo = unfinished_snapshots(core::read_journal(inv.journal().file().parent_path()).events);
    if (todo.empty())
        return out;
    std::string use = dsn ? *dsn : core::config::configured_dsn(inv.config()).str_or("");
    auto db = inv.adapters().db();
    for (const auto& u : todo) {
        try {
            AdvisoryLock lock = AdvisoryLock::acquire(*db, use, u.database, core::Millis(5'000),
                                                      [](const std::string&) {});
            auto done = repair_snapshot(lock.session(), u);
            inv.journal().append(repaired_event(u, done));
            for (const auto& d : done)
                out.push_back(core::msg::tr("db.snapshot.repair.line",
                                            {{"snapshot", u.snapshot}, {"done", d}}));
        } catch (const std::exception& e) {
            out.push_back(
                core::msg::tr("db.snapshot.repair.failed", {{"snapshot", u.snapshot},
                                                            {"database", u.database},
                                                            {"phase", u.phase},
                                                            {"error", e.what()},
                                                            {"quoted", quote_ident(u.database)}}));
        }
    }
    return out;
}

} // namespace compuerta::plugin::db
