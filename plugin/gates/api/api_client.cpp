#include "plugin/gates/api/api_client.hpp"

#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"

#include <fmt/format.h>
#include <thread>

namespace compuerta::plugin::gates {

namespace msg = core::msg;

namespace {

std::string snippet(const std::string& body) {
    std::string s = body.substr(0, 80);
    for (char& c : s)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return s;
}

} // namespace

ApiError unexpected_shape(const std::string& url, const char* message_id) {
    return ApiError{ApiErrorKind::not_api, msg::tr(message_id, {{"url", url}})};
}

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
                                core::mask(msg::tr("gates.api.timeout", {{"service", m_service}, {"problem", f.message}}))};
            return ApiError{ApiErrorKind::unreachable,
                            core::mask(msg::tr("gates.api.unreachable", {{"service", m_service}, {"problem", f.message}}))};
        }
        core::HttpResponse resp = std::move(sent.value());
        long st = resp.status;
        if (st == 429 || (st == 503 && resp.header("retry-after"))) {
            core::Millis wait = retry_after(resp);
            if (attempt >= max_retries || wait + core::Millis(100) > deadline.remaining())
                return ApiError{ApiErrorKind::rate_limited,
                                core::mask(msg::tr("gates.api.rate_limited", {{"service", m_service},
                                                                              {"status", st},
                                                                              {"url", url},
                                                                              {"seconds", wait.count() / 1000}}))};
            m_sleep(wait);
            continue;
        }
        if (st == 401 || st == 403) {
            std::string var = m_auth.variable.empty() ? msg::tr("gates.api.token_variable") : m_auth.variable;
            bool missing = m_auth.headers.empty();
            const char* id = st == 401 ? (missing ? "gates.api.unauthorized_missing" : "gates.api.unauthorized_rejected")
                                       : (missing ? "gates.api.forbidden_missing" : "gates.api.forbidden_rejected");
            return ApiError{ApiErrorKind::auth,
                            core::mask(msg::tr(id, {{"service", m_service}, {"url", url}, {"variable", var}}))};
        }
        if (st == 404)
            return ApiError{ApiErrorKind::not_found,
                            core::mask(msg::tr("gates.api.not_found", {{"service", m_service}, {"url", url}}))};
        if (st < 200 || st > 299)
            return ApiError{ApiErrorKind::status,
                            core::mask(msg::tr("gates.api.status", {{"service", m_service},
                                                                    {"status", st},
                                                                    {"url", url},
                                                                    {"body", snippet(resp.body)}}))};
        auto js = nlohmann::json::parse(resp.body, nullptr, false);
        if (js.is_discarded()) {
            auto type = resp.header("content-type");
            return ApiError{ApiErrorKind::not_api,
                            core::mask(msg::tr(type ? "gates.api.not_json" : "gates.api.not_json_no_type",
                                               {{"url", url},
                                                {"status", st},
                                                {"type", type.value_or("")},
                                                {"body", snippet(resp.body)},
                                                {"service", m_service}}))};
        }
        resp.body.clear();
        return ApiAnswer{std::move(js), std::move(resp)};
    }
}

} // namespace compuerta::plugin::gates
