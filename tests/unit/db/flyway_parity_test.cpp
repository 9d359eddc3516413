// Flyway parity of the migration files: byte order mark, encoding and
// placeholders (issue cases: a BOM sent to PostgreSQL, ISO-8859-1 projects,
// ${name} placeholders with Flyway's built-ins).
#include "core/errors.hpp"
#include "plugin/db/encoding.hpp"
#include "plugin/db/flyway.hpp"
#include "plugin/db/placeholders.hpp"
#include "tests/support/support.hpp"

#include <functional>
#include <gtest/gtest.h>

using namespace compuerta::plugin::db;
namespace t = compuerta::test;

namespace {

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const compuerta::core::UsageError& e) {
        return e.what();
    }
    return "(no error)";
}

MigrationFile parity_file(const std::string& script, std::string sql) {
    MigrationFile m;
    m.path = "/db/" + script;
    m.script = script;
    auto parsed = parse_migration_name(script);
    m.version = parsed->version;
    m.description = parsed->description;
    m.sql = std::move(sql);
    m.checksum = flyway_checksum(m.sql);
    return m;
}

} // namespace

TEST(DbFlywayParity, ByteOrderMarkIsStrippedForVersionedAndRepeatable) {
    t::TempDir dir;
    t::write_file(dir / "V1__init.sql", "\xEF\xBB\xBF"
                                        "CREATE TABLE a (id int);\n");
    t::write_file(dir / "R__views.sql", "\xEF\xBB\xBF"
                                        "CREATE VIEW v AS SELECT 1;\n");
    auto files = load_migrations(dir.path());
    ASSERT_EQ(files.size(), 2u);
    EXPECT_EQ(files[0].sql, "CREATE TABLE a (id int);\n");
    EXPECT_EQ(files[1].sql, "CREATE VIEW v AS SELECT 1;\n");
    // Flyway's checksum already ignored the mark: unchanged.
    EXPECT_EQ(files[0].checksum, flyway_checksum("\xEF\xBB\xBF"
                                                 "CREATE TABLE a (id int);\n"));
}

TEST(DbFlywayParity, DecodesTheConfiguredEncodingBeforeTheChecksum) {
    t::TempDir dir;
    t::write_file(dir / "V1__latin1.sql", "INSERT INTO t VALUES ('G\xF3mez N\xFA\xF1\x65z');\n");
    auto files = load_migrations(dir.path(), "ISO-8859-1");
    ASSERT_EQ(files.size(), 1u);
    EXPECT_EQ(files[0].sql, "INSERT INTO t VALUES ('Gómez Núñez');\n");
    EXPECT_EQ(files[0].checksum, flyway_checksum("INSERT INTO t VALUES ('Gómez Núñez');\n"));
    EXPECT_EQ(decode_to_utf8(std::string_view("\xFF\xFE"
                                              "A\0",
                                              4),
                             "UTF-16", "x.sql"),
              "A"); // its BOM: byte order
}

TEST(DbFlywayParity, UndecodableFileIsRefusedWithFileAndByteOffset) {
    t::TempDir dir;
    t::write_file(dir / "V1__latin1.sql", "SELECT 'G\xF3mez';\n");
    std::string why = error_of([&] { load_migrations(dir.path()); });
    EXPECT_NE(why.find((dir / "V1__latin1.sql").string()), std::string::npos) << why;
    EXPECT_NE(why.find("offset 9 (0xF3) is not valid UTF-8"), std::string::npos) << why;
    // A character cut at the end of the file.
    why = error_of([] { decode_to_utf8("SELECT '\xC3", "UTF-8", "cut.sql"); });
    EXPECT_NE(why.find("cut.sql: the byte at offset 8"), std::string::npos) << why;
    EXPECT_NE(why.find("ends inside a character"), std::string::npos) << why;
    why = error_of([] { decode_to_utf8("x", "KLINGON-8", "x.sql"); });
    EXPECT_NE(why.find("database.migrations.encoding"), std::string::npos) << why;
}

TEST(DbFlywayParity, PlaceholdersWithFlywaysDefaultsAndBuiltIns) {
    PlaceholderSettings s;
    s.values["schema"] = "escolar";
    add_builtins(s, "public", "app", "sep_muses", "flyway_schema_history",
                 std::chrono::system_clock::from_time_t(1'700'000'000));
    auto m = parity_file("V2__grants.sql", "");
    EXPECT_EQ(replace_placeholders(
                  "GRANT USAGE ON SCHEMA ${schema} TO ${flyway:user}; -- ${flyway:filename}", s, m),
              "GRANT USAGE ON SCHEMA escolar TO app; -- V2__grants.sql");
    EXPECT_EQ(
        replace_placeholders("${flyway:defaultSchema}.${flyway:table}@${flyway:database}", s, m),
        "public.flyway_schema_history@sep_muses");
    std::string stamp = replace_placeholders("${flyway:timestamp}", s, m);
    EXPECT_EQ(stamp.size(), 19u) << stamp; // yyyy-MM-dd HH:mm:ss
    EXPECT_EQ(stamp[4], '-');
    EXPECT_EQ(stamp[13], ':');
    // Not placeholders: no name, or across a line end.
    EXPECT_EQ(replace_placeholders("SELECT '${}', '${a\nb}'", s, m), "SELECT '${}', '${a\nb}'");
    std::string why =
        error_of([&] { replace_placeholders("SELECT 1;\n\nSELECT '${missing}';\n", s, m); });
    EXPECT_NE(why.find("/db/V2__grants.sql:3: no value provided for placeholder ${missing}"),
              std::string::npos)
        << why;
    EXPECT_NE(why.find("database.migrations.placeholders.missing"), std::string::npos) << why;
    // Another prefix and suffix; replacement off.
    s.prefix = "#[";
    s.suffix = "]";
    EXPECT_EQ(replace_placeholders("#[schema] ${schema}", s, m), "escolar ${schema}");
    s.replace = false;
    EXPECT_EQ(replace_placeholders("#[nope]", s, m), "#[nope]");
}

TEST(DbFlywayParity, RepeatableChecksumIsAfterReplacementVersionedBefore) {
    PlaceholderSettings s;
    s.values["grado"] = "3";
    std::vector<MigrationFile> files = {
        parity_file("V1__t.sql", "CREATE TABLE t (g text DEFAULT '${grado}');\n"),
        parity_file("R__v.sql", "CREATE OR REPLACE VIEW v AS SELECT '${grado}';\n")};
    std::int32_t v_before = files[0].checksum;
    resolve_repeatables(files, s);
    EXPECT_EQ(files[0].checksum, v_before);
    EXPECT_EQ(files[0].sql,
              "CREATE TABLE t (g text DEFAULT '${grado}');\n"); // replaced when it runs
    EXPECT_EQ(files[1].sql, "CREATE OR REPLACE VIEW v AS SELECT '3';\n");
    EXPECT_EQ(files[1].checksum, flyway_checksum("CREATE OR REPLACE VIEW v AS SELECT '3';\n"));
    std::vector<MigrationFile> again = {
        parity_file("R__v.sql", "CREATE OR REPLACE VIEW v AS SELECT '${grado}';\n")};
    s.values["grado"] = "4";
    resolve_repeatables(again, s);
    EXPECT_NE(again[0].checksum, files[1].checksum) << "a changed value runs the repeatable again";
}
