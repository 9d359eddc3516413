#pragma once
// Splits a script into statements for migrations that run outside a
// transaction (PostgreSQL runs a multi-statement query string as one
// implicit transaction, which CREATE INDEX CONCURRENTLY refuses).
#include <string>
#include <string_view>
#include <vector>

namespace compuerta::plugin::db {

// Statements without their terminating ';', comments kept, blank ones
// dropped. Understands quotes, E'' escapes, "identifiers", -- and nested
// /* */ comments, and $tag$ dollar quoting.
std::vector<std::string> split_statements(std::string_view sql);

} // namespace compuerta::plugin::db
