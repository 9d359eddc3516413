#include "plugin/deploy/rollback_flow.hpp"
#include "tests/unit/pipeline/bad_release.hpp"

#include <gtest/gtest.h>

using namespace compuerta;
using namespace compuerta::plugin::deploy;
using compuerta::test::bad_release;

namespace {

// Typed fakes of the called commands: each call returns the checks the test
// set for it (default: one passing check).
class FakeSteps final : public Steps {
  public:
    std::map<std::string, StepCall> results; // "db restore" -> what it reports
    std::vector<std::string> calls;          // "db restore --manifest /b/m.json"
    std::vector<std::string> unavailable(const std::vector<std::string>&) const override { return {}; }
    StepCall restore(const std::string& manifest, const std::vector<std::string>&) override {
        return record("db restore --manifest " + manifest, "db restore");
    }
    StepCall maintenance(bool on) override { return record(on ? "maintenance on" : "maintenance off", "maintenance"); }
    StepCall smoke(const std::string& junit, const std::vector<std::string>&) override {
        return record("smoke --junit " + junit, "smoke");
    }
    StepCall notify_rollback() override { return record("notify rollback", "notify"); }
    StepCall postmortem(const std::string& file) override {
        return record("checklist --postmortem -o " + file, "checklist");
    }

  private:
    StepCall record(const std::string& line, const std::string& command) {
        calls.push_back(line);
        if (results.count(command)) return results[command];
        StepCall ok;
        ok.completed = true;
        ok.checks.push_back(check(command, core::Status::pass, "done"));
        return ok;
    }

  public:
    static core::report::ReportedCheck check(const std::string& id, core::Status status, const std::string& message,
                                             std::map<std::string, std::string> evidence = {}) {
        core::report::ReportedCheck c;
        c.id = id;
        c.item = "R2";
        c.name = id;
        c.status = status;
        c.message = message;
        c.evidence = std::move(evidence);
        return c;
    }
    static StepCall reported(core::Status status, std::map<std::string, std::string> evidence = {}) {
        StepCall c;
        c.completed = true;
        c.checks.push_back(check("x", status, "reported", std::move(evidence)));
        return c;
    }
};

struct Harness {
    FakeSteps tools;
    std::vector<core::Event> events;
    std::vector<std::string> redeployed;
    core::Status redeploy_status = core::Status::pass;
    RollbackEnv env;
    Harness() {
        env.steps = &tools;
        env.journal = [this](const core::Event& e) { events.push_back(e); };
        env.redeploy = [this](const std::string& rel, const std::string&) {
            redeployed.push_back(rel);
            return StepReport{redeploy_status, "redeploy", {}};
        };
        env.verify_junit = "verify.xml";
        env.postmortem = "pm.md";
    }
    std::vector<std::string> finished() const { // "rollback.restore:ok"
        std::vector<std::string> out;
        for (const auto& e : events)
            if (e.status != "started") out.push_back(e.event + ":" + e.status);
        return out;
    }
};

} // namespace

TEST(RollbackPlan, EveryStepForAFreshRollback) {
    RollbackPlan p = plan_rollback(bad_release(), std::nullopt);
    EXPECT_TRUE(p.problems.empty());
    EXPECT_TRUE(p.restore && p.maintenance_on && p.redeploy && p.verify && p.maintenance_off && p.notify &&
                p.postmortem);
    EXPECT_EQ(p.release, "v1");
    EXPECT_EQ(p.replaced, "v2");
    EXPECT_EQ(p.manifest, "/b/m.json");
}

TEST(RollbackPlan, StepsAlreadyOkAreNotRepeated) {
    RunState st = bad_release();
    st.progress["rollback.restore"] = "ok";
    st.progress["rollback.redeploy"] = "started"; // killed midway: run again
    RollbackPlan p = plan_rollback(st, std::nullopt);
    EXPECT_FALSE(p.restore);
    EXPECT_TRUE(p.redeploy);
}

