#pragma once
// Flyway's placeholders: `${name}` in a migration is replaced by a value from
// database.migrations.placeholders (flyway.placeholders.*) or a built-in
// (flyway:defaultSchema, flyway:user, flyway:database, flyway:timestamp,
// flyway:table, flyway:filename). A versioned migration's checksum is over
// the file before replacement, a repeatable one's after (so a changed value
// runs it again), as Flyway does.
#include "core/config/sections/database.hpp"
#include "plugin/db/flyway.hpp"

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace compuerta::plugin::db {

struct PlaceholderSettings {
    bool replace = true;                       // placeholder_replacement
    std::string prefix = "${";                 // placeholder_prefix
    std::string suffix = "}";                  // placeholder_suffix
    std::map<std::string, std::string> values; // placeholders, plus the built-ins once known
};

// database.migrations.{placeholders, placeholder_prefix, placeholder_suffix,
// placeholder_replacement}. Throws ConfigError for an empty prefix or suffix
// (naming `file`, the configuration file).
PlaceholderSettings placeholder_settings(const core::config::DatabaseSection& db,
                                         const std::string& file);

// Adds flyway:defaultSchema (`schema`, where the history table lives),
// flyway:user, flyway:database, flyway:timestamp (`now`, local time,
// "yyyy-MM-dd HH:mm:ss" as Flyway) and flyway:table.
void add_builtins(PlaceholderSettings& s, const std::string& schema, const std::string& user,
                  const std::string& database, const std::string& table,
                  std::chrono::system_clock::time_point now);

// `sql` with every placeholder replaced (flyway:filename is `file`'s name).
// Throws core::UsageError naming `file` and the line of a placeholder
// without a value, as Flyway's "No value provided for placeholder".
std::string replace_placeholders(std::string_view sql, const PlaceholderSettings& s,
                                 const MigrationFile& file);

// Repeatable migrations: sql replaced and the checksum taken after replacement.
void resolve_repeatables(std::vector<MigrationFile>& files, const PlaceholderSettings& s);

} // namespace compuerta::plugin::db
