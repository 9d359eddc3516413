#pragma once
// JSON over HTTP for tracker and CI APIs (GitLab, Jira): authentication
// headers, 429/Retry-After, and the failures that mean "could not evaluate"
// (unreachable, 401/403, an answer that is not the API) kept apart.
#include "core/ports/http.hpp"

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace compuerta::plugin::gates {

struct ApiAuth {
    std::vector<std::pair<std::string, std::string>> headers; // e.g. PRIVATE-TOKEN: ...
    std::string variable; // the variable the credential came from (named in 401/403 messages)
};

enum class ApiErrorKind { unreachable, timeout, auth, not_found, not_api, status, rate_limited };

struct ApiError {
    ApiErrorKind kind = ApiErrorKind::unreachable;
    std::string message; // masked; says what to fix
};

// An answer that is JSON but not the shape the API documents: the catalog
// message `message_id` naming `url`.
ApiError unexpected_shape(const std::string& url, const char* message_id);

struct ApiAnswer {
    nlohmann::json body;
    core::HttpResponse response; // status, headers (body cleared)
};

class ApiClient {
  public:
    using Sleep = std::function<void(core::Millis)>;
    // `service` names the API in messages ("GitLab", "Jira"). `sleep` waits
    // between 429 retries (default: the thread sleeps).
    ApiClient(core::Http& http, std::string service, ApiAuth auth, core::TlsOptions tls = {}, Sleep sleep = {});

    // GETs `url` and parses its JSON by `deadline`; never throws.
    core::Result<ApiAnswer, ApiError> get_json(const std::string& url, const core::Deadline& deadline);

    int max_retries = 5; // 429 answers honoured before giving up

  private:
    core::Http& m_http;
    std::string m_service;
    ApiAuth m_auth;
    core::TlsOptions m_tls;
    Sleep m_sleep;
};

// Seconds from a Retry-After header (delta-seconds; an HTTP date counts as 1 s). Default 1 s.
core::Millis retry_after(const core::HttpResponse& r);

// Percent-encodes a query parameter value.
std::string query_escape(const std::string& s);

} // namespace compuerta::plugin::gates
