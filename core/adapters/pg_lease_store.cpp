// The deployment lease store on PostgreSQL (core/ports/lease_store.hpp).
// One connection per operation, every statement bounded by the caller's
// deadline (connect_libpq, query_first cancel when late).
#include "core/adapters/pg_connect.hpp"
#include "core/messages/catalog.hpp"
#include "core/ports/lease_store.hpp"
#include "core/secrets.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <libpq-fe.h>
#include <nlohmann/json.hpp>

namespace compuerta::core {

namespace {

using adapters::conninfo_quote;

struct Address {
    std::string dsn;   // what we connect to
    std::string scope; // the target database's name
    std::string where; // for messages
    std::string error; // the DSN could not be parsed
};

// The options of `dsn`, with dbname replaced by `database` when not empty.
// Sets `dbname` to the DSN's database and `shown` to host:port/database.
std::string rewrite(const std::string& dsn, const std::string& database, std::string& dbname,
                    std::string& shown, std::string& error) {
    auto opts = adapters::parse_conninfo(dsn);
    if (!opts) {
        error =
            opts.error().empty() ? msg::tr("pg.dsn.invalid") : opts.error(); // libpq gave no reason
        return {};
    }
    std::string out, host, port;
    for (PQconninfoOption* o = opts->get(); o->keyword != nullptr; ++o) {
        if (o->val == nullptr || *o->val == '\0')
            continue;
        std::string k = o->keyword;
        if (k == "dbname") {
            dbname = o->val;
            if (!database.empty())
                continue;
        }
        if (k == "host")
            host = o->val;
        if (k == "port")
            port = o->val;
        out += k + "=" + conninfo_quote(o->val) + " ";
    }
    if (dbname.empty())
        if (const char* env = std::getenv("PGDATABASE"))
            dbname = env;
    if (host.empty())
        if (const char* env = std::getenv("PGHOST"))
            host = env;
    if (port.empty())
        port = std::getenv("PGPORT") ? std::getenv("PGPORT") : "5432";
    if (!database.empty())
        out += "dbname=" + conninfo_quote(database);
    shown = fmt::format("{}:{}/{}", host.empty() ? "local socket" : host, port,
                        database.empty() ? dbname : database);
    return out;
}

Address resolve(const LeaseStoreAddress& a) {
    Address r;
    std::string target_conn, shown_target, store_db;
    if (!a.target_dsn.empty() || !a.store_dsn)
        target_conn = rewrite(a.target_dsn, a.store_database, r.scope, shown_target, r.error);
    if (a.store_dsn) {
        r.dsn = rewrite(*a.store_dsn, "", store_db, r.where, r.error);
    } else {
        r.dsn = target_conn;
        r.where = shown_target;
    }
    return r;
}

constexpr const char* k_table = "public.compuerta_lease";

// The row as one JSON text: query_first returns one column.
constexpr const char* k_row_json =
    "json_build_object('environment', environment, 'scope', scope, 'run', run, 'release', "
    "release, 'host', host, 'actor', actor, 'job', job, 'job_url', job_url, 'since', "
    "to_char(since AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), 'age_seconds', "
    "floor(extract(epoch FROM now() - since))::bigint)";

Lease from_json(const std::string& text) {
    auto j = nlohmann::json::parse(text);
    Lease l;
    l.environment = j.value("environment", "");
    l.scope = j.value("scope", "");
    l.run = j.value("run", "");
    l.release = j.value("release", "");
    l.host = j.value("host", "");
    l.actor = j.value("actor", "");
    l.job = j.value("job", "");
    l.job_url = j.value("job_url", "");
    l.since = j.value("since", "");
    l.age_seconds = j.value("age_seconds", 0LL);
    return l;
}

class PgLeaseStore final : public LeaseStore {
  public:
    explicit PgLeaseStore(LeaseStoreAddress a) : m_address(resolve(a)) {
        if (a.store_dsn)
            register_dsn_secrets(*a.store_dsn, "lease.dsn");
    }

    std::string where() const override { return mask("postgres " + m_address.where); }
    std::string scope() const override { return m_address.scope; }

    Result<LeaseTake, PgFailure> take(const Lease& w, const Deadline& deadline) override {
        auto c = connect(deadline);
        if (!c)
            return c.error();
        pg_conn* conn = c->conn.get();
        if (auto made = ensure_table(conn, deadline); !made)
            return made.error();
        std::string key = key_sql(conn, w.environment);
        std::string insert = fmt::format(
            "WITH ins AS (INSERT INTO {0} (environment, scope, run, release, host, actor, job, "
            "job_url) "
            "VALUES ({1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}) ON CONFLICT (environment, scope) DO "
            "NOTHING "
            "RETURNING *) "
            "SELECT json_build_object('taken', true, 'lease', {9})::text FROM ins "
            "UNION ALL SELECT json_build_object('taken', false, 'lease', {9})::text FROM {0} "
            "WHERE {10} AND NOT EXISTS (SELECT 1 FROM ins)",
            k_table, lit(conn, w.environment), lit(conn, m_address.scope), lit(conn, w.run),
            lit(conn, w.release), lit(conn, w.host), lit(conn, w.actor), lit(conn, w.job),
            lit(conn, w.job_url), k_row_json, key);
        // The other run's row can be committed after this statement's snapshot
        // was taken (the conflict sees it, the SELECT does not): ask again.
        for (int attempt = 0; attempt < 5; ++attempt) {
            auto got = adapters::query_first(conn, insert, deadline);
            if (!got)
                return got.error();
            if (got->empty())
                continue;
            auto j = nlohmann::json::parse(*got);
            return LeaseTake{j.value("taken", false), from_json(j["lease"].dump())};
        }
        return PgFailure{PgPhase::query, false, msg::tr("lease.store.row_changing")};
    }

