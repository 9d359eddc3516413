#include "plugin/deploy/placeholders.hpp"

#include <gtest/gtest.h>

using namespace compuerta::plugin::deploy;

namespace {
TemplateValues values() { return {"v1.2.0", "v1.1.0", "abc123", "production"}; }
} // namespace

TEST(Placeholders, ReplacesEveryKnownPlaceholder) {
    auto r = render("deploy {tag} over {previous_tag} at {commit} in {environment}", values());
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(*r, "deploy v1.2.0 over v1.1.0 at abc123 in production");
}

TEST(Placeholders, LeavesShellExpansionAndBracesAlone) {
    auto r = render("echo ${HOME} ${tag} {} {a,b} {tag}", values());
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(*r, "echo ${HOME} ${tag} {} {a,b} v1.2.0");
}

TEST(Placeholders, UnknownPlaceholderIsAnErrorNamingIt) {
    auto r = render("deploy {tga}", values());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("{tga}"), std::string::npos);
}

TEST(Placeholders, EmptyTagIsAnErrorOtherValuesMayBeEmpty) {
    TemplateValues v = values();
    v.previous_tag.clear();
    auto ok = render("x {previous_tag}", v);
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(*ok, "x ");
    v.tag.clear();
    EXPECT_FALSE(render("x {tag}", v).ok());
}

TEST(Placeholders, RejectsValuesThatWouldChangeTheCommand) {
    TemplateValues v = values();
    v.tag = "v1; rm -rf /";
    auto r = validate_values(v);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("{tag}"), std::string::npos);
    EXPECT_TRUE(validate_values(values()).ok());
}

TEST(Placeholders, ExportsValuesAsEnvironment) {
    auto env = template_env(values());
    EXPECT_EQ(env.at("COMPUERTA_TAG"), "v1.2.0");
    EXPECT_EQ(env.at("COMPUERTA_PREVIOUS_TAG"), "v1.1.0");
}
