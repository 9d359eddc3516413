// db snapshot and the rollback's snapshot path against a real PostgreSQL:
// the round trip, the refusals, a snapshot altered after it was taken, kills
// during the copy and during the swap, and the housekeeping.
#include "plugin/db/manifest.hpp"
#include "plugin/db/snapshot.hpp"
#include "tests/integration/db/db_it_support.hpp"

#include <gtest/gtest.h>
#include <thread>
#include <unistd.h>

using namespace compuerta::test;
using namespace compuerta::test::db;
namespace fs = std::filesystem;

namespace {

// A table with rows, database-level settings, a comment and a grant.
void populate(const TestDb& db, const std::string& role) {
    db.sql("CREATE TABLE alumnos (id int PRIMARY KEY, curp text); INSERT INTO alumnos SELECT g, "
           "'CURP' || g FROM "
           "generate_series(1, 3000) g; CREATE TABLE bajas (id int); INSERT INTO bajas SELECT "
           "generate_series(1, 40)");
    db_psql("postgres", "DROP ROLE IF EXISTS " + role + "; CREATE ROLE " + role);
    db_psql("postgres",
            "ALTER DATABASE " + db.name + " SET work_mem = '8MB'; COMMENT ON DATABASE " + db.name +
                " IS 'prueba'; GRANT CONNECT, TEMPORARY ON DATABASE " + db.name + " TO " + role);
}

std::string state(const std::string& dbname) {
    return db_psql(dbname, "SELECT (SELECT md5(string_agg(id || curp, ',' ORDER BY id)) FROM "
                           "alumnos) || '|' || "
                           "(SELECT count(*) FROM bajas) || '|' || (SELECT count(*) FROM "
                           "information_schema.columns "
                           "WHERE table_name = 'alumnos')") +
           db_psql(
               "postgres",
               "SELECT (SELECT string_agg(x, ',' ORDER BY x) FROM pg_db_role_setting s, "
               "unnest(s.setconfig) x WHERE s.setdatabase = d.oid AND s.setrole = 0) || '|' || "
               "shobj_description(d.oid, 'pg_database') || '|' || (SELECT string_agg(a::text, ',' "
               "ORDER BY a::text) FROM unnest(d.datacl) a) FROM pg_database d WHERE datname = '" +
                   dbname + "'");
}

// Drops the test's databases (the kept and snapshot copies too), then its role.
void drop_all(const TestDb& db, const std::string& role) {
    std::string list = db_psql("postgres", "SELECT datname FROM pg_database WHERE datname LIKE '" +
                                               db.name + "%'");
    for (std::size_t pos = 0, nl; pos < list.size(); pos = nl + 1) {
        nl = list.find('\n', pos);
        if (nl == std::string::npos)
            nl = list.size();
        if (nl > pos)
            db_psql("postgres",
                    "DROP DATABASE IF EXISTS \"" + list.substr(pos, nl - pos) + "\" WITH (FORCE)");
    }
    db_psql("postgres", "DROP ROLE IF EXISTS " + role);
}

fs::path the_manifest(const fs::path& dir) {
    for (const auto& e : fs::directory_iterator(dir))
        if (fs::exists(e.path() / "manifest.json"))
            return e.path() / "manifest.json";
    throw std::runtime_error("no backup in " + dir.string());
}

std::string allow_conn(const std::string& dbname) {
    return trim(db_psql("postgres",
                        "SELECT datallowconn FROM pg_database WHERE datname = '" + dbname + "'"));
}

int snapshots_of(const TestDb& db) {
    return std::stoi(db_psql("postgres", "SELECT count(*) FROM pg_database WHERE datname LIKE '" +
                                             db.name + "\\_snap\\_%'"));
}

// Backup then snapshot; returns the snapshot's name.
std::string backup_and_snapshot(const TestDb& db, const Pipeline& p) {
    auto r =
        p.db("backup", {"--dsn", db.dsn, "--dir", (p.dir / "b").string(), "--tag", "v2.0.0-rc.1"});
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    r = p.db("snapshot", {"--dsn", db.dsn, "--dir", (p.dir / "b").string()});
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    auto ev = p.events("backup.snapshot");
    if (ev.empty() || ev.back()["status"] != "ok")
        throw std::runtime_error("no snapshot taken: " + r.out + r.err);
    auto manifest = ev.back()["manifest"].get<std::string>();
    auto snap = compuerta::plugin::db::read_snapshot(manifest);
    if (!snap || snap->name != ev.back()["snapshot"])
        throw std::runtime_error("no snapshot recorded in " + manifest);
    return snap->name;
}

} // namespace

