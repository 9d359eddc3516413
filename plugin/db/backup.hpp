#pragma once
// `compuerta db backup` (plan item 2.2): pg_dump, read-back verification,
// SHA-256 manifest, atomic rename, retention.
#include "core/cli/command.hpp"

#include <filesystem>
#include <string>

namespace compuerta::plugin::db {

const core::cli::Command& backup_command();

// Removes the oldest complete backups of `database` in `dir` beyond `keep`
// (by the manifest's `finished`); returns the directories removed.
std::vector<std::filesystem::path> prune_backups(const std::filesystem::path& dir, const std::string& database, int keep);

// "2026-11-28T17:24:55.123Z" -> "20261128T172455.123Z" (a file-name stamp).
std::string file_stamp(const std::string& rfc3339);
// "2026-11-28T17:24:55.123Z" -> "20261128t172455123z" (a database-name stamp:
// sep_restore_..., sep_failed_...).
std::string database_stamp(const std::string& rfc3339);

} // namespace compuerta::plugin::db