TEST(RollbackPlan, MissingOrCorruptBackupAndNoPreviousReleaseStopBeforeAnyChange) {
    RunState st = bad_release();
    st.backup.reset();
    EXPECT_EQ(plan_rollback(st, std::nullopt).problems.size(), 1u);
    EXPECT_EQ(plan_rollback(bad_release(), std::string("corrupt")).problems.size(), 1u);
    st = bad_release();
    st.deploy->previous_release.clear();
    st.backup->previous_tag.clear();
    auto p = plan_rollback(st, std::nullopt);
    ASSERT_EQ(p.problems.size(), 1u);
    EXPECT_NE(p.problems[0].find("previous release"), std::string::npos);
    st.backup->previous_tag = "v1-from-backup";
    EXPECT_EQ(plan_rollback(st, std::nullopt).release, "v1-from-backup");
}

TEST(RollbackPlan, DeployWithoutMigrationOrBackupNeedsNoRestore) {
    RunState st = bad_release();
    st.migrated = false;
    st.backup.reset();
    auto p = plan_rollback(st, std::nullopt);
    EXPECT_TRUE(p.problems.empty());
    EXPECT_FALSE(p.restore);
    EXPECT_TRUE(p.redeploy);
}

TEST(RollbackFlow, HappyPathRunsEveryStepInOrder) {
    Harness h;
    RunState st = bad_release();
    auto out = execute_rollback(plan_rollback(st, std::nullopt), st, h.env);
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(h.tools.calls, (std::vector<std::string>{"db restore --manifest /b/m.json",
                                                       "maintenance on", "smoke --junit verify.xml",
                                                       "maintenance off", "notify rollback",
                                                       "checklist --postmortem -o pm.md"}));
    EXPECT_EQ(h.redeployed, std::vector<std::string>{"v1"});
    EXPECT_EQ(h.finished(),
              (std::vector<std::string>{"rollback.restore:ok", "rollback.maintenance:ok", "rollback.redeploy:ok",
                                        "rollback.verify:ok", "rollback.maintenance_off:ok", "rollback.notify:ok",
                                        "rollback.postmortem:ok"}));
}

TEST(RollbackFlow, RestoreRefusedBeforeChangeIsExit3AndNothingElseRuns) {
    Harness h;
    h.tools.results["db restore"] = FakeSteps::reported(core::Status::error, {{"changed", "false"}});
    RunState st = bad_release();
    auto out = execute_rollback(plan_rollback(st, std::nullopt), st, h.env);
    EXPECT_EQ(out.exit_code, 3);
    EXPECT_EQ(h.tools.calls.size(), 1u);
    EXPECT_TRUE(h.redeployed.empty());
}

TEST(RollbackFlow, RestoreFailingMidwayIsExit1KeepsMaintenanceAndStillTells) {
    Harness h;
    h.tools.results["db restore"] = FakeSteps::reported(core::Status::fail, {{"changed", "true"}});
    RunState st = bad_release();
    auto out = execute_rollback(plan_rollback(st, std::nullopt), st, h.env);
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_TRUE(h.redeployed.empty());
    EXPECT_EQ(h.tools.calls, (std::vector<std::string>{"db restore --manifest /b/m.json",
                                                       "notify rollback",
                                                       "checklist --postmortem -o pm.md"}));
}

TEST(RollbackFlow, UnhealthyOldVersionIsExit1AndMaintenanceStaysOn) {
    Harness h;
    h.tools.results["smoke"] = FakeSteps::reported(core::Status::fail);
    RunState st = bad_release();
    auto out = execute_rollback(plan_rollback(st, std::nullopt), st, h.env);
    EXPECT_EQ(out.exit_code, 1);
    for (const auto& c : h.tools.calls) EXPECT_NE(c, "maintenance off");
    EXPECT_EQ(h.tools.calls.back(), "checklist --postmortem -o pm.md");
    bool skipped_off = false;
    for (const auto& r : out.steps) skipped_off = skipped_off || (r.id == "maintenance_off" && r.status == core::Status::skip);
    EXPECT_TRUE(skipped_off);
}

