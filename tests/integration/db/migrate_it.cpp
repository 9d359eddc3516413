// db migrate and db status against a real PostgreSQL: Flyway history,
// backup requirement, failures that leave nothing half-done, the lock.
#include "tests/integration/db/db_it_support.hpp"

#include <chrono>
#include <gtest/gtest.h>
#include <thread>

using namespace compuerta::test;
using namespace compuerta::test::db;
namespace fs = std::filesystem;

namespace {

// The DDL Flyway 9 runs on PostgreSQL for its history table.
constexpr const char* k_flyway_ddl = R"(
CREATE TABLE "public"."flyway_schema_history" (
    "installed_rank" INT NOT NULL, "version" VARCHAR(50), "description" VARCHAR(200) NOT NULL,
    "type" VARCHAR(20) NOT NULL, "script" VARCHAR(1000) NOT NULL, "checksum" INTEGER,
    "installed_by" VARCHAR(100) NOT NULL, "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
    "execution_time" INTEGER NOT NULL, "success" BOOLEAN NOT NULL);
ALTER TABLE "public"."flyway_schema_history" ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");
CREATE INDEX "flyway_schema_history_s_idx" ON "public"."flyway_schema_history" ("success");)";

std::string history(const TestDb& db) {
    return db.sql("SELECT string_agg(installed_rank || ':' || coalesce(version, 'R') || ':' || success, ',' ORDER BY "
                  "installed_rank) FROM flyway_schema_history");
}

} // namespace

TEST(DbMigrate, ContinuesAHistoryFlywayWrote) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("mig_flyway");
    Pipeline p;
    std::string v1 = read_file(examples_migrations() + "/V1__esquema_inicial.sql");
    db.sql(v1);
    db.sql(k_flyway_ddl);
    db.sql("INSERT INTO flyway_schema_history VALUES (1, '1', 'esquema inicial', 'SQL', 'V1__esquema_inicial.sql', " +
           std::to_string(python_checksum(v1)) + ", 'flyway', now(), 12, true)");
    db.sql("INSERT INTO alumnos (curp, nombre, primer_apellido, fecha_nacimiento) VALUES "
           "('GOMC150312HDFRRR05', ' Carlos ', 'Gómez', '2015-03-12')");

    auto r = p.db("migrate", {"--dsn", db.dsn, "--dir", examples_migrations(), "--no-backup-check"});
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(r.err.find("--no-backup-check"), std::string::npos) << "the override is a visible warning";
    EXPECT_NE(r.out.find("WARN"), std::string::npos) << r.out;
    EXPECT_EQ(history(db), "1:1:true,2:2:true,3:3:true");
    for (const char* v : {"2", "3"}) {
        auto script = db.sql(std::string("SELECT script FROM flyway_schema_history WHERE version = '") + v + "'");
        EXPECT_EQ(db.sql(std::string("SELECT checksum FROM flyway_schema_history WHERE version = '") + v + "'"),
                  std::to_string(python_checksum(read_file(examples_migrations() + "/" + script))));
    }
    EXPECT_EQ(db.sql("SELECT nombre || '|' || primer_apellido FROM alumnos"), "CARLOS|GÓMEZ");
    EXPECT_EQ(db.sql("SELECT count(*) FROM pg_indexes WHERE indexname = 'alumnos_apellidos'"), "1");
    auto done = p.events("migrate.done");
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0]["from_version"], "1");
    EXPECT_EQ(done[0]["to_version"], "3");
    EXPECT_EQ(done[0]["applied"], nlohmann::json::array({"2", "3"}));

    auto again = p.db("migrate", {"--dsn", db.dsn, "--dir", examples_migrations(), "--no-backup-check"});
    EXPECT_EQ(again.code, 0);
    EXPECT_NE(again.out.find("nothing to do"), std::string::npos) << again.out;
}

