// Messages that name the right cause (issue 15 item 4): the run's deadline
// versus the check's timeout, redirect loops, an accept-and-hang PostgreSQL
// port under the default sslmode, postgres messages that start with their
// phase, Retry-After on 429/503, RENAPO's own SOAP text.
#include "core/ports/http.hpp"
#include "core/ports/postgres.hpp"
#include "smoke/checks/http.hpp"
#include "smoke/checks/postgres.hpp"
#include "smoke/checks/retry_after.hpp"
#include "smoke/renapo/shapes.hpp"
#include "tests/integration/hardening/scripted_server.hpp"
#include "tests/support/support.hpp"

#include <gtest/gtest.h>

using namespace compuerta;
using core::Deadline;
using core::Millis;

namespace {

smoke::checks::HttpCheck http_check(const std::string& url, int retries) {
    core::CheckSpec spec;
    spec.id = "api";
    spec.item = "6.2";
    smoke::checks::HttpOptions o;
    o.request.url = url;
    o.retries = retries;
    o.backoff = Millis(10);
    static auto http = core::make_curl_http();
    return smoke::checks::HttpCheck(spec, o, *http);
}

std::string evidence(const core::Outcome& o, const std::string& key) {
    for (const auto& [k, v] : o.evidence)
        if (k == key)
            return v;
    return {};
}

} // namespace

TEST(HardeningMessages, TimeoutByTheRunsDeadlineSaysSoNotTheChecksTimeout) {
    test::ScriptedServer silent({""});
    auto http = core::make_curl_http();
    core::HttpRequest req;
    req.url = silent.url("/slow");
    auto by_run = http->send(req, Deadline::after(Millis(300)).for_run());
    ASSERT_FALSE(by_run.ok());
    EXPECT_EQ(by_run.error().phase, core::HttpPhase::timeout);
    EXPECT_TRUE(test::contains(by_run.error().message, "run's deadline")) << by_run.error().message;
    EXPECT_FALSE(test::contains(by_run.error().message, "raise the check's timeout"))
        << by_run.error().message;
    auto own = http->send(req, Deadline::after(Millis(300)));
    ASSERT_FALSE(own.ok());
    EXPECT_TRUE(test::contains(own.error().message, "raise the check's timeout")) << own.error().message;
    EXPECT_TRUE(test::contains(own.error().message, "stopped while waiting for the answer"))
        << own.error().message;
}

TEST(HardeningMessages, EarliestKeepsWhichDeadlineApplies) {
    Deadline run = Deadline::after(Millis(1000)).for_run();
    EXPECT_TRUE(Deadline::after(Millis(5000)).earliest(run).by_run());
    EXPECT_FALSE(Deadline::after(Millis(100)).earliest(run).by_run());
    EXPECT_FALSE(Deadline::never().for_run().by_run());
}

TEST(HardeningMessages, TlsHandshakeTimeoutIsGrammatical) {
    test::ScriptedServer silent({""});
    auto http = core::make_curl_http();
    core::HttpRequest req;
    req.url = "https://127.0.0.1:" + std::to_string(silent.port()) + "/";
    auto r = http->send(req, Deadline::after(Millis(400)));
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(test::contains(r.error().message, "stopped during the TLS handshake")) << r.error().message;
    EXPECT_FALSE(test::contains(r.error().message, "while TLS")) << r.error().message;
}

TEST(HardeningMessages, RedirectLoopIsNamedAsRedirects) {
    test::ScriptedServer loop({test::http_answer(302, "Location: /loop\r\n")});
    auto http = core::make_curl_http();
    core::HttpRequest req;
    req.url = loop.url("/loop");
    req.follow_redirects = true;
    req.max_redirects = 3;
    auto r = http->send(req, Deadline::after(Millis(5000)));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().phase, core::HttpPhase::redirect);
    EXPECT_EQ(core::to_string(r.error().phase), "redirects");
    EXPECT_TRUE(test::contains(r.error().message, "redirected more than 3 times")) << r.error().message;
    EXPECT_FALSE(test::contains(r.error().message, "receiving the answer")) << r.error().message;
}

