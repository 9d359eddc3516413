#include "smoke/transaction/executor.hpp"
#include "tests/support/support.hpp"

#include <csignal>
#include <functional>
#include <gtest/gtest.h>
#include <map>

using namespace compuerta;
using namespace compuerta::smoke::transaction;
using compuerta::test::TempDir;

namespace {

// Sessions that log what they are asked ("BEGIN", each statement with its
// parameters, "ROLLBACK") and answer statements with `answer`; a statement
// naming FALLA fails as the server would, one naming TARDA is cancelled at
// its deadline (SQLSTATE 57014); `refuse` refuses the connection.
struct FakeDb final : core::Db {
    std::vector<std::string> log;
    std::function<core::SqlRows(const std::string&, const std::vector<std::string>&)> answer;
    bool refuse = false;

    struct Session final : core::DbSession {
        FakeDb& owner;
        explicit Session(FakeDb& o) : owner(o) {}
        void exec(const std::string& sql) override { owner.log.push_back(sql); }
        std::vector<core::DbRow> query(const std::string& sql,
                                       const std::vector<std::string>& p) override {
            return statement(sql, p, core::Deadline::never()).rows;
        }
        core::SqlRows statement(const std::string& sql, const std::vector<std::string>& p,
                                const core::Deadline&) override {
            std::string line = sql;
            for (const auto& v : p)
                line += " [" + v + "]";
            owner.log.push_back(line);
            if (sql.find("FALLA") != std::string::npos)
                throw core::DbError("ERROR: relation \"falla\" does not exist", "42P01");
            if (sql.find("TARDA") != std::string::npos)
                throw core::DbError("ERROR: canceling statement due to statement timeout", "57014");
            return owner.answer(sql, p);
        }
        std::string database() const override { return "sep"; }
        std::string server_version() const override { return "15.0"; }
    };
    core::Result<std::unique_ptr<core::DbSession>, core::PgFailure>
    connect(const std::string&, const std::string&, const core::Deadline&) override {
        if (refuse)
            return core::PgFailure{core::PgPhase::connect, false, "connection refused"};
        return std::unique_ptr<core::DbSession>(std::make_unique<Session>(*this));
    }
    std::string with_database(const std::string& dsn, const std::string&) const override {
        return dsn;
    }
    std::optional<std::string> database_in(const std::string&) const override {
        return std::nullopt;
    }
    std::map<std::string, std::string> to_env(const std::string&) const override { return {}; }
};

struct FakeHttp final : core::Http {
    std::vector<std::string> log; // "METHOD URL body"
    std::function<core::HttpResponse(const core::HttpRequest&)> answer;
    std::function<void()> during; // runs inside send (e.g. inspect the ledger)
    core::Result<core::HttpResponse, core::HttpFailure> send(const core::HttpRequest& r,
                                                             const core::Deadline&) override {
        log.push_back(r.method + " " + r.url + (r.body.empty() ? "" : " " + r.body));
        if (during)
            during();
        return answer(r);
    }
};

core::HttpResponse resp(long status, std::string body = "{}") {
    core::HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers = {{"location", "/api/inscripciones/42"}};
    return r;
}

ExecutorOptions opts(const TempDir& d) {
    ExecutorOptions o;
    o.check_id = "tx";
    o.base_url = "http://app";
    o.ledger = d / "ledger" / "tx.json";
    return o;
}

const char* k_http_scenario = R"(
name: Inscripción y baja
vars: {curp: XEXX010101HNEXXXA4}
steps:
  - name: inscribir
    request: {method: POST, path: /api/inscripciones, json: {curp: "{{curp}}"}}
    expect: {status: 201}
    capture: {id: {json: /id}, loc: {header: location}}
    cleanup: {method: DELETE, path: "/api/pruebas/alumnos/{{curp}}"}
  - name: baja
    request: {method: POST, path: "/api/inscripciones/{{id}}/baja", json: {motivo: otro}}
    expect: {status: 200, json: {/estado: baja}}
)";

} // namespace

TEST(Executor, SqlStepsShareOneTransactionThatIsRolledBack) {
    TempDir d;
    core::MapEnv env;
    auto sc = parse_scenario(R"(
name: SQL
steps:
  - {name: alta, sql: "INSERT INTO alumnos VALUES ($1) RETURNING id", params: ["X"], capture: {aid: id}, expect: {rows: 1}}
  - {name: inscripción, sql: "INSERT INTO inscripciones VALUES ($1) RETURNING estado", params: ["{{aid}}"], expect: {row: {estado: activa}}}
)",
                             "s.yml", env);
    FakeDb sql;
    sql.answer = [](const std::string& s, const std::vector<std::string>&) {
        core::SqlRows r;
        if (s.find("alumnos") != std::string::npos)
            r = {{"id"}, {{std::string("17")}}, 1};
        else
            r = {{"estado"}, {{std::string("activa")}}, 1};
        return r;
    };
    FakeHttp http;
    auto o = execute(sc, opts(d), sql, http, core::Deadline::after(core::Millis(5000)));
    EXPECT_EQ(o.status, core::Status::pass) << o.message;
    ASSERT_EQ(sql.log.size(), 4u);
    EXPECT_EQ(sql.log[0], "BEGIN");
    EXPECT_EQ(sql.log[2], "INSERT INTO inscripciones VALUES ($1) RETURNING estado [17]");
    EXPECT_EQ(sql.log[3], "ROLLBACK");
    EXPECT_NE(o.message.find("rolled back"), std::string::npos);
}

