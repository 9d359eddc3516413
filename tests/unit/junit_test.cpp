// JUnit output: golden files per scenario, and validation against both
// published schemas with xmllint (schemas read from ../shared/junit/).
#include "core/report/json.hpp"
#include "core/report/junit.hpp"
#include "core/secrets.hpp"
#include "tests/support/support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace compuerta::core;
using namespace compuerta::core::report;
namespace fs = std::filesystem;

namespace {

CheckResult result(std::string id, std::string item, std::string name, Status s, std::string msg, int ms) {
    CheckSpec spec{std::move(id), std::move(item), std::move(name), "smoke.postgres", {}, Millis(1000), Status::fail};
    CheckResult r = CheckResult::from(spec, Outcome::make(s, std::move(msg)));
    r.duration = Millis(ms);
    r.started = std::chrono::system_clock::from_time_t(1'800'000'000);
    return r;
}

Suite scenario_mixed() {
    Suite s;
    s.name = "compuerta.smoke";
    s.package = "compuerta";
    s.hostname = "ci-runner-1";
    s.started = std::chrono::system_clock::from_time_t(1'800'000'000);
    s.duration = Millis(1234);
    s.properties = {{"tag", "v2.3.0"}, {"environment", "produccion"}};
    s.results.push_back(result("db", "6.1", "Conexión a la base de datos", Status::pass, "PostgreSQL 15.18", 15));
    auto w = result("db-slow", "6.1", "Latencia de la base", Status::warn, "connect latency over 200 ms", 250);
    w.evidence = {{"connect_ms", "250"}};
    s.results.push_back(w);
    auto f = result("renapo", "6.2", "RENAPO responde", Status::fail, "TCP connect failed: <refused> & \"closed\"", 3);
    f.detail = "phase: TCP connect";
    s.results.push_back(f);
    s.results.push_back(result("tx", "6.3", "Inscripción de prueba", Status::error, "could not evaluate", 1));
    s.results.push_back(result("logs", "6.4", "Logs sin errores", Status::skip, "skipped: prerequisite", 0));
    return s;
}

Suite scenario_empty_properties() {
    Suite s;
    s.name = "compuerta.smoke";
    s.hostname = "h";
    s.started = std::chrono::system_clock::from_time_t(1'800'000'000);
    s.results.push_back(result("db", "6.1", "Conexión a la base de datos", Status::pass, "ok", 5));
    return s;
}

void expect_golden(const std::string& name, const std::string& actual) {
    fs::path golden = fs::path(COMPUERTA_SOURCE_DIR) / "tests/fixtures/junit" / name;
    if (std::getenv("COMPUERTA_UPDATE_GOLDEN") != nullptr) compuerta::test::write_file(golden, actual);
    ASSERT_TRUE(fs::exists(golden)) << "missing golden file " << golden << " (COMPUERTA_UPDATE_GOLDEN=1 writes it)";
    EXPECT_EQ(compuerta::test::read_file(golden), actual) << "differs from " << golden;
}

void expect_valid(const std::string& xml, const std::string& xsd) {
    auto shared = compuerta::test::shared_dir();
    if (!shared) GTEST_SKIP() << "../shared/junit not found: schema validation not run";
    compuerta::test::TempDir dir;
    compuerta::test::write_file(dir / "out.xml", xml);
    auto r = compuerta::test::run("xmllint", {"--noout", "--schema", (*shared / "junit" / xsd).string(),
                                              (dir / "out.xml").string()});
    EXPECT_EQ(r.code, 0) << xsd << ":\n" << r.err << "\n" << xml;
}

} // namespace

TEST(JUnit, DefaultMatchesGoldenFile_exit1) { expect_golden("smoke-mixed-exit1.xml", render_junit({scenario_mixed()}, false)); }

TEST(JUnit, StrictMatchesGoldenFile_exit1) {
    expect_golden("smoke-mixed-exit1-strict.xml", render_junit({scenario_mixed()}, true));
}

TEST(JUnit, DefaultValidatesAgainstJenkinsSchema) {
    expect_valid(render_junit({scenario_mixed()}, false), "jenkins-junit.xsd");
    expect_valid(render_junit({scenario_empty_properties()}, false), "jenkins-junit.xsd");
}

TEST(JUnit, StrictValidatesAgainstBothSchemas) {
    expect_valid(render_junit({scenario_mixed()}, true), "windyroad-JUnit.xsd");
    expect_valid(render_junit({scenario_mixed()}, true), "jenkins-junit.xsd");
    expect_valid(render_junit({scenario_empty_properties()}, true), "windyroad-JUnit.xsd");
}

TEST(JUnit, DefaultIsNotStrictValid) {
    // Guards the test itself: the strict schema really rejects the default form.
    auto shared = compuerta::test::shared_dir();
    if (!shared) GTEST_SKIP() << "../shared/junit not found";
    compuerta::test::TempDir dir;
    compuerta::test::write_file(dir / "out.xml", render_junit({scenario_mixed()}, false));
    auto r = compuerta::test::run("xmllint", {"--noout", "--schema", (*shared / "junit/windyroad-JUnit.xsd").string(),
                                              (dir / "out.xml").string()});
    EXPECT_NE(r.code, 0);
}

TEST(JUnit, EmptyPropertiesGetTheHost) {
    std::string xml = render_junit({scenario_empty_properties()}, false);
    EXPECT_NE(xml.find("<property name=\"host\" value=\"h\""), std::string::npos) << xml;
}

TEST(JUnit, SecretsAndControlCharactersNeverReachTheXml) {
    SecretRegistry::global().add("junit-secret-XYZ", "test");
    Suite s = scenario_empty_properties();
    s.results[0].message = "password junit-secret-XYZ rejected\x01";
    s.results[0].status = Status::fail;
    std::string xml = render_junit({s}, false);
    EXPECT_EQ(xml.find("junit-secret-XYZ"), std::string::npos);
    EXPECT_NE(xml.find("password *** rejected"), std::string::npos);
    EXPECT_EQ(xml.find('\x01'), std::string::npos);
}

TEST(Json, TypedEvidenceIsNumbersAndBooleansAndTextStaysText) {
    Suite s = scenario_mixed();
    s.results[0].evidence = {{"connect_ms", EvidenceValue::integer(21)},
                             {"free_bytes", EvidenceValue::integer(83259035648LL)},
                             {"ratio", EvidenceValue::decimal(0.5, "0.50")},
                             {"timed_out", EvidenceValue::boolean(false)},
                             {"server_version", "15.4"},
                             {"commit", "1234567"}};
    auto w = result("signoff-1.2", "1.2", "Aprobación registrada (sign-off)", Status::skip,
                    "esperando", 0);
    w.waiting = true;
    s.results.push_back(w);
    auto doc = nlohmann::json::parse(render_json({s}, 4));
    EXPECT_EQ(doc["exit_code"], 4);
    const auto& ev = doc["suites"][0]["checks"][0]["evidence"];
    EXPECT_TRUE(ev["connect_ms"].is_number_integer());
    EXPECT_EQ(ev["connect_ms"], 21);
    EXPECT_EQ(ev["free_bytes"].get<long long>(), 83259035648LL);
    EXPECT_TRUE(ev["ratio"].is_number_float());
    EXPECT_TRUE(ev["timed_out"].is_boolean());
    EXPECT_EQ(ev["timed_out"], false);
    EXPECT_TRUE(ev["server_version"].is_string()) << "a version is never guessed to be a number";
    EXPECT_TRUE(ev["commit"].is_string());
    const auto& last = doc["suites"][0]["checks"].back();
    EXPECT_EQ(last["status"], "skip");
    EXPECT_EQ(last["waiting"], true);
    EXPECT_FALSE(doc["suites"][0]["checks"][0].contains("waiting"));
    EXPECT_EQ(doc["suites"][0]["totals"]["waiting"], 1);
    // JUnit shows the waiting check as skipped, with its message.
    EXPECT_NE(render_junit({s}, false).find("<skipped>esperando</skipped>"), std::string::npos);
}

TEST(Json, ErrorReportCarriesTheExitCodeAndTheError) {
    auto doc =
        nlohmann::json::parse(render_json_error(2, "compuerta.yml:3:5: unknown key \"windw\""));
    EXPECT_EQ(doc["exit_code"], 2);
    EXPECT_EQ(doc["error"], "compuerta.yml:3:5: unknown key \"windw\"");
    EXPECT_TRUE(doc["suites"].is_array());
    EXPECT_TRUE(doc["suites"].empty());
}

TEST(Json, CarriesStatusesEvidenceAndExitCode) {
    auto doc = nlohmann::json::parse(render_json({scenario_mixed()}, 1));
    EXPECT_EQ(doc["exit_code"], 1);
    auto& checks = doc["suites"][0]["checks"];
    ASSERT_EQ(checks.size(), 5u);
    EXPECT_EQ(checks[1]["status"], "warn");
    EXPECT_EQ(checks[1]["evidence"]["connect_ms"], "250");
    EXPECT_EQ(doc["suites"][0]["totals"]["failures"], 1);
    EXPECT_EQ(doc["suites"][0]["totals"]["errors"], 1);
    EXPECT_EQ(doc["suites"][0]["totals"]["skipped"], 1);
}
