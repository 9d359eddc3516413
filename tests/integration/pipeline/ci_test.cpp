// The CI definitions: the GitLab component's shape (no stages of its own, the
// deployment triggered under one resource group) and the old template file
// including it, the component run by gitlab-ci-local over stub commands plus
// the real deploy and rollback, and the Jenkinsfile and shared-library steps
// compiled by groovyc.
#include "harness.hpp"

#include <cstdlib>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

using namespace compuerta::test;
namespace fs = std::filesystem;

namespace {

const fs::path k_src = COMPUERTA_SOURCE_DIR;

std::optional<std::string> which(const std::string& program) {
    const char* path = std::getenv("PATH");
    std::string p = path ? path : "";
    std::size_t start = 0;
    while (start <= p.size()) {
        auto colon = p.find(':', start);
        fs::path cand = fs::path(p.substr(start, colon == std::string::npos ? std::string::npos : colon - start)) / program;
        if (access(cand.c_str(), X_OK) == 0) return cand.string();
        if (colon == std::string::npos) break;
        start = colon + 1;
    }
    return std::nullopt;
}

std::string java_home() {
    auto java = which("java");
    if (!java) return {};
    return fs::canonical(*java).parent_path().parent_path().string();
}

Run groovyc(const fs::path& dir, const std::vector<std::string>& files) {
    std::vector<std::string> args{"-d", (dir / "classes").string()};
    for (const auto& f : files) args.push_back((dir / f).string());
    return run(*which("groovyc"), args, {{"JAVA_HOME", java_home()}}, dir, 180);
}

} // namespace

// The component adds jobs only (no stages: the project's own stay), and the
// file earlier versions asked projects to include is a thin include of it.
// gitlab_component_test.sh checks the expanded pipelines.
TEST(GitlabTemplate, ComponentAddsNoStagesAndTheOldFileIncludesIt) {
    auto docs = YAML::LoadAllFromFile((k_src / "templates/deployment/template.yml").string());
    ASSERT_EQ(docs.size(), 2u);
    EXPECT_TRUE(docs[0]["spec"]["inputs"]["environment"].IsMap());
    EXPECT_TRUE(docs[0]["spec"]["inputs"]["runner_tags"].IsMap());
    const YAML::Node& body = docs[1];
    for (const char* key : {"stages", "variables", "default", "workflow"})
        EXPECT_FALSE(body[key]) << key;
    YAML::Node trigger = body["compuerta:deployment"];
    EXPECT_EQ(trigger["resource_group"].as<std::string>(), "compuerta-$[[ inputs.environment ]]");
    EXPECT_EQ(trigger["trigger"]["strategy"].as<std::string>(), "depend");
    EXPECT_EQ(trigger["trigger"]["include"][0]["job"].as<std::string>(),
              "compuerta-child-pipeline");
    EXPECT_EQ(body["compuerta:gate-release"]["variables"]["GIT_DEPTH"].as<std::string>(), "0");

    YAML::Node old = YAML::LoadFile((k_src / "ci/gitlab/compuerta.gitlab-ci.yml").string());
    EXPECT_FALSE(old["stages"]);
    EXPECT_EQ(old["include"][0]["local"].as<std::string>(), "templates/deployment/template.yml");
    EXPECT_EQ(old["include"][0]["inputs"]["environment"].as<std::string>(), "production");
}

TEST(Jenkins, JenkinsfileAndSharedStepsCompileWithGroovyc) {
    if (!which("groovyc") || java_home().empty()) GTEST_SKIP() << "groovyc or java missing (scripts/deps/pipeline.txt)";
    TempDir t;
    fs::copy_file(k_src / "ci/jenkins/Jenkinsfile", t / "Jenkinsfile.groovy");
    std::vector<std::string> files{"Jenkinsfile.groovy"};
    for (const auto& e : fs::directory_iterator(k_src / "ci/jenkins/vars")) {
        fs::copy_file(e.path(), t / e.path().filename());
        files.push_back(e.path().filename().string());
    }
    auto ok = groovyc(t.path(), files);
    EXPECT_EQ(ok.code, 0) << ok.out << ok.err;
    std::string text = read_file(k_src / "ci/jenkins/Jenkinsfile");
    for (const char* needed : {"lock(", "post {", "failure {", "compuertaRollback", "'smoke'"})
        EXPECT_TRUE(contains(text, needed)) << needed;
    EXPECT_TRUE(contains(read_file(k_src / "ci/jenkins/vars/compuertaStep.groovy"), "junit "));

    // The check can fail: one brace too many is a syntax error.
    write_file(t / "Broken.groovy", text + "\n}\n");
    auto broken = groovyc(t.path(), {"Broken.groovy"});
    EXPECT_NE(broken.code, 0);
}