TEST(DbMigrate, RefusesWithoutAVerifiedBackupOfThisWindow) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("mig_backup");
    Pipeline p;
    auto r = p.db("migrate", {"--dsn", db.dsn, "--dir", examples_migrations()});
    EXPECT_EQ(r.code, 3) << r.out << r.err;
    EXPECT_NE(r.out.find("no verified backup of database " + db.name), std::string::npos) << r.out;
    EXPECT_EQ(db.sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "0") << "nothing changed";

    ASSERT_EQ(p.db("backup", {"--dsn", db.dsn, "--dir", (p.dir / "b").string()}).code, 0);
    // A window opened after that backup: the backup no longer counts.
    p.append_event({{"ts", "2099-01-01T00:00:00.000Z"}, {"event", "window.open"}, {"status", "ok"}, {"run", "x"}});
    r = p.db("migrate", {"--dsn", db.dsn, "--dir", examples_migrations()});
    EXPECT_EQ(r.code, 3) << r.out;
    EXPECT_NE(r.out.find("window's opening"), std::string::npos) << r.out;
    fs::remove(p.journal() / "other-command.jsonl");
    r = p.db("migrate", {"--dsn", db.dsn, "--dir", examples_migrations()});
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_EQ(history(db), "1:1:true,2:2:true,3:3:true");
}

TEST(DbMigrate, ChangedAppliedScriptStopsBeforeAnythingRuns) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("mig_changed");
    Pipeline p;
    fs::create_directories(p.dir / "m");
    write_file(p.dir / "m" / "V1__a.sql", "CREATE TABLE a (id int);\n");
    ASSERT_EQ(p.db("migrate", {"--dsn", db.dsn, "--dir", (p.dir / "m").string(), "--no-backup-check"}).code, 0);
    write_file(p.dir / "m" / "V1__a.sql", "CREATE TABLE a (id bigint);\n");
    write_file(p.dir / "m" / "V2__b.sql", "CREATE TABLE b (id int);\n");
    auto r = p.db("migrate", {"--dsn", db.dsn, "--dir", (p.dir / "m").string(), "--no-backup-check"});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("V1__a.sql was changed after it was applied"), std::string::npos) << r.out;
    EXPECT_EQ(db.sql("SELECT to_regclass('b') IS NULL"), "t");
    EXPECT_EQ(p.db("status", {"--dsn", db.dsn, "--dir", (p.dir / "m").string()}).code, 1);
}

TEST(DbMigrate, FailureHalfwayLeavesSchemaAndHistoryAtThePreviousVersion) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("mig_half");
    Pipeline p;
    fs::create_directories(p.dir / "m");
    write_file(p.dir / "m" / "V1__a.sql", "CREATE TABLE a (id int);\n");
    write_file(p.dir / "m" / "V2__b.sql", "CREATE TABLE b (id int);\nALTER TABLE a ADD c int;\nSELEC oops;\n");
    auto r = p.db("migrate", {"--dsn", db.dsn, "--dir", (p.dir / "m").string(), "--no-backup-check"});
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("V2 (" + (p.dir / "m" / "V2__b.sql").string() + ") failed"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("rolled back"), std::string::npos);
    EXPECT_EQ(history(db), "1:1:true");
    EXPECT_EQ(db.sql("SELECT to_regclass('b') IS NULL"), "t");
    EXPECT_EQ(db.sql("SELECT count(*) FROM information_schema.columns WHERE table_name = 'a'"), "1");
    auto done = p.events("migrate.done");
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0]["status"], "fail");
    EXPECT_EQ(done[0]["applied"], nlohmann::json::array({"1"})) << "V1 ran and stays";
    EXPECT_EQ(done[0]["to_version"], "1");

    // A first migration that fails leaves not even the history table.
    TestDb fresh("mig_half_fresh");
    write_file(p.dir / "m" / "V1__a.sql", "CREATE TABLE a (id int);\nSELEC oops;\n");
    EXPECT_EQ(p.db("migrate", {"--dsn", fresh.dsn, "--dir", (p.dir / "m").string(), "--no-backup-check"}).code, 1);
    EXPECT_EQ(fresh.sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "0");
}

