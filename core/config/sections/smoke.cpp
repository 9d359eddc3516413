#include "core/config/schema.hpp"

namespace compuerta::core::config {

namespace {
NodePtr postgres_check() {
    return s::map(check_fields({
        {"dsn", s::dsn("Connection string; default database.dsn, then PG* variables."), false, ""},
        {"query", s::str("Query to run (default SELECT 1)."), false, ""},
        {"warn_latency", s::duration("Connect latency above which the check warns."), false, ""},
        {"crit_latency", s::duration("Connect latency above which the check fails."), false, ""},
    }));
}
} // namespace

NodePtr section_smoke() {
    return s::map({
        {"concurrency", s::integer("Checks run at once (default 8)."), false, ""},
        {"timeout", s::duration("Default per-check timeout (default 10s)."), false, ""},
        {"deadline", s::duration("Whole-suite deadline."), false, ""},
        {"checks", s::list(s::one_of("kind", {
                                                 {"postgres", postgres_check()},
                                             })),
         false, "The checks, in report order."},
    });
}

} // namespace compuerta::core::config
