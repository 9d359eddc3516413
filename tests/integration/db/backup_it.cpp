// db backup and db restore against a real PostgreSQL: the round trip, and
// every bad backup stopping before any change.
#include "core/ports/db.hpp"
#include "plugin/db/manifest.hpp"
#include "plugin/db/pg_tools.hpp"
#include "tests/integration/db/db_it_support.hpp"

#include <fstream>
#include <sstream>
#include <gtest/gtest.h>
#include <thread>
#include <unistd.h>

using namespace compuerta::test;
using namespace compuerta::test::db;
namespace fs = std::filesystem;

namespace {

// A SEP-MUSES database: the example migrations, the seed, some more rows,
// database-level settings, a comment and a grant to a role of this test.
void populate(const TestDb& db, Pipeline& p, const std::string& role) {
    auto r = p.db("migrate", {"--dsn", db.dsn, "--dir", examples_migrations(), "--no-backup-check"});
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    db.sql(read_file(std::string(COMPUERTA_SOURCE_DIR) + "/examples/sep-muses/db/seed.sql"));
    db.sql("INSERT INTO escuelas (cct, nombre, entidad, nivel, cupo) SELECT 'CCT' || g, 'Escuela ' || g || E' con\\ttab y\\nsalto', "
           "'09', 'primaria', g FROM generate_series(1, 2000) g");
    db_psql("postgres", "DROP ROLE IF EXISTS " + role + "; CREATE ROLE " + role);
    db_psql("postgres", "ALTER DATABASE " + db.name + " SET search_path = public, \"otro esquema\"; ALTER DATABASE " + db.name +
                         " SET work_mem = '8MB'; COMMENT ON DATABASE " + db.name + " IS 'SEP-MUSES ''prueba'''; "
                         "REVOKE ALL ON DATABASE " + db.name + " FROM PUBLIC; GRANT CONNECT, TEMPORARY ON DATABASE " +
                         db.name + " TO " + role);
}

std::string dump_schema(const std::string& dbname) {
    auto e = pg_env();
    e["PGDATABASE"] = dbname;
    auto r = run_program({e["COMPUERTA_PG_BIN"] + "/pg_dump", "--schema-only"}, e);
    if (r.code != 0) throw std::runtime_error(r.err);
    // pg_dump 15.14+ writes a random \\restrict key per run: not part of the schema.
    std::string out, line;
    std::istringstream in(r.out);
    while (std::getline(in, line))
        if (line.rfind("\\restrict", 0) != 0 && line.rfind("\\unrestrict", 0) != 0) out += line + "\n";
    return out;
}

std::map<std::string, std::string> dump_data(const std::string& dbname) {
    std::map<std::string, std::string> out;
    std::string tables = db_psql(dbname, "SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname = 'public'");
    std::size_t pos = 0;
    while (pos < tables.size()) {
        auto nl = tables.find('\n', pos);
        std::string t = tables.substr(pos, nl - pos);
        if (!t.empty()) out[t] = db_psql(dbname, "COPY (SELECT * FROM " + t + " ORDER BY 1) TO STDOUT");
        if (nl == std::string::npos) break;
        pos = nl + 1;
    }
    return out;
}

std::string db_level(const std::string& dbname) {
    return db_psql("postgres", "SELECT pg_get_userbyid(d.datdba) || '|' || shobj_description(d.oid, 'pg_database') || '|' || "
                            "(SELECT string_agg(x, ',' ORDER BY x) FROM unnest(s.setconfig) x) || '|' || "
                            "(SELECT string_agg(g, ',' ORDER BY g) FROM (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' "
                            "ELSE pg_get_userbyid(a.grantee) END || ':' || a.privilege_type AS g FROM aclexplode(d.datacl) a) x) "
                            "FROM pg_database d LEFT JOIN pg_db_role_setting s ON s.setdatabase = d.oid AND s.setrole = 0 "
                            "WHERE d.datname = '" + dbname + "'");
}

fs::path only_backup(const fs::path& dir) {
    std::vector<fs::path> found;
    for (const auto& e : fs::directory_iterator(dir))
        if (fs::exists(e.path() / "manifest.json")) found.push_back(e.path() / "manifest.json");
    if (found.size() != 1) throw std::runtime_error("expected one backup in " + dir.string());
    return found[0];
}

fs::path a_data_file(const fs::path& manifest) {
    auto m = compuerta::plugin::db::read_manifest(manifest);
    for (const auto& f : m.files)
        if (f.path.find(".dat") != std::string::npos && f.path.find("toc.dat") == std::string::npos && f.bytes > 100)
            return manifest.parent_path() / f.path;
    throw std::runtime_error("no data file");
}

} // namespace

