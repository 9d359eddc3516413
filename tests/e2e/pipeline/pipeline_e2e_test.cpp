// The whole pipeline: the GitLab component (templates/deployment) run by
// gitlab-ci-local, child pipeline included, over the real commands, a real PostgreSQL database and
// a real git repo. A good release passes every job; a bad release (a migration that breaks the
// inscripción query) fails smoke, the rollback job restores the database and
// redeploys the previous release, and afterwards the business tables are
// identical to before, maintenance is off and the stakeholders were told.
// Runs when every program it needs is in COMPUERTA_BIN_DIR; otherwise skipped
// naming the missing ones.
#include "../../support/support.hpp"

#include <csignal>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace compuerta::test;
namespace fs = std::filesystem;

namespace {

const fs::path k_src = COMPUERTA_SOURCE_DIR;
const std::vector<std::string> k_programs{
    "compuerta",           "compuerta-window",     "compuerta-maintenance", "compuerta-notify",
    "compuerta-db-backup", "compuerta-db-migrate", "compuerta-db-restore",  "compuerta-deploy",
    "compuerta-smoke",     "compuerta-rollback",   "compuerta-checklist"};
const std::vector<std::string> k_tables{"escuelas", "ciclos_escolares", "alumnos", "inscripciones"};

fs::path glc() { return k_src / "tests/tools/pipeline/node_modules/.bin/gitlab-ci-local"; }

// Receives the notifications (json webhooks) on 127.0.0.1, port 0; appends
// each body to a file.
class WebhookSink {
  public:
    explicit WebhookSink(const fs::path& dir) : m_log(dir / "webhooks.log") {
        write_file(dir / "sink.py", R"(import http.server, os, sys
log, port_file = sys.argv[1], sys.argv[2]
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
        with open(log, 'ab') as f: f.write(body + b'\n')
        self.send_response(200); self.end_headers(); self.wfile.write(b'ok')
    def log_message(self, *a): pass
s = http.server.HTTPServer(('127.0.0.1', 0), H)
open(port_file + '.tmp', 'w').write(str(s.server_address[1])); os.rename(port_file + '.tmp', port_file)
s.timeout = 1
for _ in range(900): s.handle_request()
)");
        fs::path port = dir / "sink.port";
        m_pid = fork();
        if (m_pid == 0) {
            execlp("python3", "python3", (dir / "sink.py").c_str(), m_log.c_str(), port.c_str(), nullptr);
            _exit(127);
        }
        for (int i = 0; i < 800 && !fs::exists(port); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
        m_port = std::stoi(read_file(port));
    }
    ~WebhookSink() {
        kill(m_pid, SIGKILL);
        waitpid(m_pid, nullptr, 0);
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/hook"; }
    std::string received() const { return fs::exists(m_log) ? read_file(m_log) : std::string(); }

  private:
    fs::path m_log;
    pid_t m_pid = -1;
    int m_port = 0;
};

std::string snapshot(const std::string& db) {
    std::string s;
    for (const auto& t : k_tables)
        s += t + "=" + psql(db, "SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '') FROM " + t + " x");
    return s;
}

} // namespace

TEST(PipelineE2E, GoodReleasePassesBadReleaseIsRolledBackToIdenticalTables) {
    std::string missing;
    for (const auto& p : k_programs)
        if (!fs::exists(bin(p))) missing += " " + p;
    if (!missing.empty()) GTEST_SKIP() << "not built in " << COMPUERTA_BIN_DIR << ":" << missing;
    COMPUERTA_REQUIRE_PG();
    if (!fs::exists(glc())) GTEST_SKIP() << "gitlab-ci-local missing: run scripts/setup-test-tools.sh";
    if (run("sh", {"-c", "command -v rsync"}).code != 0) GTEST_SKIP() << "rsync missing (scripts/deps/pipeline.txt)";

    TempDir t;
    fs::path repo = t / "repo", state = t / "state";
    fs::create_directories(repo / "db/migrations");
    fs::create_directories(state / "backups");
    std::string dsn = create_test_database("e2e_pipeline");
    std::string db = dsn.substr(dsn.find("dbname=") + 7);
    db = db.substr(0, db.find(' '));
    WebhookSink sink(t.path());

    fs::copy(k_src / "templates", repo / "templates", fs::copy_options::recursive);
    fs::copy_file(k_src / "examples/sep-muses/db/migrations/V1__esquema_inicial.sql",
                  repo / "db/migrations/V1__esquema_inicial.sql");
    fs::copy_file(k_src / "examples/sep-muses/db/seed.sql", repo / "db/migrations/V2__datos_demo.sql");
    // Gates that need a tracker, QA reports and a release branch are covered
    // by their own e2e tests; this pipeline starts at the window.
    // The variables the child pipeline needs sit in the pipeline's variables:
    // gitlab-ci-local passes those (not --variable) on to the child.
    auto pg = pg_env();
    write_file(repo / ".gitlab-ci.yml",
               "stages: [gate, deploy]\n"
               "include:\n  - local: templates/deployment/template.yml\n    inputs:\n"
               "      environment: e2e\n      environment_url: http://127.0.0.1:9/\n"
               "      runner_tags: [compuerta]\n"
               "variables:\n  COMPUERTA_BIN_DIR: \"" COMPUERTA_BIN_DIR "\"\n"
               "  E2E_DSN: \"" +
                   dsn +
                   "\"\n"
                   "  COMPUERTA_PG_BIN: \"" +
                   pg["COMPUERTA_PG_BIN"] +
                   "\"\n"
                   "compuerta:gate-release: {rules: [{when: never}]}\n"
                   "compuerta:gate-qa: {rules: [{when: never}]}\n"
                   "compuerta:gate-defects: {rules: [{when: never}]}\n"
                   "compuerta:gate-env: {rules: [{when: never}]}\n");
    write_file(repo / "compuerta.yml", R"(database:
  dsn: ${E2E_DSN}
  backup: {dir: )" + (state / "backups").string() + R"(}
  migrations: {dir: )" + (repo / "db/migrations").string() + R"(}
maintenance:
  backend: file
  flag_file: )" + (state / "maintenance.flag").string() + R"(
notify:
  webhooks:
    - {type: json, url: ")" + sink.url() + R"("}
deploy:
  commands:
    - 'echo {tag} > ")" + (state / "deployed.txt").string() + R"("'
  current_release: 'cat ")" + (state / "deployed.txt").string() + R"("'
smoke:
  checks:
    - {kind: postgres, id: db, item: "6.1"}
    - kind: postgres
      id: inscripcion
      item: "6.3"
      name: Inscripción
      query: "SELECT count(*) FROM inscripciones WHERE estado = 'activa'"
)");
    write_file(repo / ".gitignore", ".gitlab-ci-local/\n.gitlab-ci-local-variables.yml\n");
    auto git = [&](const std::vector<std::string>& args) {
        auto r = run("git", args, {}, repo);
        ASSERT_EQ(r.code, 0) << r.err;
    };
    git({"init", "-q", "-b", "main"});
    git({"add", "."});
    git({"-c", "user.email=ci@example.invalid", "-c", "user.name=ci", "commit", "-qm", "v1.0.0"});
    auto pipeline = [&](const std::string& tag) {
        write_file(repo / ".gitlab-ci-local-variables.yml", "CI_COMMIT_TAG: " + tag + "\n");
        return run(glc().string(), {"--force-shell-executor"},
                   {{"NO_COLOR", "1"}, {"FORCE_COLOR", "0"}}, repo, 600);
    };

    auto good = pipeline("v1.0.0");
    ASSERT_EQ(good.code, 0) << good.out << good.err;
    EXPECT_TRUE(contains(good.out, "PASS  [compuerta:deployment] -> compuerta:maintenance-off"))
        << good.out;
    EXPECT_EQ(read_file(state / "deployed.txt"), "v1.0.0\n");
    EXPECT_FALSE(fs::exists(state / "maintenance.flag"));
    std::string before = snapshot(db);
    ASSERT_TRUE(contains(before, "inscripciones=2:")) << before;

    // The bad release: its migration breaks the inscripción query.
    write_file(repo / "db/migrations/V3__rompe_inscripcion.sql",
               "ALTER TABLE inscripciones RENAME COLUMN estado TO estado_inscripcion;\n");
    git({"add", "."});
    git({"-c", "user.email=ci@example.invalid", "-c", "user.name=ci", "commit", "-qm", "v1.1.0"});
    auto bad = pipeline("v1.1.0");
    // gitlab-ci-local ends the trigger job with 0 whatever the child did: the
    // child's jobs say what happened.
    EXPECT_TRUE(contains(bad.out, "FAIL  compuerta:smoke")) << bad.out;
    EXPECT_TRUE(contains(bad.out, "PASS  [compuerta:deployment] -> compuerta:rollback")) << bad.out;
    EXPECT_EQ(snapshot(db), before);
    EXPECT_EQ(read_file(state / "deployed.txt"), "v1.0.0\n");
    EXPECT_FALSE(fs::exists(state / "maintenance.flag")) << "maintenance must be off after a healthy rollback";
    EXPECT_TRUE(contains(sink.received(), "rollback")) << sink.received();
    // The deployment lease went through the template: window open took it in
    // the cluster's postgres database; window close (v1.0.0) and the end of
    // the rollback (v1.1.0) released it, or v1.1.0's window open would have
    // been refused.
    EXPECT_EQ(psql("postgres", "SELECT to_regclass('compuerta_lease') IS NOT NULL"), "t\n");
    EXPECT_EQ(psql("postgres", "SELECT count(*) FROM compuerta_lease WHERE scope = '" + db + "'"), "0\n");
}
