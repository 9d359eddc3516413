// Notifications, maintenance backends, sign-off checks and mail rendering, with fakes.
#include "core/config/config.hpp"
#include "core/errors.hpp"
#include "core/journal.hpp"
#include "core/ports/mail.hpp"
#include "core/secrets.hpp"
#include "core/signoffs.hpp"
#include "plugin/window/maintenance.hpp"
#include "plugin/window/notify.hpp"
#include "tests/support/support.hpp"

#include <gtest/gtest.h>

using namespace compuerta;
using namespace compuerta::plugin::window;
using nlohmann::json;

namespace {

class FakeHttp final : public core::Http {
  public:
    std::vector<core::HttpRequest> requests;
    std::vector<core::Result<core::HttpResponse, core::HttpFailure>> answers;
    core::Result<core::HttpResponse, core::HttpFailure> send(const core::HttpRequest& req, const core::Deadline&) override {
        requests.push_back(req);
        auto a = answers.front();
        if (answers.size() > 1) answers.erase(answers.begin());
        return a;
    }
};

core::HttpResponse response(long status, std::string body = "") {
    core::HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

class NoPostgres final : public core::Postgres {
  public:
    std::vector<std::string> queries;
    std::string answer = "t";
    core::Result<core::PgProbe, core::PgFailure> probe(const std::string&, const std::string& q, const core::Deadline&) override {
        queries.push_back(q);
        core::PgProbe p;
        p.first_value = answer;
        p.database = "muses";
        return p;
    }
};

MessageFacts facts() {
    MessageFacts f;
    f.kind = "rollback";
    f.item = "R5";
    f.release = "v1.4.0";
    f.environment = "produccion";
    f.window_start = "2026-12-01T02:00:00-06:00";
    f.window_end = "2026-12-01T04:00:00-06:00";
    f.result = "restaurado v1.3.2";
    f.pipeline_url = "https://gitlab.example/p/1";
    return f;
}

} // namespace

TEST(WindowNotify, BuiltinTemplatesFillEveryPlaceholderInSpanishAndEnglish) {
    for (Lang lang : {Lang::es, Lang::en})
        for (const char* kind : {"window", "success", "rollback"}) {
            Message m = build_message(builtin_template(kind, lang), facts());
            EXPECT_EQ(m.subject.find('{'), std::string::npos) << m.subject;
            EXPECT_EQ(m.body.find('{'), std::string::npos) << m.body;
            EXPECT_NE(m.subject.find("v1.4.0"), std::string::npos);
            EXPECT_NE(m.body.find("https://gitlab.example/p/1"), std::string::npos);
            EXPECT_NE(m.body.find("—"), std::string::npos) << "unknown report URL shown as a dash";
        }
    Message es = build_message(builtin_template("rollback", Lang::es), facts());
    EXPECT_NE(es.subject.find("revertido"), std::string::npos);
    EXPECT_NE(es.body.find("restaurado v1.3.2"), std::string::npos);
    Message custom = build_message({"{release} listo", "Ventana {window_start}"}, facts());
    EXPECT_EQ(custom.subject, "v1.4.0 listo");
}

TEST(WindowNotify, PayloadsHaveEachServicesShape) {
    Message m{"Asunto", "línea 1\nlínea 2"};
    auto slack = json::parse(webhook_payload("slack", m, facts()));
    EXPECT_EQ(slack["text"], "*Asunto*\nlínea 1\nlínea 2");
    auto mm = json::parse(webhook_payload("mattermost", m, facts()));
    EXPECT_EQ(mm["username"], "compuerta");
    auto teams = json::parse(webhook_payload("teams", m, facts()));
    EXPECT_EQ(teams["@type"], "MessageCard");
    EXPECT_EQ(teams["title"], "Asunto");
    EXPECT_EQ(teams["themeColor"], "C62828");
    EXPECT_EQ(teams["potentialAction"][0]["targets"][0]["uri"], "https://gitlab.example/p/1");
    auto generic = json::parse(webhook_payload("json", m, facts()));
    EXPECT_EQ(generic["kind"], "rollback");
    EXPECT_EQ(generic["item"], "R5");
    EXPECT_EQ(generic["release"], "v1.4.0");
    EXPECT_EQ(generic["window"]["end"], "2026-12-01T04:00:00-06:00");
}

TEST(WindowNotify, DeliveryFailuresSayWhyAndNeverShowTheUrl) {
    const std::string url = "https://hooks.example/services/T000/B000/XXXXSECRET";
    core::SecretRegistry::global().add(url, "test");
    FakeHttp http;
    http.answers = {response(500, "internal error")};
    auto r = deliver_webhook(http, url, "{}", {}, core::Deadline::after(core::Millis(1000)));
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("HTTP 500"), std::string::npos);
    EXPECT_TRUE(http.requests[0].follow_redirects);
    EXPECT_EQ(http.requests[0].max_redirects, 3);
    http.answers = {core::HttpFailure{core::HttpPhase::connect, "connect failed for " + url + ": refused"}};
    r = deliver_webhook(http, url, "{}", {}, core::Deadline::after(core::Millis(1000)));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message.find("XXXXSECRET"), std::string::npos) << r.error().message;
    http.answers = {response(204)};
    EXPECT_TRUE(deliver_webhook(http, url, "{}", {}, core::Deadline::after(core::Millis(1000))));
    core::SecretRegistry::global().clear();
}

