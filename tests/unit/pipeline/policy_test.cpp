#include "core/config/config.hpp"
#include "core/ports/env.hpp"
#include "plugin/deploy/policy.hpp"
#include "tests/unit/pipeline/bad_release.hpp"

#include <gtest/gtest.h>

using namespace compuerta;
using namespace compuerta::plugin::deploy;

namespace {

// A migrated and deployed release whose deploy ended with `status`.
RunState deployed(const std::string& status = "ok") {
    RunState st = compuerta::test::bad_release();
    st.deploy->status = status;
    return st;
}

SmokeFinding finding(const std::string& item, core::Status s) { return {item, item + " check", s, "smoke.xml"}; }

// The policy with no configuration: the defaults declared in the rollback section.
Policy defaults() {
    core::MapEnv env;
    return Policy::from_config(core::config::Config::none(env));
}

} // namespace

TEST(Policy, NothingChangedMeansNothingToUndo) {
    RunState st;
    st.run = "r";
    auto d = decide(st, {finding("6.3", core::Status::fail)}, defaults(), false);
    EXPECT_EQ(d.verdict, Verdict::nothing_changed);
}

TEST(Policy, MaintenanceOnAloneIsUndoneWithoutRestoreOrRedeploy) {
    RunState st;
    st.run = "r";
    st.maintenance_on = true;
    st.backup = BackupRecord{"m.json", "sep", "", "", "fail", false};
    EXPECT_EQ(decide(st, {}, defaults(), false).verdict, Verdict::rollback);
}

TEST(Policy, DefaultAutomaticItemsRollBack) {
    for (const char* item : {"6.1", "6.3", "6.4"}) {
        auto d = decide(deployed(), {finding("6.2", core::Status::pass), finding(item, core::Status::fail)}, defaults(),
                        false);
        EXPECT_EQ(d.verdict, Verdict::rollback) << item;
    }
}

TEST(Policy, RenapoFailureWaitsForApproval) {
    auto d = decide(deployed(), {finding("6.1", core::Status::pass), finding("6.2", core::Status::fail)}, defaults(),
                    false);
    EXPECT_EQ(d.verdict, Verdict::approval);
    EXPECT_EQ(decide(deployed(), {finding("6.2", core::Status::fail)}, defaults(), true).verdict, Verdict::rollback);
}

TEST(Policy, ErrorAloneNeverRollsBack) {
    auto d = decide(deployed(), {finding("6.3", core::Status::error), finding("6.1", core::Status::pass)}, defaults(),
                    false);
    EXPECT_EQ(d.verdict, Verdict::approval);
}

TEST(Policy, AllPassedMeansNoFailure) {
    auto d = decide(deployed(), {finding("6.1", core::Status::pass), finding("6.3", core::Status::warn)}, defaults(),
                    false);
    EXPECT_EQ(d.verdict, Verdict::no_failure);
}

TEST(Policy, FailedOrKilledDeployRollsBack) {
    EXPECT_EQ(decide(deployed("fail"), {}, defaults(), false).verdict, Verdict::rollback);
    EXPECT_EQ(decide(deployed(""), {}, defaults(), false).verdict, Verdict::rollback);
    RunState migrated_only = deployed();
    migrated_only.deploy.reset();
    EXPECT_EQ(decide(migrated_only, {}, defaults(), false).verdict, Verdict::rollback);
}

TEST(Policy, DeployWithoutSmokeWaits) {
    EXPECT_EQ(decide(deployed(), {}, defaults(), false).verdict, Verdict::approval);
}

TEST(Policy, ReadsItemsFromConfig) {
    core::MapEnv env;
    auto cfg = core::config::Config::load_string("rollback:\n  automatic: ['6.2']\n  approval: ['6.3']\n", "t.yml",
                                                 env);
    Policy p = Policy::from_config(cfg);
    EXPECT_EQ(decide(deployed(), {finding("6.2", core::Status::fail)}, p, false).verdict, Verdict::rollback);
    EXPECT_EQ(decide(deployed(), {finding("6.3", core::Status::fail)}, p, false).verdict, Verdict::approval);
}

TEST(Policy, DefaultsAreTheRollbackSectionsDeclaredDefaults) {
    Policy p = defaults();
    EXPECT_EQ(p.automatic, (std::vector<std::string>{"6.1", "6.3", "6.4"}));
    EXPECT_EQ(p.approval, (std::vector<std::string>{"6.2"}));
    core::MapEnv env;
    auto cfg = core::config::Config::load_string("rollback:\n  approval: [6.2, 6.4]\n", "c.yml", env);
    EXPECT_EQ(Policy::from_config(cfg).approval, (std::vector<std::string>{"6.2", "6.4"}));
    EXPECT_EQ(Policy::from_config(cfg).automatic, (std::vector<std::string>{"6.1", "6.3", "6.4"}));
}
