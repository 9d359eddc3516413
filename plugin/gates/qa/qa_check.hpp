#pragma once
// 3.1: the QA stage's JUnit reports, totalled and judged by the policy.
#include "core/model.hpp"
#include "plugin/gates/qa/junit_scan.hpp"

#include <functional>
#include <string>
#include <vector>

namespace compuerta::plugin::gates {

struct QaPolicy {
    std::int64_t min_tests = 1;
    std::int64_t max_failures = 0;
    std::int64_t max_errors = 0;
    core::Status skipped = core::Status::warn; // status when tests were skipped
    core::Status flaky = core::Status::warn;   // status when tests passed only on a rerun
};

struct QaOptions {
    std::vector<std::string> globs;
    QaPolicy policy;
    std::size_t max_names = 50; // failed tests named in the report
    std::function<void(const std::string&)> progress; // long reads report here (may be empty)
};

class QaReportsCheck final : public core::Check {
  public:
    QaReportsCheck(core::CheckSpec spec, QaOptions options);
    core::Outcome run(const core::Deadline& deadline) override;

  private:
    QaOptions m_opts;
};

// The outcome for scanned reports (separate from reading, for tests).
// `problems` are unusable globs or files.
core::Outcome judge_reports(const TestTotals& totals, std::size_t files, const std::vector<std::string>& problems,
                            const std::vector<FailedTest>& failed, const std::vector<std::string>& flaky,
                            const QaPolicy& policy);

} // namespace compuerta::plugin::gates
