#include "smoke/checks/phases.hpp"

#include "core/messages/catalog.hpp"

namespace compuerta::smoke::checks {

namespace msg = core::msg;

std::string phase_text(core::PgPhase p) {
    switch (p) {
    case core::PgPhase::config:
        return msg::tr("smoke.postgres.phase.config");
    case core::PgPhase::dns:
        return msg::tr("smoke.postgres.phase.dns");
    case core::PgPhase::connect:
        return msg::tr("smoke.postgres.phase.connect");
    case core::PgPhase::tls:
        return msg::tr("smoke.postgres.phase.tls");
    case core::PgPhase::startup:
        return msg::tr("smoke.postgres.phase.startup");
    case core::PgPhase::auth:
        return msg::tr("smoke.postgres.phase.auth");
    case core::PgPhase::query:
        return msg::tr("smoke.postgres.phase.query");
    }
    return std::string(core::to_string(p));
}

std::string phase_text(core::HttpPhase p) {
    switch (p) {
    case core::HttpPhase::config:
        return msg::tr("smoke.http.phase.config");
    case core::HttpPhase::dns:
        return msg::tr("smoke.http.phase.dns");
    case core::HttpPhase::connect:
        return msg::tr("smoke.http.phase.connect");
    case core::HttpPhase::tls:
        return msg::tr("smoke.http.phase.tls");
    case core::HttpPhase::send:
        return msg::tr("smoke.http.phase.send");
    case core::HttpPhase::receive:
        return msg::tr("smoke.http.phase.receive");
    case core::HttpPhase::timeout:
        return msg::tr("smoke.http.phase.timeout");
    case core::HttpPhase::redirect:
        return msg::tr("smoke.http.phase.redirect");
    }
    return std::string(core::to_string(p));
}

} // namespace compuerta::smoke::checks
