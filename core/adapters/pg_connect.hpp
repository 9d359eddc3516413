#pragma once
// Connecting to PostgreSQL within our own deadline. libpq's connect_timeout
// rounds below 2 s up to 2 s, applies per address, and its DNS lookup has no
// timeout, so we resolve with a deadline and drive PQconnectPoll ourselves.
#include "core/ports/postgres.hpp"

#include <memory>
#include <string>

struct pg_conn;
struct _PQconninfoOption; // libpq-fe.h: PQconninfoOption

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

// libpq's messages span lines ("...\n\tIs the server running..."): one line,
// runs of blanks folded to one space.
std::string one_line(const char* text);

// A value quoted for a key=value connection string ('it\'s').
std::string conninfo_quote(const std::string& value);

// The options PQconninfoParse read from a DSN (URI or key=value), freed with it.
struct ConninfoDeleter {
    void operator()(_PQconninfoOption* o) const noexcept;
};
using Conninfo = std::unique_ptr<_PQconninfoOption, ConninfoDeleter>;

// Parses `dsn`; the failure is libpq's reason on one line ("" when it gave none).
Result<Conninfo, std::string> parse_conninfo(const std::string& dsn);

// Opens a connection by `deadline`; the failure names the phase.
Result<Connected, PgFailure> connect_libpq(const std::string& dsn, const Deadline& deadline);

// Runs `sql` on `conn` by `deadline` (cancelling it when late); returns the
// first column of the first row (empty when none).
Result<std::string, PgFailure> query_first(pg_conn* conn, const std::string& sql,
                                           const Deadline& deadline);

} // namespace compuerta::core::adapters
