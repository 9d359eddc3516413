#pragma once
// SQL in one transaction that is never committed: what the `transaction`
// check's SQL steps see. Adapter: core/adapters/pqxx_sql.cpp (libpqxx over
// a connection opened within our deadline).
#include "core/deadline.hpp"
#include "core/ports/postgres.hpp"
#include "core/result.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::core {

struct SqlRows {
    std::vector<std::string> columns;
    std::vector<std::vector<std::optional<std::string>>> rows; // text form; nullopt is NULL
    long long affected = 0;                                    // rows inserted/updated/deleted
};

class SqlTransaction {
  public:
    virtual ~SqlTransaction() = default; // rolls back when still open
    // Runs one statement with $1.. text parameters, cancelled by the server
    // at `deadline` (statement_timeout). Never throws; the failure is masked.
    virtual Result<SqlRows, PgFailure> exec(const std::string& sql, const std::vector<std::string>& params,
                                            const Deadline& deadline) = 0;
    // Rolls the transaction back and closes the connection. Never throws.
    virtual void rollback() noexcept = 0;
};

class Sql {
  public:
    virtual ~Sql() = default;
    // Connects with `dsn` (empty: PG* variables) and begins a transaction by
    // `deadline`. Never throws.
    virtual Result<std::unique_ptr<SqlTransaction>, PgFailure> begin(const std::string& dsn,
                                                                     const Deadline& deadline) = 0;
};

std::unique_ptr<Sql> make_pqxx_sql();

} // namespace compuerta::core
