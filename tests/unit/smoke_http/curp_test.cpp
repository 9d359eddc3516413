#include "smoke/renapo/curp.hpp"

#include <gtest/gtest.h>

using compuerta::smoke::renapo::curp_check_digit;
using compuerta::smoke::renapo::curp_problem;
using compuerta::smoke::renapo::curp_valid;

TEST(Curp, AcceptsPublishedExample) {
    // The example CURP RENAPO's own documentation and Wikipedia use.
    EXPECT_TRUE(curp_valid("HEGG560427MVZRRL04")) << curp_problem("HEGG560427MVZRRL04");
    EXPECT_EQ(curp_check_digit("HEGG560427MVZRRL0"), 4);
}

TEST(Curp, AcceptsBornAfter2000WithLetterHomoclave) { EXPECT_TRUE(curp_valid("HEGJ051203HNLRNSA7")); }

TEST(Curp, RejectsWrongCheckDigit) {
    std::string why = curp_problem("HEGG560427MVZRRL05");
    EXPECT_NE(why.find("check digit is 5, expected 4"), std::string::npos) << why;
}

TEST(Curp, RejectsWrongLength) {
    EXPECT_NE(curp_problem("HEGG560427MVZRRL0").find("18 characters"), std::string::npos);
    EXPECT_FALSE(curp_valid(""));
}

TEST(Curp, RejectsImpossibleDate) {
    EXPECT_NE(curp_problem("HEGG561327MVZRRL04").find("birth date"), std::string::npos);
    EXPECT_NE(curp_problem("HEGG010229MVZRRL04").find("birth date"), std::string::npos); // 2001 not leap
}

TEST(Curp, RejectsUnknownStateSexAndLowerCase) {
    EXPECT_NE(curp_problem("HEGG560427MXXRRL04").find("state code"), std::string::npos);
    EXPECT_NE(curp_problem("HEGG560427QVZRRL04").find("sex"), std::string::npos);
    EXPECT_FALSE(curp_valid("hegg560427mvzrrl04"));
    EXPECT_NE(curp_problem("HEGG560427MVZARL04").find("consonant"), std::string::npos);
}

namespace {
constexpr compuerta::smoke::renapo::CivilDate k_today{2026, 11, 29};
} // namespace

TEST(Curp, TwentyNinthOfFebruaryUsesTheCenturyFromCharacter17) {
    // 1900 was not a leap year (a digit at 17 = 19xx); 2000 was (a letter = 20xx).
    std::string why = curp_problem("HEGG000229MVZRRL06", k_today);
    EXPECT_NE(why.find("1900-02-29 does not exist"), std::string::npos) << why;
    EXPECT_NE(why.find("character 17"), std::string::npos) << why;
    EXPECT_EQ(curp_problem("HEGG000229MVZRRLA6", k_today), "");
}

TEST(Curp, BirthDateInTheFutureIsRejected) {
    for (const char* c : {"HEGG490312HDFRRRA3", "HEGG550101HDFRRRA2"}) {
        std::string why = curp_problem(c, k_today);
        EXPECT_NE(why.find("in the future"), std::string::npos) << c << ": " << why;
    }
    EXPECT_NE(curp_problem("HEGG490312HDFRRRA3", k_today).find("2049-03-12"), std::string::npos);
    // The same CURP once that day has come.
    EXPECT_EQ(curp_problem("HEGG490312HDFRRRA3", {2049, 3, 12}), "");
    EXPECT_EQ(curp_problem("HEGG961231HDFRRR00", k_today), ""); // 1996: a digit at 17
}

TEST(Curp, InconvenientWordsAreRefusedWithThatReason) {
    std::string why = curp_problem("BUEY800101HDFRRR01", k_today);
    EXPECT_NE(why.find("inconvenient word"), std::string::npos) << why;
    EXPECT_NE(why.find("\"BXEY\""), std::string::npos) << why;
    EXPECT_EQ(curp_problem("BXEY800101HDFRRR00", k_today), ""); // what RENAPO issues instead
    // Every word of the list (81), whatever follows.
    int refused = 0;
    for (const char* w : {"BACA", "BAKA", "BUEI", "BUEY", "CACA", "CACO", "CAGA", "CAGO", "CAKA", "CAKO", "COGE",
                          "COGI", "COJA", "COJE", "COJI", "COJO", "COLA", "CULO", "FALO", "FETO", "GETA", "GUEI",
                          "GUEY", "JETA", "JOTO", "KACA", "KACO", "KAGA", "KAGO", "KAKA", "KAKO", "KOGE", "KOGI",
                          "KOJA", "KOJE", "KOJI", "KOJO", "KOLA", "KULO", "LILO", "LOCA", "LOCO", "LOKA", "LOKO",
                          "MAME", "MAMO", "MEAR", "MEAS", "MEON", "MIAR", "MION", "MOCO", "MOKO", "MULA", "MULO",
                          "NACA", "NACO", "PEDA", "PEDO", "PENE", "PIPI", "PITO", "POPO", "PUTA", "PUTO", "QULO",
                          "RATA", "ROBA", "ROBE", "ROBO", "RUIN", "SENO", "TETA", "VACA", "VAGA", "VAGO", "VAKA",
                          "VUEI", "VUEY", "WUEI", "WUEY"})
        refused += curp_problem(std::string(w) + "800101HDFRRR01", k_today).find("inconvenient") != std::string::npos;
    EXPECT_EQ(refused, 81);
}

TEST(Curp, EnyeIsCountedAsOneCharacterAndExplained) {
    std::string why = curp_problem("MUÑO800101HDFXXX01", k_today);
    EXPECT_EQ(why.find("19 characters"), std::string::npos) << why;
    EXPECT_NE(why.find("character 3 is Ñ"), std::string::npos) << why;
    EXPECT_NE(why.find("RENAPO writes X"), std::string::npos) << why;
    EXPECT_NE(why.find("\"MUXO800101HDFXXX01\""), std::string::npos) << why;
    EXPECT_EQ(curp_problem("MUXO800101HDFXXX01", k_today), "");
    // Other non-ASCII letters: characters, not bytes, are counted.
    EXPECT_NE(curp_problem("HEGG560427MVZRRLÓ", k_today).find("this one has 17"), std::string::npos);
}

TEST(Curp, SexXStaysValid) { EXPECT_EQ(curp_problem("HEGG961231XDFRRR04", k_today), ""); }

TEST(Curp, AccentedLetterIsNamedNotMiscounted) {
    std::string why = curp_problem("HEGG560427MVZRRLÓ4", k_today); // 18 characters, 19 bytes
    EXPECT_NE(why.find("A-Z and 0-9 only"), std::string::npos) << why;
}
