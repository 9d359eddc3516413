#include "core/ports/http.hpp"
#include "core/secrets.hpp"

#include <algorithm>
#include <curl/curl.h>
#include <fmt/format.h>
#include <mutex>

namespace compuerta::core {

std::string_view to_string(HttpPhase p) noexcept {
    switch (p) {
    case HttpPhase::config: return "configuration";
    case HttpPhase::dns: return "DNS";
    case HttpPhase::connect: return "TCP connect";
    case HttpPhase::tls: return "TLS handshake";
    case HttpPhase::send: return "sending the request";
    case HttpPhase::receive: return "receiving the answer";
    case HttpPhase::timeout: return "timeout";
    }
    return "request";
}

std::optional<std::string> HttpResponse::header(const std::string& name) const {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const auto& [k, v] : headers)
        if (k == lower) return v;
    return std::nullopt;
}

namespace {

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Sink {
    HttpResponse* resp;
    std::size_t max;
};

size_t on_body(char* data, size_t size, size_t n, void* user) {
    auto* s = static_cast<Sink*>(user);
    size_t len = size * n;
    size_t room = s->max > s->resp->body.size() ? s->max - s->resp->body.size() : 0;
    if (len > room) {
        s->resp->body.append(data, room);
        s->resp->truncated = true;
        return 0; // stop reading: bounded
    }
    s->resp->body.append(data, len);
    return len;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
    auto* resp = static_cast<HttpResponse*>(user);
    std::string line(data, size * n);
    if (line.rfind("HTTP/", 0) == 0) resp->headers.clear(); // a new response (redirect, 100-continue)
    auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string k = line.substr(0, colon);
        std::string v = line.substr(colon + 1);
        std::transform(k.begin(), k.end(), k.begin(), [](unsigned char c) { return std::tolower(c); });
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.erase(0, 1);
        while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ')) v.pop_back();
        resp->headers.emplace_back(k, v);
    }
    return size * n;
}

Millis info_ms(CURL* c, CURLINFO what) {
    curl_off_t us = 0;
    curl_easy_getinfo(c, what, &us);
    return Millis(us / 1000);
}

HttpPhase phase_of(CURLcode rc, CURL* c) {
    switch (rc) {
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL: return HttpPhase::config;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return HttpPhase::dns;
    case CURLE_COULDNT_CONNECT: return HttpPhase::connect;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE: return HttpPhase::tls;
    case CURLE_SEND_ERROR: return HttpPhase::send;
    case CURLE_OPERATION_TIMEDOUT: {
        long connected = 0;
        curl_easy_getinfo(c, CURLINFO_PRIMARY_PORT, &connected);
        return HttpPhase::timeout;
    }
    default: return HttpPhase::receive;
    }
}

class CurlHttp final : public Http {
  public:
    Result<HttpResponse, HttpFailure> send(const HttpRequest& req, const Deadline& deadline) override {
        global_init();
        register_url_secrets(req.url, "url");
        CURL* c = curl_easy_init();
        if (c == nullptr) return HttpFailure{HttpPhase::config, "cannot initialise libcurl"};
        HttpResponse resp;
        Sink sink{&resp, req.max_body};
        char errbuf[CURL_ERROR_SIZE] = {};
        curl_slist* headers = nullptr;
        for (const auto& [k, v] : req.headers) headers = curl_slist_append(headers, (k + ": " + v).c_str());
        curl_easy_setopt(c, CURLOPT_URL, req.url.c_str());
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
        curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(c, CURLOPT_HEADERDATA, &resp);
        curl_easy_setopt(c, CURLOPT_CERTINFO, 1L);
        curl_easy_setopt(c, CURLOPT_USERAGENT, "compuerta/" COMPUERTA_VERSION);
        long ms = std::max<long>(1, static_cast<long>(deadline.remaining().count()));
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, ms);
        if (req.connect_timeout.count() > 0)
            curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(req.connect_timeout.count()));
        if (req.method == "HEAD") curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
        else if (req.method != "GET") curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, req.method.c_str());
        if (!req.body.empty() || req.method == "POST" || req.method == "PUT" || req.method == "PATCH") {
            curl_easy_setopt(c, CURLOPT_POSTFIELDS, req.body.c_str());
            curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
        }
        curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, req.follow_redirects ? 1L : 0L);
        curl_easy_setopt(c, CURLOPT_MAXREDIRS, req.max_redirects);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, req.tls.verify ? 1L : 0L);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, req.tls.verify ? 2L : 0L);
        if (!req.tls.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, req.tls.ca_file.c_str());
        if (!req.tls.client_cert.empty()) curl_easy_setopt(c, CURLOPT_SSLCERT, req.tls.client_cert.c_str());
        if (!req.tls.client_key.empty()) curl_easy_setopt(c, CURLOPT_SSLKEY, req.tls.client_key.c_str());
        if (!req.proxy.empty()) curl_easy_setopt(c, CURLOPT_PROXY, req.proxy.c_str());

        CURLcode rc = curl_easy_perform(c);
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp.status);
        char* eff = nullptr;
        curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &eff);
        if (eff != nullptr) resp.effective_url = eff;
        resp.dns = info_ms(c, CURLINFO_NAMELOOKUP_TIME_T);
        resp.connect = info_ms(c, CURLINFO_CONNECT_TIME_T);
        resp.tls = info_ms(c, CURLINFO_APPCONNECT_TIME_T);
        resp.first_byte = info_ms(c, CURLINFO_STARTTRANSFER_TIME_T);
        resp.total = info_ms(c, CURLINFO_TOTAL_TIME_T);
        curl_certinfo* ci = nullptr;
        if (curl_easy_getinfo(c, CURLINFO_CERTINFO, &ci) == CURLE_OK && ci != nullptr && ci->num_of_certs > 0) {
            for (curl_slist* s = ci->certinfo[0]; s != nullptr; s = s->next) {
                std::string kv = s->data;
                if (kv.rfind("Expire date:", 0) == 0) {
                    curl_off_t t = curl_getdate(kv.substr(12).c_str(), nullptr);
                    if (t > 0) resp.cert_not_after = t;
                }
                if (kv.rfind("Subject:", 0) == 0) resp.cert_subject = kv.substr(8);
            }
        }
        HttpPhase phase = phase_of(rc, c);
        bool connected = resp.connect.count() > 0 || resp.status > 0;
        curl_slist_free_all(headers);
        curl_easy_cleanup(c);
        if (rc == CURLE_WRITE_ERROR && resp.truncated) return resp; // bounded read: the caller sees `truncated`
        if (rc != CURLE_OK) {
            std::string detail = errbuf[0] != 0 ? errbuf : curl_easy_strerror(rc);
            if (rc == CURLE_OPERATION_TIMEDOUT) {
                // Name the phase that ran out of time.
                if (resp.dns.count() == 0 && !connected) phase = HttpPhase::dns;
                if (resp.status > 0 || resp.first_byte.count() > 0) phase = HttpPhase::receive;
                else if (connected) phase = HttpPhase::receive;
                else phase = HttpPhase::connect;
                return HttpFailure{HttpPhase::timeout,
                                   mask(fmt::format("timed out during {} ({}) for {}", to_string(phase), detail, req.url))};
            }
            return HttpFailure{phase, mask(fmt::format("{} failed for {}: {}", to_string(phase), req.url, detail))};
        }
        return resp;
    }
};

} // namespace

std::unique_ptr<Http> make_curl_http() { return std::make_unique<CurlHttp>(); }

} // namespace compuerta::core
