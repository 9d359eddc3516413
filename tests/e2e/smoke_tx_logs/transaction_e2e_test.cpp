// The Safety section of issue 5: after any smoke run (passing, failing, or
// killed with SIGKILL after step N) the business tables hold exactly the
// rows they held before (for HTTP steps, after the next run's ledger replay).
#include "tests/e2e/smoke_tx_logs/fixture.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace compuerta::test;
using namespace compuerta::test::demo;

namespace {

class Transaction : public ::testing::Test {
  protected:
    void SetUp() override {
        COMPUERTA_REQUIRE_PG();
        db = demo_database("smoke_tx");
        before = dump(db.name);
    }

    // Runs compuerta-smoke with one transaction check on `scenario`.
    compuerta::test::Run smoke(const fs::path& scenario, const std::string& base_url = "", const std::string& kill_after = "",
                               const std::string& signal = "KILL") {
        write_config(scenario, base_url);
        std::map<std::string, std::string> env = {{"COMPUERTA_JOURNAL", (tmp / "journal").string()},
                                                  {"COMPUERTA_TEST_KILL_AFTER_STEP", kill_after.empty() ? "\x01" : kill_after},
                                                  {"COMPUERTA_TEST_KILL_SIGNAL", signal}};
        return run("compuerta-smoke", {"-c", (tmp / "compuerta.yml").string(), "--json", (tmp / "out.json").string()},
                   env, tmp.path(), 60);
    }

    void write_config(const fs::path& scenario, const std::string& base_url) {
        std::string cfg =
            "smoke:\n  checks:\n    - kind: transaction\n      id: tx\n      scenario: " +
            scenario.string() + "\n      dsn: \"" + db.dsn + "\"\n      timeout: " + timeout + "\n";
        if (!base_url.empty())
            cfg += "      base_url: " + base_url + "\n";
        if (show_personal_data) cfg += "privacy:\n  mask_personal_data: false\n";
        write_file(tmp / "compuerta.yml", cfg);
    }

    nlohmann::json result() { return nlohmann::json::parse(read_file(tmp / "out.json"))["suites"][0]["checks"][0]; }
    fs::path ledger() { return tmp / "journal" / "ledger" / "tx.json"; }

    TempDir tmp;
    Database db;
    std::string before;
    std::string timeout = "10s";
    bool show_personal_data = false; // test CURPs are masked in every output unless this is set
};

const fs::path k_sql = k_source / "examples/sep-muses/transactions/inscripcion-baja-sql.yml";
const fs::path k_http = k_source / "examples/sep-muses/transactions/inscripcion-baja-http.yml";

} // namespace

TEST_F(Transaction, SqlScenarioPassesAndLeavesNoRow) {
    auto r = smoke(k_sql);
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("6.3"), std::string::npos) << r.out;
    EXPECT_EQ(result()["evidence"]["steps"], "5/5");
    EXPECT_EQ(dump(db.name), before);
}

TEST_F(Transaction, SqlScenarioKilledAfterEachStepLeavesNoRow) {
    for (int n = 1; n <= 5; ++n) {
        auto r = smoke(k_sql, "", std::to_string(n));
        EXPECT_EQ(r.code, 128 + 9) << "kill after step " << n << ": " << r.out << r.err;
        EXPECT_EQ(dump(db.name), before) << "after SIGKILL after step " << n;
    }
}

TEST_F(Transaction, HttpScenarioPassesAndLeavesNoRow) {
    std::optional<Background> renapo, app;
    std::string url = start_app(tmp, app, db.dsn, start_renapo(tmp, renapo, {k_test_curp}));
    auto r = smoke(k_http, url);
    ASSERT_EQ(r.code, 0) << r.out << r.err << read_file(tmp / "app.log");
    EXPECT_EQ(result()["evidence"]["steps"], "4/4");
    EXPECT_FALSE(fs::exists(ledger()));
    EXPECT_EQ(dump(db.name), before);
    std::string log = read_file(tmp / "app.log");
    EXPECT_NE(log.find("inscrito"), std::string::npos) << log;
    EXPECT_NE(log.find("dada de baja"), std::string::npos) << log;
    EXPECT_NE(log.find("datos de prueba de XEXX010101HNEXXXA4 borrados"), std::string::npos) << log;
}

TEST_F(Transaction, HttpScenarioKilledAfterEachStepIsUndoneByTheNextRun) {
    std::optional<Background> renapo, app;
    std::string url = start_app(tmp, app, db.dsn, start_renapo(tmp, renapo, {k_test_curp}));
    for (int n = 1; n <= 4; ++n) {
        auto killed = smoke(k_http, url, std::to_string(n));
        ASSERT_EQ(killed.code, 128 + 9) << "kill after step " << n << ": " << killed.out << killed.err;
        ASSERT_TRUE(fs::exists(ledger())) << "the ledger is written before each HTTP step";
        if (n >= 2) {
            EXPECT_NE(business_row_count(db.name), "3/2/0\n") << "the inscripción was committed";
        }
        auto next = smoke(k_http, url);
        ASSERT_EQ(next.code, 0) << "after kill after step " << n << ": " << next.out << next.err;
        EXPECT_EQ(result()["evidence"]["replayed_cleanups"], n >= 2 ? 1 : 0); // a JSON number
        EXPECT_FALSE(fs::exists(ledger()));
        EXPECT_EQ(dump(db.name), before) << "after the run that followed the kill after step " << n;
    }
}

