// db backup and db migrate speak the run's language (issue 12): a real
// backup and real migrations on the throwaway cluster, run through the
// built commands with --lang es and in English, under a C locale.
#include "tests/integration/db/db_it_support.hpp"
#include "tests/support/support.hpp"

#include <gtest/gtest.h>

using namespace compuerta::test;
using namespace compuerta::test::db;

namespace {

} // namespace

TEST(DbMessages, BackupAndMigrateInSpanishWithPluralForms) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("msg_es");
    Pipeline p;
    p.env["LANG"] = "C.UTF-8";
    p.env["LC_ALL"] = "C.UTF-8";
    auto b = p.db("backup", {"--dsn", db.dsn, "--dir", (p.dir / "b").string(), "--lang", "es"});
    ASSERT_EQ(b.code, 0) << b.out << b.err;
    EXPECT_TRUE(contains(b.out, "Respaldo completo de la base de datos  (")) << b.out;
    EXPECT_TRUE(contains(b.out, db.name + " respaldada y verificada: ")) << b.out;
    EXPECT_TRUE(contains(b.out, " 0 tablas, 0 filas; manifiesto ")) << b.out;
    EXPECT_TRUE(contains(b.err, "volcando " + db.name)) << "progress in Spanish: " << b.err;

    // One migration: the singular form.
    auto one = p.db("migrate", {"--dsn", db.dsn, "--dir", examples_migrations(), "--target", "1",
                                "--lang", "es"});
    ASSERT_EQ(one.code, 0) << one.out << one.err;
    EXPECT_TRUE(
        contains(one.out, db.name + ": versión ninguna, 1 pendiente hasta la versión objetivo 1"))
        << one.out;
    EXPECT_TRUE(contains(one.out, "  aplicada  V1 esquema inicial")) << one.out;
    EXPECT_TRUE(contains(one.out, "Migraciones DDL/DML  (")) << one.out;
    EXPECT_TRUE(contains(one.out, db.name + " migrada de la versión ninguna a la 1 (1 migración)"))
        << one.out;
    EXPECT_TRUE(contains(one.err, "revisión del respaldo: respaldo verificado ")) << one.err;

    // Two more: the plural form; the journal keeps its identifiers.
    auto two =
        p.db("migrate", {"--dsn", db.dsn, "--dir", examples_migrations()}); // COMPUERTA_LANG below
    ASSERT_EQ(two.code, 0) << two.out << two.err;
    EXPECT_TRUE(contains(two.out, db.name + " migrated from version 1 to 3 (2 migrations)")) << two.out;
    EXPECT_FALSE(contains(two.out, "(s)")) << two.out;
    EXPECT_TRUE(contains(two.out, "DDL/DML migrations  (")) << two.out;
    auto done = p.events("migrate.done");
    ASSERT_EQ(done.size(), 2u);
    EXPECT_EQ(done[0]["from_version"], "none") << "the journal's values stay identifiers";
    EXPECT_EQ(done[1]["to_version"], "3");

    p.env["COMPUERTA_LANG"] = "es";
    auto again = p.db("migrate", {"--dsn", db.dsn, "--dir", examples_migrations()});
    EXPECT_EQ(again.code, 0);
    EXPECT_TRUE(contains(again.out, db.name + " está al día en la versión 3; no hay nada que hacer"))
        << again.out;
}

TEST(DbMessages, AFreshDatabaseMigratesFromNoneInBothLanguages) {
    COMPUERTA_REQUIRE_PG();
    for (const char* lang : {"es", "en"}) {
        TestDb db(std::string("msg_none_") + lang);
        Pipeline p;
        p.env["LANG"] = "C.UTF-8";
        ASSERT_EQ(p.db("backup", {"--dsn", db.dsn, "--dir", (p.dir / "b").string(), "-q"}).code, 0);
        auto r = p.db("migrate", {"--dsn", db.dsn, "--dir", examples_migrations(), "--lang", lang});
        ASSERT_EQ(r.code, 0) << r.out << r.err;
        if (std::string(lang) == "es")
            EXPECT_TRUE(
                contains(r.out, db.name + " migrada de la versión ninguna a la 3 (3 migraciones)"))
                << r.out;
        else
            EXPECT_TRUE(contains(r.out, db.name + " migrated from version none to 3 (3 migrations)"))
                << r.out;
    }
}

TEST(DbMessages, RefusalAndHelpInSpanish) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("msg_refuse");
    Pipeline p;
    p.env["LANG"] = "C.UTF-8";
    auto r = p.db("migrate", {"--dsn", db.dsn, "--dir", examples_migrations(), "--lang", "es"});
    EXPECT_EQ(r.code, 3) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "no hay un respaldo verificado de la base de datos " + db.name))
        << r.out;
    EXPECT_TRUE(contains(r.out, "Ejecute antes `compuerta db backup`")) << r.out;
    EXPECT_TRUE(contains(r.out, ". No se cambió nada")) << r.out;
    EXPECT_FALSE(contains(r.out, "Nothing was changed")) << r.out;

    auto help = p.db("migrate", {"--help", "--lang", "es"});
    EXPECT_EQ(help.code, 0);
    EXPECT_TRUE(
        contains(help.out,
            "Aplica las migraciones SQL pendientes, compatible con Flyway (paso 3 del plan)."))
        << help.out;
    EXPECT_TRUE(contains(help.out, "los marcadores ${name}"))
        << "a literal brace renders as one: " << help.out;
    EXPECT_TRUE(contains(help.out, "directorio de migraciones")) << help.out;
    EXPECT_TRUE(contains(help.out, "versión que se despliega")) << "the shared --tag: " << help.out;
    auto en = p.db("backup", {"--help"});
    EXPECT_TRUE(contains(en.out, "Take a verified, checksummed backup of the database (plan item 2.2)."))
        << en.out;
    EXPECT_TRUE(contains(en.out, "parallel pg_dump jobs")) << en.out;
}
