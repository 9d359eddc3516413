#pragma once
// 2.3: a client certificate (mTLS) and its CA: readable, the key matches,
// the chain verifies, and it does not expire too soon.
#include "core/model.hpp"
#include "core/ports/certificates.hpp"
#include "core/ports/clock.hpp"

namespace compuerta::plugin::gates {

struct CertificateRequirements {
    core::CertificateFiles files;
    int warn_days = 30; // expiring within this many days: warn
    int fail_days = 7;  // within this many days (or expired): fail
};

class CertificateCheck final : public core::Check {
  public:
    CertificateCheck(core::CheckSpec spec, CertificateRequirements req, core::Certificates& certs,
                     const core::Clock& clock);
    core::Outcome run(const core::Deadline& deadline) override;

  private:
    CertificateRequirements m_req;
    core::Certificates& m_certs;
    const core::Clock& m_clock;
};

// Judges inspected certificate facts at `now` (seconds since the epoch).
core::Outcome judge_certificate(const core::CertificateInfo& info, const CertificateRequirements& req, long long now);

} // namespace compuerta::plugin::gates
