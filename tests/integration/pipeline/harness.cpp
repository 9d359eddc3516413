#include "harness.hpp"

#include "core/journal.hpp"

#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace compuerta::test::pipeline {

namespace fs = std::filesystem;

namespace {
const char* k_stub = R"(#!/bin/sh
# A called command: records its arguments, exits with exit-NAME (default 0)
# and writes its --json report as compuerta does (unless no-report-NAME exists).
name=$(basename "$0")
echo "$name $*" >> "$STUB_DIR/calls.log"
echo "$name ${COMPUERTA_LANG:-}" >> "$STUB_DIR/lang.log"
report=""
output=""
prev=""
for a in "$@"; do
  if [ "$prev" = "--json" ]; then report=$a; fi
  if [ "$prev" = "-o" ]; then output=$a; fi
  prev=$a
done
if [ -n "$output" ] && [ ! -f "$STUB_DIR/no-output-$name" ]; then echo "# post-mortem, written by a stub" > "$output"; fi
if [ "$name" = compuerta-db-restore ]; then
  if [ -f "$STUB_DIR/kill-restore-once" ]; then rm -f "$STUB_DIR/kill-restore-once"; kill -9 "$PPID"; sleep 2; exit 9; fi
  if [ -f "$STUB_DIR/block-restore" ]; then
    touch "$STUB_DIR/restore-started"
    while [ ! -f "$STUB_DIR/release-restore" ]; do sleep 0.05; done
  fi
fi
code=0
if [ -f "$STUB_DIR/exit-$name" ]; then code=$(cat "$STUB_DIR/exit-$name"); fi
case $code in
  0) status=pass; changed=true ;;
  3) status=error; changed=false ;;
  *) status=fail; changed=true ;;
esac
if [ -n "$report" ] && [ ! -f "$STUB_DIR/no-report-$name" ]; then
  printf '{"exit_code":%s,"suites":[{"name":"stub","checks":[{"id":"%s","item":"R","name":"%s","status":"%s","message":"%s %s","evidence":{"changed":%s}}]}]}\n' \
    "$code" "$name" "$name" "$status" "$name" "$status" "$changed" > "$report"
fi
exit "$code"
)";
} // namespace

Scene::Scene(const std::string& extra_config) {
    fs::create_directories(stubs());
    fs::create_directories(journal());
    for (const char* n : {"compuerta-db-restore", "compuerta-maintenance", "compuerta-smoke", "compuerta-notify",
                          "compuerta-checklist"}) {
        write_file(stubs() / n, k_stub);
        chmod((stubs() / n).c_str(), 0755);
    }
    // The deploy command records the release; it kills its caller (the
    // rollback) once when the flag kill-redeploy-once exists: a deterministic kill point.
    std::string cfg = fmt::format(R"(deploy:
  commands:
    - "echo {{tag}} > '{0}/deployed.txt'"
    - "if [ -f '{0}/kill-redeploy-once' ]; then rm -f '{0}/kill-redeploy-once'; kill -9 $PPID; sleep 2; fi"
  timeout: 20s
rollback:
  postmortem: "{0}/postmortem.md"
)",
                                  m_dir.path().string());
    write_file(config(), cfg + extra_config);
}

void Scene::seed(const std::vector<nlohmann::json>& events) {
    std::ofstream out(journal() / "r1-seed-1.jsonl", std::ios::app);
    for (auto e : events) {
        ++m_seq;
        e["ts"] = fmt::format("2026-01-01T00:{:02}:{:02}.000Z", m_seq / 60, m_seq % 60);
        if (!e.contains("run")) e["run"] = "r1";
        e["job"] = "seed";
        if (!e.contains("status")) e["status"] = "ok";
        if (!e.contains("command")) e["command"] = "seed";
        out << e.dump() << "\n";
    }
}

