#include "plugin/deploy/run_state.hpp"
#include "plugin/deploy/smoke_results.hpp"

#include "../../support/support.hpp"

#include <gtest/gtest.h>

using namespace compuerta;
using namespace compuerta::plugin::deploy;
using nlohmann::json;

namespace {
json ev(const std::string& run, const std::string& event, const std::string& status, json extra = json::object()) {
    json e = {{"run", run}, {"event", event}, {"status", status}, {"command", "x"}};
    for (auto it = extra.begin(); it != extra.end(); ++it) e[it.key()] = it.value();
    return e;
}
json check(const std::string& run, const std::string& id, const std::string& item, const std::string& status) {
    return {{"run", run}, {"event", "check"}, {"command", "smoke"}, {"check", id}, {"item", item},
            {"status", status}, {"summary", item + " " + id}};
}
} // namespace

TEST(RunState, SummarisesWhatThisRunChanged) {
    std::vector<json> events{
        ev("old", "deploy.start", "started", {{"release", "v0"}}),
        ev("r", "maintenance.on", "ok"),
        ev("r", "backup.done", "ok", {{"manifest", "/b/m.json"}, {"previous_tag", "v1"}, {"verified", true}}),
        check("r", "db", "6.1", "fail"), // before the deploy: not this deploy's smoke
        ev("r", "migrate.done", "ok"),
        ev("r", "deploy.start", "started", {{"release", "v2"}, {"previous_release", "v1"}}),
        ev("r", "deploy.done", "ok", {{"release", "v2"}, {"previous_release", "v1"}}),
        check("r", "db", "6.1", "pass"),
        check("r", "tx", "6.3", "fail"),
        check("r", "tx", "6.3", "fail"),
    };
    RunState st = summarize(events, "r");
    EXPECT_TRUE(st.maintenance_on);
    ASSERT_TRUE(st.backup);
    EXPECT_EQ(st.backup->manifest, "/b/m.json");
    EXPECT_TRUE(st.backup->verified);
    EXPECT_TRUE(st.migrated);
    ASSERT_TRUE(st.deploy);
    EXPECT_EQ(st.deploy->release, "v2");
    EXPECT_EQ(st.deploy->previous_release, "v1");
    EXPECT_EQ(st.deploy->status, "ok");
    ASSERT_EQ(st.smoke.size(), 2u);
    EXPECT_EQ(st.smoke[0].status, core::Status::pass);
    EXPECT_EQ(st.smoke[1].item, "6.3");
    EXPECT_FALSE(st.decision);
}

TEST(RunState, RollbackEventsAreProgressNotChanges) {
    std::vector<json> events{
        ev("r", "deploy.start", "started", {{"release", "v2"}, {"previous_release", "v1"}}),
        ev("r", "rollback.decision", "rollback"),
        ev("r", "rollback.restore", "started"),
        ev("r", "rollback.restore", "ok"),
        ev("r", "maintenance.off", "ok"),
        ev("r", "rollback.redeploy", "started"),
        check("r", "tx", "6.3", "pass"),
    };
    RunState st = summarize(events, "r");
    ASSERT_TRUE(st.decision);
    EXPECT_EQ(*st.decision, "rollback");
    EXPECT_TRUE(st.step_ok("rollback.restore"));
    EXPECT_FALSE(st.step_ok("rollback.redeploy"));
    EXPECT_EQ(st.deploy->status, ""); // killed deploy: never finished
    EXPECT_TRUE(st.smoke.empty());
}

TEST(RunState, PicksTheRun) {
    std::vector<json> events{ev("a", "window.open", "ok"), ev("b", "deploy.start", "started"), ev("c", "check", "pass")};
    EXPECT_EQ(pick_run(events, "x"), "x");
    EXPECT_EQ(pick_run(events, ""), "a");
    events.erase(events.begin());
    EXPECT_EQ(pick_run(events, ""), "b");
    EXPECT_EQ(pick_run({}, ""), "");
}

TEST(RunState, LastDeployedRelease) {
    std::vector<json> events{ev("a", "deploy.done", "ok", {{"release", "v1"}}),
                             ev("b", "deploy.done", "fail", {{"release", "v3"}}),
                             ev("b", "rollback.redeploy", "ok", {{"release", "v1b"}})};
    EXPECT_EQ(last_deployed_release(events, "v4"), "v1b");
    EXPECT_EQ(last_deployed_release(events, "v1b"), "v1");
}

TEST(SmokeResults, ReadsItemsAndStatusesFromJUnit) {
    test::TempDir t;
    test::write_file(t / "smoke.xml", R"(<?xml version="1.0"?>
<testsuites><testsuite name="compuerta.smoke" tests="4">
<testcase classname="smoke.postgres" name="6.1 Conexión a la base de datos" time="0.1"/>
<testcase classname="smoke.renapo" name="6.2 RENAPO responde" time="0.1"><error message="x">down</error></testcase>
<testcase classname="smoke.transaction" name="6.3 Inscripción" time="0.1"><failure type="fail" message="m">b</failure></testcase>
<testcase classname="smoke.logs" name="6.4 Logs" time="0"><skipped/></testcase>
</testsuite></testsuites>)");
    auto r = read_junit_findings(t / "smoke.xml");
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->size(), 4u);
    EXPECT_EQ((*r)[0].item, "6.1");
    EXPECT_EQ((*r)[0].status, core::Status::pass);
    EXPECT_EQ((*r)[1].status, core::Status::error);
    EXPECT_EQ((*r)[2].item, "6.3");
    EXPECT_EQ((*r)[2].status, core::Status::fail);
    EXPECT_EQ((*r)[3].status, core::Status::skip);
    test::write_file(t / "bad.xml", "<testsuites><testsuite>");
    EXPECT_FALSE(read_junit_findings(t / "bad.xml").ok());
    EXPECT_FALSE(read_junit_findings(t / "missing.xml").ok());
    EXPECT_EQ(item_of("R2 Restaurar"), "R2");
    EXPECT_EQ(item_of("Inscripción"), "");
}