TEST(Executor, FailedSqlStepStillRollsBackAndNamesTheStep) {
    TempDir d;
    core::MapEnv env;
    auto sc = parse_scenario(
        "name: SQL\nsteps:\n  - {name: uno, sql: SELECT 1}\n  - {name: dos, sql: SELECT FALLA}\n",
        "s.yml", env);
    FakeDb sql;
    sql.answer = [](const std::string&, const std::vector<std::string>&) {
        return core::SqlRows{{"x"}, {{"1"}}, 0};
    };
    FakeHttp http;
    auto o = execute(sc, opts(d), sql, http, core::Deadline::after(core::Millis(5000)));
    EXPECT_EQ(o.status, core::Status::fail);
    EXPECT_NE(o.message.find("step 2 \"dos\" (s.yml:4:"), std::string::npos) << o.message;
    EXPECT_EQ(sql.log.back(), "ROLLBACK");
}

TEST(Executor, AStatementTheServerCancelledAtTheDeadlineIsATimeout) {
    TempDir d;
    core::MapEnv env;
    auto sc =
        parse_scenario("name: SQL\nsteps:\n  - {name: lenta, sql: SELECT TARDA}\n", "s.yml", env);
    FakeDb sql;
    FakeHttp http;
    auto o = execute(sc, opts(d), sql, http, core::Deadline::after(core::Millis(5000)));
    EXPECT_EQ(o.status, core::Status::fail);
    EXPECT_NE(o.message.find("SQL failed (timeout): ERROR: canceling statement"), std::string::npos)
        << o.message;
    EXPECT_EQ(sql.log, (std::vector<std::string>{"BEGIN", "SELECT TARDA", "ROLLBACK"}));
}

TEST(Executor, ARefusedConnectionNamesItsPhaseAndRunsNoStatement) {
    TempDir d;
    core::MapEnv env;
    auto sc = parse_scenario("name: SQL\nsteps:\n  - {name: uno, sql: SELECT 1}\n", "s.yml", env);
    FakeDb sql;
    sql.refuse = true;
    FakeHttp http;
    auto o = execute(sc, opts(d), sql, http, core::Deadline::after(core::Millis(5000)));
    EXPECT_EQ(o.status, core::Status::fail);
    EXPECT_NE(o.message.find("cannot open the database transaction (TCP connect)"),
              std::string::npos)
        << o.message;
    EXPECT_TRUE(sql.log.empty());
}

TEST(Executor, HttpCapturesFeedLaterStepsAndCleanupRunsAfterAFailure) {
    TempDir d;
    core::MapEnv env;
    auto sc = parse_scenario(k_http_scenario, "s.yml", env);
    FakeDb sql;
    FakeHttp http;
    bool ledger_seen_before_post = false;
    auto o_ = opts(d);
    http.during = [&] {
        if (http.log.size() == 1)
            ledger_seen_before_post = std::filesystem::exists(o_.ledger);
    };
    http.answer = [](const core::HttpRequest& r) {
        if (r.url.ends_with("/api/inscripciones"))
            return resp(201, R"({"id": 42, "estado": "activa"})");
        if (r.url.ends_with("/baja"))
            return resp(500, R"({"error": "falla"})");
        return resp(204, "");
    };
    auto o = execute(sc, o_, sql, http, core::Deadline::after(core::Millis(5000)));
    EXPECT_EQ(o.status, core::Status::fail);
    EXPECT_NE(o.message.find("status 500"), std::string::npos) << o.message;
    EXPECT_NE(o.message.find("cleanups ran"), std::string::npos) << o.message;
    ASSERT_EQ(http.log.size(), 3u);
    EXPECT_EQ(http.log[1], "POST http://app/api/inscripciones/42/baja {\"motivo\":\"otro\"}");
    EXPECT_EQ(http.log[2], "DELETE http://app/api/pruebas/alumnos/XEXX010101HNEXXXA4");
    EXPECT_TRUE(ledger_seen_before_post);
    EXPECT_FALSE(std::filesystem::exists(o_.ledger)) << "a finished run removes its ledger";
    EXPECT_TRUE(sql.log.empty());
}