TEST(DbMigrate, KilledBeforeCommitLeavesThePreviousVersion) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("mig_kill");
    Pipeline p;
    fs::create_directories(p.dir / "m");
    write_file(p.dir / "m" / "V1__a.sql", "CREATE TABLE a (id int);\n");
    write_file(p.dir / "m" / "V2__b.sql", "CREATE TABLE b (id int);\nALTER TABLE a ADD c int;\n");
    p.env["COMPUERTA_DB_TEST_HOOK"] = "kill@before-commit:2";
    auto r = p.db("migrate", {"--dsn", db.dsn, "--dir", (p.dir / "m").string(), "--no-backup-check"});
    EXPECT_EQ(r.code, 128 + 9) << r.out << r.err;
    // The server notices the dead client and rolls back; wait for its session to end.
    for (int i = 0; i < 100 && db.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                      "AND pid <> pg_backend_pid()") != "0";
         ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(history(db), "1:1:true");
    EXPECT_EQ(db.sql("SELECT to_regclass('b') IS NULL"), "t");
    p.env.erase("COMPUERTA_DB_TEST_HOOK");
    r = p.db("migrate", {"--dsn", db.dsn, "--dir", (p.dir / "m").string(), "--no-backup-check"});
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_EQ(history(db), "1:1:true,2:2:true");
}

TEST(DbMigrate, TwoRunsAtOnceNeverBothRun) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("mig_twice");
    Pipeline a, b;
    fs::path gate = a.dir / "go";
    a.env["COMPUERTA_DB_TEST_HOOK"] = "pause@after-lock";
    a.env["COMPUERTA_DB_TEST_HOOK_FILE"] = gate.string();
    compuerta::test::Run first;
    std::thread t([&] { first = a.db("migrate", {"--dsn", db.dsn, "--dir", examples_migrations(), "--no-backup-check"}); });
    // Both runs go through run_program (the Process port), safe from two threads.
    for (int i = 0; i < 600 && !fs::exists(gate.string() + ".held"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (!fs::exists(gate.string() + ".held")) {
        write_file(gate, "go");
        t.join();
        FAIL() << "the first run never reached its lock: " << first.out << first.err;
    }
    auto second = b.db("migrate", {"--dsn", db.dsn, "--dir", examples_migrations(), "--no-backup-check", "--lock-wait", "1s"});
    write_file(gate, "go");
    t.join();
    EXPECT_EQ(second.code, 3) << second.out << second.err;
    EXPECT_NE(second.out.find("holds the lock for database " + db.name), std::string::npos) << second.out;
    EXPECT_NE(second.out.find("compuerta-db-lock"), std::string::npos) << "names the holder: " << second.out;
    EXPECT_EQ(first.code, 0) << first.out << first.err;
    EXPECT_EQ(history(db), "1:1:true,2:2:true,3:3:true");
}

TEST(DbMigrate, FailedConcurrentIndexIsReportedNextRun) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("mig_cic");
    Pipeline p;
    fs::create_directories(p.dir / "m");
    write_file(p.dir / "m" / "V1__t.sql", "CREATE TABLE t (a int);\nINSERT INTO t VALUES (1), (1);\n");
    write_file(p.dir / "m" / "V2__idx.sql",
               "-- compuerta:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY t_a ON t (a);\n");
    auto r = p.db("migrate", {"--dsn", db.dsn, "--dir", (p.dir / "m").string(), "--no-backup-check"});
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("ran outside a transaction"), std::string::npos) << r.out;
    EXPECT_EQ(history(db), "1:1:true");
    r = p.db("migrate", {"--dsn", db.dsn, "--dir", (p.dir / "m").string(), "--no-backup-check"});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("index public.t_a is INVALID"), std::string::npos) << r.out;
    auto s = p.db("status", {"--dsn", db.dsn, "--dir", (p.dir / "m").string()});
    EXPECT_EQ(s.code, 1);
    EXPECT_NE(s.out.find("public.t_a is INVALID"), std::string::npos) << s.out;
}

