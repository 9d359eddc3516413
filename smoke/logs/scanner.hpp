#pragma once
// Streams log files through a LineMatcher with one bounded buffer: only
// complete lines are scanned, the partial last line is carried over, and a
// line longer than the buffer is scanned in buffer-sized pieces. Matching
// lines are counted unless the allow-list matches them or their timestamp
// (their own, or the last one before them) is before the window.
#include "core/deadline.hpp"
#include "core/ports/clock.hpp"
#include "smoke/logs/matcher.hpp"
#include "smoke/logs/timestamp.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::smoke::logs {

struct ScanOptions {
    std::vector<std::string> globs;          // files, globs; rotated and .gz files included by the glob
    std::optional<core::WallTime> since;     // window start; none: whole files
    Zone zone = Zone::utc;                   // timestamps without a zone
    std::size_t buffer_size = 1u << 20;      // the one read buffer
    std::size_t evidence_lines = 5;          // first matching lines kept
    std::size_t evidence_chars = 300;        // each cut to this length
};

struct Hit {
    std::string file;
    std::uint64_t line = 0; // 1-based
    std::string text;       // cut, not yet masked
    std::size_t pattern = 0;
};

struct ScanReport {
    std::vector<std::string> files;           // scanned, oldest first
    std::vector<std::string> skipped_old;     // last written before the window
    std::vector<std::string> unmatched_globs; // globs that matched no file
    std::vector<std::string> problems;        // unreadable or corrupt files
    std::uint64_t bytes = 0;                  // uncompressed bytes scanned
    std::uint64_t matched = 0;                // counted lines
    std::uint64_t allowed = 0;                // matched, but on the allow-list
    std::uint64_t before_window = 0;          // matched, but older than `since`
    std::vector<std::uint64_t> per_pattern;   // counted lines by (first) pattern
    std::vector<Hit> first;                   // the first counted lines
    bool timed_out = false;
};

// The files `globs` name, regular files only, oldest (mtime) first.
std::vector<std::string> expand_globs(const std::vector<std::string>& globs, std::vector<std::string>& unmatched);

ScanReport scan_logs(const ScanOptions& opts, LineMatcher& errors, LineMatcher* allow, std::size_t patterns,
                     const core::Deadline& deadline);

} // namespace compuerta::smoke::logs
