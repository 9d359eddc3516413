#pragma once
// Counting one JUnit report as real tools write it (pytest, Maven Surefire
// with reruns, GoogleTest, Jest, go-junit-report, PHPUnit's nested suites),
// read as a stream so its size does not matter.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace compuerta::plugin::gates {

struct TestTotals {
    std::int64_t tests = 0;
    std::int64_t failures = 0; // <failure> (Surefire: also failed every rerun)
    std::int64_t errors = 0;   // <error>
    std::int64_t skipped = 0;  // <skipped>, GoogleTest status="notrun"/result="skipped"
    std::int64_t flaky = 0;    // passed only on a rerun (<flakyFailure>/<flakyError> without <failure>)

    TestTotals& operator+=(const TestTotals& o);
};

struct FailedTest {
    std::string name;    // "classname.name"
    std::string kind;    // "failure" or "error"
    std::string message; // first line of the message attribute, bounded
};

struct ReportScan {
    TestTotals totals;
    std::vector<FailedTest> failed;  // at most `max_names`
    std::vector<std::string> flaky;  // names, at most `max_names`
    std::uint64_t bytes = 0;
    std::string problem; // empty when the file is a readable JUnit report; else what is wrong
};

// Scans the file at `path`. A 0-byte file, an unreadable file, malformed XML
// or XML whose root is not <testsuites>/<testsuite> sets `problem` (naming
// the file, and line:column for malformed XML).
ReportScan scan_junit_file(const std::string& path, std::size_t max_names = 50);
// The same over text (tests); `name` stands for the file in messages.
ReportScan scan_junit_text(std::string_view text, const std::string& name, std::size_t max_names = 50);

} // namespace compuerta::plugin::gates