TEST(DbMigrate, DryRunAndTargetAndStatus) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("mig_dry");
    Pipeline p;
    auto r = p.db("migrate", {"--dsn", db.dsn, "--dir", examples_migrations(), "--dry-run",
                              "--json", (p.dir / "dry.json").string()});
    // No verified backup: a dry run exits as the real run would (3), saying what it would do.
    EXPECT_EQ(r.code, 3) << r.out << r.err;
    EXPECT_NE(r.out.find("would run V2 telefono de contacto"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("a real run would refuse"), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("dry run: a real run would refuse"), std::string::npos) << r.out;
    EXPECT_EQ(db.sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "0");
    EXPECT_TRUE(p.events("migrate.done").empty());
    auto dry = nlohmann::json::parse(read_file(p.dir / "dry.json"));
    EXPECT_EQ(dry["exit_code"], 3);
    EXPECT_EQ(dry["suites"][0]["checks"][0]["status"], "error");
    EXPECT_TRUE(dry["suites"][0]["checks"][0]["evidence"]["pending"].is_number_integer())
        << dry.dump();
    EXPECT_EQ(dry["suites"][0]["checks"][0]["evidence"]["dry_run"], true);
    // With the override the real run would go ahead: so does the dry run.
    EXPECT_EQ(p.db("migrate", {"--dsn", db.dsn, "--dir", examples_migrations(), "--dry-run",
                               "--no-backup-check"})
                  .code,
              0);
    EXPECT_EQ(db.sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "0");

    EXPECT_EQ(p.db("migrate", {"--dsn", db.dsn, "--dir", examples_migrations(), "--target", "2", "--no-backup-check"}).code, 0);
    EXPECT_EQ(history(db), "1:1:true,2:2:true");
    ASSERT_EQ(p.db("backup", {"--dsn", db.dsn, "--dir", (p.dir / "b").string()}).code, 0);
    auto s = p.db("status", {"--dsn", db.dsn, "--dir", examples_migrations(), "--json",
                             (p.dir / "status.json").string()});
    EXPECT_EQ(s.code, 0) << s.out << s.err;
    EXPECT_NE(s.out.find("version 2"), std::string::npos) << s.out;
    EXPECT_NE(s.out.find("pending   normaliza nombres"), std::string::npos) << s.out;
    EXPECT_NE(s.out.find("newest verified backup: " + (p.dir / "b").string()), std::string::npos) << s.out;
    // --json: what it showed, typed.
    auto st = nlohmann::json::parse(read_file(p.dir / "status.json"));
    EXPECT_EQ(st["exit_code"], 0);
    const auto& checks = st["suites"][0]["checks"];
    ASSERT_EQ(checks.size(), 3u) << st.dump(2);
    EXPECT_EQ(checks[0]["id"], "migrations");
    EXPECT_EQ(checks[0]["status"], "pass");
    EXPECT_EQ(checks[0]["evidence"]["version"], "2");
    EXPECT_EQ(checks[0]["evidence"]["applied"], 2);
    EXPECT_EQ(checks[0]["evidence"]["pending"], 1);
    EXPECT_EQ(checks[0]["evidence"]["problems"], 0);
    EXPECT_EQ(checks[1]["id"], "backup");
    EXPECT_EQ(checks[1]["status"], "pass");
    EXPECT_TRUE(checks[1]["evidence"]["age_minutes"].is_number_integer());
    EXPECT_EQ(checks[2]["id"], "window");
    EXPECT_EQ(checks[2]["evidence"]["open"], false);
}