TEST(DbBackupRestore, RoundTripRestoresAnIdenticalDatabase) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("bk_roundtrip");
    Pipeline p;
    std::string role = "compuerta_it_" + std::to_string(getpid());
    populate(db, p, role);
    auto r = p.db("backup", {"--dsn", db.dsn, "--dir", (p.dir / "b").string(), "--tag", "v1.2.0", "--previous-tag", "v1.1.0"});
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(r.err.find("dumped table"), std::string::npos) << "progress on stderr: " << r.err;
    fs::path manifest = only_backup(p.dir / "b");
    auto done = p.events("backup.done");
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0]["manifest"], manifest.string());
    EXPECT_TRUE(fs::path(done[0]["manifest"].get<std::string>()).is_absolute());
    EXPECT_EQ(done[0]["database"], db.name);
    EXPECT_EQ(done[0]["tag"], "v1.2.0");
    EXPECT_EQ(done[0]["previous_tag"], "v1.1.0");
    EXPECT_EQ(done[0]["verified"], true);
    auto m = compuerta::plugin::db::read_manifest(manifest);
    EXPECT_EQ(m.tables.at("public.escuelas"), 2003);
    EXPECT_EQ(m.tables.at("public.flyway_schema_history"), 3);
    EXPECT_FALSE(m.wal_lsn.empty());
    EXPECT_EQ(m.format, "directory");

    std::string schema = dump_schema(db.name);
    auto data = dump_data(db.name);
    std::string level = db_level(db.name);
    // The failed deploy changes schema and data.
    db.sql("ALTER TABLE alumnos ADD COLUMN roto int; DELETE FROM bajas; UPDATE escuelas SET cupo = 1");
    db_psql("postgres", "ALTER DATABASE " + db.name + " SET work_mem = '64MB'");

    // An application session still connected: the swap ends it.
    compuerta::test::Run app;
    std::thread session([&] {
        auto e = pg_env();
        e["PGDATABASE"] = db.name;
        app = run_program({e["COMPUERTA_PG_BIN"] + "/psql", "-X", "-c", "SELECT pg_sleep(60)"}, e, "", 90);
    });
    for (int i = 0; i < 200 && db_psql("postgres", "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + db.name +
                                                       "' AND query LIKE '%pg_sleep(60)%'") == "0\n";
         ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    r = p.db("restore", {"--dsn", db.dsn});
    session.join();
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(app.code, 0) << "the connected session was ended by the swap";
    EXPECT_EQ(dump_schema(db.name), schema);
    EXPECT_EQ(dump_data(db.name), data);
    EXPECT_EQ(db_level(db.name), level);
    auto restored = p.events("restore.done");
    ASSERT_EQ(restored.size(), 1u);
    std::string kept = restored[0]["kept_as"];
    ASSERT_FALSE(kept.empty());
    EXPECT_EQ(trim(db_psql(kept, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'roto'")), "1")
        << "the replaced database is kept as it was for the post-mortem";
    db_psql("postgres", "DROP DATABASE IF EXISTS " + kept + " WITH (FORCE)");
    db_psql("postgres", "DROP DATABASE IF EXISTS " + db.name + " WITH (FORCE)");
    db_psql("postgres", "DROP ROLE IF EXISTS " + role);
}

TEST(DbBackupRestore, BadBackupsStopBeforeAnyChange) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("bk_bad");
    TestDb other("bk_bad_other");
    Pipeline p;
    db.sql("CREATE TABLE t (id int, v text); INSERT INTO t SELECT g, repeat('x', 50) FROM generate_series(1, 5000) g");
    ASSERT_EQ(p.db("backup", {"--dsn", db.dsn, "--dir", (p.dir / "b").string()}).code, 0);
    fs::path manifest = only_backup(p.dir / "b");
    db.sql("INSERT INTO t VALUES (0, 'after the backup')");
    auto unchanged = [&] {
        EXPECT_EQ(db.sql("SELECT count(*) FROM t"), "5001");
        EXPECT_EQ(trim(db_psql("postgres", "SELECT count(*) FROM pg_database WHERE datname LIKE '" + db.name + "_restore%'")), "0");
    };

    auto r = p.db("restore", {"--dsn", other.dsn, "--manifest", manifest.string()});
    EXPECT_EQ(r.code, 3);
    EXPECT_NE(r.out.find("is a backup of database " + db.name + ", not of " + other.name), std::string::npos) << r.out;

    fs::path data = a_data_file(manifest);
    std::string original = read_file(data);
    std::string flipped = original;
    flipped[flipped.size() / 2] ^= 0x01;
    write_file(data, flipped);
    r = p.db("restore", {"--dsn", db.dsn});
    EXPECT_EQ(r.code, 3) << r.out << r.err;
    EXPECT_NE(r.out.find("SHA-256 differs"), std::string::npos) << r.out;
    unchanged();

    write_file(data, original.substr(0, original.size() / 2));
    r = p.db("restore", {"--dsn", db.dsn});
    EXPECT_EQ(r.code, 3);
    EXPECT_NE(r.out.find("truncated"), std::string::npos) << r.out;
    unchanged();

    // The read-back itself catches a dump that does not decompress.
    auto process = compuerta::core::make_posix_process();
    compuerta::plugin::db::PgTools tools{*process, pg_env()["COMPUERTA_PG_BIN"], {}, {}};
    auto rb = compuerta::plugin::db::read_back(tools, manifest.parent_path() / "dump", compuerta::core::Deadline::after(std::chrono::seconds(60)));
    EXPECT_FALSE(rb.ok()) << "a truncated data file must fail the read-back";
    write_file(data, original);
    rb = compuerta::plugin::db::read_back(tools, manifest.parent_path() / "dump", compuerta::core::Deadline::after(std::chrono::seconds(60)));
    ASSERT_TRUE(rb.ok()) << rb.error().message;
    EXPECT_EQ(rb.value().at("public.t"), 5000);

    write_file(manifest.parent_path() / "other.json", "{\"database\": \"x\"}");
    r = p.db("restore", {"--dsn", db.dsn, "--manifest", (manifest.parent_path() / "other.json").string()});
    EXPECT_EQ(r.code, 3);
    EXPECT_NE(r.out.find("is not a compuerta backup manifest"), std::string::npos) << r.out;
    unchanged();
}

TEST(DbBackupRestore, BackupStopsEarlyAndNeverLooksCompleteWhenInterrupted) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("bk_interrupt");
    Pipeline p;
    db.sql("CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 100)");
    write_file(p.dir / "full.yml", "database:\n  backup:\n    free_space_factor: 1000000000000\n");
    auto r = p.db("backup", {"-c", (p.dir / "full.yml").string(), "--dsn", db.dsn, "--dir", (p.dir / "b").string()});
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("not enough free space"), std::string::npos) << r.out;
    EXPECT_TRUE(fs::is_empty(p.dir / "b"));

    p.env["COMPUERTA_DB_TEST_HOOK"] = "kill@after-dump";
    r = p.db("backup", {"--dsn", db.dsn, "--dir", (p.dir / "b").string()});
    EXPECT_EQ(r.code, 128 + 9);
    for (const auto& e : fs::recursive_directory_iterator(p.dir / "b"))
        EXPECT_NE(e.path().filename(), "manifest.json") << "an interrupted backup has no manifest";
    auto done = p.events("backup.done");
    ASSERT_EQ(done.size(), 1u) << "only the failed space check";
    EXPECT_EQ(done[0]["status"], "fail");
    EXPECT_EQ(done[0]["verified"], false);
    p.env.erase("COMPUERTA_DB_TEST_HOOK");
    r = p.db("restore", {"--dsn", db.dsn});
    EXPECT_EQ(r.code, 3) << "no verified backup to restore: " << r.out;
}

TEST(DbBackupRestore, CustomFormatRestoredInPlaceAndRetention) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("bk_custom");
    Pipeline p;
    db.sql("CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 300) g");
    for (int i = 0; i < 3; ++i) {
        auto r = p.db("backup", {"--dsn", db.dsn, "--dir", (p.dir / "b").string(), "--format", "custom", "--keep", "2"});
        ASSERT_EQ(r.code, 0) << r.out << r.err;
    }
    int kept = 0;
    for (const auto& e : fs::directory_iterator(p.dir / "b")) kept += fs::exists(e.path() / "manifest.json");
    EXPECT_EQ(kept, 2);
    auto data = dump_data(db.name);
    db.sql("DELETE FROM t WHERE id > 100; CREATE TABLE extra (x int)");
    auto r = p.db("restore", {"--dsn", db.dsn, "--clean"});
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_EQ(dump_data(db.name)["public.t"], data["public.t"]);
    auto done = p.events("restore.done");
    EXPECT_EQ(done.back()["mode"], "clean");
    EXPECT_EQ(done.back()["kept_as"], "");
}
