// The db commands run in-process with the fake world's PostgreSQL sessions
// (FakeWorld::sql) and processes: which statements they send in which order,
// what they write in the journal, and that the record says what happened
// when a statement or a check fails half-way.
#include "core/config/sections/database.hpp"
#include "plugin/db/flyway.hpp"
#include "plugin/db/manifest.hpp"
#include "tests/support/fakes.hpp"
#include "tests/unit/lease/fake_lease_store.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace compuerta::test {
namespace {

namespace fs = std::filesystem;

core::SqlRows value(const std::string& v) {
    return core::SqlRows{{"v"}, {{v}}, 1};
}

// The index of the first statement containing `part`, or -1.
long at(const std::vector<std::string>& statements, const std::string& part) {
    auto it = std::find_if(statements.begin(), statements.end(),
                           [&](const std::string& s) { return contains(s, part); });
    return it == statements.end() ? -1 : static_cast<long>(it - statements.begin());
}

// Two migrations: V1 creates alumnos, V2 creates bajas.
fs::path migrations(const Sandbox& box) {
    fs::path dir = box.dir / "migrations";
    fs::create_directories(dir);
    write_file(dir / "V1__alumnos.sql", "CREATE TABLE alumnos (id int);\n");
    write_file(dir / "V2__bajas.sql", "CREATE TABLE bajas (id int);\n");
    return dir;
}

// A PostgreSQL with no history table yet, where every lock is free; `fail`
// names a statement the server rejects.
void fresh_database(FakeWorld& world, std::string fail = {}) {
    world.database = "sep";
    world.sql = [fail](const std::string& sql, const std::vector<std::string>&) {
        if (!fail.empty() && contains(sql, fail))
            throw core::DbError("ERROR: relation \"bajas\" already exists", "42P07");
        if (contains(sql, "to_regclass"))
            return value("f");
        if (contains(sql, "current_user"))
            return value("app");
        if (contains(sql, "pg_try_advisory_lock"))
            return value("t");
        return core::SqlRows{};
    };
}

TEST(DbCommandsWithFakes, MigrateAppliesEachPendingScriptInItsOwnTransaction) {
    Sandbox box;
    FakeWorld world;
    fresh_database(world);
    auto dir = migrations(box);
    auto r =
        run_command("db migrate", {"--dir", dir.string(), "--no-backup-check"}, box.env(), world);
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "migrated from version none to 2 (2 migrations)")) << r.out;
    auto st = world.statements();
    // The lock first, then each script between BEGIN and COMMIT with its history row.
    long lock = at(st, "pg_try_advisory_lock"), v1 = at(st, "CREATE TABLE alumnos"),
         v2 = at(st, "CREATE TABLE bajas");
    ASSERT_GE(lock, 0);
    ASSERT_GT(v1, lock);
    ASSERT_GT(v2, v1);
    EXPECT_TRUE(contains(st[v1 - 1], "CREATE SCHEMA IF NOT EXISTS")) << st[v1 - 1];
    EXPECT_EQ(st[v1 - 2], "BEGIN");
    EXPECT_TRUE(contains(st[v1 + 1], "INSERT INTO \"public\".\"flyway_schema_history\""))
        << st[v1 + 1];
    EXPECT_EQ(st[v1 + 2], "COMMIT");
    EXPECT_EQ(st[v2 - 1], "BEGIN");
    EXPECT_EQ(st[v2 + 2], "COMMIT");
    auto done = box.events("migrate.done");
    ASSERT_EQ(done.size(), 1u);
    EXPECT_TRUE(contains(done[0], R"("applied":["1","2"])")) << done[0];
    EXPECT_TRUE(contains(done[0], R"("to_version":"2")")) << done[0];
}

TEST(DbCommandsWithFakes, AMigrationTheServerRejectsIsRolledBackAndTheJournalSaysWhereItStopped) {
    Sandbox box;
    FakeWorld world;
    fresh_database(world, "CREATE TABLE bajas");
    auto dir = migrations(box);
    auto r =
        run_command("db migrate", {"--dir", dir.string(), "--no-backup-check"}, box.env(), world);
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_TRUE(contains(r.out + r.err, "V2 bajas")) << r.out << r.err;
    EXPECT_TRUE(contains(r.out + r.err, "relation \"bajas\" already exists")) << r.out << r.err;
    auto st = world.statements();
    long v2 = at(st, "CREATE TABLE bajas");
    ASSERT_GE(v2, 0);
    ASSERT_LT(v2 + 1, static_cast<long>(st.size()));
    EXPECT_EQ(st[v2 + 1], "ROLLBACK");
    // V1's history row was written; V2's never was.
    long rows = std::count_if(st.begin(), st.end(), [](const std::string& s) {
        return contains(s, "INSERT INTO \"public\".\"flyway_schema_history\"");
    });
    EXPECT_EQ(rows, 1);
    auto done = box.events("migrate.done");
    ASSERT_EQ(done.size(), 1u);
    EXPECT_TRUE(contains(done[0], R"("applied":["1"])")) << done[0];
    EXPECT_TRUE(contains(done[0], R"("to_version":"1")")) << done[0];
    EXPECT_TRUE(contains(done[0], R"("status":"fail")")) << done[0];
}

