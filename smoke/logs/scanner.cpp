#include "smoke/logs/scanner.hpp"

#include "smoke/logs/reader.hpp"

#include <algorithm>
#include <cstring>
#include <glob.h>
#include <set>
#include <sys/stat.h>

namespace compuerta::smoke::logs {

namespace {

constexpr int k_lookback_lines = 64;

// The timestamp of the line at [b, e), else of the nearest stamped line
// before it in `data` (at most k_lookback_lines back).
std::optional<core::WallTime> stamp_at(std::string_view data, std::size_t b, std::size_t e, Zone zone) {
    for (int i = 0; i < k_lookback_lines; ++i) {
        if (auto t = line_timestamp(data.substr(b, e - b), zone)) return t;
        if (b == 0) return std::nullopt;
        e = b - 1;
        b = line_begin(data, e);
    }
    return std::nullopt;
}

struct FileScan {
    const ScanOptions& opts;
    LineMatcher& errors;
    LineMatcher* allow;
    ScanReport& report;
    const std::string& path;
    std::optional<core::WallTime> carried; // last timestamp seen in earlier chunks
    std::uint64_t line_no = 0;             // newlines before `counted` (while collecting evidence)
    std::size_t counted = 0;               // offset in the current chunk counted up to

    std::uint64_t line_number(std::string_view data, std::size_t b) {
        line_no += static_cast<std::uint64_t>(std::count(data.begin() + static_cast<std::ptrdiff_t>(counted),
                                                         data.begin() + static_cast<std::ptrdiff_t>(b), '\n'));
        counted = b;
        return line_no + 1;
    }

    void chunk(std::string_view data) {
        counted = 0;
        errors.scan(data, [&](std::size_t b, std::size_t e, std::size_t pattern) {
            std::string_view line = data.substr(b, e - b);
            if (allow != nullptr && allow->matches(line)) {
                ++report.allowed;
                return true;
            }
            if (opts.since) {
                auto t = stamp_at(data, b, e, opts.zone);
                if (!t) t = carried;
                if (t && *t < *opts.since) {
                    ++report.before_window;
                    return true;
                }
            }
            ++report.matched;
            if (pattern < report.per_pattern.size()) ++report.per_pattern[pattern];
            if (report.first.size() < opts.evidence_lines) {
                std::uint64_t n = line_number(data, b);
                std::string text(line.substr(0, opts.evidence_chars));
                if (line.size() > opts.evidence_chars) text += "...";
                report.first.push_back(Hit{path, n, std::move(text), pattern});
            }
            return true;
        });
        if (report.first.size() < opts.evidence_lines) {
            line_number(data, data.size());
            ++line_no; // the newline that ended this chunk
        }
        if (opts.since && !data.empty()) {
            std::size_t e = data.size();
            if (auto t = stamp_at(data, line_begin(data, e), e, opts.zone)) carried = t;
        }
    }

    void run(Reader& reader, const core::Deadline& deadline) {
        std::vector<char> buf(opts.buffer_size);
        std::size_t have = 0;
        for (;;) {
            if (deadline.expired()) {
                report.timed_out = true;
                return;
            }
            ssize_t got = reader.read(buf.data() + have, buf.size() - have);
            if (got < 0) {
                report.problems.push_back(path + ": " + reader.error());
                return;
            }
            report.bytes += static_cast<std::uint64_t>(got);
            have += static_cast<std::size_t>(got);
            bool eof = got == 0;
            if (have == 0) return;
            std::string_view all(buf.data(), have);
            const void* nl = memrchr(all.data(), '\n', all.size());
            if (eof || (nl == nullptr && have == buf.size())) {
                chunk(all); // the last line, or a piece of a line longer than the buffer
                have = 0;
                if (eof) return;
                continue;
            }
            if (nl == nullptr) continue; // read more of this line
            std::size_t end = static_cast<std::size_t>(static_cast<const char*>(nl) - all.data());
            chunk(all.substr(0, end));
            std::size_t rest = have - end - 1;
            std::memmove(buf.data(), buf.data() + end + 1, rest);
            have = rest;
        }
    }
};

} // namespace

std::vector<std::string> expand_globs(const std::vector<std::string>& globs, std::vector<std::string>& unmatched) {
    std::set<std::string> seen;
    std::vector<std::pair<struct timespec, std::string>> files;
    for (const auto& g : globs) {
        glob_t gl{};
        int rc = ::glob(g.c_str(), GLOB_NOSORT | GLOB_BRACE, nullptr, &gl);
        std::size_t before = files.size();
        if (rc == 0) {
            for (std::size_t i = 0; i < gl.gl_pathc; ++i) {
                std::string p = gl.gl_pathv[i];
                struct stat st {};
                if (::stat(p.c_str(), &st) != 0) {
                    // a dangling name still reaches the scan, which reports why it cannot be read
                    if (seen.insert(p).second) files.push_back({{}, p});
                    continue;
                }
                if (!S_ISREG(st.st_mode)) continue;
                if (seen.insert(p).second) files.push_back({st.st_mtim, p});
            }
        }
        globfree(&gl);
        if (files.size() == before && std::none_of(files.begin(), files.end(), [&](const auto& f) {
                return f.second == g;
            }))
            unmatched.push_back(g);
    }
    std::stable_sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
        if (a.first.tv_sec != b.first.tv_sec) return a.first.tv_sec < b.first.tv_sec;
        if (a.first.tv_nsec != b.first.tv_nsec) return a.first.tv_nsec < b.first.tv_nsec;
        return a.second > b.second; // app.log.2 before app.log.1 before app.log at equal times
    });
    std::vector<std::string> out;
    out.reserve(files.size());
    for (auto& f : files) out.push_back(std::move(f.second));
    return out;
}

ScanReport scan_logs(const ScanOptions& opts, LineMatcher& errors, LineMatcher* allow, std::size_t patterns,
                     const core::Deadline& deadline) {
    ScanReport report;
    report.per_pattern.assign(patterns, 0);
    for (const auto& path : expand_globs(opts.globs, report.unmatched_globs)) {
        if (opts.since) {
            struct stat st {};
            if (::stat(path.c_str(), &st) == 0 &&
                std::chrono::system_clock::from_time_t(st.st_mtim.tv_sec) + std::chrono::seconds(1) < *opts.since) {
                report.skipped_old.push_back(path);
                continue;
            }
        }
        std::string error;
        auto reader = open_reader(path, error);
        if (!reader) {
            report.problems.push_back(error);
            continue;
        }
        report.files.push_back(path);
        FileScan scan{opts, errors, allow, report, path, std::nullopt, 0, 0};
        scan.run(*reader, deadline);
        if (report.timed_out) break;
    }
    return report;
}

} // namespace compuerta::smoke::logs
