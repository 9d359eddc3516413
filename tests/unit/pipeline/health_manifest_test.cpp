#include "plugin/deploy/health_check.hpp"
#include "plugin/deploy/manifest.hpp"

#include "../../support/support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace compuerta;
using namespace compuerta::plugin::deploy;

namespace {

class FakeHttp final : public core::Http {
  public:
    std::vector<long> statuses; // answered in order; the last one repeats
    std::vector<core::HttpRequest> seen;
    core::Result<core::HttpResponse, core::HttpFailure> send(const core::HttpRequest& req,
                                                             const core::Deadline&) override {
        seen.push_back(req);
        core::HttpResponse r;
        r.status = statuses[std::min(seen.size(), statuses.size()) - 1];
        return r;
    }
};

core::CheckSpec spec() {
    core::CheckSpec s;
    s.id = "health";
    s.item = "5";
    return s;
}

} // namespace

TEST(HealthCheck, PollsThroughTheBypassUntilHealthy) {
    FakeHttp http;
    http.statuses = {503, 503, 200};
    HealthSettings hs{"http://127.0.0.1:1/health", std::make_pair(std::string("X-Bypass"), std::string("k")),
                      core::Millis(10)};
    HealthCheck c(spec(), http, hs, [](core::Millis) {});
    auto o = c.run(core::Deadline::after(core::Millis(5'000)));
    EXPECT_EQ(o.status, core::Status::pass) << o.message;
    ASSERT_EQ(http.seen.size(), 3u);
    ASSERT_EQ(http.seen[0].headers.size(), 1u);
    EXPECT_EQ(http.seen[0].headers[0].first, "X-Bypass");
}

TEST(HealthCheck, NeverHealthyFailsAtTheDeadlineNamingTheLastAnswer) {
    FakeHttp http;
    http.statuses = {503};
    HealthCheck c(spec(), http, HealthSettings{"http://127.0.0.1:1/health", std::nullopt, core::Millis(20)});
    auto o = c.run(core::Deadline::after(core::Millis(600)));
    EXPECT_EQ(o.status, core::Status::fail);
    EXPECT_NE(o.message.find("HTTP 503"), std::string::npos) << o.message;
    EXPECT_GT(http.seen.size(), 1u);
}

TEST(Manifest, AcceptsAVerifiedBackupWithItsFiles) {
    test::TempDir t;
    test::write_file(t / "dump.bin", "12345");
    nlohmann::json m = {{"database", "sep"}, {"previous_tag", "v1"}, {"verified", true},
                        {"files", {{{"path", "dump.bin"}, {"bytes", 5}, {"sha256", "x"}}}}};
    test::write_file(t / "manifest.json", m.dump());
    auto r = check_manifest(t / "manifest.json");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->database, "sep");
    EXPECT_EQ(r->bytes, 5);
}

TEST(Manifest, RefusesMissingCorruptUnverifiedOrIncompleteBackups) {
    test::TempDir t;
    EXPECT_FALSE(check_manifest(t / "nope.json").ok());
    test::write_file(t / "bad.json", "{not json");
    EXPECT_FALSE(check_manifest(t / "bad.json").ok());
    nlohmann::json m = {{"verified", false}, {"files", {{{"path", "dump.bin"}, {"bytes", 5}}}}};
    test::write_file(t / "unverified.json", m.dump());
    EXPECT_FALSE(check_manifest(t / "unverified.json").ok());
    m["verified"] = true;
    test::write_file(t / "missing-file.json", m.dump());
    auto r = check_manifest(t / "missing-file.json");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("dump.bin"), std::string::npos);
    test::write_file(t / "dump.bin", "123");
    EXPECT_FALSE(check_manifest(t / "missing-file.json").ok()); // 3 bytes, manifest says 5
}