TEST(WindowMaintenance, FileBackendIsIdempotent) {
    test::TempDir dir;
    MaintenanceSettings s;
    s.flag_file = (dir / "maintenance.flag").string();
    FakeHttp http;
    NoPostgres pg;
    auto b = make_backend(s, http, pg);
    auto d = core::Deadline::after(core::Millis(1000));
    EXPECT_FALSE(b->state(d).value().value());
    auto on1 = b->set(true, d);
    ASSERT_TRUE(on1);
    EXPECT_TRUE(on1->changed);
    EXPECT_FALSE(b->set(true, d)->changed);
    EXPECT_TRUE(b->state(d).value().value());
    EXPECT_TRUE(b->set(false, d)->changed);
    EXPECT_FALSE(b->set(false, d)->changed);
    EXPECT_FALSE(std::filesystem::exists(s.flag_file));
}

TEST(WindowMaintenance, HttpBackendSendsTheBodyAndReportsAnEndpointThatFails) {
    MaintenanceSettings s;
    s.backend = "http";
    s.admin_url = "http://127.0.0.1:9/admin/maintenance";
    s.admin_token = "tok-abcdef-123";
    core::SecretRegistry::global().add(s.admin_token, "test");
    FakeHttp http;
    NoPostgres pg;
    http.answers = {response(200), response(500, "token tok-abcdef-123 rejected")};
    auto b = make_backend(s, http, pg);
    auto d = core::Deadline::after(core::Millis(1000));
    ASSERT_TRUE(b->set(true, d));
    EXPECT_EQ(http.requests[0].method, "POST");
    EXPECT_EQ(http.requests[0].body, "{\"maintenance\": true}");
    EXPECT_EQ(http.requests[0].headers.back().second, "Bearer tok-abcdef-123");
    auto off = b->set(false, d);
    ASSERT_FALSE(off);
    EXPECT_NE(off.error().message.find("HTTP 500"), std::string::npos);
    EXPECT_EQ(off.error().message.find("tok-abcdef-123"), std::string::npos) << off.error().message;
    EXPECT_FALSE(b->state(d).value().has_value()) << "the journal decides for http";
    core::SecretRegistry::global().clear();
}

TEST(WindowMaintenance, SqlBackendRunsTheStatementsAndReadsTheState) {
    MaintenanceSettings s;
    s.backend = "sql";
    s.on_sql = fill_placeholders("UPDATE ajustes SET mantenimiento = true, version = '{tag}'", {{"tag", "v1.4.0"}});
    s.off_sql = "UPDATE ajustes SET mantenimiento = false";
    s.state_sql = "SELECT mantenimiento FROM ajustes";
    FakeHttp http;
    NoPostgres pg;
    auto b = make_backend(s, http, pg);
    auto d = core::Deadline::after(core::Millis(1000));
    ASSERT_TRUE(b->set(true, d));
    EXPECT_EQ(pg.queries[0], "UPDATE ajustes SET mantenimiento = true, version = 'v1.4.0'");
    EXPECT_TRUE(b->state(d).value().value());
    pg.answer = "f";
    EXPECT_FALSE(b->state(d).value().value());
}

