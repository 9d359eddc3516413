#include "core/config/output.hpp"

namespace compuerta::core::config {

namespace {

std::optional<std::string> text_at(const Config& cfg, const std::string& dotted) {
    Value v = cfg.at(dotted);
    if (!v.present())
        return std::nullopt;
    return v.str();
}

} // namespace

OutputSettings read_output_settings(const Config& cfg) {
    OutputSettings out;
    out.lang = text_at(cfg, "lang");
    if (!out.lang)
        out.lang = text_at(cfg, "plan.lang");
    out.notify_lang = text_at(cfg, "notify.lang");
    out.timezone = text_at(cfg, "timezone");
    return out;
}

} // namespace compuerta::core::config
