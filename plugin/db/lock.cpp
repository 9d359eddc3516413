#include "plugin/db/lock.hpp"

#include "core/errors.hpp"

#include <fmt/format.h>
#include <thread>

namespace compuerta::plugin::db {

std::string lock_key(const std::string& database) { return "compuerta:" + database; }

AdvisoryLock AdvisoryLock::acquire(core::Db& db, const std::string& dsn, const std::string& database, core::Millis wait,
                                   const std::function<void(const std::string&)>& progress) {
    auto connected = db.connect(db.with_database(dsn, "postgres"), "compuerta-db-lock", core::Deadline::after(core::Millis(10'000)));
    if (!connected)
        throw core::CannotEvaluate(fmt::format("cannot take the lock for {} in the cluster's postgres database: {}",
                                               database, connected.error().message));
    auto session = std::move(connected.value());
    std::string key = lock_key(database);
    auto deadline = core::Deadline::after(wait);
    bool told = false;
    while (true) {
        if (session->scalar("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", {key}).value_or("f") == "t")
            return AdvisoryLock(std::move(session), key);
        auto holder = session->query(
            "SELECT a.pid::text, coalesce(nullif(a.application_name, ''), 'unknown program'), "
            "coalesce(host(a.client_addr), 'local'), to_char(a.backend_start AT TIME ZONE 'UTC', "
            "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
            "AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended($1, 0) LIMIT 1",
            {key});
        std::string who = holder.empty() ? "another session"
                                         : fmt::format("pid {} ({}, from {}, connected since {})", *holder[0][0],
                                                       *holder[0][1], *holder[0][2], *holder[0][3]);
        if (deadline.expired())
            throw core::CannotEvaluate(fmt::format(
                "another compuerta run holds the lock for database {}: {}. Nothing was changed; wait for it to "
                "finish (or raise --lock-wait), and check that only one pipeline targets this database",
                database, who));
        if (!told) progress(fmt::format("waiting for the lock on {} held by {} (at most {}s)", database, who,
                                        wait.count() / 1000));
        told = true;
        std::this_thread::sleep_for(std::min(core::Millis(200), std::max(core::Millis(1), deadline.remaining())));
    }
}

AdvisoryLock::~AdvisoryLock() {
    if (!m_session) return;
    try {
        m_session->query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", {m_key});
    } catch (...) {
        // The session ends below; the server releases the lock with it.
    }
}

} // namespace compuerta::plugin::db
