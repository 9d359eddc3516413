// What migrate would run, and what stops it before anything runs.
#include "plugin/db/plan.hpp"

#include <gtest/gtest.h>

using namespace compuerta::plugin::db;

namespace {

MigrationFile file(const std::string& script, const std::string& sql) {
    MigrationFile f;
    auto p = parse_migration_name(script);
    f.path = "/m/" + script;
    f.script = script;
    f.version = p->version;
    f.description = p->description;
    f.sql = sql;
    f.checksum = flyway_checksum(sql);
    return f;
}

HistoryRow row(int rank, std::optional<std::string> version, const MigrationFile& f, bool success = true) {
    HistoryRow h;
    h.installed_rank = rank;
    h.version = std::move(version);
    h.description = f.description;
    h.type = "SQL";
    h.script = f.script;
    h.checksum = f.checksum;
    h.success = success;
    return h;
}

std::vector<std::string> scripts(const std::vector<const MigrationFile*>& v) {
    std::vector<std::string> out;
    for (auto* f : v) out.push_back(f->script);
    return out;
}

class DbPlan : public ::testing::Test {
  protected:
    std::vector<MigrationFile> files{file("V1__init.sql", "CREATE TABLE a (id int);"),
                                     file("V2__add.sql", "ALTER TABLE a ADD b int;"),
                                     file("V3__data.sql", "UPDATE a SET b = 1;"),
                                     file("R__views.sql", "CREATE OR REPLACE VIEW v AS SELECT 1;")};
};

} // namespace

TEST_F(DbPlan, PendingAfterCurrentVersionThenRepeatables) {
    auto plan = plan_migrations(files, {row(1, "1", files[0])}, std::nullopt, "h");
    EXPECT_TRUE(plan.problems.empty());
    EXPECT_EQ(plan.current->text(), "1");
    EXPECT_EQ(scripts(plan.pending), (std::vector<std::string>{"V2__add.sql", "V3__data.sql", "R__views.sql"}));
}

TEST_F(DbPlan, TargetStopsVersionedMigrations) {
    auto plan = plan_migrations(files, {}, Version::parse("2"), "h");
    EXPECT_EQ(scripts(plan.pending), (std::vector<std::string>{"V1__init.sql", "V2__add.sql", "R__views.sql"}));
}

TEST_F(DbPlan, RepeatableRunsAgainOnlyWhenItChanged) {
    std::vector<HistoryRow> history{row(1, "1", files[0]), row(2, "2", files[1]), row(3, "3", files[2]),
                                    row(4, std::nullopt, files[3])};
    EXPECT_TRUE(plan_migrations(files, history, std::nullopt, "h").pending.empty());
    files[3].sql += "\n-- the view changed";
    files[3].checksum = flyway_checksum(files[3].sql);
    auto plan = plan_migrations(files, history, std::nullopt, "h");
    EXPECT_EQ(scripts(plan.pending), (std::vector<std::string>{"R__views.sql"}));
    EXPECT_TRUE(plan.problems.empty()) << "a changed repeatable is not a problem";
}

TEST_F(DbPlan, ChangedAppliedScriptStopsAndNamesTheFile) {
    auto h = row(1, "1", files[0]);
    h.checksum = *h.checksum + 1;
    auto plan = plan_migrations(files, {h}, std::nullopt, "public.flyway_schema_history");
    ASSERT_EQ(plan.problems.size(), 1u);
    EXPECT_NE(plan.problems[0].find("/m/V1__init.sql was changed after it was applied"), std::string::npos);
}

TEST_F(DbPlan, FailedRowStops) {
    auto plan = plan_migrations(files, {row(1, "1", files[0]), row(2, "2", files[1], false)}, std::nullopt, "h");
    ASSERT_FALSE(plan.problems.empty());
    EXPECT_NE(plan.problems[0].find("recorded as failed"), std::string::npos);
}

TEST_F(DbPlan, OlderUnappliedVersionStops) {
    auto plan = plan_migrations(files, {row(1, "1", files[0]), row(2, "3", files[2])}, std::nullopt, "h");
    ASSERT_EQ(plan.problems.size(), 1u);
    EXPECT_NE(plan.problems[0].find("V2__add.sql (version 2) is older"), std::string::npos);
}

TEST_F(DbPlan, AppliedVersionMissingLocallyStops) {
    auto extra = file("V9__gone.sql", "SELECT 9;");
    auto plan = plan_migrations(files, {row(1, "1", files[0]), row(2, "9", extra)}, std::nullopt, "h");
    ASSERT_FALSE(plan.problems.empty());
    EXPECT_NE(plan.problems.back().find("version 9"), std::string::npos);
}

TEST_F(DbPlan, BaselineRowsNeedNoFile) {
    HistoryRow b;
    b.installed_rank = 1;
    b.version = "1";
    b.description = "<< Flyway Baseline >>";
    b.type = "BASELINE";
    b.script = "<< Flyway Baseline >>";
    std::vector<MigrationFile> only_v2{files[1]}; // the plan points into it: keep it alive
    auto plan = plan_migrations(only_v2, {b}, std::nullopt, "h");
    EXPECT_TRUE(plan.problems.empty());
    EXPECT_EQ(scripts(plan.pending), (std::vector<std::string>{"V2__add.sql"}));
}
