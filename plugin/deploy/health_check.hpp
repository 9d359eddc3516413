#pragma once
// The health wait after restart (plan step 5): polls the health URL with the
// maintenance bypass header until it answers 2xx, bounded by the check's
// deadline. Maintenance mode stays on during the window, so without the
// bypass the health URL would answer 503 to us as to the public.
#include "core/model.hpp"
#include "core/ports/http.hpp"

#include <functional>
#include <optional>
#include <string>
#include <utility>

namespace compuerta::plugin::deploy {

struct HealthSettings {
    std::string url;
    std::optional<std::pair<std::string, std::string>> bypass; // header, value
    core::Millis interval{2'000};
};

class HealthCheck final : public core::Check {
  public:
    // `sleep` waits between polls (tests pass a no-op).
    HealthCheck(core::CheckSpec spec, core::Http& http, HealthSettings settings,
                std::function<void(core::Millis)> sleep = {});
    core::Outcome run(const core::Deadline& deadline) override;

  private:
    core::Http& m_http;
    HealthSettings m_settings;
    std::function<void(core::Millis)> m_sleep;
};

} // namespace compuerta::plugin::deploy
