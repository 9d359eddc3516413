#include "smoke/logs/scanner.hpp"
#include "tests/support/support.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <zlib.h>

using namespace compuerta;
using namespace compuerta::smoke::logs;
using compuerta::test::TempDir;
using compuerta::test::write_file;

namespace {

void write_gz(const std::filesystem::path& p, const std::string& text) {
    gzFile f = gzopen(p.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
    gzclose(f);
}

core::WallTime at(const std::string& s) {
    core::WallTime t;
    EXPECT_TRUE(core::parse_rfc3339(s, t)) << s;
    return t;
}

ScanReport scan(const ScanOptions& o, const std::vector<std::string>& pats, const std::vector<std::string>& allow = {}) {
    auto m = make_matcher(pats, {});
    std::unique_ptr<LineMatcher> a;
    if (!allow.empty()) a = make_matcher(allow, {});
    return scan_logs(o, *m, a.get(), pats.size(), core::Deadline::after(core::Millis(30'000)));
}

} // namespace

TEST(Scanner, SmallBufferCarriesPartialLinesAcrossReads) {
    TempDir d;
    std::string text;
    for (int i = 1; i <= 200; ++i) text += (i % 50 == 0 ? "ERROR línea " : "INFO línea ") + std::to_string(i) + "\n";
    write_file(d / "app.log", text);
    ScanOptions o;
    o.globs = {(d / "app.log").string()};
    o.buffer_size = 64; // lines straddle every read
    auto r = scan(o, {"ERROR"});
    EXPECT_EQ(r.matched, 4u);
    ASSERT_EQ(r.first.size(), 4u);
    EXPECT_EQ(r.first[0].line, 50u);
    EXPECT_EQ(r.first[0].text, "ERROR línea 50");
    EXPECT_EQ(r.first[3].line, 200u);
    EXPECT_EQ(r.bytes, text.size());
}

TEST(Scanner, RotatedAndGzipFilesThroughOneGlob) {
    TempDir d;
    write_gz(d / "app.log.2.gz", "ERROR viejo comprimido\n");
    write_file(d / "app.log.1", "ERROR rotado\n");
    write_file(d / "app.log", "INFO ok\nFATAL actual\n");
    ScanOptions o;
    o.globs = {(d / "app.log*").string()};
    auto r = scan(o, {"ERROR|FATAL"});
    EXPECT_EQ(r.files.size(), 3u);
    EXPECT_EQ(r.matched, 3u);
    bool saw_gz = false;
    for (const auto& h : r.first) saw_gz |= h.text == "ERROR viejo comprimido";
    EXPECT_TRUE(saw_gz);
}

TEST(Scanner, AllowListRemovesKnownBenignLines) {
    TempDir d;
    write_file(d / "a.log", "ERROR conexión RENAPO reintentada (benigno)\nERROR base de datos caída\n");
    ScanOptions o;
    o.globs = {(d / "a.log").string()};
    auto r = scan(o, {"ERROR"}, {"reintentada"});
    EXPECT_EQ(r.matched, 1u);
    EXPECT_EQ(r.allowed, 1u);
    EXPECT_EQ(r.first.at(0).text, "ERROR base de datos caída");
}

TEST(Scanner, WindowUsesEachLinesTimestampOrTheOneBefore) {
    TempDir d;
    write_file(d / "app.log", "2026-11-28T16:59:00Z ERROR antes del despliegue\n"
                              "    at continuación de la traza ERROR vieja\n"
                              "2026-11-28T17:01:00Z INFO despliegue\n"
                              "2026-11-28T17:02:00.500Z ERROR después\n"
                              "    Exception: continuación nueva\n"
                              "[2026-11-28 11:03:00 -0600] ERROR con zona\n");
    ScanOptions o;
    o.globs = {(d / "app.log").string()};
    o.since = at("2026-11-28T17:00:00Z");
    auto r = scan(o, {"ERROR", "Exception"});
    EXPECT_EQ(r.before_window, 2u);
    EXPECT_EQ(r.matched, 3u);
    EXPECT_EQ(r.first.at(0).line, 4u);
}

TEST(Scanner, UnmatchedGlobAndUnreadableFileAreReported) {
    TempDir d;
    std::filesystem::create_symlink(d / "missing-target", d / "dangling.log");
    ScanOptions o;
    o.globs = {(d / "nada*.log").string(), (d / "dangling.log").string()};
    auto r = scan(o, {"ERROR"});
    ASSERT_EQ(r.unmatched_globs.size(), 1u);
    EXPECT_NE(r.unmatched_globs[0].find("nada*.log"), std::string::npos);
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_NE(r.problems[0].find("dangling.log"), std::string::npos);
}

TEST(Scanner, LinesLongerThanTheBufferAreScannedInPieces) {
    TempDir d;
    std::string longline(10'000, 'x');
    write_file(d / "a.log", longline + " ERROR al final de una línea larga\nINFO\n");
    ScanOptions o;
    o.globs = {(d / "a.log").string()};
    o.buffer_size = 4096;
    auto r = scan(o, {"ERROR"});
    EXPECT_EQ(r.matched, 1u);
}

TEST(Scanner, CorruptGzipIsAProblemNotACrash) {
    TempDir d;
    write_file(d / "bad.log.gz", std::string("\x1f\x8b\x08\x00garbage-garbage-garbage", 27));
    ScanOptions o;
    o.globs = {(d / "bad.log.gz").string()};
    auto r = scan(o, {"ERROR"});
    EXPECT_EQ(r.problems.size(), 1u);
}
