// Issue 18 (plan item 6.3): a transaction check survives kills and slow
// servers. A cleanup is done only when confirmed, a leftover never fails a
// good release, an interruption never passes, the replay is visible, and no
// ledger temp file outlives its writer. Fakes only; the real application is
// in tests/e2e/smoke_tx_logs/.
#include "smoke/sim/faults.hpp"
#include "smoke/transaction/cleanups.hpp"
#include "smoke/transaction/executor.hpp"
#include "tests/support/support.hpp"

#include <csignal>
#include <fstream>
#include <functional>
#include <gtest/gtest.h>
#include <map>
#include <sys/wait.h>
#include <unistd.h>

using namespace compuerta;
using namespace compuerta::smoke::transaction;
using compuerta::test::TempDir;

namespace {

// These scenarios have no SQL step: a connection is refused.
struct NoSql final : core::Db {
    core::Result<std::unique_ptr<core::DbSession>, core::PgFailure>
    connect(const std::string&, const std::string&, const core::Deadline&) override {
        return core::PgFailure{core::PgPhase::connect, false, "no SQL in these tests"};
    }
    std::string with_database(const std::string& dsn, const std::string&) const override {
        return dsn;
    }
    std::optional<std::string> database_in(const std::string&) const override {
        return std::nullopt;
    }
    std::map<std::string, std::string> to_env(const std::string&) const override { return {}; }
};

struct KillsHttp final : core::Http {
    std::vector<std::string> log; // "METHOD URL"
    std::function<long(const core::HttpRequest&)> answer;
    core::Result<core::HttpResponse, core::HttpFailure> send(const core::HttpRequest& r,
                                                             const core::Deadline&) override {
        log.push_back(r.method + " " + r.url);
        core::HttpResponse resp;
        resp.status = answer(r);
        resp.body = R"({"id": 7, "estado": "baja"})";
        return resp;
    }
    std::size_t count(const std::string& line) const {
        return std::count(log.begin(), log.end(), line);
    }
    std::size_t index(const std::string& line, std::size_t from = 0) const {
        for (std::size_t i = from; i < log.size(); ++i)
            if (log[i] == line)
                return i;
        return log.size();
    }
};

const char* k_scenario = R"(
name: Inscripción y baja
vars: {curp: XEXX010101HNEXXXA4}
pool: {curp: "XEXX010101HNEXXXA4, XEXX010101HNEXXXB2"}
steps:
  - name: Inscripción
    request: {method: POST, path: /api/inscripciones, json: {curp: "{{curp}}"}}
    expect: {status: 201}
    capture: {id: {json: /id}}
    cleanup: {method: DELETE, path: "/api/pruebas/alumnos/{{curp}}", status: [204, 404]}
  - name: Baja
    request: {method: POST, path: "/api/inscripciones/{{id}}/baja"}
    expect: {status: 200}
)";

const std::string k_del_a = "DELETE http://app/api/pruebas/alumnos/XEXX010101HNEXXXA4";
const std::string k_del_b = "DELETE http://app/api/pruebas/alumnos/XEXX010101HNEXXXB2";

ExecutorOptions kills_opts(const TempDir& d) {
    ExecutorOptions o;
    o.check_id = "tx";
    o.base_url = "http://app";
    o.ledger = d / "ledger" / "tx.json";
    return o;
}

// The ledger a run killed while its inscripción of A4 was in flight leaves,
// that request's deadline `window` from now.
void killed_during_post(const ExecutorOptions& o, core::Millis window) {
    Ledger l;
    l.check = "tx";
    l.pid = 4242;
    l.started = "2026-11-29T09:00:00.000Z";
    l.current_step = "Inscripción";
    LedgerEntry e;
    e.step = "Inscripción";
    e.request.method = "DELETE";
    e.request.url = "http://app/api/pruebas/alumnos/XEXX010101HNEXXXA4";
    e.ok_status = {204, 404};
    e.identity = {{"curp", "XEXX010101HNEXXXA4"}};
    e.waits_for = "POST http://app/api/inscripciones";
    e.waits_until_ms = epoch_ms_now() + window.count();
    l.entries.push_back(e);
    LedgerFile(o.ledger).save(l);
}

