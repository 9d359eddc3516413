// What the window's commands tell a pipeline: `window close` reads the
// window that `window open` journaled (issue 13 item 3); every command that
// used to refuse --json writes a report whose numbers and booleans are JSON
// numbers and booleans (item 6); a gate waiting for its sign-off exits 4 and
// says so in its JSON (item 5). The built executables, one journal.
#include "tests/integration/window/background.hpp"
#include "tests/support/support.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace compuerta;
using namespace compuerta::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct Scene {
    TempDir dir;
    std::map<std::string, std::string> env{
        {"COMPUERTA_RUN", "777"},        {"CI_JOB_ID", "1"},
        {"COMPUERTA_ACTOR", "ci-bot"},   {"CI_COMMIT_TAG", "\x01"},
        {"CI_ENVIRONMENT_NAME", "\x01"}, {"COMPUERTA_ENVIRONMENT", "\x01"}};
    Scene() {
        env["COMPUERTA_JOURNAL"] = (dir / "journal").string();
        env["COMPUERTA_LANG"] = "es"; // the team reads Spanish
        env["TZ"] = "UTC";            // times a person reads follow the zone: fixed for the test
    }
    test::Run cmd(const std::string& name, std::vector<std::string> args) {
        args.insert(args.begin(), name);
        return run("compuerta", args, env, dir.path(), 120);
    }
    json report(const std::string& file) const { return json::parse(read_file(dir / file)); }
    // The journal's events named `event`, in file order.
    std::vector<json> events(const std::string& event) const {
        std::vector<json> out;
        for (const auto& f : fs::directory_iterator(dir / "journal")) {
            std::istringstream in(read_file(f.path()));
            for (std::string line; std::getline(in, line);)
                if (!line.empty() && json::parse(line).value("event", "") == event)
                    out.push_back(json::parse(line));
        }
        return out;
    }
};

} // namespace

TEST(WindowClose, ReadsTheOpenWindowFromTheJournal) {
    Scene s;
    // The configuration names another release: what `window open` journaled wins.
    write_file(s.dir / "compuerta.yml",
               "timezone: America/Mexico_City\nwindow:\n  release: v1.0.0\n");
    ASSERT_EQ(s.cmd("window", {"open", "--start", "2026-12-05T02:00:00-06:00", "--end",
                               "2099-12-05T04:00:00-06:00", "--release", "v2.3.0", "--environment",
                               "produccion"})
                  .code,
              0);
    test::Run close = s.cmd("window", {"close", "--json", (s.dir / "close.json").string()});
    ASSERT_EQ(close.code, 0) << close.out << close.err;
    EXPECT_TRUE(contains(close.out,
                    "ventana de mantenimiento finalizada (v2.3.0 en produccion; planeada "
                    "2026-12-05 02:00 CST – 2099-12-05 04:00 CST)")) // the configured timezone
        << close.out;
    EXPECT_FALSE(contains(close.out, "sin nombre")) << close.out;
    EXPECT_FALSE(contains(close.out, "? – ?")) << close.out;
    EXPECT_FALSE(contains(close.err, "no open window")) << close.err;

    auto closed = s.events("window.close");
    ASSERT_EQ(closed.size(), 1u);
    EXPECT_EQ(closed[0]["window"]["release"], "v2.3.0");
    EXPECT_EQ(closed[0]["window"]["environment"], "produccion");
    EXPECT_EQ(closed[0]["window"]["end"], "2099-12-05T04:00:00-06:00");

    json r = s.report("close.json");
    EXPECT_EQ(r["exit_code"], 0);
    const json& c = r["suites"][0]["checks"][0];
    EXPECT_EQ(c["id"], "window.close");
    EXPECT_EQ(c["item"], "7");
    EXPECT_EQ(c["status"], "pass");
    EXPECT_EQ(c["evidence"]["release"], "v2.3.0");
    EXPECT_TRUE(c["evidence"]["overrun_minutes"].is_number_integer()) << c.dump();

    // Closed: nothing is open any more, and a second close says so.
    test::Run again = s.cmd("window", {"close"});
    EXPECT_EQ(again.code, 0);
    EXPECT_TRUE(contains(again.err, "no hay ventana abierta en la bitácora")) << again.err;
    EXPECT_TRUE(contains(again.out, "(v1.0.0 en entorno sin nombre"))
        << "falls back to the configuration\n"
        << again.out;
}

