// Reading a --json report back: what the rollback learns from the commands it calls.
#include "core/report/json.hpp"
#include "core/report/json_read.hpp"

#include <gtest/gtest.h>

using namespace compuerta::core;
using namespace compuerta::core::report;

namespace {

Suite restore_suite(Status status, const std::string& changed) {
    Suite s;
    s.name = "compuerta.db.restore";
    CheckResult r;
    r.id = "restore";
    r.item = "R2";
    r.name = "Restaurar base de datos";
    r.status = status;
    r.message = "sep restored";
    r.evidence = {{"changed", changed}, {"restore_ms", "1200"}};
    s.results.push_back(r);
    return s;
}

} // namespace

TEST(JsonRead, ReadsBackWhatRenderJsonWrote) {
    Suite other = restore_suite(Status::skip, "false");
    other.name = "second";
    other.results[0].id = "other";
    auto read = parse_json_report(render_json({restore_suite(Status::error, "false"), other}, 3),
                                  "restore");
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(read->exit_code, 3);
    ASSERT_EQ(read->checks.size(), 2u);
    const auto& c = read->checks[0];
    EXPECT_EQ(c.suite, "compuerta.db.restore");
    EXPECT_EQ(c.id, "restore");
    EXPECT_EQ(c.item, "R2");
    EXPECT_EQ(c.name, "Restaurar base de datos");
    EXPECT_EQ(c.status, Status::error);
    EXPECT_EQ(c.message, "sep restored");
    EXPECT_EQ(c.evidence.at("changed"), "false");
    EXPECT_EQ(read->checks[1].status, Status::skip);
    EXPECT_EQ(read->checks[1].suite, "second");
}

TEST(JsonRead, NumbersAndBooleansReadAsTheirText) {
    auto read = parse_json_report(
        R"({"exit_code":0,"suites":[{"name":"s","checks":[{"id":"a","status":"pass","evidence":{"changed":false,"ms":21}}]}]})",
        "x");
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(read->checks[0].evidence.at("changed"), "false");
    EXPECT_EQ(read->checks[0].evidence.at("ms"), "21");
}

TEST(JsonRead, WhatIsNotAReportIsAnErrorNamingItsOrigin) {
    for (const char* bad :
         {"", "not json", "[]", R"({"suites":{}})",
          R"({"suites":[{"checks":[{"status":"pass"}]}]})",
          R"({"suites":[{"name":"s","checks":[{"id":"a","status":"green"}]}]})"}) {
        auto read = parse_json_report(bad, "compuerta smoke --json");
        ASSERT_FALSE(read) << bad;
        EXPECT_EQ(read.error().message.rfind("compuerta smoke --json: ", 0), 0u)
            << read.error().message;
    }
}

TEST(JsonRead, AnErrorBeforeAnyCheckIsRead) {
    auto read = parse_json_report(render_json_error(2, "compuerta.yml:3:5: deploy.timeout: not a duration"), "x");
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(read->exit_code, 2);
    EXPECT_TRUE(read->checks.empty());
    EXPECT_EQ(read->error, "compuerta.yml:3:5: deploy.timeout: not a duration");
}
