#pragma once
// The deployment window that is open now, read from the journal: what
// `window close`, maintenance's placeholders and notify need to know about
// the window that `window open` journaled (release, environment, planned
// start and end), so nobody has to repeat it.
#include "core/events.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::plugin::window {

struct OpenWindow {
    core::events::WindowInfo window; // as window.open journaled it
    std::string opened_at;           // the window.open line's ts (RFC 3339)
    std::string run;                 // the run that opened it
};

// The latest `window.open` of `environment` (any environment when empty)
// that no later `window.close` of the same environment closed; nullopt when
// none is open. Events are in journal order (merged by time).
std::optional<OpenWindow> open_window(const std::vector<nlohmann::json>& events,
                                      const std::string& environment = {});

} // namespace compuerta::plugin::window
