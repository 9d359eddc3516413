#pragma once
// Test support: temp dirs, the throwaway cluster, running built programs.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::test {

// A fresh directory removed at scope exit.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

  private:
    std::filesystem::path m_path;
};

// Whether `text` contains `part` (what most output assertions ask).
bool contains(const std::string& text, const std::string& part);

void write_file(const std::filesystem::path& p, const std::string& content);
std::string read_file(const std::filesystem::path& p);

// The throwaway cluster's variables (PGHOST, PGPORT, PGUSER, PGPASSWORD,
// PGDATABASE, COMPUERTA_PG_BIN). Empty when the cluster is not running.
std::map<std::string, std::string> pg_env();
// A key=value DSN for `dbname` on the throwaway cluster (with password).
std::string pg_dsn(const std::string& dbname);
// Creates (dropping first) a database of the test's own; returns its DSN.
// `name` is made unique per process.
std::string create_test_database(const std::string& name);
// Runs psql with the cluster's variables; returns its standard output.
std::string psql(const std::string& dbname, const std::string& sql);

// A program's outcome: exit code (or 128+signal), captured output.
struct Run {
    int code = -1;
    std::string out;
    std::string err;
};

// Runs `program` (a bare name is looked up in COMPUERTA_BIN_DIR, then PATH)
// with `args`, the current environment plus `env` (a value "\x01" unsets),
// in `cwd` when given, for at most `timeout_s` seconds (then killed: code -9).
Run run(const std::string& program, const std::vector<std::string>& args,
        const std::map<std::string, std::string>& env = {}, const std::optional<std::filesystem::path>& cwd = {},
        int timeout_s = 120);

// Path of a built program: COMPUERTA_BIN_DIR/NAME.
std::string bin(const std::string& name);
// The shared/ folder beside the checkout (JUnit schemas), if present.
std::optional<std::filesystem::path> shared_dir();

} // namespace compuerta::test

// Skips the current test (reported as skipped by ctest via the return code
// when the whole binary skips) when the throwaway cluster is missing.
#define COMPUERTA_REQUIRE_PG()                                                                    \
    do {                                                                                          \
        if (::compuerta::test::pg_env().empty()) GTEST_SKIP() << "throwaway PostgreSQL not running"; \
    } while (0)