TEST(Executor, AnUnfinishedLedgerIsReplayedFirst) {
    TempDir d;
    core::MapEnv env;
    auto sc = parse_scenario(k_http_scenario, "s.yml", env);
    auto o_ = opts(d);
    Ledger l;
    l.check = "tx";
    l.pid = 1234;
    LedgerEntry e;
    e.step = "inscribir";
    e.request.method = "DELETE";
    e.request.url = "http://app/api/pruebas/alumnos/VIEJA";
    e.ok_status = {204, 404};
    l.entries.push_back(e);
    LedgerFile(o_.ledger).save(l);

    FakeDb sql;
    FakeHttp http;
    http.answer = [](const core::HttpRequest& r) {
        if (r.url.ends_with("/api/inscripciones"))
            return resp(201, R"({"id": 7})");
        if (r.url.ends_with("/baja"))
            return resp(200, R"({"estado": "baja"})");
        return resp(204, "");
    };
    auto o = execute(sc, o_, sql, http, core::Deadline::after(core::Millis(5000)));
    EXPECT_EQ(o.status, core::Status::pass) << o.message;
    ASSERT_GE(http.log.size(), 4u);
    EXPECT_EQ(http.log[0], "DELETE http://app/api/pruebas/alumnos/VIEJA");
    EXPECT_FALSE(std::filesystem::exists(o_.ledger));
}

TEST(Executor, AFailedReplayKeepsTheLedgerAndRunsNothing) {
    TempDir d;
    core::MapEnv env;
    auto sc = parse_scenario(k_http_scenario, "s.yml", env);
    auto o_ = opts(d);
    Ledger l;
    LedgerEntry e;
    e.step = "inscribir";
    e.request.method = "DELETE";
    e.request.url = "http://app/x";
    e.ok_status = {204};
    l.entries.push_back(e);
    LedgerFile(o_.ledger).save(l);
    FakeDb sql;
    FakeHttp http;
    http.answer = [](const core::HttpRequest&) { return resp(503, ""); };
    auto o = execute(sc, o_, sql, http, core::Deadline::after(core::Millis(5000)));
    EXPECT_EQ(o.status, core::Status::fail);
    EXPECT_NE(o.message.find("left test data behind"), std::string::npos) << o.message;
    EXPECT_EQ(http.log.size(), 1u);
    EXPECT_TRUE(std::filesystem::exists(o_.ledger));
}

TEST(Executor, ACleanupThatNeedsACaptureIsResolvedAfterTheStep) {
    TempDir d;
    core::MapEnv env;
    auto sc = parse_scenario(R"(
name: x
steps:
  - name: crear
    request: {method: POST, path: /api/cosas}
    capture: {id: {json: /id}}
    cleanup: {method: DELETE, path: "/api/cosas/{{id}}"}
  - name: ver
    request: {path: "/api/cosas/{{id}}"}
)",
                             "s.yml", env);
    auto o_ = opts(d);
    FakeDb sql;
    FakeHttp http;
    std::vector<std::string> missing_seen;
    http.during = [&] {
        auto l = LedgerFile(o_.ledger).load();
        missing_seen.push_back(l && !l->entries.empty()
                                   ? (l->entries[0].missing.empty() ? "resolved" : "missing")
                                   : "none");
    };
    http.answer = [](const core::HttpRequest&) { return resp(200, R"({"id": "abc"})"); };
    auto o = execute(sc, o_, sql, http, core::Deadline::after(core::Millis(5000)));
    EXPECT_EQ(o.status, core::Status::pass) << o.message;
    ASSERT_EQ(missing_seen.size(), 3u);
    EXPECT_EQ(missing_seen[0], "missing");
    EXPECT_EQ(missing_seen[1], "resolved");
    EXPECT_EQ(http.log.back(), "DELETE http://app/api/cosas/abc");
}

TEST(Executor, SigtermStopsAfterTheCurrentStepAndCleansUp) {
    TempDir d;
    core::MapEnv env;
    auto sc = parse_scenario(k_http_scenario, "s.yml", env);
    FakeDb sql;
    FakeHttp http;
    http.answer = [](const core::HttpRequest& r) {
        if (r.url.ends_with("/api/inscripciones")) {
            std::raise(SIGTERM); // handled: the guard is installed during execute()
            return resp(201, R"({"id": 42})");
        }
        return resp(204, "");
    };
    auto o = execute(sc, opts(d), sql, http, core::Deadline::after(core::Millis(5000)));
    EXPECT_EQ(o.status, core::Status::error)
        << "a cancelled run is not evidence against the release";
    EXPECT_NE(o.message.find("interrupted by SIGTERM before step \"baja\""), std::string::npos)
        << o.message;
    ASSERT_EQ(http.log.size(), 2u);
    EXPECT_EQ(http.log[1], "DELETE http://app/api/pruebas/alumnos/XEXX010101HNEXXXA4");
}
