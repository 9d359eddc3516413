#include "core/report/terminal.hpp"

#include "core/secrets.hpp"

#include "core/messages/catalog.hpp"

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
    // "PASS", "FAIL"... in the run's language, padded to the longest label.
    std::string text = msg::tr(waiting ? "terminal.label.wait" : "terminal.label." + std::string(to_string(s)));
    text = fmt::format("{:<{}}", text, msg::tr("terminal.label.width").size());
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
    std::string extra;
    if (t.waiting > 0) extra += msg::trn("terminal.summary.waiting", t.waiting);
    if (s.rounds > 1) extra += msg::trn("terminal.summary.rounds", s.rounds);
    // Each count agrees with its own number ("1 pasó, 2 fallaron").
    std::string counts = msg::trn("terminal.count.passed", passed) + ", " + msg::trn("terminal.count.warned", t.warnings) +
                         ", " + msg::trn("terminal.count.failed", t.failures) + ", " +
                         msg::trn("terminal.count.errors", t.errors) + ", " + msg::trn("terminal.count.skipped", t.skipped);
    std::string line = msg::trn("terminal.summary", t.tests,
                                {{"suite", s.name},
                                 {"counts", counts},
                                 {"extra", extra},
                                 {"seconds", fmt::format("{:.2f}", static_cast<double>(s.duration.count()) / 1000.0)},
                                 {"exit", exit_code}});
    if (style.verbosity < 0 && exit_code == 0) return;
    out << mask(line) << '\n';
    out.flush();
}

} // namespace compuerta::core::report
