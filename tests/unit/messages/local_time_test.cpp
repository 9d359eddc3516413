// Person-read times in local time (core/util/local_time.hpp) and the
// configuration's `timezone`.
#include "core/util/local_time.hpp"
#include "tests/support/support.hpp"

#include <gtest/gtest.h>

namespace util = compuerta::core::util;

TEST(LocalTime, MexicoCityIsSixHoursBehindUtcInWinter) {
    ASSERT_TRUE(util::set_display_zone("America/Mexico_City"));
    auto t = util::from_civil_utc(2026, 11, 29, 7, 14, 46);
    EXPECT_EQ(util::local_time_text(t), "2026-11-29 01:14:46 CST");
    EXPECT_EQ(util::local_minute_text(t), "2026-11-29 01:14 CST");
    EXPECT_EQ(util::display_zone(), "America/Mexico_City");
}

TEST(LocalTime, AnUnknownZoneIsRefusedAndTheZoneKept) {
    ASSERT_TRUE(util::set_display_zone("UTC"));
    EXPECT_FALSE(util::known_zone("Mars/Olympus_Mons"));
    EXPECT_FALSE(util::set_display_zone("Mars/Olympus_Mons"));
    EXPECT_EQ(util::local_time_text(util::from_civil_utc(2026, 11, 29, 7, 14, 46)),
              "2026-11-29 07:14:46 UTC");
}

TEST(LocalTime, ConfigCheckNamesAnUnknownZoneWithItsLine) {
    namespace t = compuerta::test;
    t::TempDir d;
    t::write_file(d / "c.yml", "version: 1\nlang: es\ntimezone: Mars/Olympus_Mons\n");
    auto r =
        t::run("compuerta",
               {"config", "check", "-c", (d / "c.yml").string(), "--journal", (d / "j").string()},
               {{"COMPUERTA_LANG", "en"}});
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    std::string all = r.out + r.err;
    EXPECT_NE(all.find("c.yml:3"), std::string::npos) << all;
    EXPECT_NE(all.find("unknown time zone \"Mars/Olympus_Mons\""), std::string::npos) << all;
    t::write_file(d / "ok.yml", "version: 1\ntimezone: America/Mexico_City\n");
    auto ok = t::run("compuerta", {"config", "check", "-c", (d / "ok.yml").string(), "--journal",
                                   (d / "j").string()});
    EXPECT_EQ(ok.code, 0) << ok.out << ok.err;
}
