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
// Request and judgement fields the http and renapo kinds share.
std::vector<Field> http_common_fields(std::vector<Field> extra) {
    std::vector<Field> f = {
        {"headers", s::map_of(s::str(), "Request headers; values of credential headers are secrets."), false, ""},
        {"tls", s::map({
                    {"ca_file", s::str("CA bundle (PEM) that signed the server's certificate."), false, ""},
                    {"client_cert", s::str("Client certificate (PEM) for mTLS."), false, ""},
                    {"client_key", s::str("Client key (PEM) for mTLS."), false, ""},
                    {"client_key_password", s::secret("Passphrase of client_key."), false, ""},
                    {"insecure", s::boolean("Skip certificate verification (shows as warn)."), false, ""},
                }),
         false, ""},
        {"proxy", s::with_rule(s::url("Proxy URL; \"none\" disables the environment's proxy."), "url.proxy"), false, ""},
        {"no_proxy", s::str("Hosts that bypass the proxy (comma-separated)."), false, ""},
        {"follow_redirects", s::boolean("Follow 3xx redirects (default false)."), false, ""},
        {"max_redirects", s::integer("Redirects followed at most (default 10)."), false, ""},
        {"max_body", s::integer("Bytes of the body read at most (default 1 MiB)."), false, ""},
        {"bypass_maintenance", s::boolean("Send maintenance.bypass_header (default true)."), false, ""},
        {"warn_latency", s::duration("Total time above which the check warns."), false, ""},
        {"crit_latency", s::duration("Total time above which the check fails."), false, ""},
        {"cert_warn_days", s::integer("Warn when the certificate expires in fewer days (default 14)."), false, ""},
        {"cert_crit_days", s::integer("Fail when the certificate expires in fewer days (default 3)."), false, ""},
        {"retries", s::integer("Extra attempts after a failure (default 0)."), false, ""},
        {"backoff", s::duration("Wait before the first retry, doubled each time (default 500ms)."), false, ""},
    };
    f.insert(f.end(), extra.begin(), extra.end());
    return check_fields(f);
}

NodePtr http_check() {
    auto assertion = s::map({
        {"body_contains", s::str("The body contains this text."), false, ""},
        {"body_not_contains", s::str("The body does not contain this text."), false, ""},
        {"body_regex", s::with_rule(s::str("The body matches this PCRE2 pattern."), "regex.pcre2"),
         false, ""},
        {"json", s::with_rule(s::str("JSON pointer into the body (/estado)."), "json_pointer"),
         false, ""},
        {"xpath", s::with_rule(s::str("XPath into an XML/SOAP body."), "xpath"), false, ""},
        {"header", s::str("Answer header name."), false, ""},
        {"equals", s::str("The value equals this text."), false, ""},
        {"contains", s::str("The value contains this text."), false, ""},
        {"regex", s::with_rule(s::str("The value matches this PCRE2 pattern."), "regex.pcre2"),
         false, ""},
        {"exists", s::boolean("The value exists (true, default) or is absent (false)."), false, ""},
    });
    return s::map(http_common_fields({
        {"url", s::url("URL to request."), true, ""},
        {"method", s::choice({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}), false,
         ""},
        {"body", s::str("Request body."), false, ""},
        {"expect_status", s::list(s::integer(), "Accepted statuses (default any 2xx)."), false, ""},
        {"content_type", s::str("The Content-Type header must contain this."), false, ""},
        {"assert",
         s::list(s::with_rule(assertion, "http.assertion"),
                 "Assertions on the answer, all must hold."),
         false, ""},
    }));
}

NodePtr renapo_check() {
    return s::map(http_common_fields({
        {"endpoint", s::url("RENAPO service URL (JSON consult or SOAP ConsultaPorCurp)."), true, ""},
        {"shape", s::choice({"json", "soap"}, "Request/answer shape (default json)."), false, ""},
        {"curp", s::with_rule(s::str("Test CURP; validated locally (format, check digit)."), "curp"), true, ""},
        {"user", s::str("RENAPO user (SOAP usuario, JSON basic auth)."), false, ""},
        {"password", s::secret("RENAPO password."), false, ""},
        {"token", s::secret("Bearer token for the JSON consult."), false, ""},
        {"entity", s::str("SOAP cveEntidadEmisora."), false, ""},
        {"expect", s::choice({"found", "not_found"}, "What the lookup should find (default found)."), false, ""},
    }));
}

NodePtr logs_check() {
    return s::map(check_fields({
        {"paths", s::list(s::str(), "Log files or globs (app.log*, /var/log/app/*.gz)."), true, ""},
        {"patterns", s::list(s::with_rule(s::str(), "regex.logs"), "Error patterns (regular expressions); default: ERROR/FATAL/Exception..."), false, ""},
        {"allow", s::list(s::with_rule(s::str(), "regex.logs"), "Known benign lines: a matching line that also matches one of these is not counted."), false, ""},
        {"ignore_case", s::boolean("Match patterns case-insensitively."), false, ""},
        {"max_matches", s::integer("Counted lines above which the check fails (default 0)."), false, ""},
        {"warn_matches", s::integer("Counted lines above which the check warns."), false, ""},
        {"since", s::with_rule(s::str("Window start: RFC 3339 time, duration back from now, or deploy (journal's deploy.start)."), "since"), false, ""},
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
        {"checks", s::with_rule(s::list(s::one_of("kind", {
                                                 {"postgres", postgres_check()},
                                                 {"http", http_check()},
                                                 {"renapo", renapo_check()},
                                                 {"logs", logs_check()},
                                                 {"transaction", transaction_check()},
                                             })),
                                "smoke.checks"),
         false, "The checks, in report order."},
    });
}

} // namespace compuerta::core::config