TEST(RollbackFlow, ResumedRunSkipsWhatWasDone) {
    Harness h;
    RunState st = bad_release();
    st.progress = {{"rollback.restore", "ok"}, {"rollback.maintenance", "ok"}, {"rollback.redeploy", "ok"}};
    auto out = execute_rollback(plan_rollback(st, std::nullopt), st, h.env);
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_TRUE(h.redeployed.empty());
    EXPECT_EQ(h.tools.calls.front(), "smoke --junit verify.xml");
}

TEST(RollbackFlow, ARestoreThatCannotSayWhatItChangedIsNeverCalledUntouched) {
    // Killed at its timeout, or ended without a report: the database may have
    // been changed, so this is a failed step (exit 1, maintenance stays on), not exit 3.
    for (StepCall call : {StepCall{false, "killed at its timeout", {}, "restoring..."},
                          FakeSteps::reported(core::Status::error)}) {
        Harness h;
        h.tools.results["db restore"] = call;
        RunState st = bad_release();
        auto out = execute_rollback(plan_rollback(st, std::nullopt), st, h.env);
        EXPECT_EQ(out.exit_code, 1);
        EXPECT_TRUE(h.redeployed.empty());
        ASSERT_FALSE(out.steps.empty());
        EXPECT_EQ(out.steps.front().status, core::Status::fail);
        EXPECT_EQ(h.tools.calls.back(), "checklist --postmortem -o pm.md");
    }
}

TEST(RollbackFlow, AFailedCheckOfACalledCommandIsNamedInTheStep) {
    Harness h;
    StepCall smoke;
    smoke.completed = true;
    smoke.checks.push_back(FakeSteps::check("db", core::Status::pass, "connected"));
    auto bad = FakeSteps::check("inscripcion", core::Status::fail, "la inscripción no se guardó");
    bad.item = "6.3";
    bad.name = "Inscripción";
    smoke.checks.push_back(bad);
    smoke.checks.push_back(FakeSteps::check("logs", core::Status::skip, "no log configured"));
    h.tools.results["smoke"] = smoke;
    RunState st = bad_release();
    auto out = execute_rollback(plan_rollback(st, std::nullopt), st, h.env);
    EXPECT_EQ(out.exit_code, 1);
    const core::CheckResult* verify = nullptr;
    for (const auto& r : out.steps)
        if (r.id == "verify") verify = &r;
    ASSERT_NE(verify, nullptr);
    EXPECT_EQ(verify->status, core::Status::fail);
    EXPECT_NE(verify->message.find("6.3 Inscripción: la inscripción no se guardó"), std::string::npos) << verify->message;
    EXPECT_NE(verify->detail.find("6.3 Inscripción [fail]"), std::string::npos) << verify->detail;
}

TEST(StepCall, StatusAndSummaryComeFromTheReportedChecks) {
    StepCall c;
    EXPECT_EQ(c.status(), core::Status::fail); // never completed
    c.problem = "not found";
    EXPECT_EQ(c.summary(), "not found");
    c = FakeSteps::reported(core::Status::warn);
    EXPECT_EQ(c.status(), core::Status::pass);
    c.checks.push_back(FakeSteps::check("y", core::Status::skip, "skipped"));
    EXPECT_EQ(c.summary(), "1 check passed, 1 skipped");
    EXPECT_TRUE(database_changed(c)); // no "changed" fact: assume changed
    EXPECT_FALSE(database_changed(FakeSteps::reported(core::Status::error, {{"changed", "false"}})));
    EXPECT_TRUE(database_changed(FakeSteps::reported(core::Status::fail, {{"changed", "true"}})));
}
