#pragma once
// Shared by the db integration tests: a database of the test's own, the
// commands run as a pipeline runs them, python's CRC-32 for Flyway checksums.
#include "tests/support/support.hpp"
#include "tests/unit/db/run_program.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace compuerta::test::db {

struct TestDb {
    std::string name;
    std::string dsn;
    explicit TestDb(const std::string& prefix); // created empty; dropped (with renamed copies) at scope exit
    ~TestDb();
    TestDb(const TestDb&) = delete;
    TestDb& operator=(const TestDb&) = delete;
    std::string sql(const std::string& query) const; // psql -At output, trimmed
};

// A working directory with its own journal; runs compuerta-db-* there.
struct Pipeline {
    TempDir dir;
    std::map<std::string, std::string> env{{"COMPUERTA_RUN", "it-run"}};
    std::filesystem::path journal() const { return dir / "journal"; }
    Run db(const std::string& sub, std::vector<std::string> args) const;
    std::vector<nlohmann::json> events(const std::string& name) const; // journal events named `name`
    void append_event(const nlohmann::json& e) const;                  // as another command would
};

// psql -At on `dbname` through run_program; throws with psql's error.
std::string db_psql(const std::string& dbname, const std::string& sql);

// Flyway's checksum of `content`, computed by python3's zlib.crc32.
std::int32_t python_checksum(const std::string& content);

std::string examples_migrations();
std::string trim(std::string s);

} // namespace compuerta::test::db
