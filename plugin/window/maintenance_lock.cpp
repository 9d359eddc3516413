#include "plugin/window/maintenance_lock.hpp"

#include "core/errors.hpp"
#include "core/messages/catalog.hpp"

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

namespace compuerta::plugin::window {

namespace {

std::string now_utc() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string holder_of(int fd) {
    char buf[256] = {};
    ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    std::string s = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
    while (!s.empty() && (s.back() == '\n' || s.back() == '\0'))
        s.pop_back();
    return s.empty() ? compuerta::core::msg::tr("window.maintenance.lock.unknown_holder") : s;
}

std::string safe(const std::string& name) {
    std::string out;
    for (char c : name)
        out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '_';
    return out.empty() ? "default" : out;
}

} // namespace

MaintenanceLock MaintenanceLock::acquire(const std::filesystem::path& dir,
                                         const std::string& environment, const std::string& command,
                                         core::Millis wait) {
    std::filesystem::path file = dir / fmt::format(".maintenance-{}.lock", safe(environment));
    int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0)
        throw core::CannotEvaluate(
            core::msg::tr("window.maintenance.lock.open", {{"file", file.string()}, {"error", std::strerror(errno)}}));
    auto until = std::chrono::steady_clock::now() + wait;
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            int err = errno;
            ::close(fd);
            throw core::CannotEvaluate(
                core::msg::tr("window.maintenance.lock.lock", {{"file", file.string()}, {"error", std::strerror(err)}}));
        }
        if (std::chrono::steady_clock::now() >= until) {
            std::string who = holder_of(fd);
            ::close(fd);
            throw core::CannotEvaluate(
                core::msg::tr("window.maintenance.lock.held",
                              {{"environment", environment.empty() ? "default" : environment},
                               {"file", file.string()},
                               {"holder", who}}));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    std::string me = fmt::format(
        "pid {} on {}, `{}`, since {}\n", getpid(),
        [] {
            char h[256] = {};
            ::gethostname(h, sizeof h - 1);
            return std::string(h);
        }(),
        command, now_utc());
    if (::ftruncate(fd, 0) == 0) {
        ssize_t w = ::pwrite(fd, me.data(), me.size(), 0);
        (void)w;
    }
    return MaintenanceLock(fd);
}

MaintenanceLock::~MaintenanceLock() {
    if (m_fd >= 0)
        ::close(m_fd); // closing releases the flock
}

} // namespace compuerta::plugin::window
