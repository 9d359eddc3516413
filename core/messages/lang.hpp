#pragma once
// The two languages every text a person reads is written in.
#include <optional>
#include <string>
#include <string_view>

namespace compuerta::core::msg {

enum class Lang { en, es };

// "es" or "en" (the catalog's and the configuration's spelling).
const char* code(Lang lang) noexcept;
// "es", "en" exactly; nullopt for anything else.
std::optional<Lang> parse(std::string_view text) noexcept;
// A POSIX locale name as gettext reads it ("es_MX.UTF-8", "en_US", "es"):
// its language when it is one of ours; nullopt for "C", "POSIX", empty or another language.
std::optional<Lang> from_locale(std::string_view locale) noexcept;

} // namespace compuerta::core::msg
