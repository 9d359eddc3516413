// The sql maintenance backend against a throwaway PostgreSQL database.
#include "tests/integration/window/background.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace compuerta;
using namespace compuerta::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string k_token = "admin-token-71c9e";

test::Run maintenance(const TempDir& dir, const std::string& yml, std::vector<std::string> args) {
    write_file(dir / "compuerta.yml", yml);
    args.insert(args.begin(), "maintenance");
    args.insert(args.end(), {"-c", (dir / "compuerta.yml").string(), "--journal", (dir / "journal").string()});
    test::Run r = run("compuerta", args, {{"ADMIN_TOKEN", k_token}});
    EXPECT_EQ(r.out.find(k_token), std::string::npos) << r.out;
    EXPECT_EQ(r.err.find(k_token), std::string::npos) << r.err;
    return r;
}

} // namespace

TEST(WindowMaintenanceBackends, SqlStatementsOnARealDatabase) {
    COMPUERTA_REQUIRE_PG();
    std::string dsn = create_test_database("window_maint");
    std::string db = dsn.substr(dsn.find("dbname=") + 7);
    db = db.substr(0, db.find(' '));
    psql(db, "CREATE TABLE ajustes (mantenimiento boolean NOT NULL, nota text); INSERT INTO ajustes VALUES (false, '')");
    TempDir dir;
    std::string yml = fmt::format(
        "maintenance:\n  backend: sql\n  dsn: \"{}\"\n"
        "  on_sql: \"UPDATE ajustes SET mantenimiento = true, nota = '{{tag}}'\"\n"
        "  off_sql: \"UPDATE ajustes SET mantenimiento = false\"\n"
        "  state_sql: \"SELECT mantenimiento FROM ajustes\"\nwindow:\n  release: v1.4.0\n",
        dsn);
    test::Run on = maintenance(dir, yml, {"on"});
    ASSERT_EQ(on.code, 0) << on.out << on.err;
    EXPECT_EQ(psql(db, "SELECT mantenimiento, nota FROM ajustes"), "t|v1.4.0\n");
    test::Run off = maintenance(dir, yml, {"off"});
    ASSERT_EQ(off.code, 0) << off.out << off.err;
    EXPECT_EQ(psql(db, "SELECT mantenimiento FROM ajustes"), "f\n");
    std::string broken = yml;
    broken.replace(broken.find("UPDATE ajustes SET mantenimiento = true"), 14, "UPDATE nada");
    test::Run bad = maintenance(dir, broken, {"on"});
    EXPECT_EQ(bad.code, 1);
    EXPECT_NE(bad.out.find("maintenance.on_sql"), std::string::npos) << bad.out;
}
