// The Postgres port over libpq (connect_libpq + query_first).
#include "core/adapters/pg_connect.hpp"

#include <chrono>
#include <libpq-fe.h>

namespace compuerta::core {

namespace {

class LibpqPostgres final : public Postgres {
  public:
    Result<PgProbe, PgFailure> probe(const std::string& dsn, const std::string& query,
                                     const Deadline& deadline) override {
        auto connected = adapters::connect_libpq(dsn, deadline);
        if (!connected) return connected.error();
        PgProbe p;
        p.dns = connected->dns;
        p.connect = connected->total;
        p.host = connected->host;
        pg_conn* conn = connected->conn.get();
        if (const char* v = PQparameterStatus(conn, "server_version")) p.server_version = v;
        if (const char* d = PQdb(conn)) p.database = d;
        auto t0 = std::chrono::steady_clock::now();
        auto first = adapters::query_first(conn, query, deadline);
        if (!first) return first.error();
        p.query = std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - t0);
        p.first_value = first.value();
        return p;
    }
};

} // namespace

std::unique_ptr<Postgres> make_libpq_postgres() { return std::make_unique<LibpqPostgres>(); }

} // namespace compuerta::core
