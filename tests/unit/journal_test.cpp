#include "core/errors.hpp"
#include "core/journal.hpp"
#include "core/secrets.hpp"
#include "tests/support/support.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace compuerta::core;
namespace fs = std::filesystem;

namespace {
RunIdentity ident(const std::string& run, const std::string& job) {
    RunIdentity id;
    id.run = run;
    id.job = job;
    id.actor = "tester";
    return id;
}
} // namespace

TEST(Journal, IdentityComesFromGitlabVariables) {
    MapEnv env({{"CI_PIPELINE_ID", "4711"}, {"CI_JOB_ID", "99"}, {"CI_COMMIT_TAG", "v2.3.0"}, {"GITLAB_USER_LOGIN", "ana"}});
    SystemClock clock;
    auto id = RunIdentity::from_env(env, clock);
    EXPECT_EQ(id.run, "4711");
    EXPECT_EQ(id.job, "99");
    EXPECT_EQ(id.tag, "v2.3.0");
    EXPECT_EQ(id.actor, "ana");
    MapEnv jenkins({{"BUILD_TAG", "jenkins-sep-12"}, {"TAG_NAME", "v1.0.0"}});
    auto jid = RunIdentity::from_env(jenkins, clock);
    EXPECT_EQ(jid.run, "jenkins-sep-12");
    EXPECT_EQ(jid.tag, "v1.0.0");
}

TEST(Journal, OneFilePerProcessRunWithTheEventSchema) {
    compuerta::test::TempDir dir;
    FixedClock clock(std::chrono::system_clock::from_time_t(1'800'000'000));
    {
        Journal j(dir / "journal", ident("77", "5"), "smoke", clock);
        Event e;
        e.event = "check";
        e.item = "6.1";
        e.status = "pass";
        e.summary = "ok";
        e.duration_ms = 12;
        e.evidence["server_version"] = "15.18";
        e.extra["check"] = "db";
        j.append(e);
        EXPECT_EQ(j.file().filename().string(), "77-5-" + std::to_string(getpid()) + ".jsonl");
    }
    auto read = read_journal(dir / "journal");
    ASSERT_EQ(read.events.size(), 1u);
    EXPECT_TRUE(read.problems.empty());
    const auto& ev = read.events[0];
    EXPECT_EQ(ev["ts"], "2027-01-15T08:00:00.000Z");
    EXPECT_EQ(ev["run"], "77");
    EXPECT_EQ(ev["job"], "5");
    EXPECT_EQ(ev["event"], "check");
    EXPECT_EQ(ev["item"], "6.1");
    EXPECT_EQ(ev["command"], "smoke");
    EXPECT_EQ(ev["status"], "pass");
    EXPECT_EQ(ev["duration_ms"], 12);
    EXPECT_EQ(ev["actor"], "tester");
    EXPECT_EQ(ev["evidence"]["server_version"], "15.18");
    EXPECT_EQ(ev["check"], "db");
}

TEST(Journal, SecretsAreMaskedInLines) {
    compuerta::test::TempDir dir;
    SecretRegistry::global().add("journal-secret-value", "test");
    SystemClock clock;
    {
        Journal j(dir.path(), ident("r", "j"), "smoke", clock);
        Event e;
        e.event = "check";
        e.summary = "password was journal-secret-value";
        j.append(e);
    }
    auto read = read_journal(dir.path());
    ASSERT_EQ(read.events.size(), 1u);
    EXPECT_EQ(read.events[0]["summary"], "password was ***");
}

TEST(Journal, CorruptLineIsNamedAndSkipped) {
    compuerta::test::TempDir dir;
    compuerta::test::write_file(dir / "a-1-1.jsonl",
                                "{\"ts\":\"2026-11-28T10:00:00Z\",\"event\":\"window.open\"}\n"
                                "{not json\n"
                                "{\"ts\":\"2026-11-28T10:05:00Z\",\"event\":\"maintenance.on\"}\n");
    compuerta::test::write_file(dir / "b-1-1.jsonl", "{\"ts\":\"2026-11-28T10:01:00Z\",\"event\":\"backup.done\"}\n"
                                                     "{\"event\":\"no ts\"}\n");
    auto read = read_journal(dir.path());
    ASSERT_EQ(read.events.size(), 3u);
    EXPECT_EQ(read.events[0]["event"], "window.open");
    EXPECT_EQ(read.events[1]["event"], "backup.done"); // merged across files by time
    EXPECT_EQ(read.events[2]["event"], "maintenance.on");
    ASSERT_EQ(read.problems.size(), 2u);
    EXPECT_NE(read.problems[0].find("a-1-1.jsonl:2"), std::string::npos) << read.problems[0];
    EXPECT_NE(read.problems[1].find("b-1-1.jsonl:2"), std::string::npos) << read.problems[1];
}

TEST(Journal, TwoProcessesWritingAtOnceLoseNoLine) {
    compuerta::test::TempDir dir;
    const int per_process = 2000;
    pid_t kids[2];
    for (int k = 0; k < 2; ++k) {
        kids[k] = fork();
        ASSERT_GE(kids[k], 0);
        if (kids[k] == 0) {
            SystemClock clock;
            // Same run and job: only the PID tells the files apart.
            Journal j(dir.path(), ident("same", "job"), "test", clock);
            for (int i = 0; i < per_process; ++i) {
                Event e;
                e.event = "check";
                e.summary = std::string(200, static_cast<char>('a' + k)) + std::to_string(i);
                j.append(e);
            }
            _exit(0);
        }
    }
    for (pid_t p : kids) {
        int st = 0;
        waitpid(p, &st, 0);
        ASSERT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    }
    auto read = read_journal(dir.path());
    EXPECT_TRUE(read.problems.empty());
    EXPECT_EQ(read.events.size(), static_cast<std::size_t>(2 * per_process));
}

TEST(Journal, ConcurrentAppendsToOneFileStayWholeLines) {
    // Even two writers on the same file (a retried job reusing a PID is
    // impossible, but a shared NFS dir is not) write whole lines: O_APPEND + one write.
    compuerta::test::TempDir dir;
    fs::path file = dir / "shared.jsonl";
    pid_t kids[2];
    for (int k = 0; k < 2; ++k) {
        kids[k] = fork();
        if (kids[k] == 0) {
            int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
            for (int i = 0; i < 1000; ++i) {
                std::string line = "{\"ts\":\"2026-11-28T10:00:00Z\",\"event\":\"check\",\"pad\":\"" +
                                   std::string(300, 'x') + "\"}\n";
                if (::write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(1);
            }
            _exit(0);
        }
    }
    for (pid_t p : kids) waitpid(p, nullptr, 0);
    auto read = read_journal(dir.path());
    EXPECT_TRUE(read.problems.empty());
    EXPECT_EQ(read.events.size(), 2000u);
}

TEST(Journal, UnwritableDirectoryIsAUsageError) {
    if (geteuid() == 0) {
        // Root ignores permission bits: use a path under a regular file instead.
        compuerta::test::TempDir dir;
        compuerta::test::write_file(dir / "file", "x");
        EXPECT_THROW(Journal::check_writable(dir / "file" / "journal"), UsageError);
        return;
    }
    EXPECT_THROW(Journal::check_writable("/proc/compuerta-journal"), UsageError);
}

TEST(Journal, MissingDirectoryReadsAsEmptyWithAProblem) {
    auto read = read_journal("/nonexistent/journal");
    EXPECT_TRUE(read.events.empty());
    ASSERT_EQ(read.problems.size(), 1u);
}
