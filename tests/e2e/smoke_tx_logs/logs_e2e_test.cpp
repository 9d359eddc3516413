// compuerta-smoke with a `logs` check, as a pipeline stage runs it.
#include "tests/support/support.hpp"

#include <filesystem>
#include <gtest/gtest.h>

using namespace compuerta::test;
namespace fs = std::filesystem;

namespace {

const fs::path k_sample = fs::path(COMPUERTA_SOURCE_DIR) / "examples/sep-muses/app/sample.log";

Run smoke(const TempDir& tmp, const std::string& check, std::map<std::string, std::string> env = {}) {
    write_file(tmp / "compuerta.yml", "smoke:\n  checks:\n    - kind: logs\n" + check);
    env["COMPUERTA_JOURNAL"] = (tmp / "journal").string();
    return run("compuerta-smoke",
               {"-c", (tmp / "compuerta.yml").string(), "--junit", (tmp / "junit.xml").string()}, env, tmp.path(), 60);
}

} // namespace

TEST(LogsE2e, ErrorsSinceTheDeployFailWithTheFirstLineAsEvidence) {
    TempDir tmp;
    auto r = smoke(tmp, "      paths: [" + k_sample.string() + "]\n      since: \"2026-11-28T17:00:00Z\"\n");
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    std::string junit = read_file(tmp / "junit.xml");
    EXPECT_NE(junit.find("6.4 Log monitoring"), std::string::npos) << junit;
    EXPECT_NE(junit.find("sample.log:11: 2026-11-28T17:00:21.402Z ERROR [renapo]"), std::string::npos) << junit;
    EXPECT_EQ(junit.find("16:59:30"), std::string::npos) << "lines before the window are not evidence";
}

TEST(LogsE2e, AllowListAndSinceFromTheEnvironment) {
    TempDir tmp;
    auto r = smoke(tmp, "      paths: [" + k_sample.string() + "]\n      allow: ['reintento \\d+ de \\d+']\n",
                   {{"COMPUERTA_SINCE", "2026-11-28T17:00:00Z"}});
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    auto whole = smoke(tmp, "      paths: [" + k_sample.string() + "]\n      allow: ['reintento \\d+ de \\d+']\n",
                       {{"COMPUERTA_SINCE", "\x01"}});
    EXPECT_EQ(whole.code, 1) << "without a window the 16:59 error counts: " << whole.out;
}

TEST(LogsE2e, InvalidRegexIsAConfigErrorNamingTheCheck) {
    TempDir tmp;
    auto r = smoke(tmp, "      id: logs-app\n      paths: [" + k_sample.string() + "]\n      patterns: ['(ERROR']\n");
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("logs-app"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("patterns[0]"), std::string::npos) << r.err;
}

TEST(LogsE2e, AGlobMatchingNothingIsReported) {
    TempDir tmp;
    auto r = smoke(tmp, "      paths: [" + (tmp / "nada-*.log").string() + "]\n");
    EXPECT_EQ(r.code, 3) << r.out << r.err;
    EXPECT_NE(read_file(tmp / "junit.xml").find("no log file matches"), std::string::npos);
}
