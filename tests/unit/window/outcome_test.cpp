// The record tells what happened: the rollback's own checks never overwrite a
// row of the deployment, headings follow their sub-rows, rollback rows of a
// good deployment are "not needed", and one outcome sentence leads.
#include "plugin/window/checklist.hpp"
#include "plugin/window/outcome.hpp"
#include "plugin/window/timeline_svg.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <gtest/gtest.h>

using namespace compuerta;
using namespace compuerta::plugin::window;
using nlohmann::json;

namespace {

std::string fmt_ts(int sec) {
    return fmt::format("2026-12-01T08:{:02d}:{:02d}.000Z", sec / 60, sec % 60);
}

json ev(int sec, const std::string& event, const std::string& item, const std::string& status,
        json extra = {}) {
    json e = {{"ts", fmt_ts(sec)},
              {"event", event},
              {"item", item},
              {"status", status},
              {"summary", event}};
    if (extra.is_object())
        for (auto it = extra.begin(); it != extra.end(); ++it)
            e[it.key()] = it.value();
    return e;
}

json smoke(int sec, const std::string& item, const std::string& check, const std::string& status) {
    return ev(sec, "check", item, status, {{"command", "smoke"}, {"check", check}});
}

std::vector<json> deployed_release() {
    return {
        ev(0, "window.open", "1", "ok",
           {{"window", {{"release", "v1.1.0"}, {"environment", "produccion"}}}}),
        ev(1, "maintenance.on", "2", "ok"),
        ev(2, "backup.done", "2.2", "ok"),
        ev(3, "deploy.start", "4", "started",
           {{"release", "v1.1.0"}, {"previous_release", "v1.0.0"}}),
        ev(4, "deploy.done", "5", "ok", {{"release", "v1.1.0"}, {"previous_release", "v1.0.0"}}),
        smoke(5, "6.1", "db", "pass"),
        smoke(6, "6.2", "renapo", "pass")};
}

ChecklistInput input(std::vector<json> events, Lang lang = Lang::es) {
    core::JournalRead read;
    read.events = std::move(events);
    ChecklistInput in;
    in.rows = builtin_plan();
    in.record = build_record(read);
    in.lang = lang;
    return in;
}

std::vector<json> rolled_back_release() {
    auto e = deployed_release();
    e.push_back(smoke(7, "6.3", "inscripcion", "fail"));
    e.push_back(smoke(8, "6.4", "logs", "pass"));
    e.push_back(ev(9, "rollback.decision", "R1", "rollback"));
    e.push_back(ev(10, "rollback.restore", "R2", "started"));
    e.push_back(ev(11, "restore.done", "R2", "ok"));
    e.push_back(ev(12, "rollback.restore", "R2", "ok"));
    e.push_back(ev(13, "rollback.maintenance", "R2", "started"));
    e.push_back(ev(14, "maintenance.on", "2", "ok"));
    e.push_back(ev(15, "rollback.maintenance", "R2", "ok"));
    e.push_back(ev(16, "rollback.redeploy", "R3", "started", {{"release", "v1.0.0"}}));
    e.push_back(ev(17, "check", "4", "pass", {{"command", "rollback"}, {"check", "deploy-1"}}));
    e.push_back(ev(18, "rollback.redeploy", "R3", "ok", {{"release", "v1.0.0"}}));
    e.push_back(ev(19, "rollback.verify", "R4", "started"));
    // The verifying smoke of v1.0.0 journals the same checks, passing.
    e.push_back(smoke(20, "6.1", "db", "pass"));
    e.push_back(smoke(21, "6.3", "inscripcion", "pass"));
    e.push_back(ev(22, "rollback.verify", "R4", "ok"));
    e.push_back(ev(23, "rollback.done", "R1", "ok"));
    return e;
}

} // namespace

