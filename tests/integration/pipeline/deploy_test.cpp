// compuerta-deploy against real processes and a local HTTP server.
#include "harness.hpp"

#include <chrono>
#include <csignal>
#include <gtest/gtest.h>
#include <thread>

using namespace compuerta::test;
using namespace compuerta::test::pipeline;

namespace {

// Running (a zombie waiting for a reaper that never comes counts as dead).
bool alive(pid_t pid) {
    std::error_code ec;
    auto stat = std::filesystem::path("/proc") / std::to_string(pid) / "stat";
    if (!std::filesystem::exists(stat, ec)) return false;
    std::string s = read_file(stat);
    auto close = s.rfind(')');
    return close != std::string::npos && close + 2 < s.size() && s[close + 2] != 'Z';
}

nlohmann::json last_event(const Scene& s, const std::string& name) {
    nlohmann::json found;
    for (const auto& e : s.events())
        if (e.value("event", "") == name) found = e;
    return found;
}

// A health endpoint on 127.0.0.1 (port 0) answering 503 unless the request
// carries X-Compuerta-Bypass: letmein — maintenance mode as the public sees it.
class HealthServer {
  public:
    explicit HealthServer(const TempDir& dir) : m_port_file(dir / "port") {
        write_file(dir / "server.py", R"(import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        ok = self.headers.get('X-Compuerta-Bypass') == 'letmein'
        self.send_response(200 if ok else 503)
        self.end_headers()
        self.wfile.write(b'ok' if ok else b'maintenance')
    def log_message(self, *a): pass
s = http.server.HTTPServer(('127.0.0.1', 0), H)
open(sys.argv[1] + '.tmp', 'w').write(str(s.server_address[1]))
import os; os.rename(sys.argv[1] + '.tmp', sys.argv[1])
s.timeout = 0.5
for _ in range(240):
    s.handle_request()
)");
        m_pid = fork();
        if (m_pid == 0) {
            execlp("python3", "python3", (dir / "server.py").c_str(), m_port_file.c_str(), nullptr);
            _exit(127);
        }
        for (int i = 0; i < 800 && !std::filesystem::exists(m_port_file); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        m_port = std::stoi(read_file(m_port_file));
    }
    ~HealthServer() {
        kill(m_pid, SIGKILL);
        waitpid(m_pid, nullptr, 0);
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/health"; }

  private:
    std::filesystem::path m_port_file;
    pid_t m_pid = -1;
    int m_port = 0;
};

} // namespace

TEST(Deploy, RunsTheCommandsAndJournalsTheReleaseItReplaced) {
    Scene s;
    auto r = s.program("compuerta-deploy", {"--tag", "v2", "--previous-tag", "v1", "--junit",
                                            (s.dir() / "deploy.xml").string()});
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_EQ(s.deployed(), "v2");
    auto start = last_event(s, "deploy.start");
    EXPECT_EQ(start["release"], "v2");
    EXPECT_EQ(start["previous_release"], "v1");
    auto done = last_event(s, "deploy.done");
    EXPECT_EQ(done["status"], "ok");
    EXPECT_EQ(done["previous_release"], "v1");
    EXPECT_TRUE(
        contains(read_file(s.dir() / "deploy.xml"), "name=\"4 Deploy the artifacts of v2 (1)\""));
    EXPECT_EQ(done["summary"], "v2 deployed and healthy");
}

TEST(Deploy, SpeaksTheRunsLanguage) {
    Scene s;
    auto r = s.program("compuerta-deploy", {"--tag", "v2", "--previous-tag", "v1", "--lang", "es",
                                            "--junit", (s.dir() / "deploy.xml").string()});
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    std::string xml = read_file(s.dir() / "deploy.xml");
    EXPECT_TRUE(contains(xml, "name=\"4 Desplegar artefactos de v2 (1)\"")) << xml;
    EXPECT_TRUE(contains(r.out, "Desplegar artefactos de v2 (2)")) << r.out;
    EXPECT_TRUE(contains(r.out, "` terminó")) << r.out;
    EXPECT_FALSE(contains(r.out, "finished")) << r.out;
    EXPECT_EQ(last_event(s, "deploy.start")["summary"],
              "Desplegando v2 en production (reemplaza a v1)");
    EXPECT_EQ(last_event(s, "deploy.done")["summary"], "v2 desplegada y sana");
    EXPECT_EQ(last_event(s, "deploy.done")["event"], "deploy.done") << "identifiers stay English";
}

TEST(Deploy, PreviousReleaseComesFromCurrentReleaseCommand) {
    Scene s("");
    write_file(s.config(), "deploy:\n  commands: ['true {tag}']\n  current_release: \"echo v1.4.2\"\n");
    auto r = s.program("compuerta-deploy", {"--tag", "v1.5.0"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(last_event(s, "deploy.done")["previous_release"], "v1.4.2");
}

TEST(Deploy, PreviousReleaseFallsBackToTheJournalsLastDeploy) {
    Scene s;
    s.seed({{{"run", "older"}, {"event", "deploy.done"}, {"release", "v1"}}});
    auto r = s.program("compuerta-deploy", {"--tag", "v2"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(last_event(s, "deploy.start")["previous_release"], "v1");
}

TEST(Deploy, NonZeroExitFailsAndSkipsTheRest) {
    Scene s;
    write_file(s.config(), "deploy:\n  commands: ['echo broken; exit 7', 'touch should-not-run']\n");
    auto r = s.program("compuerta-deploy", {"--tag", "v2", "--previous-tag", "v1"});
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_TRUE(contains(r.out, "exited with 7")) << r.out;
    EXPECT_FALSE(std::filesystem::exists(s.dir() / "should-not-run"));
    EXPECT_EQ(last_event(s, "deploy.done")["status"], "fail");
}

TEST(Deploy, HangingCommandIsKilledWithItsProcessGroupAtTheTimeout) {
    Scene s;
    write_file(s.config(), "deploy:\n  commands: ['sleep 300 & echo $! > bg.pid; wait']\n  timeout: 1s\n");
    auto t0 = std::chrono::steady_clock::now();
    auto r = s.program("compuerta-deploy", {"--tag", "v2", "--previous-tag", "v1"});
    auto took = std::chrono::steady_clock::now() - t0;
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_TRUE(contains(r.out, "process group")) << r.out;
    // Killed at its 1 s timeout, not after the 300 s sleep. The bound is loose on
    // purpose: a loaded 2-core CI machine starts ASan binaries slowly.
    EXPECT_LT(took, std::chrono::seconds(30));
    pid_t bg = std::stoi(read_file(s.dir() / "bg.pid"));
    EXPECT_FALSE(alive(bg)) << "the background child of the hanging command survived";
}

TEST(Deploy, HealthWaitGoesThroughTheMaintenanceBypass) {
    Scene s;
    HealthServer server(s.dir());
    write_file(s.config(), "deploy:\n  commands: ['true']\n  health_url: " + server.url() +
                               "\n  health_interval: 100ms\n  health_timeout: 15s\n"
                               "maintenance:\n  bypass_header: X-Compuerta-Bypass\n  bypass_value: letmein\n");
    auto r = s.program("compuerta-deploy", {"--tag", "v2", "--previous-tag", "v1"});
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_FALSE(contains(r.out + r.err, "letmein")) << "the bypass value is a secret";
}

TEST(Deploy, HealthUrlNeverHealthyFailsWithinItsTimeout) {
    Scene s;
    HealthServer server(s.dir());
    // No bypass configured: the service answers 503 (maintenance) forever.
    write_file(s.config(), "deploy:\n  commands: ['true']\n  health_url: " + server.url() +
                               "\n  health_interval: 100ms\n  health_timeout: 1s\n");
    auto r = s.program("compuerta-deploy", {"--tag", "v2", "--previous-tag", "v1"});
    EXPECT_EQ(r.code, 1) << r.out;
    // The last answer is named (HTTP 503, or the phase a slow request stopped in).
    EXPECT_TRUE(contains(r.out, "never answered 2xx before the timeout (last: ")) << r.out;
    EXPECT_EQ(last_event(s, "deploy.done")["status"], "fail");
}

TEST(Deploy, UsageErrors) {
    Scene s;
    EXPECT_EQ(s.program("compuerta-deploy", {}).code, 2); // no tag
    EXPECT_EQ(s.program("compuerta-deploy", {"--tag", "v2;reboot"}).code, 2);
    write_file(s.config(), "deploy:\n  commands: ['deploy {tga}']\n");
    auto r = s.program("compuerta-deploy", {"--tag", "v2"});
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(contains(r.err, "{tga}")) << r.err;
    write_file(s.config(), "deploy: {}\n");
    EXPECT_EQ(s.program("compuerta-deploy", {"--tag", "v2"}).code, 2);
    EXPECT_TRUE(s.events().empty() || last_event(s, "deploy.start").is_null());
}