    Result<std::optional<Lease>, PgFailure> current(const std::string& environment,
                                                    const Deadline& deadline) override {
        auto c = connect_to_table(deadline);
        if (!c)
            return c.error();
        if (!c->has_value())
            return std::optional<Lease>{};
        pg_conn* conn = (*c)->conn.get();
        auto got = adapters::query_first(conn,
                                         fmt::format("SELECT {}::text FROM {} WHERE {}", k_row_json,
                                                     k_table, key_sql(conn, environment)),
                                         deadline);
        if (!got)
            return got.error();
        if (got->empty())
            return std::optional<Lease>{};
        return std::optional<Lease>{from_json(*got)};
    }

    Result<bool, PgFailure> release(const std::string& environment, const std::string& run,
                                    const Deadline& deadline) override {
        auto c = connect_to_table(deadline);
        if (!c)
            return c.error();
        if (!c->has_value())
            return false;
        pg_conn* conn = (*c)->conn.get();
        auto got =
            adapters::query_first(conn,
                                  fmt::format("DELETE FROM {} WHERE {} AND run = {} RETURNING 1",
                                              k_table, key_sql(conn, environment), lit(conn, run)),
                                  deadline);
        if (!got)
            return got.error();
        return *got == "1";
    }

    Result<bool, PgFailure> take_over(const Lease& w, const Lease& from,
                                      const Deadline& deadline) override {
        auto c = connect(deadline);
        if (!c)
            return c.error();
        pg_conn* conn = c->conn.get();
        auto got = adapters::query_first(
            conn,
            fmt::format("UPDATE {} SET run = {}, release = {}, host = {}, actor = {}, job = {}, "
                        "job_url = {}, since = now() WHERE {} AND run = {} AND job = {} AND "
                        "to_char(since AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') = {} "
                        "RETURNING 1",
                        k_table, lit(conn, w.run), lit(conn, w.release), lit(conn, w.host),
                        lit(conn, w.actor), lit(conn, w.job), lit(conn, w.job_url),
                        key_sql(conn, w.environment), lit(conn, from.run), lit(conn, from.job),
                        lit(conn, from.since)),
            deadline);
        if (!got)
            return got.error();
        return *got == "1";
    }

  private:
    // A connection to the store, or none when the table does not exist yet
    // (before the first `window open` created it: no lease then).
    Result<std::optional<adapters::Connected>, PgFailure>
    connect_to_table(const Deadline& deadline) const {
        auto c = connect(deadline);
        if (!c)
            return c.error();
        auto got = adapters::query_first(
            c->conn.get(), fmt::format("SELECT to_regclass('{}') IS NOT NULL", k_table), deadline);
        if (!got)
            return got.error();
        if (*got != "t")
            return std::optional<adapters::Connected>{};
        return std::optional<adapters::Connected>{std::move(*c)};
    }

    Result<adapters::Connected, PgFailure> connect(const Deadline& deadline) const {
        if (!m_address.error.empty())
            return PgFailure{PgPhase::config, false,
                             mask(msg::tr("lease.store.bad_dsn", {{"error", m_address.error}}))};
        auto c = adapters::connect_libpq(m_address.dsn, deadline);
        if (!c) {
            auto f = c.error();
            f.message = "lease store " + where() + ": " + f.message;
            return f;
        }
        return c;
    }

    // CREATE TABLE IF NOT EXISTS alone can fail when two sessions create the
    // table at once (pg_type's unique index): serialise it.
    static Result<std::string, PgFailure> ensure_table(pg_conn* conn, const Deadline& deadline) {
        return adapters::query_first(
            conn,
            fmt::format(
                "BEGIN; SELECT pg_advisory_xact_lock(hashtextextended('compuerta:lease-table', "
                "0)); "
                "CREATE TABLE IF NOT EXISTS {} (environment text NOT NULL, scope text NOT NULL "
                "DEFAULT '', run text NOT NULL, release text NOT NULL DEFAULT '', host text NOT "
                "NULL "
                "DEFAULT '', actor text NOT NULL DEFAULT '', job text NOT NULL DEFAULT '', job_url "
                "text NOT NULL DEFAULT '', since timestamptz NOT NULL DEFAULT now(), PRIMARY KEY "
                "(environment, scope)); COMMIT",
                k_table),
            deadline);
    }

    std::string key_sql(pg_conn* conn, const std::string& environment) const {
        return fmt::format("environment = {} AND scope = {}", lit(conn, environment),
                           lit(conn, m_address.scope));
    }

    static std::string lit(pg_conn* conn, const std::string& v) {
        char* q = PQescapeLiteral(conn, v.c_str(), v.size());
        if (q == nullptr)
            return "''";
        std::string out = q;
        PQfreemem(q);
        return out;
    }

    Address m_address;
};

} // namespace

std::unique_ptr<LeaseStore> make_libpq_lease_store(LeaseStoreAddress address) {
    return std::make_unique<PgLeaseStore>(std::move(address));
}

} // namespace compuerta::core