TEST(WindowClose, EachEnvironmentClosesItsOwnWindow) {
    Scene s;
    ASSERT_EQ(s.cmd("window", {"open", "--release", "v2.3.0-rc1", "--environment", "staging"}).code,
              0);
    ASSERT_EQ(s.cmd("window", {"open", "--release", "v2.3.0", "--environment", "produccion",
                               "--end", "2099-12-05T04:00:00-06:00"})
                  .code,
              0);
    test::Run staging = s.cmd("window", {"close", "--environment", "staging"});
    ASSERT_EQ(staging.code, 0) << staging.err;
    EXPECT_TRUE(contains(staging.out, "(v2.3.0-rc1 en staging; planeada ? – ?)")) << staging.out;
    test::Run prod = s.cmd("window", {"close"});
    ASSERT_EQ(prod.code, 0) << prod.err;
    // No timezone configured: the machine's (TZ=UTC here).
    EXPECT_TRUE(contains(prod.out, "(v2.3.0 en produccion; planeada ? – 2099-12-05 10:00 UTC)"))
        << prod.out;
}

TEST(RecordJson, CommandsThatRefusedJsonWriteTypedReports) {
    WebhookReceiver hook;
    ASSERT_GT(hook.port, 0);
    Scene s;
    write_file(s.dir / "compuerta.yml", "window:\n  environment: produccion\n  release: v2.3.0\n"
                                        "  end: \"2099-12-05T04:00:00-06:00\"\n");
    // --json - : the report on standard output, the person's line on standard error.
    test::Run open = s.cmd("window", {"open", "--json", "-"});
    ASSERT_EQ(open.code, 0) << open.err;
    json w = json::parse(open.out);
    EXPECT_EQ(w["suites"][0]["name"], "compuerta.window");
    EXPECT_TRUE(w["suites"][0]["checks"][0]["evidence"]["overrun_minutes"].is_number_integer());
    EXPECT_TRUE(contains(open.err, "ventana de mantenimiento iniciada")) << open.err;

    ASSERT_EQ(
        s.cmd("signoff", {"1.2", "--by", "Ana Pérez", "--json", (s.dir / "signoff.json").string()})
            .code,
        0);
    json so = s.report("signoff.json");
    EXPECT_EQ(so["exit_code"], 0);
    EXPECT_EQ(so["suites"][0]["checks"][0]["id"], "signoff-1.2");
    EXPECT_EQ(so["suites"][0]["checks"][0]["evidence"]["by"], "Ana Pérez");
    EXPECT_TRUE(so["suites"][0]["checks"][0]["evidence"]["manual_row"].is_boolean());

    std::string url = fmt::format("http://127.0.0.1:{}/ok/hook", hook.port);
    test::Run notify = s.cmd("notify", {"window", "--webhook", "json=" + url, "--json",
                                        (s.dir / "notify.json").string(), "--junit",
                                        (s.dir / "notify.xml").string()});
    ASSERT_EQ(notify.code, 0) << notify.err;
    json n = s.report("notify.json");
    ASSERT_EQ(n["suites"][0]["checks"].size(), 1u);
    EXPECT_EQ(n["suites"][0]["checks"][0]["status"], "pass");
    EXPECT_EQ(n["suites"][0]["checks"][0]["item"], "1.1");
    EXPECT_TRUE(contains(read_file(s.dir / "notify.xml"), "classname=\"notify.json\""))
        << "--junit works too";

    test::Run checklist = s.cmd("checklist", {"-o", (s.dir / "checklist.md").string(), "--json",
                                              (s.dir / "checklist.json").string()});
    ASSERT_EQ(checklist.code, 0) << checklist.err;
    json cl = s.report("checklist.json");
    std::map<std::string, json> rows;
    for (const auto& c : cl["suites"][0]["checks"])
        rows[c["item"].get<std::string>()] = c;
    ASSERT_TRUE(rows.count("1.2") && rows.count("1") && rows.count("6.3")) << cl.dump(2);
    EXPECT_EQ(rows["1.2"]["status"], "pass");
    EXPECT_EQ(rows["1.2"]["evidence"]["actor"], "Ana Pérez");
    EXPECT_EQ(rows["1"]["status"], "pass");
    EXPECT_EQ(rows["6.3"]["status"], "skip");
    EXPECT_EQ(rows["6.3"]["evidence"]["state"], "open");
    for (const auto& [item, c] : rows) {
        if (c["evidence"].contains("duration_ms")) {
            EXPECT_TRUE(c["evidence"]["duration_ms"].is_number_integer()) << item;
        }
    }
    // The checklist and --json - would share standard output: refused before anything.
    EXPECT_EQ(s.cmd("checklist", {"--json", "-"}).code, 2);

    test::Run cc = s.cmd("config", {"check", "-c", (s.dir / "compuerta.yml").string(), "--json",
                                    (s.dir / "config.json").string()});
    ASSERT_EQ(cc.code, 0) << cc.err;
    json cj = s.report("config.json");
    EXPECT_TRUE(
        cj["suites"][0]["checks"][0]["evidence"]["unresolved_variables"].is_number_integer())
        << cj.dump();

    // An invalid file: exit 2, and the JSON carries the error with its file:line.
    write_file(s.dir / "bad.yml", "window:\n  relase: v2\n");
    test::Run bad = s.cmd("config", {"check", "-c", (s.dir / "bad.yml").string(), "--json",
                                     (s.dir / "bad.json").string()});
    EXPECT_EQ(bad.code, 2) << bad.err;
    json bj = s.report("bad.json");
    EXPECT_EQ(bj["exit_code"], 2);
    EXPECT_TRUE(contains(bj["error"].get<std::string>(), "bad.yml:2")) << bj.dump();
}

