// compuerta-rollback over stub commands: orchestration, exit codes, kills,
// idempotence. The stubs record their arguments in calls.log.
#include "harness.hpp"

#include <gtest/gtest.h>

using namespace compuerta::test;
using namespace compuerta::test::pipeline;


namespace {
} // namespace

TEST(Rollback, FailedSmokeRollsBackEverythingAndASecondRunDoesNothing) {
    Scene s;
    s.seed_bad_release();
    auto r = s.rollback({"--junit", (s.dir() / "rollback.xml").string()});
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    std::string manifest = (s.dir() / "backup" / "manifest.json").string();
    EXPECT_EQ(s.calls(), (Lines{"compuerta-db-restore --manifest " + manifest, "compuerta-maintenance on",
                                "compuerta-smoke --junit compuerta-rollback-smoke.xml", "compuerta-maintenance off",
                                "compuerta-notify rollback",
                                "compuerta-checklist --postmortem -o " + (s.dir() / "postmortem.md").string()}));
    EXPECT_EQ(s.deployed(), "v1");
    EXPECT_EQ(s.rollback_steps(),
              (Lines{"rollback.decision:rollback", "rollback.restore:ok", "rollback.maintenance:ok",
                     "rollback.redeploy:ok", "rollback.verify:ok", "rollback.maintenance_off:ok", "rollback.notify:ok",
                     "rollback.postmortem:ok", "rollback.done:ok"}));
    std::string junit = read_file(s.dir() / "rollback.xml");
    for (const char* item : {"R1 ", "R2 ", "R3 ", "R4 ", "R5 ", "R6 "}) EXPECT_TRUE(contains(junit, item)) << item;
    // The stubs got the config and the journal passed through.
    EXPECT_TRUE(contains(read_file(s.dir() / "calls.log"), "--journal " + s.journal().string()));

    auto again = s.rollback();
    EXPECT_EQ(again.code, 0) << again.err;
    EXPECT_TRUE(contains(again.out + again.err, "already rolled back"));
    EXPECT_EQ(s.calls().size(), 6u); // nothing ran again
}

TEST(Rollback, SpeaksTheRunsLanguageAndPassesItToTheCommandsItCalls) {
    Scene s;
    s.seed_bad_release();
    auto r = s.rollback({"--lang", "es", "--junit", (s.dir() / "rollback.xml").string()});
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    std::string junit = read_file(s.dir() / "rollback.xml");
    EXPECT_NE(junit.find("name=\"R2 Restaurar base de datos\""), std::string::npos) << junit;
    EXPECT_NE(junit.find("classname=\"rollback.restore\""), std::string::npos)
        << "identifiers stay English";
    EXPECT_NE(r.out.find("revirtiendo: "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Desplegar la versión anterior v1"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("Restore the database"), std::string::npos) << r.out;
    // Every command it called got the run's language.
    std::string langs = read_file(s.dir() / "lang.log");
    for (const char* c : {"compuerta-db-restore es", "compuerta-maintenance es",
                          "compuerta-smoke es", "compuerta-notify es", "compuerta-checklist es"})
        EXPECT_NE(langs.find(c), std::string::npos) << c << "\n" << langs;
}

TEST(Rollback, AfterAFailedGateThereIsNothingToUndo) {
    Scene s;
    s.seed({{{"event", "check"}, {"command", "gate release"}, {"item", "3.3"}, {"status", "fail"}}});
    auto r = s.rollback();
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "nothing to undo"));
    EXPECT_TRUE(s.calls().empty());
    EXPECT_EQ(s.deployed(), "");
    EXPECT_EQ(s.rollback_steps(), Lines{"rollback.decision:nothing"});
}

TEST(Rollback, FailedBackupAfterMaintenanceOnSwitchesItOffAndTells) {
    Scene s;
    s.seed({{{"event", "maintenance.on"}}, {{"event", "backup.done"}, {"status", "fail"}}});
    auto r = s.rollback();
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(s.calls(), (Lines{"compuerta-smoke --junit compuerta-rollback-smoke.xml", "compuerta-maintenance off",
                                "compuerta-notify rollback",
                                "compuerta-checklist --postmortem -o " + (s.dir() / "postmortem.md").string()}));
    EXPECT_EQ(s.deployed(), "");
}

