// The manifest: round trip, SHA-256 against OpenSSL's command line, and
// verification that catches a changed, truncated or missing file.
#include "core/errors.hpp"
#include "plugin/db/backup.hpp"
#include "plugin/db/manifest.hpp"
#include "tests/support/support.hpp"
#include "tests/unit/db/run_program.hpp"

#include <gtest/gtest.h>

using namespace compuerta::plugin::db;
namespace t = compuerta::test;
namespace fs = std::filesystem;

namespace {

Manifest sample(const fs::path& dir) {
    fs::create_directories(dir / "dump");
    t::write_file(dir / "dump" / "toc.dat", "table of contents");
    t::write_file(dir / "dump" / "3001.dat.gz", std::string(200000, 'x'));
    Manifest m;
    m.database = "sep";
    m.dump = "dump";
    m.started = "2026-11-28T10:00:00.000Z";
    m.finished = "2026-11-28T10:01:00.000Z";
    m.files = describe_files(dir / "dump", dir, 2);
    m.tables = {{"public.alumnos", 3}};
    m.verified = true;
    m.meta.owner = "postgres";
    m.meta.settings = {"work_mem=8MB"};
    m.meta.grants = std::vector<Grant>{{"PUBLIC", "CONNECT", false}};
    m.meta.comment = "SEP";
    return m;
}

} // namespace

TEST(DbManifest, RoundTripsThroughJson) {
    t::TempDir dir;
    Manifest m = sample(dir.path());
    t::write_file(dir / "manifest.json", to_json(m));
    Manifest back = read_manifest(dir / "manifest.json");
    EXPECT_EQ(back.database, "sep");
    ASSERT_EQ(back.files.size(), 2u);
    EXPECT_EQ(back.files[1].path, "dump/toc.dat");
    EXPECT_EQ(back.files[0].bytes, 200000u);
    EXPECT_EQ(back.tables, m.tables);
    EXPECT_EQ(back.meta.settings, m.meta.settings);
    EXPECT_EQ(*back.meta.grants, *m.meta.grants);
    EXPECT_EQ(*back.meta.comment, "SEP");
    EXPECT_TRUE(back.verified);
}

TEST(DbManifest, Sha256MatchesOpensslCommandLine) {
    t::TempDir dir;
    t::write_file(dir / "f", std::string(3 << 20, 'a') + "tail");
    auto r = t::run_program({"openssl", "dgst", "-sha256", "-r", (dir / "f").string()});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(sha256_file(dir / "f"), r.out.substr(0, 64));
}

TEST(DbManifest, VerifyCatchesChangedTruncatedAndMissingFiles) {
    t::TempDir dir;
    Manifest m = sample(dir.path());
    EXPECT_TRUE(verify_files(m, dir.path(), 2).empty());
    t::write_file(dir / "dump" / "toc.dat", "table of contentZ"); // same size, one byte differs
    auto p = verify_files(m, dir.path(), 2);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_NE(p[0].find("toc.dat: SHA-256 differs"), std::string::npos);
    fs::resize_file(dir / "dump" / "3001.dat.gz", 1000);
    fs::remove(dir / "dump" / "toc.dat");
    p = verify_files(m, dir.path(), 2);
    ASSERT_EQ(p.size(), 2u);
    EXPECT_NE(p[0].find("1000 bytes, the manifest says 200000"), std::string::npos);
    EXPECT_NE(p[1].find("missing"), std::string::npos);
}

TEST(DbManifest, RejectsWhatIsNotAManifest) {
    t::TempDir dir;
    t::write_file(dir / "manifest.json", "{\"database\": 1}");
    EXPECT_THROW(read_manifest(dir / "manifest.json"), compuerta::core::CannotEvaluate);
    t::write_file(dir / "manifest.json", R"({"database":"x","dump":"d","files":[{"path":"../../etc/passwd","bytes":1,"sha256":"a"}]})");
    EXPECT_THROW(read_manifest(dir / "manifest.json"), compuerta::core::CannotEvaluate);
    EXPECT_THROW(read_manifest(dir / "absent.json"), compuerta::core::CannotEvaluate);
}

TEST(DbManifest, PruneKeepsTheNewestOfThatDatabaseOnly) {
    t::TempDir dir;
    auto make = [&](const std::string& name, const std::string& db, const std::string& finished) {
        fs::create_directories(dir / name);
        Manifest m;
        m.database = db;
        m.dump = "dump";
        m.finished = finished;
        t::write_file(dir / name / "manifest.json", to_json(m));
    };
    make("sep-1", "sep", "2026-11-28T01:00:00.000Z");
    make("sep-3", "sep", "2026-11-28T03:00:00.000Z");
    make("sep-2", "sep", "2026-11-28T02:00:00.000Z");
    make("sep-x-1", "sep-x", "2026-11-28T00:00:00.000Z");
    fs::create_directories(dir / ".tmp-sep-4");
    auto removed = prune_backups(dir.path(), "sep", 2);
    ASSERT_EQ(removed.size(), 1u);
    EXPECT_EQ(removed[0].filename(), "sep-1");
    EXPECT_TRUE(fs::exists(dir / "sep-2"));
    EXPECT_TRUE(fs::exists(dir / "sep-3"));
    EXPECT_TRUE(fs::exists(dir / "sep-x-1")) << "another database's backup";
    EXPECT_EQ(file_stamp("2026-11-28T17:24:55.123Z"), "20261128T172455.123Z");
}
