#pragma once
// Which language a run speaks: --lang, then COMPUERTA_LANG, then the
// configuration's `lang`, then the locale (LC_ALL, LC_MESSAGES, LANG, as
// gettext reads them); English when nothing says otherwise.
#include "core/messages/lang.hpp"
#include "core/ports/env.hpp"

#include <optional>
#include <string>
#include <vector>

namespace compuerta::core::cli {

// The value of --lang in `args` (as "--lang es" or "--lang=es"), read before
// the options are parsed so that even a usage error speaks the language.
std::optional<std::string> lang_in_args(const std::vector<std::string>& args);

// Throws UsageError when --lang or COMPUERTA_LANG names neither es nor en.
msg::Lang choose_language(const std::optional<std::string>& flag, const Env& env,
                          const std::optional<std::string>& configured);

// Whether --lang or COMPUERTA_LANG decided (the configuration then has no say).
bool language_forced(const std::optional<std::string>& flag, const Env& env);

} // namespace compuerta::core::cli
