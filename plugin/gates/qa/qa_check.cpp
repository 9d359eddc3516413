#include "plugin/gates/qa/qa_check.hpp"

#include "plugin/gates/qa/glob.hpp"

#include "core/messages/catalog.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::gates {

namespace msg = core::msg;

namespace {

constexpr std::uint64_t k_progress_bytes = 64ull * 1024 * 1024;

std::string totals_line(const TestTotals& t, std::size_t files) {
    return msg::tr("gates.qa.totals", {{"tests", msg::trn("gates.qa.count.tests", t.tests)},
                                       {"reports", msg::trn("gates.qa.count.reports", static_cast<long long>(files))},
                                       {"failed", msg::trn("gates.qa.count.failed", t.failures)},
                                       {"errors", msg::trn("gates.qa.count.errors", t.errors)},
                                       {"skipped", msg::trn("gates.qa.count.skipped", t.skipped)},
                                       {"flaky", msg::trn("gates.qa.count.flaky", t.flaky)}});
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
            problems.push_back(msg::tr("gates.qa.glob_no_match", {{"glob", glob}}));
        for (const auto& p : paths) {
            if (deadline.expired())
                return core::Outcome::make(core::Status::fail,
                                           msg::trn("gates.qa.timeout", static_cast<long long>(files),
                                                    {{"totals", totals_line(totals, files)}}));
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
                m_opts.progress(
                    msg::tr("gates.qa.progress", {{"mib", bytes >> 20}, {"totals", totals_line(totals, files)}}));
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
    for (const auto& p : problems) detail += msg::tr("gates.qa.detail.problem", {{"problem", p}}) + "\n";
    for (const auto& f : failed) {
        // f.kind is the JUnit element (failure or error); the line names it in the run's language.
        std::string id = f.kind == "error" ? "gates.qa.detail.error" : "gates.qa.detail.failure";
        if (!f.message.empty()) id += "_message";
        detail += msg::tr(id, {{"name", f.name}, {"message", f.message}}) + "\n";
    }
    std::int64_t unnamed = t.failures + t.errors - static_cast<std::int64_t>(failed.size());
    if (unnamed > 0) detail += msg::trn("gates.qa.detail.more_failed", unnamed) + "\n";
    for (const auto& f : flaky) detail += msg::tr("gates.qa.detail.flaky", {{"name", f}}) + "\n";
    o.detail = detail;

    std::string line = totals_line(t, files);
    std::vector<std::string> reasons;
    if (!problems.empty())
        reasons.push_back(problems.size() > 1 ? msg::trn("gates.qa.reason.more_problems",
                                                         static_cast<long long>(problems.size() - 1),
                                                         {{"problem", problems.front()}})
                                              : problems.front());
    if (t.failures > policy.max_failures)
        reasons.push_back(msg::trn("gates.qa.reason.failures", t.failures, {{"max", policy.max_failures}}));
    if (t.errors > policy.max_errors)
        reasons.push_back(msg::trn("gates.qa.reason.errors", t.errors, {{"max", policy.max_errors}}));
    if (t.tests < policy.min_tests)
        reasons.push_back(msg::trn("gates.qa.reason.min_tests", t.tests, {{"min", policy.min_tests}}));
    if (!reasons.empty()) {
        o.status = core::Status::fail;
        std::string joined;
        for (const auto& r : reasons) joined += (joined.empty() ? "" : "; ") + r;
        o.message = msg::tr("gates.qa.failed", {{"reasons", joined}, {"totals", line}});
        return o;
    }
    o.status = core::Status::pass;
    o.message = line;
    if (t.skipped > 0) o.status = core::worst(o.status, policy.skipped);
    if (t.flaky > 0) o.status = core::worst(o.status, policy.flaky);
    if (o.status == core::Status::fail) o.message = msg::tr("gates.qa.policy_rejects", {{"totals", line}});
    return o;
}

} // namespace compuerta::plugin::gates
