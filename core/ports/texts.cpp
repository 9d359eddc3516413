#include "core/ports/texts.hpp"

#include "core/messages/catalog.hpp"

namespace compuerta::core {

// Stable English names (evidence, journal): never translated.
std::string_view to_string(HttpPhase p) noexcept {
    switch (p) {
    case HttpPhase::config:
        return "configuration";
    case HttpPhase::dns:
        return "DNS";
    case HttpPhase::connect:
        return "TCP connect";
    case HttpPhase::tls:
        return "TLS handshake";
    case HttpPhase::send:
        return "sending the request"; // literal-ok: stable evidence name
    case HttpPhase::receive:
        return "receiving the answer"; // literal-ok: stable evidence name
    case HttpPhase::timeout:
        return "timeout";
    case HttpPhase::redirect:
        return "redirects";
    }
    return "request";
}

std::string_view to_string(TlsReason r) noexcept {
    switch (r) {
    case TlsReason::none:
        return "";
    case TlsReason::unknown_ca:
        return "certificate signed by an unknown CA"; // literal-ok: stable evidence name
    case TlsReason::host_mismatch:
        return "certificate does not match the host name"; // literal-ok: stable evidence name
    case TlsReason::expired:
        return "certificate expired"; // literal-ok: stable evidence name
    case TlsReason::not_yet_valid:
        return "certificate not yet valid"; // literal-ok: stable evidence name
    case TlsReason::client_cert:
        return "client certificate rejected or unusable"; // literal-ok: stable evidence name
    case TlsReason::bad_ca_file:
        return "CA file unreadable or invalid"; // literal-ok: stable evidence name
    case TlsReason::other:
        return "handshake failed"; // literal-ok: stable evidence name
    }
    return "";
}

std::string_view to_string(PgPhase p) noexcept {
    switch (p) {
    case PgPhase::config:
        return "configuration";
    case PgPhase::dns:
        return "DNS";
    case PgPhase::connect:
        return "TCP connect";
    case PgPhase::tls:
        return "TLS handshake";
    case PgPhase::startup:
        return "server startup answer"; // literal-ok: stable evidence name
    case PgPhase::auth:
        return "authentication";
    case PgPhase::query:
        return "query";
    }
    return "connect";
}

std::string phase_text(HttpPhase p) {
    switch (p) {
    case HttpPhase::config:
        return msg::tr("http.phase.config");
    case HttpPhase::dns:
        return msg::tr("http.phase.dns");
    case HttpPhase::connect:
        return msg::tr("http.phase.connect");
    case HttpPhase::tls:
        return msg::tr("http.phase.tls");
    case HttpPhase::send:
        return msg::tr("http.phase.send");
    case HttpPhase::receive:
        return msg::tr("http.phase.receive");
    case HttpPhase::timeout:
        return msg::tr("http.phase.timeout");
    case HttpPhase::redirect:
        return msg::tr("http.phase.redirect");
    }
    return std::string(to_string(p));
}

std::string reason_text(TlsReason r) {
    switch (r) {
    case TlsReason::none:
        return "";
    case TlsReason::unknown_ca:
        return msg::tr("http.tls.unknown_ca");
    case TlsReason::host_mismatch:
        return msg::tr("http.tls.host_mismatch");
    case TlsReason::expired:
        return msg::tr("http.tls.expired");
    case TlsReason::not_yet_valid:
        return msg::tr("http.tls.not_yet_valid");
    case TlsReason::client_cert:
        return msg::tr("http.tls.client_cert");
    case TlsReason::bad_ca_file:
        return msg::tr("http.tls.bad_ca_file");
    case TlsReason::other:
        return msg::tr("http.tls.other");
    }
    return "";
}

std::string advice_text(TlsReason r) {
    switch (r) {
    case TlsReason::unknown_ca:
        return msg::tr("http.tls_advice.unknown_ca");
    case TlsReason::host_mismatch:
        return msg::tr("http.tls_advice.host_mismatch");
    case TlsReason::expired:
        return msg::tr("http.tls_advice.expired");
    case TlsReason::not_yet_valid:
        return msg::tr("http.tls_advice.not_yet_valid");
    case TlsReason::client_cert:
        return msg::tr("http.tls_advice.client_cert");
    case TlsReason::bad_ca_file:
        return msg::tr("http.tls_advice.bad_ca_file");
    default:
        return msg::tr("http.tls_advice.other");
    }
}

std::string phase_text(PgPhase p) {
    switch (p) {
    case PgPhase::config:
        return msg::tr("pg.phase.config");
    case PgPhase::dns:
        return msg::tr("pg.phase.dns");
    case PgPhase::connect:
        return msg::tr("pg.phase.connect");
    case PgPhase::tls:
        return msg::tr("pg.phase.tls");
    case PgPhase::startup:
        return msg::tr("pg.phase.startup");
    case PgPhase::auth:
        return msg::tr("pg.phase.auth");
    case PgPhase::query:
        return msg::tr("pg.phase.query");
    }
    return std::string(to_string(p));
}

std::string deadline_advice(const Deadline& d) {
    return msg::tr(d.by_run() ? "deadline.advice.run" : "deadline.advice.check");
}

} // namespace compuerta::core