TEST_F(Transaction, SigtermOrSigintAfterACommittedStepCleansUpBeforeExiting) {
    std::optional<Background> renapo, app;
    std::string url = start_app(tmp, app, db.dsn, start_renapo(tmp, renapo, {k_test_curp}));
    for (const char* sig : {"TERM", "INT"}) {
        auto r = smoke(k_http, url, "2", sig); // right after the inscripción was committed
        EXPECT_EQ(r.code, 3) << sig << ": " << r.out << r.err;
        auto c = result();
        EXPECT_EQ(c["status"], "error") << c;
        EXPECT_NE(c["message"].get<std::string>().find(std::string("interrupted by SIG") + sig), std::string::npos) << c;
        EXPECT_FALSE(fs::exists(ledger())) << "the cleanup ran in this run";
        EXPECT_EQ(dump(db.name), before) << "no replay needed after SIG" << sig;
    }
}

TEST_F(Transaction, BothExampleScenariosAndTheLogCheckRunTogether) {
    std::optional<Background> renapo, app;
    std::string url = start_app(tmp, app, db.dsn, start_renapo(tmp, renapo, {k_test_curp}));
    std::string cfg = "smoke:\n  checks:\n"
                      "    - {kind: transaction, id: tx-sql, scenario: " + k_sql.string() + ", dsn: \"" + db.dsn + "\"}\n"
                      "    - {kind: transaction, id: tx-api, scenario: " + k_http.string() + ", base_url: \"" + url + "\"}\n"
                      "    - {kind: logs, id: logs, paths: [\"" + (tmp / "app.log").string() + "\"], depends_on: [tx-sql, tx-api]}\n";
    write_file(tmp / "suite.yml", cfg);
    for (int round = 0; round < 2; ++round) {
        auto r = run("compuerta-smoke", {"-c", (tmp / "suite.yml").string(), "--junit", (tmp / "junit.xml").string()},
                     {{"COMPUERTA_JOURNAL", (tmp / "journal").string()}}, tmp.path(), 60);
        ASSERT_EQ(r.code, 0) << r.out << r.err;
        std::string junit = read_file(tmp / "junit.xml");
        EXPECT_NE(junit.find("6.3 Test transaction: Inscripción y baja (API)"), std::string::npos) << junit;
        EXPECT_NE(junit.find("6.3 Test transaction: Inscripción y baja (SQL, revertida)"), std::string::npos);
        EXPECT_NE(junit.find("6.4 Log monitoring"), std::string::npos) << junit;
        EXPECT_EQ(dump(db.name), before) << "round " << round;
    }
}

TEST_F(Transaction, AStepFailingAfterACommittedOneStillCleansUp) {
    std::optional<Background> renapo, app;
    std::string url = start_app(tmp, app, db.dsn, start_renapo(tmp, renapo, {k_test_curp}));
    std::string text = read_file(k_http);
    auto at = text.find("/estado: activa}}\n  - name: Baja");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, 15, "/estado: otra");
    write_file(tmp / "falla.yml", text);
    auto r = smoke(tmp / "falla.yml", url);
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    auto c = result();
    EXPECT_NE(c["message"].get<std::string>().find("step 3 \"Consulta de la inscripción\""), std::string::npos) << c;
    EXPECT_NE(c["message"].get<std::string>().find("cleanups ran"), std::string::npos) << c;
    EXPECT_EQ(dump(db.name), before);
}

TEST_F(Transaction, RenapoRejectingTheCurpFailsTheInscripcionAndLeavesNoRow) {
    std::optional<Background> renapo, app;
    std::string url = start_app(tmp, app, db.dsn, start_renapo(tmp, renapo, {}));
    auto r = smoke(k_http, url);
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(result()["message"].get<std::string>().find("status 422"), std::string::npos) << result();
    EXPECT_EQ(dump(db.name), before);
}

