// Plan model and journal -> row status (plugin/window/plan, record).
#include "core/errors.hpp"
#include "plugin/window/plan.hpp"
#include "plugin/window/record.hpp"
#include "tests/support/support.hpp"

#include <fmt/format.h>
#include <fstream>
#include <gtest/gtest.h>
#include <regex>
#include <set>

using namespace compuerta;
using namespace compuerta::plugin::window;
using nlohmann::json;

namespace {

core::JournalRead journal_of(std::vector<json> events) {
    core::JournalRead r;
    int n = 0;
    for (auto& e : events) {
        if (!e.contains("ts")) e["ts"] = "2026-12-01T08:00:" + fmt::format("{:02d}", n) + ".000Z";
        e["_file"] = "run.jsonl";
        e["_line"] = ++n;
        r.events.push_back(e);
    }
    return r;
}

RowState state(const Record& r, const std::string& item) {
    auto it = r.rows.find(item);
    return it == r.rows.end() ? RowState::open : it->second.state;
}

} // namespace

TEST(WindowPlan, RowsMatchDocsPlanItems) {
    // The table in code mirrors docs/plan-items.md (the team's vocabulary).
    std::ifstream in(std::string(COMPUERTA_SOURCE_DIR) + "/docs/plan-items.md");
    ASSERT_TRUE(in) << "docs/plan-items.md missing";
    std::set<std::string> documented;
    std::regex row_re(R"(^\| (R?[0-9](\.[0-9])?) \|)");
    for (std::string line; std::getline(in, line);) {
        std::smatch m;
        if (std::regex_search(line, m, row_re)) documented.insert(m[1]);
    }
    std::set<std::string> coded;
    for (const auto& r : builtin_plan())
        if (r.id != "6") coded.insert(r.id); // step 6 is the heading of 6.1-6.4 in the plan's table
    EXPECT_EQ(documented, coded);
    EXPECT_NE(find_row(builtin_plan(), "6"), nullptr);
    EXPECT_EQ(builtin_plan().size(), coded.size() + 1) << "duplicate ids";
}

TEST(WindowPlan, SpanishTextIsThePlansOwnAndEnglishExists) {
    const PlanRow* r = find_row(builtin_plan(), "2.2");
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->task(Lang::es), "Realizar un backup completo de la base de datos de producción");
    EXPECT_EQ(role_name(r->role, Lang::es), "DBA");
    EXPECT_EQ(r->task(Lang::en), "Take a full backup of the production database");
    EXPECT_TRUE(find_row(builtin_plan(), "1.2")->manual);
    EXPECT_EQ(role_name(find_row(builtin_plan(), "1.1")->role, Lang::en), "Deployment lead");
}

TEST(WindowPlan, ConfigRowsAreAppendedToTheirSectionAndMayNotRepeatAnId) {
    core::MapEnv env;
    auto cfg = core::config::Config::load_string(
        "plan:\n  rows:\n    - {id: \"3.5\", task: \"Aprobación de la dirección\", manual: true, role: lider}\n"
        "    - {id: \"R7\", section: rollback, task: \"Informe a la SEP\"}\n",
        "t.yml", env);
    auto rows = plan_rows(cfg);
    const PlanRow* extra = find_row(rows, "3.5");
    ASSERT_NE(extra, nullptr);
    EXPECT_TRUE(extra->manual);
    EXPECT_EQ(extra->section, Section::pre);
    EXPECT_EQ(rows.back().id, "R7");
    // 3.5 comes right after the last pre-deployment row (3.4), before step 1.
    auto pos = std::find_if(rows.begin(), rows.end(), [](const PlanRow& r) { return r.id == "3.5"; });
    EXPECT_EQ((pos - 1)->id, "3.4");
    EXPECT_EQ((pos + 1)->id, "1");

    auto dup = core::config::Config::load_string("plan:\n  rows:\n    - {id: \"2.2\", task: x}\n", "t.yml", env);
    EXPECT_THROW(plan_rows(dup), core::ConfigError);
}

