#include "plugin/deploy/rollback_flow.hpp"

#include <gtest/gtest.h>

using namespace compuerta;
using namespace compuerta::plugin::deploy;

namespace {

class FakeTools final : public Tools {
  public:
    std::map<std::string, int> exit_codes; // program -> exit code (default 0)
    std::vector<std::string> calls;        // "program arg arg"
    std::optional<std::filesystem::path> find(const std::string& p) const override { return "/fake/" + p; }
    ToolOutcome run(const std::string& program, const std::vector<std::string>& args) override {
        std::string line = program;
        for (const auto& a : args) line += " " + a;
        calls.push_back(line);
        ToolOutcome o;
        o.started = true;
        o.exit_code = exit_codes.count(program) ? exit_codes[program] : 0;
        o.message = program + " exited with " + std::to_string(o.exit_code);
        return o;
    }
};

struct Harness {
    FakeTools tools;
    std::vector<core::Event> events;
    std::vector<std::string> redeployed;
    core::Status redeploy_status = core::Status::pass;
    RollbackEnv env;
    Harness() {
        env.tools = &tools;
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

RunState bad_release() {
    RunState st;
    st.run = "r";
    st.maintenance_on = true;
    st.backup = BackupRecord{"/b/m.json", "sep", "v2", "v1", "ok", true};
    st.migrated = true;
    st.migrate_status = "ok";
    st.deploy = DeployRecord{"v2", "v1", "ok"};
    return st;
}

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
    EXPECT_EQ(h.tools.calls, (std::vector<std::string>{"compuerta-db-restore --manifest /b/m.json",
                                                       "compuerta-maintenance on", "compuerta-smoke --junit verify.xml",
                                                       "compuerta-maintenance off", "compuerta-notify rollback",
                                                       "compuerta-checklist --postmortem -o pm.md"}));
    EXPECT_EQ(h.redeployed, std::vector<std::string>{"v1"});
    EXPECT_EQ(h.finished(),
              (std::vector<std::string>{"rollback.restore:ok", "rollback.maintenance:ok", "rollback.redeploy:ok",
                                        "rollback.verify:ok", "rollback.maintenance_off:ok", "rollback.notify:ok",
                                        "rollback.postmortem:ok"}));
}

TEST(RollbackFlow, RestoreRefusedBeforeChangeIsExit3AndNothingElseRuns) {
    Harness h;
    h.tools.exit_codes["compuerta-db-restore"] = 3;
    RunState st = bad_release();
    auto out = execute_rollback(plan_rollback(st, std::nullopt), st, h.env);
    EXPECT_EQ(out.exit_code, 3);
    EXPECT_EQ(h.tools.calls.size(), 1u);
    EXPECT_TRUE(h.redeployed.empty());
}

TEST(RollbackFlow, RestoreFailingMidwayIsExit1KeepsMaintenanceAndStillTells) {
    Harness h;
    h.tools.exit_codes["compuerta-db-restore"] = 1;
    RunState st = bad_release();
    auto out = execute_rollback(plan_rollback(st, std::nullopt), st, h.env);
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_TRUE(h.redeployed.empty());
    EXPECT_EQ(h.tools.calls, (std::vector<std::string>{"compuerta-db-restore --manifest /b/m.json",
                                                       "compuerta-notify rollback",
                                                       "compuerta-checklist --postmortem -o pm.md"}));
}

TEST(RollbackFlow, UnhealthyOldVersionIsExit1AndMaintenanceStaysOn) {
    Harness h;
    h.tools.exit_codes["compuerta-smoke"] = 1;
    RunState st = bad_release();
    auto out = execute_rollback(plan_rollback(st, std::nullopt), st, h.env);
    EXPECT_EQ(out.exit_code, 1);
    for (const auto& c : h.tools.calls) EXPECT_NE(c, "compuerta-maintenance off");
    EXPECT_EQ(h.tools.calls.back(), "compuerta-checklist --postmortem -o pm.md");
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
    EXPECT_EQ(h.tools.calls.front(), "compuerta-smoke --junit verify.xml");
}
