#include "plugin/gates/env/certificate_check.hpp"

#include <chrono>
#include <ctime>
#include <fmt/format.h>

namespace compuerta::plugin::gates {

namespace {

std::string date(long long t) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
    return buf;
}

} // namespace

CertificateCheck::CertificateCheck(core::CheckSpec spec, CertificateRequirements req, core::Certificates& certs,
                                   const core::Clock& clock)
    : core::Check(std::move(spec)), m_req(std::move(req)), m_certs(certs), m_clock(clock) {}

core::Outcome CertificateCheck::run(const core::Deadline&) {
    auto info = m_certs.inspect(m_req.files);
    if (!info)
        return core::Outcome::make(core::Status::fail,
                                   info.error().message + " — install the file where the configuration points",
                                   {{"cert", m_req.files.cert}});
    long long now = std::chrono::duration_cast<std::chrono::seconds>(m_clock.now().time_since_epoch()).count();
    return judge_certificate(info.value(), m_req, now);
}

core::Outcome judge_certificate(const core::CertificateInfo& info, const CertificateRequirements& req, long long now) {
    const auto& f = req.files;
    long long days_left = (info.not_after - now) / 86400;
    core::Evidence ev = {{"cert", f.cert},
                         {"subject", info.subject},
                         {"issuer", info.issuer},
                         {"not_after", date(info.not_after)},
                         {"days_left", core::EvidenceValue::integer(days_left)}};
    if (info.key_checked && !info.key_matches)
        return core::Outcome::make(core::Status::fail,
                                   fmt::format("the key {} does not belong to the certificate {} ({}) — install the "
                                               "matching key",
                                               f.key, f.cert, info.subject),
                                   ev);
    if (info.chain_checked && !info.chain_error.empty())
        return core::Outcome::make(core::Status::fail,
                                   fmt::format("the certificate {} ({}) does not verify against the CA {}: {} — "
                                               "install the CA that issued it",
                                               f.cert, info.subject, f.ca, info.chain_error),
                                   ev);
    if (info.not_before > now)
        return core::Outcome::make(core::Status::fail,
                                   fmt::format("the certificate {} is not valid before {}", f.cert,
                                               date(info.not_before)),
                                   ev);
    if (info.not_after <= now)
        return core::Outcome::make(core::Status::fail,
                                   fmt::format("the certificate {} ({}) expired on {} — renew it before the window",
                                               f.cert, info.subject, date(info.not_after)),
                                   ev);
    std::string what = fmt::format("the certificate {} ({}) expires on {}, in {} days", f.cert, info.subject,
                                   date(info.not_after), days_left);
    if (days_left < req.fail_days)
        return core::Outcome::make(core::Status::fail,
                                   fmt::format("{}, under the {} days required — renew it", what, req.fail_days), ev);
    if (days_left < req.warn_days)
        return core::Outcome::make(core::Status::warn, fmt::format("{} — renew it soon", what), ev);
    std::string checked = std::string(info.key_checked ? ", key matches" : "") +
                          (info.chain_checked ? ", chain verifies" : "");
    return core::Outcome::make(core::Status::pass, what + checked, ev);
}

} // namespace compuerta::plugin::gates