TEST(DbCommandsWithFakes, MigrateDryRunTakesNoLockAndRunsNoScript) {
    Sandbox box;
    FakeWorld world;
    fresh_database(world);
    auto dir = migrations(box);
    auto r = run_command("db migrate", {"--dir", dir.string(), "--no-backup-check", "--dry-run"},
                         box.env(), world);
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "V1 alumnos")) << r.out;
    EXPECT_TRUE(contains(r.out, "V2 bajas")) << r.out;
    auto st = world.statements();
    EXPECT_LT(at(st, "pg_try_advisory_lock"), 0);
    EXPECT_LT(at(st, "CREATE TABLE"), 0);
    EXPECT_LT(at(st, "BEGIN"), 0);
    EXPECT_TRUE(box.events("migrate.done").empty()); // a dry run records nothing
}

// db status reads the history the session returns and compares it with the files.
TEST(DbCommandsWithFakes, StatusShowsAppliedPendingAndFailedMigrations) {
    Sandbox box;
    FakeWorld world;
    world.database = "sep";
    auto dir = migrations(box);
    auto files = plugin::db::load_migrations(dir);
    ASSERT_EQ(files.size(), 2u);
    bool v1_succeeded = true;
    world.sql = [&](const std::string& sql, const std::vector<std::string>&) {
        if (contains(sql, "to_regclass"))
            return value("t");
        if (contains(sql, "current_user"))
            return value("app");
        if (contains(sql, "installed_rank, version, description")) {
            core::SqlRows h;
            h.rows.push_back({std::string("1"), std::string("1"), std::string("alumnos"),
                              std::string("SQL"), std::string("V1__alumnos.sql"),
                              std::to_string(files[0].checksum), std::string("app"),
                              std::string("2026-11-30 07:00:00"), std::string("12"),
                              std::string(v1_succeeded ? "t" : "f")});
            return h;
        }
        return core::SqlRows{};
    };
    auto ok = run_command("db status", {"--dir", dir.string()}, box.env(), world);
    EXPECT_EQ(ok.code, 0) << ok.out << ok.err;
    EXPECT_TRUE(contains(ok.out, "sep")) << ok.out;
    EXPECT_TRUE(contains(ok.out, "V1       applied   alumnos")) << ok.out;
    EXPECT_TRUE(contains(ok.out, "V2       pending   bajas")) << ok.out;
    EXPECT_LT(at(world.statements(), "pg_try_advisory_lock"), 0); // status only reads

    v1_succeeded = false;
    auto failed = run_command("db status", {"--dir", dir.string()}, box.env(), world);
    EXPECT_EQ(failed.code, 1) << failed.out << failed.err;
    EXPECT_TRUE(contains(failed.out, "V1       FAILED    alumnos")) << failed.out;
}

// A verified backup of `sep` with one table of 3 rows, under box/backup.
fs::path backup(const Sandbox& box) {
    fs::path root = box.dir / "backup";
    fs::create_directories(root / "dump");
    write_file(root / "dump" / "toc.dat", "a dump\n");
    write_file(root / "dump" / "3001.dat", "1\n2\n3\n");
    plugin::db::Manifest m;
    m.database = "sep";
    m.dump = "dump";
    m.files = plugin::db::describe_files(root / "dump", root, 1);
    m.tables = {{"public.alumnos", 3}};
    m.verified = true;
    m.started = "2026-11-30T06:59:00Z";
    m.finished = "2026-11-30T07:00:00Z";
    write_file(root / "manifest.json", plugin::db::to_json(m));
    return root / "manifest.json";
}

// A cluster where `sep` exists and the restored copy holds `rows` rows.
void cluster(FakeWorld& world, const std::string& rows) {
    world.database = "sep";
    world.leases = std::make_shared<FakeLeaseStore>();
    world.sql = [rows](const std::string& sql, const std::vector<std::string>&) {
        if (contains(sql, "pg_try_advisory_lock"))
            return value("t");
        if (contains(sql, "FROM pg_database WHERE datname = $1"))
            return value("1");
        if (contains(sql, "SELECT count(*) FROM public.alumnos"))
            return value(rows);
        return core::SqlRows{};
    };
}

