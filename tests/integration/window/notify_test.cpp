// compuerta notify against a local webhook receiver (Python stdlib) and a
// local SMTP server (npm's smtp-server: STARTTLS, implicit TLS, AUTH).
#include "core/journal.hpp"
#include "tests/integration/window/background.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace compuerta;
using namespace compuerta::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string k_fixtures = std::string(COMPUERTA_SOURCE_DIR) + "/tests/fixtures/window";
const std::string k_hook_secret = "T0KEN-hook-5e4b1c";
const std::string k_smtp_password = "clave-smtp-9d2e";

struct Receiver {
    TempDir dir;
    std::unique_ptr<Background> proc;
    int port = -1;
    Receiver() {
        proc = std::make_unique<Background>("python3", std::vector<std::string>{k_fixtures + "/webhook_receiver.py",
                                            (dir / "port").string(), (dir / "log.jsonl").string()},
                                            dir / "out.log");
        port = wait_for_port_file(dir / "port");
    }
    std::string url(const std::string& path) const { return fmt::format("http://127.0.0.1:{}/{}/{}", port, path, k_hook_secret); }
    std::vector<json> received() const {
        std::vector<json> out;
        if (!fs::exists(dir / "log.jsonl")) return out;
        std::istringstream in(read_file(dir / "log.jsonl"));
        for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
        return out;
    }
};

