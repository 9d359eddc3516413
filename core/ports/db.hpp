#pragma once
// The PostgreSQL session port: what the database lifecycle commands (db
// backup, migrate, restore, status, snapshot), their advisory locks and the
// transaction check's SQL steps (6.3) run statements on, and DSN helpers.
// Connecting fails as a PgFailure (the phase that failed); a statement fails
// as a DbError (the server's message and SQLSTATE). Adapter:
// core/adapters/db_libpq.cpp.
#include "core/deadline.hpp"
#include "core/ports/postgres.hpp"
#include "core/result.hpp"

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace compuerta::core {

// A statement the server rejected, or a lost connection. The message is
// masked and names the server's error; sqlstate is empty for a lost connection.
class DbError : public std::runtime_error {
  public:
    DbError(const std::string& message, std::string sqlstate)
        : std::runtime_error(message), m_sqlstate(std::move(sqlstate)) {}
    const std::string& sqlstate() const noexcept { return m_sqlstate; }
    // The server cancelled the statement (57014: its statement_timeout, or a cancel request).
    bool cancelled() const noexcept { return m_sqlstate == "57014"; }

  private:
    std::string m_sqlstate;
};

using DbRow = std::vector<std::optional<std::string>>; // text values; NULL is nullopt

// What one statement gave: its columns, its rows, and how many rows it
// inserted, updated or deleted.
struct SqlRows {
    std::vector<std::string> columns;
    std::vector<DbRow> rows;
    long long affected = 0;
};

class DbSession {
  public:
    virtual ~DbSession() = default;
    // Runs one or more statements (simple query protocol). Throws DbError.
    virtual void exec(const std::string& sql) = 0;
    // Runs one statement with text parameters $1..$n; returns every row. Throws DbError.
    virtual std::vector<DbRow> query(const std::string& sql,
                                     const std::vector<std::string>& params = {}) = 0;
    // Runs one statement with text parameters $1..$n, which the server cancels
    // at `deadline` (its statement_timeout: DbError::cancelled()). Throws DbError.
    virtual SqlRows statement(const std::string& sql, const std::vector<std::string>& params,
                              const Deadline& deadline) = 0;
    // The first column of the first row, or nullopt (no row or NULL). Throws DbError.
    std::optional<std::string> scalar(const std::string& sql,
                                      const std::vector<std::string>& params = {}) {
        auto rows = query(sql, params);
        if (rows.empty() || rows[0].empty())
            return std::nullopt;
        return rows[0][0];
    }
    virtual std::string database() const = 0;       // current database
    virtual std::string server_version() const = 0; // "15.18"
};

class Db {
  public:
    virtual ~Db() = default;
    // Opens a session by `deadline` (empty dsn: the PG* variables), with
    // application_name set to `application`. Never throws.
    virtual Result<std::unique_ptr<DbSession>, PgFailure>
    connect(const std::string& dsn, const std::string& application, const Deadline& deadline) = 0;
    // The same connection parameters with the database replaced. Throws
    // UsageError when `dsn` cannot be parsed.
    virtual std::string with_database(const std::string& dsn, const std::string& dbname) const = 0;
    // The database named in `dsn` itself (not from PG* variables), if any.
    virtual std::optional<std::string> database_in(const std::string& dsn) const = 0;
    // The libpq environment variables equivalent to `dsn` (PGHOST, PGPASSWORD,
    // ...), so that pg_dump/pg_restore never see a password on their command line.
    virtual std::map<std::string, std::string> to_env(const std::string& dsn) const = 0;
};

std::unique_ptr<Db> make_libpq_db();

// Quotes an identifier / a literal for SQL text ("a""b", 'it''s').
std::string quote_ident(const std::string& name);
std::string quote_literal(const std::string& value);

} // namespace compuerta::core
