// The message catalog (po/<lang>/*.po): both languages complete and in step,
// every text renders with its parameters, plural forms, no system locale.
#include "core/messages/catalog.hpp"
#include "tests/unit/messages/po_reader.hpp"

#include <cstdlib>
#include <gtest/gtest.h>
#include <map>
#include <regex>
#include <set>

namespace msg = compuerta::core::msg;
using compuerta::test::PoEntry;
using compuerta::test::read_catalog;

namespace {

std::map<std::string, PoEntry> by_id(const std::vector<PoEntry>& entries) {
    std::map<std::string, PoEntry> out;
    for (const auto& e : entries)
        out.emplace(e.id, e);
    return out;
}

// {name} and {name:spec} placeholders of a text ({{ is a literal brace).
std::set<std::string> placeholders(const std::string& text) {
    static const std::regex re(R"(\{([a-z_]+)(:[^}]*)?\})");
    std::string t = std::regex_replace(text, std::regex(R"(\{\{|\}\})"), "");
    std::set<std::string> out;
    for (auto it = std::sregex_iterator(t.begin(), t.end(), re); it != std::sregex_iterator(); ++it)
        out.insert((*it)[1].str());
    return out;
}

std::set<std::string> placeholders(const PoEntry& e) {
    std::set<std::string> out;
    for (const auto& f : e.forms)
        for (const auto& p : placeholders(f))
            out.insert(p);
    return out;
}

std::string where(const PoEntry& e) {
    return e.file + ":" + std::to_string(e.line);
}

} // namespace

TEST(Catalog, EveryIdHasBothLanguages) {
    auto en = by_id(read_catalog("en"));
    auto es = by_id(read_catalog("es"));
    ASSERT_GT(en.size(), 50u);
    for (const auto& [id, e] : en)
        EXPECT_TRUE(es.count(id)) << id << " (" << where(e) << ") has no Spanish text";
    for (const auto& [id, e] : es)
        EXPECT_TRUE(en.count(id)) << id << " (" << where(e) << ") has no English text";
}

TEST(Catalog, NoIdIsWrittenTwice) {
    for (const char* lang : {"en", "es"}) {
        std::map<std::string, std::string> seen;
        for (const auto& e : read_catalog(lang)) {
            auto [it, fresh] = seen.emplace(e.id, where(e));
            EXPECT_TRUE(fresh) << e.id << " at " << where(e) << " and at " << it->second;
        }
    }
}

TEST(Catalog, EveryTextIsFilledInAndNotFuzzy) {
    for (const char* lang : {"en", "es"}) {
        for (const auto& e : read_catalog(lang)) {
            EXPECT_FALSE(e.fuzzy) << where(e) << ": " << e.id << " is marked fuzzy";
            EXPECT_EQ(e.forms.size(), e.plural_id.empty() ? 1u : 2u) << where(e) << ": " << e.id;
            for (const auto& f : e.forms)
                EXPECT_FALSE(f.empty()) << where(e) << ": " << e.id << " is empty";
        }
    }
}

TEST(Catalog, BothLanguagesUseTheSameParameters) {
    auto en = by_id(read_catalog("en"));
    for (const auto& e : read_catalog("es")) {
        auto it = en.find(e.id);
        if (it == en.end())
            continue; // EveryIdHasBothLanguages says so
        EXPECT_EQ(placeholders(e), placeholders(it->second)) << e.id << " (" << where(e) << ")";
        EXPECT_EQ(e.plural_id.empty(), it->second.plural_id.empty())
            << e.id << ": plural in one language only";
    }
}

TEST(Catalog, EveryTextRendersWithItsParameters) {
    for (auto lang : {msg::Lang::en, msg::Lang::es}) {
        for (const auto& e : read_catalog(msg::code(lang))) {
            msg::Params params;
            for (const auto& p : placeholders(e))
                if (p != "n")
                    params.emplace_back(p, "<" + p + ">");
            std::string out = e.plural_id.empty() ? msg::text(lang, e.id, params)
                                                  : msg::plural(lang, e.id, 2, params);
            EXPECT_NE(out, e.id) << where(e) << ": not in the compiled catalog";
            for (const auto& p : placeholders(e))
                EXPECT_EQ(out.find("{" + p), std::string::npos)
                    << where(e) << ": {" << p << "} left in \"" << out << "\"";
        }
    }
}

TEST(Catalog, PluralFormsFollowTheCount) {
    EXPECT_EQ(msg::plural(msg::Lang::es, "terminal.summary.rounds", 1), " tras 1 ronda");
    EXPECT_EQ(msg::plural(msg::Lang::es, "terminal.summary.rounds", 3), " tras 3 rondas");
    EXPECT_EQ(msg::plural(msg::Lang::en, "terminal.summary.rounds", 1), " after 1 round");
    EXPECT_EQ(msg::plural(msg::Lang::en, "terminal.summary.rounds", 0), " after 0 rounds");
}

TEST(Catalog, NeedsNoSystemLocale) {
    // The catalogs are compiled into the binary and read without setlocale:
    // a C locale (a CI runner, a minimal image without `locales`) still gets Spanish.
    setenv("LC_ALL", "C", 1);
    setenv("LANG", "C", 1);
    EXPECT_EQ(msg::text(msg::Lang::es, "cli.opt.help"), "muestra esta ayuda");
    EXPECT_EQ(msg::text(msg::Lang::en, "cli.opt.help"), "show this help");
    unsetenv("LC_ALL");
}

TEST(Catalog, ParametersAreFilledByName) {
    EXPECT_EQ(
        msg::text(msg::Lang::es, "cli.error", {{"program", "compuerta smoke"}, {"message", "x"}}),
        "compuerta smoke: error: x");
    EXPECT_EQ(msg::text(msg::Lang::es, "runner.duplicate_id", {{"id", "db"}}),
              "dos verificaciones tienen el id \"db\"");
}

TEST(Catalog, AnUnknownIdShowsItself) {
    EXPECT_EQ(msg::text(msg::Lang::es, "no.such.message"), "no.such.message");
    EXPECT_FALSE(msg::has(msg::Lang::es, "no.such.message"));
    EXPECT_TRUE(msg::has(msg::Lang::es, "cli.error"));
}
