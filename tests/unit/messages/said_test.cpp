// The journal stores what a text means (core/messages/said.hpp): a text the
// catalog rendered in Spanish reads in English from its stored meaning.
#include "core/messages/said.hpp"

#include <gtest/gtest.h>

namespace compuerta::core::msg {
namespace {

TEST(Said, ARenderedTextIsReadBackInTheOtherLanguage) {
    std::string es =
        text(Lang::es, "cli.duration.invalid", {{"flag", "timeout"}, {"value", "pronto"}});
    ASSERT_NE(es.find("se esperaba una duración"), std::string::npos) << es;
    nlohmann::json meaning = meaning_of(es);
    ASSERT_FALSE(meaning.is_null());
    EXPECT_EQ(meaning["id"], "cli.duration.invalid");
    EXPECT_EQ(meaning["params"]["value"], "pronto");
    auto en = render(Lang::en, nlohmann::json::array({meaning}));
    ASSERT_TRUE(en.has_value());
    EXPECT_EQ(
        *en,
        "--timeout: expected a duration greater than zero such as 500ms, 30s, 5m, got \"pronto\"");
    EXPECT_EQ(render(Lang::es, nlohmann::json::array({meaning})), es);
}

TEST(Said, PluralsKeepTheirCountAndNestedMessagesTheirMeaning) {
    std::string inner = plural(Lang::es, "terminal.count.failed", 3);
    EXPECT_EQ(inner, "3 fallaron");
    std::string outer =
        text(Lang::es, "cli.error", {{"program", "compuerta smoke"}, {"message", inner}});
    nlohmann::json parts = said({outer});
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_EQ(parts[0]["params"]["message"]["id"], "terminal.count.failed");
    EXPECT_EQ(parts[0]["params"]["message"]["n"], 3);
    auto en = render(Lang::en, parts);
    ASSERT_TRUE(en.has_value());
    EXPECT_EQ(*en, "compuerta smoke: error: 3 failed");
}

TEST(Said, PiecesTheCatalogDidNotWriteStayAsWritten) {
    std::string name = plural(Lang::es, "terminal.count.passed", 1);
    nlohmann::json parts = said({"6.1 ", name, ": ", "salida de un programa externo", ""});
    ASSERT_EQ(parts.size(), 4u) << parts.dump(); // the empty piece is dropped
    EXPECT_EQ(parts[0], (nlohmann::json{{"text", "6.1 "}}));
    EXPECT_EQ(parts[1]["id"], "terminal.count.passed");
    EXPECT_EQ(parts[3], (nlohmann::json{{"text", "salida de un programa externo"}}));
    EXPECT_EQ(render(Lang::en, parts), "6.1 1 passed: salida de un programa externo");
    EXPECT_TRUE(meaning_of("a text no message produced").is_null());
}

TEST(Said, AMalformedOrUnknownRecordFallsBackToTheStoredText) {
    EXPECT_FALSE(render(Lang::en, nlohmann::json("a string")).has_value());
    EXPECT_FALSE(render(Lang::en, nlohmann::json::array()).has_value());
    EXPECT_FALSE(
        render(Lang::en, nlohmann::json::array({{{"id", "no.such.message"}}})).has_value());
    EXPECT_FALSE(
        render(Lang::en, nlohmann::json::array({{{"id", "terminal.count.failed"}, {"n", "three"}}}))
            .has_value());
    EXPECT_FALSE(render(Lang::en, nlohmann::json::array({{{"id", "cli.error"}, {"params", 7}}}))
                     .has_value());
}

} // namespace
} // namespace compuerta::core::msg
