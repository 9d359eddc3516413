// Commands run in-process through main_for() with the fake world of
// tests/support/fakes.hpp instead of the real adapters: each test proves the
// command takes its ports from the composition root (a command that built its
// own adapter would reach the network, a database or a real process here and
// the test would see it) and that the exit code follows what the fakes say.
#include "tests/support/fakes.hpp"
#include "tests/support/support.hpp"

#include <gtest/gtest.h>

namespace compuerta::test {
namespace {

core::Result<core::HttpResponse, core::HttpFailure> json(long status, const std::string& body) {
    return http_answer(status, body, {{"content-type", "application/json"}});
}

TEST(CommandsWithFakes, GateDefectsAsksTheTrackerThroughTheFakeHttp) {
    Sandbox box;
    FakeWorld world;
    std::string answer = "[]";
    world.http = [&](const core::HttpRequest& r) {
        EXPECT_TRUE(contains(r.url, "https://gitlab.example/api/v4/projects/42/issues?")) << r.url;
        return json(200, answer);
    };
    auto env = box.env();
    env["GITLAB_TOKEN"] = "glpat-0123456789abcdef";
    std::vector<std::string> args{
        "--gitlab-url", "https://gitlab.example/api/v4", "--project", "42", "--label", "critical"};
    auto none = run_command("gate defects", args, env, world);
    EXPECT_EQ(none.code, 0) << none.out << none.err;
    ASSERT_EQ(world.requests().size(), 1u);

    answer =
        R"([{"iid": 7, "title": "Baja duplica registros", "web_url": "https://gitlab.example/x/7"}])";
    auto one = run_command("gate defects", args, env, world);
    EXPECT_EQ(one.code, 1) << one.out << one.err;
    EXPECT_TRUE(contains(one.out, "#7")) << one.out;
}

TEST(CommandsWithFakes, DeployRunsItsCommandsThroughTheFakeProcessAndPollsHealth) {
    Sandbox box;
    FakeWorld world;
    world.http = [](const core::HttpRequest& r) {
        EXPECT_EQ(r.url, "http://app.example/health");
        return json(200, R"({"status":"ok"})");
    };
    std::string cfg = box.config("deploy:\n"
                                 "  commands: ['deploy-app {tag}']\n"
                                 "  restart: ['restart-app']\n"
                                 "  health_url: http://app.example/health\n"
                                 "  health_interval: 1s\n");
    auto ok = run_command("deploy", {"-c", cfg, "--tag", "v1.2.3", "--previous-tag", "v1.2.2"},
                          box.env(), world);
    EXPECT_EQ(ok.code, 0) << ok.out << ok.err;
    auto ran = world.processes();
    ASSERT_EQ(ran.size(), 2u);
    EXPECT_EQ(ran[0].argv.back(), "deploy-app v1.2.3");
    EXPECT_EQ(ran[1].argv.back(), "restart-app");
    EXPECT_FALSE(world.requests().empty());

    // The deploy command fails: exit 1, the restart never runs.
    FakeWorld failing;
    failing.process = [](const core::ProcessSpec&) {
        core::ProcessResult r;
        r.exit_code = 3;
        r.output = "no space left on device";
        return r;
    };
    auto bad = run_command("deploy", {"-c", cfg, "--tag", "v1.2.3", "--previous-tag", "v1.2.2"},
                           box.env(), failing);
    EXPECT_EQ(bad.code, 1) << bad.out << bad.err;
    EXPECT_EQ(failing.processes().size(), 1u);
}

TEST(CommandsWithFakes, SmokeChecksGoThroughTheFakeHttpAndPostgres) {
    Sandbox box;
    FakeWorld world;
    world.http = [](const core::HttpRequest&) { return json(200, R"({"status":"ok"})"); };
    world.postgres = [](const std::string&,
                        const std::string&) -> core::Result<core::PgProbe, core::PgFailure> {
        core::PgProbe p;
        p.server_version = "15.6";
        p.host = "db.example:5432";
        p.database = "sire";
        p.first_value = "1";
        return p;
    };
    std::string cfg = box.config(
        "smoke:\n"
        "  checks:\n"
        "    - {kind: postgres, id: db, item: '6.1', dsn: 'host=db.example dbname=sire'}\n"
        "    - kind: http\n"
        "      id: app\n"
        "      item: '6.1'\n"
        "      url: http://app.example/health\n"
        "      assert: [{json: /status, equals: ok}]\n");
    auto ok = run_command("smoke", {"-c", cfg}, box.env(), world);
    EXPECT_EQ(ok.code, 0) << ok.out << ok.err;
    EXPECT_EQ(world.requests().size(), 1u);

    FakeWorld down; // no scripts: the database refuses, the service is not there
    auto bad = run_command("smoke", {"-c", cfg}, box.env(), down);
    EXPECT_EQ(bad.code, 1) << bad.out << bad.err;
    EXPECT_TRUE(contains(bad.out, "connection refused")) << bad.out;
}

TEST(CommandsWithFakes, GateQaReadsReportFilesAndNeedsNoPort) {
    Sandbox box;
    FakeWorld world;
    write_file(
        box.dir / "green.xml",
        R"(<testsuite name="s" tests="2" failures="0"><testcase name="a"/><testcase name="b"/></testsuite>)");
    auto r =
        run_command("gate qa", {"--reports", (box.dir / "green.xml").string()}, box.env(), world);
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_TRUE(world.requests().empty());
    EXPECT_TRUE(world.unfaked().empty());
}

TEST(CommandsWithFakes, GateEnvProbesPostgresThroughTheFake) {
    Sandbox box;
    FakeWorld world;
    std::string version = "14.9", number = "140009";
    world.postgres = [&](const std::string& dsn,
                         const std::string& query) -> core::Result<core::PgProbe, core::PgFailure> {
        EXPECT_EQ(dsn, "host=db.example dbname=sire");
        EXPECT_TRUE(contains(query, "server_version_num")) << query;
        core::PgProbe p;
        p.server_version = version;
        p.first_value = R"({"version_num": ")" + number + R"(", "version": ")" + version +
                        R"(", "installed": [], "available": [], "settings": {}})";
        return p;
    };
    std::string cfg = box.config("environment:\n"
                                 "  postgres:\n"
                                 "    dsn: 'host=db.example dbname=sire'\n"
                                 "    min_version: '15'\n");
    auto old = run_command("gate env", {"-c", cfg}, box.env(), world);
    EXPECT_EQ(old.code, 1) << old.out << old.err; // 14.9 < 15
    EXPECT_TRUE(contains(old.out, "14.9")) << old.out;

    version = "15.6";
    number = "150006";
    auto current = run_command("gate env", {"-c", cfg}, box.env(), world);
    EXPECT_EQ(current.code, 0) << current.out << current.err;
}

