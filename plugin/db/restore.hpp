#pragma once
// `compuerta db restore` (rollback step 2).
#include "core/cli/command.hpp"
#include "core/ports/db.hpp"

#include <map>
#include <string>
#include <vector>

namespace compuerta::plugin::db {

const core::cli::Command& restore_command();

// Tables whose row count in `s` differs from `expected`, one line each. Throws core::DbError.
std::vector<std::string> compare_row_counts(core::DbSession& s, const std::map<std::string, std::int64_t>& expected);

// Renames `target` to `keep_as` and `incoming` to `target` in one
// transaction, after refusing new connections to `target` and ending its
// sessions; retries while a session lingers. Throws core::DbError.
void swap_databases(core::DbSession& admin, const std::string& target, const std::string& incoming,
                    const std::string& keep_as, bool target_exists);

} // namespace compuerta::plugin::db
