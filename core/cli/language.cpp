#include "core/cli/language.hpp"

#include "core/errors.hpp"
#include "core/messages/catalog.hpp"

namespace compuerta::core::cli {

std::optional<std::string> lang_in_args(const std::vector<std::string>& args) {
    std::optional<std::string> out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--")
            break;
        if (args[i] == "--lang" && i + 1 < args.size())
            out = args[i + 1];
        else if (args[i].rfind("--lang=", 0) == 0)
            out = args[i].substr(7);
    }
    return out;
}

namespace {

msg::Lang strict(const std::string& value, const std::string& origin) {
    if (auto l = msg::parse(value))
        return *l;
    throw UsageError(msg::tr("cli.lang.invalid", {{"origin", origin}, {"value", value}}));
}

std::optional<std::string> non_empty(const Env& env, const char* name) {
    auto v = env.get(name);
    if (!v || v->empty())
        return std::nullopt;
    return v;
}

} // namespace

bool language_forced(const std::optional<std::string>& flag, const Env& env) {
    return flag.has_value() || non_empty(env, "COMPUERTA_LANG").has_value();
}

msg::Lang choose_language(const std::optional<std::string>& flag, const Env& env,
                          const std::optional<std::string>& configured) {
    if (flag)
        return strict(*flag, "--lang");
    if (auto v = non_empty(env, "COMPUERTA_LANG"))
        return strict(*v, "COMPUERTA_LANG");
    if (configured) {
        if (auto l = msg::parse(*configured))
            return *l;
    }
    // The first locale variable that is set decides, as in gettext; a locale
    // in another language (or C/POSIX) means English.
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        if (auto v = non_empty(env, name))
            return msg::from_locale(*v).value_or(msg::Lang::en);
    }
    return msg::Lang::en;
}

} // namespace compuerta::core::cli
