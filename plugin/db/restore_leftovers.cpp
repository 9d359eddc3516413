#include "plugin/db/restore_leftovers.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::db {

std::vector<std::string> drop_restore_leftovers(core::DbSession& admin, const std::string& base) {
    std::string prefix = base + "_restore_";
    // A plain prefix comparison: '_' in a LIKE pattern would match any character.
    auto rows = admin.query("SELECT datname FROM pg_database WHERE left(datname, length($1)) = $1",
                            {prefix});
    std::vector<std::string> dropped;
    for (const auto& r : rows) {
        if (r.empty() || !r[0])
            continue;
        admin.exec(
            fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", core::quote_ident(*r[0])));
        dropped.push_back(*r[0]);
    }
    return dropped;
}

} // namespace compuerta::plugin::db