struct Certs {
    TempDir dir;
    bool ok = false;
    Certs() {
        test::Run r = run("openssl", {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                "-keyout", (dir / "key.pem").string(), "-out", (dir / "cert.pem").string(), "-days", "2",
                                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"});
        ok = r.code == 0;
    }
    std::string cert() const { return (dir / "cert.pem").string(); }
    std::string key() const { return (dir / "key.pem").string(); }
};

bool have_smtp_server() {
    return fs::exists(std::string(COMPUERTA_SOURCE_DIR) + "/tests/tools/window/node_modules/smtp-server");
}

struct SmtpServer {
    TempDir dir;
    std::unique_ptr<Background> proc;
    int port = -1;
    SmtpServer(const std::string& mode, const Certs& certs) {
        fs::create_directories(dir / "mail");
        proc = std::make_unique<Background>(
            "node",
            std::vector<std::string>{k_fixtures + "/smtp_server.js", "--mode", mode, "--port-file", (dir / "port").string(),
                                     "--mail-dir", (dir / "mail").string(), "--cert", certs.cert(), "--key", certs.key(),
                                     "--user", "compuerta", "--pass", k_smtp_password},
            dir / "out.log");
        port = wait_for_port_file(dir / "port");
    }
};

struct Env {
    TempDir dir;
    std::map<std::string, std::string> vars;
    Env() {
        vars = {{"COMPUERTA_JOURNAL", (dir / "journal").string()}, {"COMPUERTA_LANG", "es"}, {"SMTP_PASSWORD", k_smtp_password},
                {"CI_PIPELINE_URL", "https://gitlab.example/sep/muses/-/pipelines/77"}, {"COMPUERTA_RUN", "77"}};
    }
    test::Run notify(const std::string& yml, std::vector<std::string> args) {
        write_file(dir / "compuerta.yml", yml);
        args.insert(args.begin(), "notify");
        args.insert(args.end(), {"-c", (dir / "compuerta.yml").string()});
        test::Run r = run("compuerta", args, vars, std::nullopt, 60);
        for (const auto& secret : {k_hook_secret, k_smtp_password}) {
            EXPECT_EQ(r.out.find(secret), std::string::npos) << "secret printed: " << r.out;
            EXPECT_EQ(r.err.find(secret), std::string::npos) << "secret printed: " << r.err;
        }
        return r;
    }
    std::vector<json> journal() const { return core::read_journal(dir / "journal").events; }
    std::string journal_text() const {
        std::string all;
        for (const auto& e : fs::directory_iterator(dir / "journal")) all += read_file(e.path());
        return all;
    }
};

const std::string k_window = "window:\n  start: \"2026-12-01T02:00:00-06:00\"\n  end: \"2026-12-01T04:00:00-06:00\"\n"
                             "  environment: produccion\n  release: v1.4.0\n";

std::string email_yml(const std::string& url, const std::string& extra) {
    return k_window + fmt::format("notify:\n  email:\n    smtp_url: {}\n    username: compuerta\n    password: ${{SMTP_PASSWORD}}\n"
                                  "    from: despliegues@sep.example\n    to: [lider@sep.example, qa@sep.example]\n{}",
                                  url, extra);
}

} // namespace

TEST(WindowNotifyIntegration, EveryWebhookKindGetsItsPayloadAndEachDeliveryIsJournaled) {
    Receiver rx;
    ASSERT_GT(rx.port, 0);
    Env env;
    std::string yml = k_window + fmt::format("notify:\n  report_url: https://ci.example/report.html\n  webhooks:\n"
                                             "    - {{type: slack, url: \"{}\"}}\n    - {{type: teams, url: \"{}\"}}\n"
                                             "    - {{type: mattermost, url: \"{}\"}}\n    - {{type: json, url: \"{}\"}}\n",
                                             rx.url("ok/slack"), rx.url("ok/teams"), rx.url("ok/mm"), rx.url("ok/json"));
    test::Run r = env.notify(yml, {"window"});
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    auto got = rx.received();
    ASSERT_EQ(got.size(), 4u);
    auto slack = json::parse(got[0]["body"].get<std::string>());
    EXPECT_NE(slack["text"].get<std::string>().find("Ventana de mantenimiento para v1.4.0"), std::string::npos);
    EXPECT_NE(slack["text"].get<std::string>().find("https://gitlab.example/sep/muses/-/pipelines/77"), std::string::npos);
    EXPECT_NE(slack["text"].get<std::string>().find("https://ci.example/report.html"), std::string::npos);
    EXPECT_EQ(json::parse(got[1]["body"].get<std::string>())["@type"], "MessageCard");
    EXPECT_EQ(json::parse(got[2]["body"].get<std::string>())["username"], "compuerta");
    auto generic = json::parse(got[3]["body"].get<std::string>());
    EXPECT_EQ(generic["kind"], "window");
    EXPECT_EQ(generic["window"]["start"], "2026-12-01T02:00:00-06:00");
    EXPECT_EQ(got[3]["headers"]["Content-Type"], "application/json; charset=utf-8");
    int ok = 0;
    for (const auto& e : env.journal())
        if (e["event"] == "notify" && e["status"] == "ok" && e["item"] == "1.1" && e["kind"] == "window") ++ok;
    EXPECT_EQ(ok, 4);
    EXPECT_EQ(env.journal_text().find(k_hook_secret), std::string::npos) << "webhook URL in the journal";

    // English, from flags alone (no webhooks in the file).
    test::Run en = env.notify(k_window, {"success", "--lang", "en", "--webhook", "json=" + rx.url("ok/en")});
    ASSERT_EQ(en.code, 0) << en.out << en.err;
    auto last = json::parse(rx.received().back()["body"].get<std::string>());
    EXPECT_EQ(last["subject"], "[produccion] Deployment of v1.4.0 succeeded");
    EXPECT_EQ(last["item"], "7.2");
}

TEST(WindowNotifyIntegration, UndeliverableWebhooksExitOneWithTheReason) {
    Receiver rx;
    ASSERT_GT(rx.port, 0);
    Env env;
    test::Run fail = env.notify(k_window, {"rollback", "--webhook", "json=" + rx.url("fail")});
    EXPECT_EQ(fail.code, 1);
    EXPECT_NE(fail.out.find("HTTP 500"), std::string::npos) << fail.out;
    test::Run loop = env.notify(k_window, {"rollback", "--webhook", "slack=" + rx.url("loop")});
    EXPECT_EQ(loop.code, 1);
    // The configuration says lang: es, so the transport's reason is Spanish too.
    EXPECT_NE(loop.out.find("redirigió más de"), std::string::npos) << loop.out;
    auto t0 = std::chrono::steady_clock::now();
    test::Run slow = env.notify(k_window, {"rollback", "--timeout", "1s", "--webhook", "teams=" + rx.url("slow")});
    auto took = std::chrono::steady_clock::now() - t0;
    EXPECT_EQ(slow.code, 1);
    EXPECT_NE(slow.out.find("timed out"), std::string::npos) << slow.out;
    EXPECT_LT(took, std::chrono::seconds(10)) << "a slow webhook must not hang notify (timeout 1s, server sleeps 30s)";
    test::Run refused = env.notify(k_window, {"rollback", "--webhook", fmt::format("json=http://127.0.0.1:{}/x/{}", free_port(), k_hook_secret)});
    EXPECT_EQ(refused.code, 1);
    int failed = 0;
    for (const auto& e : env.journal())
        if (e["event"] == "notify" && e["status"] == "fail" && e["item"] == "R5") ++failed;
    EXPECT_EQ(failed, 4);
    test::Run none = env.notify(k_window, {"window"});
    EXPECT_EQ(none.code, 2) << "no channel configured";
}

TEST(WindowNotifyIntegration, EmailOverStartTlsWithAuth) {
    if (!have_smtp_server()) GTEST_SKIP() << "smtp-server not installed: run scripts/setup-test-tools.sh";
    Certs certs;
    ASSERT_TRUE(certs.ok);
    SmtpServer smtp("starttls", certs);
    ASSERT_GT(smtp.port, 0);
    Env env;
    test::Run r = env.notify(email_yml(fmt::format("smtp://127.0.0.1:{}", smtp.port), "    ca_file: " + certs.cert() + "\n"),
                       {"success"});
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    ASSERT_TRUE(fs::exists(smtp.dir / "mail" / "1.json")) << read_file(smtp.dir / "out.log.err");
    auto env_json = json::parse(read_file(smtp.dir / "mail" / "1.json"));
    EXPECT_EQ(env_json["auth_user"], "compuerta");
    EXPECT_EQ(env_json["secure"], true) << "the message travelled after STARTTLS";
    EXPECT_EQ(env_json["to"], json::array({"lider@sep.example", "qa@sep.example"}));
    std::string eml = read_file(smtp.dir / "mail" / "1.eml");
    EXPECT_NE(eml.find("From: despliegues@sep.example"), std::string::npos);
    EXPECT_NE(eml.find("La versión v1.4.0 está en producción (produccion)."), std::string::npos) << eml;
    EXPECT_NE(eml.find("https://gitlab.example/sep/muses/-/pipelines/77"), std::string::npos);
}

TEST(WindowNotifyIntegration, EmailOverImplicitTls) {
    if (!have_smtp_server()) GTEST_SKIP() << "smtp-server not installed: run scripts/setup-test-tools.sh";
    Certs certs;
    ASSERT_TRUE(certs.ok);
    SmtpServer smtp("implicit", certs);
    ASSERT_GT(smtp.port, 0);
    Env env;
    test::Run r = env.notify(email_yml(fmt::format("smtps://127.0.0.1:{}", smtp.port),
                                 "    tls: implicit\n    ca_file: " + certs.cert() + "\n"),
                       {"window", "--mail-to", "infra@sep.example"});
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    auto env_json = json::parse(read_file(smtp.dir / "mail" / "1.json"));
    EXPECT_EQ(env_json["secure"], true);
    EXPECT_EQ(env_json["to"], json::array({"infra@sep.example"}));
}

TEST(WindowNotifyIntegration, EmailFaultsAreFailuresThatSayWhy) {
    if (!have_smtp_server()) GTEST_SKIP() << "smtp-server not installed: run scripts/setup-test-tools.sh";
    Certs certs;
    ASSERT_TRUE(certs.ok);
    SmtpServer smtp("starttls", certs);
    ASSERT_GT(smtp.port, 0);
    Env env;
    std::string url = fmt::format("smtp://127.0.0.1:{}", smtp.port);

    env.vars["SMTP_PASSWORD"] = "clave-equivocada-1";
    test::Run auth = env.notify(email_yml(url, "    ca_file: " + certs.cert() + "\n"), {"rollback"});
    EXPECT_EQ(auth.code, 1);
    EXPECT_NE(auth.out.find("falló en la autenticación"), std::string::npos) << auth.out; // lang: es
    EXPECT_EQ(auth.out.find("clave-equivocada-1"), std::string::npos);
    env.vars["SMTP_PASSWORD"] = k_smtp_password;

    test::Run untrusted = env.notify(email_yml(url, ""), {"rollback"});
    EXPECT_EQ(untrusted.code, 1);
    EXPECT_NE(untrusted.out.find("TLS"), std::string::npos) << untrusted.out;

    SmtpServer plain("plain", certs);
    ASSERT_GT(plain.port, 0);
    test::Run no_starttls = env.notify(email_yml(fmt::format("smtp://127.0.0.1:{}", plain.port), ""), {"rollback"});
    EXPECT_EQ(no_starttls.code, 1);
    EXPECT_NE(no_starttls.out.find("STARTTLS"), std::string::npos) << no_starttls.out;
    EXPECT_FALSE(fs::exists(plain.dir / "mail" / "1.eml")) << "nothing sent in clear text";

    test::Run unreachable = env.notify(email_yml(fmt::format("smtp://127.0.0.1:{}", free_port()), ""), {"rollback"});
    EXPECT_EQ(unreachable.code, 1);
    EXPECT_NE(unreachable.out.find("falló en la conexión"), std::string::npos) << unreachable.out;
    EXPECT_FALSE(fs::exists(smtp.dir / "mail" / "1.eml"));
}
