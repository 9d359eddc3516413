#pragma once
// The message catalog: every text a person reads, in English and Spanish,
// from po/<lang>/*.po (GNU gettext's format), checked by msgfmt and compiled
// into the binary at build time (core/messages/po_to_cpp.py), so no system
// locale and no catalog file is needed. Ids are stable English keys ("cli.error"); a text names
// its parameters in braces ("{ms} ms"), filled by name.
#include "core/messages/lang.hpp"

#include <fmt/format.h>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace compuerta::core::msg {

// One named parameter of a message: {name} in the text.
struct Param {
    std::string name;
    std::string value;
    Param(std::string n, std::string v) : name(std::move(n)), value(std::move(v)) {}
    Param(std::string n, const char* v) : name(std::move(n)), value(v) {}
    Param(std::string n, std::string_view v) : name(std::move(n)), value(v) {}
    template <class T, class = std::enable_if_t<std::is_arithmetic_v<T>>>
    Param(std::string n, T v) : name(std::move(n)), value(fmt::format("{}", v)) {}
};
using Params = std::vector<Param>;

// The language of this run's output (the CLI sets it once, from --lang,
// COMPUERTA_LANG, the configuration's `lang`, the locale; English by default).
Lang current() noexcept;
void set_current(Lang lang) noexcept;

// Text `id` in `lang` with its parameters filled. An id missing from the
// catalog renders as the id itself (the catalog test keeps that from shipping).
std::string text(Lang lang, std::string_view id, const Params& params = {});
// The plural form of `id` for `n` (the catalog's Plural-Forms rule), with
// {n} filled with `n` besides `params`.
std::string plural(Lang lang, std::string_view id, long long n, const Params& params = {});

// In the current language.
inline std::string tr(std::string_view id, const Params& params = {}) {
    return text(current(), id, params);
}
inline std::string trn(std::string_view id, long long n, const Params& params = {}) {
    return plural(current(), id, n, params);
}

// For the catalog's own tests: whether `id` has a translation in `lang`.
bool has(Lang lang, std::string_view id);

} // namespace compuerta::core::msg
