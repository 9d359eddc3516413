// Which language a run speaks (core/cli/language.hpp), and the executable
// speaking it under a C locale.
#include "core/cli/language.hpp"
#include "core/errors.hpp"
#include "tests/support/support.hpp"

#include <gtest/gtest.h>

using compuerta::core::MapEnv;
using compuerta::core::UsageError;
using compuerta::core::cli::choose_language;
using compuerta::core::cli::lang_in_args;
using compuerta::core::msg::Lang;

namespace {
MapEnv env_of(std::map<std::string, std::string> vars) {
    return MapEnv(std::move(vars));
}
} // namespace

TEST(Language, FlagThenVariableThenConfigurationThenLocaleThenEnglish) {
    MapEnv env = env_of({{"COMPUERTA_LANG", "en"}, {"LANG", "en_US.UTF-8"}});
    EXPECT_EQ(choose_language(std::string("es"), env, std::string("en")), Lang::es);
    EXPECT_EQ(choose_language(std::nullopt, env, std::string("es")), Lang::en);
    MapEnv locale = env_of({{"LANG", "en_US.UTF-8"}});
    EXPECT_EQ(choose_language(std::nullopt, locale, std::string("es")), Lang::es);
    EXPECT_EQ(choose_language(std::nullopt, env_of({{"LANG", "es_MX.UTF-8"}}), std::nullopt),
              Lang::es);
    EXPECT_EQ(choose_language(std::nullopt, MapEnv(), std::nullopt), Lang::en);
}

TEST(Language, LocaleVariablesInGettextsOrder) {
    EXPECT_EQ(choose_language(std::nullopt, env_of({{"LC_ALL", "C"}, {"LANG", "es_MX.UTF-8"}}),
                              std::nullopt),
              Lang::en);
    EXPECT_EQ(choose_language(std::nullopt, env_of({{"LC_MESSAGES", "es_ES"}, {"LANG", "en_US"}}),
                              std::nullopt),
              Lang::es);
    EXPECT_EQ(choose_language(std::nullopt, env_of({{"LC_ALL", ""}, {"LANG", "es"}}), std::nullopt),
              Lang::es);
    EXPECT_EQ(choose_language(std::nullopt, env_of({{"LANG", "fr_FR.UTF-8"}}), std::nullopt),
              Lang::en);
    EXPECT_EQ(choose_language(std::nullopt, env_of({{"LANG", "C.UTF-8"}}), std::nullopt), Lang::en);
}

TEST(Language, AWrongFlagOrVariableIsAUsageError) {
    EXPECT_THROW(choose_language(std::string("fr"), MapEnv(), std::nullopt), UsageError);
    EXPECT_THROW(
        choose_language(std::nullopt, env_of({{"COMPUERTA_LANG", "spanish"}}), std::nullopt),
        UsageError);
}

TEST(Language, FlagIsFoundBeforeTheOptionsAreParsed) {
    EXPECT_EQ(lang_in_args({"compuerta smoke", "--lang", "es"}), "es");
    EXPECT_EQ(lang_in_args({"compuerta smoke", "--lang=en", "--bogus"}), "en");
    EXPECT_EQ(lang_in_args({"compuerta smoke", "--", "--lang", "es"}), std::nullopt);
    EXPECT_EQ(lang_in_args({"compuerta smoke", "--lang"}), std::nullopt);
}

TEST(Language, TheExecutableSpeaksSpanishUnderACLocale) {
    namespace t = compuerta::test;
    auto r = t::run("compuerta", {"smoke", "--lang", "es", "--bogus"},
                    {{"LANG", "C.UTF-8"}, {"LC_ALL", "C.UTF-8"}});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("opción no reconocida '--bogus' (consulte compuerta smoke --help)"),
              std::string::npos)
        << r.err;
    auto en = t::run("compuerta", {"smoke", "--bogus"},
                     {{"LANG", "C.UTF-8"}, {"COMPUERTA_LANG", "\x01"}});
    EXPECT_NE(en.err.find("unrecognised option '--bogus' (see compuerta smoke --help)"),
              std::string::npos)
        << en.err;
    auto bad = t::run("compuerta", {"smoke", "--lang", "fr"}, {{"LANG", "C.UTF-8"}});
    EXPECT_EQ(bad.code, 2);
    EXPECT_NE(bad.err.find("--lang: expected es or en, got \"fr\""), std::string::npos) << bad.err;
}
