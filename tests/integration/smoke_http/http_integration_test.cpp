// The http and renapo kinds through the real libcurl adapter against
// renapo-sim and raw sockets on 127.0.0.1: every bad input ends within its
// timeout plus one second with the phase named.
#include "core/config/config.hpp"
#include "core/ports/http.hpp"
#include "smoke/suite.hpp"
#include "tests/integration/smoke_http/background.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

using namespace compuerta;
using core::Status;
using test::start_sim;
using test::TempDir;

namespace {

// The check kinds are smoke's (smoke/registry.cpp), defined at start-up as
// `compuerta` defines them (plugin/commands.cpp).
[[maybe_unused]] const bool k_check_kinds = (compuerta::smoke::define_check_kinds(), true);

constexpr const char* k_curp = "HEGG560427MVZRRL04"; // in renapo-sim's dataset

struct Ran {
    core::Outcome outcome;
    std::chrono::milliseconds took;
    std::string ev(const std::string& key) const {
        for (const auto& [k, v] : outcome.evidence)
            if (k == key)
                return v;
        return "";
    }
};

// Builds the one check in `checks_yaml` (a YAML list under smoke.checks) and runs it.
Ran run_check(const std::string& checks_yaml, core::Millis timeout = core::Millis(5000)) {
    setenv("NO_PROXY", "127.0.0.1,localhost", 1); // a CI runner's proxy must not see loopback tests
    core::MapEnv env;
    auto cfg = core::config::Config::load_string("smoke:\n  checks:\n" + checks_yaml, "t.yml", env);
    auto http = core::make_curl_http();
    smoke::SuiteContext ctx{cfg, env, smoke::Ports{nullptr, http.get()}, timeout, std::nullopt};
    auto checks = smoke::build_suite(ctx, {});
    auto start = std::chrono::steady_clock::now();
    core::Outcome o = checks.at(0)->run(core::Deadline::after(checks.at(0)->spec().timeout));
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    return {o, took};
}

std::string http_check(const std::string& url, const std::string& extra = "") {
    return "    - kind: http\n      url: \"" + url + "\"\n" + extra;
}

std::string renapo_check(const std::string& endpoint, const std::string& extra = "") {
    return "    - kind: renapo\n      endpoint: \"" + endpoint + "\"\n      curp: " + k_curp +
           "\n" + extra;
}

// The bound: a check ends within its timeout plus one second.
void expect_bounded(const Ran& r, core::Millis timeout) {
    EXPECT_LE(r.took.count(), timeout.count() + 1000) << "took " << r.took.count() << " ms";
}

} // namespace

TEST(SmokeHttpIntegration, RenapoJsonAndSoapOverHttpsWithTestCa) {
    TempDir d;
    auto sim = start_sim(d, {"--tls", "--tls-dir", (d / "pki").string()});
    std::string tls = "      tls: {ca_file: \"" + (d / "pki/ca.pem").string() + "\"}\n";
    auto json = run_check(renapo_check(sim->url("https") + "/consulta", tls));
    EXPECT_EQ(json.outcome.status, Status::pass) << json.outcome.message;
    EXPECT_EQ(json.ev("status_curp"), "AN");
    EXPECT_GE(std::stoi(json.ev("cert_days_left")), 360);
    auto soap = run_check(renapo_check(sim->url("https", "localhost") + "/ConsultaPorCurp",
                                       tls + "      shape: soap\n"));
    EXPECT_EQ(soap.outcome.status, Status::pass) << soap.outcome.message;
    EXPECT_EQ(soap.ev("renapo_message"), "EXITOSO");
}

TEST(SmokeHttpIntegration, RenapoUnknownCurpFailsAndNotFoundExpectationPasses) {
    TempDir d;
    auto sim = start_sim(d, {});
    auto r = run_check("    - kind: renapo\n      endpoint: " + sim->url() +
                       "/consulta\n      curp: ROGL600612HDFDRS01\n");
    EXPECT_EQ(r.outcome.status, Status::fail);
    // The CURP is personal data: masked by default (privacy.mask_personal_data).
    EXPECT_NE(r.outcome.message.find("did not find [CURP]"), std::string::npos)
        << r.outcome.message;
    auto nf = run_check("    - kind: renapo\n      endpoint: " + sim->url() +
                        "/ConsultaPorCurp\n      shape: soap\n      curp: ROGL600612HDFDRS01\n     "
                        " expect: not_found\n");
    EXPECT_EQ(nf.outcome.status, Status::pass) << nf.outcome.message;
}

TEST(SmokeHttpIntegration, RenapoCredentialsAreSentAndChecked) {
    TempDir d;
    auto sim = start_sim(d, {"--user", "sep-muses", "--password", "clave-de-prueba"});
    auto bad = run_check(
        renapo_check(sim->url() + "/ConsultaPorCurp",
                     "      shape: soap\n      user: sep-muses\n      password: otra-clave\n"));
    EXPECT_EQ(bad.outcome.status, Status::fail);
    EXPECT_NE(bad.outcome.message.find("Usuario o contraseña incorrectos"), std::string::npos)
        << bad.outcome.message;
    auto good = run_check(renapo_check(sim->url() + "/consulta",
                                       "      user: sep-muses\n      password: clave-de-prueba\n"));
    EXPECT_EQ(good.outcome.status, Status::pass) << good.outcome.message;
}

