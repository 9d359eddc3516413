#pragma once
// Flyway's conventions, so a team that used Flyway keeps its history:
// file names (V1__init.sql, V1.1__add_column.sql, R__views.sql), version
// ordering, and the checksum Flyway stores (CRC-32 over each line's UTF-8
// bytes without its line ending, BOM stripped, as a signed 32-bit integer).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace compuerta::plugin::db {

// A dotted version ("1", "1.1", "2026.11.28"); "1_1" in a file name reads as "1.1".
class Version {
  public:
    // nullopt unless `text` is digit groups separated by '.' or '_'.
    static std::optional<Version> parse(std::string_view text);
    const std::string& text() const { return m_text; } // normalised with '.'
    // Numeric, group by group; trailing zero groups do not count (1.0 == 1).
    int compare(const Version& other) const;
    bool operator<(const Version& o) const { return compare(o) < 0; }
    bool operator==(const Version& o) const { return compare(o) == 0; }

  private:
    std::string m_text;
    std::vector<std::string> m_parts; // digits without leading zeros
};

struct MigrationFile {
    std::filesystem::path path;
    std::string script;                 // file name, as Flyway's `script` column
    std::optional<Version> version;     // none for repeatable (R__)
    std::string description;            // "add column" from V2__add_column.sql
    std::int32_t checksum = 0;
    bool in_transaction = true;         // false: `-- compuerta:no-transaction` or executeInTransaction=false
    std::string sql;

    bool repeatable() const { return !version.has_value(); }
};

// Parses a file name; nullopt when it is not a Flyway migration name
// (V<version>__<description>.sql or R__<description>.sql).
struct ParsedName {
    std::optional<Version> version;
    std::string description;
};
std::optional<ParsedName> parse_migration_name(const std::string& filename);

// Flyway's checksum of a script's bytes.
std::int32_t flyway_checksum(std::string_view content);

// True when the script opts out of the per-migration transaction: its first
// non-blank line is `-- compuerta:no-transaction`, or a Flyway script config
// (`content` of NAME.sql.conf) says executeInTransaction=false.
bool opts_out_of_transaction(std::string_view sql, std::string_view script_conf);

// Reads every migration in `dir` (not recursive), versioned ones in version
// order then repeatables by description; each file is decoded from
// `encoding` to UTF-8 and loses a leading byte order mark before its
// checksum is taken. Throws UsageError for a missing directory, two files
// with the same version, a .sql file whose name is not a migration name
// (naming it and the expected form), or a file not valid in `encoding`
// (naming it and the byte offset).
std::vector<MigrationFile> load_migrations(const std::filesystem::path& dir, const std::string& encoding = "UTF-8");

} // namespace compuerta::plugin::db
