// Concurrency (issue 15 item 9): two `db backup`, two `db restore`, `db
// migrate` racing `db restore`, two `maintenance on|off` on one environment.
// The second waits for the first, or gives up naming the holder; never both
// at once. The first is held at a pause point after it took its lock.
#include "tests/integration/db/db_it_support.hpp"

#include <chrono>
#include <fcntl.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

using namespace compuerta::test;
using namespace compuerta::test::db;
namespace fs = std::filesystem;

namespace {

bool wait_for(const fs::path& file, int seconds = 60) {
    for (int i = 0; i < seconds * 20; ++i) {
        if (fs::exists(file))
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

// Runs `first` paused at `point` (after its lock) in a thread, runs `second`
// while it holds the lock, releases `first`; returns both results.
std::pair<Run, Run> race(Pipeline& a, const std::string& sub_a, std::vector<std::string> args_a,
                         const std::string& point, Pipeline& b, const std::string& sub_b,
                         std::vector<std::string> args_b) {
    fs::path hook = a.dir / "go";
    a.env["COMPUERTA_DB_TEST_HOOK"] = "pause@" + point;
    a.env["COMPUERTA_DB_TEST_HOOK_FILE"] = hook.string();
    Run first;
    std::thread t([&] { first = a.db(sub_a, args_a); });
    bool held = wait_for(hook.string() + ".held");
    Run second =
        held ? b.db(sub_b, args_b) : Run{-1, "", "the first command never reached " + point};
    write_file(hook, "go\n");
    t.join();
    return {first, second};
}

} // namespace

TEST(Concurrency, SecondRestoreGivesUpNamingTheHolder) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("cc_restore");
    Pipeline a, b;
    db.sql("CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 50)");
    ASSERT_EQ(a.db("backup", {"--dsn", db.dsn, "--dir", (a.dir / "bk").string()}).code, 0);
    std::string manifest = a.events("backup.done").at(0)["manifest"];
    auto [first, second] = race(a, "restore", {"--dsn", db.dsn}, "after-lock", b, "restore",
                                {"--dsn", db.dsn, "--manifest", manifest, "--lock-wait", "1s"});
    EXPECT_EQ(first.code, 0) << first.out << first.err;
    EXPECT_EQ(second.code, 3) << second.out << second.err;
    EXPECT_NE((second.out + second.err).find("held by pid"), std::string::npos)
        << second.out << second.err;
    EXPECT_EQ(db.sql("SELECT count(*) FROM t"), "50");
}

TEST(Concurrency, MigrateRacingRestoreGivesUpNamingTheHolder) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("cc_migrate");
    Pipeline a, b;
    db.sql("CREATE TABLE t (id int)");
    ASSERT_EQ(a.db("backup", {"--dsn", db.dsn, "--dir", (a.dir / "bk").string()}).code, 0);
    auto [first, second] = race(a, "restore", {"--dsn", db.dsn}, "after-lock", b, "migrate",
                                {"--dsn", db.dsn, "--dir", examples_migrations(),
                                 "--no-backup-check", "--lock-wait", "1s"});
    EXPECT_EQ(first.code, 0) << first.out << first.err;
    EXPECT_EQ(second.code, 3) << second.out << second.err;
    EXPECT_NE((second.out + second.err).find("held by pid"), std::string::npos)
        << second.out << second.err;
    EXPECT_TRUE(b.events("migrate.done").empty() || b.events("migrate.done")[0]["status"] != "ok");
}

TEST(Concurrency, SecondBackupGivesUpNamingTheHolder) {
    COMPUERTA_REQUIRE_PG();
    TestDb db("cc_backup");
    Pipeline a, b;
    db.sql("CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 50)");
    write_file(b.dir / "short.yml", "database:\n  lock_wait: 1s\n");
    auto [first, second] = race(
        a, "backup", {"--dsn", db.dsn, "--dir", (a.dir / "bk").string()}, "after-tmpdir", b,
        "backup",
        {"-c", (b.dir / "short.yml").string(), "--dsn", db.dsn, "--dir", (a.dir / "bk").string()});
    EXPECT_EQ(first.code, 0) << first.out << first.err;
    EXPECT_EQ(second.code, 3) << second.out << second.err;
    EXPECT_NE((second.out + second.err).find("held by pid"), std::string::npos)
        << second.out << second.err;
    std::size_t backups = 0;
    for (const auto& e : fs::directory_iterator(a.dir / "bk"))
        if (e.path().filename().string().rfind(".tmp-", 0) != 0)
            ++backups;
    EXPECT_EQ(backups, 1u);
}

TEST(Concurrency, SecondMaintenanceCommandGivesUpNamingTheHolder) {
    TempDir d;
    write_file(d / "compuerta.yml",
               "window:\n  environment: produccion\nmaintenance:\n  backend: file\n  flag_file: " +
                   (d / "maintenance.flag").string() + "\n  timeout: 1s\n");
    fs::create_directories(d / "journal");
    // Another `maintenance off` holds the environment's lock.
    fs::path lock = d / "journal" / ".maintenance-produccion.lock";
    int fd = ::open(lock.c_str(), O_RDWR | O_CREAT, 0644);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
    std::string holder = "pid 4242 on runner-7, `maintenance off`, since 2026-11-29T09:00:00Z\n";
    ASSERT_EQ(::write(fd, holder.data(), holder.size()), static_cast<ssize_t>(holder.size()));
    std::vector<std::string> args = {"maintenance", "on",
                                     "-c",          (d / "compuerta.yml").string(),
                                     "--journal",   (d / "journal").string()};
    auto r = run("compuerta", args, {{"NO_COLOR", "1"}}, d.path());
    EXPECT_EQ(r.code, 3) << r.out << r.err;
    EXPECT_NE(r.err.find("pid 4242 on runner-7, `maintenance off`"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(d / "maintenance.flag")) << "nothing changed";
    ::close(fd); // the holder ends
    r = run("compuerta", args, {{"NO_COLOR", "1"}}, d.path());
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_TRUE(fs::exists(d / "maintenance.flag"));
}