TEST(SmokeHttpIntegration, TlsReasons) {
    TempDir d;
    std::string ca = "      tls: {ca_file: \"" + (d / "pki/ca.pem").string() + "\"}\n";
    {
        auto sim = start_sim(d, {"--tls", "--tls-dir", (d / "pki").string()});
        auto r = run_check(http_check(sim->url("https") + "/health"));
        EXPECT_EQ(r.outcome.status, Status::fail);
        EXPECT_EQ(r.ev("phase"), "TLS handshake");
        EXPECT_EQ(r.ev("tls_reason"), "certificate signed by an unknown CA") << r.outcome.message;
    }
    {
        auto sim = start_sim(d, {"--tls", "--tls-dir", (d / "pki").string(), "--cert", "expired"});
        auto r = run_check(http_check(sim->url("https") + "/health", ca));
        EXPECT_EQ(r.ev("tls_reason"), "certificate expired") << r.outcome.message;
    }
    {
        auto sim =
            start_sim(d, {"--tls", "--tls-dir", (d / "pki").string(), "--cert", "wrong-host"});
        auto r = run_check(http_check(sim->url("https") + "/health", ca));
        EXPECT_EQ(r.ev("tls_reason"), "certificate does not match the host name")
            << r.outcome.message;
    }
    {
        auto sim = start_sim(d, {"--tls", "--tls-dir", (d / "pki").string(), "--cert-days", "5"});
        auto r = run_check(http_check(sim->url("https") + "/health", ca));
        EXPECT_EQ(r.outcome.status, Status::warn) << r.outcome.message;
        EXPECT_NE(r.outcome.message.find("certificate expires in"), std::string::npos);
    }
}

TEST(SmokeHttpIntegration, MutualTls) {
    TempDir d;
    auto sim = start_sim(d, {"--tls", "--tls-dir", (d / "pki").string(), "--require-client-cert"});
    std::string pki = (d / "pki").string();
    auto without = run_check(http_check(sim->url("https") + "/health",
                                        "      tls: {ca_file: \"" + pki + "/ca.pem\"}\n"));
    EXPECT_EQ(without.outcome.status, Status::fail);
    EXPECT_NE(without.ev("phase"), "") << without.outcome.message;
    auto with = run_check(http_check(
        sim->url("https") + "/health",
        "      tls:\n        ca_file: \"" + pki + "/ca.pem\"\n        client_cert: \"" + pki +
            "/client.pem\"\n        client_key: \"" + pki + "/client-key.pem\"\n"));
    EXPECT_EQ(with.outcome.status, Status::pass) << with.outcome.message;
}

TEST(SmokeHttpIntegration, BadCaFileIsAnErrorNotAnOutage) {
    TempDir d;
    auto sim = start_sim(d, {"--tls", "--tls-dir", (d / "pki").string()});
    test::write_file(d / "garbage.pem", "this is not a certificate\n");
    auto garbage =
        run_check(http_check(sim->url("https") + "/health",
                             "      tls: {ca_file: \"" + (d / "garbage.pem").string() + "\"}\n"));
    EXPECT_EQ(garbage.outcome.status, Status::error) << garbage.outcome.message;
    EXPECT_NE(garbage.outcome.message.find("CA file"), std::string::npos)
        << garbage.outcome.message;
    auto missing =
        run_check(http_check(sim->url("https") + "/health",
                             "      tls: {ca_file: \"" + (d / "missing.pem").string() + "\"}\n"));
    EXPECT_EQ(missing.outcome.status, Status::error);
    EXPECT_EQ(missing.ev("phase"), "configuration");
}

TEST(SmokeHttpIntegration, ServerThatAcceptsAndNeverAnswers) {
    // A listening socket nobody accepts from: the kernel completes the handshake.
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    ASSERT_EQ(listen(fd, 8), 0);
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    std::string url = "http://127.0.0.1:" + std::to_string(ntohs(a.sin_port)) + "/health";
    auto r = run_check(http_check(url, "      timeout: 1s\n"));
    std::string https = "https://127.0.0.1:" + std::to_string(ntohs(a.sin_port)) + "/health";
    auto tls = run_check(http_check(https, "      timeout: 1s\n"));
    close(fd);
    EXPECT_EQ(tls.outcome.status, Status::fail);
    EXPECT_EQ(tls.ev("timed_out_in"), "TLS handshake") << tls.outcome.message;
    expect_bounded(tls, core::Millis(1000));
    EXPECT_EQ(r.outcome.status, Status::fail);
    EXPECT_EQ(r.ev("timed_out_in"), "receiving the answer") << r.outcome.message;
    EXPECT_NE(r.outcome.message.find("waiting for the answer"), std::string::npos)
        << r.outcome.message;
    expect_bounded(r, core::Millis(1000));
}

