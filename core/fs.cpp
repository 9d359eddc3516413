#include "core/fs.hpp"

#include "core/errors.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace compuerta::core {

namespace fs = std::filesystem;

void check_output_path(const fs::path& path, const std::string& what) {
    fs::path dir = path.parent_path();
    if (dir.empty()) dir = ".";
    std::error_code ec;
    if (!fs::exists(dir, ec))
        throw UsageError(fmt::format("{} {}: directory {} does not exist", what, path.string(), dir.string()));
    if (!fs::is_directory(dir, ec))
        throw UsageError(fmt::format("{} {}: {} is not a directory", what, path.string(), dir.string()));
    if (fs::is_directory(path, ec))
        throw UsageError(fmt::format("{} {}: is a directory", what, path.string()));
    if (access(dir.c_str(), W_OK | X_OK) != 0)
        throw UsageError(fmt::format("{} {}: directory {} is not writable ({})", what, path.string(), dir.string(),
                                     std::strerror(errno)));
}

void write_file_atomic(const fs::path& path, std::string_view content) {
    fs::path tmp = path;
    tmp += fmt::format(".tmp-{}", getpid());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        throw ExitError(k_exit_cannot_evaluate, fmt::format("cannot write {}: {}", path.string(), std::strerror(errno)));
    std::size_t off = 0;
    while (off < content.size()) {
        ssize_t n = ::write(fd, content.data() + off, content.size() - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            int err = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            throw ExitError(k_exit_cannot_evaluate, fmt::format("cannot write {}: {}", path.string(), std::strerror(err)));
        }
        off += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0 || std::rename(tmp.c_str(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(tmp.c_str());
        throw ExitError(k_exit_cannot_evaluate, fmt::format("cannot write {}: {}", path.string(), std::strerror(err)));
    }
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError(fmt::format("cannot read {}: {}", path.string(), std::strerror(errno)));
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace compuerta::core
