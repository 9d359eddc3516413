#pragma once
// The advisory lock that keeps two pipelines from migrating or restoring
// the same database at once (DESIGN.md): held in the cluster's `postgres`
// database, keyed by the target database's name, so that it never blocks
// the restore's rename of the target.
#include "core/deadline.hpp"
#include "core/ports/db.hpp"
#include "core/ports/env.hpp"
#include "core/result.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace compuerta::plugin::db {

struct LockAttempt;

class AdvisoryLock {
  public:
    // Connects to `postgres` with the parameters of `dsn` and takes the lock for
    // `database`, retrying for at most `wait`. Throws core::CannotEvaluate when
    // the cluster cannot be reached or the wait runs out (naming the holder:
    // its pid, application and since when). Nothing is changed either way.
    static AdvisoryLock acquire(core::Db& db, const std::string& dsn, const std::string& database,
                                core::Millis wait,
                                const std::function<void(const std::string&)>& progress);
    // One attempt, never waiting, at the key `prefix + database` (the
    // rollback holds "compuerta-rollback:" for its whole run and checks that
    // "compuerta:", a migration's or restore's, is free). The database is the
    // one `dsn` names, else PGDATABASE, else the user's (libpq's default).
    // A cluster that cannot be reached by `deadline` is the failure.
    static core::Result<LockAttempt, core::PgFailure> try_once(core::Db& db, const std::string& dsn,
                                                               const std::string& prefix,
                                                               const core::Env& env,
                                                               const core::Deadline& deadline);
    AdvisoryLock(AdvisoryLock&&) = default;
    ~AdvisoryLock(); // releases (closing the session would too)

    // The session in the `postgres` database that holds the lock.
    core::DbSession& session() { return *m_session; }

  private:
    AdvisoryLock(std::unique_ptr<core::DbSession> s, std::string key)
        : m_session(std::move(s)), m_key(std::move(key)) {}
    std::unique_ptr<core::DbSession> m_session;
    std::string m_key;
};

struct LockAttempt {
    bool acquired = false;
    std::string database;             // the target database the key was made from
    std::string key;                  // prefix + database
    std::optional<AdvisoryLock> held; // set when acquired; released when reset
};

// The lock's key text: "compuerta:<database>".
std::string lock_key(const std::string& database);

} // namespace compuerta::plugin::db
