// The Mail port over libcurl's SMTP: STARTTLS (required) or implicit TLS.
#include "core/messages/catalog.hpp"
#include "core/ports/mail.hpp"
#include "core/secrets.hpp"

#include <algorithm>
#include <curl/curl.h>
#include <fmt/format.h>
#include <ctime>
#include <openssl/evp.h>
#include <unistd.h>

namespace compuerta::core {

namespace {

std::string base64(const std::string& in) {
    std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
    out.resize(static_cast<std::size_t>(std::max(n, 0)));
    return out;
}

bool is_ascii(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80 && c != '\n'; });
}

// RFC 2047 for non-ASCII header text.
std::string header_text(const std::string& s) { return is_ascii(s) ? s : "=?UTF-8?B?" + base64(s) + "?="; }

std::string crlf(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')) out += '\r';
        out += s[i];
    }
    return out;
}

struct Upload {
    std::string data;
    std::size_t pos = 0;
};

std::size_t on_read(char* ptr, std::size_t size, std::size_t nmemb, void* userdata) {
    auto* u = static_cast<Upload*>(userdata);
    std::size_t n = std::min(size * nmemb, u->data.size() - u->pos);
    std::copy_n(u->data.data() + u->pos, n, ptr);
    u->pos += n;
    return n;
}

std::string smtp_phase_of(CURLcode rc) {
    switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST: return msg::tr("smtp.phase.dns");
    case CURLE_COULDNT_CONNECT: return msg::tr("smtp.phase.connect");
    case CURLE_OPERATION_TIMEDOUT: return msg::tr("smtp.phase.timeout");
    case CURLE_USE_SSL_FAILED: return msg::tr("smtp.phase.starttls");
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE: return msg::tr("smtp.phase.tls");
    case CURLE_LOGIN_DENIED: return msg::tr("smtp.phase.auth");
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR: return msg::tr("smtp.phase.transfer");
    default: return msg::tr("smtp.phase.smtp");
    }
}

std::string what_next(CURLcode rc) {
    switch (rc) {
    case CURLE_LOGIN_DENIED: return msg::tr("smtp.next.auth");
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR: return msg::tr("smtp.next.tls");
    case CURLE_USE_SSL_FAILED: return msg::tr("smtp.next.starttls");
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST: return msg::tr("smtp.next.connect");
    default: return msg::tr("smtp.next.other");
    }
}

class CurlSmtp final : public Mail {
  public:
    Result<MailSent> send(const SmtpServer& server, const MailMessage& msg, const Deadline& deadline) override {
        static const bool initialised = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
        if (!initialised) return Error{msg::tr("smtp.no_libcurl")};
        if (!server.password.empty()) SecretRegistry::global().add(server.password, "notify.email.password");
        std::string url = server.url;
        if (server.tls == SmtpTls::implicit && url.rfind("smtp://", 0) == 0) url = "smtps://" + url.substr(7);
        if (server.tls == SmtpTls::starttls && url.rfind("smtps://", 0) == 0)
            return Error{mask(msg::tr("smtp.implicit_mismatch", {{"url", url}}))};
        if (msg.to.empty()) return Error{msg::tr("smtp.no_recipient")};
        CURL* c = curl_easy_init();
        if (c == nullptr) return Error{msg::tr("smtp.no_libcurl")};
        char errbuf[CURL_ERROR_SIZE] = {};
        curl_slist* rcpt = nullptr;
        for (const auto& t : msg.to) rcpt = curl_slist_append(rcpt, ("<" + t + ">").c_str());
        Upload up;
        up.data = render_mail(msg, curl_date_now(), fmt::format("<{}.{}.compuerta@localhost>", std::time(nullptr), getpid()));
        std::string from = "<" + msg.from + ">";
        curl_easy_setopt(c, CURLOPT_URL, url.c_str());
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
        curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
        curl_easy_setopt(c, CURLOPT_READFUNCTION, on_read);
        curl_easy_setopt(c, CURLOPT_READDATA, &up);
        curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
        if (server.tls == SmtpTls::starttls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
        if (!server.username.empty()) {
            curl_easy_setopt(c, CURLOPT_USERNAME, server.username.c_str());
            curl_easy_setopt(c, CURLOPT_PASSWORD, server.password.c_str());
        }
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, server.tls_options.verify ? 1L : 0L);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, server.tls_options.verify ? 2L : 0L);
        if (!server.tls_options.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, server.tls_options.ca_file.c_str());
        if (!server.tls_options.client_cert.empty())
            curl_easy_setopt(c, CURLOPT_SSLCERT, server.tls_options.client_cert.c_str());
        if (!server.tls_options.client_key.empty())
            curl_easy_setopt(c, CURLOPT_SSLKEY, server.tls_options.client_key.c_str());
        long ms = std::max<long>(1, static_cast<long>(deadline.remaining().count()));
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, ms);
        CURLcode rc = curl_easy_perform(c);
        long response = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response);
        char* ip = nullptr;
        long port = 0;
        curl_easy_getinfo(c, CURLINFO_PRIMARY_IP, &ip);
        curl_easy_getinfo(c, CURLINFO_PRIMARY_PORT, &port);
        MailSent sent{fmt::format("{}:{}", ip != nullptr ? ip : "", port)};
        curl_slist_free_all(rcpt);
        curl_easy_cleanup(c);
        if (rc != CURLE_OK) {
            std::string detail = errbuf[0] != 0 ? errbuf : curl_easy_strerror(rc);
            std::string code = response > 0 ? msg::tr("smtp.server_answered", {{"code", response}}) : "";
            return Error{mask(msg::tr("smtp.failed", {{"url", url},
                                                      {"phase", smtp_phase_of(rc)},
                                                      {"detail", detail},
                                                      {"code", code},
                                                      {"advice", what_next(rc)}}))};
        }
        return sent;
    }

  private:
    static std::string curl_date_now() {
        std::time_t t = std::time(nullptr);
        std::tm tm{};
        gmtime_r(&t, &tm);
        char buf[64];
        std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
        return buf;
    }
};

} // namespace

std::string render_mail(const MailMessage& msg, const std::string& date_rfc2822, const std::string& message_id) {
    std::string to;
    for (const auto& t : msg.to) to += (to.empty() ? "" : ", ") + t;
    std::string text = fmt::format("Date: {}\nFrom: {}\nTo: {}\nMessage-ID: {}\nSubject: {}\nMIME-Version: 1.0\n"
                                   "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n{}\n",
                                   date_rfc2822, msg.from, to, message_id, header_text(msg.subject), msg.body);
    return crlf(text);
}

std::unique_ptr<Mail> make_curl_smtp() { return std::make_unique<CurlSmtp>(); }

} // namespace compuerta::core