TEST(WindowMaintenance, MissingSettingsAreConfigErrorsNamingTheKey) {
    FakeHttp http;
    NoPostgres pg;
    MaintenanceSettings s;
    try {
        make_backend(s, http, pg);
        FAIL();
    } catch (const core::ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("maintenance.flag_file"), std::string::npos);
    }
    s.backend = "ftp";
    EXPECT_THROW(make_backend(s, http, pg), core::UsageError);
}

TEST(WindowSignoffs, GateRequirementsAreMatchedByCommandNameInAnySpelling) {
    core::MapEnv env;
    auto cfg = core::config::Config::load_string("plan:\n  signoffs:\n    gate-release: [\"1.2\", \"3.5\"]\n    smoke: [\"1.2\"]\n",
                                                 "t.yml", env);
    EXPECT_EQ(core::required_signoffs(cfg, "gate release"), (std::vector<std::string>{"1.2", "3.5"}));
    EXPECT_EQ(core::required_signoffs(cfg, "compuerta-gate-release").size(), 2u);
    EXPECT_TRUE(core::required_signoffs(cfg, "gate qa").empty());
    EXPECT_TRUE(core::required_signoffs(core::config::Config::none(env), "smoke").empty());
}

TEST(WindowSignoffs, CheckWaitsForAPersonUntilTheSignoffIsJournaled) {
    core::MapEnv env;
    auto cfg = core::config::Config::load_string("plan:\n  signoffs:\n    smoke: [\"1.2\"]\n", "t.yml", env);
    test::TempDir dir;
    auto checks = core::signoff_checks(cfg, "smoke", dir.path());
    ASSERT_EQ(checks.size(), 1u);
    EXPECT_EQ(checks[0]->spec().item, "1.2");
    auto missing = checks[0]->run(core::Deadline::after(core::Millis(1000)));
    EXPECT_EQ(missing.status, core::Status::skip) << "nothing failed: a person has not decided yet";
    EXPECT_TRUE(missing.waiting);
    EXPECT_NE(missing.message.find("compuerta signoff 1.2 --by"), std::string::npos) << missing.message;

    core::FixedClock clock(core::WallTime{} + std::chrono::hours(24 * 365 * 56));
    core::RunIdentity id;
    id.run = "r";
    id.job = "j";
    id.actor = "ci";
    {
        core::Journal j(dir.path(), id, "signoff", clock);
        core::Event e;
        e.event = "signoff";
        e.item = "1.2";
        e.status = "ok";
        e.extra["by"] = "Ana Pérez";
        j.append(e);
    }
    auto present = checks[0]->run(core::Deadline::after(core::Millis(1000)));
    EXPECT_EQ(present.status, core::Status::pass);
    EXPECT_FALSE(present.waiting);
    EXPECT_NE(present.message.find("Ana Pérez"), std::string::npos);
}

TEST(WindowMail, MessageIsCrlfWithAnEncodedSpanishSubject) {
    core::MailMessage m{"compuerta@sep.example", {"a@sep.example", "b@sep.example"}, "Despliegue de v1.4 exitoso — producción",
                        "Línea 1\nLínea 2"};
    std::string text = core::render_mail(m, "Tue, 01 Dec 2026 08:00:00 +0000", "<1@x>");
    EXPECT_NE(text.find("Subject: =?UTF-8?B?"), std::string::npos);
    EXPECT_NE(text.find("To: a@sep.example, b@sep.example\r\n"), std::string::npos);
    EXPECT_NE(text.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
    EXPECT_NE(text.find("\r\n\r\nLínea 1\r\nLínea 2\r\n"), std::string::npos);
    EXPECT_EQ(text.find("\n\n"), std::string::npos) << "every newline is CRLF";
}