TEST(RecordTruth, TheRollbacksVerificationNeverOverwritesTheFailedRow) {
    ChecklistInput in = input(rolled_back_release());
    EXPECT_EQ(row_status(in, "6.3").state, RowState::failed);
    EXPECT_EQ(row_status(in, "6").state, RowState::failed); // derived from 6.3
    EXPECT_EQ(row_status(in, "R4").state, RowState::done);
    EXPECT_EQ(row_status(in, "R3").state, RowState::done);
    EXPECT_EQ(row_status(in, "7.2").state, RowState::not_needed); // no success message after a rollback
    // Row 2 is the deployment's maintenance on, not the rollback's.
    EXPECT_EQ(row_status(in, "2").last, row_status(input(deployed_release()), "2").last);
    // The redeploy of v1.0.0 is R3's, not row 4's, and the release stays v1.1.0.
    EXPECT_EQ(in.record.release, "v1.1.0");
    auto row4 = row_status(in, "4").summaries;
    std::sort(row4.begin(), row4.end());
    EXPECT_EQ(row4, (std::vector<std::string>{"deploy.done", "deploy.start"}));
    auto md = render_markdown(in);
    EXPECT_NE(md.find("> **Revertido:** 6.3 "), std::string::npos) << md.substr(0, 400);
    EXPECT_NE(md.find("v1.0.0 restaurada y verificada a las 2026-12-01 08:00:22 UTC."),
              std::string::npos)
        << md.substr(0, 400);
    EXPECT_NE(render_html(in).find("class=\"outcome outcome-rolled-back\""), std::string::npos);
}

TEST(RecordTruth, AGoodDeploymentSaysDeployedAndItsRollbackRowsAreNotNeeded) {
    auto events = deployed_release();
    events.push_back(smoke(7, "6.3", "inscripcion", "pass"));
    events.push_back(smoke(8, "6.4", "logs", "pass"));
    ChecklistInput in = input(events, Lang::en);
    EXPECT_EQ(row_status(in, "6").state, RowState::done);
    for (const char* r : {"R1", "R2", "R3", "R4", "R5", "R6"})
        EXPECT_EQ(row_status(in, r).state, RowState::not_needed) << r;
    auto o = outcome_of(in);
    EXPECT_EQ(o.kind, OutcomeKind::deployed);
    EXPECT_EQ(o.sentence, "v1.1.0 to produccion, verified at 2026-12-01 08:00:08 UTC.");
    auto md = render_markdown(in);
    EXPECT_NE(md.find("not needed"), std::string::npos);
    EXPECT_NE(render_html(in).find("outcome-ok"), std::string::npos);
}

TEST(RecordTruth, HalfwayTheHeadingIsInProgressAndRollbackRowsStayOpen) {
    ChecklistInput in = input(deployed_release());
    EXPECT_EQ(row_status(in, "6").state, RowState::running);
    EXPECT_EQ(row_status(in, "R2").state, RowState::open);
    EXPECT_EQ(outcome_of(in).kind, OutcomeKind::in_progress);
}

TEST(RecordTruth, AFailureWithoutRollbackAndAnUnfinishedRollbackAreSaid) {
    auto events = deployed_release();
    events.push_back(smoke(7, "6.3", "inscripcion", "fail"));
    auto failed = outcome_of(input(events));
    EXPECT_EQ(failed.kind, OutcomeKind::failed);
    EXPECT_EQ(failed.label, "Fallido");
    EXPECT_NE(failed.sentence.find("6.3 "), std::string::npos);

    events.push_back(ev(9, "rollback.decision", "R1", "rollback"));
    events.push_back(ev(10, "rollback.restore", "R2", "fail"));
    events.push_back(ev(11, "rollback.done", "R1", "fail"));
    auto incomplete = outcome_of(input(events, Lang::en));
    EXPECT_EQ(incomplete.kind, OutcomeKind::rollback_incomplete);
    EXPECT_NE(incomplete.sentence.find("maintenance stays on"), std::string::npos);
    EXPECT_EQ(std::string(outcome_class(incomplete.kind)), "outcome-failed");
}

