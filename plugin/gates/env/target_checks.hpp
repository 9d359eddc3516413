#pragma once
// 2.1 on the deploy target itself: its URLs answer, and the site's own probe
// commands (ssh, systemctl, ...) succeed.
#include "core/model.hpp"
#include "core/ports/http.hpp"
#include "core/ports/process.hpp"

#include <string>

namespace compuerta::plugin::gates {

struct UrlProbe {
    std::string url;
    long expect_status = 0; // 0: any 2xx or 3xx
    core::TlsOptions tls;
};

class UrlCheck final : public core::Check {
  public:
    UrlCheck(core::CheckSpec spec, UrlProbe probe, core::Http& http);
    core::Outcome run(const core::Deadline& deadline) override;

  private:
    UrlProbe m_probe;
    core::Http& m_http;
};

class CommandCheck final : public core::Check {
  public:
    CommandCheck(core::CheckSpec spec, std::string command, core::Process& process);
    core::Outcome run(const core::Deadline& deadline) override;

  private:
    std::string m_command;
    core::Process& m_process;
};

} // namespace compuerta::plugin::gates
