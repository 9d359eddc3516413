// No restore over new data by accident (issue 15 item 10): a restore after
// maintenance went off refuses (exit 3), says how much was written since the
// backup, and changes nothing; --over-new-data restores.
#include "tests/integration/db/db_it_support.hpp"

#include <filesystem>
#include <gtest/gtest.h>

using namespace compuerta::test;
using namespace compuerta::test::db;
namespace fs = std::filesystem;

TEST(NewDataGuard, RestoreAfterMaintenanceOffRefusesAndSaysWhatWasWritten) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("nd_guard");
    Pipeline p;
    db.sql("CREATE TABLE inscripciones (id serial PRIMARY KEY, curp text); "
           "INSERT INTO inscripciones (curp) SELECT 'C' || g FROM generate_series(1, 100) g");
    auto r = p.db("backup", {"--dsn", db.dsn, "--dir", (p.dir / "b").string()});
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    // The window goes on: maintenance off, the public enrols 250 more.
    p.append_event({{"ts", "2099-01-01T00:00:00.000Z"},
                    {"event", "maintenance.off"},
                    {"status", "ok"},
                    {"run", "x"}});
    db.sql("INSERT INTO inscripciones (curp) SELECT 'N' || g FROM generate_series(1, 250) g; "
           "ANALYZE inscripciones");

    r = p.db("restore", {"--dsn", db.dsn, "-v"});
    EXPECT_EQ(r.code, 3) << r.out << r.err;
    EXPECT_NE(r.out.find("maintenance went off at 2099-01-01T00:00:00.000Z"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("bytes of WAL written since the backup"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("--over-new-data"), std::string::npos) << r.out;
    EXPECT_EQ(db.sql("SELECT count(*) FROM inscripciones"), "350") << "nothing was changed";
    EXPECT_NE(r.out.find("public.inscripciones: about 350 rows now, 100 in the backup (+250)"),
              std::string::npos)
        << r.out;
    auto done = p.events("restore.done");
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0]["status"], "fail");

    // rollback's --approved is no such flag; --over-new-data is.
    r = p.db("restore", {"--dsn", db.dsn, "--over-new-data"});
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_EQ(db.sql("SELECT count(*) FROM inscripciones"), "100");
}

TEST(NewDataGuard, MaintenanceOffBeforeTheBackupDoesNotBlock) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("nd_before");
    Pipeline p;
    db.sql("CREATE TABLE t (id int); INSERT INTO t VALUES (1)");
    p.append_event({{"ts", "2000-01-01T00:00:00.000Z"},
                    {"event", "maintenance.off"},
                    {"status", "ok"},
                    {"run", "x"}});
    ASSERT_EQ(p.db("backup", {"--dsn", db.dsn, "--dir", (p.dir / "b").string()}).code, 0);
    db.sql("INSERT INTO t VALUES (2)");
    auto r = p.db("restore", {"--dsn", db.dsn});
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_EQ(db.sql("SELECT count(*) FROM t"), "1");
}
