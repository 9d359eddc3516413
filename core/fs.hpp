#pragma once
// File-system helpers shared by every output: nothing is ever half-written.
#include <filesystem>
#include <string>
#include <string_view>

namespace compuerta::core {

// Throws UsageError naming `what` and the path when `path` cannot be
// created: its directory is missing, not a directory, or not writable.
void check_output_path(const std::filesystem::path& path, const std::string& what);

// Writes to a temporary file beside `path` and renames it over `path`.
// Throws ExitError(3) naming the path when that fails.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

// Reads a whole (small) file; throws UsageError naming it when unreadable.
std::string read_file(const std::filesystem::path& path);

} // namespace compuerta::core
