#include "core/config/config.hpp"
#include "core/errors.hpp"
#include "smoke/checks/http.hpp"
#include "smoke/checks/renapo.hpp"
#include "smoke/suite.hpp"

#include <deque>
#include <gtest/gtest.h>

using namespace compuerta;
using core::HttpFailure;
using core::HttpResponse;
using core::Status;

namespace {

// The check kinds are smoke's (smoke/registry.cpp), defined at start-up as
// `compuerta` defines them (plugin/commands.cpp).
[[maybe_unused]] const bool k_check_kinds = (compuerta::smoke::define_check_kinds(), true);

// Answers from a queue; records the requests.
class FakeHttp final : public core::Http {
  public:
    std::deque<core::Result<HttpResponse, HttpFailure>> answers;
    std::vector<core::HttpRequest> requests;
    core::Result<HttpResponse, HttpFailure> send(const core::HttpRequest& req,
                                                 const core::Deadline&) override {
        requests.push_back(req);
        auto a = answers.front();
        if (answers.size() > 1)
            answers.pop_front();
        return a;
    }
};

HttpResponse ok(std::string body, std::string ctype = "application/json", long status = 200) {
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers = {{"content-type", std::move(ctype)}};
    r.total = core::Millis(40);
    return r;
}

std::string evidence(const core::Outcome& o, const std::string& key) {
    for (const auto& [k, v] : o.evidence)
        if (k == key)
            return v;
    return "";
}

struct Suite {
    core::MapEnv env;
    core::config::Config cfg;
    FakeHttp http;
    explicit Suite(const std::string& yaml)
        : cfg(core::config::Config::load_string(yaml, "t.yml", env)) {}
    std::vector<std::shared_ptr<core::Check>> build() {
        smoke::SuiteContext ctx{cfg, env, smoke::Ports{nullptr, &http}, core::Millis(10000),
                                std::nullopt};
        return smoke::build_suite(ctx, {});
    }
    core::Outcome run_first() {
        return build().at(0)->run(core::Deadline::after(core::Millis(5000)));
    }
};

} // namespace

TEST(HttpCheck, PassesOnExpectedAnswerAndAssertions) {
    Suite s(R"(
smoke:
  checks:
    - kind: http
      url: https://app.example/health
      assert:
        - json: /estado
          equals: ok
        - json: /release
          regex: '^v[0-9]+\.[0-9]+'
        - header: content-type
          contains: json
        - body_not_contains: error
)");
    s.http.answers.push_back(ok(R"({"estado":"ok","release":"v1.4.2"})"));
    auto o = s.run_first();
    EXPECT_EQ(o.status, Status::pass) << o.message;
    EXPECT_EQ(evidence(o, "status"), "200");
}

TEST(HttpCheck, StatusMismatchNamesThePhase) {
    Suite s("smoke:\n  checks:\n    - kind: http\n      url: http://a/x\n      expect_status: "
            "[200, 204]\n");
    s.http.answers.push_back(ok("down", "text/plain", 503));
    auto o = s.run_first();
    EXPECT_EQ(o.status, Status::fail);
    EXPECT_EQ(evidence(o, "phase"), "HTTP status");
    EXPECT_NE(o.message.find("answered 503, expected 200 or 204"), std::string::npos) << o.message;
}

TEST(HttpCheck, FailedAssertionSaysWhatWasExpected) {
    Suite s(R"(
smoke:
  checks:
    - kind: http
      url: http://a/x
      assert:
        - xpath: "//*[local-name()='StatusOper']"
          equals: EXITOSO
)");
    s.http.answers.push_back(ok("<r><StatusOper>NO EXITOSO</StatusOper></r>", "text/xml"));
    auto o = s.run_first();
    EXPECT_EQ(o.status, Status::fail);
    EXPECT_EQ(evidence(o, "phase"), "assertion");
    EXPECT_NE(o.message.find("got \"NO EXITOSO\""), std::string::npos) << o.message;
}

TEST(HttpCheck, MalformedJsonIsAnAssertionFailure) {
    Suite s("smoke:\n  checks:\n    - kind: http\n      url: http://a/x\n      assert:\n        - "
            "json: /a\n");
    s.http.answers.push_back(ok("{\"a\": tru"));
    auto o = s.run_first();
    EXPECT_EQ(o.status, Status::fail);
    EXPECT_NE(o.message.find("not JSON"), std::string::npos) << o.message;
}