std::string evidence(const core::Outcome& o, const std::string& key) {
    for (const auto& [k, v] : o.evidence)
        if (k == key)
            return v;
    return "(none)";
}

Scenario scenario(const char* text = k_scenario) {
    core::MapEnv env;
    return parse_scenario(text, "s.yml", env);
}

} // namespace

// Issue 18, item 1 and 2: the killed run's POST commits after the next
// run's replayed DELETE found nothing.
TEST(TransactionKills,
     TheInFlightPostCommittingAfterTheReplayedDeleteIsCleanedOnceItsDeadlinePassed) {
    TempDir d;
    auto o = kills_opts(d);
    killed_during_post(o, core::Millis(1500));
    int deletes_of_a = 0;
    bool a_committed = false;
    std::optional<Ledger> ledger_during_own_post;
    KillsHttp http;
    http.answer = [&](const core::HttpRequest& r) -> long {
        std::string line = r.method + " " + r.url;
        if (line == k_del_a) {
            // The killed run's POST commits just after the second DELETE
            // (both found nothing); only a DELETE after its deadline finds it.
            bool found = a_committed;
            a_committed = ++deletes_of_a == 2;
            return found ? 204 : 404;
        }
        if (r.url.ends_with("/api/inscripciones")) {
            ledger_during_own_post = LedgerFile(o.ledger).load();
            return r.body.find("XEXX010101HNEXXXB2") != std::string::npos ? 201 : 409;
        }
        if (r.url.ends_with("/baja"))
            return 200;
        return 204;
    };
    NoSql sql;
    auto out = execute(scenario(), o, sql, http, core::Deadline::after(core::Millis(10'000)));

    EXPECT_EQ(out.status, core::Status::pass) << out.message;
    EXPECT_FALSE(a_committed) << "the late inscripción of A4 was deleted";
    EXPECT_EQ(deletes_of_a, 3) << "replay, after this run's steps, after the deadline";
    EXPECT_GT(http.index(k_del_a, 1), http.index(k_del_b))
        << "confirmed after this run's own steps";
    ASSERT_TRUE(ledger_during_own_post);
    ASSERT_EQ(ledger_during_own_post->entries.size(), 2u) << "the 404 kept the earlier entry";
    EXPECT_EQ(ledger_during_own_post->entries[0].waits_for, "POST http://app/api/inscripciones");
    EXPECT_EQ(evidence(out, "identity.curp"), "XEXX010101HNEXXXB2")
        << "a fresh identity, not the held one";
    EXPECT_NE(evidence(out, "confirm_wait_ms"), "(none)");
    EXPECT_NE(out.message.find("replayed from an earlier run (pid 4242"), std::string::npos)
        << out.message;
    EXPECT_NE(out.message.find("1 cleanup done (\"Inscripción\")"), std::string::npos)
        << out.message;
    EXPECT_FALSE(std::filesystem::exists(o.ledger));
}

TEST(TransactionKills, NothingFoundOutsideTheWindowConfirmsAtOnce) {
    TempDir d;
    auto o = kills_opts(d);
    killed_during_post(o, core::Millis(-1000)); // the killed request's deadline has passed
    KillsHttp http;
    http.answer = [&](const core::HttpRequest& r) -> long {
        if (r.method == "DELETE")
            return 404;
        return r.url.ends_with("/baja") ? 200 : 201;
    };
    NoSql sql;
    auto out = execute(scenario(), o, sql, http, core::Deadline::after(core::Millis(10'000)));
    EXPECT_EQ(out.status, core::Status::pass) << out.message;
    ASSERT_FALSE(http.log.empty());
    EXPECT_EQ(http.log.front(), k_del_a);
    EXPECT_EQ(http.count(k_del_a), 2u) << "the replay, then this run's own cleanup";
    EXPECT_EQ(evidence(out, "identity.curp"), "XEXX010101HNEXXXA4") << "no longer held";
    EXPECT_EQ(evidence(out, "replayed_done"), "1");
    EXPECT_EQ(evidence(out, "confirm_wait_ms"), "(none)");
}

TEST(TransactionKills, AWindowPastTheDeadlineKeepsTheEntryAndWarns) {
    TempDir d;
    auto o = kills_opts(d);
    killed_during_post(o, core::Millis(60'000));
    KillsHttp http;
    http.answer = [&](const core::HttpRequest& r) -> long {
        if (r.method == "DELETE")
            return r.url.ends_with("A4") ? 404 : 204;
        return r.url.ends_with("/baja") ? 200 : 201;
    };
    NoSql sql;
    auto out = execute(scenario(), o, sql, http, core::Deadline::after(core::Millis(3'000)));
    EXPECT_EQ(out.status, core::Status::warn) << out.message;
    EXPECT_NE(
        out.message.find("found nothing while POST http://app/api/inscripciones may still commit"),
        std::string::npos)
        << out.message;
    auto kept = LedgerFile(o.ledger).load();
    ASSERT_TRUE(kept);
    ASSERT_EQ(kept->entries.size(), 1u);
    EXPECT_EQ(kept->entries[0].request.url, "http://app/api/pruebas/alumnos/XEXX010101HNEXXXA4");
    EXPECT_EQ(kept->entries[0].waits_for, "POST http://app/api/inscripciones");
    EXPECT_EQ(kept->entries[0].origin_pid, 4242);
}

// Issue 18, item 1: one test identity only; the leftover makes the POST 409.
TEST(TransactionKills, AConflictWithAKnownLeftoverIsClearedThenRetriedOnce) {
    TempDir d;
    auto o = kills_opts(d);
    killed_during_post(o, core::Millis(300));
    bool leftover = false;
    int posts = 0;
    KillsHttp http;
    http.answer = [&](const core::HttpRequest& r) -> long {
        if (r.method == "DELETE") {
            if (!leftover) {
                leftover = true; // the killed POST commits right after the replayed DELETE
                return 404;
            }
            leftover = false;
            return 204;
        }
        if (r.url.ends_with("/api/inscripciones")) {
            ++posts;
            return leftover ? 409 : 201;
        }
        return 200;
    };
    NoSql sql;
    auto sc = scenario();
    sc.pools.clear(); // a single test CURP
    auto out = execute(sc, o, sql, http, core::Deadline::after(core::Millis(10'000)));
    EXPECT_EQ(out.status, core::Status::pass) << out.message;
    EXPECT_EQ(posts, 2);
    EXPECT_EQ(evidence(out, "conflict_retried"), "Inscripción");
    EXPECT_NE(out.message.find("answered 409 for an earlier run's leftover"), std::string::npos)
        << out.message;
    EXPECT_FALSE(std::filesystem::exists(o.ledger));
}

TEST(TransactionKills, A409WithoutAKnownLeftoverIsAFailure) {
    TempDir d;
    auto o = kills_opts(d);
    KillsHttp http;
    http.answer = [&](const core::HttpRequest& r) -> long {
        return r.method == "DELETE" ? 404 : 409;
    };
    NoSql sql;
    auto out = execute(scenario(), o, sql, http, core::Deadline::after(core::Millis(10'000)));
    EXPECT_EQ(out.status, core::Status::fail) << out.message;
    EXPECT_EQ(http.count("POST http://app/api/inscripciones"), 1u);
}

// Issue 18, item 3: a signal during the last step or the final cleanup.
TEST(TransactionKills, ASignalDuringTheLastStepEndsInterruptedAfterTheCleanup) {
    for (int sig : {SIGTERM, SIGINT}) {
        TempDir d;
        KillsHttp http;
        http.answer = [&](const core::HttpRequest& r) -> long {
            if (r.url.ends_with("/baja"))
                std::raise(sig);
            return r.method == "DELETE" ? 204 : r.url.ends_with("/baja") ? 200 : 201;
        };
        NoSql sql;
        auto out =
            execute(scenario(), kills_opts(d), sql, http, core::Deadline::after(core::Millis(10'000)));
        EXPECT_EQ(out.status, core::Status::error) << out.message;
        EXPECT_NE(out.message.find("interrupted by SIG"), std::string::npos) << out.message;
        EXPECT_NE(out.message.find("after the last step (\"Baja\")"), std::string::npos)
            << out.message;
        EXPECT_EQ(http.log.back(), k_del_a) << "the cleanup ran";
        EXPECT_EQ(evidence(out, "steps"), "2/2");
    }
}

TEST(TransactionKills, ASignalDuringTheFinalCleanupEndsInterrupted) {
    TempDir d;
    KillsHttp http;
    http.answer = [&](const core::HttpRequest& r) -> long {
        if (r.method == "DELETE") {
            std::raise(SIGTERM);
            return 204;
        }
        return r.url.ends_with("/baja") ? 200 : 201;
    };
    NoSql sql;
    auto o = kills_opts(d);
    auto out = execute(scenario(), o, sql, http, core::Deadline::after(core::Millis(10'000)));
    EXPECT_EQ(out.status, core::Status::error) << out.message;
    EXPECT_NE(out.message.find("interrupted by SIGTERM"), std::string::npos) << out.message;
    EXPECT_FALSE(std::filesystem::exists(o.ledger));
}

TEST(TransactionKills, TheCleanupKillHookRaisesAfterTheFinalCleanups) {
    TempDir d;
    KillsHttp http;
    http.answer = [&](const core::HttpRequest& r) -> long {
        return r.method == "DELETE" ? 204 : r.url.ends_with("/baja") ? 200 : 201;
    };
    NoSql sql;
    auto o = kills_opts(d);
    o.kill_after_step = -1;
    o.kill_signal = SIGINT;
    auto out = execute(scenario(), o, sql, http, core::Deadline::after(core::Millis(10'000)));
    EXPECT_EQ(out.status, core::Status::error) << out.message;
    EXPECT_NE(out.message.find("interrupted by SIGINT"), std::string::npos) << out.message;
}

// Issue 18, item 5: a save killed between its temp file and the rename.
TEST(TransactionKills, AStaleTempFileOfADeadWriterIsRemovedAndALiveOnesIsKept) {
    TempDir d;
    auto o = kills_opts(d);
    std::filesystem::create_directories(o.ledger.parent_path());
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    ASSERT_GT(child, 0);
    int st = 0;
    waitpid(child, &st, 0);
    auto dead = o.ledger.string() + ".tmp" + std::to_string(child);
    auto live = o.ledger.string() + ".tmp" + std::to_string(getppid());
    auto other = o.ledger.parent_path() / "otra.json.tmp1";
    for (const auto& p : {dead, live, other.string()})
        std::ofstream(p) << "{\"entries\": [\n";
    KillsHttp http;
    http.answer = [&](const core::HttpRequest& r) -> long {
        return r.method == "DELETE" ? 204 : r.url.ends_with("/baja") ? 200 : 201;
    };
    NoSql sql;
    auto out = execute(scenario(), o, sql, http, core::Deadline::after(core::Millis(10'000)));
    EXPECT_EQ(out.status, core::Status::pass) << out.message;
    EXPECT_FALSE(std::filesystem::exists(dead));
    EXPECT_TRUE(std::filesystem::exists(live)) << "its writer may still rename it";
    EXPECT_TRUE(std::filesystem::exists(other)) << "another check's file";
    EXPECT_EQ(evidence(out, "stale_temp_files_removed"), "1");
}

TEST(TransactionKills, APoolIsParsedFromCommasOrSpaces) {
    auto sc = scenario();
    ASSERT_EQ(sc.pools.count("curp"), 1u);
    EXPECT_EQ(sc.pools["curp"],
              (std::vector<std::string>{"XEXX010101HNEXXXA4", "XEXX010101HNEXXXB2"}));
}

TEST(TransactionKills, TheSimulatorTakesARandomDelayRange) {
    smoke::sim::Faults f;
    EXPECT_FALSE(f.merge("delay=100ms-300ms"));
    for (int i = 0; i < 50; ++i) {
        auto d = f.pick_delay();
        EXPECT_GE(d.count(), 100);
        EXPECT_LE(d.count(), 300);
    }
    EXPECT_TRUE(f.merge("delay=2s-1s"));
    smoke::sim::Faults fixed;
    EXPECT_FALSE(fixed.merge("delay=250ms"));
    EXPECT_EQ(fixed.pick_delay().count(), 250);
}
