#pragma once
// A restore killed before its swap leaves its incoming database
// (<db>_restore_<time>) behind. The next restore of the same database, once
// it holds the advisory lock (so no other restore of it runs), drops them.
#include "core/ports/db.hpp"

#include <string>
#include <vector>

namespace compuerta::plugin::db {

// Drops every database named `base`_restore_*; returns their names. Throws DbError.
std::vector<std::string> drop_restore_leftovers(core::DbSession& admin, const std::string& base);

} // namespace compuerta::plugin::db
