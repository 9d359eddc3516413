// Flyway names, versions and checksums. Checksums are checked against
// python3's zlib.crc32 over the same lines, computed here, independently.
#include "core/errors.hpp"
#include "plugin/db/flyway.hpp"
#include "tests/support/support.hpp"
#include "tests/unit/db/run_program.hpp"

#include <gtest/gtest.h>

using namespace compuerta::plugin::db;
namespace t = compuerta::test;

namespace {

// Flyway's rule written in Python: lines split at \r\n, \r or \n (Java's
// readLine), BOM dropped from the first, CRC-32 over the UTF-8 bytes, signed.
constexpr const char* k_python = R"(import re, sys, zlib
for name in sys.argv[1:]:
    data = open(name, 'rb').read().decode('utf-8')
    if data.startswith('\ufeff'): data = data[1:]
    crc = 0
    for line in re.split(r'\r\n|\r|\n', data): crc = zlib.crc32(line.encode('utf-8'), crc)
    print(crc - (1 << 32) if crc >= (1 << 31) else crc)
)";

// One python3 run for all scripts (interpreter start-up is the slow part).
std::vector<std::int32_t> python_checksums(const std::vector<std::string>& contents) {
    t::TempDir dir;
    std::vector<std::string> argv{"python3", "-c", k_python};
    for (std::size_t i = 0; i < contents.size(); ++i) {
        t::write_file(dir / std::to_string(i), contents[i]);
        argv.push_back((dir / std::to_string(i)).string());
    }
    auto r = t::run_program(argv);
    if (r.code != 0) throw std::runtime_error("python3 failed: " + r.err);
    std::vector<std::int32_t> out;
    std::size_t pos = 0;
    while (pos < r.out.size()) {
        auto nl = r.out.find('\n', pos);
        out.push_back(static_cast<std::int32_t>(std::stol(r.out.substr(pos, nl - pos))));
        pos = nl + 1;
    }
    return out;
}

} // namespace

TEST(DbFlyway, ChecksumMatchesPythonZlibForEveryLineEnding) {
    const std::vector<std::string> scripts = {
        "CREATE TABLE a (id int);\n",
        "CREATE TABLE a (id int);",                                    // no final newline: same lines
        "CREATE TABLE a (id int);\r\nINSERT INTO a VALUES (1);\r\n",  // Windows
        "-- old Mac\rSELECT 1;\r",
        "\xEF\xBB\xBF-- con BOM\nSELECT 'Gómez Núñez';\n",             // BOM and UTF-8
        "\n\n\nSELECT 1;\n\n",                                          // blank lines add nothing
        "",
    };
    auto expected = python_checksums(scripts);
    ASSERT_EQ(expected.size(), scripts.size());
    for (std::size_t i = 0; i < scripts.size(); ++i) EXPECT_EQ(flyway_checksum(scripts[i]), expected[i]) << scripts[i];
    // Line endings and a final newline do not change the checksum; content does.
    EXPECT_EQ(flyway_checksum("a\nb\n"), flyway_checksum("a\r\nb"));
    EXPECT_NE(flyway_checksum("a\nb\n"), flyway_checksum("a\nb \n"));
    EXPECT_EQ(flyway_checksum("\xEF\xBB\xBFSELECT 1;"), flyway_checksum("SELECT 1;"));
}

TEST(DbFlyway, ExampleMigrationsChecksumLikePython) {
    auto files = load_migrations(std::string(COMPUERTA_SOURCE_DIR) + "/examples/sep-muses/db/migrations");
    ASSERT_GE(files.size(), 3u);
    std::vector<std::string> sql;
    for (const auto& f : files) sql.push_back(f.sql);
    auto expected = python_checksums(sql);
    for (std::size_t i = 0; i < files.size(); ++i) EXPECT_EQ(files[i].checksum, expected[i]) << files[i].script;
    EXPECT_EQ(files[0].script, "V1__esquema_inicial.sql");
    EXPECT_EQ(files[0].description, "esquema inicial");
}

TEST(DbFlyway, ParsesNamesAsFlywayDoes) {
    auto v = parse_migration_name("V1_1__add_column.sql");
    ASSERT_TRUE(v && v->version);
    EXPECT_EQ(v->version->text(), "1.1");
    EXPECT_EQ(v->description, "add column");
    auto r = parse_migration_name("R__views.sql");
    ASSERT_TRUE(r);
    EXPECT_FALSE(r->version);
    EXPECT_EQ(r->description, "views");
    EXPECT_FALSE(parse_migration_name("V1_init.sql"));
    EXPECT_FALSE(parse_migration_name("Vx__init.sql"));
    EXPECT_FALSE(parse_migration_name("U1__undo.sql"));
    EXPECT_FALSE(parse_migration_name("V1__init.txt"));
}

TEST(DbFlyway, VersionsCompareNumerically) {
    auto v = [](const char* s) { return *Version::parse(s); };
    EXPECT_TRUE(v("1.2") < v("1.10"));
    EXPECT_TRUE(v("2") < v("10"));
    EXPECT_TRUE(v("1.0") == v("1"));
    EXPECT_TRUE(v("1.01") == v("1.1"));
    EXPECT_FALSE(Version::parse("1..2"));
    EXPECT_FALSE(Version::parse(""));
}

TEST(DbFlyway, LoadsInOrderAndRefusesBadNames) {
    t::TempDir dir;
    t::write_file(dir / "V10__ten.sql", "SELECT 10;");
    t::write_file(dir / "V2__two.sql", "SELECT 2;");
    t::write_file(dir / "V1.1__one_one.sql", "\n-- compuerta:no-transaction\nCREATE INDEX CONCURRENTLY x ON t (a);");
    t::write_file(dir / "R__views.sql", "SELECT 'r';");
    t::write_file(dir / "V3__three.sql", "SELECT 3;");
    t::write_file(dir / "V3__three.sql.conf", "executeInTransaction=false\n");
    t::write_file(dir / "notes.txt", "ignored");
    auto files = load_migrations(dir.path());
    std::vector<std::string> order;
    for (const auto& f : files) order.push_back(f.script);
    EXPECT_EQ(order, (std::vector<std::string>{"V1.1__one_one.sql", "V2__two.sql", "V3__three.sql", "V10__ten.sql",
                                               "R__views.sql"}));
    EXPECT_FALSE(files[0].in_transaction);
    EXPECT_TRUE(files[1].in_transaction);
    EXPECT_FALSE(files[2].in_transaction);

    t::write_file(dir / "V2.0__dup.sql", "SELECT 2;");
    EXPECT_THROW(load_migrations(dir.path()), compuerta::core::UsageError);
    std::filesystem::remove(dir / "V2.0__dup.sql");
    t::write_file(dir / "fix.sql", "SELECT 1;");
    try {
        load_migrations(dir.path());
        FAIL() << "a .sql file with a bad name must stop the run";
    } catch (const compuerta::core::UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("fix.sql"), std::string::npos);
    }
}
