#pragma once
// Driving PostgreSQL's own pg_dump and pg_restore through the Process port:
// connection parameters go through PG* variables (never a password on a
// command line), progress lines go to a callback, everything has a deadline.
#include "core/ports/process.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace compuerta::plugin::db {

using Progress = std::function<void(const std::string&)>;

struct PgTools {
    core::Process& process;
    std::string bin_dir;                      // empty: look pg_dump/pg_restore up on PATH
    std::map<std::string, std::string> env;   // PG* variables of the database (core::Db::to_env)
    Progress progress;                        // one human line at a time

    std::string program(const std::string& name) const;
};

// pg_dump of the database in `tools.env` to `out` (a directory for
// "directory", a file for "custom") with `jobs` parallel jobs (directory
// only). `tables` is the number of tables, for progress. Error: the tool's
// last lines of output.
core::Result<core::ProcessResult> run_pg_dump(const PgTools& tools, const std::string& format, int jobs,
                                              const std::filesystem::path& out, int tables,
                                              const core::Deadline& deadline);

// Reads the whole dump back with `pg_restore --file` into a pipe (every
// byte decompressed), counting each table's COPY rows on the way. Error when
// pg_restore fails (a corrupt or truncated dump) naming what it said.
core::Result<std::map<std::string, std::int64_t>> read_back(const PgTools& tools, const std::filesystem::path& dump,
                                                            const core::Deadline& deadline);

// pg_restore into the database in `tools.env` with `jobs` jobs; `clean`
// drops the objects first (in-place restore). Stops at the first error.
core::Result<core::ProcessResult> run_pg_restore(const PgTools& tools, const std::filesystem::path& dump, int jobs,
                                                 bool clean, int tables, const core::Deadline& deadline);

// Counts the rows of every COPY block in pg_restore's SQL output, fed in
// arbitrary chunks. Keys are the table names as pg_restore prints them
// ("public.alumnos", quoted when needed), usable in SQL as they are.
class CopyCounter {
  public:
    void feed(std::string_view chunk);
    void finish(); // the last line may lack its newline
    const std::map<std::string, std::int64_t>& counts() const { return m_counts; }
    std::uint64_t bytes() const { return m_bytes; }

  private:
    void line(std::string_view l);
    std::string m_partial;
    std::string m_table;
    bool m_in_copy = false;
    std::int64_t m_rows = 0;
    std::uint64_t m_bytes = 0;
    std::map<std::string, std::int64_t> m_counts;
};

} // namespace compuerta::plugin::db
