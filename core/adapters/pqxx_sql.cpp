// The Sql port over libpqxx: one pqxx::work per SqlTransaction, never
// committed. Each statement runs with SET LOCAL statement_timeout set to the
// time left, so the server cancels it at the deadline.
#include "core/adapters/pg_connect.hpp"
#include "core/ports/sql.hpp"
#include "core/secrets.hpp"

#include <pqxx/pqxx>

namespace compuerta::core {

namespace {

class PqxxTransaction final : public SqlTransaction {
  public:
    explicit PqxxTransaction(adapters::PqxxConnection conn)
        : m_conn(std::move(conn)), m_work(std::make_unique<pqxx::work>(*m_conn, "compuerta_smoke")) {}
    ~PqxxTransaction() override { rollback(); }
    PqxxTransaction(const PqxxTransaction&) = delete;
    PqxxTransaction& operator=(const PqxxTransaction&) = delete;

    Result<SqlRows, PgFailure> exec(const std::string& sql, const std::vector<std::string>& params,
                                    const Deadline& deadline) override {
        if (!m_work) return PgFailure{PgPhase::query, false, "the transaction is already closed"};
        long long left = std::max<long long>(1, deadline.remaining().count());
        try {
            m_work->exec("SET LOCAL statement_timeout = " + std::to_string(left));
            pqxx::result r = m_work->exec_params(sql, pqxx::prepare::make_dynamic_params(params));
            SqlRows out;
            for (pqxx::row::size_type c = 0; c < r.columns(); ++c) out.columns.emplace_back(r.column_name(c));
            for (const auto& row : r) {
                std::vector<std::optional<std::string>> vals;
                for (const auto& f : row) vals.push_back(f.is_null() ? std::nullopt : std::optional(f.as<std::string>()));
                out.rows.push_back(std::move(vals));
            }
            out.affected = r.affected_rows();
            return out;
        } catch (const pqxx::broken_connection& e) {
            return PgFailure{PgPhase::connect, false, mask(std::string("connection lost: ") + e.what())};
        } catch (const std::exception& e) {
            std::string msg = e.what();
            while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
            return PgFailure{PgPhase::query, msg.find("statement timeout") != std::string::npos, mask(msg)};
        }
    }

    void rollback() noexcept override {
        try {
            if (m_work) m_work->abort();
        } catch (...) {
        }
        m_work.reset();
        m_conn.reset();
    }

  private:
    adapters::PqxxConnection m_conn;
    std::unique_ptr<pqxx::work> m_work;
};

class PqxxSql final : public Sql {
  public:
    Result<std::unique_ptr<SqlTransaction>, PgFailure> begin(const std::string& dsn,
                                                             const Deadline& deadline) override {
        try {
            auto conn = adapters::connect_pqxx(dsn, deadline);
            return std::unique_ptr<SqlTransaction>(std::make_unique<PqxxTransaction>(std::move(conn)));
        } catch (const std::exception& e) {
            return PgFailure{PgPhase::connect, deadline.expired(), mask(e.what())};
        }
    }
};

} // namespace

std::unique_ptr<Sql> make_pqxx_sql() { return std::make_unique<PqxxSql>(); }

} // namespace compuerta::core
