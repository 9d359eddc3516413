#pragma once
// File-system helpers shared by every output: nothing is ever half-written.
#include <filesystem>
#include <string>
#include <string_view>

namespace compuerta::core {

// Throws UsageError naming `what` and the path when `path` cannot be
// written: its (resolved) directory is missing, not a directory, or not
// writable; a device or pipe is not writable; or resolve_output() refuses.
void check_output_path(const std::filesystem::path& path, const std::string& what);

// Where an output named by a flag or the config is written, and how
// (DESIGN.md "Output paths"): a regular file or a new name is replaced
// atomically; a symlink is resolved and its target replaced; a character
// device, pipe or socket (and anything under /proc or /dev) is written
// straight through and never replaced.
struct OutputTarget {
    enum class Mode { atomic, through };
    std::filesystem::path path; // the file finally written (link resolved)
    Mode mode = Mode::atomic;
};
// Throws UsageError naming `what` for a directory, a block device, or a
// symlink whose target lies in a system directory (/etc, /usr, ...).
OutputTarget resolve_output(const std::filesystem::path& path, const std::string& what);

// Writes `content` to `path` as resolve_output() says: a temporary file
// (created exclusively) beside the resolved target, renamed over it; or
// straight through for devices and pipes. Throws UsageError as
// resolve_output() does, ExitError(3) naming the path when writing fails.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

// Reads a whole (small) file; throws UsageError naming it when unreadable.
std::string read_file(const std::filesystem::path& path);

} // namespace compuerta::core
