#pragma once
// Two `maintenance on|off` on one environment at once (issue 15 item 9):
// serialised by an exclusive lock on a file in the journal directory, named
// by environment; a second command waits for it, then refuses naming the
// holder (pid, command, since when). Released when the process ends, killed
// or not (flock).
#include "core/deadline.hpp"

#include <filesystem>
#include <string>

namespace compuerta::plugin::window {

class MaintenanceLock {
  public:
    // Takes `dir`/.maintenance-ENVIRONMENT.lock, waiting at most `wait`.
    // Throws core::CannotEvaluate naming the holder when the wait runs out,
    // or the file when it cannot be opened.
    static MaintenanceLock acquire(const std::filesystem::path& dir, const std::string& environment,
                                   const std::string& command, core::Millis wait);
    MaintenanceLock(MaintenanceLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
    MaintenanceLock(const MaintenanceLock&) = delete;
    MaintenanceLock& operator=(const MaintenanceLock&) = delete;
    MaintenanceLock& operator=(MaintenanceLock&&) = delete;
    ~MaintenanceLock();

  private:
    explicit MaintenanceLock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

} // namespace compuerta::plugin::window