TEST(DbSnapshot, NamesStayWithinPostgresLimit) {
    using compuerta::plugin::db::generated_name;
    std::string n =
        generated_name(std::string(60, 'a'), "snap", "v10.20.30-release-candidate-with-a-long-name",
                       "2026-11-29T09:15:00.123Z");
    EXPECT_LE(n.size(), 63u) << n;
    EXPECT_EQ(n.substr(n.size() - 16), "20261129t091500z");
    EXPECT_NE(n.find("_snap_v10_20"), std::string::npos) << n;
    EXPECT_EQ(generated_name("sep", "snap", "v1.2.0", "2026-11-29T09:15:00Z"),
              "sep_snap_v1_2_0_20261129t091500z");
    std::string utf =
        generated_name(std::string(40, 'a') + "ñandú", "snap", "v1", "2026-11-29T09:15:00Z");
    EXPECT_LE(utf.size(), 63u);
    EXPECT_EQ(utf.find("\xc3_"), std::string::npos) << "never cut inside a UTF-8 character";
}

TEST(DbSnapshot, RollbackSwapsTheSnapshotInAndSaysSo) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("sn_round");
    Pipeline p;
    std::string role = "compuerta_sn_" + std::to_string(getpid());
    populate(db, role);
    ASSERT_EQ(
        p.db("backup", {"--dsn", db.dsn, "--dir", (p.dir / "b").string(), "--tag", "v2.0.0"}).code,
        0);
    std::string before = state(db.name);

    // An application session still connected: the snapshot names it and ends it.
    compuerta::test::Run app;
    std::thread session([&] {
        auto e = pg_env();
        e["PGDATABASE"] = db.name;
        e["PGAPPNAME"] = "sep-muses-app";
        app = run_program({e["COMPUERTA_PG_BIN"] + "/psql", "-X", "-c", "SELECT pg_sleep(60)"}, e,
                          "", 90);
    });
    for (int i = 0;
         i < 200 &&
         trim(db_psql("postgres", "SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                                  "'sep-muses-app'")) == "0";
         ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    auto r = p.db("snapshot", {"--dsn", db.dsn, "--dir", (p.dir / "b").string()});
    session.join();
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(r.err.find("ended the session"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("sep-muses-app"), std::string::npos) << "the session is named: " << r.err;
    EXPECT_NE(app.code, 0);
    EXPECT_EQ(allow_conn(db.name), "t") << "connections are back after the copy";
    auto snap = compuerta::plugin::db::read_snapshot(the_manifest(p.dir / "b"));
    ASSERT_TRUE(snap.has_value());
    EXPECT_EQ(snap->name.rfind(db.name + "_snap_v2_0_0_", 0), 0u) << snap->name;
    EXPECT_EQ(allow_conn(snap->name), "f") << "nobody writes into a kept snapshot";
    EXPECT_EQ(snap->tables.at("public.alumnos"), 3000);
    auto ev = p.events("backup.snapshot");
    ASSERT_FALSE(ev.empty());
    EXPECT_EQ(ev.front()["status"], "started");
    EXPECT_EQ(ev.back()["status"], "ok");
    EXPECT_EQ(ev.back()["tables"]["public.alumnos"]["snapshot"], 3000);
    EXPECT_EQ(ev.back()["tables"]["public.alumnos"]["dump"], 3000);
    EXPECT_FALSE(ev.back()["space_check"].get<std::string>().empty());
    auto status = p.db("status", {"--dsn", db.dsn});
    EXPECT_NE(status.out.find("snapshot " + snap->name + ": "), std::string::npos) << status.out;

    // The failed release changes data, schema and settings.
    db.sql("DELETE FROM bajas; ALTER TABLE alumnos ADD COLUMN roto int; UPDATE alumnos SET curp = "
           "'X'");
    db_psql("postgres", "ALTER DATABASE " + db.name + " SET work_mem = '64MB'");
    r = p.db("restore", {"--dsn", db.dsn});
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("path: snapshot"), std::string::npos) << r.out;
    EXPECT_EQ(state(db.name), before);
    EXPECT_EQ(allow_conn(db.name), "t");
    auto done = p.events("restore.done");
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0]["path"], "snapshot");
    std::string kept = done[0]["kept_as"];
    ASSERT_FALSE(kept.empty());
    EXPECT_EQ(trim(db_psql(kept, "SELECT count(*) FROM bajas")), "0")
        << "the failed database is kept as it was";
    EXPECT_EQ(snapshots_of(db), 0) << "the snapshot became the database";

    // Again, with the snapshot gone: the dump path runs and says why.
    r = p.db("restore", {"--dsn", db.dsn});
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("path: dump"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("missing"), std::string::npos) << r.out;
    EXPECT_EQ(p.events("restore.done").back()["path"], "dump");
    EXPECT_EQ(state(db.name), before);
    drop_all(db, role);
}