TEST(SmokeHttpIntegration, HangAndSlowBodyEndWithinTimeout) {
    TempDir d;
    auto sim = start_sim(d, {});
    auto hang = run_check(renapo_check(sim->url() + "/consulta?fault=hang", "      timeout: 1s\n"));
    EXPECT_EQ(hang.outcome.status, Status::fail);
    EXPECT_NE(hang.ev("phase").find("timeout"), std::string::npos) << hang.outcome.message;
    expect_bounded(hang, core::Millis(1000));
    auto slow = run_check(
        http_check(sim->url() + "/health?fault=slow-body%3D10s", "      timeout: 1500ms\n"));
    EXPECT_EQ(slow.outcome.status, Status::fail);
    EXPECT_NE(slow.outcome.message.find("receiving the body"), std::string::npos)
        << slow.outcome.message;
    expect_bounded(slow, core::Millis(1500));
}

TEST(SmokeHttpIntegration, RefusedPortAndDnsFailure) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    close(fd); // bound, never listened, now free: nothing listens there
    auto refused = run_check(http_check(
        "http://127.0.0.1:" + std::to_string(ntohs(a.sin_port)) + "/", "      timeout: 2s\n"));
    EXPECT_EQ(refused.outcome.status, Status::fail);
    EXPECT_EQ(refused.ev("phase"), "TCP connect") << refused.outcome.message;
    expect_bounded(refused, core::Millis(2000));
    auto dns = run_check(http_check("http://renapo-sim.invalid/health", "      timeout: 2s\n"));
    EXPECT_EQ(dns.outcome.status, Status::fail);
    EXPECT_TRUE(dns.ev("phase") == "DNS" || dns.ev("timed_out_in") == "DNS") << dns.outcome.message;
    expect_bounded(dns, core::Millis(2000));
}

TEST(SmokeHttpIntegration, ServerErrorsAndBrokenAnswers) {
    TempDir d;
    auto sim = start_sim(d, {});
    for (const char* st : {"500", "503"}) {
        auto r = run_check(renapo_check(sim->url() + "/consulta?fault=status%3D" + st));
        EXPECT_EQ(r.outcome.status, Status::fail);
        EXPECT_EQ(r.ev("phase"), "HTTP status");
        EXPECT_EQ(r.ev("status"), st);
    }
    auto json = run_check(renapo_check(sim->url() + "/consulta?fault=malformed"));
    EXPECT_EQ(json.ev("phase"), "assertion");
    EXPECT_NE(json.outcome.message.find("not JSON"), std::string::npos) << json.outcome.message;
    auto xml = run_check(
        renapo_check(sim->url() + "/ConsultaPorCurp?fault=malformed", "      shape: soap\n"));
    EXPECT_EQ(xml.ev("phase"), "assertion");
    EXPECT_NE(xml.outcome.message.find("not XML"), std::string::npos) << xml.outcome.message;
    auto type = run_check(renapo_check(sim->url() + "/consulta?fault=wrong-type"));
    EXPECT_NE(type.outcome.message.find("content type \"text/html\""), std::string::npos)
        << type.outcome.message;
    auto reset = run_check(renapo_check(sim->url() + "/consulta?fault=reset"));
    EXPECT_EQ(reset.outcome.status, Status::fail);
    EXPECT_EQ(reset.ev("phase"), "receiving the answer") << reset.outcome.message;
}

TEST(SmokeHttpIntegration, HundredMegabyteBodyIsReadBounded) {
    TempDir d;
    auto sim = start_sim(d, {});
    auto r =
        run_check(http_check(sim->url() + "/health?fault=huge%3D100MB", "      max_body: 65536\n"));
    EXPECT_EQ(r.outcome.status, Status::warn) << r.outcome.message;
    EXPECT_EQ(r.ev("body_bytes"), "65536");
    EXPECT_EQ(r.ev("body_truncated"), "yes");
}

TEST(SmokeHttpIntegration, LatencyRedirectsAndProxy) {
    TempDir d;
    auto sim = start_sim(d, {});
    auto slow = run_check(
        http_check(sim->url() + "/health?fault=delay%3D300ms", "      warn_latency: 100ms\n"));
    EXPECT_EQ(slow.outcome.status, Status::warn) << slow.outcome.message;
    auto no_follow = run_check(http_check(sim->url() + "/redirect"));
    EXPECT_EQ(no_follow.ev("phase"), "HTTP status");
    auto follow = run_check(http_check(sim->url() + "/redirect", "      follow_redirects: true\n"));
    EXPECT_EQ(follow.outcome.status, Status::pass) << follow.outcome.message;
    EXPECT_EQ(follow.ev("effective_url"), sim->url() + "/health");
    // The name does not resolve: only a request that went through the proxy can pass.
    auto proxied =
        run_check(http_check("http://renapo.invalid/health", "      proxy: " + sim->url() + "\n"));
    EXPECT_EQ(proxied.outcome.status, Status::pass) << proxied.outcome.message;
}
