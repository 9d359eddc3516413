#include "plugin/window/common.hpp"

#include "core/config/sections/plan.hpp"
#include "plugin/window/open_window.hpp"

namespace compuerta::plugin::window {

std::map<std::string, std::string> placeholders(core::cli::Invocation& inv) {
    const auto& id = inv.identity();
    const auto window = core::config::window_decl().read(inv.config());
    std::string environment = window.environment.str_or(id.environment);
    std::string tag = window.release.str_or(id.tag);
    // The window `window open` journaled says what is being deployed now.
    if (auto w = open_window(inv.history().events, environment)) {
        if (!w->window.environment.empty())
            environment = w->window.environment;
        if (!w->window.release.empty())
            tag = w->window.release;
    }
    return {
        {"tag", tag},
        {"previous_tag", inv.env().get_or("COMPUERTA_PREVIOUS_TAG", "")},
        {"commit", id.commit},
        {"environment", environment},
    };
}

std::string journal_dir(core::cli::Invocation& inv) {
    return inv.journal().file().parent_path().string();
}

} // namespace compuerta::plugin::window
