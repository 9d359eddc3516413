#include "core/config/config.hpp"
#include "plugin/gates/common.hpp"
#include "plugin/gates/env/host_checks.hpp"
#include "plugin/gates/env/variables_check.hpp"
#include "tests/support/support.hpp"

#include <gtest/gtest.h>

namespace compuerta::plugin::gates {
namespace {

using Vars = std::map<std::string, std::string>;

using core::Status;
const core::Deadline k_env_later = core::Deadline::after(core::Millis(60'000));
core::CheckSpec spec(const char* id, const char* item) { return make_spec(id, item, "n", "c", core::Millis(1000)); }

TEST(RequiredVariables, UnsetAndEmptyAreNamedValuesNever) {
    core::MapEnv env(Vars{{"DB_PASSWORD", "s3cr3t-value"}, {"EMPTY_ONE", ""}, {"CERT_FILE", "/run/cert"}});
    RequiredVariablesCheck c(spec("v", "2.3"), {"DB_PASSWORD", "EMPTY_ONE", "MISSING", "CERT"}, env);
    auto o = c.run(k_env_later);
    EXPECT_EQ(o.status, Status::fail);
    EXPECT_NE(o.message.find("not set: MISSING"), std::string::npos) << o.message;
    EXPECT_NE(o.message.find("set but empty: EMPTY_ONE"), std::string::npos);
    EXPECT_EQ(o.message.find("s3cr3t"), std::string::npos);
    EXPECT_EQ(o.message.find("CERT"), std::string::npos); // CERT_FILE stands for CERT
    RequiredVariablesCheck ok(spec("v", "2.3"), {"DB_PASSWORD"}, env);
    EXPECT_EQ(ok.run(k_env_later).status, Status::pass);
}

TEST(ConfigVariables, UnresolvedVariableIsAFailedCheckNotACrash) {
    core::MapEnv env(Vars{{"SET_ONE", "x"}});
    auto cfg = core::config::Config::load_string("database:\n  dsn: \"host=db password=${DB_PASS}\"\n"
                                                 "environment:\n  name: ${SET_ONE}\n  tools: [\"${TOOL_DIR}/pg_dump\"]\n",
                                                 "compuerta.yml", env);
    ConfigCheck c(spec("c", "2.3"), cfg);
    auto o = c.run(k_env_later);
    EXPECT_EQ(o.status, Status::fail);
    EXPECT_NE(o.detail.find("compuerta.yml:2:"), std::string::npos) << o.detail;
    EXPECT_NE(o.detail.find("DB_PASS"), std::string::npos);
    EXPECT_NE(o.detail.find("TOOL_DIR"), std::string::npos);
    EXPECT_EQ(o.detail.find("SET_ONE"), std::string::npos);
    core::MapEnv full(Vars{{"SET_ONE", "x"}, {"DB_PASS", "p4ssw0rd!"}, {"TOOL_DIR", "/usr/bin"}});
    auto good = core::config::Config::load_string("database:\n  dsn: \"host=db password=${DB_PASS}\"\n", "c.yml", full);
    EXPECT_EQ(ConfigCheck(spec("c", "2.3"), good).run(k_env_later).status, Status::pass);
    auto none = core::config::Config::none(env);
    EXPECT_EQ(ConfigCheck(spec("c", "2.3"), none).run(k_env_later).status, Status::skip);
}

TEST(Tools, FoundOnThePathGiven) {
    test::TempDir d;
    test::write_file(d / "mytool", "#!/bin/sh\n");
    std::filesystem::permissions(d / "mytool", std::filesystem::perms::owner_all);
    test::write_file(d / "notexec", "x");
    core::MapEnv env(Vars{{"PATH", d.path().string() + ":/nonexistent"}});
    EXPECT_EQ(ToolsCheck(spec("t", "2.1"), {"mytool"}, env).run(k_env_later).status, Status::pass);
    auto o = ToolsCheck(spec("t", "2.1"), {"mytool", "notexec", "absent"}, env).run(k_env_later);
    EXPECT_EQ(o.status, Status::fail);
    EXPECT_NE(o.message.find("notexec, absent"), std::string::npos);
}

TEST(Disk, MissingDirectoryAndTooLittleSpace) {
    test::TempDir d;
    EXPECT_EQ(DiskSpaceCheck(spec("d", "2.1"), (d / "missing").string(), 1).run(k_env_later).status, Status::fail);
    EXPECT_EQ(DiskSpaceCheck(spec("d", "2.1"), d.path().string(), 1).run(k_env_later).status, Status::pass);
    auto o = DiskSpaceCheck(spec("d", "2.1"), d.path().string(), 1ull << 60).run(k_env_later);
    EXPECT_EQ(o.status, Status::fail);
    EXPECT_NE(o.message.find("required"), std::string::npos);
}

} // namespace
} // namespace compuerta::plugin::gates
