// Finding the backup that allows a migration or that a restore uses.
#include "plugin/db/backups.hpp"

#include <gtest/gtest.h>

using namespace compuerta::plugin::db;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

compuerta::core::WallTime at(const std::string& ts) {
    compuerta::core::WallTime t;
    compuerta::core::parse_rfc3339(ts, t);
    return t;
}

json backup(const std::string& ts, const std::string& db, bool verified = true, const std::string& status = "ok",
            const std::string& run = "r1", const std::string& tag = "v1.2.0") {
    return {{"ts", ts},           {"event", "backup.done"}, {"status", status}, {"database", db},
            {"verified", verified}, {"run", run},           {"tag", tag},        {"manifest", "/b/" + ts + "/manifest.json"}};
}

json event(const std::string& ts, const std::string& name) { return {{"ts", ts}, {"event", name}, {"status", "ok"}}; }

} // namespace

TEST(DbBackups, MigrateNeedsABackupInsideTheOpenWindow) {
    std::vector<json> ev{backup("2026-11-28T09:00:00Z", "sep"), event("2026-11-28T10:00:00Z", "window.open")};
    auto now = at("2026-11-28T10:30:00Z");
    auto v = backup_for_migrate(ev, "sep", now, 6h);
    EXPECT_FALSE(v.backup) << "taken before the window opened";
    EXPECT_NE(v.reason.find("window's opening"), std::string::npos);
    ev.push_back(backup("2026-11-28T10:10:00Z", "otra"));
    ev.push_back(backup("2026-11-28T10:11:00Z", "sep", false));
    ev.push_back(backup("2026-11-28T10:12:00Z", "sep", true, "fail"));
    EXPECT_FALSE(backup_for_migrate(ev, "sep", now, 6h).backup) << "other database, unverified, failed";
    ev.push_back(backup("2026-11-28T10:15:00Z", "sep"));
    v = backup_for_migrate(ev, "sep", now, 6h);
    ASSERT_TRUE(v.backup);
    EXPECT_EQ(v.backup->manifest, "/b/2026-11-28T10:15:00Z/manifest.json");
}

TEST(DbBackups, WithoutAWindowTheBackupMustBeYoungerThanMaxAge) {
    std::vector<json> ev{event("2026-11-28T01:00:00Z", "window.open"), event("2026-11-28T02:00:00Z", "window.close"),
                         backup("2026-11-28T03:00:00Z", "sep")};
    EXPECT_TRUE(backup_for_migrate(ev, "sep", at("2026-11-28T08:59:00Z"), 6h).backup);
    auto v = backup_for_migrate(ev, "sep", at("2026-11-28T09:01:00Z"), 6h);
    EXPECT_FALSE(v.backup);
    EXPECT_NE(v.reason.find("max_backup_age"), std::string::npos);
    EXPECT_NE(v.reason.find("is 6.0 h old"), std::string::npos);
}

TEST(DbBackups, RestoreUsesTheWindowsNewestOrThisRunsBackup) {
    std::vector<json> ev{backup("2026-11-28T09:00:00Z", "sep", true, "ok", "r0"),
                         backup("2026-11-28T09:30:00Z", "sep", true, "ok", "r1", "v1.1.0")};
    auto v = backup_for_restore(ev, "sep", "r1", "");
    ASSERT_TRUE(v.backup);
    EXPECT_EQ(v.backup->run, "r1");
    EXPECT_FALSE(backup_for_restore(ev, "sep", "r2", "").backup) << "no window: only this run's";
    ev.push_back(event("2026-11-28T09:45:00Z", "window.open"));
    EXPECT_FALSE(backup_for_restore(ev, "sep", "r1", "").backup) << "window open: only backups taken in it";
    ev.push_back(backup("2026-11-28T10:00:00Z", "sep", true, "ok", "r3", "v1.2.0"));
    ev.push_back(backup("2026-11-28T10:05:00Z", "sep", true, "ok", "r3", "v1.3.0"));
    EXPECT_EQ(backup_for_restore(ev, "sep", "r9", "").backup->tag, "v1.3.0");
    EXPECT_EQ(backup_for_restore(ev, "sep", "r9", "v1.2.0").backup->tag, "v1.2.0");
    EXPECT_FALSE(backup_for_restore(ev, "other", "r3", "").backup);
}

TEST(DbBackups, RunningReleaseIsTheNewestSuccessfulDeploy) {
    std::vector<json> ev{{{"ts", "2026-11-01T00:00:00Z"}, {"event", "deploy.done"}, {"status", "ok"}, {"release", "v1.0.0"}},
                         {{"ts", "2026-11-02T00:00:00Z"}, {"event", "deploy.done"}, {"status", "fail"}, {"release", "v1.1.0"}}};
    EXPECT_EQ(running_release(ev), "v1.0.0");
    EXPECT_EQ(running_release({}), "");
}
