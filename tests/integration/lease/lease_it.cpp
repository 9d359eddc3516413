// The deployment lease against the throwaway PostgreSQL: the adapter
// (take, refuse, release, take-over, two takes at the same instant) and the
// commands (`window open` twice at once, a mutating command refused under
// another run's lease naming the holder, take-over with the flag, an
// unreachable store bounded by lease.timeout).
#include "core/ports/lease_store.hpp"
#include "tests/support/support.hpp"

#include <arpa/inet.h>
#include <algorithm>
#include <atomic>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace compuerta;
using namespace compuerta::test;
namespace fs = std::filesystem;

namespace {

const core::Deadline deadline() {
    return core::Deadline::after(core::Millis(10'000));
}

core::Lease lease_of(const std::string& env, const std::string& run) {
    core::Lease l;
    l.environment = env;
    l.run = run;
    l.release = "v1.2.0";
    l.host = "runner-" + run;
    l.actor = "ana";
    l.job = "9" + run;
    return l;
}

std::string db_name(const std::string& dsn) {
    std::string db = dsn.substr(dsn.find("dbname=") + 7);
    return db.substr(0, db.find(' '));
}

// The journal's events of one kind, over every file of `dir`.
std::vector<nlohmann::json> events(const fs::path& dir, const std::string& kind) {
    std::vector<nlohmann::json> out;
    if (!fs::exists(dir))
        return out;
    for (const auto& f : fs::directory_iterator(dir)) {
        if (f.path().extension() != ".jsonl")
            continue;
        std::istringstream in(read_file(f.path()));
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) {
                auto j = nlohmann::json::parse(line);
                if (j.value("event", "") == kind)
                    out.push_back(j);
            }
    }
    return out;
}

struct Clone {
    TempDir dir;
    std::string id;
    Clone(const std::string& dsn, const std::string& r, const std::string& extra = {}) : id(r) {
        write_file(dir / "compuerta.yml",
                   fmt::format("database:\n  dsn: \"{}\"\nwindow:\n  environment: production\n  "
                               "release: v{}\nmaintenance:\n  backend: file\n  flag_file: {}\n"
                               "deploy:\n  commands:\n    - 'touch {}'\n{}",
                               dsn, r, (dir / "maintenance.flag").string(),
                               (dir / "deployed").string(), extra));
    }
    test::Run cmd(const std::string& command, std::vector<std::string> args) const {
        std::vector<std::string> all{command};
        all.insert(all.end(), args.begin(), args.end());
        all.insert(all.end(), {"-c", (dir / "compuerta.yml").string(), "--journal",
                               (dir / "journal").string()});
        return test::run("compuerta", all, {{"COMPUERTA_RUN", id}, {"CI_JOB_ID", "1" + id}},
                         dir.path(), 60);
    }
};

} // namespace

TEST(LeaseStorePg, TakeRefuseReleaseOnARealCluster) {
    COMPUERTA_REQUIRE_PG();
    std::string dsn = create_test_database("lease_basic");
    auto store = core::make_libpq_lease_store({dsn, std::nullopt, "postgres"});
    EXPECT_EQ(store->scope(), db_name(dsn));
    auto a = store->take(lease_of("production", "a1"), deadline());
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_TRUE(a->taken);
    EXPECT_FALSE(a->holder.since.empty());
    auto b = store->take(lease_of("production", "b1"), deadline());
    ASSERT_TRUE(b);
    EXPECT_FALSE(b->taken);
    EXPECT_EQ(b->holder.run, "a1");
    EXPECT_EQ(b->holder.host, "runner-a1");
    // The row lives in the cluster's `postgres` database, keyed by environment and database.
    EXPECT_EQ(psql("postgres", fmt::format("SELECT run FROM compuerta_lease WHERE environment = "
                                           "'production' AND scope = '{}'",
                                           db_name(dsn))),
              "a1\n");
    auto wrong = store->release("production", "b1", deadline());
    ASSERT_TRUE(wrong);
    EXPECT_FALSE(*wrong);
    auto right = store->release("production", "a1", deadline());
    ASSERT_TRUE(right);
    EXPECT_TRUE(*right);
    auto none = store->current("production", deadline());
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->has_value());
}

