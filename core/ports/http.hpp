#pragma once
// The HTTP port (libcurl adapter: core/adapters/curl_http.cpp). Used by
// smoke checks, gates that call tracker APIs, notifications, health waits.
#include "core/deadline.hpp"
#include "core/result.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace compuerta::core {

struct TlsOptions {
    bool verify = true;             // insecure: false must be explicit in config
    std::string ca_file;            // custom CA bundle
    std::string client_cert;        // mTLS certificate (PEM)
    std::string client_key;         // mTLS key (PEM)
    std::string client_key_password; // passphrase of client_key (a secret), may be empty
};

struct HttpRequest {
    std::string method = "GET";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    TlsOptions tls;
    std::string proxy;              // empty: libcurl's default (environment); "none": no proxy
    std::string no_proxy;           // hosts that bypass `proxy` (comma-separated)
    bool follow_redirects = false;
    long max_redirects = 10;
    std::size_t max_body = 10 * 1024 * 1024; // larger bodies are cut, `truncated` set
    Millis connect_timeout{0};      // 0: only the deadline applies
};

// Where a request stopped (the report names it).
enum class HttpPhase { config, dns, connect, tls, send, receive, timeout, redirect };
std::string_view to_string(HttpPhase p) noexcept;

// Why a TLS handshake failed, when the adapter can tell.
enum class TlsReason { none, unknown_ca, host_mismatch, expired, not_yet_valid, client_cert, bad_ca_file, other };
std::string_view to_string(TlsReason r) noexcept;

struct HttpFailure {
    HttpPhase phase = HttpPhase::connect;
    std::string message;       // masked; says what to check
    HttpPhase timed_out_in = HttpPhase::timeout; // for phase == timeout: the phase that ran out of time
    TlsReason tls_reason = TlsReason::none;      // for phase == tls
};

struct HttpResponse {
    long status = 0;
    std::vector<std::pair<std::string, std::string>> headers; // names lower-cased
    std::string body;
    bool truncated = false;
    std::string effective_url;
    Millis dns{0}, connect{0}, tls{0}, first_byte{0}, total{0};
    // Server certificate expiry (https only), seconds since epoch; 0 unknown.
    long long cert_not_after = 0;
    std::string cert_subject;

    std::optional<std::string> header(const std::string& name) const; // case-insensitive
};

class Http {
  public:
    virtual ~Http() = default;
    // Performs the request by `deadline`; never throws. A non-2xx status is
    // a response, not a failure.
    virtual Result<HttpResponse, HttpFailure> send(const HttpRequest& req, const Deadline& deadline) = 0;
};

std::unique_ptr<Http> make_curl_http();

} // namespace compuerta::core
