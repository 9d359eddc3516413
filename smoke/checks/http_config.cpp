// The keys of `http` checks (and the parts `renapo` shares), declared once,
// and the `http` factory.
#include "core/config/rules.hpp"
#include "core/config/sections/notify.hpp"
#include "core/errors.hpp"
#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"
#include "core/util/text.hpp"
#include "smoke/checks/http.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace compuerta::smoke::checks {

namespace {

// Header values that carry credentials are secrets wherever they come from.
bool credential_header(const std::string& name) {
    std::string n = core::util::lower(name);
    for (const char* part :
         {"authorization", "cookie", "token", "api-key", "apikey", "secret", "password"})
        if (n.find(part) != std::string::npos)
            return true;
    return false;
}

template <class T> [[noreturn]] void bad(const Placed<T>& v, const std::string& what) {
    throw core::ConfigError(core::msg::tr(
        "smoke.config.at", {{"where", v.where()}, {"path", v.path()}, {"problem", what}}));
}

std::string tr(std::string_view id) {
    return core::msg::tr(id);
}

} // namespace

const cfg::SectionDecl<TlsConfig>& tls_decl() {
    static const cfg::SectionDecl<TlsConfig> decl = [] {
        using C = TlsConfig;
        cfg::SectionDecl<C> d("tls");
        d.text("ca_file", &C::ca_file, "", "config.smoke.checks.tls.ca_file")
            .text("client_cert", &C::client_cert, "", "config.smoke.checks.tls.client_cert")
            .text("client_key", &C::client_key, "", "config.smoke.checks.tls.client_key")
            .text_node("client_key_password", &C::client_key_password,
                       cfg::s::secret("config.smoke.checks.tls.client_key_password"), "")
            .boolean("insecure", &C::insecure, false, "config.smoke.checks.tls.insecure");
        return d;
    }();
    return decl;
}

const cfg::SectionDecl<AssertConfig>& assert_decl() {
    static const cfg::SectionDecl<AssertConfig> decl = [] {
        using C = AssertConfig;
        namespace s = cfg::s;
        auto with = [](const char* doc, const char* rule) {
            return s::with_rule(s::str(doc), rule);
        };
        cfg::SectionDecl<C> d("assert");
        d.optional_text("body_contains", &C::body_contains,
                        s::str("config.smoke.checks.http.assert.body_contains"))
            .optional_text("body_not_contains", &C::body_not_contains,
                           s::str("config.smoke.checks.http.assert.body_not_contains"))
            .optional_text("body_regex", &C::body_regex,
                           with("config.smoke.checks.http.assert.body_regex", "regex.pcre2"))
            .optional_text("json", &C::json,
                           with("config.smoke.checks.http.assert.json", "json_pointer"))
            .optional_text("xpath", &C::xpath,
                           with("config.smoke.checks.http.assert.xpath", "xpath"))
            .optional_text("header", &C::header, s::str("config.smoke.checks.http.assert.header"))
            .optional_text("equals", &C::equals, s::str("config.smoke.checks.http.assert.equals"))
            .optional_text("contains", &C::contains,
                           s::str("config.smoke.checks.http.assert.contains"))
            .optional_text("regex", &C::regex,
                           with("config.smoke.checks.http.assert.regex", "regex.pcre2"))
            .custom("exists", s::boolean("config.smoke.checks.http.assert.exists"),
                    [](C& out, const cfg::Value& v) {
                        if (v.present())
                            out.exists = v.boolean_or(true);
                    });
        return d;
    }();
    return decl;
}

