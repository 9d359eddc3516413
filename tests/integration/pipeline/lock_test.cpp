// The advisory locks on the throwaway cluster: two rollbacks at once, a
// rollback while a migration/restore holds the database's lock.
#include "core/ports/db.hpp"
#include "harness.hpp"
#include "plugin/db/lock.hpp"

#include <csignal>
#include <gtest/gtest.h>
#include <thread>

using namespace compuerta;
using namespace compuerta::test;
using namespace compuerta::test::pipeline;

namespace {
std::string db_config(const std::string& dsn) {
    return "database:\n  dsn: \"" + dsn + "\"\n";
}
} // namespace

TEST(RollbackLock, TwoRollbacksAtOnceTheSecondStopsBeforeAnyChange) {
    COMPUERTA_REQUIRE_PG();
    std::string dsn = create_test_database("rb_lock_two");
    Scene s(db_config(dsn));
    s.seed_bad_release();
    s.flag("block-restore");
    pid_t first = s.spawn_rollback();
    for (int i = 0; i < 400 && !std::filesystem::exists(s.dir() / "restore-started"); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    if (!std::filesystem::exists(s.dir() / "restore-started")) {
        kill(first, SIGKILL);
        Scene::wait_exit(first);
        FAIL() << "the first rollback never reached the restore: " << read_file(s.dir() / "bg.out");
    }
    auto second = s.rollback();
    s.flag("release-restore");
    int first_code = Scene::wait_exit(first);
    EXPECT_EQ(second.code, 3) << second.err;
    EXPECT_TRUE(contains(second.err, "another rollback")) << second.err;
    EXPECT_EQ(first_code, 0) << read_file(s.dir() / "bg.out");
    Lines c = s.calls();
    EXPECT_EQ(
        std::count_if(c.begin(), c.end(),
                      [](const std::string& l) { return l.rfind("compuerta-db-restore", 0) == 0; }),
        1);
    EXPECT_EQ(s.deployed(), "v1");

    // Released when the rollback ended.
    auto pg = core::make_libpq_db();
    core::ProcessEnv env;
    auto again = compuerta::plugin::db::AdvisoryLock::try_once(
        *pg, dsn, "compuerta-rollback:", env, core::Deadline::after(core::Millis(5'000)));
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_TRUE(again->acquired);
}

TEST(RollbackLock, AMigrationHoldingTheDatabaseLockStopsTheRollback) {
    COMPUERTA_REQUIRE_PG();
    std::string dsn = create_test_database("rb_lock_migrate");
    auto pg = core::make_libpq_db();
    core::ProcessEnv env;
    auto migrate = compuerta::plugin::db::AdvisoryLock::try_once(
        *pg, dsn, "compuerta:", env, core::Deadline::after(core::Millis(5'000)));
    ASSERT_TRUE(migrate.ok()) << migrate.error().message;
    ASSERT_TRUE(migrate->acquired);
    EXPECT_EQ(migrate->key, "compuerta:" + migrate->database);
    Scene s(db_config(dsn));
    s.seed_bad_release();
    auto r = s.rollback();
    EXPECT_EQ(r.code, 3) << r.err;
    EXPECT_TRUE(contains(r.err, "migration or restore")) << r.err;
    EXPECT_TRUE(s.calls().empty());
    migrate->held.reset();
    auto after = s.rollback();
    EXPECT_EQ(after.code, 0) << after.err;
}

TEST(RollbackLock, KeyIsHashtextextendedOfPrefixAndDatabaseName) {
    COMPUERTA_REQUIRE_PG();
    std::string dsn = create_test_database("rb_lock_key");
    auto pg = core::make_libpq_db();
    core::ProcessEnv env;
    auto held = compuerta::plugin::db::AdvisoryLock::try_once(
        *pg, dsn, "compuerta:", env, core::Deadline::after(core::Millis(5'000)));
    ASSERT_TRUE(held.ok() && held->acquired);
    // Another session trying the documented key sees it taken.
    std::string got = psql("postgres", "SELECT pg_try_advisory_lock(hashtextextended('compuerta:" +
                                           held->database + "', 0))");
    EXPECT_EQ(got.substr(0, 1), "f");
}