TEST(HttpCheck, ANumberTooLargeForADoubleIsAnAssertionFailureNotACrash) {
    // Found by assertion_fuzz: nlohmann's out_of_range (406) escaped the JSON
    // parse and ended the process.
    Suite s("smoke:\n  checks:\n    - kind: http\n      url: http://a/x\n      assert:\n        - "
            "json: /a\n");
    s.http.answers.push_back(ok("{\"a\": 1, \"b\": 333333333333333333333333333333e33333333}"));
    auto o = s.run_first();
    EXPECT_EQ(o.status, Status::fail);
    EXPECT_NE(o.message.find("not usable JSON"), std::string::npos) << o.message;
    EXPECT_NE(o.message.find("number overflow"), std::string::npos) << o.message;
}

TEST(HttpCheck, APointerTheAnswersShapeCannotResolveIsAMissingValueNotACrash) {
    // Found by assertion_fuzz: "/registros/" (an empty token) on an array made
    // nlohmann throw out_of_range (404) from at() after contains() said yes.
    Suite s("smoke:\n  checks:\n    - kind: http\n      url: http://a/x\n      assert:\n        - "
            "json: /registros/\n"
            "          equals: x\n");
    s.http.answers.push_back(ok("{\"registros\": [{\"curp\": \"GOCM800101HDFMRR00\"}]}"));
    auto o = s.run_first();
    EXPECT_EQ(o.status, Status::fail) << o.message;
    EXPECT_EQ(evidence(o, "phase"), "assertion");
}

TEST(HttpCheck, WrongContentTypeFails) {
    Suite s("smoke:\n  checks:\n    - kind: http\n      url: http://a/x\n      content_type: "
            "application/json\n");
    s.http.answers.push_back(ok("<html/>", "text/html"));
    auto o = s.run_first();
    EXPECT_EQ(o.status, Status::fail);
    EXPECT_NE(o.message.find("content-type"), std::string::npos) << o.message;
}

TEST(HttpCheck, TransportFailureKeepsPhaseAndTlsReason) {
    Suite s("smoke:\n  checks:\n    - kind: http\n      url: https://a/x\n");
    HttpFailure f{core::HttpPhase::tls, "TLS handshake failed: expired", core::HttpPhase::timeout,
                  core::TlsReason::expired};
    s.http.answers.push_back(f);
    auto o = s.run_first();
    EXPECT_EQ(o.status, Status::fail);
    EXPECT_EQ(evidence(o, "phase"), "TLS handshake");
    EXPECT_EQ(evidence(o, "tls_reason"), "certificate expired");
}

TEST(HttpCheck, RetriesWithBackoffUntilSuccess) {
    Suite s("smoke:\n  checks:\n    - kind: http\n      url: http://a/x\n      retries: 3\n      "
            "backoff: 10ms\n");
    s.http.answers.push_back(HttpFailure{core::HttpPhase::connect, "refused"});
    s.http.answers.push_back(ok("{}", "application/json", 503));
    s.http.answers.push_back(ok("{}"));
    auto o = s.run_first();
    EXPECT_EQ(o.status, Status::pass) << o.message;
    EXPECT_EQ(evidence(o, "attempts"), "3");
    EXPECT_EQ(s.http.requests.size(), 3u);
}

TEST(HttpCheck, RetriesStopAtTheLimit) {
    Suite s("smoke:\n  checks:\n    - kind: http\n      url: http://a/x\n      retries: 1\n      "
            "backoff: 1ms\n");
    s.http.answers.push_back(HttpFailure{core::HttpPhase::connect, "refused"});
    auto o = s.run_first();
    EXPECT_EQ(o.status, Status::fail);
    EXPECT_EQ(s.http.requests.size(), 2u);
}

TEST(HttpCheck, LatencyThresholds) {
    Suite s("smoke:\n  checks:\n    - kind: http\n      url: http://a/x\n      warn_latency: 30ms\n"
            "      crit_latency: 100ms\n");
    s.http.answers.push_back(ok("{}")); // 40 ms
    EXPECT_EQ(s.run_first().status, Status::warn);
    HttpResponse slow = ok("{}");
    slow.total = core::Millis(150);
    s.http.answers.clear();
    s.http.answers.push_back(slow);
    auto o = s.run_first();
    EXPECT_EQ(o.status, Status::fail);
    EXPECT_EQ(evidence(o, "phase"), "latency");
}

