// The smoke checks speak the run's language (issue 12): real checks — the
// throwaway PostgreSQL, a loopback HTTP server, log files, a SQL scenario,
// the CLI — run once in Spanish and once in English, and their messages are
// read whole in each.
#include "core/config/config.hpp"
#include "core/messages/catalog.hpp"
#include "core/ports/db.hpp"
#include "core/ports/env.hpp"
#include "core/ports/http.hpp"
#include "core/ports/postgres.hpp"
#include "smoke/checks/http.hpp"
#include "smoke/checks/logs.hpp"
#include "smoke/checks/postgres.hpp"
#include "smoke/renapo/curp.hpp"
#include "smoke/suite.hpp"
#include "smoke/transaction/executor.hpp"
#include "smoke/transaction/scenario.hpp"
#include "tests/support/support.hpp"

#include <arpa/inet.h>
#include <atomic>
#include <filesystem>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <regex>
#include <set>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace compuerta;
namespace msg = compuerta::core::msg;
using compuerta::test::TempDir;
using compuerta::test::write_file;

namespace {

// Every test leaves the process in English, whatever it asserted.
class SmokeMessages : public ::testing::Test {
  protected:
    void TearDown() override { msg::set_current(msg::Lang::en); }
};

// A loopback HTTP server on port 0 that answers every request with `reply`
// (a whole HTTP/1.1 response), until destroyed.
class LoopbackServer {
  public:
    explicit LoopbackServer(std::string reply) : m_reply(std::move(reply)) {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = 0;
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
            ::listen(m_fd, 8) != 0)
            throw std::runtime_error("loopback server: cannot listen");
        socklen_t len = sizeof a;
        ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&a), &len);
        m_port = ntohs(a.sin_port);
        m_thread = std::thread([this] { serve(); });
    }
    ~LoopbackServer() {
        m_stop = true;
        ::shutdown(m_fd, SHUT_RDWR);
        ::close(m_fd);
        m_thread.join();
    }
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;
    std::string url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(m_port) + path;
    }

  private:
    void serve() {
        while (!m_stop) {
            int c = ::accept(m_fd, nullptr, nullptr);
            if (c < 0)
                return;
            std::string req;
            char buf[4096];
            while (req.find("\r\n\r\n") == std::string::npos) {
                ssize_t n = ::read(c, buf, sizeof buf);
                if (n <= 0)
                    break;
                req.append(buf, static_cast<std::size_t>(n));
            }
            (void)!::write(c, m_reply.data(), m_reply.size());
            ::close(c);
        }
    }
    std::string m_reply;
    int m_fd = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

std::string reply(int status, const std::string& reason, const std::string& body) {
    return "HTTP/1.1 " + std::to_string(status) + " " + reason +
           "\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\nConnection: close\r\n\r\n" + body;
}

core::CheckSpec spec(const std::string& id, const std::string& item) {
    core::CheckSpec s;
    s.id = id;
    s.item = item;
    s.name = id;
    return s;
}