// The library steps run with Jenkins' steps replaced by stand-ins and a stub
// compuerta that exits 0, 1, 3 or 4 (jenkins_steps_test.groovy says what must
// happen for each).
TEST(Jenkins, SharedStepsHandleEachExitCode) {
    if (!which("groovy") || java_home().empty())
        GTEST_SKIP() << "groovy or java missing (scripts/deps/pipeline.txt)";
    TempDir t;
    auto r = run(*which("groovy"),
                 {(k_src / "tests/integration/pipeline/jenkins_steps_test.groovy").string(),
                  (k_src / "ci/jenkins/vars").string(), t.path().string()},
                 {{"JAVA_HOME", java_home()}}, t.path(), 180);
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "ok: Jenkins shared-library steps (0 problem(s))")) << r.out;
}

namespace {

// The component included by a project in a git repo, run by gitlab-ci-local
// in the local shell (the child pipeline too). The bin directory holds the
// real compuerta (for deploy and rollback) behind a dispatching script, and
// ci_stub.sh under every other command's name.
class GitlabScene {
  public:
    GitlabScene() {
        fs::create_directories(repo());
        fs::create_directories(bin());
        fs::create_directories(state());
        fs::copy(k_src / "templates", repo() / "templates", fs::copy_options::recursive);
        // STATE sits in the pipeline's variables: gitlab-ci-local passes those
        // (not --variable) on to the child pipeline.
        write_file(repo() / ".gitlab-ci.yml",
                   "stages: [build, gate, deploy]\n"
                   "include:\n  - local: templates/deployment/template.yml\n    inputs:\n"
                   "      environment: test\n      environment_url: http://127.0.0.1:9/\n"
                   "      runner_tags: [compuerta]\n"
                   "variables:\n  COMPUERTA_BIN_DIR: \"" +
                       bin().string() +
                       "\"\n"
                       "  STATE: \"" +
                       state().string() +
                       "\"\n"
                       "build:\n  stage: build\n  script: [echo built]\n");
        write_file(repo() / "compuerta.yml", "deploy:\n  commands:\n    - 'echo {tag} > \"$STATE/deployed.txt\"'\n"
                                             "  current_release: 'cat \"$STATE/deployed.txt\"'\n  timeout: 30s\n");
        write_file(repo() / ".gitignore", ".gitlab-ci-local/\n.gitlab-ci-local-variables.yml\n");
        // The real compuerta answers deploy, rollback and --version; every
        // other command the pipeline runs goes to ci_stub.sh under that
        // command's name (compuerta-gate-release, ...), which the rollback
        // also finds beside the real binary.
        fs::copy_file(bin_of("compuerta"), bin() / "compuerta-real");
        write_file(bin() / "compuerta", "#!/bin/sh\nhere=$(dirname \"$0\")\n"
                                        "case \"$1\" in deploy|rollback|--version) exec "
                                        "\"$here/compuerta-real\" \"$@\" ;; esac\n"
                                        "if [ -n \"$2\" ] && [ -x \"$here/compuerta-$1-$2\" ]; "
                                        "then n=\"compuerta-$1-$2\"; shift 2; "
                                        "exec \"$here/$n\" \"$@\"; fi\n"
                                        "n=\"compuerta-$1\"; shift; exec \"$here/$n\" \"$@\"\n");
        fs::permissions(bin() / "compuerta", fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
        for (const char* stub : {"compuerta-gate-release", "compuerta-gate-qa", "compuerta-gate-defects",
                                 "compuerta-gate-env", "compuerta-window-open", "compuerta-window-close",
                                 "compuerta-notify", "compuerta-maintenance", "compuerta-db-backup",
                                 "compuerta-db-migrate", "compuerta-db-restore", "compuerta-smoke",
                                 "compuerta-checklist"})
            fs::copy_file(k_src / "tests/integration/pipeline/ci_stub.sh", bin() / stub);
        git({"init", "-q", "-b", "main"});
        git({"add", "."});
        git({"-c", "user.email=ci@example.invalid", "-c", "user.name=ci", "commit", "-qm", "release"});
    }
    static std::string bin_of(const std::string& n) { return compuerta::test::bin(n); }
    fs::path repo() const { return m_dir / "repo"; }
    fs::path bin() const { return m_dir / "bin"; }
    fs::path state() const { return m_dir / "state"; }
    std::string file(const std::string& n) const {
        return fs::exists(state() / n) ? read_file(state() / n) : std::string();
    }
    // A tag pipeline. CI_COMMIT_TAG comes from gitlab-ci-local's variables
    // file, which the child pipeline reads too.
    Run pipeline(const std::string& tag) {
        write_file(repo() / ".gitlab-ci-local-variables.yml", "CI_COMMIT_TAG: " + tag + "\n");
        return run(glc().string(), {"--force-shell-executor"},
                   {{"NO_COLOR", "1"}, {"FORCE_COLOR", "0"}}, repo(), 300);
    }
    // Every journal line the pipeline's jobs wrote.
    std::string journal() const {
        std::string all;
        if (fs::exists(repo() / "compuerta-journal"))
            for (const auto& e : fs::directory_iterator(repo() / "compuerta-journal"))
                all += read_file(e.path());
        return all;
    }
    static fs::path glc() { return k_src / "tests/tools/pipeline/node_modules/.bin/gitlab-ci-local"; }

  private:
    void git(const std::vector<std::string>& args) {
        auto r = run("git", args, {}, repo());
        if (r.code != 0) throw std::runtime_error("git failed: " + r.err);
    }
    TempDir m_dir;
};

} // namespace

TEST(GitlabTemplate, GoodReleasePassesBadReleaseIsRolledBackByTheRollbackJob) {
    if (!fs::exists(GitlabScene::glc()))
        GTEST_SKIP() << "gitlab-ci-local missing: run scripts/setup-test-tools.sh";
    if (!which("rsync")) GTEST_SKIP() << "rsync missing (scripts/deps/pipeline.txt)";
    GitlabScene s;
    auto good = s.pipeline("v1");
    ASSERT_EQ(good.code, 0) << good.out << good.err;
    EXPECT_TRUE(contains(good.out, "PASS  [compuerta:deployment] -> compuerta:maintenance-off"))
        << good.out;
    EXPECT_EQ(s.file("deployed.txt"), "v1\n");
    EXPECT_FALSE(contains(s.file("calls.log"), "compuerta-db-restore"));

    // gitlab-ci-local ends a trigger job with 0 whatever its child did: the
    // child's jobs and journal say what happened.
    write_file(s.state() / "bad-release", "v2");
    auto bad = s.pipeline("v2");
    EXPECT_TRUE(contains(bad.out, "FAIL  compuerta:smoke")) << bad.out;
    std::string calls = s.file("calls.log");
    EXPECT_TRUE(contains(calls, "compuerta-db-restore --manifest " + (s.state() / "backup/manifest.json").string()))
        << calls;
    EXPECT_TRUE(contains(calls, "compuerta-notify rollback")) << calls;
    EXPECT_TRUE(contains(calls, "compuerta-checklist --postmortem")) << calls;
    EXPECT_EQ(s.file("deployed.txt"), "v1\n") << bad.out;
    std::string journal = s.journal();
    EXPECT_TRUE(contains(journal, "\"event\":\"rollback.redeploy\"")) << journal;
    EXPECT_TRUE(contains(journal, "\"event\":\"rollback.done\"")) << journal;
    // The rollback job passed; the manual approval job did not run by itself.
    EXPECT_TRUE(contains(bad.out, "PASS  [compuerta:deployment] -> compuerta:rollback")) << bad.out;
    EXPECT_FALSE(contains(bad.out, "compuerta:rollback-approve starting")) << bad.out;
}
