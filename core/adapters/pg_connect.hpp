#pragma once
// Connecting to PostgreSQL within our own deadline. libpq's connect_timeout
// rounds below 2 s up to 2 s, applies per address, and its DNS lookup has no
// timeout, so we resolve with a deadline and drive PQconnectPoll ourselves.
#include "core/ports/postgres.hpp"

#include <memory>
#include <string>

struct pg_conn;

namespace compuerta::core::adapters {

struct PgConnDeleter {
    void operator()(pg_conn* c) const noexcept;
};
using PgConnPtr = std::unique_ptr<pg_conn, PgConnDeleter>;

struct Connected {
    PgConnPtr conn;
    Millis dns{0};
    Millis total{0};
    std::string host;
};

// Opens a connection by `deadline`; the failure names the phase.
Result<Connected, PgFailure> connect_libpq(const std::string& dsn, const Deadline& deadline);

// Runs `sql` on `conn` by `deadline` (cancelling it when late); returns the
// first column of the first row (empty when none).
Result<std::string, PgFailure> query_first(pg_conn* conn, const std::string& sql,
                                           const Deadline& deadline);

} // namespace compuerta::core::adapters