void Scene::seed_bad_release() {
    fs::create_directories(m_dir / "backup");
    write_file(m_dir / "backup" / "dump.bin", "0123456789");
    nlohmann::json manifest = {{"database", "sep"}, {"tag", "v2"}, {"previous_tag", "v1"}, {"verified", true},
                               {"files", {{{"path", "dump.bin"}, {"bytes", 10}, {"sha256", "x"}}}}};
    write_file(m_dir / "backup" / "manifest.json", manifest.dump());
    seed({{{"event", "window.open"}},
          {{"event", "maintenance.on"}},
          {{"event", "backup.done"}, {"manifest", (m_dir / "backup" / "manifest.json").string()},
           {"previous_tag", "v1"}, {"verified", true}},
          {{"event", "migrate.done"}, {"applied", {"2"}}},
          {{"event", "deploy.start"}, {"status", "started"}, {"release", "v2"}, {"previous_release", "v1"}},
          {{"event", "deploy.done"}, {"release", "v2"}, {"previous_release", "v1"}},
          {{"event", "check"}, {"command", "smoke"}, {"check", "db"}, {"item", "6.1"}, {"status", "pass"},
           {"summary", "6.1 db"}},
          {{"event", "check"}, {"command", "smoke"}, {"check", "inscripcion"}, {"item", "6.3"}, {"status", "fail"},
           {"summary", "6.3 Inscripción"}}});
}

void Scene::stub_exit(const std::string& program, int code) { write_file(m_dir / ("exit-" + program), std::to_string(code)); }

void Scene::flag(const std::string& name) { write_file(m_dir / name, ""); }

Run Scene::program(const std::string& name, const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& env) {
    std::map<std::string, std::string> e{{"COMPUERTA_EXEC_PATH", stubs().string()},
                                         {"STUB_DIR", m_dir.path().string()},
                                         {"COMPUERTA_RUN", "r1"},
                                         {"PGHOST", "\x01"},
                                         {"PGDATABASE", "\x01"},
                                         {"CI_PIPELINE_ID", "\x01"},
                                         {"GITLAB_CI", "\x01"}};
    for (const auto& [k, v] : env) e[k] = v;
    std::vector<std::string> a = args;
    a.insert(a.end(), {"-c", config().string(), "--journal", journal().string()});
    return run(name, a, e, m_dir.path(), 60);
}

pid_t Scene::spawn_rollback() {
    std::string exe = bin("compuerta-rollback");
    std::vector<std::string> args{exe, "-c", config().string(), "--journal", journal().string()};
    std::string out = (m_dir / "bg.out").string();
    pid_t pid = fork();
    if (pid == 0) {
        setenv("COMPUERTA_EXEC_PATH", stubs().c_str(), 1);
        setenv("STUB_DIR", m_dir.path().c_str(), 1);
        setenv("COMPUERTA_RUN", "r1", 1);
        for (const char* n : {"PGHOST", "PGDATABASE", "CI_PIPELINE_ID", "GITLAB_CI"}) unsetenv(n);
        if (chdir(m_dir.path().c_str()) != 0) _exit(126);
        int fd = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(fd, 1);
        dup2(fd, 2);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(exe.c_str(), argv.data());
        _exit(127);
    }
    return pid;
}

int Scene::wait_exit(pid_t pid) {
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) return -1;
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}

Run Scene::rollback(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
    return program("compuerta-rollback", args, env);
}

std::vector<std::string> Scene::calls() const {
    std::vector<std::string> out;
    if (!fs::exists(m_dir / "calls.log")) return out;
    std::istringstream in(read_file(m_dir / "calls.log"));
    std::string line;
    while (std::getline(in, line)) {
        // Keep the program and its own arguments, not the passed-through -c/--journal.
        auto c = line.find(" -c ");
        out.push_back(c == std::string::npos ? line : line.substr(0, c));
    }
    return out;
}

std::string Scene::deployed() const {
    if (!fs::exists(m_dir / "deployed.txt")) return {};
    std::string s = read_file(m_dir / "deployed.txt");
    while (!s.empty() && s.back() == '\n') s.pop_back();
    return s;
}

std::vector<nlohmann::json> Scene::events() const { return core::read_journal(journal()).events; }

std::vector<std::string> Scene::rollback_steps() const {
    std::vector<std::string> out;
    for (const auto& e : events()) {
        std::string ev = e.value("event", "");
        if (ev.rfind("rollback.", 0) == 0 && e.value("status", "") != "started")
            out.push_back(ev + ":" + e.value("status", ""));
    }
    return out;
}

} // namespace compuerta::test::pipeline
