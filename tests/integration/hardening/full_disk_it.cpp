// A backup onto a full file system (issue 15 item 8): a tmpfs of 8 MiB, a
// database whose dump does not fit. Clear error, exit 1 as docs/db.md says,
// no manifest, nothing half-written left behind.
#include "tests/integration/db/db_it_support.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <unistd.h>

using namespace compuerta::test;
using namespace compuerta::test::db;
namespace fs = std::filesystem;

namespace {
struct SmallTmpfs {
    fs::path dir;
    bool mounted = false;
    explicit SmallTmpfs(const fs::path& at) : dir(at) {
        fs::create_directories(dir);
        mounted = ::mount("tmpfs", dir.c_str(), "tmpfs", 0, "size=8m") == 0;
    }
    ~SmallTmpfs() {
        if (mounted)
            ::umount2(dir.c_str(), MNT_DETACH);
    }
};
} // namespace

TEST(FullDisk, BackupOntoAFullFileSystemKeepsNothingAndSaysWhy) {
    COMPUERTA_REQUIRE_PG();
    if (::geteuid() != 0)
        GTEST_SKIP() << "mounting a tmpfs needs root";
    TestDb db("full_disk");
    Pipeline p;
    SmallTmpfs small(p.dir / "small");
    if (!small.mounted)
        GTEST_SKIP() << "cannot mount a tmpfs here";
    // About 40 MB of hashes: their dump compresses to well over 8 MiB.
    db.sql("CREATE TABLE relleno AS SELECT g, md5(g::text) || md5((g * 7)::text) || md5((g * "
           "13)::text) AS t "
           "FROM generate_series(1, 300000) g");
    // The free-space estimate would refuse first; push past it to reach ENOSPC.
    write_file(p.dir / "compuerta.yml", "database:\n  backup:\n    free_space_factor: 0.01\n");
    auto r = p.db("backup", {"-c", (p.dir / "compuerta.yml").string(), "--dsn", db.dsn, "--dir",
                             small.dir.string()});
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_NE((r.out + r.err).find("No space left on device"), std::string::npos) << r.out << r.err;
    EXPECT_NE(r.out.find("No backup was kept"), std::string::npos) << r.out;
    std::vector<std::string> left;
    for (const auto& e : fs::recursive_directory_iterator(small.dir))
        left.push_back(e.path().string());
    EXPECT_TRUE(left.empty()) << "left behind: " << left.front();
    auto done = p.events("backup.done");
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0]["status"], "fail");
    EXPECT_FALSE(done[0].contains("manifest") && !done[0]["manifest"].get<std::string>().empty())
        << done[0].dump();
}