TEST(DbSnapshot, AlteredSnapshotIsRefusedAndTheDumpRuns) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("sn_altered");
    Pipeline p;
    std::string role = "compuerta_sa_" + std::to_string(getpid());
    populate(db, role);
    std::string name = backup_and_snapshot(db, p);
    std::string before = state(db.name);
    db_psql("postgres", "ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
    db_psql(name, "DELETE FROM alumnos WHERE id = 7");
    db_psql("postgres", "ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
    db.sql("DELETE FROM alumnos");

    auto r = p.db("restore", {"--dsn", db.dsn, "--from-dump"});
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("path: dump"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("--from-dump"), std::string::npos) << r.out;
    db.sql("DELETE FROM alumnos");

    r = p.db("restore", {"--dsn", db.dsn});
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("path: dump"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("altered after it was taken"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("public.alumnos: 2999 rows, the dump has 3000"), std::string::npos)
        << r.out;
    EXPECT_EQ(state(db.name), before);
    EXPECT_EQ(p.events("restore.done").back()["path"], "dump");
    drop_all(db, role);
}

TEST(DbSnapshot, RefusalsLeaveTheDumpAlone) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("sn_refuse");
    Pipeline p;
    db.sql("CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 100)");
    ASSERT_EQ(p.db("backup", {"--dsn", db.dsn, "--dir", (p.dir / "b").string()}).code, 0);
    fs::path manifest = the_manifest(p.dir / "b");

    std::string role = "compuerta_sr_" + std::to_string(getpid());
    db_psql("postgres",
            "DROP ROLE IF EXISTS " + role + "; CREATE ROLE " + role + " LOGIN PASSWORD 'clave-sr'");
    std::string weak = pg_dsn(db.name);
    weak.replace(weak.find("user="), weak.find(" password=") - weak.find("user="), "user=" + role);
    weak.replace(weak.find("password="), weak.find(" dbname=") - weak.find("password="),
                 "password=clave-sr");
    auto r = p.db("snapshot", {"--dsn", weak, "--dir", (p.dir / "b").string()});
    EXPECT_EQ(r.code, 0) << "a refusal is a warning: the dump stands " << r.out << r.err;
    EXPECT_NE(r.out.find("neither superuser nor the owner"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("dump"), std::string::npos) << r.out;
    EXPECT_EQ(p.events("backup.snapshot").back()["status"], "warn");

    write_file(p.dir / "min.yml",
               "database:\n  snapshot:\n    space_check: configured\n    min_free_mb: 1\n");
    r = p.db("snapshot", {"-c", (p.dir / "min.yml").string(), "--dsn", db.dsn, "--dir",
                          (p.dir / "b").string()});
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("not enough free space by the configured minimum"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("database.snapshot.min_free_mb"), std::string::npos) << r.out;
    write_file(p.dir / "none.yml", "database:\n  snapshot:\n    space_check: configured\n");
    r = p.db("snapshot", {"-c", (p.dir / "none.yml").string(), "--dsn", db.dsn, "--dir",
                          (p.dir / "b").string()});
    EXPECT_NE(r.out.find("free space cannot be checked"), std::string::npos) << r.out;

    // gate env says the same before the window (2.1), naming the check that ran.
    write_file(p.dir / "env.yml", "database:\n  dsn: \"" + db.dsn +
                                      "\"\n  backup:\n    snapshot: true\n  snapshot:\n"
                                      "    space_check: configured\n    min_free_mb: 1\n");
    auto e = pg_env();
    auto gate = run_program({bin("compuerta-gate-env"), "-c", (p.dir / "env.yml").string(),
                             "--journal", p.journal().string()},
                            e, p.dir.path().string());
    EXPECT_NE(
        gate.out.find("db snapshot would refuse: not enough free space by the configured minimum"),
        std::string::npos)
        << gate.out << gate.err;

    // Written after its dump: a copy now would not hold the dump's state.
    db.sql("UPDATE t SET id = id + 1 WHERE id = 1");
    r = p.db("snapshot", {"--dsn", db.dsn, "--dir", (p.dir / "b").string()});
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("written after its dump"), std::string::npos) << r.out;
    EXPECT_EQ(allow_conn(db.name), "t");
    EXPECT_EQ(snapshots_of(db), 0);
    EXPECT_FALSE(compuerta::plugin::db::read_snapshot(manifest).has_value());
    EXPECT_TRUE(compuerta::plugin::db::unfinished_snapshots(
                    compuerta::core::read_journal(p.journal()).events)
                    .empty());
    drop_all(db, role);
}

// An ANALYZE (autovacuum runs one by itself after a large write) changes no
// data and no schema: it must not make the snapshot refuse. DDL does.
TEST(DbSnapshot, AnAnalyzeAfterTheDumpIsNoWriteButDdlIs) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("sn_analyze");
    Pipeline p;
    db.sql("CREATE TABLE t (id int, v text); INSERT INTO t SELECT g, md5(g::text) FROM generate_series(1, 5000) g");
    ASSERT_EQ(p.db("backup", {"--dsn", db.dsn, "--dir", (p.dir / "b").string()}).code, 0);
    db.sql("ALTER TABLE t ADD COLUMN c int");
    auto r = p.db("snapshot", {"--dsn", db.dsn, "--dir", (p.dir / "b").string()});
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("written after its dump"), std::string::npos) << r.out;
    EXPECT_EQ(snapshots_of(db), 0);

    ASSERT_EQ(p.db("backup", {"--dsn", db.dsn, "--dir", (p.dir / "b2").string()}).code, 0);
    db.sql("ANALYZE t");
    ASSERT_EQ(trim(db_psql(db.name, "SELECT count(*) > 0 FROM pg_stats WHERE tablename = 't'")), "t")
        << "ANALYZE wrote the planner's statistics";
    r = p.db("snapshot", {"--dsn", db.dsn, "--dir", (p.dir / "b2").string()});
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_EQ(snapshots_of(db), 1) << r.out;
    EXPECT_TRUE(compuerta::plugin::db::read_snapshot(the_manifest(p.dir / "b2")).has_value());
    drop_all(db, "compuerta_sn_analyze_no_role");
}