TEST(HttpCheck, CertificateExpiryThresholds) {
    Suite s(
        "smoke:\n  checks:\n    - kind: http\n      url: https://a/x\n      cert_warn_days: 30\n"
        "      cert_crit_days: 7\n");
    auto in_days = [](int d) {
        HttpResponse r = ok("{}");
        r.cert_not_after = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()) +
                           d * 86400L + 3600;
        return r;
    };
    s.http.answers.push_back(in_days(90));
    EXPECT_EQ(s.run_first().status, Status::pass);
    s.http.answers.clear();
    s.http.answers.push_back(in_days(20));
    EXPECT_EQ(s.run_first().status, Status::warn);
    s.http.answers.clear();
    s.http.answers.push_back(in_days(2));
    auto o = s.run_first();
    EXPECT_EQ(o.status, Status::fail);
    EXPECT_EQ(evidence(o, "phase"), "certificate");
}

TEST(HttpCheck, InsecureShowsAsWarn) {
    Suite s("smoke:\n  checks:\n    - kind: http\n      url: https://a/x\n      tls: {insecure: "
            "true}\n");
    s.http.answers.push_back(ok("{}"));
    auto o = s.run_first();
    EXPECT_EQ(o.status, Status::warn);
    EXPECT_NE(o.message.find("insecure"), std::string::npos);
    EXPECT_FALSE(s.http.requests.at(0).tls.verify);
}

TEST(HttpCheck, SendsMaintenanceBypassHeaderUnlessDisabled) {
    Suite s(R"(
maintenance:
  bypass_header: X-Compuerta-Bypass
  bypass_value: valor-secreto-123
smoke:
  checks:
    - kind: http
      url: http://a/x
    - kind: http
      url: http://a/y
      bypass_maintenance: false
)");
    s.http.answers.push_back(ok("{}"));
    auto checks = s.build();
    checks.at(0)->run(core::Deadline::after(core::Millis(1000)));
    checks.at(1)->run(core::Deadline::after(core::Millis(1000)));
    auto has = [](const core::HttpRequest& r) {
        for (const auto& [k, v] : r.headers)
            if (k == "X-Compuerta-Bypass" && v == "valor-secreto-123")
                return true;
        return false;
    };
    EXPECT_TRUE(has(s.http.requests.at(0)));
    EXPECT_FALSE(has(s.http.requests.at(1)));
}

TEST(HttpCheck, InvalidRegexIsAConfigErrorNamingTheCheck) {
    Suite s("smoke:\n  checks:\n    - kind: http\n      id: portal\n      url: http://a/x\n      "
            "assert:\n"
            "        - body_regex: 'a(b'\n");
    try {
        s.build();
        FAIL() << "expected ConfigError";
    } catch (const core::ConfigError& e) {
        std::string m = e.what();
        EXPECT_NE(m.find("smoke.checks[0].assert[0]"), std::string::npos) << m;
        EXPECT_NE(m.find("t.yml:"), std::string::npos) << m;
    }
}

TEST(HttpCheck, InvalidXPathAndPointerAreConfigErrors) {
    Suite x("smoke:\n  checks:\n    - kind: http\n      url: http://a/x\n      assert:\n        - "
            "xpath: '//['\n");
    EXPECT_THROW(x.build(), core::ConfigError);
    // A pointer written in the file is rejected when the file loads (file:line:column)...
    core::MapEnv env;
    try {
        (void)core::config::Config::load_string(
            "smoke:\n  checks:\n    - kind: http\n      url: http://a/x\n      assert:\n        - "
            "json: 'estado'\n",
            "t.yml", env);
        ADD_FAILURE() << "expected ConfigError";
    } catch (const core::ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find(
                      "t.yml:6:17: smoke.checks[0].assert[0].json: expected a JSON pointer "
                      "starting with / (e.g. /estado), got \"estado\""),
                  std::string::npos)
            << e.what();
    }
    // ...and one that comes from a variable where the check is built, by the same rule.
    env.set("PUNTERO", "estado");
    auto cfg =
        core::config::Config::load_string("smoke:\n  checks:\n    - kind: http\n      url: "
                                          "http://a/x\n      assert:\n        - json: ${PUNTERO}\n",
                                          "t.yml", env);
    FakeHttp http;
    smoke::SuiteContext ctx{cfg, env, smoke::Ports{nullptr, &http}, core::Millis(10000),
                            std::nullopt};
    try {
        smoke::build_suite(ctx, {});
        ADD_FAILURE() << "expected ConfigError";
    } catch (const core::ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find(
                      "expected a JSON pointer starting with / (e.g. /estado), got \"estado\""),
                  std::string::npos)
            << e.what();
    }
    Suite two("smoke:\n  checks:\n    - kind: http\n      url: http://a/x\n      assert:\n"
              "        - json: /a\n          body_contains: x\n");
    EXPECT_THROW(two.build(), core::ConfigError);
}

