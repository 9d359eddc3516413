#include "plugin/window/open_window.hpp"

namespace compuerta::plugin::window {

namespace ev = core::events;

namespace {
// An environment left unnamed matches any.
bool same_environment(const std::string& a, const std::string& b) {
    return a.empty() || b.empty() || a == b;
}
} // namespace

std::optional<OpenWindow> open_window(const std::vector<nlohmann::json>& events,
                                      const std::string& environment) {
    std::vector<OpenWindow> open; // oldest first
    for (const auto& line : events) {
        if (auto o = ev::as<ev::WindowOpen>(line)) {
            auto env = ev::envelope(line);
            open.push_back(OpenWindow{o->window, env.ts_text, env.run});
        } else if (auto c = ev::as<ev::WindowClose>(line)) {
            // A close ends the latest open window of its environment.
            for (auto it = open.rbegin(); it != open.rend(); ++it)
                if (same_environment(it->window.environment, c->window.environment)) {
                    open.erase(std::next(it).base());
                    break;
                }
        }
    }
    for (auto it = open.rbegin(); it != open.rend(); ++it)
        if (same_environment(it->window.environment, environment))
            return *it;
    return std::nullopt;
}

} // namespace compuerta::plugin::window
