// Kills at every step of `db backup` and `db restore` (issue 15 item 7), at
// the deterministic points of COMPUERTA_DB_TEST_HOOK=kill@POINT: no killed
// backup is accepted as verified; after a killed restore the target
// database exists, and a rerun completes and leaves it accepting connections.
#include "tests/integration/db/db_it_support.hpp"

#include <filesystem>
#include <gtest/gtest.h>

using namespace compuerta::test;
using namespace compuerta::test::db;
namespace fs = std::filesystem;

namespace {

int count_rows(const TestDb& db) {
    return std::stoi(db.sql("SELECT count(*) FROM inscripciones"));
}

bool exists(const std::string& name) {
    return trim(db_psql("postgres",
                        "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) == "1";
}

bool accepts_connections(const std::string& name) {
    try {
        db_psql(name, "SELECT 1");
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

} // namespace

TEST(KillPoints, KilledBackupIsNeverAcceptedAsVerified) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("kill_bk");
    db.sql("CREATE TABLE inscripciones (id serial PRIMARY KEY, curp text); "
           "INSERT INTO inscripciones (curp) SELECT 'C' || g FROM generate_series(1, 500) g");
    for (std::string point :
         {"after-tmpdir", "after-dump", "after-readback", "before-rename", "after-rename"}) {
        SCOPED_TRACE(point);
        Pipeline p;
        p.env["COMPUERTA_DB_TEST_HOOK"] = "kill@" + point;
        auto r = p.db("backup", {"--dsn", db.dsn, "--dir", (p.dir / "b").string()});
        EXPECT_EQ(r.code, 128 + 9) << r.out << r.err;
        EXPECT_TRUE(p.events("backup.done").empty()) << "a killed backup journals nothing";
        // Only a complete, renamed directory carries a manifest outside .tmp-*.
        for (const auto& e : fs::directory_iterator(p.dir / "b")) {
            std::string name = e.path().filename().string();
            if (name.rfind(".tmp-", 0) == 0)
                continue;
            EXPECT_EQ(std::string(point), "after-rename")
                << "a backup directory appeared: " << name;
            EXPECT_TRUE(fs::exists(e.path() / "manifest.json"));
        }
        p.env.erase("COMPUERTA_DB_TEST_HOOK");
        r = p.db("restore", {"--dsn", db.dsn});
        EXPECT_EQ(r.code, 3) << "nothing verified to restore: " << r.out;
        EXPECT_EQ(count_rows(db), 500);
        // The rerun takes a good backup beside the leftovers.
        r = p.db("backup", {"--dsn", db.dsn, "--dir", (p.dir / "b").string()});
        EXPECT_EQ(r.code, 0) << r.out << r.err;
        ASSERT_EQ(p.events("backup.done").size(), 1u);
    }
}

TEST(KillPoints, KilledRestoreLeavesTheDatabaseAndARerunCompletes) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("kill_rs");
    Pipeline p;
    db.sql("CREATE TABLE inscripciones (id serial PRIMARY KEY, curp text); "
           "INSERT INTO inscripciones (curp) SELECT 'C' || g FROM generate_series(1, 500) g");
    ASSERT_EQ(p.db("backup", {"--dsn", db.dsn, "--dir", (p.dir / "b").string()}).code, 0);
    for (std::string point : {"after-lock", "after-create", "after-restore", "before-swap",
                              "after-connections-off", "after-rename"}) {
        SCOPED_TRACE(point);
        db.sql("INSERT INTO inscripciones (curp) VALUES ('roto')"); // the failed deploy's write
        p.env["COMPUERTA_DB_TEST_HOOK"] = "kill@" + point;
        auto r = p.db("restore", {"--dsn", db.dsn});
        EXPECT_EQ(r.code, 128 + 9) << r.out << r.err;
        EXPECT_TRUE(exists(db.name)) << "the target database is gone after a kill at " << point;
        p.env.erase("COMPUERTA_DB_TEST_HOOK");
        r = p.db("restore", {"--dsn", db.dsn});
        ASSERT_EQ(r.code, 0) << r.out << r.err;
        EXPECT_TRUE(accepts_connections(db.name));
        EXPECT_EQ(count_rows(db), 500);
        std::string prefix = db.name.substr(0, 30) + "_restore_";
        EXPECT_EQ(
            trim(db_psql("postgres", "SELECT count(*) FROM pg_database WHERE left(datname, " +
                                         std::to_string(prefix.size()) + ") = '" + prefix + "'")),
            "0")
            << "leftovers of the killed restore were dropped";
    }
}