TEST(RecordJson, AGateWaitingForItsSignoffExits4) {
    WebhookReceiver web; // answers GET with 501: "not in maintenance" for status
    ASSERT_GT(web.port, 0);
    Scene s;
    write_file(s.dir / "compuerta.yml",
               fmt::format("plan:\n  signoffs:\n    maintenance: [\"3.5\"]\n  rows:\n"
                           "    - {{id: \"3.5\", task: \"Visto bueno de la Dirección\", manual: "
                           "true, role: lider}}\n"
                           "maintenance:\n  flag_file: {}\n  public_url: http://127.0.0.1:{}/\n",
                           (s.dir / "flag").string(), web.port));
    test::Run waiting = s.cmd("maintenance", {"status", "--json", (s.dir / "wait.json").string()});
    EXPECT_EQ(waiting.code, 4) << waiting.out << waiting.err;
    EXPECT_TRUE(contains(waiting.out, "ESPERA")) << waiting.out;
    EXPECT_TRUE(contains(waiting.out, "en espera de una persona")) << waiting.out;
    json r = s.report("wait.json");
    EXPECT_EQ(r["exit_code"], 4);
    bool found = false;
    for (const auto& c : r["suites"][0]["checks"])
        if (c["id"] == "signoff-3.5") {
            found = true;
            EXPECT_EQ(c["status"], "skip");
            EXPECT_EQ(c["waiting"], true);
        }
    EXPECT_TRUE(found) << r.dump(2);
    ASSERT_EQ(s.cmd("signoff", {"3.5", "--by", "Dirección"}).code, 0);
    EXPECT_EQ(s.cmd("maintenance", {"status"}).code, 0);
}

TEST(RecordJson, EveryCommandsHelpOffersJsonAndTheExitCodesAndNoFlagItRefuses) {
    test::Run top = run("compuerta", {"--help"});
    ASSERT_EQ(top.code, 0);
    EXPECT_TRUE(contains(top.out, "4 (waiting for a human decision")) << top.out;
    std::istringstream lines(top.out.substr(top.out.find("Commands (")));
    std::string line;
    std::getline(lines, line); // the heading
    std::vector<std::string> names;
    while (std::getline(lines, line) && line.rfind("  ", 0) == 0) {
        std::string name = line.substr(2, 18);
        name.erase(name.find_last_not_of(' ') + 1);
        names.push_back(name);
    }
    ASSERT_GE(names.size(), 19u) << top.out;
    for (const auto& name : names) {
        if (name == "renapo-sim" || name == "completion")
            continue; // a server (its own program), and the shell completion script: not commands
                      // that check
        std::vector<std::string> args;
        std::istringstream words(name);
        for (std::string w; words >> w;)
            args.push_back(w);
        args.push_back("--help");
        test::Run h = run("compuerta", args);
        EXPECT_EQ(h.code, 0) << name;
        EXPECT_TRUE(contains(h.out, "--json FILE")) << name << " does not offer --json";
        EXPECT_TRUE(contains(h.out, "4 waiting for a human decision")) << name;
    }
    // deploy is not re-run, so it neither lists nor takes --until-pass.
    test::Run deploy = run("compuerta", {"deploy", "--help"});
    EXPECT_FALSE(contains(deploy.out, "--until-pass")) << deploy.out;
    test::Run refused = run("compuerta", {"deploy", "--until-pass"});
    EXPECT_EQ(refused.code, 2);
    EXPECT_TRUE(contains(refused.err, "until-pass")) << refused.err;
}
