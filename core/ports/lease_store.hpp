#pragma once
// The deployment lease store (DESIGN.md "Pipeline order"): one row per
// environment in the table `compuerta_lease`, which the adapter creates
// (CREATE TABLE IF NOT EXISTS under a transaction-scoped advisory lock, so two
// first uses at once do not collide) in the cluster's `postgres` database (the
// target's server and credentials, database name replaced) or in the
// configured `lease.dsn`. Rows are keyed by (environment, scope); the scope is
// the target database's name, so two environments of one name on one cluster
// with different databases (tests sharing a cluster) do not block each other.
// Adapter: core/adapters/pg_lease_store.cpp; fake: tests/unit/lease.
#include "core/deadline.hpp"
#include "core/ports/postgres.hpp"
#include "core/result.hpp"

#include <memory>
#include <optional>
#include <string>

namespace compuerta::core {

struct Lease {
    std::string environment;
    std::string scope; // the target database's name ("" when unknown)
    std::string run;   // the run that holds it (RunIdentity::run)
    std::string release;
    std::string host, actor, job, job_url; // the holder
    std::string since;                     // RFC 3339 UTC, the store's clock ("" before taken)
    long long age_seconds = 0;             // now() - since on the store's clock
};

struct LeaseTake {
    bool taken = false; // true: `holder` is the row just inserted
    Lease holder;       // the lease now held (ours, or the other run's)
};

struct LeaseStoreAddress {
    std::string target_dsn;                  // the deployment's database (database.dsn)
    std::optional<std::string> store_dsn;    // lease.dsn: used as written
    std::string store_database = "postgres"; // else target_dsn with this database
};

class LeaseStore {
  public:
    virtual ~LeaseStore() = default;
    // Where the leases live, for messages ("postgres on db1:5432", no secret).
    virtual std::string where() const = 0;
    // The scope rows of this store are keyed by (the target database's name).
    virtual std::string scope() const = 0;
    // Inserts `wanted` (its environment, this store's scope) unless a lease of
    // that key exists: INSERT ... ON CONFLICT DO NOTHING, so of two takes at
    // the same instant exactly one is `taken`. Creates the table when missing.
    // Failure when the store cannot be reached or queried by `deadline`; never throws.
    virtual Result<LeaseTake, PgFailure> take(const Lease& wanted, const Deadline& deadline) = 0;
    // The lease of `environment`, or nullopt when none is held (or the table
    // does not exist yet). Never throws.
    virtual Result<std::optional<Lease>, PgFailure> current(const std::string& environment,
                                                            const Deadline& deadline) = 0;
    // Deletes the lease of `environment` when `run` holds it; true when a row
    // went. Never throws.
    virtual Result<bool, PgFailure> release(const std::string& environment, const std::string& run,
                                            const Deadline& deadline) = 0;
    // Replaces `from` (matched by run, job and since, so a lease that changed
    // meanwhile is never replaced) by `wanted`, since now; true when replaced.
    virtual Result<bool, PgFailure> take_over(const Lease& wanted, const Lease& from,
                                              const Deadline& deadline) = 0;
};

// The libpq adapter. Never connects before the first call.
std::unique_ptr<LeaseStore> make_libpq_lease_store(LeaseStoreAddress address);

} // namespace compuerta::core
