#include "core/ports/sql.hpp"
#include "core/secrets.hpp"
#include "tests/support/support.hpp"

#include <chrono>
#include <gtest/gtest.h>

using namespace compuerta;
using namespace compuerta::test;

namespace {

std::string dbname(const std::string& dsn) {
    auto n = dsn.substr(dsn.find("dbname=") + 7);
    return n.substr(0, n.find(' '));
}

} // namespace

TEST(PqxxSql, RowsWrittenInTheTransactionAreGoneAfterRollback) {
    COMPUERTA_REQUIRE_PG();
    std::string dsn = create_test_database("sql_rollback");
    psql(dbname(dsn), "CREATE TABLE t (id bigserial PRIMARY KEY, v text NOT NULL)");
    auto sql = core::make_pqxx_sql();
    auto tx = sql->begin(dsn, core::Deadline::after(core::Millis(5000)));
    ASSERT_TRUE(tx) << tx.error().message;
    auto ins = (*tx)->exec("INSERT INTO t (v) VALUES ($1), ($2) RETURNING id, v", {"uno", "dos"},
                           core::Deadline::after(core::Millis(5000)));
    ASSERT_TRUE(ins) << ins.error().message;
    EXPECT_EQ(ins->affected, 2);
    EXPECT_EQ(ins->columns, (std::vector<std::string>{"id", "v"}));
    EXPECT_EQ(ins->rows.at(1).at(1).value(), "dos");
    auto seen = (*tx)->exec("SELECT count(*) FROM t", {}, core::Deadline::after(core::Millis(5000)));
    EXPECT_EQ(seen->rows.at(0).at(0).value(), "2");
    EXPECT_EQ(psql(dbname(dsn), "SELECT count(*) FROM t"), "0\n") << "uncommitted rows are invisible to others";
    (*tx)->rollback();
    EXPECT_EQ(psql(dbname(dsn), "SELECT count(*) FROM t"), "0\n");
    // The sequence advanced: documented, not a row.
    EXPECT_EQ(psql(dbname(dsn), "SELECT nextval('t_id_seq')"), "3\n");
}

TEST(PqxxSql, AStatementPastTheDeadlineIsCancelledByTheServer) {
    COMPUERTA_REQUIRE_PG();
    std::string dsn = create_test_database("sql_timeout");
    auto sql = core::make_pqxx_sql();
    auto tx = sql->begin(dsn, core::Deadline::after(core::Millis(5000)));
    ASSERT_TRUE(tx);
    auto start = std::chrono::steady_clock::now();
    auto r = (*tx)->exec("SELECT pg_sleep(30)", {}, core::Deadline::after(core::Millis(1000)));
    auto took = std::chrono::steady_clock::now() - start;
    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().timed_out) << r.error().message;
    EXPECT_LT(took, std::chrono::seconds(2)) << "ends within its timeout plus one second";
}

TEST(PqxxSql, AFailedStatementReportsTheServersMessageMasked) {
    COMPUERTA_REQUIRE_PG();
    std::string dsn = create_test_database("sql_error");
    core::register_dsn_secrets(dsn, "test");
    auto sql = core::make_pqxx_sql();
    auto tx = sql->begin(dsn, core::Deadline::after(core::Millis(5000)));
    ASSERT_TRUE(tx);
    auto r = (*tx)->exec("SELECT * FROM no_existe", {}, core::Deadline::after(core::Millis(5000)));
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("no_existe"), std::string::npos) << r.error().message;
}

TEST(PqxxSql, ARefusedPortIsAConnectFailureWithinTheDeadline) {
    auto sql = core::make_pqxx_sql();
    auto start = std::chrono::steady_clock::now();
    auto tx = sql->begin("host=127.0.0.1 port=1 dbname=x user=x connect_timeout=30",
                         core::Deadline::after(core::Millis(1000)));
    ASSERT_FALSE(tx);
    EXPECT_EQ(tx.error().phase, core::PgPhase::connect);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}
