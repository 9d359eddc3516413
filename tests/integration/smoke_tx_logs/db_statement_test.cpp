// DbSession::statement (what the transaction check's SQL steps run) against
// the throwaway PostgreSQL: columns, affected rows, the server-side timeout,
// rollback, and the masked error.
#include "core/ports/db.hpp"
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

core::Deadline soon() {
    return core::Deadline::after(core::Millis(5000));
}

} // namespace

TEST(DbStatement, RowsWrittenInTheTransactionAreGoneAfterRollback) {
    COMPUERTA_REQUIRE_PG();
    std::string dsn = create_test_database("sql_rollback");
    psql(dbname(dsn), "CREATE TABLE t (id bigserial PRIMARY KEY, v text NOT NULL)");
    auto db = core::make_libpq_db();
    auto s = db->connect(dsn, "compuerta test", soon());
    ASSERT_TRUE(s) << s.error().message;
    (*s)->exec("BEGIN");
    auto ins = (*s)->statement("INSERT INTO t (v) VALUES ($1), ($2) RETURNING id, v",
                               {"uno", "dos"}, soon());
    EXPECT_EQ(ins.affected, 2);
    EXPECT_EQ(ins.columns, (std::vector<std::string>{"id", "v"}));
    EXPECT_EQ(ins.rows.at(1).at(1).value(), "dos");
    auto seen = (*s)->statement("SELECT count(*) FROM t", {}, soon());
    EXPECT_EQ(seen.rows.at(0).at(0).value(), "2");
    EXPECT_EQ(seen.affected, 1) << "a SELECT reports the rows it returned";
    EXPECT_EQ(psql(dbname(dsn), "SELECT count(*) FROM t"), "0\n")
        << "uncommitted rows are invisible to others";
    (*s)->exec("ROLLBACK");
    EXPECT_EQ(psql(dbname(dsn), "SELECT count(*) FROM t"), "0\n");
    // The sequence advanced: documented, not a row.
    EXPECT_EQ(psql(dbname(dsn), "SELECT nextval('t_id_seq')"), "3\n");
}

TEST(DbStatement, AStatementPastTheDeadlineIsCancelledByTheServer) {
    COMPUERTA_REQUIRE_PG();
    std::string dsn = create_test_database("sql_timeout");
    auto db = core::make_libpq_db();
    auto s = db->connect(dsn, "compuerta test", soon());
    ASSERT_TRUE(s) << s.error().message;
    (*s)->exec("BEGIN");
    auto start = std::chrono::steady_clock::now();
    try {
        (*s)->statement("SELECT pg_sleep(30)", {}, core::Deadline::after(core::Millis(1000)));
        FAIL() << "pg_sleep(30) returned";
    } catch (const core::DbError& e) {
        EXPECT_TRUE(e.cancelled()) << e.sqlstate() << " " << e.what();
    }
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2))
        << "ends within its timeout plus one second";
}

TEST(DbStatement, OutsideATransactionTheTimeoutEndsWithTheStatement) {
    COMPUERTA_REQUIRE_PG();
    std::string dsn = create_test_database("sql_timeout_reset");
    auto db = core::make_libpq_db();
    auto s = db->connect(dsn, "compuerta test", soon());
    ASSERT_TRUE(s) << s.error().message;
    const auto before = (*s)->scalar("SHOW statement_timeout");
    (*s)->statement("SELECT 1", {}, core::Deadline::after(core::Millis(1500)));
    EXPECT_EQ((*s)->scalar("SHOW statement_timeout"), before);
    try {
        (*s)->statement("SELECT pg_sleep(30)", {}, core::Deadline::after(core::Millis(500)));
        FAIL() << "pg_sleep(30) returned";
    } catch (const core::DbError& e) {
        EXPECT_TRUE(e.cancelled()) << e.what();
    }
    EXPECT_EQ((*s)->scalar("SHOW statement_timeout"), before)
        << "reset after a cancelled statement";
}

TEST(DbStatement, AFailedStatementReportsTheServersMessageMasked) {
    COMPUERTA_REQUIRE_PG();
    std::string dsn = create_test_database("sql_error");
    core::register_dsn_secrets(dsn, "test");
    auto db = core::make_libpq_db();
    auto s = db->connect(dsn, "compuerta test", soon());
    ASSERT_TRUE(s) << s.error().message;
    try {
        (*s)->statement("SELECT * FROM no_existe", {}, soon());
        FAIL() << "a missing table was found";
    } catch (const core::DbError& e) {
        EXPECT_NE(std::string(e.what()).find("no_existe"), std::string::npos) << e.what();
        EXPECT_EQ(e.sqlstate(), "42P01");
        EXPECT_FALSE(e.cancelled());
    }
}

TEST(DbStatement, ARefusedPortIsAConnectFailureWithinTheDeadline) {
    auto db = core::make_libpq_db();
    auto start = std::chrono::steady_clock::now();
    auto s = db->connect("host=127.0.0.1 port=1 dbname=x user=x connect_timeout=30",
                         "compuerta test", core::Deadline::after(core::Millis(1000)));
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().phase, core::PgPhase::connect);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}
