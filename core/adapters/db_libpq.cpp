// The Db port over libpq: sessions for the lifecycle commands, and DSN
// rewriting with PQconninfoParse (URIs and key=value strings alike).
#include "core/adapters/pg_connect.hpp"
#include "core/errors.hpp"
#include "core/messages/catalog.hpp"
#include "core/ports/db.hpp"
#include "core/secrets.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <libpq-fe.h>

namespace compuerta::core {

std::string quote_ident(const std::string& name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

std::string quote_literal(const std::string& value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\'')
            out += '\'';
        out += c;
    }
    out += "'";
    // E'' is never needed: standard_conforming_strings is on since 9.1.
    return out;
}

namespace {

using adapters::one_line;

struct ResultDeleter {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

class LibpqSession final : public DbSession {
  public:
    explicit LibpqSession(adapters::PgConnPtr conn) : m_conn(std::move(conn)) {
        // Server NOTICEs ("schema already exists, skipping") are not ours to print.
        PQsetNoticeProcessor(
            m_conn.get(), [](void*, const char*) {}, nullptr);
    }

    void exec(const std::string& sql) override {
        ResultPtr r(PQexec(m_conn.get(), sql.c_str()));
        check(r.get());
    }

    std::vector<DbRow> query(const std::string& sql,
                             const std::vector<std::string>& params) override {
        ResultPtr r = run(sql, params);
        check(r.get());
        return rows_of(r.get());
    }

    // In a transaction the timeout is SET LOCAL and ends with it; outside one
    // it is set for the statement and reset after it.
    SqlRows statement(const std::string& sql, const std::vector<std::string>& params,
                      const Deadline& deadline) override {
        const long long left = std::max<long long>(1, deadline.remaining().count());
        const bool in_transaction = PQtransactionStatus(m_conn.get()) == PQTRANS_INTRANS;
        exec(fmt::format("SET {}statement_timeout = {}", in_transaction ? "LOCAL " : "", left));
        ResultPtr r = run(sql, params);
        if (!in_transaction) {
            ResultPtr reset(PQexec(m_conn.get(), "RESET statement_timeout"));
        }
        check(r.get());
        SqlRows out;
        for (int c = 0; c < PQnfields(r.get()); ++c)
            out.columns.emplace_back(PQfname(r.get(), c));
        out.rows = rows_of(r.get());
        const char* affected = PQcmdTuples(r.get());
        out.affected = affected != nullptr && *affected != '\0' ? std::stoll(affected) : 0;
        return out;
    }

    std::string database() const override { return PQdb(m_conn.get()); }
    std::string server_version() const override {
        const char* v = PQparameterStatus(m_conn.get(), "server_version");
        return v != nullptr ? v : "";
    }

  private:
    ResultPtr run(const std::string& sql, const std::vector<std::string>& params) {
        std::vector<const char*> values;
        for (const auto& p : params)
            values.push_back(p.c_str());
        return ResultPtr(PQexecParams(m_conn.get(), sql.c_str(), static_cast<int>(values.size()),
                                      nullptr, values.empty() ? nullptr : values.data(), nullptr,
                                      nullptr, 0));
    }

    static std::vector<DbRow> rows_of(PGresult* r) {
        std::vector<DbRow> rows;
        int n = PQntuples(r), f = PQnfields(r);
        rows.reserve(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            DbRow row;
            for (int j = 0; j < f; ++j) {
                if (PQgetisnull(r, i, j))
                    row.emplace_back(std::nullopt);
                else
                    row.emplace_back(std::string(PQgetvalue(r, i, j),
                                                 static_cast<std::size_t>(PQgetlength(r, i, j))));
            }
            rows.push_back(std::move(row));
        }
        return rows;
    }

    void check(PGresult* r) const {
        ExecStatusType st = r != nullptr ? PQresultStatus(r) : PGRES_FATAL_ERROR;
        if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY)
            return;
        std::string state;
        std::string msg;
        if (r != nullptr) {
            if (const char* s = PQresultErrorField(r, PG_DIAG_SQLSTATE))
                state = s;
            msg = one_line(PQresultErrorMessage(r));
        }
        if (msg.empty())
            msg = one_line(PQerrorMessage(m_conn.get()));
        if (PQstatus(m_conn.get()) != CONNECTION_OK)
            msg = "connection lost: " + msg;
        throw DbError(mask(msg), state);
    }

    adapters::PgConnPtr m_conn;
};

using OptionsPtr = adapters::Conninfo;

OptionsPtr parse(const std::string& dsn) {
    auto opts = adapters::parse_conninfo(dsn);
    if (!opts) {
        std::string m = opts.error().empty() ? msg::tr("pg.out_of_memory") : opts.error();
        throw UsageError(mask(msg::tr("pg.dsn_unparsable", {{"error", m}})));
    }
    return std::move(opts.value());
}

// Rebuilds `dsn` as key=value text with `overrides` replacing or adding keys.
std::string rebuild(const std::string& dsn, const std::map<std::string, std::string>& overrides) {
    OptionsPtr opts = parse(dsn);
    std::string out;
    auto add = [&](const std::string& k, const std::string& v) {
        if (!out.empty())
            out += ' ';
        out += k + "=" + adapters::conninfo_quote(v);
    };
    for (PQconninfoOption* o = opts.get(); o->keyword != nullptr; ++o) {
        std::string k = o->keyword;
        if (overrides.count(k))
            continue;
        if (o->val != nullptr)
            add(k, o->val);
    }
    for (const auto& [k, v] : overrides)
        add(k, v);
    return out;
}

class LibpqDb final : public Db {
  public:
    Result<std::unique_ptr<DbSession>, PgFailure> connect(const std::string& dsn,
                                                          const std::string& application,
                                                          const Deadline& deadline) override {
        std::string full;
        try {
            full = rebuild(dsn, {{"application_name", application}});
        } catch (const UsageError& e) {
            return PgFailure{PgPhase::config, false, e.what()};
        }
        auto c = adapters::connect_libpq(full, deadline);
        if (!c)
            return c.error();
        return std::unique_ptr<DbSession>(std::make_unique<LibpqSession>(std::move(c->conn)));
    }

    std::string with_database(const std::string& dsn, const std::string& dbname) const override {
        return rebuild(dsn, {{"dbname", dbname}});
    }

    std::optional<std::string> database_in(const std::string& dsn) const override {
        OptionsPtr opts = parse(dsn);
        for (PQconninfoOption* o = opts.get(); o->keyword != nullptr; ++o)
            if (std::string(o->keyword) == "dbname" && o->val != nullptr && *o->val != '\0')
                return std::string(o->val);
        return std::nullopt;
    }

    std::map<std::string, std::string> to_env(const std::string& dsn) const override {
        OptionsPtr opts = parse(dsn);
        std::map<std::string, std::string> env;
        for (PQconninfoOption* o = opts.get(); o->keyword != nullptr; ++o)
            if (o->val != nullptr && o->envvar != nullptr)
                env[o->envvar] = o->val;
        return env;
    }
};

} // namespace

std::unique_ptr<Db> make_libpq_db() {
    return std::make_unique<LibpqDb>();
}

} // namespace compuerta::core