TEST(CommandsWithFakes, ConfigCheckBuildsTheSuiteFromTheHandedPorts) {
    Sandbox box;
    FakeWorld world;
    std::string cfg = box.config(
        "smoke:\n  checks:\n    - {kind: http, id: app, item: '6.1', url: http://x.example/}\n");
    auto r = run_command("config check", {"-c", cfg}, box.env(), world);
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_TRUE(world.requests().empty()); // built, never run
}

TEST(CommandsWithFakes, NotifyPostsToTheWebhookAndMailsThroughTheFakes) {
    Sandbox box;
    FakeWorld world;
    world.http = [](const core::HttpRequest&) { return http_answer(200, "ok"); };
    std::string cfg = box.config("notify:\n"
                                 "  email:\n"
                                 "    smtp_url: smtp://mail.example:25\n"
                                 "    from: despliegues@sep.example\n"
                                 "    to: [equipo@sep.example]\n");
    auto r = run_command("notify",
                         {"-c", cfg, "success", "--release", "v1.2.3", "--webhook",
                          "slack=https://hooks.example/T000/B000/XXXXXXXXXXXX"},
                         box.env(), world);
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    ASSERT_EQ(world.requests().size(), 1u);
    EXPECT_EQ(world.requests()[0].method, "POST");
    EXPECT_TRUE(contains(world.requests()[0].body, "v1.2.3")) << world.requests()[0].body;
    ASSERT_EQ(world.mails().size(), 1u);
    EXPECT_EQ(world.mails()[0].to, std::vector<std::string>{"equipo@sep.example"});
    EXPECT_TRUE(contains(world.mails()[0].subject + world.mails()[0].body, "v1.2.3"));

    // The webhook refuses: the command says so and fails.
    world.http = [](const core::HttpRequest&) { return http_answer(500, "boom"); };
    auto bad = run_command("notify",
                           {"-c", cfg, "success", "--release", "v1.2.3", "--webhook",
                            "slack=https://hooks.example/T000/B000/XXXXXXXXXXXX"},
                           box.env(), world);
    EXPECT_EQ(bad.code, 1) << bad.out << bad.err;
}

TEST(CommandsWithFakes, MaintenanceSwitchesAnHttpBackendThroughTheFakeHttp) {
    Sandbox box;
    FakeWorld world;
    world.http = [](const core::HttpRequest&) { return http_answer(204, ""); };
    std::string cfg = box.config("maintenance:\n"
                                 "  backend: http\n"
                                 "  admin_url: https://admin.example/maintenance\n");
    auto on = run_command("maintenance", {"-c", cfg, "on"}, box.env(), world);
    EXPECT_EQ(on.code, 0) << on.out << on.err;
    ASSERT_FALSE(world.requests().empty());
    EXPECT_EQ(world.requests().back().url, "https://admin.example/maintenance");
    EXPECT_EQ(world.requests().back().method, "POST");
}

} // namespace
} // namespace compuerta::test
