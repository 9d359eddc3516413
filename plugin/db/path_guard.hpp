#pragma once
// Names from the server (a database may be called "../../etc" in
// PostgreSQL) never become a path outside the backup directory (issue 15
// item 11): one file-name component, no separators, never "." or "..".
#include <string>

namespace compuerta::plugin::db {

// `name` as one directory-name component: '/', '\\' and control bytes
// become '_', and a leading '.' becomes '_' (no hidden names, no "..").
std::string dir_component(const std::string& name);

} // namespace compuerta::plugin::db