// `db restore --from-dump` of box/backup (its --json report beside it).
struct RestoreScene {
    Sandbox box;
    FakeWorld world;
    fs::path manifest = backup(box);
    CommandRun restore(const std::string& rows) {
        cluster(world, rows);
        return run_command("db restore",
                           {"--dsn", "dbname=sep", "--manifest", manifest.string(), "--from-dump",
                            "--json", (box.dir / "restore.json").string()},
                           box.env(), world);
    }
    // The "changed" evidence of the report (what the rollback reads).
    bool changed() const {
        auto j = nlohmann::json::parse(read_file(box.dir / "restore.json"));
        return j.at("suites").at(0).at("checks").at(0).at("evidence").at("changed").get<bool>();
    }
    std::string done() const {
        auto d = box.events("restore.done");
        return d.size() == 1 ? d[0] : "restore.done " + std::to_string(d.size()) + " times";
    }
};

TEST(DbCommandsWithFakes, RestoreLoadsACopyChecksItsRowsThenSwapsItIn) {
    RestoreScene s;
    auto r = s.restore("3");
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "sep restored from")) << r.out;
    auto procs = s.world.processes();
    ASSERT_EQ(procs.size(), 1u);
    EXPECT_TRUE(contains(procs[0].argv[0], "pg_restore")) << procs[0].argv[0];
    auto st = s.world.statements();
    long create = at(st, "CREATE DATABASE \"sep_restore_"), count = at(st, "count(*) FROM public"),
         off = at(st, "ALTER DATABASE \"sep\" ALLOW_CONNECTIONS false"),
         swap = at(st, "ALTER DATABASE \"sep\" RENAME TO \"sep_failed_");
    ASSERT_GE(create, 0);
    EXPECT_GT(count, create);
    EXPECT_GT(off, count);
    EXPECT_GT(swap, off);
    EXPECT_TRUE(s.changed());
    EXPECT_TRUE(contains(s.done(), R"("kept_as":"sep_failed_)")) << s.done();
}

TEST(DbCommandsWithFakes, ARestoredCopyWithOtherRowsIsDroppedAndTheDatabaseNeverTouched) {
    RestoreScene s;
    auto r = s.restore("2");
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_TRUE(contains(r.out + r.err, "the database was not touched")) << r.out << r.err;
    auto st = s.world.statements();
    EXPECT_GE(at(st, "DROP DATABASE IF EXISTS \"sep_restore_"), 0);
    EXPECT_LT(at(st, "ALTER DATABASE \"sep\""), 0);
    EXPECT_LT(at(st, "RENAME"), 0);
    EXPECT_TRUE(contains(s.done(), R"("status":"fail")")) << s.done();
    EXPECT_FALSE(s.changed());
}

TEST(DbCommandsWithFakes, ACorruptBackupIsRefusedBeforeAnyLockOrStatement) {
    RestoreScene s;
    write_file(s.box.dir / "backup" / "dump" / "3001.dat", "1\n2\n9\n"); // same size, other bytes
    auto r = s.restore("3");
    EXPECT_EQ(r.code, 3) << r.out << r.err;
    EXPECT_TRUE(contains(r.out + r.err, "3001.dat")) << r.out << r.err;
    EXPECT_LT(at(s.world.statements(), "pg_try_advisory_lock"), 0);
    EXPECT_TRUE(s.world.processes().empty());
    EXPECT_TRUE(contains(s.done(), R"("status":"fail")")) << s.done();
    EXPECT_FALSE(s.changed());
}

TEST(DbCommandsWithFakes, ASnapshotARoleMayNotTakeIsAWarningThatCopiesNothing) {
    Sandbox box;
    FakeWorld world;
    world.database = "sep";
    world.leases = std::make_shared<FakeLeaseStore>();
    world.sql = [](const std::string& sql, const std::vector<std::string>&) {
        if (contains(sql, "pg_try_advisory_lock"))
            return value("t");
        if (contains(sql, "r.rolsuper::text")) // not superuser, no CREATEDB, the owner
            return core::SqlRows{
                {"super", "createdb", "owner"},
                {{std::string("false"), std::string("false"), std::string("true")}},
                1};
        if (contains(sql, "current_user"))
            return value("app");
        return core::SqlRows{};
    };
    auto manifest = backup(box);
    auto r = run_command("db snapshot", {"--dsn", "dbname=sep", "--manifest", manifest.string()},
                         box.env(), world);
    EXPECT_EQ(r.code, 0) << r.out << r.err; // the rollback still has the dump
    EXPECT_TRUE(contains(r.out, "the role app is the owner but lacks CREATEDB")) << r.out;
    EXPECT_LT(at(world.statements(), "CREATE DATABASE"), 0);
    EXPECT_LT(at(world.statements(), "ALLOW_CONNECTIONS"), 0);
    auto snap = box.events("backup.snapshot");
    ASSERT_EQ(snap.size(), 1u);
    EXPECT_TRUE(contains(snap[0], R"("status":"warn")")) << snap[0];
}

} // namespace
} // namespace compuerta::test
