#pragma once
// Check kind `http`: one request (libcurl through core::Http) judged by
// status, assertions, latency thresholds and the server certificate's expiry,
// with retries and backoff inside the check's deadline. A failure names the
// phase: DNS, TCP connect, TLS handshake (and why), HTTP status, assertion,
// latency, certificate, timeout. The `renapo` kind is an http check with
// RENAPO's request and a verifier of its answer.
#include "core/ports/http.hpp"
#include "smoke/checks/http_assert.hpp"
#include "smoke/checks/http_options.hpp"
#include "smoke/registry.hpp"

#include <functional>

namespace compuerta::smoke::checks {

// Extra judgement of a successful answer (renapo): nullopt when fine, else
// a failure message; may add evidence.
using AnswerVerifier =
    std::function<std::optional<std::string>(const core::HttpResponse&, core::Evidence&)>;

struct HttpOptions {
    core::HttpRequest request;
    std::vector<long> expect_status; // empty: any 2xx
    std::vector<Assertion> assertions;
    std::optional<core::Millis> warn_latency; // total time of the request
    std::optional<core::Millis> crit_latency;
    int cert_warn_days = 14; // https only; < 0 disables
    int cert_crit_days = 3;
    int retries = 0;           // extra attempts after a failed one
    core::Millis backoff{500}; // before the first retry; doubles each time
    AnswerVerifier verify;
};

class HttpCheck final : public core::Check {
  public:
    HttpCheck(core::CheckSpec spec, HttpOptions opts, core::Http& http);
    core::Outcome run(const core::Deadline& deadline) override;
    const HttpOptions& options() const { return m_opts; }

  private:
    core::Outcome attempt_once(const core::Deadline& deadline);
    HttpOptions m_opts;
    core::Http& m_http;
};

// Factory of the `http` kind (registry row).
std::shared_ptr<core::Check> make_http(const core::config::Value& def, core::CheckSpec spec,
                                       const SuiteContext& ctx);

// Takes the request options both kinds share (tls, proxy, redirects,
// headers, max_body, maintenance bypass) and the judgement options (latency,
// certificate days, retries, backoff) from `c` into `opts`; throws
// ConfigError naming the key for a value out of range.
void read_common_http_options(const HttpSharedConfig& c, const SuiteContext& ctx,
                              HttpOptions& opts);

} // namespace compuerta::smoke::checks
