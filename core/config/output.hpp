#pragma once
// The configuration's output settings, typed: the top-level `lang` and
// `timezone` (and the older plan.lang / notify.lang), read once.
#include "core/config/config.hpp"

#include <optional>
#include <string>

namespace compuerta::core::config {

struct OutputSettings {
    std::optional<std::string> lang;        // `lang`, else plan.lang (its older spelling)
    std::optional<std::string> notify_lang; // notify.lang: notifications only
    std::optional<std::string> timezone;    // `timezone`: an IANA name
};

OutputSettings read_output_settings(const Config& cfg);

} // namespace compuerta::core::config