TEST(DbMigrate, FlywayParityBomAndPlaceholders) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("mig_parity");
    Pipeline p;
    fs::path dir = p.dir / "mig";
    fs::create_directories(dir);
    // As an editor on Windows saves them: a UTF-8 byte order mark first.
    std::string v1 = "\xEF\xBB\xBF" "CREATE TABLE ${tabla} (nombre text, esquema text, usuario text, base text);\n"
                     "INSERT INTO ${tabla} VALUES ('${flyway:filename}', '${flyway:defaultSchema}', '${flyway:user}',\n"
                     "  '${flyway:database}');\n";
    std::string r = "\xEF\xBB\xBF" "CREATE OR REPLACE VIEW v_${tabla} AS SELECT nombre, '${grado}' AS grado FROM ${tabla};\n";
    write_file(dir / "V1__con_bom.sql", v1);
    write_file(dir / "R__vista.sql", r);
    auto config = [&](const std::string& grado) {
        write_file(p.dir / "c.yml", "database:\n  migrations:\n    placeholders:\n      tabla: alumnos_prueba\n"
                                    "      grado: \"" + grado + "\"\n");
    };
    config("3");
    auto migrate = [&] {
        return p.db("migrate", {"-c", (p.dir / "c.yml").string(), "--dsn", db.dsn, "--dir", dir.string(),
                                "--no-backup-check"});
    };
    auto first = migrate();
    ASSERT_EQ(first.code, 0) << first.out << first.err;
    EXPECT_EQ(db.sql("SELECT nombre || '|' || esquema || '|' || usuario || '|' || base FROM alumnos_prueba"),
              "V1__con_bom.sql|public|" + db.sql("SELECT current_user") + "|" + db.name);
    EXPECT_EQ(db.sql("SELECT grado FROM v_alumnos_prueba"), "3");
    // Versioned: the checksum of the file as written; repeatable: after replacement.
    EXPECT_EQ(db.sql("SELECT checksum FROM flyway_schema_history WHERE version = '1'"),
              std::to_string(python_checksum(v1)));
    std::string replaced = "CREATE OR REPLACE VIEW v_alumnos_prueba AS SELECT nombre, '3' AS grado FROM alumnos_prueba;\n";
    EXPECT_EQ(db.sql("SELECT checksum FROM flyway_schema_history WHERE version IS NULL"),
              std::to_string(python_checksum(replaced)));

    // A changed value runs the repeatable again; the versioned one stays applied.
    config("4");
    auto second = migrate();
    ASSERT_EQ(second.code, 0) << second.out << second.err;
    EXPECT_EQ(db.sql("SELECT grado FROM v_alumnos_prueba"), "4");
    EXPECT_EQ(history(db), "1:1:true,2:R:true,3:R:true");

    // An unknown placeholder: file and line named, nothing runs.
    write_file(dir / "V2__falta.sql", "ALTER TABLE alumnos_prueba\n  ADD COLUMN ${columna} text;\n");
    auto unknown = migrate();
    EXPECT_EQ(unknown.code, 2) << unknown.out << unknown.err;
    EXPECT_NE((unknown.out + unknown.err).find("V2__falta.sql:2: no value provided for placeholder ${columna}"),
              std::string::npos)
        << unknown.out << unknown.err;
    EXPECT_EQ(history(db), "1:1:true,2:R:true,3:R:true");
}

TEST(DbMigrate, FlywayParityEncoding) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("mig_latin1");
    Pipeline p;
    fs::path dir = p.dir / "mig";
    fs::create_directories(dir);
    // ISO-8859-1 bytes: ó = 0xF3, ñ = 0xF1.
    write_file(dir / "V1__latin1.sql", "CREATE TABLE t (a text);\nINSERT INTO t VALUES ('G\xF3mez N\xFA\xF1\x65z');\n");
    write_file(p.dir / "c.yml", "database:\n  migrations:\n    encoding: ISO-8859-1\n");
    auto r = p.db("migrate", {"-c", (p.dir / "c.yml").string(), "--dsn", db.dsn, "--dir", dir.string(),
                              "--no-backup-check"});
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_EQ(db.sql("SELECT a FROM t"), "Gómez Núñez");
    // Flyway's checksum is over the decoded text.
    EXPECT_EQ(db.sql("SELECT checksum FROM flyway_schema_history WHERE version = '1'"),
              std::to_string(python_checksum("CREATE TABLE t (a text);\nINSERT INTO t VALUES ('Gómez Núñez');\n")));
    // The same file read as UTF-8 (the default) is refused with its byte offset.
    auto bad = p.db("migrate", {"--dsn", db.dsn, "--dir", dir.string(), "--no-backup-check"});
    EXPECT_EQ(bad.code, 2) << bad.out << bad.err;
    EXPECT_NE((bad.out + bad.err).find("V1__latin1.sql: the byte at offset 49 (0xF3) is not valid UTF-8"),
              std::string::npos)
        << bad.out << bad.err;
}
