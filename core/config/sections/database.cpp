#include "core/config/schema.hpp"

namespace compuerta::core::config {

NodePtr section_database() {
    return s::map({
        {"dsn", s::dsn("libpq connection string or URI of the production database."), false, ""},
        {"connect_timeout", s::duration("Deadline for connecting (default 5s)."), false, ""},
    });
}

} // namespace compuerta::core::config