TEST(RenapoCheck, InvalidTestCurpIsAConfigErrorNamingTheCheck) {
    Suite s("smoke:\n  checks:\n    - kind: renapo\n      id: renapo-prod\n      endpoint: "
            "https://r/consulta\n"
            "      curp: HEGG560427MVZRRL05\n");
    try {
        s.build();
        FAIL() << "expected ConfigError";
    } catch (const core::ConfigError& e) {
        std::string m = e.what();
        EXPECT_NE(m.find("renapo-prod"), std::string::npos) << m;
        EXPECT_NE(m.find("check digit"), std::string::npos) << m;
    }
}

TEST(RenapoCheck, JsonLookupPassesAndChecksTheCurp) {
    Suite s("smoke:\n  checks:\n    - kind: renapo\n      endpoint: https://r/consulta\n"
            "      curp: HEGG560427MVZRRL04\n      token: token-de-prueba\n");
    s.http.answers.push_back(
        ok(R"({"codigo":"01","mensaje":"ok","registros":[{"curp":"HEGG560427MVZRRL04",
        "statusCurp":"AN"}]})"));
    auto o = s.run_first();
    EXPECT_EQ(o.status, Status::pass) << o.message;
    EXPECT_EQ(evidence(o, "status_curp"), "AN");
    const auto& req = s.http.requests.at(0);
    EXPECT_EQ(req.method, "POST");
    EXPECT_NE(req.body.find("\"tipoBusqueda\":\"curp\""), std::string::npos);
    s.http.answers.clear();
    s.http.answers.push_back(
        ok(R"({"codigo":"01","mensaje":"ok","registros":[{"curp":"GOCM800101HDFMRR00"}]})"));
    auto other = s.run_first();
    EXPECT_EQ(other.status, Status::fail);
    // CURPs are personal data: masked in every output by default (privacy.mask_personal_data).
    EXPECT_NE(other.message.find("instead of [CURP]"), std::string::npos) << other.message;
    EXPECT_EQ(other.message.find("HEGG560427MVZRRL04"), std::string::npos) << other.message;
}

TEST(RenapoCheck, SoapNoExitosoFailsWithRenapoReason) {
    Suite s("smoke:\n  checks:\n    - kind: renapo\n      shape: soap\n      endpoint: "
            "https://r/ConsultaPorCurp\n"
            "      curp: HEGG560427MVZRRL04\n      user: sep\n      password: clave-larga\n");
    s.http.answers.push_back(
        ok("<r><StatusOper>NO EXITOSO</StatusOper><TipoError>Usuario inválido</TipoError>"
           "<CodigoError>01</CodigoError></r>",
           "text/xml; charset=utf-8"));
    auto o = s.run_first();
    EXPECT_EQ(o.status, Status::fail);
    EXPECT_NE(o.message.find("Usuario inválido"), std::string::npos) << o.message;
    EXPECT_NE(s.http.requests.at(0).body.find("<usuario>sep</usuario>"), std::string::npos);
}

TEST(RenapoCheck, WrongContentTypeFails) {
    Suite s("smoke:\n  checks:\n    - kind: renapo\n      endpoint: https://r/consulta\n      "
            "curp: HEGG560427MVZRRL04\n");
    s.http.answers.push_back(ok("<html>portal</html>", "text/html"));
    auto o = s.run_first();
    EXPECT_EQ(o.status, Status::fail);
    EXPECT_NE(o.message.find("content type \"text/html\""), std::string::npos) << o.message;
}
