// The deployment lease's decisions (plugin/lease/lease.hpp) over a fake store.
#include "core/events.hpp"
#include "plugin/lease/lease.hpp"
#include "tests/unit/lease/fake_lease_store.hpp"

#include <gtest/gtest.h>

using namespace compuerta;
using namespace compuerta::plugin::lease;
namespace ev = core::events;

namespace {

core::Lease run_of(const std::string& run, const std::string& release = "v1.2.0") {
    core::Lease l;
    l.environment = "production";
    l.run = run;
    l.release = release;
    l.host = "runner-" + run;
    l.actor = "ana";
    l.job = "5" + run;
    l.job_url = "https://gitlab.example/sep/muses/-/jobs/5" + run;
    return l;
}

const core::Millis k_max_age = core::Millis(12L * 3600 * 1000);
const core::Deadline k_deadline = core::Deadline::after(core::Millis(1000));

nlohmann::json line(const std::string& event, const std::string& run, nlohmann::json extra = {}) {
    nlohmann::json j = {{"ts", "2026-12-01T08:00:00Z"}, {"run", run}, {"event", event}};
    if (extra.is_object())
        j.update(extra);
    return j;
}

} // namespace

TEST(Lease, TheFirstRunTakesItTheSecondIsRefusedNamingTheFirst) {
    test::FakeLeaseStore store;
    OpenResult a = open(store, run_of("77"), false, k_max_age, {}, k_deadline);
    EXPECT_EQ(a.status, OpenStatus::taken);
    EXPECT_EQ(a.lease.run, "77");
    OpenResult b = open(store, run_of("78", "v1.3.0"), false, k_max_age, {}, k_deadline);
    ASSERT_EQ(b.status, OpenStatus::refused);
    ASSERT_TRUE(b.other);
    EXPECT_EQ(b.other->run, "77");
    EXPECT_EQ(b.stale, "");
    std::string who = describe(*b.other);
    EXPECT_NE(who.find("run 77"), std::string::npos) << who;
    EXPECT_NE(who.find("release v1.2.0"), std::string::npos) << who;
    EXPECT_NE(who.find("host runner-77"), std::string::npos) << who;
    EXPECT_NE(who.find("job https://gitlab.example/sep/muses/-/jobs/577"), std::string::npos)
        << who;
    EXPECT_NE(who.find("since 2026-12-01T08:00:00Z"), std::string::npos) << who;
    EXPECT_EQ(store.rows.at("production").run, "77") << "a refusal changes nothing";
}

TEST(Lease, TheSameRunOpeningAgainKeepsItsLease) {
    test::FakeLeaseStore store;
    ASSERT_EQ(open(store, run_of("77"), false, k_max_age, {}, k_deadline).status,
              OpenStatus::taken);
    OpenResult again = open(store, run_of("77"), false, k_max_age, {}, k_deadline);
    EXPECT_EQ(again.status, OpenStatus::already_ours);
}

TEST(Lease, AnotherEnvironmentIsAnotherLease) {
    test::FakeLeaseStore store;
    ASSERT_EQ(open(store, run_of("77"), false, k_max_age, {}, k_deadline).status,
              OpenStatus::taken);
    core::Lease staging = run_of("78");
    staging.environment = "staging";
    EXPECT_EQ(open(store, staging, false, k_max_age, {}, k_deadline).status, OpenStatus::taken);
}

TEST(Lease, ALeaseThatIsNotStaleIsNeverTakenOverEvenWithTheFlag) {
    test::FakeLeaseStore store;
    ASSERT_EQ(open(store, run_of("77"), false, k_max_age, {}, k_deadline).status,
              OpenStatus::taken);
    store.rows["production"].age_seconds = 3600;
    OpenResult b = open(store, run_of("78"), true, k_max_age, {}, k_deadline);
    EXPECT_EQ(b.status, OpenStatus::refused);
    EXPECT_EQ(store.rows.at("production").run, "77");
}

TEST(Lease, AStaleLeaseIsTakenOverOnlyWithTheFlag) {
    test::FakeLeaseStore store;
    ASSERT_EQ(open(store, run_of("77"), false, k_max_age, {}, k_deadline).status,
              OpenStatus::taken);
    store.rows["production"].age_seconds = 13 * 3600;
    OpenResult without = open(store, run_of("78"), false, k_max_age, {}, k_deadline);
    ASSERT_EQ(without.status, OpenStatus::refused);
    EXPECT_NE(without.stale.find("more than lease.max_age"), std::string::npos) << without.stale;
    EXPECT_EQ(store.rows.at("production").run, "77");

    store.now = "2026-12-01T21:00:00Z";
    OpenResult with = open(store, run_of("78"), true, k_max_age, {}, k_deadline);
    ASSERT_EQ(with.status, OpenStatus::taken_over);
    EXPECT_EQ(with.lease.run, "78");
    EXPECT_EQ(with.lease.since, "2026-12-01T21:00:00Z");
    ASSERT_TRUE(with.other);
    EXPECT_EQ(with.other->run, "77") << "whom it was taken from";
    EXPECT_EQ(store.rows.at("production").run, "78");
}

