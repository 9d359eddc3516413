#include "core/errors.hpp"
#include "core/model.hpp"

#include <gtest/gtest.h>

using namespace compuerta::core;

TEST(Model, StatusRoundTrips) {
    for (Status s : {Status::pass, Status::warn, Status::fail, Status::error, Status::skip})
        EXPECT_EQ(parse_status(to_string(s)), s);
    EXPECT_FALSE(parse_status("passed").has_value());
}

TEST(Model, WorstOrdersFailOverErrorOverWarn) {
    EXPECT_EQ(worst(Status::pass, Status::warn), Status::warn);
    EXPECT_EQ(worst(Status::error, Status::fail), Status::fail);
    EXPECT_EQ(worst(Status::skip, Status::error), Status::error);
    EXPECT_EQ(worst(Status::pass, Status::skip), Status::skip);
}

TEST(Model, ExitCodeForStatuses) {
    EXPECT_EQ(exit_code_for({}), 0);
    EXPECT_EQ(exit_code_for({Status::pass, Status::warn, Status::skip}), 0);
    EXPECT_EQ(exit_code_for({Status::pass, Status::error}), 3);
    EXPECT_EQ(exit_code_for({Status::error, Status::fail}), 1);
}

TEST(Model, ExitCodePrecedenceTwoOverOneOverThreeOverZero) {
    EXPECT_EQ(combine_exit_codes(0, 3), 3);
    EXPECT_EQ(combine_exit_codes(3, 1), 1);
    EXPECT_EQ(combine_exit_codes(1, 2), 2);
    EXPECT_EQ(combine_exit_codes(2, 3), 2);
    EXPECT_EQ(combine_exit_codes(0, 0), 0);
}

TEST(Model, TitleStartsWithPlanItem) {
    CheckSpec spec;
    spec.id = "db";
    spec.item = "6.1";
    spec.name = "Conexión a la base de datos";
    CheckResult r = CheckResult::from(spec, Outcome::make(Status::pass, "ok"));
    EXPECT_EQ(r.title(), "6.1 Conexión a la base de datos");
    EXPECT_EQ(r.status, Status::pass);
}
