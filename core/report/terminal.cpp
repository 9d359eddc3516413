#include "core/report/terminal.hpp"

#include "core/secrets.hpp"

#include <fmt/format.h>

namespace compuerta::core::report {

namespace {
const char* colour_of(Status s) {
    switch (s) {
    case Status::pass: return "\033[32m";
    case Status::warn: return "\033[33m";
    case Status::fail: return "\033[31m";
    case Status::error: return "\033[35m";
    case Status::skip: return "\033[36m";
    }
    return "";
}

std::string label(Status s, bool waiting, const TerminalStyle& st) {
    std::string text(waiting ? "wait" : to_string(s));
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    text = fmt::format("{:<5}", text);
    if (!st.color) return text;
    return std::string(colour_of(s)) + text + "\033[0m";
}
} // namespace

void print_result(std::ostream& out, const CheckResult& r, const TerminalStyle& style) {
    bool problem = r.status == Status::fail || r.status == Status::error ||
                   r.status == Status::warn || r.waiting;
    if (style.verbosity < 0 && !problem) return;
    out << mask(fmt::format("{} {:<5} {}  ({:.2f}s)", label(r.status, r.waiting, style), r.item,
                            r.name, static_cast<double>(r.duration.count()) / 1000.0));
    if (!r.message.empty()) out << mask(fmt::format(" — {}", r.message));
    out << '\n';
    if ((problem || style.verbosity > 0) && !r.detail.empty()) {
        std::string indented;
        std::size_t start = 0;
        while (start < r.detail.size()) {
            auto nl = r.detail.find('\n', start);
            indented += "      " + r.detail.substr(start, nl == std::string::npos ? std::string::npos : nl - start) + "\n";
            if (nl == std::string::npos) break;
            start = nl + 1;
        }
        out << mask(indented);
    }
    if (style.verbosity > 0)
        for (const auto& [k, v] : r.evidence) out << mask(fmt::format("      {}: {}\n", k, v));
    out.flush();
}

void print_summary(std::ostream& out, const Suite& s, int exit_code, const TerminalStyle& style) {
    Totals t = totals(s);
    int passed = t.tests - t.failures - t.errors - t.skipped - t.warnings;
    std::string line =
        fmt::format("{}: {} checks: {} passed, {} warned, {} failed, {} errors, {} skipped{}{} in "
                    "{:.2f}s — exit {}",
                    s.name, t.tests, passed, t.warnings, t.failures, t.errors, t.skipped,
                    t.waiting > 0 ? fmt::format(" ({} waiting for a person)", t.waiting) : "",
                    s.rounds > 1 ? fmt::format(" after {} rounds", s.rounds) : "",
                    static_cast<double>(s.duration.count()) / 1000.0, exit_code);
    if (style.verbosity < 0 && exit_code == 0) return;
    out << mask(line) << '\n';
    out.flush();
}

} // namespace compuerta::core::report
