// The http maintenance backend against a real endpoint (the webhook receiver).
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

TEST(WindowMaintenanceBackends, HttpAdminEndpoint) {
    WebhookReceiver admin;
    ASSERT_GT(admin.port, 0);
    TempDir dir;
    std::string yml = fmt::format("maintenance:\n  backend: http\n  admin_url: http://127.0.0.1:{}/ok/admin\n"
                                  "  admin_token: ${{ADMIN_TOKEN}}\n  admin_on_body: '{{\"mode\": \"on\", \"tag\": \"{{tag}}\"}}'\n"
                                  "window:\n  release: v1.4.0\n",
                                  admin.port);
    test::Run on = maintenance(dir, yml, {"on"});
    ASSERT_EQ(on.code, 0) << on.out << on.err;
    test::Run off = maintenance(dir, yml, {"off"});
    ASSERT_EQ(off.code, 0) << off.out << off.err;
    std::istringstream log(read_file(admin.dir / "log.jsonl"));
    std::vector<json> calls;
    for (std::string line; std::getline(log, line);) calls.push_back(json::parse(line));
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_EQ(calls[0]["body"], "{\"mode\": \"on\", \"tag\": \"v1.4.0\"}");
    EXPECT_EQ(calls[0]["headers"]["Authorization"], "Bearer " + k_token);
    EXPECT_EQ(calls[1]["body"], "{\"maintenance\": false}");

    // The endpoint answering 500, or down: exit 1, journaled as failed.
    std::string failing = fmt::format("maintenance:\n  backend: http\n  admin_url: http://127.0.0.1:{}/fail/admin\n"
                                      "  admin_token: ${{ADMIN_TOKEN}}\n", admin.port);
    test::Run err500 = maintenance(dir, failing, {"on"});
    EXPECT_EQ(err500.code, 1);
    EXPECT_NE(err500.out.find("HTTP 500"), std::string::npos) << err500.out;
    std::string down = fmt::format("maintenance:\n  backend: http\n  admin_url: http://127.0.0.1:{}/admin\n  timeout: 2s\n",
                                   free_port());
    test::Run unreachable = maintenance(dir, down, {"on"});
    EXPECT_EQ(unreachable.code, 1);
    EXPECT_NE(unreachable.out.find("unreachable"), std::string::npos) << unreachable.out;
    std::string journal;
    for (const auto& f : fs::directory_iterator(dir / "journal")) journal += read_file(f.path());
    EXPECT_NE(journal.find("\"event\":\"maintenance.on\",\"item\":\"2\",\"command\":\"maintenance\",\"status\":\"fail\""),
              std::string::npos)
        << journal;
    EXPECT_EQ(journal.find(k_token), std::string::npos);
}
