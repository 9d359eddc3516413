#include "core/messages/catalog.hpp"
#include "core/fs.hpp"

#include "core/errors.hpp"

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace compuerta::core {

namespace fs = std::filesystem;

namespace {

// Directories compuerta never writes into through a symlink it did not
// create: a link planted in a shared workspace must not turn a report into
// an overwrite of the system (DESIGN.md "Output paths", docs/security.md).
constexpr std::array k_system_dirs = {"/etc", "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
                                      "/boot", "/sys", "/var/lib", "/var/spool", "/var/log"};

bool under(const fs::path& p, const std::string& dir) {
    std::string s = p.lexically_normal().string();
    return s == dir || s.rfind(dir + "/", 0) == 0;
}

bool is_system_path(const fs::path& p) {
    for (const char* d : k_system_dirs)
        if (under(p, d)) return true;
    return false;
}

// Links into /proc (/dev/stdout -> /proc/self/fd/1 -> pipe:[N]) and /dev
// name open descriptors and devices, not files to replace.
bool is_magic(const fs::path& p) { return under(p, "/proc") || under(p, "/dev"); }

OutputTarget classify(const fs::path& path, const std::string& what) {
    OutputTarget t{path, OutputTarget::Mode::through};
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) throw UsageError(msg::tr("fs.is_directory", {{"what", what}, {"path", path.string()}}));
        if (S_ISBLK(st.st_mode))
            throw UsageError(msg::tr("fs.block_device", {{"what", what}, {"path", path.string()}}));
        return t; // character device, pipe, socket: written straight through, never replaced
    }
    if (is_magic(path)) return t;
    // Resolve the final component's symlink chain; directories on the way
    // need no resolving (a rename inside them works through the link).
    fs::path cur = path;
    for (int hops = 0;; ++hops) {
        std::error_code ec;
        if (!fs::is_symlink(fs::symlink_status(cur, ec))) break;
        if (hops == 40) throw UsageError(msg::tr("fs.link_loop", {{"what", what}, {"path", path.string()}}));
        fs::path link = fs::read_symlink(cur, ec);
        if (ec) throw UsageError(
                msg::tr("fs.link_unreadable", {{"what", what}, {"path", path.string()}, {"error", ec.message()}}));
        cur = link.is_absolute() ? link : cur.parent_path() / link;
        if (is_magic(cur)) return t;
    }
    cur = cur.lexically_normal();
    std::error_code ec;
    fs::path real = fs::weakly_canonical(cur, ec);
    if (cur != path.lexically_normal() && (is_system_path(cur) || (!ec && is_system_path(real)))) {
        throw UsageError(msg::tr("fs.link_to_system",
                                 {{"what", what}, {"path", path.string()}, {"target", cur.string()}}));
    }
    t.path = cur;
    t.mode = OutputTarget::Mode::atomic;
    return t;
}

[[noreturn]] void write_failed(const fs::path& path, int err) {
    throw ExitError(k_exit_cannot_evaluate, fmt::format("cannot write {}: {}", path.string(), std::strerror(err)));
}

void write_all(int fd, std::string_view content, const fs::path& shown) {
    std::size_t off = 0;
    while (off < content.size()) {
        ssize_t n = ::write(fd, content.data() + off, content.size() - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            int err = errno;
            ::close(fd);
            write_failed(shown, err);
        }
        off += static_cast<std::size_t>(n);
    }
}

void write_through(const fs::path& path, std::string_view content) {
    // O_APPEND: /dev/stdout redirected to a file must not overwrite what the
    // terminal lines already put there.
    int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) write_failed(path, errno);
    write_all(fd, content, path);
    if (::close(fd) != 0) write_failed(path, errno);
}

void write_replacing(const fs::path& target, std::string_view content) {
    fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    std::string tmpl = (dir / fmt::format(".{}.tmp-XXXXXX", target.filename().string())).string();
    // mkostemp creates a new file with O_EXCL: a link planted at the
    // temporary name is never followed.
    int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
    if (fd < 0) write_failed(target, errno);
    struct stat st {};
    mode_t mode = ::stat(target.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0644;
    ::fchmod(fd, mode);
    try {
        write_all(fd, content, target);
    } catch (...) {
        ::unlink(tmpl.c_str());
        throw;
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0 || std::rename(tmpl.c_str(), target.c_str()) != 0) {
        int err = errno;
        ::unlink(tmpl.c_str());
        write_failed(target, err);
    }
}

} // namespace

OutputTarget resolve_output(const fs::path& path, const std::string& what) { return classify(path, what); }

void check_output_path(const fs::path& path, const std::string& what) {
    OutputTarget t = classify(path, what);
    if (t.mode == OutputTarget::Mode::through) {
        if (access(path.c_str(), W_OK) != 0)
            throw UsageError(fmt::format("{} {}: not writable ({})", what, path.string(), std::strerror(errno)));
        return;
    }
    fs::path dir = t.path.parent_path();
    if (dir.empty()) dir = ".";
    std::string shown = t.path == path ? path.string() : msg::tr("fs.link_shown", {{"path", path.string()}, {"target", t.path.string()}});
    std::error_code ec;
    if (!fs::exists(dir, ec))
        throw UsageError(msg::tr("fs.dir_missing", {{"what", what}, {"path", shown}, {"dir", dir.string()}}));
    if (!fs::is_directory(dir, ec))
        throw UsageError(msg::tr("fs.not_a_dir", {{"what", what}, {"path", shown}, {"dir", dir.string()}}));
    if (access(dir.c_str(), W_OK | X_OK) != 0)
        throw UsageError(msg::tr("fs.dir_not_writable",
                                 {{"what", what}, {"path", shown}, {"dir", dir.string()}, {"error", std::strerror(errno)}}));
    // A directory reached through a symlink into a system directory: the
    // user pointed elsewhere (issue 15 item 11).
    fs::path named = fs::absolute(dir, ec).lexically_normal();
    fs::path real = fs::weakly_canonical(dir, ec);
    if (!ec && !is_system_path(named) && is_system_path(real))
        throw UsageError(msg::tr("fs.dir_link_to_system", {{"what", what},
                                                           {"path", shown},
                                                           {"dir", dir.string()},
                                                           {"target", real.string()}}));
}

void write_file_atomic(const fs::path& path, std::string_view content) {
    OutputTarget t = classify(path, "output");
    if (t.mode == OutputTarget::Mode::through) write_through(t.path, content);
    else write_replacing(t.path, content);
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError(fmt::format("cannot read {}: {}", path.string(), std::strerror(errno)));
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace compuerta::core
