#include "plugin/gates/qa/junit_scan.hpp"

#include "core/messages/catalog.hpp"
#include "core/ports/xml_stream.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <system_error>

namespace compuerta::plugin::gates {

namespace msg = core::msg;

TestTotals& TestTotals::operator+=(const TestTotals& o) {
    tests += o.tests;
    failures += o.failures;
    errors += o.errors;
    skipped += o.skipped;
    flaky += o.flaky;
    return *this;
}

namespace {

constexpr std::size_t k_max_message = 200;

std::string_view attr(const std::vector<core::XmlAttribute>& attrs, std::string_view name) {
    for (const auto& a : attrs)
        if (a.name == name) return a.value;
    return {};
}

std::string first_line(std::string_view s) {
    auto nl = s.find_first_of("\r\n");
    if (nl != std::string_view::npos) s = s.substr(0, nl);
    if (s.size() > k_max_message) return std::string(s.substr(0, k_max_message)) + "...";
    return std::string(s);
}

// Element events of one report: a testcase is classified when it closes.
class JunitHandler final : public core::XmlHandler {
  public:
    JunitHandler(ReportScan& scan, std::size_t max_names) : m_scan(scan), m_max(max_names) {}

    bool start(std::string_view name, const std::vector<core::XmlAttribute>& attrs) override {
        ++m_depth;
        if (m_depth == 1) {
            if (name != "testsuites" && name != "testsuite") {
                m_not_junit = std::string(name);
                return false;
            }
            return true;
        }
        if (m_case_depth == 0) {
            if (name == "testcase") begin_case(attrs);
            return true;
        }
        if (m_depth != m_case_depth + 1) return true;
        if (name == "failure") note_failure("failure", attrs);
        else if (name == "error") note_failure("error", attrs);
        else if (name == "skipped") m_skipped = true;
        else if (name == "flakyFailure" || name == "flakyError") m_flaky = true;
        return true;
    }

    void end(std::string_view name) override {
        if (m_case_depth != 0 && m_depth == m_case_depth && name == "testcase") finish_case();
        --m_depth;
    }

    const std::string& not_junit() const { return m_not_junit; }

  private:
    void begin_case(const std::vector<core::XmlAttribute>& attrs) {
        m_case_depth = m_depth;
        std::string_view cls = attr(attrs, "classname");
        std::string_view nm = attr(attrs, "name");
        m_name = (cls.empty() || cls == nm) ? std::string(nm) : fmt::format("{}.{}", cls, nm);
        m_kind.clear();
        m_message.clear();
        m_flaky = false;
        // GoogleTest marks tests it did not run on the testcase itself.
        m_skipped = attr(attrs, "status") == "notrun" || attr(attrs, "result") == "skipped";
    }

    void note_failure(const char* kind, const std::vector<core::XmlAttribute>& attrs) {
        if (!m_kind.empty() && m_kind == "failure") return; // the first failure names the test
        m_kind = kind;
        m_message = first_line(attr(attrs, "message"));
        if (m_message.empty()) m_message = first_line(attr(attrs, "type"));
    }

    void finish_case() {
        TestTotals& t = m_scan.totals;
        ++t.tests;
        if (!m_kind.empty()) {
            (m_kind == "failure" ? t.failures : t.errors) += 1;
            if (m_scan.failed.size() < m_max) m_scan.failed.push_back({m_name, m_kind, m_message});
        } else if (m_skipped) {
            ++t.skipped;
        } else if (m_flaky) {
            ++t.flaky;
            if (m_scan.flaky.size() < m_max) m_scan.flaky.push_back(m_name);
        }
        m_case_depth = 0;
    }

    ReportScan& m_scan;
    std::size_t m_max;
    int m_depth = 0;
    int m_case_depth = 0; // depth of the open testcase, 0 when none
    std::string m_name, m_kind, m_message, m_not_junit;
    bool m_skipped = false, m_flaky = false;
};

void finish(ReportScan& scan, const JunitHandler& h, const core::Result<core::XmlRead, core::XmlError>& r,
            const std::string& name) {
    if (!r) {
        const auto& e = r.error();
        if (e.io) scan.problem = msg::tr("gates.qa.report.unreadable", {{"file", name}, {"problem", e.message}});
        else
            scan.problem = msg::tr("gates.qa.report.malformed", {{"file", name},
                                                                 {"line", e.line},
                                                                 {"column", e.column},
                                                                 {"problem", e.message}});
        return;
    }
    scan.bytes = r->bytes;
    if (!h.not_junit().empty())
        scan.problem = msg::tr("gates.qa.report.not_junit", {{"file", name}, {"root", h.not_junit()}});
}

} // namespace

ReportScan scan_junit_file(const std::string& path, std::size_t max_names) {
    ReportScan scan;
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        scan.problem = msg::tr("gates.qa.report.unreadable", {{"file", path}, {"problem", ec.message()}});
        return scan;
    }
    if (size == 0) {
        scan.problem = msg::tr("gates.qa.report.empty_file", {{"file", path}});
        return scan;
    }
    JunitHandler h(scan, max_names);
    auto r = core::read_xml_file(path, h);
    finish(scan, h, r, path);
    return scan;
}

ReportScan scan_junit_text(std::string_view text, const std::string& name, std::size_t max_names) {
    ReportScan scan;
    if (text.empty()) {
        scan.problem = msg::tr("gates.qa.report.empty", {{"file", name}});
        return scan;
    }
    JunitHandler h(scan, max_names);
    auto r = core::read_xml_text(text, h);
    finish(scan, h, r, name);
    return scan;
}

} // namespace compuerta::plugin::gates