TEST(Rollback, NoManifestStopsBeforeAnyChange) {
    Scene s;
    s.seed({{{"event", "maintenance.on"}},
            {{"event", "migrate.done"}},
            {{"event", "deploy.start"}, {"status", "started"}, {"release", "v2"}, {"previous_release", "v1"}},
            {{"event", "deploy.done"}, {"status", "fail"}, {"release", "v2"}, {"previous_release", "v1"}}});
    auto r = s.rollback();
    EXPECT_EQ(r.code, 3) << r.err;
    EXPECT_TRUE(contains(r.err, "backup.done")) << r.err;
    EXPECT_TRUE(s.calls().empty());
    EXPECT_EQ(s.deployed(), "");
    EXPECT_EQ(s.rollback_steps(), (Lines{"rollback.decision:rollback", "rollback.done:fail"}));
}

TEST(Rollback, CorruptBackupStopsBeforeAnyChange) {
    Scene s;
    s.seed_bad_release();
    write_file(s.dir() / "backup" / "dump.bin", "01234"); // truncated
    auto r = s.rollback();
    EXPECT_EQ(r.code, 3) << r.err;
    EXPECT_TRUE(contains(r.err, "corrupt")) << r.err;
    EXPECT_TRUE(s.calls().empty());
    EXPECT_EQ(s.deployed(), "");
}

TEST(Rollback, NoPreviousReleaseStopsBeforeAnyChange) {
    Scene s;
    s.seed({{{"event", "maintenance.on"}},
            {{"event", "deploy.start"}, {"status", "started"}, {"release", "v2"}},
            {{"event", "deploy.done"}, {"status", "fail"}, {"release", "v2"}}});
    auto r = s.rollback();
    EXPECT_EQ(r.code, 3) << r.err;
    EXPECT_TRUE(contains(r.err, "previous release")) << r.err;
    EXPECT_TRUE(s.calls().empty());
}

TEST(Rollback, KilledDuringTheRestoreFinishesOnTheNextRun) {
    Scene s;
    s.seed_bad_release();
    s.flag("kill-restore-once");
    auto killed = s.rollback();
    EXPECT_EQ(killed.code, 128 + 9);
    EXPECT_EQ(s.calls().size(), 1u);
    auto r = s.rollback();
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "resuming")) << r.err;
    Lines c = s.calls();
    EXPECT_EQ(std::count_if(c.begin(), c.end(), [](const std::string& l) { return l.rfind("compuerta-db-restore", 0) == 0; }),
              2); // the killed attempt and the one that finished
    EXPECT_EQ(s.deployed(), "v1");
}

TEST(Rollback, KilledDuringTheRedeployNeverRestoresTwice) {
    Scene s;
    s.seed_bad_release();
    s.flag("kill-redeploy-once");
    EXPECT_EQ(s.rollback().code, 128 + 9);
    auto r = s.rollback();
    ASSERT_EQ(r.code, 0) << r.err;
    Lines c = s.calls();
    EXPECT_EQ(std::count_if(c.begin(), c.end(), [](const std::string& l) { return l.rfind("compuerta-db-restore", 0) == 0; }),
              1);
    EXPECT_EQ(s.deployed(), "v1");
}

TEST(Rollback, RenapoFailureWaitsForApprovalThenRollsBack) {
    Scene s;
    s.seed_bad_release();
    // Replace the failed 6.3 by a failed 6.2 through the JUnit the smoke job left.
    write_file(s.dir() / "smoke.xml", R"(<testsuites><testsuite name="compuerta.smoke">
<testcase classname="smoke.postgres" name="6.1 Base de datos"/>
<testcase classname="smoke.renapo" name="6.2 RENAPO responde"><failure message="down">503</failure></testcase>
</testsuite></testsuites>)");
    auto wait = s.rollback({"--smoke-junit", (s.dir() / "smoke.xml").string(), "--json",
                            (s.dir() / "wait.json").string()});
    // Waiting for a human decision (4), not "could not evaluate" (3): nothing failed, nothing
    // changed.
    EXPECT_EQ(wait.code, 4) << wait.err;
    EXPECT_TRUE(contains(wait.out, "--approved")) << wait.out;
    EXPECT_TRUE(s.calls().empty());
    auto report = nlohmann::json::parse(read_file(s.dir() / "wait.json"));
    EXPECT_EQ(report["exit_code"], 4);
    const auto& decision = report["suites"][0]["checks"][0];
    EXPECT_EQ(decision["item"], "R1");
    EXPECT_EQ(decision["status"], "skip");
    EXPECT_EQ(decision["waiting"], true);
    auto approved = s.rollback({"--approved"});
    EXPECT_EQ(approved.code, 0) << approved.err;
    EXPECT_EQ(s.deployed(), "v1");
}

