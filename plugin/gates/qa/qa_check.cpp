#include "plugin/gates/qa/qa_check.hpp"

#include "plugin/gates/qa/glob.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::gates {

namespace {

constexpr std::uint64_t k_progress_bytes = 64ull * 1024 * 1024;

std::string totals_line(const TestTotals& t, std::size_t files) {
    return fmt::format("{} tests in {} report{}: {} failed, {} errors, {} skipped, {} passed only on rerun", t.tests,
                       files, files == 1 ? "" : "s", t.failures, t.errors, t.skipped, t.flaky);
}

} // namespace

QaReportsCheck::QaReportsCheck(core::CheckSpec spec, QaOptions options)
    : core::Check(std::move(spec)), m_opts(std::move(options)) {}

core::Outcome QaReportsCheck::run(const core::Deadline& deadline) {
    TestTotals totals;
    std::vector<std::string> problems;
    std::vector<FailedTest> failed;
    std::vector<std::string> flaky;
    std::size_t files = 0;
    std::uint64_t bytes = 0, reported = 0;
    for (const auto& glob : m_opts.globs) {
        auto paths = expand_glob(glob);
        if (paths.empty())
            problems.push_back(fmt::format("the report glob \"{}\" matched no file; check the QA stage's artifacts "
                                           "and the path (relative to {})",
                                           glob, "the working directory"));
        for (const auto& p : paths) {
            if (deadline.expired())
                return core::Outcome::make(core::Status::fail,
                                           fmt::format("timed out reading the reports after {} files ({}); raise "
                                                       "--timeout",
                                                       files, totals_line(totals, files)));
            ReportScan scan = scan_junit_file(p, m_opts.max_names);
            ++files;
            bytes += scan.bytes;
            if (!scan.problem.empty()) {
                problems.push_back(scan.problem);
                continue;
            }
            totals += scan.totals;
            for (auto& f : scan.failed)
                if (failed.size() < m_opts.max_names) failed.push_back(std::move(f));
            for (auto& f : scan.flaky)
                if (flaky.size() < m_opts.max_names) flaky.push_back(std::move(f));
            if (m_opts.progress && bytes - reported >= k_progress_bytes) {
                reported = bytes;
                m_opts.progress(fmt::format("gate qa: read {} MiB, {}", bytes >> 20, totals_line(totals, files)));
            }
        }
    }
    core::Outcome o = judge_reports(totals, files, problems, failed, flaky, m_opts.policy);
    o.evidence.emplace_back("bytes", core::EvidenceValue::integer(bytes));
    return o;
}

core::Outcome judge_reports(const TestTotals& t, std::size_t files, const std::vector<std::string>& problems,
                            const std::vector<FailedTest>& failed, const std::vector<std::string>& flaky,
                            const QaPolicy& policy) {
    core::Outcome o;
    o.evidence = {{"reports", core::EvidenceValue::integer(files)},
                  {"tests", core::EvidenceValue::integer(t.tests)},
                  {"failures", core::EvidenceValue::integer(t.failures)},
                  {"errors", core::EvidenceValue::integer(t.errors)},
                  {"skipped", core::EvidenceValue::integer(t.skipped)},
                  {"flaky", core::EvidenceValue::integer(t.flaky)}};
    std::string detail;
    for (const auto& p : problems) detail += "report problem: " + p + "\n";
    for (const auto& f : failed)
        detail += fmt::format("{}: {}{}\n", f.kind, f.name, f.message.empty() ? "" : " — " + f.message);
    std::int64_t unnamed = t.failures + t.errors - static_cast<std::int64_t>(failed.size());
    if (unnamed > 0) detail += fmt::format("... and {} more failed tests\n", unnamed);
    for (const auto& f : flaky) detail += fmt::format("passed only on rerun: {}\n", f);
    o.detail = detail;

    std::string line = totals_line(t, files);
    std::vector<std::string> reasons;
    if (!problems.empty()) reasons.push_back(problems.front() + (problems.size() > 1 ? fmt::format(" (and {} more report problems)", problems.size() - 1) : ""));
    if (t.failures > policy.max_failures)
        reasons.push_back(fmt::format("{} failed tests (at most {} allowed)", t.failures, policy.max_failures));
    if (t.errors > policy.max_errors)
        reasons.push_back(fmt::format("{} tests in error (at most {} allowed)", t.errors, policy.max_errors));
    if (t.tests < policy.min_tests)
        reasons.push_back(fmt::format("only {} tests found, at least {} required (--min-tests)", t.tests,
                                      policy.min_tests));
    if (!reasons.empty()) {
        o.status = core::Status::fail;
        std::string joined;
        for (const auto& r : reasons) joined += (joined.empty() ? "" : "; ") + r;
        o.message = fmt::format("{} ({}) — the release did not pass QA: fix or re-run the QA stage", joined, line);
        return o;
    }
    o.status = core::Status::pass;
    o.message = line;
    if (t.skipped > 0) o.status = core::worst(o.status, policy.skipped);
    if (t.flaky > 0) o.status = core::worst(o.status, policy.flaky);
    if (o.status == core::Status::fail) o.message += " — the policy does not accept skipped or rerun tests";
    return o;
}

} // namespace compuerta::plugin::gates
