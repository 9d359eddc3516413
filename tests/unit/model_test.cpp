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
    EXPECT_EQ(exit_code_for(std::vector<Status>{}), 0);
    EXPECT_EQ(exit_code_for({Status::pass, Status::warn, Status::skip}), 0);
    EXPECT_EQ(exit_code_for({Status::pass, Status::error}), 3);
    EXPECT_EQ(exit_code_for({Status::error, Status::fail}), 1);
}

TEST(Model, ExitCodePrecedenceTwoOverOneOverThreeOverFourOverZero) {
    EXPECT_EQ(combine_exit_codes(0, 3), 3);
    EXPECT_EQ(combine_exit_codes(3, 1), 1);
    EXPECT_EQ(combine_exit_codes(1, 2), 2);
    EXPECT_EQ(combine_exit_codes(2, 3), 2);
    EXPECT_EQ(combine_exit_codes(0, 0), 0);
    EXPECT_EQ(combine_exit_codes(0, 4), 4);
    EXPECT_EQ(combine_exit_codes(4, 0), 4);
    EXPECT_EQ(combine_exit_codes(4, 3), 3);
    EXPECT_EQ(combine_exit_codes(3, 4), 3);
    EXPECT_EQ(combine_exit_codes(4, 1), 1);
    EXPECT_EQ(combine_exit_codes(2, 4), 2);
    EXPECT_EQ(static_cast<int>(k_exit_pending), 4);
}

TEST(Model, ExitCodeForResultsWaitingForAPersonIsFourUnlessSomethingWorse) {
    auto res = [](Status s, bool waiting = false) {
        CheckResult r;
        r.status = s;
        r.waiting = waiting;
        return r;
    };
    EXPECT_EQ(exit_code_for(std::vector<CheckResult>{}), 0);
    EXPECT_EQ(exit_code_for({res(Status::pass), res(Status::skip)}), 0);
    EXPECT_EQ(exit_code_for({res(Status::pass), res(Status::skip, true)}), 4);
    EXPECT_EQ(exit_code_for({res(Status::error), res(Status::skip, true)}), 3);
    EXPECT_EQ(exit_code_for({res(Status::skip, true), res(Status::fail)}), 1);
    Outcome o = Outcome::make(Status::skip, "waiting for the sign-off of 1.2");
    o.waiting = true;
    CheckSpec spec;
    spec.id = "signoff-1.2";
    EXPECT_TRUE(CheckResult::from(spec, o).waiting);
}

TEST(Model, EvidenceValuesAreTextUnlessTypedAtTheSource) {
    Evidence ev = {{"server_version", "15.4"},
                   {"connect_ms", EvidenceValue::integer(21)},
                   {"timed_out", EvidenceValue::boolean(false)},
                   {"ratio", EvidenceValue::decimal(0.25, "0.25")}};
    EXPECT_EQ(ev[0].second.kind(), EvidenceValue::Kind::text);
    EXPECT_EQ(ev[1].second, "21");
    EXPECT_EQ(ev[1].second.kind(), EvidenceValue::Kind::integer);
    EXPECT_EQ(ev[2].second, "false");
    EXPECT_EQ(ev[2].second.kind(), EvidenceValue::Kind::boolean);
    EXPECT_EQ(ev[3].second.kind(), EvidenceValue::Kind::decimal);
    EXPECT_DOUBLE_EQ(ev[3].second.number(), 0.25);
    std::string text = ev[1].first + ": " + ev[1].second; // still a string for every text output
    EXPECT_EQ(text, "connect_ms: 21");
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
