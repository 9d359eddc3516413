// The window-area commands and the flag-over-configuration merge run
// in-process with the fake world (tests/support/fakes.hpp): what they record
// in the journal, what they switch, and how a bad flag is refused before any
// port is asked for.
#include "core/journal.hpp"
#include "tests/support/fakes.hpp"
#include "tests/support/support.hpp"

#include <gtest/gtest.h>

namespace compuerta::test {
namespace {

// Every command of these tests runs as run-7.
struct Box : Sandbox {
    std::map<std::string, std::string> env() const {
        return Sandbox::env({{"COMPUERTA_RUN", "run-7"}});
    }
};

TEST(WindowCommandsWithFakes, SignoffRecordsAnApprovalAndRefusesAnUnknownItem) {
    Box box;
    FakeWorld world;
    auto ok = run_command("signoff", {"1.2", "--by", "Ana Ruiz", "--note", "QA firmado"}, box.env(),
                          world);
    EXPECT_EQ(ok.code, 0) << ok.out << ok.err;
    auto signoffs = box.events("signoff");
    ASSERT_EQ(signoffs.size(), 1u);
    EXPECT_TRUE(contains(signoffs[0], "Ana Ruiz")) << signoffs[0];
    EXPECT_TRUE(contains(signoffs[0], "\"1.2\"")) << signoffs[0];

    auto bad = run_command("signoff", {"9.9", "--by", "Ana Ruiz"}, box.env(), world);
    EXPECT_EQ(bad.code, 2) << bad.out << bad.err;
    EXPECT_TRUE(contains(bad.err, "9.9")) << bad.err;
    EXPECT_EQ(box.events("signoff").size(), 1u); // nothing recorded for the refused one
    EXPECT_TRUE(world.requests().empty());
    EXPECT_TRUE(world.processes().empty());
}

TEST(WindowCommandsWithFakes, WindowOpenAndCloseRecordThePlannedWindow) {
    Box box;
    FakeWorld world;
    auto open = run_command("window",
                            {"open", "--environment", "produccion", "--release", "v1.1.0",
                             "--start", "2026-11-29T06:00:00Z", "--end", "2026-11-29T08:00:00Z"},
                            box.env(), world);
    EXPECT_EQ(open.code, 0) << open.out << open.err;
    auto opened = box.events("window.open");
    ASSERT_EQ(opened.size(), 1u);
    EXPECT_TRUE(contains(opened[0], "produccion")) << opened[0];
    EXPECT_TRUE(contains(opened[0], "2026-11-29T08:00:00Z")) << opened[0];
    // No database is configured: no lease store is asked for (a warning says so).
    EXPECT_TRUE(world.unfaked().empty());
    EXPECT_TRUE(contains(open.err, "lease")) << open.err;

    // Close reads what open journaled: the same release and environment.
    auto close = run_command("window", {"close"}, box.env(), world);
    EXPECT_EQ(close.code, 0) << close.out << close.err;
    auto closed = box.events("window.close");
    ASSERT_EQ(closed.size(), 1u);
    EXPECT_TRUE(contains(closed[0], "v1.1.0")) << closed[0];

    auto bad = run_command("window", {"open", "--end", "mañana"}, box.env(), world);
    EXPECT_EQ(bad.code, 2) << bad.out << bad.err;
    EXPECT_TRUE(contains(bad.err, "--end")) << bad.err;
}

TEST(WindowCommandsWithFakes, ChecklistShowsWhatTheJournalRecorded) {
    Box box;
    FakeWorld world;
    ASSERT_EQ(run_command("signoff", {"1.2", "--by", "Ana Ruiz"}, box.env(), world).code, 0);
    auto md = run_command("checklist", {}, box.env(), world);
    EXPECT_EQ(md.code, 0) << md.out << md.err;
    EXPECT_TRUE(contains(md.out, "1.2")) << md.out;
    EXPECT_TRUE(contains(md.out, "Ana Ruiz")) << md.out;
}

TEST(WindowCommandsWithFakes, MaintenanceFlagsOverrideTheFileThroughOneMerge) {
    Box box;
    FakeWorld world;
    // The file says http (whose admin URL would be asked); the flags say file.
    std::string cfg = box.config("maintenance:\n"
                                 "  backend: http\n"
                                 "  admin_url: https://admin.example/maintenance\n");
    auto flag = box.dir / "maintenance.on";
    auto on = run_command("maintenance",
                          {"-c", cfg, "on", "--backend", "file", "--flag-file", flag.string()},
                          box.env(), world);
    EXPECT_EQ(on.code, 0) << on.out << on.err;
    EXPECT_TRUE(std::filesystem::exists(flag));
    EXPECT_TRUE(world.requests().empty()); // the http backend of the file was not used
    auto off = run_command("maintenance",
                           {"-c", cfg, "off", "--backend", "file", "--flag-file", flag.string()},
                           box.env(), world);
    EXPECT_EQ(off.code, 0) << off.out << off.err;
    EXPECT_FALSE(std::filesystem::exists(flag));

    // A value the key's declaration refuses: exit 2, the flag and the key named.
    auto bad = run_command("maintenance", {"-c", cfg, "on", "--backend", "ftp"}, box.env(), world);
    EXPECT_EQ(bad.code, 2) << bad.out << bad.err;
    EXPECT_TRUE(contains(bad.err, "--backend: maintenance.backend")) << bad.err;
    EXPECT_TRUE(contains(bad.err, "ftp")) << bad.err;
    EXPECT_TRUE(world.requests().empty());
}

TEST(WindowCommandsWithFakes, DbBackupRefusesABadFlagBeforeAskingForTheDatabase) {
    Box box;
    FakeWorld world;
    auto bad = run_command("db backup", {"--format", "zip", "--dir", (box.dir / "b").string()},
                           box.env(), world);
    EXPECT_EQ(bad.code, 2) << bad.out << bad.err;
    EXPECT_TRUE(contains(bad.err, "--format: database.backup.format")) << bad.err;
    EXPECT_TRUE(world.unfaked().empty());   // no database port was asked for
    EXPECT_TRUE(world.processes().empty()); // no pg_dump
}

} // namespace
} // namespace compuerta::test