TEST(LeaseStorePg, TakeOverReplacesOnlyTheLeaseItWasShown) {
    COMPUERTA_REQUIRE_PG();
    std::string dsn = create_test_database("lease_takeover");
    auto store = core::make_libpq_lease_store({dsn, std::nullopt, "postgres"});
    ASSERT_TRUE(store->take(lease_of("production", "old"), deadline()));
    psql("postgres", fmt::format("UPDATE compuerta_lease SET since = now() - interval '13 hours' "
                                 "WHERE scope = '{}'",
                                 db_name(dsn)));
    auto seen = store->current("production", deadline());
    ASSERT_TRUE(seen && seen->has_value());
    EXPECT_GE((*seen)->age_seconds, 13 * 3600 - 5);
    core::Lease shown = **seen;
    auto first = store->take_over(lease_of("production", "new"), shown, deadline());
    ASSERT_TRUE(first);
    EXPECT_TRUE(*first);
    auto second = store->take_over(lease_of("production", "third"), shown, deadline());
    ASSERT_TRUE(second);
    EXPECT_FALSE(*second) << "the lease it was shown is gone";
    auto now = store->current("production", deadline());
    ASSERT_TRUE(now && now->has_value());
    EXPECT_EQ((*now)->run, "new");
    EXPECT_LT((*now)->age_seconds, 60);
}