TEST(WindowRecord, EveryEventTypeMarksItsRow) {
    auto rec = build_record(journal_of({
        {{"event", "window.open"}, {"item", "1"}, {"status", "ok"},
         {"window", {{"start", "S"}, {"end", "E"}, {"environment", "produccion"}, {"release", "v1.4.0"}}}},
        {{"event", "notify"}, {"kind", "window"}, {"channel", "slack"}, {"status", "ok"}},
        {{"event", "signoff"}, {"item", "1.2"}, {"status", "ok"}, {"by", "Ana"}, {"note", "listos"}},
        {{"event", "check"}, {"item", "2.1"}, {"check", "env-db"}, {"status", "pass"}, {"duration_ms", 40}},
        {{"event", "check"}, {"item", "2.1"}, {"check", "env-target"}, {"status", "warn"}},
        {{"event", "release.tag"}, {"status", "ok"}},
        {{"event", "maintenance.on"}, {"item", "2"}, {"status", "ok"}, {"backend", "file"}},
        {{"event", "backup.done"}, {"status", "ok"}, {"manifest", "backups/m.json"}},
        {{"event", "migrate.done"}, {"status", "ok"}},
        {{"event", "deploy.start"}, {"status", "started"}, {"release", "v1.4.0"}, {"previous_release", "v1.3.2"}},
        {{"event", "deploy.done"}, {"status", "ok"}, {"release", "v1.4.0"}, {"previous_release", "v1.3.2"}},
        {{"event", "check"}, {"item", "6.2"}, {"check", "renapo"}, {"status", "fail"}, {"summary", "6.2 RENAPO: 502"}},
        {{"event", "rollback.decision"}, {"status", "rollback"}},
        {{"event", "rollback.restore"}, {"status", "started"}},
        {{"event", "rollback.restore"}, {"status", "ok"}},
        {{"event", "rollback.redeploy"}, {"status", "fail"}},
        {{"event", "notify"}, {"kind", "rollback"}, {"channel", "email"}, {"status", "fail"}},
    }));
    EXPECT_EQ(state(rec, "1"), RowState::done);
    EXPECT_EQ(state(rec, "1.1"), RowState::done);
    EXPECT_EQ(state(rec, "1.2"), RowState::done);
    EXPECT_EQ(rec.rows["1.2"].actor, "Ana");
    EXPECT_EQ(rec.rows["1.2"].notes, std::vector<std::string>{"listos"});
    EXPECT_EQ(state(rec, "2.1"), RowState::warn);
    EXPECT_EQ(rec.rows["2.1"].duration_ms, 40);
    EXPECT_EQ(state(rec, "3.4"), RowState::done);
    EXPECT_EQ(state(rec, "2"), RowState::done);
    EXPECT_EQ(state(rec, "2.2"), RowState::done);
    EXPECT_EQ(state(rec, "3"), RowState::done);
    EXPECT_EQ(state(rec, "4"), RowState::done) << "deploy.done closes the started step 4";
    EXPECT_EQ(state(rec, "5"), RowState::done);
    EXPECT_EQ(state(rec, "6.2"), RowState::failed);
    EXPECT_EQ(state(rec, "R1"), RowState::done);
    EXPECT_EQ(state(rec, "R2"), RowState::done);
    EXPECT_EQ(state(rec, "R3"), RowState::failed);
    EXPECT_EQ(state(rec, "R5"), RowState::failed);
    EXPECT_EQ(state(rec, "7.2"), RowState::open);
    EXPECT_EQ(rec.release, "v1.4.0");
    EXPECT_EQ(rec.previous_release, "v1.3.2");
    EXPECT_EQ(rec.environment, "produccion");
    EXPECT_TRUE(rec.rolled_back);
    EXPECT_TRUE(rec.deploy_failed);
    bool has_manifest = false;
    for (const auto& [k, v] : rec.rows["2.2"].evidence) has_manifest = has_manifest || (k == "manifest" && v == "backups/m.json");
    EXPECT_TRUE(has_manifest);
}

TEST(WindowRecord, LatestRoundWinsAndAStepThatOnlyStartedIsRunning) {
    auto rec = build_record(journal_of({
        {{"event", "check"}, {"item", "6.1"}, {"check", "db"}, {"status", "fail"}, {"round", 1}},
        {{"event", "check"}, {"item", "6.1"}, {"check", "db"}, {"status", "pass"}, {"round", 2}},
        {{"event", "deploy.start"}, {"status", "started"}},
        {{"event", "check"}, {"item", "6.4"}, {"check", "logs"}, {"status", "skip"}},
    }));
    EXPECT_EQ(state(rec, "6.1"), RowState::done);
    EXPECT_EQ(state(rec, "4"), RowState::running);
    EXPECT_EQ(state(rec, "6.4"), RowState::skipped);
    EXPECT_FALSE(rec.deploy_failed);
}
