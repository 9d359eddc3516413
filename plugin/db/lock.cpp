#include "plugin/db/lock.hpp"

#include "core/errors.hpp"
#include "core/messages/catalog.hpp"

#include <fmt/format.h>
#include <thread>

namespace compuerta::plugin::db {

namespace msg = core::msg;

std::string lock_key(const std::string& database) {
    return "compuerta:" + database;
}

AdvisoryLock AdvisoryLock::acquire(core::Db& db, const std::string& dsn,
                                   const std::string& database, core::Millis wait,
                                   const std::function<void(const std::string&)>& progress) {
    auto connected = db.connect(db.with_database(dsn, "postgres"), "compuerta-db-lock",
                                core::Deadline::after(core::Millis(10'000)));
    if (!connected)
        throw core::CannotEvaluate(
            msg::tr("db.lock.connect_failed",
                    {{"database", database}, {"error", connected.error().message}}));
    auto session = std::move(connected.value());
    std::string key = lock_key(database);
    auto deadline = core::Deadline::after(wait);
    bool told = false;
    while (true) {
        if (session->scalar("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", {key})
                .value_or("f") == "t")
            return AdvisoryLock(std::move(session), key);
        auto holder = session->query(
            "SELECT a.pid::text, coalesce(nullif(a.application_name, ''), 'unknown program'), "
            "coalesce(host(a.client_addr), 'local'), to_char(a.backend_start AT TIME ZONE 'UTC', "
            "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM pg_locks l JOIN pg_stat_activity a ON a.pid = "
            "l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
            "AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended($1, 0) LIMIT 1",
            {key});
        std::string who = holder.empty() ? msg::tr("db.lock.holder.unknown")
                                         : msg::tr("db.lock.holder", {{"pid", *holder[0][0]},
                                                                      {"program", *holder[0][1]},
                                                                      {"client", *holder[0][2]},
                                                                      {"since", *holder[0][3]}});
        if (deadline.expired())
            throw core::CannotEvaluate(
                msg::tr("db.lock.held", {{"database", database}, {"holder", who}}));
        if (!told)
            progress(msg::tr(
                "db.lock.waiting",
                {{"database", database}, {"holder", who}, {"seconds", wait.count() / 1000}}));
        told = true;
        std::this_thread::sleep_for(
            std::min(core::Millis(200), std::max(core::Millis(1), deadline.remaining())));
    }
}

core::Result<LockAttempt, core::PgFailure>
AdvisoryLock::try_once(core::Db& db, const std::string& dsn, const std::string& prefix,
                       const core::Env& env, const core::Deadline& deadline) {
    std::string postgres;
    try {
        postgres = db.with_database(dsn, "postgres");
    } catch (const core::ExitError& e) {
        return core::PgFailure{core::PgPhase::config, false, e.what()};
    }
    auto connected = db.connect(postgres, "compuerta-rollback-lock", deadline);
    if (!connected)
        return connected.error();
    auto session = std::move(connected.value());
    LockAttempt a;
    try {
        if (auto named = db.database_in(dsn))
            a.database = *named;
        else if (auto e = env.get("PGDATABASE"); e && !e->empty())
            a.database = *e;
        else
            a.database = session->scalar("SELECT current_user").value_or("");
        a.key = prefix + a.database;
        a.acquired =
            session->scalar("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", {a.key})
                .value_or("f") == "t";
    } catch (const core::DbError& e) {
        return core::PgFailure{core::PgPhase::query, false, e.what()};
    }
    if (a.acquired)
        a.held.emplace(AdvisoryLock(std::move(session), a.key));
    return a;
}

AdvisoryLock::~AdvisoryLock() {
    if (!m_session)
        return;
    try {
        m_session->query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", {m_key});
    } catch (...) {
        // The session ends below; the server releases the lock with it.
    }
}

} // namespace compuerta::plugin::db
