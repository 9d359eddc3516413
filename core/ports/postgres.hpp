#pragma once
// The PostgreSQL port as checks see it. Adapters: core/adapters/pg_*.
#include "core/deadline.hpp"
#include "core/result.hpp"

#include <memory>
#include <string>

namespace compuerta::core {

// Where a database operation stopped.
enum class PgPhase { config, dns, connect, tls, startup, auth, query };
std::string_view to_string(PgPhase p) noexcept;

struct PgFailure {
    PgPhase phase = PgPhase::connect;
    bool timed_out = false;
    std::string message; // masked; names host and phase, says what to check
};

struct PgProbe {
    std::string server_version; // "15.18"
    std::string host;           // host (and port) actually reached
    std::string database;
    Millis dns{0};
    Millis connect{0}; // DNS + TCP + TLS + authentication
    Millis query{0};
    std::string first_value; // first column of the first row of the query
};

class Postgres {
  public:
    virtual ~Postgres() = default;
    // Connects with `dsn` (empty: the PG* variables), runs `query`, closes.
    // Returns by `deadline` whatever the network does; never throws.
    virtual Result<PgProbe, PgFailure> probe(const std::string& dsn, const std::string& query,
                                             const Deadline& deadline) = 0;
};

// The libpq adapter (core/adapters/pg_probe.cpp).
std::unique_ptr<Postgres> make_libpq_postgres();

} // namespace compuerta::core
