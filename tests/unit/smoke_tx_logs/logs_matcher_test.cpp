#include "smoke/logs/matcher.hpp"

#include <gtest/gtest.h>

using namespace compuerta::smoke::logs;

namespace {

struct Found {
    std::vector<std::string> lines;
    std::vector<std::size_t> patterns;
};

Found scan(LineMatcher& m, std::string_view data) {
    Found f;
    m.scan(data, [&](std::size_t b, std::size_t e, std::size_t p) {
        f.lines.emplace_back(data.substr(b, e - b));
        f.patterns.push_back(p);
        return true;
    });
    return f;
}

class Engines : public ::testing::TestWithParam<Engine> {
  protected:
    std::unique_ptr<LineMatcher> make(const std::vector<std::string>& p, bool icase = false) {
        return make_matcher(p, MatcherOptions{icase, GetParam()});
    }
};

} // namespace

TEST_P(Engines, ReportsEachMatchingLineOnceInOrder) {
    auto m = make({"ERROR", "timeout", R"(\d{3} ms)"});
    std::string data = "INFO ok\nERROR timeout after 500 ms\nINFO fine\nWARN timeout\nERROR\n";
    auto f = scan(*m, data);
    ASSERT_EQ(f.lines.size(), 3u);
    EXPECT_EQ(f.lines[0], "ERROR timeout after 500 ms");
    EXPECT_EQ(f.lines[1], "WARN timeout");
    EXPECT_EQ(f.patterns[1], 1u);
    EXPECT_EQ(f.lines[2], "ERROR");
}

TEST_P(Engines, AnchorsApplyPerLine) {
    auto m = make({"^FATAL", "caído$"});
    auto f = scan(*m, "x FATAL no\nFATAL sí\nservicio caído\nservicio caído ayer\n");
    ASSERT_EQ(f.lines.size(), 2u);
    EXPECT_EQ(f.lines[0], "FATAL sí");
    EXPECT_EQ(f.lines[1], "servicio caído");
}

TEST_P(Engines, WordBoundariesAreAsciiOnSpanishText) {
    // ASCII \b: accented letters are not word characters, so "errorá"
    // ends a word after "error", while "errores" does not.
    auto m = make({R"(\berror\b)"});
    auto f = scan(*m, "se registró un error grave\nerrores previstos\nerrorá\nnúmero de sesión: información\n");
    ASSERT_EQ(f.lines.size(), 2u);
    EXPECT_EQ(f.lines[0], "se registró un error grave");
    EXPECT_EQ(f.lines[1], "errorá");
}

TEST_P(Engines, IgnoreCase) {
    auto m = make({"excepción"}, true);
    EXPECT_TRUE(m->matches("EXCEPCIóN no controlada")); // ASCII letters fold; the UTF-8 bytes match as written
    EXPECT_FALSE(m->matches("sin problemas"));
}

TEST_P(Engines, LastLineWithoutNewline) {
    auto m = make({"ERROR"});
    auto f = scan(*m, "ok\nERROR al final");
    ASSERT_EQ(f.lines.size(), 1u);
    EXPECT_EQ(f.lines[0], "ERROR al final");
}

INSTANTIATE_TEST_SUITE_P(Both, Engines, ::testing::Values(Engine::hyperscan, Engine::pcre2),
                         [](const auto& p) { return p.param == Engine::hyperscan ? "hyperscan" : "pcre2"; });

TEST(Matcher, AutomaticPrefersHyperscanEvenWithWordBoundaries) {
    // The engine the check uses for \b patterns must be the one without a
    // Unicode-\b slow path: Hyperscan, not a fallback.
    auto m = make_matcher({R"(\b(ERROR|FATAL)\b)", R"(\bExcepci[oó]n\b)", R"(\btiempo de espera agotado\b)"}, {});
    EXPECT_EQ(m->engine(), "hyperscan");
}

TEST(Matcher, AutomaticFallsBackToPcre2ForBackreferences) {
    auto m = make_matcher({R"((\w+) \1)"}, {});
    EXPECT_EQ(m->engine(), "pcre2");
    EXPECT_TRUE(m->matches("error error"));
    EXPECT_FALSE(m->matches("error fatal"));
}

TEST(Matcher, ValidationNamesTheBadPattern) {
    auto bad = validate_patterns({"ok", "(unclosed"}, false);
    ASSERT_TRUE(bad.has_value());
    EXPECT_EQ(bad->index, 1u);
    EXPECT_NE(bad->message.find("missing closing parenthesis"), std::string::npos) << bad->message;
    auto empty = validate_patterns({"a*"}, false);
    ASSERT_TRUE(empty.has_value());
    EXPECT_NE(empty->message.find("empty string"), std::string::npos);
    EXPECT_FALSE(validate_patterns({"ERROR", R"(\bfoo\b)"}, false).has_value());
}

TEST(Matcher, HyperscanRefusesWhatItCannotDo) {
    EXPECT_THROW(make_hyperscan_matcher({R"((a)\1)"}, false), std::invalid_argument);
}
