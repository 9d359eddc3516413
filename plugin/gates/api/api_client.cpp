#include "plugin/gates/api/api_client.hpp"

#include "core/secrets.hpp"

#include <fmt/format.h>
#include <thread>

namespace compuerta::plugin::gates {

namespace {

std::string snippet(const std::string& body) {
    std::string s = body.substr(0, 80);
    for (char& c : s)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return s;
}

} // namespace

core::Millis retry_after(const core::HttpResponse& r) {
    auto v = r.header("retry-after");
    if (!v || v->empty()) return core::Millis(1000);
    try {
        std::size_t idx = 0;
        long long s = std::stoll(*v, &idx);
        if (idx == v->size() && s >= 0) return core::Millis(s * 1000);
    } catch (const std::exception&) {
    }
    return core::Millis(1000);
}

std::string query_escape(const std::string& s) { return core::percent_encode(s); }

ApiClient::ApiClient(core::Http& http, std::string service, ApiAuth auth, core::TlsOptions tls, Sleep sleep)
    : m_http(http), m_service(std::move(service)), m_auth(std::move(auth)), m_tls(std::move(tls)),
      m_sleep(std::move(sleep)) {
    if (!m_sleep) m_sleep = [](core::Millis d) { std::this_thread::sleep_for(d); };
}

core::Result<ApiAnswer, ApiError> ApiClient::get_json(const std::string& url, const core::Deadline& deadline) {
    core::HttpRequest req;
    req.url = url;
    req.headers = m_auth.headers;
    req.headers.emplace_back("Accept", "application/json");
    req.tls = m_tls;
    for (int attempt = 0;; ++attempt) {
        auto sent = m_http.send(req, deadline);
        if (!sent) {
            const auto& f = sent.error();
            bool timeout = f.phase == core::HttpPhase::timeout;
            if (timeout)
                return ApiError{ApiErrorKind::timeout,
                                core::mask(fmt::format("{} API did not answer in time: {}; check the server or raise "
                                                       "--timeout",
                                                       m_service, f.message))};
            return ApiError{ApiErrorKind::unreachable,
                            core::mask(fmt::format("{} API could not be reached: {}; check the URL and the network",
                                                   m_service, f.message))};
        }
        core::HttpResponse resp = std::move(sent.value());
        long st = resp.status;
        if (st == 429 || (st == 503 && resp.header("retry-after"))) {
            core::Millis wait = retry_after(resp);
            if (attempt >= max_retries || wait + core::Millis(100) > deadline.remaining())
                return ApiError{ApiErrorKind::rate_limited,
                                core::mask(fmt::format("{} API kept answering {} (rate limited) for {}; Retry-After "
                                                       "asked for {} s, more than the time left — retry later or "
                                                       "raise --timeout",
                                                       m_service, st, url, wait.count() / 1000))};
            m_sleep(wait);
            continue;
        }
        if (st == 401 || st == 403) {
            std::string var = m_auth.variable.empty() ? "the token variable" : m_auth.variable;
            return ApiError{ApiErrorKind::auth,
                            core::mask(fmt::format("{} API answered {} {} for {}: the credential in {} is {} — set "
                                                   "{} to a valid token with read access to the project",
                                                   m_service, st, st == 401 ? "Unauthorized" : "Forbidden", url, var,
                                                   m_auth.headers.empty() ? "missing" : "rejected", var))};
        }
        if (st == 404)
            return ApiError{ApiErrorKind::not_found,
                            core::mask(fmt::format("{} API answered 404 Not Found for {}: check the API URL and the "
                                                   "project (or that the token can see it)",
                                                   m_service, url))};
        if (st < 200 || st > 299)
            return ApiError{ApiErrorKind::status,
                            core::mask(fmt::format("{} API answered HTTP {} for {}: \"{}\"; retry later or check the "
                                                   "server",
                                                   m_service, st, url, snippet(resp.body)))};
        auto js = nlohmann::json::parse(resp.body, nullptr, false);
        if (js.is_discarded())
            return ApiError{ApiErrorKind::not_api,
                            core::mask(fmt::format("{} answered {} with something that is not JSON ({}: \"{}\"); "
                                                   "the URL is not the {} API — check it",
                                                   url, st, resp.header("content-type").value_or("no content type"),
                                                   snippet(resp.body), m_service))};
        resp.body.clear();
        return ApiAnswer{std::move(js), std::move(resp)};
    }
}

} // namespace compuerta::plugin::gates
