#pragma once
// Cluster-wide advisory locks (DESIGN.md "Pipeline order"): held on a session
// to the cluster's `postgres` database, keyed by the target database's name,
// so a restore that drops or renames the target is never blocked by us.
// Key: pg_try_advisory_lock(hashtextextended(PREFIX || dbname, 0)), the
// same derivation `db migrate` and `db restore` use with the prefix
// "compuerta:"; rollback holds "compuerta-rollback:" for its whole run.
// Adapter: core/adapters/pg_session_lock.cpp.
#include "core/deadline.hpp"
#include "core/ports/postgres.hpp"
#include "core/result.hpp"

#include <memory>
#include <string>

namespace compuerta::core {

// A held lock: released (and its session closed) when destroyed.
class HeldSessionLock {
  public:
    virtual ~HeldSessionLock() = default;
};

struct SessionLockAttempt {
    bool acquired = false;
    std::string database;                  // the target database name the key was made from
    std::string key;                       // PREFIX || dbname
    std::unique_ptr<HeldSessionLock> held; // set when acquired
};

class SessionLocks {
  public:
    virtual ~SessionLocks() = default;
    // pg_try_advisory_lock(hashtextextended(prefix || dbname, 0)) on the
    // same cluster's `postgres` database; never waits for the lock. Failure
    // when the cluster cannot be reached by `deadline`; never throws.
    virtual Result<SessionLockAttempt, PgFailure> try_lock(const std::string& target_dsn, const std::string& prefix,
                                                           const Deadline& deadline) = 0;
};

std::unique_ptr<SessionLocks> make_libpq_session_locks();

} // namespace compuerta::core