TEST(RecordTruth, EvidenceIsOneSentenceLinksAndFoldedFacts) {
    auto events = deployed_release();
    events.push_back(ev(7, "check", "6.3", "fail",
                        {{"command", "smoke"},
                         {"check", "inscripcion"},
                         {"summary", "6.3 Inscripción: HTTP 500"},
                         {"evidence",
                          {{"junit", "reports/smoke.xml"},
                           {"log", "/nonexistent-runner/tmp/app.log"},
                           {"status_code", 500}}}}));
    ChecklistInput in = input(events);
    auto md = render_markdown(in);
    EXPECT_NE(md.find("6.3 Inscripción: HTTP 500<br>[junit](reports/smoke.xml)"), std::string::npos)
        << md;
    EXPECT_EQ(md.find("/nonexistent-runner"), std::string::npos) << "a runner's path is no link";
    EXPECT_EQ(md.find("status_code"), std::string::npos) << "raw facts are folded away in Markdown";
    auto html = render_html(in);
    EXPECT_NE(
        html.find(
            "<details><summary>Datos</summary><ul><li>log: /nonexistent-runner/tmp/app.log</li>"
            "<li>status_code: 500</li>"),
        std::string::npos);
    EXPECT_EQ(link_target("https://ci.example/job/1/artifacts/smoke.xml"),
              "https://ci.example/job/1/artifacts/smoke.xml");
    EXPECT_EQ(link_target("reports/smoke.xml"), "reports/smoke.xml");
    EXPECT_EQ(link_target("/nonexistent-runner/tmp/x.xml"), "");
    EXPECT_EQ(link_target((std::filesystem::current_path() / "out" / "a.xml").string()),
              "out/a.xml");
}

// 2 of issue 13: links relative to the report (-o), or under a configured base URL.
TEST(RecordTruth, LinksAreRelativeToTheReportOrUnderTheBaseUrl) {
    auto cwd = std::filesystem::current_path();
    Links report{"", "out/v1.1.0"};
    EXPECT_EQ(link_target("reports/smoke.xml", report), "../../reports/smoke.xml");
    EXPECT_EQ(link_target((cwd / "out" / "v1.1.0" / "journal" / "a.jsonl").string(), report),
              "journal/a.jsonl");
    EXPECT_EQ(link_target("/nonexistent-runner/tmp/x.xml", report), "");
    Links base{"https://gitlab.example/sep/muses/-/jobs/42/artifacts/file/", ""};
    EXPECT_EQ(
        link_target("out/v1.1.0/smoke junit.xml", base),
        "https://gitlab.example/sep/muses/-/jobs/42/artifacts/file/out/v1.1.0/smoke%20junit.xml");
    EXPECT_EQ(link_target((cwd / "reports" / "smoke.xml").string(), base),
              "https://gitlab.example/sep/muses/-/jobs/42/artifacts/file/reports/smoke.xml");
    EXPECT_EQ(link_target("../fuera/x.log", base), "") << "not among the job's files";
    EXPECT_EQ(link_target("https://ci.example/x.xml", base), "https://ci.example/x.xml");
    // Both renderers use them.
    auto events = deployed_release();
    events.push_back(ev(7, "check", "6.3", "fail",
                        {{"command", "smoke"},
                         {"summary", "6.3 Inscripción: HTTP 500"},
                         {"evidence", {{"junit", "reports/smoke.xml"}}}}));
    ChecklistInput in = input(events);
    in.links = report;
    EXPECT_NE(render_markdown(in).find("[junit](../../reports/smoke.xml)"), std::string::npos)
        << render_markdown(in);
    in.links = base;
    EXPECT_NE(render_html(in).find(
                  "<a href=\"https://gitlab.example/sep/muses/-/jobs/42/artifacts/file/reports/"
                  "smoke.xml\">junit</a>"),
              std::string::npos)
        << render_html(in);
}

TEST(RecordTruth, AHeadingWithoutEventsOfItsOwnHasNoBarInTheTimeline) {
    ChecklistInput in = input(rolled_back_release());
    ASSERT_EQ(row_status(in, "6").state, RowState::failed);
    std::string svg = render_timeline_svg(in);
    EXPECT_EQ(svg.find(">6 "), std::string::npos) << "row 6 drawn at the epoch";
    EXPECT_NE(svg.find(">6.3 "), std::string::npos);
}