TEST(Lease, ALeaseWhoseRunEndedInTheJournalIsStale) {
    std::vector<nlohmann::json> events{
        line("window.open", "77"),
        line("window.close", "77"),
        line("window.open", "80"),
        line("rollback.done", "81", {{"exit_code", 4}}),
        line("rollback.done", "82", {{"exit_code", 1}}),
    };
    auto ended = ended_runs(events);
    EXPECT_EQ(ended, (std::set<std::string>{"77", "82"})) << "80 is open, 81 waits for an approval";
    core::Lease held = run_of("77");
    EXPECT_NE(stale_reason(held, k_max_age, ended).find("run 77 ended"), std::string::npos);
    EXPECT_EQ(stale_reason(run_of("80"), k_max_age, ended), "");
}

TEST(Lease, ATakeOverThatLostARaceIsRefusedNamingTheNewHolder) {
    // The store answers take() with the stale lease, then someone else takes it over first.
    class Racing : public test::FakeLeaseStore {
      public:
        core::Result<bool, core::PgFailure> take_over(const core::Lease& w, const core::Lease& from,
                                                      const core::Deadline& d) override {
            core::Lease other = from;
            other.run = "79";
            other.since = "2026-12-01T20:59:59Z";
            rows["production"] = other;
            return test::FakeLeaseStore::take_over(w, from, d);
        }
    } store;
    ASSERT_EQ(open(store, run_of("77"), false, k_max_age, {}, k_deadline).status,
              OpenStatus::taken);
    store.rows["production"].age_seconds = 13 * 3600;
    OpenResult r = open(store, run_of("78"), true, k_max_age, {}, k_deadline);
    EXPECT_EQ(r.status, OpenStatus::refused);
    ASSERT_TRUE(r.other);
    EXPECT_EQ(r.other->run, "79");
    EXPECT_NE(r.error.find("changed"), std::string::npos);
}

TEST(Lease, CheckTellsOursOtherAndNobodys) {
    test::FakeLeaseStore store;
    EXPECT_EQ(check(store, "production", "77", k_deadline).status, CheckStatus::none);
    ASSERT_EQ(open(store, run_of("77"), false, k_max_age, {}, k_deadline).status,
              OpenStatus::taken);
    EXPECT_EQ(check(store, "production", "77", k_deadline).status, CheckStatus::ours);
    CheckResult other = check(store, "production", "78", k_deadline);
    EXPECT_EQ(other.status, CheckStatus::other);
    ASSERT_TRUE(other.holder);
    EXPECT_EQ(other.holder->run, "77");
}

TEST(Lease, ReleaseRemovesOnlyTheRunsOwnLease) {
    test::FakeLeaseStore store;
    ASSERT_EQ(open(store, run_of("77"), false, k_max_age, {}, k_deadline).status,
              OpenStatus::taken);
    ReleaseResult foreign = release(store, "production", "78", k_deadline);
    EXPECT_EQ(foreign.status, ReleaseStatus::other);
    EXPECT_EQ(store.rows.count("production"), 1u);
    ReleaseResult own = release(store, "production", "77", k_deadline);
    EXPECT_EQ(own.status, ReleaseStatus::released);
    EXPECT_EQ(store.rows.count("production"), 0u);
    EXPECT_EQ(release(store, "production", "77", k_deadline).status, ReleaseStatus::not_held);
    EXPECT_EQ(open(store, run_of("78"), false, k_max_age, {}, k_deadline).status,
              OpenStatus::taken);
}

TEST(Lease, AnUnreachableStoreIsReportedNeverThrown) {
    test::FakeLeaseStore store;
    store.down = true;
    OpenResult o = open(store, run_of("77"), false, k_max_age, {}, k_deadline);
    EXPECT_EQ(o.status, OpenStatus::unreachable);
    EXPECT_NE(o.error.find("timed out"), std::string::npos);
    EXPECT_EQ(check(store, "production", "77", k_deadline).status, CheckStatus::unreachable);
    EXPECT_EQ(release(store, "production", "77", k_deadline).status, ReleaseStatus::unreachable);
}

TEST(Lease, EventsAreDeclaredWithTheirPlanItems) {
    for (const char* name : {ev::LeaseTake::name, ev::LeaseRelease::name, ev::LeaseRefuse::name,
                             ev::LeaseTakeover::name}) {
        const auto& names = ev::declared_names();
        EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
    }
    EXPECT_EQ(ev::default_item(ev::LeaseTake::name), "1");
    EXPECT_EQ(ev::default_item(ev::LeaseRelease::name), "7");
    core::Event e =
        ev::make(ev::LeaseRefuse{"production", "db migrate", {}, ""}, "refused", "", "3");
    EXPECT_EQ(e.item, "3");
    nlohmann::json j = e.extra;
    j["event"] = e.event;
    auto back = ev::as<ev::LeaseRefuse>(j);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->refused, "db migrate");
}