TEST(HardeningMessages, AcceptAndHangPostgresUnderDefaultSslmodeSaysNeverAnswered) {
    test::ScriptedServer silent({""});
    auto pg = core::make_libpq_postgres();
    // No sslmode: libpq's default (prefer) first sends an SSL request.
    auto r = pg->probe("host=127.0.0.1 port=" + std::to_string(silent.port()) + " dbname=x user=x",
                       "SELECT 1", Deadline::after(Millis(700)));
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().timed_out);
    EXPECT_EQ(r.error().phase, core::PgPhase::startup);
    EXPECT_TRUE(test::contains(r.error().message, "never answered")) << r.error().message;
    EXPECT_FALSE(test::contains(r.error().message, "TLS")) << r.error().message;
}

TEST(HardeningMessages, PostgresCheckMessageStartsWithItsPhase) {
    test::ScriptedServer silent({""});
    auto pg = core::make_libpq_postgres();
    core::CheckSpec spec;
    spec.id = "db";
    smoke::checks::PostgresOptions o;
    o.dsn = "host=127.0.0.1 port=1 dbname=x user=x sslmode=disable connect_timeout=2";
    smoke::checks::PostgresCheck refused(spec, o, *pg);
    auto out = refused.run(Deadline::after(Millis(3000)));
    EXPECT_EQ(out.status, core::Status::fail);
    EXPECT_EQ(out.message.rfind("TCP connect: ", 0), 0u) << out.message;
    o.dsn = "host=127.0.0.1 port=" + std::to_string(silent.port()) + " dbname=x user=x";
    smoke::checks::PostgresCheck hung(spec, o, *pg);
    out = hung.run(Deadline::after(Millis(500)));
    EXPECT_EQ(out.message.rfind("server startup answer: ", 0), 0u) << out.message;
}

TEST(HardeningMessages, RetryAfterOn503IsHonouredWithinTheDeadline) {
    test::ScriptedServer s({test::http_answer(503, "Retry-After: 1\r\n"), test::http_answer(200)});
    auto check = http_check(s.url("/health"), 1);
    auto o = check.run(Deadline::after(Millis(10'000)));
    EXPECT_EQ(o.status, core::Status::pass) << o.message;
    EXPECT_EQ(s.connections(), 2);
    EXPECT_EQ(evidence(o, "attempts"), "2");
}

TEST(HardeningMessages, RetryAfterBeyondTheDeadlineIsNotWaitedFor) {
    test::ScriptedServer s(
        {test::http_answer(429, "Retry-After: 3600\r\n"), test::http_answer(200)});
    auto check = http_check(s.url("/health"), 3);
    auto o = check.run(Deadline::after(Millis(5'000)));
    EXPECT_EQ(o.status, core::Status::fail);
    EXPECT_EQ(s.connections(), 1);
    EXPECT_EQ(evidence(o, "retry_after_ms"), "3600000");
    EXPECT_TRUE(test::contains(o.message, "asked to retry after 3600000 ms, past the deadline")) << o.message;
}

TEST(HardeningMessages, RetryAfterParsesSecondsAndHttpDates) {
    auto now = std::chrono::system_clock::from_time_t(1'795'330'800); // 2026-11-22T07:00:00Z
    using smoke::checks::parse_retry_after;
    EXPECT_EQ(parse_retry_after("120", now), Millis(120'000));
    EXPECT_EQ(parse_retry_after(" 0 ", now), Millis(0));
    EXPECT_EQ(parse_retry_after("Sun, 22 Nov 2026 07:00:30 GMT", now), Millis(30'000));
    EXPECT_EQ(parse_retry_after("Sun, 22 Nov 2026 06:00:00 GMT", now), Millis(0));
    for (std::string bad : {"", "-1", "soon", "1.5", "99999999999", "Sun, 22 Nov 2026 07:00:30"})
        EXPECT_FALSE(parse_retry_after(bad, now).has_value()) << bad;
}

TEST(HardeningMessages, SoapNoExitosoKeepsRenaposOwnText) {
    const std::string body =
        "<?xml version=\"1.0\"?><soap:Envelope "
        "xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
        "<r><StatusOper>NO EXITOSO</StatusOper><TipoError/><CodigoError>07</CodigoError>"
        "<mensaje>Servicio en mantenimiento, intente más "
        "tarde</mensaje></r></soap:Body></soap:Envelope>";
    auto a = smoke::renapo::parse_answer(smoke::renapo::Shape::soap, body);
    ASSERT_TRUE(a.ok()) << a.error().message;
    EXPECT_FALSE(a.value().success);
    EXPECT_EQ(a.value().code, "07");
    EXPECT_EQ(a.value().message, "NO EXITOSO: Servicio en mantenimiento, intente más tarde");
}