TEST(LeaseStorePg, EightTakesAtTheSameInstantExactlyOneWins) {
    COMPUERTA_REQUIRE_PG();
    std::string dsn = create_test_database("lease_race");
    std::atomic<int> ready{0}, taken{0}, refused{0}, failed{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&, i] {
            auto store = core::make_libpq_lease_store({dsn, std::nullopt, "postgres"});
            ++ready;
            while (ready.load() < 8)
                std::this_thread::yield();
            auto r = store->take(lease_of("race", "r" + std::to_string(i)), deadline());
            if (!r)
                ++failed;
            else if (r->taken)
                ++taken;
            else
                ++refused;
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(failed.load(), 0);
    EXPECT_EQ(taken.load(), 1);
    EXPECT_EQ(refused.load(), 7);
}

TEST(LeaseCommands, TwoWindowOpensAtTheSameInstantExactlyOneWins) {
    COMPUERTA_REQUIRE_PG();
    std::string dsn = create_test_database("lease_open_race");
    Clone a(dsn, "501"), b(dsn, "502");
    test::Run ra, rb;
    std::atomic<int> ready{0};
    std::thread ta([&] {
        ++ready;
        while (ready < 2) {
        }
        ra = a.cmd("window", {"open"});
    });
    std::thread tb([&] {
        ++ready;
        while (ready < 2) {
        }
        rb = b.cmd("window", {"open"});
    });
    ta.join();
    tb.join();
    ASSERT_EQ((ra.code == 0) + (rb.code == 0), 1) << ra.err << rb.err;
    const test::Run& lost = ra.code == 0 ? rb : ra;
    const Clone& winner = ra.code == 0 ? a : b;
    const Clone& loser = ra.code == 0 ? b : a;
    EXPECT_EQ(lost.code, 3) << lost.err;
    EXPECT_NE(lost.err.find("held by run " + winner.id), std::string::npos) << lost.err;
    EXPECT_NE(lost.err.find("since "), std::string::npos) << lost.err;
    EXPECT_EQ(events(winner.dir / "journal", "lease.take").size(), 1u);
    EXPECT_EQ(events(loser.dir / "journal", "window.open").size(), 0u)
        << "refused: no window opened";
    auto refusal = events(loser.dir / "journal", "lease.refuse");
    ASSERT_EQ(refusal.size(), 1u);
    EXPECT_EQ(refusal[0]["holder"]["run"], winner.id);
}

TEST(LeaseCommands, AMutatingCommandUnderAnotherRunsLeaseIsRefusedNamingTheHolder) {
    COMPUERTA_REQUIRE_PG();
    std::string dsn = create_test_database("lease_guard");
    Clone a(dsn, "601"), b(dsn, "602");
    // No lease held: a single command outside any window works.
    test::Run lone = b.cmd("maintenance", {"on"});
    ASSERT_EQ(lone.code, 0) << lone.out << lone.err;
    EXPECT_NE(lone.err.find("no deployment lease is held"), std::string::npos) << lone.err;
    ASSERT_EQ(b.cmd("maintenance", {"off"}).code, 0);

    test::Run open = a.cmd("window", {"open"});
    ASSERT_EQ(open.code, 0) << open.out << open.err;
    EXPECT_NE(open.out.find("deployment lease of production taken by run 601"),
              std::string::npos)
        << open.out;
    EXPECT_EQ(open.err.find("NOTICE"), std::string::npos) << "the server's notices are not printed: " << open.err;
    test::Run refused = b.cmd("maintenance", {"on"});
    EXPECT_EQ(refused.code, 3) << refused.out << refused.err;
    EXPECT_NE(refused.err.find("maintenance on refused (plan item 2)"), std::string::npos)
        << refused.err;
    EXPECT_NE(refused.err.find("held by run 601 (release v601, host "), std::string::npos)
        << refused.err;
    EXPECT_NE(refused.err.find("nothing was changed"), std::string::npos) << refused.err;
    EXPECT_FALSE(fs::exists(b.dir / "maintenance.flag")) << "refused before any change";
    test::Run deploy = b.cmd("deploy", {"--tag", "v602"});
    EXPECT_EQ(deploy.code, 3) << deploy.out << deploy.err;
    EXPECT_NE(deploy.err.find("deploy refused (plan item 4)"), std::string::npos) << deploy.err;
    EXPECT_NE(deploy.err.find("held by run 601"), std::string::npos) << deploy.err;
    EXPECT_FALSE(fs::exists(b.dir / "deployed")) << "the deploy command never ran";
    auto refusal = events(b.dir / "journal", "lease.refuse");
    ASSERT_EQ(refusal.size(), 2u);
    std::sort(refusal.begin(), refusal.end(),
              [](const auto& x, const auto& y) { return x["item"] < y["item"]; });
    EXPECT_EQ(refusal[0]["item"], "2");
    EXPECT_EQ(refusal[0]["refused"], "maintenance on");
    EXPECT_EQ(refusal[0]["status"], "error");
    EXPECT_EQ(refusal[0]["holder"]["run"], "601");
    EXPECT_EQ(refusal[1]["item"], "4");
    EXPECT_EQ(refusal[1]["refused"], "deploy");
    // The holder's own run goes on.
    test::Run mine = a.cmd("maintenance", {"on"});
    EXPECT_EQ(mine.code, 0) << mine.err;
    EXPECT_TRUE(fs::exists(a.dir / "maintenance.flag"));
    ASSERT_EQ(a.cmd("maintenance", {"off"}).code, 0);
    // window close releases it; the other run may open now.
    test::Run close = a.cmd("window", {"close"});
    ASSERT_EQ(close.code, 0) << close.err;
    EXPECT_EQ(events(a.dir / "journal", "lease.release").size(), 1u);
    test::Run next = b.cmd("window", {"open"});
    EXPECT_EQ(next.code, 0) << next.err;
}

TEST(LeaseCommands, AStaleLeaseIsTakenOverOnlyWithTheFlagAndJournaled) {
    COMPUERTA_REQUIRE_PG();
    std::string dsn = create_test_database("lease_stale");
    Clone a(dsn, "701", "lease:\n  max_age: 1h\n"), b(dsn, "702", "lease:\n  max_age: 1h\n");
    ASSERT_EQ(a.cmd("window", {"open"}).code, 0);
    psql("postgres", fmt::format("UPDATE compuerta_lease SET since = now() - interval '2 hours' "
                                 "WHERE scope = '{}'",
                                 db_name(dsn)));
    test::Run plain = b.cmd("window", {"open"});
    EXPECT_EQ(plain.code, 3);
    EXPECT_NE(plain.err.find("--take-over"), std::string::npos) << plain.err;
    test::Run over = b.cmd("window", {"open", "--take-over"});
    ASSERT_EQ(over.code, 0) << over.err;
    auto t = events(b.dir / "journal", "lease.takeover");
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0]["from"]["run"], "701");
    EXPECT_EQ(t[0]["lease"]["run"], "702");
    // The old run is refused now.
    test::Run late = a.cmd("maintenance", {"on"});
    EXPECT_EQ(late.code, 3);
    EXPECT_NE(late.err.find("held by run 702"), std::string::npos) << late.err;
}

