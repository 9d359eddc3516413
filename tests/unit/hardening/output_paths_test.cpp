// Report paths (issue 15 item 1, DESIGN.md "Output paths"): regular files are
// replaced atomically, symlinks are resolved and their target written,
// devices and pipes are written straight through and never replaced.
#include "core/errors.hpp"
#include "core/fs.hpp"
#include "tests/support/support.hpp"

#include <fcntl.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace compuerta;
namespace fs = std::filesystem;

namespace {

std::size_t entries(const fs::path& dir) {
    std::size_t n = 0;
    for ([[maybe_unused]] auto& e : fs::directory_iterator(dir))
        ++n;
    return n;
}

} // namespace

TEST(OutputPaths, RegularFileIsReplacedAtomicallyAndNoTemporaryIsLeft) {
    test::TempDir d;
    test::write_file(d / "r.xml", "old");
    ::chmod((d / "r.xml").c_str(), 0640);
    core::write_file_atomic(d / "r.xml", "new");
    EXPECT_EQ(test::read_file(d / "r.xml"), "new");
    EXPECT_EQ(fs::status(d / "r.xml").permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read); // mode kept
    EXPECT_EQ(entries(d.path()), 1u);
}

TEST(OutputPaths, SymlinkIsResolvedAndItsTargetWritten) {
    test::TempDir d;
    fs::create_directory(d / "real");
    test::write_file(d / "real" / "target.xml", "old");
    fs::create_symlink("real/target.xml", d / "link.xml");
    core::check_output_path(d / "link.xml", "--junit");
    core::write_file_atomic(d / "link.xml", "new");
    EXPECT_TRUE(fs::is_symlink(d / "link.xml")) << "the link was replaced by a plain file";
    EXPECT_EQ(test::read_file(d / "real" / "target.xml"), "new");
    EXPECT_EQ(entries(d / "real"), 1u);
}

TEST(OutputPaths, DanglingSymlinkCreatesItsTarget) {
    test::TempDir d;
    fs::create_symlink(d / "made.json", d / "link.json");
    core::write_file_atomic(d / "link.json", "{}");
    EXPECT_TRUE(fs::is_symlink(d / "link.json"));
    EXPECT_EQ(test::read_file(d / "made.json"), "{}");
}

TEST(OutputPaths, ChainOfSymlinksEndsAtTheFile) {
    test::TempDir d;
    test::write_file(d / "f", "old");
    fs::create_symlink("f", d / "a");
    fs::create_symlink("a", d / "b");
    core::write_file_atomic(d / "b", "new");
    EXPECT_TRUE(fs::is_symlink(d / "a"));
    EXPECT_TRUE(fs::is_symlink(d / "b"));
    EXPECT_EQ(test::read_file(d / "f"), "new");
}

TEST(OutputPaths, FifoIsWrittenStraightThroughAndStaysAFifo) {
    test::TempDir d;
    fs::path fifo = d / "pipe";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    std::string got;
    std::thread reader([&] {
        int fd = ::open(fifo.c_str(), O_RDONLY);
        char buf[256];
        ssize_t n;
        while ((n = ::read(fd, buf, sizeof buf)) > 0)
            got.append(buf, static_cast<std::size_t>(n));
        ::close(fd);
    });
    core::check_output_path(fifo, "--json");
    core::write_file_atomic(fifo, "{\"exit_code\": 0}\n");
    reader.join();
    EXPECT_EQ(got, "{\"exit_code\": 0}\n");
    EXPECT_TRUE(fs::is_fifo(fifo));
    EXPECT_EQ(entries(d.path()), 1u);
}

TEST(OutputPaths, DevNullStaysACharacterDevice) {
    if (::access("/dev/null", W_OK) != 0)
        GTEST_SKIP() << "/dev/null not writable here";
    core::check_output_path("/dev/null", "--junit");
    core::write_file_atomic("/dev/null", "<testsuites/>\n");
    struct stat st {};
    ASSERT_EQ(::stat("/dev/null", &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode)) << "/dev/null was replaced";
    EXPECT_EQ(st.st_mode & 0666, 0666);
}

