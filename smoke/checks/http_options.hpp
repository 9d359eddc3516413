#pragma once
// The keys of `http` and `renapo` items of smoke.checks, declared once
// (http_decl(), renapo_decl()): the request and judgement keys both kinds
// share (declare_http_shared()), then each kind's own.
#include "core/config/schema.hpp"
#include "smoke/checks/options.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace compuerta::smoke::checks {

struct TlsConfig {
    std::string ca_file;
    std::string client_cert;
    std::string client_key;
    std::string client_key_password;
    bool insecure = false;
};
const cfg::SectionDecl<TlsConfig>& tls_decl();

struct HttpSharedConfig {
    std::vector<std::pair<std::string, Placed<std::string>>> headers;
    Placed<TlsConfig> tls;
    std::string proxy;
    std::string no_proxy;
    bool follow_redirects = false;
    std::int64_t max_redirects = 10;
    Placed<std::int64_t> max_body;
    bool bypass_maintenance = true;
    Placed<std::optional<core::Millis>> warn_latency;
    std::optional<core::Millis> crit_latency;
    std::int64_t cert_warn_days = 14;
    Placed<std::int64_t> cert_crit_days;
    Placed<std::int64_t> retries;
    core::Millis backoff{500};
};

// Declares the shared keys on the declaration of a kind whose config
// derives from HttpSharedConfig.
template <class S> void declare_http_shared(cfg::SectionDecl<S>& d) {
    namespace s = cfg::s;
    placed_text_map(d, "headers", &S::headers, "config.smoke.checks.headers");
    placed_map(d, "tls", &S::tls, tls_decl());
    d.text_node("proxy", &S::proxy, s::with_rule(s::url("config.smoke.checks.proxy"), "url.proxy"),
                "")
        .text("no_proxy", &S::no_proxy, "", "config.smoke.checks.no_proxy")
        .boolean("follow_redirects", &S::follow_redirects, false,
                 "config.smoke.checks.follow_redirects")
        .integer("max_redirects", &S::max_redirects, 10, "config.smoke.checks.max_redirects");
    placed_integer(d, "max_body", &S::max_body, 1024 * 1024, "config.smoke.checks.max_body")
        .boolean("bypass_maintenance", &S::bypass_maintenance, true,
                 "config.smoke.checks.bypass_maintenance");
    placed_optional_duration(d, "warn_latency", &S::warn_latency,
                             "config.smoke.checks.warn_latency")
        .optional_duration("crit_latency", &S::crit_latency, "config.smoke.checks.crit_latency")
        .integer("cert_warn_days", &S::cert_warn_days, 14, "config.smoke.checks.cert_warn_days");
    placed_integer(d, "cert_crit_days", &S::cert_crit_days, 3,
                   "config.smoke.checks.cert_crit_days");
    placed_integer(d, "retries", &S::retries, 0, "config.smoke.checks.retries")
        .duration("backoff", &S::backoff, "500ms", "config.smoke.checks.backoff");
}

// One `assert:` entry: one subject key, and an operator for json, xpath and header.
struct AssertConfig {
    std::optional<std::string> body_contains;
    std::optional<std::string> body_not_contains;
    std::optional<std::string> body_regex;
    std::optional<std::string> json;
    std::optional<std::string> xpath;
    std::optional<std::string> header;
    std::optional<std::string> equals;
    std::optional<std::string> contains;
    std::optional<std::string> regex;
    std::optional<bool> exists;
};
const cfg::SectionDecl<AssertConfig>& assert_decl();

struct HttpConfig : HttpSharedConfig {
    Placed<std::string> url;
    std::string method;
    std::string body;
    std::vector<Placed<std::int64_t>> expect_status;
    Placed<std::optional<std::string>> content_type;
    std::vector<Placed<AssertConfig>> assertions;
};
const cfg::SectionDecl<HttpConfig>& http_decl();

struct RenapoConfig : HttpSharedConfig {
    Placed<std::string> endpoint;
    std::string shape;
    Placed<std::string> curp;
    std::string user;
    std::string password;
    std::string token;
    std::string entity;
    std::string expect;
};
const cfg::SectionDecl<RenapoConfig>& renapo_decl();

} // namespace compuerta::smoke::checks
