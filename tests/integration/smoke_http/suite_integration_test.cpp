// compuerta-smoke as a pipeline runs it: exit codes, --only/--skip,
// depends_on, --until-pass, the suite deadline and one JUnit testcase per check.
#include "tests/integration/smoke_http/background.hpp"

#include <gtest/gtest.h>

using namespace compuerta::test;

namespace {

Run run_smoke(const TempDir& d, const std::string& yaml, std::vector<std::string> args = {}) {
    write_file(d / "compuerta.yml", yaml);
    std::vector<std::string> all = {"-c", (d / "compuerta.yml").string(), "--journal", (d / "journal").string()};
    all.insert(all.end(), args.begin(), args.end());
    return run("compuerta-smoke", all, {{"NO_PROXY", "127.0.0.1,localhost"}}, d.path(), 60);
}

std::size_t count(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (auto p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
    return n;
}

} // namespace

TEST(SmokeSuite, InvalidTestCurpIsExit2NamingTheCheck) {
    TempDir d;
    auto r = run_smoke(d, "smoke:\n  checks:\n    - kind: renapo\n      id: renapo-prod\n      endpoint: http://127.0.0.1:9/x\n"
                      "      curp: HEGG560427MVZRRL4X\n");
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_NE(r.err.find("renapo-prod"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("compuerta.yml:"), std::string::npos) << r.err;
}

TEST(SmokeSuite, OnlyAndSkipSelectByIdOrItemAndNothingMatchedIsExit2) {
    TempDir d;
    auto sim = start_sim(d, {});
    std::string yaml = "smoke:\n  checks:\n"
                       "    - {kind: http, id: salud, item: '6.3', url: '" + sim->url() + "/health'}\n"
                       "    - {kind: renapo, id: renapo, endpoint: '" + sim->url() + "/consulta', curp: HEGG560427MVZRRL04}\n";
    auto none = run_smoke(d, yaml, {"--only", "no-such-check"});
    EXPECT_EQ(none.code, 2);
    EXPECT_NE(none.err.find("no-such-check"), std::string::npos) << none.err;
    auto only = run_smoke(d, yaml, {"--only", "6.2", "--junit", (d / "j.xml").string()});
    EXPECT_EQ(only.code, 0) << only.out << only.err;
    std::string junit = read_file(d / "j.xml");
    EXPECT_EQ(count(junit, "<testcase "), 1u) << junit;
    EXPECT_NE(junit.find("classname=\"smoke.renapo\""), std::string::npos);
    auto both = run_smoke(d, yaml, {"--only", "6.3,renapo", "--junit", (d / "b.xml").string()});
    EXPECT_EQ(both.code, 0);
    EXPECT_EQ(count(read_file(d / "b.xml"), "<testcase "), 2u);
    auto skip = run_smoke(d, yaml, {"--skip", "renapo", "--junit", (d / "k.xml").string()});
    EXPECT_EQ(skip.code, 0);
    EXPECT_NE(read_file(d / "k.xml").find("name=\"6.3 HTTP service answers\""), std::string::npos);
}

TEST(SmokeSuite, DependentCheckIsSkippedWhenItsPrerequisiteFails) {
    TempDir d;
    auto sim = start_sim(d, {});
    std::string yaml = "smoke:\n  checks:\n"
                       "    - {kind: http, id: app, url: '" + sim->url() + "/health?fault=status%3D503'}\n"
                       "    - {kind: renapo, id: renapo, depends_on: [app], endpoint: '" + sim->url() +
                       "/consulta', curp: HEGG560427MVZRRL04}\n";
    auto r = run_smoke(d, yaml, {"--junit", (d / "j.xml").string()});
    EXPECT_EQ(r.code, 1);
    std::string junit = read_file(d / "j.xml");
    EXPECT_EQ(count(junit, "<testcase "), 2u);
    EXPECT_EQ(count(junit, "<skipped"), 1u) << junit;
    EXPECT_NE(junit.find("prerequisite"), std::string::npos);
}

TEST(SmokeSuite, UntilPassWaitsForAJustRestartedService) {
    TempDir d;
    // Answers 503 to its first three requests, then 200: a service still starting.
    write_file(d / "starting.py", R"(import http.server, sys, os
count = 0
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        global count
        count += 1
        code = 503 if count <= 3 else 200
        body = b'{"estado":"ok"}' if code == 200 else b'starting'
        self.send_response(code)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a): pass
s = http.server.HTTPServer(('127.0.0.1', 0), H)
open(sys.argv[1] + '.tmp', 'w').write(str(s.server_port))
os.rename(sys.argv[1] + '.tmp', sys.argv[1])
s.serve_forever()
)");
    Background app("python3", {(d / "starting.py").string(), (d / "app.port").string()}, d / "app.port");
    std::string yaml = "smoke:\n  checks:\n    - {kind: http, id: app, url: '" + app.url() + "/health'}\n";
    auto r = run_smoke(d, yaml, {"--until-pass", "--interval", "100ms", "--until-timeout", "20s"});
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(r.err.find("round 3"), std::string::npos) << r.err;
}

TEST(SmokeSuite, SuiteDeadlineStopsAHangingCheck) {
    TempDir d;
    auto sim = start_sim(d, {});
    std::string yaml = "smoke:\n  deadline: 1s\n  checks:\n"
                       "    - {kind: http, id: hang, timeout: 30s, url: '" + sim->url() + "/health?fault=hang'}\n";
    auto start = std::chrono::steady_clock::now();
    auto r = run_smoke(d, yaml);
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_LE(took.count(), 2500) << "the 1s suite deadline plus one second, and process start-up";
    EXPECT_NE(r.out.find("timeout"), std::string::npos) << r.out;
}

TEST(SmokeSuite, TimeoutFlagBeatsTheCheckOwnTimeout) {
    TempDir d;
    auto sim = start_sim(d, {});
    std::string yaml = "smoke:\n  checks:\n"
                       "    - {kind: http, id: hang, timeout: 30s, url: '" + sim->url() + "/health?fault=hang'}\n";
    auto start = std::chrono::steady_clock::now();
    auto r = run_smoke(d, yaml, {"--timeout", "1s"});
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_LE(took.count(), 2500);
}