TEST_F(Transaction, StartAndStopScriptsRunTheReleaseTheyAreGiven) {
    std::optional<Background> renapo;
    std::string renapo_url = start_renapo(tmp, renapo, {k_test_curp});
    std::map<std::string, std::string> env = {{"SEP_MUSES_RUN_DIR", (tmp / "run").string()},
                                              {"SEP_MUSES_BIN", bin("sep-muses-app")},
                                              {"SEP_MUSES_PORT", "0"},
                                              {"SEP_MUSES_DSN", db.dsn},
                                              {"SEP_MUSES_RENAPO_URL", renapo_url},
                                              {"SEP_MUSES_LOG", (tmp / "run" / "app.log").string()}};
    auto start = run((k_source / "examples/sep-muses/app/start.sh").string(), {"v2.0.1"}, env, {}, 30);
    ASSERT_EQ(start.code, 0) << start.out << start.err;
    std::string port = read_file(tmp / "run" / "port");
    while (!port.empty() && port.back() == '\n') port.pop_back();
    auto health = run("curl", {"-fsS", "http://127.0.0.1:" + port + "/health"});
    EXPECT_NE(health.out.find("\"release\":\"v2.0.1\""), std::string::npos) << health.out;
    auto stop = run((k_source / "examples/sep-muses/app/stop.sh").string(), {}, env, {}, 30);
    EXPECT_EQ(stop.code, 0) << stop.err;
    EXPECT_FALSE(fs::exists(tmp / "run" / "pid"));
    EXPECT_NE(run("curl", {"-fsS", "-m", "2", "http://127.0.0.1:" + port + "/health"}).code, 0);
}

// Issue 18, item 3: a signal during the last step or the final cleanup is
// never a pass; it is "could not evaluate" (exit 3), after the cleanup.
TEST_F(Transaction, ALateSigtermOrSigintNeverPasses) {
    std::optional<Background> renapo, app;
    std::string url = start_app(tmp, app, db.dsn, start_renapo(tmp, renapo, k_test_curps));
    for (std::string at : {"4", "cleanup"})
        for (const char* sig : {"TERM", "INT"}) {
            auto r = smoke(k_http, url, at, sig);
            EXPECT_EQ(r.code, 3) << at << " " << sig << ": " << r.out << r.err;
            auto c = result();
            EXPECT_EQ(c["status"], "error") << c;
            EXPECT_NE(c["message"].get<std::string>().find(std::string("interrupted by SIG") + sig),
                      std::string::npos)
                << c;
            EXPECT_NE(r.out.find("interrupted"), std::string::npos) << r.out;
            EXPECT_FALSE(fs::exists(ledger()));
            EXPECT_EQ(dump(db.name), before) << at << " " << sig;
        }
}

// Issue 18, items 1, 2 and 4: RENAPO holds the killed run's inscripción; the
// next run's replayed DELETE comes first and finds nothing; the POST commits
// later. The next run neither fails (fresh test CURP) nor leaves the late row
// (it confirms the cleanup after the killed request's deadline), and says
// what it replayed.
TEST_F(Transaction, AKillWhileRenapoHoldsTheInscripcionLeavesNoTraceAndNoFalseFailure) {
    timeout = "6s"; // the killed request's deadline: the next run waits for it
    std::vector<std::string> stub = k_test_curps;
    stub.push_back("--seen=" + (tmp / "renapo.seen").string());
    stub.push_back("--delay-first=3");
    std::optional<Background> renapo, app;
    std::string url = start_app(tmp, app, db.dsn, start_renapo(tmp, renapo, stub));
    write_config(k_http, url);
    {
        // The journal by flag: Boost.Process 1.74's environment copy reads past its strings.
        bp::child killed(bin("compuerta-smoke"),
                         bp::args({"-c", (tmp / "compuerta.yml").string(), "--journal", (tmp / "journal").string()}),
                         bp::std_out > (tmp / "killed.out").string(), bp::std_err > (tmp / "killed.err").string(),
                         bp::std_in < bp::null);
        for (int i = 0; i < 300 && !(fs::exists(tmp / "renapo.seen") &&
                                     fs::file_size(tmp / "renapo.seen") > 0);
             ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        ASSERT_TRUE(fs::exists(tmp / "renapo.seen")) << "the inscripción never reached RENAPO";
        killed.terminate(); // SIGKILL while the application waits for RENAPO
        killed.wait();
    }
    auto l = nlohmann::json::parse(read_file(ledger()));
    ASSERT_EQ(l["entries"].size(), 1u) << l;
    EXPECT_EQ(l["entries"][0]["waits_for"]["request"], "POST " + url + "/api/inscripciones") << l;

    show_personal_data = true; // to see which test CURP the next run took
    auto next = smoke(k_http, url);
    ASSERT_EQ(next.code, 0) << next.out << next.err << read_file(tmp / "app.log");
    auto c = result();
    EXPECT_EQ(c["evidence"]["replayed_cleanups"], 1) << c;
    EXPECT_EQ(c["evidence"]["replayed_done"], 1) << c;
    EXPECT_EQ(c["evidence"]["identity.curp"], "XEXX010101HNEXXXB2") << "a fresh test CURP: " << c;
    EXPECT_NE(next.out.find("replayed from an earlier run"), std::string::npos) << next.out;
    EXPECT_FALSE(fs::exists(ledger()));
    EXPECT_EQ(dump(db.name), before) << read_file(tmp / "app.log");
    // Nothing is still in flight: a later look finds the same tables.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    EXPECT_EQ(dump(db.name), before);
}
