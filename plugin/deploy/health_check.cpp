#include "plugin/deploy/health_check.hpp"

#include "core/ports/texts.hpp"
#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <thread>

namespace compuerta::plugin::deploy {

HealthCheck::HealthCheck(core::CheckSpec spec, core::Http& http, HealthSettings settings,
                         std::function<void(core::Millis)> sleep)
    : core::Check(std::move(spec)), m_http(http), m_settings(std::move(settings)), m_sleep(std::move(sleep)) {
    if (!m_sleep) m_sleep = [](core::Millis d) { std::this_thread::sleep_for(d); };
}

core::Outcome HealthCheck::run(const core::Deadline& deadline) {
    core::HttpRequest req;
    req.url = m_settings.url;
    if (m_settings.bypass) req.headers.push_back(*m_settings.bypass);
    int attempts = 0;
    std::string last;
    // Leave a little of the deadline to report in.
    core::Deadline stop(deadline.at() - std::chrono::milliseconds(200));
    while (true) {
        ++attempts;
        core::Deadline per_try = stop.earliest(core::Deadline::after(core::Millis(5'000)));
        auto res = m_http.send(req, per_try);
        if (res && res->status >= 200 && res->status < 300) {
            return core::Outcome::make(
                core::Status::pass,
                core::msg::trn("deploy.health.ok", attempts, {{"status", res->status}}),
                {{"url", core::mask(m_settings.url)},
                 {"status", core::EvidenceValue::integer(res->status)},
                 {"attempts", core::EvidenceValue::integer(attempts)}});
        }
        last = res ? fmt::format("HTTP {}", res->status)
                   : fmt::format("{} ({})", res.error().message, core::phase_text(res.error().phase));
        if (stop.expired() || stop.remaining() < m_settings.interval) break;
        m_sleep(m_settings.interval);
    }
    core::Outcome o =
        core::Outcome::make(core::Status::fail,
                            core::msg::tr("deploy.health.failed",
                                          {{"url", core::mask(m_settings.url)}, {"last", last}}),
                            {{"url", core::mask(m_settings.url)},
                             {"last", last},
                             {"attempts", core::EvidenceValue::integer(attempts)}});
    return o;
}

} // namespace compuerta::plugin::deploy