TEST(OutputPaths, SymlinkToDevNullWritesThroughAndKeepsBoth) {
    test::TempDir d;
    fs::create_symlink("/dev/null", d / "sink.xml");
    core::write_file_atomic(d / "sink.xml", "x");
    EXPECT_TRUE(fs::is_symlink(d / "sink.xml"));
    EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

TEST(OutputPaths, DevStdoutRedirectedToAFileAppendsInsteadOfReplacing) {
    test::TempDir d;
    // A child whose standard output is a file, as `compuerta smoke --json /dev/stdout > out` makes
    // it.
    fs::path out = d / "out.txt";
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(fd, 1);
        ssize_t w = ::write(1, "terminal line\n", 14);
        (void)w;
        try {
            core::write_file_atomic("/dev/stdout", "{}\n");
        } catch (...) {
            ::_exit(3);
        }
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
    EXPECT_EQ(test::read_file(out), "terminal line\n{}\n");
    EXPECT_EQ(entries(d.path()), 1u);
}

TEST(OutputPaths, SymlinkIntoASystemDirectoryIsRefused) {
    test::TempDir d;
    fs::create_symlink("/etc/compuerta-should-never-exist", d / "report.xml");
    try {
        core::check_output_path(d / "report.xml", "--junit");
        FAIL() << "a link into /etc was accepted";
    } catch (const core::UsageError& e) {
        std::string m = e.what();
        EXPECT_NE(m.find("--junit"), std::string::npos) << m;
        EXPECT_NE(m.find("/etc/compuerta-should-never-exist"), std::string::npos) << m;
        EXPECT_NE(m.find("system director"), std::string::npos) << m;
    }
    EXPECT_THROW(core::write_file_atomic(d / "report.xml", "x"), core::UsageError);
    EXPECT_FALSE(fs::exists("/etc/compuerta-should-never-exist"));
}

TEST(OutputPaths, DirectoryIsRefusedWithExit2) {
    test::TempDir d;
    try {
        core::check_output_path(d.path(), "--json");
        FAIL();
    } catch (const core::UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("is a directory"), std::string::npos) << e.what();
    }
}

TEST(OutputPaths, PlantedLinkAtATemporaryNameIsNeverFollowed) {
    test::TempDir d;
    test::write_file(d / "victim", "keep");
    // The old temporary name was predictable (PATH.tmp-PID): plant links at
    // every name of that shape this process could use.
    fs::create_symlink(d / "victim", d / ("r.xml.tmp-" + std::to_string(::getpid())));
    core::write_file_atomic(d / "r.xml", "report");
    EXPECT_EQ(test::read_file(d / "victim"), "keep");
    EXPECT_EQ(test::read_file(d / "r.xml"), "report");
}

TEST(OutputPaths, UnwritableDirectoryFailsWithExit3AndLeavesNothing) {
    if (::geteuid() == 0)
        GTEST_SKIP() << "root writes into read-only directories";
    test::TempDir d;
    fs::create_directory(d / "ro");
    fs::permissions(d / "ro", fs::perms::owner_read | fs::perms::owner_exec);
    try {
        core::write_file_atomic(d / "ro" / "r.xml", "x");
        FAIL();
    } catch (const core::ExitError& e) {
        EXPECT_EQ(e.code(), core::k_exit_cannot_evaluate);
    }
    fs::permissions(d / "ro", fs::perms::owner_all);
    EXPECT_EQ(entries(d / "ro"), 0u);
}

TEST(OutputPaths, DirectoryThroughASymlinkIntoASystemDirectoryIsRefused) {
    test::TempDir d;
    fs::create_symlink("/etc", d / "backups");
    EXPECT_THROW(core::check_output_path(d / "backups" / "manifest.json", "--dir"),
                 core::UsageError);
    // Named directly, a system directory is where the user pointed: allowed.
    if (::access("/var/lib", W_OK) == 0) {
        EXPECT_NO_THROW(core::check_output_path("/var/lib/x.json", "--junit"));
    }
}
