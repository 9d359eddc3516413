// Advisory locks on a session to the cluster's `postgres` database.
#include "core/adapters/pg_connect.hpp"
#include "core/ports/pg_session_lock.hpp"

#include <cstdlib>
#include <libpq-fe.h>

namespace compuerta::core {

namespace {

std::string quote_conninfo(const std::string& v) {
    std::string out = "'";
    for (char c : v) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

struct Parsed {
    std::string postgres_dsn; // same server, user, options; dbname=postgres
    std::string dbname;       // the target's name ("" when libpq's default applies)
    std::string user;
};

Result<Parsed, PgFailure> parse(const std::string& dsn) {
    char* err = nullptr;
    PQconninfoOption* opts = PQconninfoParse(dsn.c_str(), &err);
    if (opts == nullptr) {
        std::string m = err ? err : "invalid connection string";
        if (err) PQfreemem(err);
        return PgFailure{PgPhase::config, false, "invalid DSN: " + m};
    }
    Parsed p;
    for (PQconninfoOption* o = opts; o->keyword != nullptr; ++o) {
        if (o->val == nullptr || *o->val == '\0') continue;
        std::string k = o->keyword;
        if (k == "dbname") {
            p.dbname = o->val;
            continue;
        }
        if (k == "user") p.user = o->val;
        p.postgres_dsn += k + "=" + quote_conninfo(o->val) + " ";
    }
    PQconninfoFree(opts);
    p.postgres_dsn += "dbname=postgres";
    return p;
}

class Held final : public HeldSessionLock {
  public:
    Held(adapters::PgConnPtr conn, std::string key) : m_conn(std::move(conn)), m_key(std::move(key)) {}
    ~Held() override {
        // Closing the session releases the lock as well; unlock first to be explicit.
        char* lit = PQescapeLiteral(m_conn.get(), m_key.c_str(), m_key.size());
        if (lit != nullptr) {
            std::string sql = std::string("SELECT pg_advisory_unlock(hashtextextended(") + lit + ", 0))";
            PQfreemem(lit);
            (void)adapters::query_first(m_conn.get(), sql, Deadline::after(Millis(5'000)));
        }
    }

  private:
    adapters::PgConnPtr m_conn;
    std::string m_key;
};

class LibpqSessionLocks final : public SessionLocks {
  public:
    Result<SessionLockAttempt, PgFailure> try_lock(const std::string& target_dsn, const std::string& prefix,
                                                   const Deadline& deadline) override {
        auto parsed = parse(target_dsn);
        if (!parsed) return parsed.error();
        auto connected = adapters::connect_libpq(parsed->postgres_dsn, deadline);
        if (!connected) return connected.error();
        SessionLockAttempt a;
        a.database = parsed->dbname;
        if (a.database.empty()) {
            const char* env = std::getenv("PGDATABASE");
            if (env && *env) a.database = env;
            else if (const char* u = PQuser(connected->conn.get())) a.database = u;
        }
        a.key = prefix + a.database;
        char* lit = PQescapeLiteral(connected->conn.get(), a.key.c_str(), a.key.size());
        if (lit == nullptr) return PgFailure{PgPhase::query, false, "cannot quote the lock key"};
        std::string sql = std::string("SELECT pg_try_advisory_lock(hashtextextended(") + lit + ", 0))";
        PQfreemem(lit);
        auto got = adapters::query_first(connected->conn.get(), sql, deadline);
        if (!got) return got.error();
        a.acquired = got.value() == "t";
        if (a.acquired) a.held = std::make_unique<Held>(std::move(connected->conn), a.key);
        return a;
    }
};

} // namespace

std::unique_ptr<SessionLocks> make_libpq_session_locks() { return std::make_unique<LibpqSessionLocks>(); }

} // namespace compuerta::core
