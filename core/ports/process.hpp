#pragma once
// Running external programs (pg_dump, deploy commands, nginx...). Adapter:
// core/adapters/posix_process.cpp.
#include "core/deadline.hpp"
#include "core/result.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::core {

struct ProcessSpec {
    std::vector<std::string> argv;            // argv[0] looked up on PATH
    std::map<std::string, std::string> env;   // added to (or replacing in) the current environment
    std::vector<std::string> unset_env;       // removed from the environment
    std::string cwd;                          // empty: current directory
    std::optional<std::string> stdin_data;    // none: /dev/null
    std::size_t max_output = 1024 * 1024;     // keep at most this many bytes (the tail)
    bool merge_stderr = true;                 // stderr into `output`; else into `error_output`
    bool mask_output = true;                  // pass output through core::mask (tests turn it off)
    Millis kill_grace{2'000};                 // SIGTERM to the group, then SIGKILL after this
    std::function<void(const std::string& line)> on_line; // each output line as it comes (progress)
};

struct ProcessResult {
    int exit_code = -1;    // -1 when killed by a signal
    int signal = 0;        // the signal that ended it, 0 when none
    bool timed_out = false; // killed (whole process group) at the deadline
    std::string output;    // stdout (+ stderr when merged), tail-bounded
    std::string error_output;
    bool output_truncated = false;
    Millis duration{0};

    bool ok() const { return exit_code == 0 && !timed_out; }
};

class Process {
  public:
    virtual ~Process() = default;
    // Runs in its own process group; at `deadline` the whole group is killed.
    // Error only when it cannot start (not found, not executable).
    virtual Result<ProcessResult> run(const ProcessSpec& spec, const Deadline& deadline) = 0;
};

std::unique_ptr<Process> make_posix_process();

// ["/bin/sh", "-c", command]: for the site's own command templates.
std::vector<std::string> shell_argv(const std::string& command);

} // namespace compuerta::core
