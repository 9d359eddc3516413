// The rollback runs in-process with the fake world: its decision from the
// smoke's JUnit, and the checks it makes before the first change (the
// approval, another rollback's advisory lock on the fake PostgreSQL).
#include "tests/support/fakes.hpp"
#include "tests/unit/lease/fake_lease_store.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace compuerta::test {
namespace {

namespace fs = std::filesystem;

// The smoke job's JUnit: 6.1 passed or failed, 6.2 failed or passed.
fs::path smoke_junit(const Sandbox& box, bool database_failed) {
    const std::string failure = R"(<failure message="down">down</failure>)";
    fs::path f = box.dir / "smoke.xml";
    write_file(f, "<testsuites><testsuite name=\"compuerta.smoke\">\n"
                  "<testcase classname=\"smoke.postgres\" name=\"6.1 Base de datos\">" +
                      (database_failed ? failure : "") +
                      "</testcase>\n"
                      "<testcase classname=\"smoke.renapo\" name=\"6.2 RENAPO responde\">" +
                      (database_failed ? "" : failure) +
                      "</testcase>\n</testsuite></testsuites>\n");
    return f;
}

// run-9 deployed v2 over v1 (what `compuerta deploy` journals).
void deployed(const Sandbox& box) {
    std::filesystem::create_directories(box.journal());
    nlohmann::json start = {{"event", "deploy.start"},
                            {"status", "started"},
                            {"release", "v2"},
                            {"previous_release", "v1"},
                            {"ts", "2026-11-30T07:00:00.000Z"}};
    nlohmann::json done = {{"event", "deploy.done"},
                           {"status", "ok"},
                           {"release", "v2"},
                           {"previous_release", "v1"},
                           {"ts", "2026-11-30T07:01:00.000Z"}};
    std::string lines;
    for (auto e : {start, done}) {
        e["run"] = "run-9";
        e["job"] = "deploy";
        e["command"] = "deploy";
        lines += e.dump() + "\n";
    }
    write_file(box.journal() / "run-9-deploy-1.jsonl", lines);
}

// The directory of the compuerta-COMMAND links the rollback's steps would run.
std::string exec_path() {
    return fs::path(bin("compuerta")).parent_path().string();
}

TEST(RollbackWithFakes, ARenapoFailureWaitsForApprovalAndChangesNothing) {
    Sandbox box;
    FakeWorld world;
    deployed(box);
    // The file names a JUnit that does not exist; --smoke-junit replaces it.
    std::string cfg = box.config("rollback:\n  smoke_junit: [no-such-smoke.xml]\n");
    auto junit = smoke_junit(box, false);
    auto r = run_command("rollback", {"-c", cfg, "--smoke-junit", junit.string()},
                         box.env({{"COMPUERTA_RUN", "run-9"}}), world);
    EXPECT_EQ(r.code, 4) << r.out << r.err;
    EXPECT_TRUE(contains(r.out + r.err, "waiting for approval")) << r.out << r.err;
    EXPECT_TRUE(contains(r.out + r.err, "6.2")) << r.out << r.err;
    EXPECT_FALSE(contains(r.out + r.err, "no-such-smoke.xml")) << r.out << r.err;
    EXPECT_TRUE(world.processes().empty());
    EXPECT_TRUE(world.statements().empty());
    auto decided = box.events("rollback.decision");
    ASSERT_EQ(decided.size(), 1u);
    EXPECT_TRUE(contains(decided[0], "\"run-9\"")) << decided[0];
}

TEST(RollbackWithFakes, AnotherRollbacksLockStopsItBeforeTheFirstStep) {
    Sandbox box;
    FakeWorld world;
    world.database = "sep";
    world.leases = std::make_shared<FakeLeaseStore>();
    world.sql = [](const std::string& sql, const std::vector<std::string>& params) {
        core::SqlRows r{{"v"}, {}, 1};
        if (contains(sql, "pg_try_advisory_lock"))
            r.rows.push_back({std::string(params.at(0) == "compuerta-rollback:sep" ? "f" : "t")});
        return r;
    };
    deployed(box);
    std::string cfg = box.config("deploy:\n  commands: [\"echo deploy {tag}\"]\n");
    auto junit = smoke_junit(box, true);
    auto r = run_command(
        "rollback", {"-c", cfg, "--smoke-junit", junit.string(), "--dsn", "dbname=sep"},
        box.env({{"COMPUERTA_RUN", "run-9"}, {"COMPUERTA_EXEC_PATH", exec_path()}}), world);
    EXPECT_EQ(r.code, 3) << r.out << r.err;
    EXPECT_TRUE(contains(r.err, "another rollback of database sep is running")) << r.err;
    EXPECT_TRUE(contains(r.err, "nothing was changed")) << r.err;
    EXPECT_TRUE(world.processes().empty()); // no step ran
    auto st = world.statements();
    ASSERT_FALSE(st.empty());
    EXPECT_TRUE(contains(st.front(), "connect compuerta-rollback-lock")) << st.front();
    EXPECT_TRUE(std::any_of(st.begin(), st.end(), [](const std::string& s) {
        return contains(s, "pg_try_advisory_lock") && contains(s, "[compuerta-rollback:sep]");
    }));
    ASSERT_EQ(box.events("rollback.decision").size(), 1u);
}

} // namespace
} // namespace compuerta::test
