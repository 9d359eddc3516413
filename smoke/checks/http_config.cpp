// Reading `http` checks (and the parts `renapo` shares) from compuerta.yml.
#include "core/config/rules.hpp"
#include "core/config/sections/notify.hpp"
#include "core/errors.hpp"
#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"
#include "smoke/checks/http.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace compuerta::smoke::checks {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

// Header values that carry credentials are secrets wherever they come from.
bool credential_header(const std::string& name) {
    std::string n = lower(name);
    for (const char* part : {"authorization", "cookie", "token", "api-key", "apikey", "secret", "password"})
        if (n.find(part) != std::string::npos) return true;
    return false;
}

[[noreturn]] void bad(const core::config::Value& v, const std::string& what) {
    throw core::ConfigError(core::msg::tr(
        "smoke.config.at", {{"where", v.where()}, {"path", v.path()}, {"problem", what}}));
}

std::string tr(std::string_view id) {
    return core::msg::tr(id);
}

} // namespace

void read_common_http_options(const core::config::Value& def, const SuiteContext& ctx, HttpOptions& o) {
    core::HttpRequest& r = o.request;
    for (const auto& [name, value] : def["headers"].entries()) {
        std::string v = value.str();
        if (credential_header(name)) core::SecretRegistry::global().add(v, value.path());
        r.headers.emplace_back(name, v);
    }
    const core::config::Value tls = def["tls"];
    r.tls.ca_file = tls["ca_file"].str_or("");
    r.tls.client_cert = tls["client_cert"].str_or("");
    r.tls.client_key = tls["client_key"].str_or("");
    r.tls.client_key_password = tls["client_key_password"].str_or("");
    r.tls.verify = !tls["insecure"].boolean_or(false);
    if (!r.tls.client_key.empty() && r.tls.client_cert.empty())
        bad(tls, tr("smoke.http.config.client_key"));
    r.proxy = def["proxy"].str_or("");
    r.no_proxy = def["no_proxy"].str_or("");
    r.follow_redirects = def["follow_redirects"].boolean_or(false);
    r.max_redirects = def["max_redirects"].integer_or(10);
    std::int64_t max_body = def["max_body"].integer_or(1024 * 1024);
    if (max_body < 1)
        bad(def["max_body"], tr("smoke.http.config.max_body"));
    r.max_body = static_cast<std::size_t>(max_body);

    // Smoke runs while maintenance mode is on: send the bypass header unless told not to.
    if (def["bypass_maintenance"].boolean_or(true)) {
        const auto m = core::config::maintenance_decl().read(ctx.config);
        if (m.bypass_header.present()) {
            std::string value = m.bypass_value.str_or("1");
            r.headers.emplace_back(m.bypass_header.str(), value);
        }
    }

    o.warn_latency = def["warn_latency"].duration_opt();
    o.crit_latency = def["crit_latency"].duration_opt();
    if (o.warn_latency && o.crit_latency && *o.warn_latency > *o.crit_latency)
        bad(def["warn_latency"], tr("smoke.http.config.warn_above_crit"));
    o.cert_warn_days = static_cast<int>(def["cert_warn_days"].integer_or(o.cert_warn_days));
    o.cert_crit_days = static_cast<int>(def["cert_crit_days"].integer_or(o.cert_crit_days));
    if (o.cert_crit_days > o.cert_warn_days && o.cert_warn_days >= 0)
        bad(def["cert_crit_days"], tr("smoke.http.config.cert_days"));
    std::int64_t retries = def["retries"].integer_or(0);
    if (retries < 0 || retries > 20)
        bad(def["retries"], tr("smoke.http.config.retries"));
    o.retries = static_cast<int>(retries);
    o.backoff = def["backoff"].duration_or(o.backoff);
    for (const auto& code : def["expect_status"].items()) {
        std::int64_t c = code.integer();
        if (c < 100 || c > 599)
            bad(code, tr("smoke.http.config.status"));
        o.expect_status.push_back(static_cast<long>(c));
    }
    if (def["content_type"].present())
        o.assertions.push_back(make_assertion(Assertion::Subject::header, "content-type", Assertion::Op::contains,
                                              def["content_type"].str(),
                                              def["content_type"].where() + ": " + def["content_type"].path()));
    for (const auto& a : def["assert"].items()) o.assertions.push_back(assertion_from(a));
}

std::shared_ptr<core::Check> make_http(const core::config::Value& def, core::CheckSpec spec, const SuiteContext& ctx) {
    HttpOptions o;
    o.request.url = def["url"].str();
    if (auto why = core::config::url_problem(o.request.url, {"http", "https"}))
        bad(def["url"], *why);
    core::register_url_secrets(o.request.url, spec.id + ".url");
    o.request.method = def["method"].str_or("GET");
    o.request.body = def["body"].str_or("");
    read_common_http_options(def, ctx, o);
    if (ctx.ports.http == nullptr) throw std::logic_error("http port missing");
    return std::make_shared<HttpCheck>(std::move(spec), std::move(o), *ctx.ports.http);
}

} // namespace compuerta::smoke::checks
