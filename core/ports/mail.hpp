#pragma once
// Sending e-mail over SMTP (libcurl adapter: core/adapters/curl_smtp.cpp).
// Used by `compuerta notify`.
#include "core/deadline.hpp"
#include "core/ports/http.hpp"
#include "core/result.hpp"

#include <memory>
#include <string>
#include <vector>

namespace compuerta::core {

enum class SmtpTls {
    starttls, // smtp://host:587, STARTTLS required (the connection fails without it)
    implicit  // smtps://host:465, TLS from the first byte
};

struct SmtpServer {
    std::string url;      // smtp://host:port or smtps://host:port
    SmtpTls tls = SmtpTls::starttls;
    std::string username; // empty: no AUTH
    std::string password;
    TlsOptions tls_options;
};

struct MailMessage {
    std::string from;
    std::vector<std::string> to;
    std::string subject; // UTF-8; encoded as RFC 2047
    std::string body;    // UTF-8 plain text
};

struct MailSent {
    std::string server; // host:port that accepted the message
};

class Mail {
  public:
    virtual ~Mail() = default;
    // Delivers `msg` to the server by `deadline`; never throws. The error
    // names the phase (connect, TLS, authentication, refused recipient) and
    // is masked.
    virtual Result<MailSent> send(const SmtpServer& server, const MailMessage& msg, const Deadline& deadline) = 0;
};

std::unique_ptr<Mail> make_curl_smtp();

// The RFC 5322 text of `msg` (headers + body), dated `date_rfc2822`.
std::string render_mail(const MailMessage& msg, const std::string& date_rfc2822, const std::string& message_id);

} // namespace compuerta::core
