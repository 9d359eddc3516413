#include "core/config/sections/smoke.hpp"

namespace compuerta::core::config {

namespace {
NodePtr postgres_check() {
    return s::map(check_fields({
        {"dsn", s::dsn("config.smoke.checks.postgres.dsn"), false, ""},
        {"query", s::str("config.smoke.checks.postgres.query"), false, ""},
        {"warn_latency", s::duration("config.smoke.checks.postgres.warn_latency"), false, ""},
        {"crit_latency", s::duration("config.smoke.checks.postgres.crit_latency"), false, ""},
    }));
}
// Request and judgement fields the http and renapo kinds share.
std::vector<Field> http_common_fields(std::vector<Field> extra) {
    std::vector<Field> f = {
        {"headers", s::map_of(s::str(), "config.smoke.checks.headers"), false, ""},
        {"tls", s::map({
                    {"ca_file", s::str("config.smoke.checks.tls.ca_file"), false, ""},
                    {"client_cert", s::str("config.smoke.checks.tls.client_cert"), false, ""},
                    {"client_key", s::str("config.smoke.checks.tls.client_key"), false, ""},
                    {"client_key_password", s::secret("config.smoke.checks.tls.client_key_password"), false, ""},
                    {"insecure", s::boolean("config.smoke.checks.tls.insecure"), false, ""},
                }),
         false, ""},
        {"proxy", s::with_rule(s::url("config.smoke.checks.proxy"), "url.proxy"), false, ""},
        {"no_proxy", s::str("config.smoke.checks.no_proxy"), false, ""},
        {"follow_redirects", s::boolean("config.smoke.checks.follow_redirects"), false, ""},
        {"max_redirects", s::integer("config.smoke.checks.max_redirects"), false, ""},
        {"max_body", s::integer("config.smoke.checks.max_body"), false, ""},
        {"bypass_maintenance", s::boolean("config.smoke.checks.bypass_maintenance"), false, ""},
        {"warn_latency", s::duration("config.smoke.checks.warn_latency"), false, ""},
        {"crit_latency", s::duration("config.smoke.checks.crit_latency"), false, ""},
        {"cert_warn_days", s::integer("config.smoke.checks.cert_warn_days"), false, ""},
        {"cert_crit_days", s::integer("config.smoke.checks.cert_crit_days"), false, ""},
        {"retries", s::integer("config.smoke.checks.retries"), false, ""},
        {"backoff", s::duration("config.smoke.checks.backoff"), false, ""},
    };
    f.insert(f.end(), extra.begin(), extra.end());
    return check_fields(f);
}

NodePtr http_check() {
    auto assertion = s::map({
        {"body_contains", s::str("config.smoke.checks.http.assert.body_contains"), false, ""},
        {"body_not_contains", s::str("config.smoke.checks.http.assert.body_not_contains"), false, ""},
        {"body_regex", s::with_rule(s::str("config.smoke.checks.http.assert.body_regex"), "regex.pcre2"),
         false, ""},
        {"json", s::with_rule(s::str("config.smoke.checks.http.assert.json"), "json_pointer"),
         false, ""},
        {"xpath", s::with_rule(s::str("config.smoke.checks.http.assert.xpath"), "xpath"), false, ""},
        {"header", s::str("config.smoke.checks.http.assert.header"), false, ""},
        {"equals", s::str("config.smoke.checks.http.assert.equals"), false, ""},
        {"contains", s::str("config.smoke.checks.http.assert.contains"), false, ""},
        {"regex", s::with_rule(s::str("config.smoke.checks.http.assert.regex"), "regex.pcre2"),
         false, ""},
        {"exists", s::boolean("config.smoke.checks.http.assert.exists"), false, ""},
    });
    return s::map(http_common_fields({
        {"url", s::url("config.smoke.checks.http.url"), true, ""},
        {"method", s::choice({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}), false,
         ""},
        {"body", s::str("config.smoke.checks.http.body"), false, ""},
        {"expect_status", s::list(s::integer(), "config.smoke.checks.http.expect_status"), false, ""},
        {"content_type", s::str("config.smoke.checks.http.content_type"), false, ""},
        {"assert",
         s::list(s::with_rule(assertion, "http.assertion"),
                 "config.smoke.checks.http.assert"),
         false, ""},
    }));
}

NodePtr renapo_check() {
    return s::map(http_common_fields({
        {"endpoint", s::url("config.smoke.checks.renapo.endpoint"), true, ""},
        {"shape", s::choice({"json", "soap"}, "config.smoke.checks.renapo.shape"), false, ""},
        {"curp", s::with_rule(s::str("config.smoke.checks.renapo.curp"), "curp"), true, ""},
        {"user", s::str("config.smoke.checks.renapo.user"), false, ""},
        {"password", s::secret("config.smoke.checks.renapo.password"), false, ""},
        {"token", s::secret("config.smoke.checks.renapo.token"), false, ""},
        {"entity", s::str("config.smoke.checks.renapo.entity"), false, ""},
        {"expect", s::choice({"found", "not_found"}, "config.smoke.checks.renapo.expect"), false, ""},
    }));
}

NodePtr logs_check() {
    return s::map(check_fields({
        {"paths", s::list(s::str(), "config.smoke.checks.logs.paths"), true, ""},
        {"patterns", s::list(s::with_rule(s::str(), "regex.logs"), "config.smoke.checks.logs.patterns"), false, ""},
        {"allow", s::list(s::with_rule(s::str(), "regex.logs"), "config.smoke.checks.logs.allow"), false, ""},
        {"ignore_case", s::boolean("config.smoke.checks.logs.ignore_case"), false, ""},
        {"max_matches", s::integer("config.smoke.checks.logs.max_matches"), false, ""},
        {"warn_matches", s::integer("config.smoke.checks.logs.warn_matches"), false, ""},
        {"since", s::with_rule(s::str("config.smoke.checks.logs.since"), "since"), false, ""},
        {"timezone", s::choice({"utc", "local"}, "config.smoke.checks.logs.timezone"), false, ""},
        {"evidence_lines", s::integer("config.smoke.checks.logs.evidence_lines"), false, ""},
        {"engine", s::choice({"auto", "hyperscan", "pcre2"}, "config.smoke.checks.logs.engine"), false, ""},
        {"buffer_kib", s::integer("config.smoke.checks.logs.buffer_kib"), false, ""},
    }));
}

NodePtr transaction_check() {
    return s::map(check_fields({
        {"scenario", s::str("config.smoke.checks.transaction.scenario"), true, ""},
        {"dsn", s::dsn("config.smoke.checks.transaction.dsn"), false, ""},
        {"base_url", s::url("config.smoke.checks.transaction.base_url"), false, ""},
        {"vars", s::map_of(s::str()), false, "config.smoke.checks.transaction.vars"},
        {"headers", s::map_of(s::str()), false, "config.smoke.checks.transaction.headers"},
        {"ledger_dir", s::str("config.smoke.checks.transaction.ledger_dir"), false, ""},
    }));
}
} // namespace

const SectionDecl<SmokeSection>& smoke_decl() {
    static const SectionDecl<SmokeSection> decl = [] {
        using S = SmokeSection;
        SectionDecl<S> d("smoke");
        d.integer("concurrency", &S::concurrency, 8, "config.smoke.concurrency")
            .duration("timeout", &S::timeout, "10s", "config.smoke.timeout")
            .optional_duration("deadline", &S::deadline, "config.smoke.deadline")
            // Each item is read by its kind's factory (smoke/registry.cpp).
            .custom("checks",
                    s::with_rule(s::list(s::one_of("kind",
                                                   {
                                                       {"postgres", postgres_check()},
                                                       {"http", http_check()},
                                                       {"renapo", renapo_check()},
                                                       {"logs", logs_check()},
                                                       {"transaction", transaction_check()},
                                                   }),
                                         "config.smoke.checks"),
                                 "smoke.checks"),
                    [](S& out, const Value& v) { out.checks = v.items(); });
        return d;
    }();
    return decl;
}

NodePtr section_smoke() {
    return smoke_decl().schema();
}

} // namespace compuerta::core::config