const cfg::SectionDecl<HttpConfig>& http_decl() {
    static const cfg::SectionDecl<HttpConfig> decl = [] {
        using C = HttpConfig;
        namespace s = cfg::s;
        cfg::SectionDecl<C> d("http");
        declare_http_shared(d);
        placed_text(d, "url", &C::url, s::url("config.smoke.checks.http.url")).required();
        d.choice("method", &C::method, {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"},
                 "GET", "config.smoke.checks.http.method")
            .text("body", &C::body, "", "config.smoke.checks.http.body");
        placed_integers(d, "expect_status", &C::expect_status,
                        "config.smoke.checks.http.expect_status");
        placed_optional_text(d, "content_type", &C::content_type,
                             s::str("config.smoke.checks.http.content_type"));
        placed_list_of(d, "assert", &C::assertions, assert_decl(),
                       s::list(s::with_rule(assert_decl().schema(), "http.assertion"),
                               "config.smoke.checks.http.assert"));
        return d;
    }();
    return decl;
}

void read_common_http_options(const HttpSharedConfig& c, const SuiteContext& ctx, HttpOptions& o) {
    core::HttpRequest& r = o.request;
    for (const auto& [name, value] : c.headers) {
        if (credential_header(name))
            core::SecretRegistry::global().add(value.value, value.path());
        r.headers.emplace_back(name, value.value);
    }
    const TlsConfig& tls = c.tls.value;
    r.tls.ca_file = tls.ca_file;
    r.tls.client_cert = tls.client_cert;
    r.tls.client_key = tls.client_key;
    r.tls.client_key_password = tls.client_key_password;
    r.tls.verify = !tls.insecure;
    if (!r.tls.client_key.empty() && r.tls.client_cert.empty())
        bad(c.tls, tr("smoke.http.config.client_key"));
    r.proxy = c.proxy;
    r.no_proxy = c.no_proxy;
    r.follow_redirects = c.follow_redirects;
    r.max_redirects = c.max_redirects;
    if (c.max_body.value < 1)
        bad(c.max_body, tr("smoke.http.config.max_body"));
    r.max_body = static_cast<std::size_t>(c.max_body.value);

    // Smoke runs while maintenance mode is on: send the bypass header unless told not to.
    if (c.bypass_maintenance) {
        const auto m = core::config::maintenance_decl().read(ctx.config);
        if (m.bypass_header.present()) {
            std::string value = m.bypass_value.str_or("1");
            r.headers.emplace_back(m.bypass_header.str(), value);
        }
    }

    o.warn_latency = c.warn_latency.value;
    o.crit_latency = c.crit_latency;
    if (o.warn_latency && o.crit_latency && *o.warn_latency > *o.crit_latency)
        bad(c.warn_latency, tr("smoke.http.config.warn_above_crit"));
    o.cert_warn_days = static_cast<int>(c.cert_warn_days);
    o.cert_crit_days = static_cast<int>(c.cert_crit_days.value);
    if (o.cert_crit_days > o.cert_warn_days && o.cert_warn_days >= 0)
        bad(c.cert_crit_days, tr("smoke.http.config.cert_days"));
    if (c.retries.value < 0 || c.retries.value > 20)
        bad(c.retries, tr("smoke.http.config.retries"));
    o.retries = static_cast<int>(c.retries.value);
    o.backoff = c.backoff;
}

std::shared_ptr<core::Check> make_http(const core::config::Value& def, core::CheckSpec spec,
                                       const SuiteContext& ctx) {
    const HttpConfig c = http_decl().read(def);
    HttpOptions o;
    o.request.url = c.url.value;
    if (auto why = core::config::url_problem(o.request.url, {"http", "https"}))
        bad(c.url, *why);
    core::register_url_secrets(o.request.url, spec.id + ".url");
    o.request.method = c.method;
    o.request.body = c.body;
    read_common_http_options(c, ctx, o);
    for (const auto& code : c.expect_status) {
        if (code.value < 100 || code.value > 599)
            bad(code, tr("smoke.http.config.status"));
        o.expect_status.push_back(static_cast<long>(code.value));
    }
    if (c.content_type.value)
        o.assertions.push_back(make_assertion(
            Assertion::Subject::header, "content-type", Assertion::Op::contains,
            *c.content_type.value, c.content_type.where() + ": " + c.content_type.path()));
    for (const auto& a : c.assertions)
        o.assertions.push_back(assertion_from(a.value, a.where() + ": " + a.path()));
    if (ctx.ports.http == nullptr)
        throw std::logic_error("http port missing");
    return std::make_shared<HttpCheck>(std::move(spec), std::move(o), *ctx.ports.http);
}

} // namespace compuerta::smoke::checks
