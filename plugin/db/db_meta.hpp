#pragma once
// Database-level properties that pg_dump leaves out without --create:
// settings (ALTER DATABASE ... SET), owner, privileges, comment, encoding
// and locale. Read from the source, applied to the restored database.
#include "core/ports/db.hpp"
#include "plugin/db/manifest.hpp"

#include <string>
#include <vector>

namespace compuerta::plugin::db {

// The properties of `database`, read through any session of the cluster. Throws core::DbError.
DatabaseMeta read_meta(core::DbSession& s, const std::string& database);

// The statements that give `database` the properties in `meta` (owner,
// settings, privileges, comment), for a session outside that database.
std::vector<std::string> apply_meta_sql(const std::string& database, const DatabaseMeta& meta);

// "search_path=a, \"b c\"" -> ALTER DATABASE ... SET search_path = 'a', 'b c' (as pg_dumpall writes it).
std::string set_clause(const std::string& setting);

} // namespace compuerta::plugin::db
