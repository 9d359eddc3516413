// Journal event kinds: each declared once, written and read through the
// declaration; old lines (no "v", missing fields) still read.
#include "core/events.hpp"

#include <gtest/gtest.h>

using namespace compuerta::core;
namespace ev = compuerta::core::events;

namespace {

// The line a Journal would write for `e` (envelope + own fields).
nlohmann::json line_of(const Event& e, const std::string& run = "r1") {
    nlohmann::json j = e.extra;
    j["ts"] = "2026-11-29T08:00:00.000Z";
    j["run"] = run;
    j["job"] = "local";
    j["event"] = e.event;
    j["item"] = e.item;
    j["command"] = "test";
    j["status"] = e.status;
    j["summary"] = e.summary;
    j["actor"] = "ana";
    j["evidence"] = e.evidence;
    return j;
}

} // namespace

TEST(Events, BackupDoneRoundTripsWithItsItemAndVersion) {
    Event e =
        ev::make(ev::BackupDone{"/b/m.json", "sire", "v1.1.0", "v1.0.0", true, 42, "0/16B3748"},
                 "ok", "copia");
    EXPECT_EQ(e.event, "backup.done");
    EXPECT_EQ(e.item, "2.2");
    EXPECT_EQ(e.extra["v"], 1);
    auto line = line_of(e);
    auto b = ev::as<ev::BackupDone>(line);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->manifest, "/b/m.json");
    EXPECT_EQ(b->previous_tag, "v1.0.0");
    EXPECT_TRUE(b->verified);
    EXPECT_EQ(b->bytes, 42);
    EXPECT_FALSE(ev::as<ev::DeployDone>(line)) << "another kind is not read as this one";
    auto env = ev::envelope(line);
    EXPECT_EQ(env.run, "r1");
    EXPECT_EQ(env.status, "ok");
    EXPECT_EQ(env.item, "2.2");
    EXPECT_NE(env.ts, WallTime{});
}

TEST(Events, LinesWrittenBeforeVersioningStillRead) {
    // As `compuerta window open` wrote it before event kinds had versions.
    auto old = nlohmann::json::parse(
        R"({"ts":"2026-11-29T07:14:46.123Z","run":"local-1","job":"local","event":"window.open","item":"1",)"
        R"("command":"window","status":"ok","summary":"ventana","actor":"ana","evidence":{},)"
        R"("window":{"start":"2026-11-29T07:00:00Z","end":"2026-11-29T09:00:00Z","environment":"production","release":"v2.3.0"}})");
    auto w = ev::as<ev::WindowOpen>(old);
    ASSERT_TRUE(w);
    EXPECT_EQ(w->window.release, "v2.3.0");
    EXPECT_EQ(w->window.environment, "production");
    EXPECT_EQ(w->overrun_minutes, 0);
}

TEST(Events, AFieldOfTheWrongTypeMakesTheLineUnreadableNotACrash) {
    auto bad = nlohmann::json::parse(
        R"({"ts":"2026-11-29T07:14:46Z","event":"backup.done","verified":"yes"})");
    EXPECT_TRUE(ev::is<ev::BackupDone>(bad));
    EXPECT_FALSE(ev::as<ev::BackupDone>(bad));
    auto step = nlohmann::json::parse(R"({"event":"rollback.redeploy","release":7})");
    EXPECT_FALSE(ev::as_step(step, ev::k_rollback_redeploy));
}

TEST(Events, RollbackStepsCarryTheirOwnFields) {
    Event e = ev::make_step(ev::k_rollback_redeploy, ev::RollbackStep{"", "v1.0.0", "v1.1.0", ""},
                            "R3", "ok", "x");
    auto s = ev::as_step(line_of(e), ev::k_rollback_redeploy);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->release, "v1.0.0");
    EXPECT_EQ(s->replaced, "v1.1.0");
    EXPECT_FALSE(ev::as_step(line_of(e), ev::k_rollback_restore));
}

TEST(Events, EveryDeclaredKindHasAPlanItemOrSaysWhyNot) {
    for (const auto& name : ev::declared_names()) {
        bool line_decides = name == "check" || name == "signoff" || name == "notify";
        EXPECT_EQ(ev::default_item(name).empty(), line_decides) << name;
    }
    EXPECT_EQ(ev::default_item("rollback.verify"), "R4");
    EXPECT_EQ(ev::default_item("no.such.event"), "");
}
