#include "core/errors.hpp"
#include "core/runner.hpp"

#include <atomic>
#include <gtest/gtest.h>
#include <mutex>
#include <thread>

using namespace compuerta::core;
using namespace std::chrono_literals;

namespace {

// A check whose behaviour is scripted: a status, a sleep, and counters of
// how many run at once.
struct Gauge {
    std::atomic<int> running{0};
    std::atomic<int> peak{0};
    std::atomic<int> calls{0};
};

class Scripted : public Check {
  public:
    Scripted(std::string id, std::vector<Status> per_round, Millis sleep, Gauge* g = nullptr,
             std::vector<std::string> deps = {}, bool honour_deadline = true)
        : Check(CheckSpec{id, "6.1", "check " + id, "test", std::move(deps), Millis(2'000), Status::fail}),
          m_per_round(std::move(per_round)), m_sleep(sleep), m_gauge(g), m_honour(honour_deadline) {}

    Outcome run(const Deadline& deadline) override {
        int call = m_calls++;
        if (m_gauge) {
            int now = ++m_gauge->running;
            int peak = m_gauge->peak;
            while (now > peak && !m_gauge->peak.compare_exchange_weak(peak, now)) {
            }
            ++m_gauge->calls;
        }
        auto until = std::chrono::steady_clock::now() + m_sleep;
        while (std::chrono::steady_clock::now() < until) {
            if (m_honour && deadline.expired()) {
                if (m_gauge) --m_gauge->running;
                return Outcome::make(Status::fail, "deadline reached in phase test");
            }
            std::this_thread::sleep_for(1ms);
        }
        if (m_gauge) --m_gauge->running;
        Status s = m_per_round[std::min<std::size_t>(static_cast<std::size_t>(call), m_per_round.size() - 1)];
        return Outcome::make(s, "round " + std::to_string(call + 1));
    }

  private:
    std::vector<Status> m_per_round;
    Millis m_sleep;
    Gauge* m_gauge;
    bool m_honour;
    int m_calls = 0;
};

class Throws : public Check {
  public:
    Throws() : Check(CheckSpec{"boom", "6.4", "throws", "test", {}, Millis(1000), Status::fail}) {}
    Outcome run(const Deadline&) override { throw std::runtime_error("kaput"); }
};

} // namespace

TEST(Runner, ConcurrencyIsBounded) {
    Gauge g;
    std::vector<std::shared_ptr<Check>> checks;
    for (int i = 0; i < 12; ++i) checks.push_back(std::make_shared<Scripted>("c" + std::to_string(i), std::vector{Status::pass}, 20ms, &g));
    RunnerOptions opt;
    opt.concurrency = 3;
    auto report = run_checks(checks, opt);
    ASSERT_EQ(report.results.size(), 12u);
    EXPECT_EQ(g.calls, 12);
    EXPECT_LE(g.peak, 3);
    EXPECT_GE(g.peak, 2); // it did run checks at once
    for (std::size_t i = 0; i < 12; ++i) EXPECT_EQ(report.results[i].id, "c" + std::to_string(i)); // input order kept
}

TEST(Runner, CheckThatIgnoresItsDeadlineIsCutOffAfterGrace) {
    auto slow = std::make_shared<Scripted>("slow", std::vector{Status::pass}, 3000ms, nullptr,
                                           std::vector<std::string>{}, false);
    slow->spec().timeout = 100ms;
    RunnerOptions opt;
    opt.grace = 100ms;
    auto t0 = std::chrono::steady_clock::now();
    auto report = run_checks({slow}, opt);
    auto took = std::chrono::steady_clock::now() - t0;
    ASSERT_EQ(report.results.size(), 1u);
    EXPECT_EQ(report.results[0].status, Status::fail);
    EXPECT_NE(report.results[0].message.find("timed out"), std::string::npos) << report.results[0].message;
    EXPECT_LT(took, 1100ms); // timeout + grace, far below the check's own 3 s
}

TEST(Runner, OnTimeoutStatusIsTheSpecs) {
    auto slow = std::make_shared<Scripted>("slow", std::vector{Status::pass}, 2000ms, nullptr,
                                           std::vector<std::string>{}, false);
    slow->spec().timeout = 50ms;
    slow->spec().on_timeout = Status::error;
    RunnerOptions opt;
    opt.grace = 50ms;
    auto report = run_checks({slow}, opt);
    EXPECT_EQ(report.results[0].status, Status::error);
}

TEST(Runner, RunDeadlineStopsEverything) {
    std::vector<std::shared_ptr<Check>> checks;
    for (int i = 0; i < 4; ++i)
        checks.push_back(std::make_shared<Scripted>("c" + std::to_string(i), std::vector{Status::pass}, 1500ms));
    RunnerOptions opt;
    opt.concurrency = 2;
    opt.deadline = 200ms;
    opt.grace = 100ms;
    auto report = run_checks(checks, opt);
    EXPECT_TRUE(report.deadline_reached);
    // The first two started and hit the deadline; the others never started.
    EXPECT_EQ(report.results[0].status, Status::fail);
    EXPECT_EQ(report.results[1].status, Status::fail);
    EXPECT_EQ(report.results[2].status, Status::skip);
    EXPECT_EQ(report.results[3].status, Status::skip);
}

TEST(Runner, DependentIsSkippedWhenPrerequisiteFails) {
    auto db = std::make_shared<Scripted>("db", std::vector{Status::fail}, 1ms);
    auto tx = std::make_shared<Scripted>("tx", std::vector{Status::pass}, 1ms, nullptr, std::vector<std::string>{"db"});
    auto other = std::make_shared<Scripted>("other", std::vector{Status::pass}, 1ms);
    auto report = run_checks({db, tx, other}, {});
    EXPECT_EQ(report.results[0].status, Status::fail);
    EXPECT_EQ(report.results[1].status, Status::skip);
    EXPECT_NE(report.results[1].message.find("\"db\""), std::string::npos);
    EXPECT_EQ(report.results[2].status, Status::pass);
}

TEST(Runner, DependentRunsAfterWarnedPrerequisite) {
    auto db = std::make_shared<Scripted>("db", std::vector{Status::warn}, 1ms);
    auto tx = std::make_shared<Scripted>("tx", std::vector{Status::pass}, 1ms, nullptr, std::vector<std::string>{"db"});
    auto report = run_checks({tx, db}, {});
    EXPECT_EQ(report.results[0].status, Status::pass);
}

TEST(Runner, DependencyErrorsAreUsageErrors) {
    auto a = std::make_shared<Scripted>("a", std::vector{Status::pass}, 1ms, nullptr, std::vector<std::string>{"b"});
    auto b = std::make_shared<Scripted>("b", std::vector{Status::pass}, 1ms, nullptr, std::vector<std::string>{"a"});
    EXPECT_THROW(run_checks({a, b}, {}), UsageError);
    auto c = std::make_shared<Scripted>("c", std::vector{Status::pass}, 1ms, nullptr, std::vector<std::string>{"nope"});
    EXPECT_THROW(run_checks({c}, {}), UsageError);
    auto d1 = std::make_shared<Scripted>("d", std::vector{Status::pass}, 1ms);
    auto d2 = std::make_shared<Scripted>("d", std::vector{Status::pass}, 1ms);
    EXPECT_THROW(run_checks({d1, d2}, {}), UsageError);
}

TEST(Runner, ExceptionBecomesError) {
    auto report = run_checks({std::make_shared<Throws>()}, {});
    EXPECT_EQ(report.results[0].status, Status::error);
    EXPECT_NE(report.results[0].message.find("kaput"), std::string::npos);
}

TEST(Runner, UntilPassRepeatsUntilARoundPasses) {
    auto flappy = std::make_shared<Scripted>("f", std::vector{Status::fail, Status::fail, Status::pass}, 1ms);
    RunnerOptions opt;
    opt.until_pass = true;
    opt.interval = 10ms;
    opt.until_timeout = 10s;
    std::vector<int> rounds;
    opt.on_round = [&](int n, const std::vector<CheckResult>&) { rounds.push_back(n); };
    auto report = run_checks({flappy}, opt);
    EXPECT_EQ(report.rounds, 3);
    EXPECT_EQ(rounds, (std::vector<int>{1, 2, 3}));
    EXPECT_EQ(report.results[0].status, Status::pass);
}

TEST(Runner, UntilPassGivesUpAtItsTimeout) {
    auto never = std::make_shared<Scripted>("n", std::vector{Status::fail}, 1ms);
    RunnerOptions opt;
    opt.until_pass = true;
    opt.interval = 20ms;
    opt.until_timeout = 200ms;
    auto report = run_checks({never}, opt);
    EXPECT_GT(report.rounds, 1);
    EXPECT_LT(report.rounds, 20);
    EXPECT_EQ(report.results[0].status, Status::fail);
}

TEST(Runner, WithoutUntilPassOneRound) {
    auto never = std::make_shared<Scripted>("n", std::vector{Status::fail}, 1ms);
    auto report = run_checks({never}, {});
    EXPECT_EQ(report.rounds, 1);
}
