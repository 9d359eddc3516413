#include "core/messages/lang.hpp"

namespace compuerta::core::msg {

const char* code(Lang lang) noexcept {
    return lang == Lang::es ? "es" : "en";
}

std::optional<Lang> parse(std::string_view text) noexcept {
    if (text == "es")
        return Lang::es;
    if (text == "en")
        return Lang::en;
    return std::nullopt;
}

std::optional<Lang> from_locale(std::string_view locale) noexcept {
    // language[_territory][.codeset][@modifier]
    auto end = locale.find_first_of("_.@");
    return parse(locale.substr(0, end));
}

} // namespace compuerta::core::msg
