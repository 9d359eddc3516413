#include "core/errors.hpp"
#include "plugin/release/version.hpp"

#include <gtest/gtest.h>

namespace compuerta::plugin::release {
namespace {

Version v(const std::string& s) { return parse_version(s).value(); }

TEST(ReleaseVersion, SemverPrecedence) {
    EXPECT_LT(v("2.0.0-rc.1"), v("2.0.0"));
    EXPECT_LT(v("1.0.0-alpha"), v("1.0.0-alpha.1"));
    EXPECT_LT(v("1.0.0-alpha.1"), v("1.0.0-alpha.beta"));
    EXPECT_LT(v("1.0.0-beta.2"), v("1.0.0-beta.11"));
    EXPECT_LT(v("1.0.0-rc.1"), v("1.0.0"));
    EXPECT_LT(v("1.9.0"), v("1.10.0"));
    EXPECT_EQ(compare(v("1.0.0+b1"), v("1.0.0+b2")), 0);
}

TEST(ReleaseVersion, RejectsWhatIsNotSemver) {
    for (const char* bad : {"1.0", "01.0.0", "1.0.0-", "1.0.0-rc..1", "1.0.0-01", "v1.0.0", "1.0.0 ", "x"})
        EXPECT_FALSE(parse_version(bad)) << bad;
}

TEST(ReleaseVersion, PatternMatchesAndFormats) {
    auto p = TagPattern::parse("vMAJOR.MINOR.PATCH", "test");
    auto m = p.match("v2.3.0-rc.1");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->str(), "2.3.0-rc.1");
    EXPECT_EQ(p.format(*m), "v2.3.0-rc.1");
    EXPECT_FALSE(p.match("2.3.0"));
    EXPECT_FALSE(p.match("v2.3"));
    auto q = TagPattern::parse("release-MAJOR.MINOR.PATCH-final", "test");
    EXPECT_EQ(q.match("release-1.2.3-final")->core(), "1.2.3");
    EXPECT_EQ(q.format(v("1.2.3")), "release-1.2.3-final");
    EXPECT_THROW(TagPattern::parse("v*", "test"), core::ConfigError);
    EXPECT_THROW(TagPattern::parse("vPATCH.MINOR.MAJOR", "test"), core::ConfigError);
}

TEST(ReleaseVersion, ReleaseBranchName) {
    EXPECT_EQ(format_branch("release/v{major}.{minor}", v("2.3.1")), "release/v2.3");
    EXPECT_EQ(format_branch("rel-{version}", v("2.3.1-rc.1")), "rel-2.3.1-rc.1");
}

} // namespace
} // namespace compuerta::plugin::release