TEST(DbSnapshot, KillDuringTheCopyIsRepairedByTheNextRun) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("sn_killcopy");
    Pipeline p;
    db.sql("CREATE TABLE t (id int, v text); INSERT INTO t SELECT g, repeat('x', 200) FROM "
           "generate_series(1, 20000) g");
    ASSERT_EQ(p.db("backup", {"--dsn", db.dsn, "--dir", (p.dir / "b").string()}).code, 0);

    p.env["COMPUERTA_DB_TEST_HOOK"] = "kill@during-copy";
    auto r = p.db("snapshot", {"--dsn", db.dsn, "--dir", (p.dir / "b").string()});
    ASSERT_EQ(r.code, 128 + 9) << r.out << r.err;
    EXPECT_EQ(allow_conn(db.name), "f") << "killed while the database refused connections";
    ASSERT_EQ(compuerta::plugin::db::unfinished_snapshots(
                  compuerta::core::read_journal(p.journal()).events)
                  .size(),
              1u);

    // maintenance off repairs it.
    p.env.erase("COMPUERTA_DB_TEST_HOOK");
    auto e = pg_env();
    e["COMPUERTA_RUN"] = "it-run";
    compuerta::test::Run off =
        run_program({bin("compuerta-maintenance"), "off", "--backend", "file", "--flag-file",
                     (p.dir / "maintenance.on").string(), "--journal", p.journal().string()},
                    e, p.dir.path().string());
    EXPECT_EQ(off.code, 0) << off.out << off.err;
    EXPECT_NE(off.err.find("connections to " + db.name + " are allowed again"), std::string::npos)
        << off.err;
    EXPECT_EQ(allow_conn(db.name), "t");
    EXPECT_EQ(snapshots_of(db), 0) << "the half-made copy is dropped";
    EXPECT_EQ(p.events("backup.snapshot").back()["status"], "repaired");

    // Killed again; the rerun of db snapshot repairs it and takes a good one.
    p.env["COMPUERTA_DB_TEST_HOOK"] = "kill@during-copy";
    ASSERT_EQ(p.db("snapshot", {"--dsn", db.dsn, "--dir", (p.dir / "b").string()}).code, 128 + 9);
    p.env.erase("COMPUERTA_DB_TEST_HOOK");
    r = p.db("snapshot", {"--dsn", db.dsn, "--dir", (p.dir / "b").string()});
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(r.err.find("repaired the unfinished snapshot"), std::string::npos) << r.err;
    EXPECT_EQ(allow_conn(db.name), "t");
    EXPECT_EQ(snapshots_of(db), 1);
    EXPECT_TRUE(compuerta::plugin::db::read_snapshot(the_manifest(p.dir / "b")).has_value());
}

