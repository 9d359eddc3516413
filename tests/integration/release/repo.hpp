#pragma once
// Real git repositories for the release tests, built with the git CLI.
#include "tests/support/support.hpp"

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace compuerta::test::release {

// The shared runner (tests/support: the Process port, poll + waitpid).
inline Run xrun(const std::string& program, const std::vector<std::string>& args,
                const std::map<std::string, std::string>& env = {},
                const std::optional<std::filesystem::path>& cwd = {}, int timeout_s = 60) {
    return run(program, args, env, cwd, timeout_s);
}

// Identity and an empty HOME so no user configuration leaks into a test.
inline std::map<std::string, std::string> git_env(const TempDir& home) {
    return {{"HOME", home.path().string()},           {"GIT_CONFIG_NOSYSTEM", "1"},
            {"GIT_AUTHOR_NAME", "Dev Lead"},          {"GIT_AUTHOR_EMAIL", "lead@example.org"},
            {"GIT_COMMITTER_NAME", "Dev Lead"},       {"GIT_COMMITTER_EMAIL", "lead@example.org"},
            {"CI_COMMIT_TAG", "\x01"},                {"TAG_NAME", "\x01"},
            {"CI_DEFAULT_BRANCH", "\x01"},            {"COMPUERTA_CONFIG", "\x01"},
            {"GITLAB_CI", "\x01"}};
}

class Repo {
  public:
    explicit Repo(std::filesystem::path dir, std::map<std::string, std::string> env, bool init = true)
        : m_dir(std::move(dir)), m_env(std::move(env)) {
        if (init) {
            std::filesystem::create_directories(m_dir);
            git({"init", "-q", "-b", "main"});
        }
    }
    const std::filesystem::path& dir() const { return m_dir; }
    std::string git(const std::vector<std::string>& args) const {
        Run r = xrun("git", args, m_env, m_dir, 60);
        EXPECT_EQ(r.code, 0) << "git failed: " << r.err;
        std::string out = r.out;
        while (!out.empty() && out.back() == '\n') out.pop_back();
        return out;
    }
    std::string commit(const std::string& file, const std::string& content, const std::string& msg) const {
        write_file(m_dir / file, content);
        git({"add", file});
        git({"commit", "-q", "-m", msg});
        return git({"rev-parse", "HEAD"});
    }
    void tag(const std::string& name, const std::string& rev = "HEAD") const {
        git({"tag", "-a", name, "-m", "release " + name, rev});
    }
    // History: main with v1.0.0, then release/v1.1 with two commits.
    void release_line() const {
        commit("app.txt", "1\n", "first");
        tag("v1.0.0");
        git({"checkout", "-q", "-b", "release/v1.1"});
        commit("a.txt", "a\n", "feature a");
        commit("b.txt", "b\n", "feature b");
        git({"checkout", "-q", "main"});
        commit("main.txt", "m\n", "work on main");
    }

  private:
    std::filesystem::path m_dir;
    std::map<std::string, std::string> m_env;
};

struct GateRun {
    int code = -1;
    std::string out, err;
    std::map<std::string, std::string> status;  // check id -> status
    std::map<std::string, std::string> message; // check id -> message
    nlohmann::json json;
};

// Runs a built command with --json into `work` and collects each check's status.
inline GateRun run_json(const std::string& program, const TempDir& work, std::vector<std::string> args,
                        const std::map<std::string, std::string>& env,
                        const std::optional<std::filesystem::path>& cwd = {}) {
    auto json_path = work / "out.json";
    std::filesystem::remove(json_path);
    args.insert(args.end(), {"--json", json_path.string(), "--journal", (work / "journal").string()});
    Run r = xrun(program, args, env, cwd, 60);
    GateRun g{r.code, r.out, r.err, {}, {}, {}};
    if (std::filesystem::exists(json_path)) {
        g.json = nlohmann::json::parse(read_file(json_path));
        for (const auto& c : g.json["suites"][0]["checks"]) {
            g.status[c["id"].get<std::string>()] = c["status"].get<std::string>();
            g.message[c["id"].get<std::string>()] = c["message"].get<std::string>();
        }
    }
    return g;
}

} // namespace compuerta::test::release
