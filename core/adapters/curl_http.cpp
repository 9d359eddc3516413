#include "core/messages/catalog.hpp"
#include "core/ports/texts.hpp"
#include "core/ports/http.hpp"
#include "core/secrets.hpp"
#include "core/util/text.hpp"

#include <algorithm>
#include <curl/curl.h>
#include <fmt/format.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <mutex>
#include <unistd.h>

namespace compuerta::core {

std::optional<std::string> HttpResponse::header(const std::string& name) const {
    const std::string lower = util::lower(name);
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
        std::string k = util::lower(line.substr(0, colon));
        std::string v = line.substr(colon + 1);
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

HttpPhase phase_of(CURLcode rc) {
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
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_CACERT_BADFILE: return HttpPhase::tls;
    case CURLE_SEND_ERROR: return HttpPhase::send;
    case CURLE_OPERATION_TIMEDOUT: return HttpPhase::timeout;
    default: return HttpPhase::receive;
    }
}

bool contains(const std::string& hay, const char* needle) { return hay.find(needle) != std::string::npos; }

// OpenSSL's verify result codes (x509_vfy.h), without including OpenSSL here.
constexpr long k_x509_not_yet_valid = 9, k_x509_expired = 10, k_x509_self_signed = 18,
               k_x509_self_signed_in_chain = 19, k_x509_no_issuer_local = 20, k_x509_no_leaf_issuer = 21,
               k_x509_hostname_mismatch = 62, k_x509_ip_mismatch = 64;

TlsReason tls_reason_of(CURLcode rc, long verify_result, const std::string& text) {
    if (rc == CURLE_SSL_CACERT_BADFILE) return TlsReason::bad_ca_file;
    if (rc == CURLE_SSL_CERTPROBLEM) return TlsReason::client_cert;
    switch (verify_result) {
    case k_x509_expired: return TlsReason::expired;
    case k_x509_not_yet_valid: return TlsReason::not_yet_valid;
    case k_x509_self_signed:
    case k_x509_self_signed_in_chain:
    case k_x509_no_issuer_local:
    case k_x509_no_leaf_issuer: return TlsReason::unknown_ca;
    case k_x509_hostname_mismatch:
    case k_x509_ip_mismatch: return TlsReason::host_mismatch;
    default: break;
    }
    if (contains(text, "expired")) return TlsReason::expired;
    if (contains(text, "subject name") || contains(text, "does not match")) return TlsReason::host_mismatch;
    if (contains(text, "unable to get local issuer") || contains(text, "self-signed") ||
        contains(text, "self signed"))
        return TlsReason::unknown_ca;
    if (contains(text, "certificate required") || contains(text, "bad certificate") ||
        contains(text, "unknown ca") || contains(text, "handshake failure"))
        return TlsReason::client_cert;
    return TlsReason::other;
}

// "Nov 28 17:00:00 2027 GMT" or "2027-11-28 17:00:00 GMT": seconds since epoch, 0 when unparsable.
long long parse_cert_date(const std::string& text) {
    curl_off_t t = curl_getdate(text.c_str(), nullptr);
    if (t > 0) return t;
    std::tm tm{};
    if (sscanf(text.c_str(), "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
               &tm.tm_sec) == 6) {
        tm.tm_year -= 1900;
        tm.tm_mon -= 1;
        return static_cast<long long>(timegm(&tm));
    }
    return 0;
}

class CurlHttp final : public Http {
  public:
    Result<HttpResponse, HttpFailure> send(const HttpRequest& req, const Deadline& deadline) override {
        global_init();
        register_url_secrets(req.url, "url");
        if (!req.proxy.empty()) register_url_secrets(req.proxy, "proxy");
        if (req.tls.client_key_password.size() >= SecretRegistry::k_min_length) // short ones: config check warns
            SecretRegistry::global().add(req.tls.client_key_password, "tls.client_key_password");
        const std::pair<const char*, const std::string*> files[] = {
            {"ca_file", &req.tls.ca_file}, {"client_cert", &req.tls.client_cert}, {"client_key", &req.tls.client_key}};
        for (const auto& [key, path] : files) {
            if (path->empty() || access(path->c_str(), R_OK) == 0) continue;
            bool ca = path == &req.tls.ca_file;
            return HttpFailure{HttpPhase::config,
                               mask(msg::tr("http.unreadable_file",
                                            {{"key", key}, {"path", *path}, {"error", std::strerror(errno)}})),
                               HttpPhase::timeout, ca ? TlsReason::bad_ca_file : TlsReason::client_cert};
        }
        CURL* c = curl_easy_init();
        if (c == nullptr) return HttpFailure{HttpPhase::config, msg::tr("http.no_libcurl")};
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
        if (!req.tls.client_key_password.empty())
            curl_easy_setopt(c, CURLOPT_KEYPASSWD, req.tls.client_key_password.c_str());
        if (req.proxy == "none") curl_easy_setopt(c, CURLOPT_PROXY, "");
        else if (!req.proxy.empty()) curl_easy_setopt(c, CURLOPT_PROXY, req.proxy.c_str());
        if (!req.no_proxy.empty()) curl_easy_setopt(c, CURLOPT_NOPROXY, req.no_proxy.c_str());

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
                if (kv.rfind("Expire date:", 0) == 0) resp.cert_not_after = parse_cert_date(kv.substr(12));
                if (kv.rfind("Subject:", 0) == 0) resp.cert_subject = kv.substr(8);
            }
        }
        HttpPhase phase = phase_of(rc);
        long verify_result = 0;
        curl_easy_getinfo(c, CURLINFO_SSL_VERIFYRESULT, &verify_result);
        curl_off_t lookup_us = 0, connect_us = 0, app_us = 0;
        curl_easy_getinfo(c, CURLINFO_NAMELOOKUP_TIME_T, &lookup_us);
        curl_easy_getinfo(c, CURLINFO_CONNECT_TIME_T, &connect_us);
        curl_easy_getinfo(c, CURLINFO_APPCONNECT_TIME_T, &app_us);
        long local_port = 0;
        curl_easy_getinfo(c, CURLINFO_LOCAL_PORT, &local_port);
        curl_slist_free_all(headers);
        curl_easy_cleanup(c);
        if (rc == CURLE_WRITE_ERROR && resp.truncated) return resp; // bounded read: the caller sees `truncated`
        if (rc == CURLE_OK) return resp;
        std::string detail = errbuf[0] != 0 ? errbuf : curl_easy_strerror(rc);
        if (rc == CURLE_OPERATION_TIMEDOUT) {
            // Name the phase that ran out of time.
            bool https = req.url.rfind("https://", 0) == 0;
            bool connected = connect_us > 0 || local_port > 0;
            HttpPhase in = HttpPhase::receive;
            if (!connected) in = lookup_us > 0 ? HttpPhase::connect : HttpPhase::dns;
            else if (https && app_us == 0 && resp.status == 0) in = HttpPhase::tls;
            const char* what = in == HttpPhase::dns       ? "http.timeout.during_dns"
                               : in == HttpPhase::connect ? "http.timeout.during_connect"
                               : in == HttpPhase::tls     ? "http.timeout.during_tls"
                               : resp.status > 0          ? "http.timeout.during_body"
                                                          : "http.timeout.during_answer";
            return HttpFailure{HttpPhase::timeout,
                               mask(msg::tr("http.timeout", {{"url", req.url},
                                                             {"ms", ms},
                                                             {"when", msg::tr(what)},
                                                             {"detail", detail},
                                                             {"advice", deadline_advice(deadline)}})),
                               in};
        }
        if (rc == CURLE_TOO_MANY_REDIRECTS) {
            return HttpFailure{HttpPhase::redirect,
                               mask(msg::tr("http.redirects", {{"url", req.url},
                                                               {"max", req.max_redirects},
                                                               {"last", resp.effective_url}}))};
        }
        if (phase == HttpPhase::tls) {
            TlsReason why = tls_reason_of(rc, verify_result, detail);
            return HttpFailure{phase,
                               mask(msg::tr("http.tls_failed", {{"url", req.url},
                                                                {"reason", reason_text(why)},
                                                                {"detail", detail},
                                                                {"advice", advice_text(why)}})),
                               HttpPhase::timeout, why};
        }
        const char* advice = phase == HttpPhase::dns       ? "http.advice.dns"
                             : phase == HttpPhase::connect ? "http.advice.connect"
                             : phase == HttpPhase::config  ? "http.advice.config"
                                                           : "http.advice.other";
        return HttpFailure{phase, mask(msg::tr("http.failed", {{"phase", phase_text(phase)},
                                                               {"url", req.url},
                                                               {"detail", detail},
                                                               {"advice", msg::tr(advice)}}))};
    }
};

} // namespace

std::unique_ptr<Http> make_curl_http() { return std::make_unique<CurlHttp>(); }

} // namespace compuerta::core