TEST(Rollback, OldVersionStillUnhealthyIsExit1WithMaintenanceOn) {
    Scene s;
    s.seed_bad_release();
    s.stub_exit("compuerta-smoke", 1);
    auto r = s.rollback();
    EXPECT_EQ(r.code, 1) << r.err;
    for (const auto& c : s.calls()) EXPECT_NE(c, "compuerta-maintenance off");
    EXPECT_EQ(s.calls().back().rfind("compuerta-checklist", 0), 0u);
    auto steps = s.rollback_steps();
    EXPECT_EQ(steps.back(), "rollback.done:fail");
}

TEST(Rollback, RestoreRefusingIsExit3AndNothingElseHappens) {
    Scene s;
    s.seed_bad_release();
    s.stub_exit("compuerta-db-restore", 3);
    auto r = s.rollback();
    EXPECT_EQ(r.code, 3) << r.err;
    EXPECT_EQ(s.calls().size(), 1u);
    EXPECT_EQ(s.deployed(), "");
}

TEST(Rollback, MissingCommandStopsBeforeAnyChange) {
    Scene s;
    s.seed_bad_release();
    std::filesystem::remove(s.stubs() / "compuerta-notify");
    auto r = s.rollback();
    EXPECT_EQ(r.code, 3) << r.err;
    EXPECT_TRUE(contains(r.err, "compuerta-notify not found in COMPUERTA_EXEC_PATH")) << r.err;
    EXPECT_TRUE(s.calls().empty());
    EXPECT_EQ(s.deployed(), "");
}

TEST(Rollback, AnExitCodeWithoutAReportIsNotTrusted) {
    // The restore exits 3 ("nothing changed") but writes no report: the
    // rollback cannot know the database is untouched, so it does not say so.
    Scene s;
    s.seed_bad_release();
    s.stub_exit("compuerta-db-restore", 3);
    s.flag("no-report-compuerta-db-restore");
    auto r = s.rollback({"--junit", (s.dir() / "rollback.xml").string()});
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_EQ(s.deployed(), "");
    EXPECT_TRUE(contains(read_file(s.dir() / "rollback.xml"), "without writing its report")) << r.out;
    auto calls = s.calls();
    ASSERT_FALSE(calls.empty());
    EXPECT_EQ(calls.back().rfind("compuerta-checklist", 0), 0u);
    for (const auto& c : calls) EXPECT_NE(c, "compuerta-maintenance off");
}

TEST(Rollback, UnwritableJournalIsAUsageErrorAndTouchesNothing) {
    Scene s;
    s.seed_bad_release();
    write_file(s.dir() / "not-a-dir", "");
    auto r = run("compuerta-rollback", {"-c", s.config().string(), "--journal", (s.dir() / "not-a-dir").string()},
                 {{"COMPUERTA_EXEC_PATH", s.stubs().string()}, {"STUB_DIR", s.dir().path().string()}}, s.dir().path());
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_TRUE(contains(r.err, "not-a-dir")) << r.err;
    EXPECT_TRUE(s.calls().empty());
}

TEST(Rollback, HelpExplainsExitCodes) {
    auto r = run("compuerta-rollback", {"--help"});
    EXPECT_EQ(r.code, 0);
    EXPECT_TRUE(contains(r.out, "--approved"));
    EXPECT_TRUE(contains(r.out, "4 waiting for approval"));
    EXPECT_TRUE(contains(r.out, "3 cannot roll back"));
    EXPECT_TRUE(contains(r.out, "2 over 1 over 3 over 4 over 0")) << r.out;
}

TEST(Rollback, OverNewDataIsPassedToTheRestoreOnlyWhenAsked) {
    Scene s;
    s.seed_bad_release();
    auto r = s.rollback({"--approved"});
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_FALSE(contains(s.calls().front(), "--over-new-data")) << s.calls().front();

    Scene t;
    t.seed_bad_release();
    auto o = t.rollback({"--over-new-data"});
    ASSERT_EQ(o.code, 0) << o.out << o.err;
    std::string manifest = (t.dir() / "backup" / "manifest.json").string();
    EXPECT_EQ(t.calls().front(), "compuerta-db-restore --manifest " + manifest + " --over-new-data");
}

TEST(Rollback, APostmortemThatWasNotWrittenIsAFailedStep) {
    // The checklist ends well but leaves no file: R6 fails (exit 1) and says so.
    Scene s;
    s.seed_bad_release();
    s.flag("no-output-compuerta-checklist");
    auto r = s.rollback({"--junit", (s.dir() / "rollback.xml").string()});
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_EQ(s.deployed(), "v1");
    EXPECT_TRUE(contains(read_file(s.dir() / "rollback.xml"), "was not written")) << r.out;
    EXPECT_EQ(s.rollback_steps().back(), "rollback.done:fail");
}
