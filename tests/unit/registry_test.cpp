// The one executable's command registry: help from the declarations, groups,
// "did you mean", argv[0] dispatch of compuerta-COMMAND links.
#include "core/cli/registry.hpp"
#include "core/errors.hpp"

#include <gtest/gtest.h>
#include <sstream>

using namespace compuerta;
using compuerta::core::cli::Command;
using compuerta::core::cli::Registry;

namespace {

Command make(const std::string& name, const std::string& summary, int* runs) {
    Command c;
    c.name = name;
    c.summary = summary;
    c.usage = "compuerta " + name + " [OPTIONS]";
    c.description = "Does " + name + ".";
    c.reports = false;
    c.waits = false;
    c.run = [runs](core::cli::Invocation&) {
        ++*runs;
        return 0;
    };
    return c;
}

struct Fixture {
    int smoke = 0, backup = 0, restore = 0;
    Registry r;
    Fixture() {
        r.add(make("smoke", "Run the smoke tests.", &smoke));
        r.add(make("db backup", "Take a verified backup.", &backup));
        r.add(make("db restore", "Restore a backup.", &restore));
    }
    struct Out {
        int code;
        std::string out, err;
    };
    Out run(std::vector<std::string> argv) {
        std::ostringstream o, e;
        int code = r.run(argv, o, e, compuerta::core::Adapters{});
        return {code, o.str(), e.str()};
    }
};

} // namespace

TEST(Registry, HelpListsEveryCommandWithItsSummaryWithoutRunningAny) {
    Fixture f;
    auto h = f.run({"compuerta", "--help"});
    EXPECT_EQ(h.code, 0);
    EXPECT_NE(h.out.find("db backup"), std::string::npos) << h.out;
    EXPECT_NE(h.out.find("Take a verified backup."), std::string::npos) << h.out;
    EXPECT_NE(h.out.find("smoke"), std::string::npos) << h.out;
    EXPECT_EQ(f.smoke + f.backup + f.restore, 0);
    EXPECT_EQ(f.run({"compuerta"}).out, h.out);
}

TEST(Registry, HelpCommandAndCommandHelpAgree) {
    Fixture f;
    auto a = f.run({"compuerta", "help", "db", "backup"});
    auto b = f.run({"compuerta", "db", "backup", "--help"});
    EXPECT_EQ(a.code, 0);
    EXPECT_EQ(a.out, b.out);
    EXPECT_NE(a.out.find("Usage: compuerta db backup"), std::string::npos) << a.out;
    EXPECT_EQ(f.backup, 0);
}

TEST(Registry, GroupAloneListsItsSubcommands) {
    Fixture f;
    auto g = f.run({"compuerta", "db"});
    EXPECT_EQ(g.code, 0);
    EXPECT_NE(g.out.find("db backup"), std::string::npos) << g.out;
    EXPECT_NE(g.out.find("db restore"), std::string::npos) << g.out;
    EXPECT_EQ(g.out.find("smoke"), std::string::npos) << g.out;
}

TEST(Registry, TypoIsUsageErrorWithSuggestion) {
    Fixture f;
    auto t = f.run({"compuerta", "smok"});
    EXPECT_EQ(t.code, core::k_exit_usage);
    EXPECT_NE(t.err.find("did you mean `smoke`?"), std::string::npos) << t.err;
    auto s = f.run({"compuerta", "db", "bakup"});
    EXPECT_EQ(s.code, core::k_exit_usage);
    EXPECT_NE(s.err.find("compuerta db backup"), std::string::npos) << s.err;
    auto n = f.run({"compuerta", "frobnicate"});
    EXPECT_EQ(n.code, core::k_exit_usage);
    EXPECT_EQ(n.err.find("did you mean"), std::string::npos) << n.err;
}

TEST(Registry, DispatchesTwoWordCommandsAndLinksByProgramName) {
    Fixture f;
    EXPECT_EQ(f.run({"compuerta", "db", "restore"}).code, 0);
    EXPECT_EQ(f.restore, 1);
    EXPECT_EQ(f.run({"/usr/bin/compuerta-db-backup"}).code, 0);
    EXPECT_EQ(f.backup, 1);
    EXPECT_EQ(f.run({"compuerta-smoke"}).code, 0);
    EXPECT_EQ(f.smoke, 1);
}

TEST(Registry, RefusesTwoCommandsOfOneName) {
    Fixture f;
    int n = 0;
    EXPECT_THROW(f.r.add(make("smoke", "again", &n)), std::logic_error);
}

TEST(Registry, EditDistance) {
    EXPECT_EQ(core::cli::edit_distance("smok", "smoke"), 1u);
    EXPECT_EQ(core::cli::edit_distance("", "abc"), 3u);
    EXPECT_EQ(core::cli::edit_distance("rollback", "rollback"), 0u);
    EXPECT_EQ(core::cli::program_name("db backup"), "compuerta-db-backup");
}
