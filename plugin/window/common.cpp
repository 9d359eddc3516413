#include "plugin/window/common.hpp"

namespace compuerta::plugin::window {

std::map<std::string, std::string> placeholders(const core::cli::Invocation& inv) {
    const auto& id = inv.identity();
    const auto& cfg = inv.config();
    return {
        {"tag", cfg.at("window.release").str_or(id.tag)},
        {"previous_tag", inv.env().get_or("COMPUERTA_PREVIOUS_TAG", "")},
        {"commit", id.commit},
        {"environment", cfg.at("window.environment").str_or(id.environment)},
    };
}

std::string journal_dir(core::cli::Invocation& inv) {
    return inv.journal().file().parent_path().string();
}

} // namespace compuerta::plugin::window
