#include "plugin/gates/env/certificate_check.hpp"
#include "core/util/local_time.hpp"

#include "core/messages/catalog.hpp"

#include <chrono>
#include <ctime>
#include <fmt/format.h>

namespace compuerta::plugin::gates {

namespace msg = core::msg;

namespace {

// In the configured timezone (core/util/local_time.hpp), as every time a person reads.
std::string date(long long t) { return core::util::local_minute_text(core::WallTime(std::chrono::seconds(t))); }

} // namespace

CertificateCheck::CertificateCheck(core::CheckSpec spec, CertificateRequirements req, core::Certificates& certs,
                                   const core::Clock& clock)
    : core::Check(std::move(spec)), m_req(std::move(req)), m_certs(certs), m_clock(clock) {}

core::Outcome CertificateCheck::run(const core::Deadline&) {
    auto info = m_certs.inspect(m_req.files);
    if (!info)
        return core::Outcome::make(core::Status::fail,
                                   msg::tr("gates.env.cert.unreadable", {{"problem", info.error().message}}),
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
                                   msg::tr("gates.env.cert.key_mismatch",
                                           {{"key", f.key}, {"cert", f.cert}, {"subject", info.subject}}),
                                   ev);
    if (info.chain_checked && !info.chain_error.empty())
        return core::Outcome::make(core::Status::fail,
                                   msg::tr("gates.env.cert.chain", {{"cert", f.cert},
                                                                    {"subject", info.subject},
                                                                    {"ca", f.ca},
                                                                    {"problem", info.chain_error}}),
                                   ev);
    if (info.not_before > now)
        return core::Outcome::make(core::Status::fail,
                                   msg::tr("gates.env.cert.not_yet_valid", {{"cert", f.cert}, {"date", date(info.not_before)}}),
                                   ev);
    if (info.not_after <= now)
        return core::Outcome::make(core::Status::fail,
                                   msg::tr("gates.env.cert.expired",
                                           {{"cert", f.cert}, {"subject", info.subject}, {"date", date(info.not_after)}}),
                                   ev);
    msg::Params what = {{"cert", f.cert}, {"subject", info.subject}, {"date", date(info.not_after)},
                        {"required", req.fail_days}};
    if (days_left < req.fail_days)
        return core::Outcome::make(core::Status::fail, msg::trn("gates.env.cert.expires_fail", days_left, what), ev);
    if (days_left < req.warn_days)
        return core::Outcome::make(core::Status::warn, msg::trn("gates.env.cert.expires_warn", days_left, what), ev);
    const char* id = info.key_checked && info.chain_checked ? "gates.env.cert.ok_key_chain"
                     : info.key_checked                     ? "gates.env.cert.ok_key"
                     : info.chain_checked                   ? "gates.env.cert.ok_chain"
                                                            : "gates.env.cert.ok";
    return core::Outcome::make(core::Status::pass, msg::trn(id, days_left, what), ev);
}

} // namespace compuerta::plugin::gates
