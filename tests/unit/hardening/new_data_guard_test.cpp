// The restore guard's decision over journal events (issue 15 item 10);
// the measured writes are covered against PostgreSQL in integration_hardening_db.
#include "plugin/db/new_data_guard.hpp"

#include <gtest/gtest.h>

using namespace compuerta::plugin::db;
using nlohmann::json;

namespace {
json event(const std::string& name, const std::string& ts, const std::string& status = "ok") {
    return {{"event", name}, {"ts", ts}, {"status", status}};
}
} // namespace

TEST(NewDataGuardUnit, OnlyASuccessfulMaintenanceOffAfterTheBackupCounts) {
    std::vector<json> events = {event("maintenance.off", "2026-11-28T16:00:00Z"),
                                event("maintenance.on", "2026-11-28T17:10:00Z"),
                                event("maintenance.off", "2026-11-28T17:20:00Z", "fail"),
                                json::array(), json("x")};
    EXPECT_FALSE(maintenance_off_after(events, "2026-11-28T17:05:00Z"));
    events.push_back(event("maintenance.off", "2026-11-28T17:30:00Z"));
    events.push_back(event("maintenance.off", "2026-11-28T17:25:00Z"));
    EXPECT_EQ(maintenance_off_after(events, "2026-11-28T17:05:00Z"), "2026-11-28T17:30:00Z");
}

TEST(NewDataGuardUnit, RefusalIsAnErrorNamingTheFlagUnlessItIsGiven) {
    Manifest m;
    m.finished = "2026-11-28T17:05:00Z";
    std::vector<json> events = {event("maintenance.off", "2026-11-28T17:30:00Z")};
    auto refusal = refuse_restore_over_new_data(events, m, nullptr, false);
    ASSERT_TRUE(refusal);
    EXPECT_EQ(refusal->status, compuerta::core::Status::error); // exit 3
    EXPECT_NE(refusal->message.find("--over-new-data"), std::string::npos) << refusal->message;
    EXPECT_NE(refusal->message.find("nothing was changed"), std::string::npos) << refusal->message;
    EXPECT_FALSE(refuse_restore_over_new_data(events, m, nullptr, true));
    EXPECT_FALSE(refuse_restore_over_new_data({}, m, nullptr, false));
}