core::Outcome run_http(core::Http& http, smoke::checks::HttpOptions o) {
    o.request.proxy = "none";
    smoke::checks::HttpCheck c(spec("http", "6.2"), std::move(o), http);
    return c.run(core::Deadline::after(core::Millis(10'000)));
}

// " 12 ms" and the like: the figures that change from run to run.
std::string without_ms(const std::string& s) {
    return std::regex_replace(s, std::regex("[0-9]+ ms"), "N ms");
}

} // namespace

// 6.1 against the throwaway cluster: "conectado en 25 ms, consulta en 0 ms".
TEST_F(SmokeMessages, PostgresCheckSpeaksTheRunsLanguage) {
    COMPUERTA_REQUIRE_PG();
    auto pg = core::make_libpq_postgres();
    smoke::checks::PostgresOptions o;
    o.dsn = test::pg_dsn(test::pg_env().at("PGDATABASE"));
    auto run = [&] {
        smoke::checks::PostgresCheck c(spec("db", "6.1"), o, *pg);
        return c.run(core::Deadline::after(core::Millis(10'000)));
    };
    msg::set_current(msg::Lang::es);
    auto es = run();
    ASSERT_EQ(es.status, core::Status::pass) << es.message;
    EXPECT_TRUE(std::regex_search(
        es.message,
        std::regex(
            R"(^PostgreSQL .+ en .+ \(base de datos .+\): conectado en [0-9]+ ms, consulta en [0-9]+ ms$)")))
        << es.message;
    msg::set_current(msg::Lang::en);
    auto en = run();
    ASSERT_EQ(en.status, core::Status::pass) << en.message;
    EXPECT_TRUE(std::regex_search(
        en.message,
        std::regex(
            R"(^PostgreSQL .+ at .+ \(database .+\): connected in [0-9]+ ms, query in [0-9]+ ms$)")))
        << en.message;
}

// A refused connection names the phase in the run's language; the evidence keeps the English phase.
TEST_F(SmokeMessages, PostgresFailurePhaseIsTranslatedEvidenceIsNot) {
    auto pg = core::make_libpq_postgres();
    smoke::checks::PostgresOptions o;
    o.dsn = "host=127.0.0.1 port=1 dbname=x user=x connect_timeout=5 sslmode=disable";
    msg::set_current(msg::Lang::es);
    smoke::checks::PostgresCheck c(spec("db", "6.1"), o, *pg);
    auto out = c.run(core::Deadline::after(core::Millis(10'000)));
    EXPECT_EQ(out.status, core::Status::fail);
    EXPECT_EQ(out.message.rfind("conexión TCP: ", 0), 0u) << out.message;
    bool english_evidence = false;
    for (const auto& [k, v] : out.evidence)
        english_evidence = english_evidence || (k == "phase" && v == "TCP connect");
    EXPECT_TRUE(english_evidence);
}

// The default check name comes from the catalog; a configured one stays as written.
TEST_F(SmokeMessages, DefaultCheckNameFollowsTheLanguage) {
    core::MapEnv env;
    auto pg = core::make_libpq_postgres();
    auto cfg = core::config::Config::none(env);
    smoke::SuiteContext ctx{cfg, env, smoke::Ports{pg.get()}, core::Millis(5000),
                            std::string("host=x dbname=y")};
    msg::set_current(msg::Lang::es);
    EXPECT_EQ(smoke::build_suite(ctx, {}).at(0)->spec().name, "Conexión a la base de datos");
    msg::set_current(msg::Lang::en);
    EXPECT_EQ(smoke::build_suite(ctx, {}).at(0)->spec().name, "Database connection");
}

// 6.2 against a loopback server: the failed status, a failed assertion and a warning note.
TEST_F(SmokeMessages, HttpCheckSpeaksTheRunsLanguage) {
    auto http = core::make_curl_http();
    {
        LoopbackServer down(reply(503, "Service Unavailable", "mantenimiento"));
        smoke::checks::HttpOptions o;
        o.request.url = down.url("/salud");
        msg::set_current(msg::Lang::es);
        auto es = run_http(*http, o);
        EXPECT_EQ(es.status, core::Status::fail);
        EXPECT_EQ(es.message, "estado HTTP: " + down.url("/salud") +
                                  " respondió 503, se esperaba 2xx; cuerpo: mantenimiento");
        o.expect_status = {200, 204};
        msg::set_current(msg::Lang::en);
        auto en = run_http(*http, o);
        EXPECT_EQ(en.message, "HTTP status: " + down.url("/salud") +
                                  " answered 503, expected 200 or 204; body: mantenimiento");
    }
    {
        LoopbackServer up(reply(200, "OK", "0123456789"));
        smoke::checks::HttpOptions o;
        o.request.url = up.url("/");
        o.assertions.push_back(
            smoke::checks::make_assertion(smoke::checks::Assertion::Subject::json, "/estado",
                                          smoke::checks::Assertion::Op::equals, "ok", "t.yml:1"));
        msg::set_current(msg::Lang::es);
        EXPECT_TRUE(std::regex_match(
            run_http(*http, o).message,
            std::regex(
                R"(aserción: el cuerpo no es JSON \(error de sintaxis en el byte [0-9]+\))")));
        o.assertions = {smoke::checks::make_assertion(smoke::checks::Assertion::Subject::body, "",
                                                      smoke::checks::Assertion::Op::contains,
                                                      "listo", "t.yml:1")};
        EXPECT_EQ(run_http(*http, o).message,
                  "aserción: se esperaba: el cuerpo contiene \"listo\"; se obtuvo \"0123456789\"");
        msg::set_current(msg::Lang::en);
        EXPECT_EQ(run_http(*http, o).message,
                  "assertion: expected the body contains \"listo\", got \"0123456789\"");

        o.assertions.clear();
        o.request.max_body = 4;
        msg::set_current(msg::Lang::es);
        auto es = run_http(*http, o);
        EXPECT_EQ(es.status, core::Status::warn);
        EXPECT_EQ(
            without_ms(es.message),
            "HTTP 200 de " + up.url("/") +
                " en N ms; el cuerpo es mayor que max_body (4 bytes); solo se leyó esa cantidad");
        o.request.max_body = 1;
        EXPECT_TRUE(test::contains(run_http(*http, o).message, "(1 byte); solo se leyó esa cantidad"));
        msg::set_current(msg::Lang::en);
        EXPECT_EQ(
            without_ms(run_http(*http, o).message),
            "HTTP 200 from " + up.url("/") +
                " in N ms; the body is larger than max_body (1 byte); only that much was read");
    }
}

// 6.4 over real files: plural forms by count, the window in the run's language.
TEST_F(SmokeMessages, LogsCheckCountsWithRealPlurals) {
    TempDir d;
    write_file(d / "app.log",
               "2026-11-28T17:01:00Z ERROR sin conexión\n2026-11-28T17:01:30Z INFO listo\n");
    smoke::checks::LogsOptions o;
    o.scan.globs = {(d / "*.log").string()};
    o.patterns = {"ERROR"};
    o.since_spec = "2026-11-28T17:00:00Z";
    o.max_matches = 5;
    auto run = [&] {
        smoke::checks::LogsCheck c(spec("logs", "6.4"), o);
        return c.run(core::Deadline::after(core::Millis(30'000)));
    };
    msg::set_current(msg::Lang::es);
    auto one = run();
    EXPECT_EQ(one.status, core::Status::pass);
    EXPECT_EQ(one.message, "1 línea de error (0 permitidas), se revisó 1 archivo, 0.0 MiB desde "
                           "2026-11-28T17:00:00.000Z");
    msg::set_current(msg::Lang::en);
    EXPECT_EQ(run().message,
              "1 error line (0 allowed), scanned 1 file, 0.0 MiB since 2026-11-28T17:00:00.000Z");

    write_file(d / "otro.log", "2026-11-28T17:05:00Z ERROR uno\n2026-11-28T17:06:00Z ERROR dos\n");
    o.allow = {"dos"};
    msg::set_current(msg::Lang::es);
    EXPECT_EQ(run().message, "2 líneas de error (1 permitida), se revisaron 2 archivos, 0.0 MiB "
                             "desde 2026-11-28T17:00:00.000Z");
    o.max_matches = 1;
    auto over = run();
    EXPECT_EQ(over.status, core::Status::fail);
    EXPECT_TRUE(test::contains(over.message, "2 líneas de error en los logs (umbral 1)")) << over.message;
    EXPECT_TRUE(test::contains(over.message, "Lea el log alrededor de esa línea")) << over.message;
    std::string window;
    for (const auto& [k, v] : over.evidence)
        if (k == "window")
            window = v;
    EXPECT_EQ(window, "desde 2026-11-28T17:00:00.000Z");
}

// The CURP rules read whole in each language; the English that the example
// application gets without the catalog is the catalog's English.
TEST_F(SmokeMessages, CurpProblemsInBothLanguages) {
    msg::set_current(msg::Lang::es);
    EXPECT_EQ(smoke::renapo::curp_problem_text("HEGG560427MVZRRL05"),
              "el dígito verificador es 5, se esperaba 4 (¿un error de captura en la CURP?)");
    EXPECT_EQ(smoke::renapo::curp_problem_text("HEGG560427QVZRRL04"),
              "el carácter 11 debe ser H, M o X (sexo)");
    EXPECT_EQ(smoke::renapo::curp_problem_text("HEGG560427MVZRRL04"), "");
    msg::set_current(msg::Lang::en);
    EXPECT_EQ(smoke::renapo::curp_problem_text("HEGG560427MVZRRL05"),
              "check digit is 5, expected 4 (a typo in the CURP?)");
    EXPECT_EQ(smoke::renapo::curp_problem_text("HEGG560427QVZRRL04"),
              "character 11 must be H, M or X (sex)");

    // One CURP per rule: Ñ, length, accents, each character class, the
    // inconvenient words, dates, the state, the check digit.
    const smoke::renapo::CivilDate today{2026, 11, 29};
    std::set<std::string> ids;
    for (const char* bad :
         {"HEGÑ560427MVZRRL04", "HEGG560427MVZRRL0", "HÉGG560427MVZRRL04", "1EGG560427MVZRRL04",
          "HBGG560427MVZRRL04", "HE1G560427MVZRRL04", "HEG1560427MVZRRL04", "HEGGX60427MVZRRL04",
          "HEGG560427MVZRR-04", "HEGG561327MVZRRL04", "HEGG300427MVZRRLA4", "HEGG560427QVZRRL04",
          "HEGG560427MZZRRL04", "HEGG560427MVZRRL-4", "HEGG560427MVZRRL0X", "HEGG560427MVZRRL05",
          "BUEY560427MVZRRL04"}) {
        auto issue = smoke::renapo::curp_issue(bad, today);
        ASSERT_TRUE(issue.has_value()) << bad;
        ids.insert(issue->id);
        msg::Params params;
        for (const auto& [k, v] : issue->params)
            params.emplace_back(k, v);
        EXPECT_EQ(smoke::renapo::english(*issue), msg::text(msg::Lang::en, issue->id, params))
            << bad;
        std::string es = msg::text(msg::Lang::es, issue->id, params);
        EXPECT_NE(es, issue->id) << bad;
        EXPECT_EQ(es.find('{'), std::string::npos) << es;
    }
    EXPECT_GE(ids.size(), 15u);
}

// 6.3: a SQL scenario against the throwaway cluster, passed and failed.
TEST_F(SmokeMessages, TransactionCheckSpeaksTheRunsLanguage) {
    COMPUERTA_REQUIRE_PG();
    TempDir d;
    core::MapEnv env;
    auto sql = core::make_libpq_db();
    auto http = core::make_curl_http();
    smoke::transaction::ExecutorOptions o;
    o.check_id = "tx";
    o.dsn = test::pg_dsn(test::pg_env().at("PGDATABASE"));
    o.ledger = d / "ledger" / "tx.json";
    auto run = [&](const std::string& text) {
        auto sc = smoke::transaction::parse_scenario(text, "s.yml", env);
        return smoke::transaction::execute(sc, o, *sql, *http,
                                           core::Deadline::after(core::Millis(20'000)));
    };
    const std::string ok = "name: Consulta\nsteps:\n"
                           "  - {name: uno, sql: SELECT 1 AS uno, expect: {rows: 1}}\n"
                           "  - {name: dos, sql: SELECT 2 AS dos, expect: {row: {dos: '2'}}}\n";
    msg::set_current(msg::Lang::es);
    auto es = run(ok);
    ASSERT_EQ(es.status, core::Status::pass) << es.message;
    EXPECT_EQ(without_ms(es.message),
              "Consulta: pasaron 2 pasos en N ms; se revirtió la transacción de la base de datos");
    msg::set_current(msg::Lang::en);
    EXPECT_EQ(without_ms(run(ok).message),
              "Consulta: 2 steps passed in N ms; database transaction rolled back");

    const std::string bad =
        "name: Consulta\nsteps:\n  - {name: uno, sql: SELECT 1 AS uno, expect: {rows: 2}}\n";
    msg::set_current(msg::Lang::es);
    auto failed = run(bad);
    EXPECT_EQ(failed.status, core::Status::fail);
    EXPECT_TRUE(std::regex_search(
        failed.message,
        std::regex(
            R"(^paso 1 "uno" \(s\.yml:[0-9]+:[0-9]+\): 1 fila \(lo esperado: 2\); se ejecutaron las limpiezas$)")))
        << failed.message;
}

// The command's summary, description and option help, and a usage error, through the CLI.
TEST_F(SmokeMessages, SmokeCommandHelpAndUsageErrorsFollowLang) {
    TempDir d;
    auto es = test::run(test::bin("compuerta"), {"smoke", "--help", "--lang", "es"}, {}, d.path());
    EXPECT_EQ(es.code, 0) << es.err;
    EXPECT_TRUE(test::contains(es.out, "Pruebas de humo del sistema desplegado (paso 6 del plan)")) << es.out;
    EXPECT_TRUE(test::contains(es.out, "base de datos a verificar")) << es.out;
    EXPECT_FALSE(test::contains(es.out, "Smoke-test the deployed system")) << es.out;
    auto en = test::run(test::bin("compuerta"), {"smoke", "--help", "--lang", "en"}, {}, d.path());
    EXPECT_TRUE(test::contains(en.out, "Smoke-test the deployed system (plan step 6)")) << en.out;
    EXPECT_TRUE(test::contains(en.out, "database to check (overrides database.dsn;")) << en.out;

    auto usage =
        test::run(test::bin("compuerta"),
                  {"smoke", "--lang", "es", "--only", "9.9", "--dsn", "host=x"}, {}, d.path());
    EXPECT_EQ(usage.code, 2);
    EXPECT_TRUE(
        test::contains(usage.err, "--only 9.9: ninguna verificación tiene ese id ni ese punto del plan"))
        << usage.err;
}

// Every catalog id that smoke/ names ("smoke.<kind>.<thing>", outside the
// simulator) exists in both languages; JUnit classnames ("smoke.http") are
// identifiers, not texts, and are left out.
TEST_F(SmokeMessages, EveryIdSmokeUsesIsInBothCatalogs) {
    namespace fs = std::filesystem;
    const std::set<std::string> classnames = {
        "smoke.postgres", "smoke.http",    "smoke.renapo",      "smoke.transaction", "smoke.logs",
        "smoke.checks",   "smoke.timeout", "smoke.concurrency", "smoke.deadline"};
    const std::regex id(R"re("(smoke\.[a-z0-9_.]+)")re");
    std::set<std::string> seen;
    for (const auto& e :
         fs::recursive_directory_iterator(fs::path(COMPUERTA_SOURCE_DIR) / "smoke")) {
        if (e.path().extension() != ".cpp" || e.path().parent_path().filename() == "sim")
            continue;
        std::string text = test::read_file(e.path());
        for (auto it = std::sregex_iterator(text.begin(), text.end(), id);
             it != std::sregex_iterator(); ++it) {
            std::string found = (*it)[1].str();
            if (classnames.count(found) != 0 || found.back() == '.')
                continue;
            seen.insert(found);
            EXPECT_TRUE(msg::has(msg::Lang::en, found))
                << found << " (" << e.path().filename() << ") lacks English";
            EXPECT_TRUE(msg::has(msg::Lang::es, found))
                << found << " (" << e.path().filename() << ") lacks Spanish";
        }
    }
    EXPECT_GT(seen.size(), 150u); // the scan really read the sources
    // The one id built at run time: smoke.curp.char.<rule> (smoke/renapo/curp.cpp).
    for (const char* rule : {"surname1", "vowel", "surname2", "given_name", "birth_date",
                             "homoclave", "sex", "consonant", "check_digit"})
        EXPECT_TRUE(msg::has(msg::Lang::es, std::string("smoke.curp.char.") + rule)) << rule;
}