TEST(LeaseCommands, AnUnreachableStoreStopsWindowOpenButNotAStepOfARun) {
    COMPUERTA_REQUIRE_PG();
    // Port 1 on loopback: refused at once; lease.timeout bounds a silent one.
    Clone a("host=127.0.0.1 port=1 dbname=sep user=x connect_timeout=2", "801",
            "lease:\n  timeout: 3s\n");
    test::Run open = a.cmd("window", {"open"});
    EXPECT_EQ(open.code, 3) << open.err;
    EXPECT_NE(open.err.find("cannot take the deployment lease"), std::string::npos) << open.err;
    EXPECT_EQ(events(a.dir / "journal", "window.open").size(), 0u);
    test::Run step = a.cmd("maintenance", {"on"});
    EXPECT_EQ(step.code, 0) << step.err;
    EXPECT_NE(step.err.find("cannot read the deployment lease"), std::string::npos) << step.err;
}

TEST(LeaseCommands, TheRollbackKeepsTheLeaseWhileAnApprovalIsPendingAndReleasesItAtItsEnd) {
    COMPUERTA_REQUIRE_PG();
    std::string dsn = create_test_database("lease_rollback");
    Clone a(dsn, "901"), b(dsn, "902");
    ASSERT_EQ(a.cmd("window", {"open"}).code, 0);
    // This run deployed and its RENAPO check (6.2, approval by default) failed.
    write_file(
        a.dir / "journal" / "901-1-1.jsonl",
        "{\"ts\":\"2030-01-01T00:00:01Z\",\"run\":\"901\",\"job\":\"1\",\"event\":\"deploy.start\","
        "\"item\":\"4\",\"status\":\"started\",\"release\":\"v901\",\"previous_release\":\"v900\"}"
        "\n"
        "{\"ts\":\"2030-01-01T00:00:02Z\",\"run\":\"901\",\"job\":\"1\",\"event\":\"deploy.done\","
        "\"item\":\"5\",\"status\":\"ok\",\"release\":\"v901\",\"previous_release\":\"v900\"}\n"
        "{\"ts\":\"2030-01-01T00:00:03Z\",\"run\":\"901\",\"job\":\"1\",\"event\":\"check\","
        "\"command\":\"smoke\",\"check\":\"renapo\",\"item\":\"6.2\",\"status\":\"fail\","
        "\"summary\":\"6.2 RENAPO\"}\n");
    test::Run pending = a.cmd("rollback", {});
    ASSERT_EQ(pending.code, 4) << pending.out << pending.err;
    EXPECT_EQ(events(a.dir / "journal", "lease.release").size(), 0u);
    EXPECT_EQ(b.cmd("window", {"open"}).code, 3)
        << "the run waiting for its approval keeps the lease";
    // The run's end (here: approved, but nothing it can restore) ...
    write_file(a.dir / "journal" / "901-2-1.jsonl",
               "{\"ts\":\"2030-01-01T00:00:04Z\",\"run\":\"901\",\"job\":\"2\",\"event\":"
               "\"rollback.done\","
               "\"item\":\"R1\",\"status\":\"ok\",\"exit_code\":0}\n");
    test::Run done = a.cmd("rollback", {});
    ASSERT_EQ(done.code, 0) << done.out << done.err;
    auto released = events(a.dir / "journal", "lease.release");
    ASSERT_EQ(released.size(), 1u) << done.out << done.err;
    EXPECT_EQ(released[0]["reason"], "rollback.done");
    EXPECT_EQ(b.cmd("window", {"open"}).code, 0);
}

TEST(LeaseCommands, AStoreThatNeverAnswersIsBoundedByTheLeaseTimeout) {
    COMPUERTA_REQUIRE_PG();
    // A listening socket nobody accepts on: the handshake completes in the
    // kernel, PostgreSQL's startup answer never comes.
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ASSERT_EQ(::listen(fd, 8), 0);
    socklen_t len = sizeof addr;
    ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
    std::string dsn = fmt::format("host=127.0.0.1 port={} dbname=sep user=x sslmode=disable",
                                  ntohs(addr.sin_port));
    Clone a(dsn, "951", "lease:\n  timeout: 2s\n");
    test::Run open = a.cmd("window", {"open"}); // killed (code -9) if it hung past 60 s
    ::close(fd);
    EXPECT_EQ(open.code, 3) << open.err;
    EXPECT_NE(open.err.find("timed out"), std::string::npos) << open.err;
    EXPECT_NE(open.err.find("lease.timeout 2000 ms"), std::string::npos) << open.err;
    EXPECT_EQ(events(a.dir / "journal", "window.open").size(), 0u);
}