TEST(DbSnapshot, KillDuringTheSwapKeepsTheDatabaseAndTheRerunFinishes) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("sn_killswap");
    Pipeline p;
    std::string role = "compuerta_sk_" + std::to_string(getpid());
    populate(db, role);
    std::string name = backup_and_snapshot(db, p);
    std::string before = state(db.name);
    db.sql("DELETE FROM alumnos WHERE id > 10");

    p.env["COMPUERTA_DB_TEST_HOOK"] = "kill@during-swap";
    auto r = p.db("restore", {"--dsn", db.dsn});
    ASSERT_EQ(r.code, 128 + 9) << r.out << r.err;
    EXPECT_EQ(allow_conn(db.name), "f");
    EXPECT_EQ(trim(db_psql("postgres",
                           "SELECT count(*) FROM pg_database WHERE datname = '" + db.name + "'")),
              "1")
        << "the database is always there";
    p.env.erase("COMPUERTA_DB_TEST_HOOK");
    r = p.db("restore", {"--dsn", db.dsn});
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("path: snapshot"), std::string::npos) << r.out;
    EXPECT_EQ(state(db.name), before);
    EXPECT_EQ(allow_conn(db.name), "t");
    EXPECT_EQ(snapshots_of(db), 0) << name << " is the database now";
    drop_all(db, role);
}

TEST(DbSnapshot, WindowCloseDropsOlderSnapshotsOnlyAfterASuccessfulRelease) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("sn_keep");
    Pipeline p;
    db.sql("CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 10)");
    std::string first = backup_and_snapshot(db, p);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100)); // names carry the second
    std::string second = backup_and_snapshot(db, p);
    ASSERT_NE(first, second);
    ASSERT_EQ(snapshots_of(db), 2);
    auto ts = [](int s) { return "2026-11-29T0" + std::to_string(s) + ":00:00Z"; };
    auto close = [&] {
        auto e = pg_env();
        e["COMPUERTA_RUN"] = "it-run";
        write_file(p.dir / "w.yml", "database:\n  dsn: \"" + pg_dsn(db.name) + "\"\n");
        return run_program({bin("compuerta-window"), "close", "-c", (p.dir / "w.yml").string(),
                            "--journal", p.journal().string()},
                           e, p.dir.path().string());
    };
    p.append_event({{"ts", ts(9)}, {"event", "window.open"}, {"status", "ok"}});
    p.append_event({{"ts", ts(9)}, {"event", "rollback.restore"}, {"status", "ok"}});
    auto r = close();
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(r.err.find("a rollback may still need them"), std::string::npos) << r.err;
    EXPECT_EQ(snapshots_of(db), 2);

    p.append_event({{"ts", "2099-01-01T00:00:00Z"}, {"event", "window.open"}, {"status", "ok"}});
    p.append_event({{"ts", "2099-01-01T00:00:01Z"},
                    {"event", "deploy.done"},
                    {"status", "ok"},
                    {"release", "v2"}});
    r = close();
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(r.err.find("dropped the old snapshot " + first), std::string::npos) << r.err;
    EXPECT_EQ(snapshots_of(db), 1);
    EXPECT_EQ(allow_conn(second), "f") << "the newest is kept (database.snapshot.keep 1)";
}
