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
NodePtr logs_check() {
    return s::map(check_fields({
        {"paths", s::list(s::str(), "Log files or globs (app.log*, /var/log/app/*.gz)."), true, ""},
        {"patterns", s::list(s::str(), "Error patterns (regular expressions); default: ERROR/FATAL/Exception..."), false, ""},
        {"allow", s::list(s::str(), "Known benign lines: a matching line that also matches one of these is not counted."), false, ""},
        {"ignore_case", s::boolean("Match patterns case-insensitively."), false, ""},
        {"max_matches", s::integer("Counted lines above which the check fails (default 0)."), false, ""},
        {"warn_matches", s::integer("Counted lines above which the check warns."), false, ""},
        {"since", s::str("Window start: RFC 3339 time, duration back from now, or deploy (journal's deploy.start)."), false, ""},
        {"timezone", s::choice({"utc", "local"}, "Zone of log timestamps that carry none (default utc)."), false, ""},
        {"evidence_lines", s::integer("First matching lines reported (default 5)."), false, ""},
        {"engine", s::choice({"auto", "hyperscan", "pcre2"}, "Pattern engine (default auto)."), false, ""},
        {"buffer_kib", s::integer("Read buffer in KiB (default 1024)."), false, ""},
    }));
}

NodePtr transaction_check() {
    return s::map(check_fields({
        {"scenario", s::str("Scenario file (YAML), relative to this file."), true, ""},
        {"dsn", s::dsn("Database for SQL steps; default database.dsn, then PG* variables."), false, ""},
        {"base_url", s::url("Base URL for HTTP steps' relative paths."), false, ""},
        {"vars", s::map_of(s::str()), false, "Variables for {{name}} placeholders (override the scenario's)."},
        {"headers", s::map_of(s::str()), false, "Headers added to every HTTP step (maintenance bypass header)."},
        {"ledger_dir", s::str("Cleanup ledgers (default: <journal>/ledger)."), false, ""},
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
                                                 {"logs", logs_check()},
                                                 {"transaction", transaction_check()},
                                             })),
         false, "The checks, in report order."},
    });
}

} // namespace compuerta::core::config
