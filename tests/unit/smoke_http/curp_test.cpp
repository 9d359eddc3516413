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
