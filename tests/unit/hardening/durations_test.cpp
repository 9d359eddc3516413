// Durations (issue 15 item 5): zero, negative, sub-millisecond and
// non-finite durations are refused wherever one is read (exit 2).
#include "core/config/config.hpp"
#include "core/errors.hpp"
#include "core/ports/env.hpp"

#include <gtest/gtest.h>

using namespace compuerta;
using core::config::parse_duration;

TEST(Durations, PositiveDurationsParse) {
    EXPECT_EQ(parse_duration("1ms"), core::Millis(1));
    EXPECT_EQ(parse_duration("30s"), core::Millis(30'000));
    EXPECT_EQ(parse_duration("2"), core::Millis(2'000));
    EXPECT_EQ(parse_duration("1.5m"), core::Millis(90'000));
}

TEST(Durations, ZeroNegativeTinyAndNonFiniteAreRefused) {
    for (std::string s : {"0", "0s", "0ms", "0.0m", "-1s", "-0.5", "0.1ms", "0.0004s", "nan", "inf",
                          "infs", "1e300d", "", "s", "5 parsecs"})
        EXPECT_FALSE(parse_duration(s).has_value()) << s;
}

TEST(Durations, ConfigZeroTimeoutIsAnErrorNamingTheKeyAndLine) {
    core::MapEnv env;
    try {
        core::config::Config::load_string("smoke:\n  timeout: 0s\n", "compuerta.yml", env);
        FAIL() << "timeout: 0s was accepted";
    } catch (const core::ConfigError& e) {
        std::string m = e.what();
        EXPECT_EQ(e.code(), core::k_exit_usage);
        EXPECT_NE(m.find("compuerta.yml:2:"), std::string::npos) << m;
        EXPECT_NE(m.find("smoke.timeout"), std::string::npos) << m;
        EXPECT_NE(m.find("greater than zero"), std::string::npos) << m;
    }
}
