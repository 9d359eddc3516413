#include "core/report/junit.hpp"

#include "core/secrets.hpp"

#include "core/messages/catalog.hpp"

#include <fmt/format.h>
#include <pugixml.hpp>
#include <sstream>

namespace compuerta::core::report {

Totals totals(const Suite& s) {
    Totals t;
    for (const auto& r : s.results) {
        ++t.tests;
        if (r.status == Status::fail) ++t.failures;
        if (r.status == Status::error) ++t.errors;
        if (r.status == Status::skip) ++t.skipped;
        if (r.waiting)
            ++t.waiting;
        if (r.status == Status::warn) ++t.warnings;
    }
    return t;
}

namespace {

std::string secs(Millis d) { return fmt::format("{:.3f}", static_cast<double>(d.count()) / 1000.0); }

// XML 1.0 cannot carry most control characters; replace them.
std::string xml_safe(std::string_view text) {
    std::string out = mask(text);
    for (char& c : out) {
        unsigned char u = static_cast<unsigned char>(c);
        if (u < 0x20 && c != '\n' && c != '\r' && c != '\t') c = '?';
    }
    return out;
}

std::string body_of(const CheckResult& r) {
    std::string body = r.message;
    if (!r.detail.empty()) body += "\n\n" + r.detail;
    if (!r.evidence.empty()) {
        body += "\n";
        for (const auto& [k, v] : r.evidence) body += "\n" + k + ": " + v;
    }
    return body;
}

void add_case(pugi::xml_node suite, const CheckResult& r, bool strict, std::string& suite_out) {
    auto tc = suite.append_child("testcase");
    tc.append_attribute("name") = xml_safe(r.title()).c_str();
    tc.append_attribute("classname") = xml_safe(r.classname.empty() ? "compuerta" : r.classname).c_str();
    tc.append_attribute("time") = secs(r.duration).c_str();
    const char* tag = nullptr;
    if (r.status == Status::fail) tag = "failure";
    if (r.status == Status::error) tag = "error";
    if (tag != nullptr) {
        auto f = tc.append_child(tag);
        f.append_attribute("type") = r.status == Status::fail ? "CheckFailed" : "CouldNotEvaluate";
        f.append_attribute("message") = xml_safe(r.message).c_str();
        f.append_child(pugi::node_pcdata).set_value(xml_safe(body_of(r)).c_str());
    } else if (r.status == Status::skip) {
        // Jenkins' schema allows no attribute on <skipped>: the reason is its text.
        tc.append_child("skipped").append_child(pugi::node_pcdata).set_value(xml_safe(r.message).c_str());
    }
    // Pass/warn details and captured output: per testcase (GitLab shows it)
    // by default; at suite level in strict mode.
    std::string out;
    if (r.status == Status::pass || r.status == Status::warn) out = body_of(r);
    if (r.status == Status::warn) out = msg::tr("junit.warn_prefix", {{"text", out}});
    if (!r.output.empty()) out += (out.empty() ? "" : "\n\n") + r.output;
    if (out.empty()) return;
    if (strict) {
        suite_out += fmt::format("[{}] {}\n{}\n\n", r.title(), to_string(r.status), out);
    } else {
        tc.append_child("system-out").append_child(pugi::node_pcdata).set_value(xml_safe(out).c_str());
    }
}

} // namespace

std::string render_junit(const std::vector<Suite>& suites, bool strict) {
    pugi::xml_document doc;
    auto root = doc.append_child("testsuites");
    Totals all;
    Millis all_time{0};
    for (const auto& s : suites) {
        Totals t = totals(s);
        all.tests += t.tests;
        all.failures += t.failures;
        all.errors += t.errors;
        all.skipped += t.skipped;
        all_time += s.duration;
    }
    if (!strict) {
        root.append_attribute("name") = "compuerta";
        root.append_attribute("tests") = all.tests;
        root.append_attribute("failures") = all.failures;
        root.append_attribute("errors") = all.errors;
        root.append_attribute("time") = secs(all_time).c_str();
    }
    int id = 0;
    for (const auto& s : suites) {
        Totals t = totals(s);
        auto suite = root.append_child("testsuite");
        suite.append_attribute("name") = xml_safe(s.name).c_str();
        if (strict) {
            suite.append_attribute("package") = xml_safe(s.package.empty() ? "compuerta" : s.package).c_str();
            suite.append_attribute("id") = id++;
        }
        suite.append_attribute("tests") = t.tests;
        suite.append_attribute("failures") = t.failures;
        suite.append_attribute("errors") = t.errors;
        suite.append_attribute("skipped") = t.skipped;
        suite.append_attribute("time") = secs(s.duration).c_str();
        suite.append_attribute("timestamp") = format_utc_zoneless(s.started).c_str();
        suite.append_attribute("hostname") = xml_safe(s.hostname.empty() ? "localhost" : s.hostname).c_str();
        auto props = suite.append_child("properties");
        Evidence properties = s.properties;
        if (properties.empty()) properties.emplace_back("host", s.hostname.empty() ? "localhost" : s.hostname);
        if (s.rounds > 1) properties.emplace_back("rounds", std::to_string(s.rounds));
        for (const auto& [k, v] : properties) {
            auto p = props.append_child("property");
            p.append_attribute("name") = xml_safe(k).c_str();
            p.append_attribute("value") = xml_safe(v).c_str();
        }
        std::string suite_out;
        for (const auto& r : s.results) add_case(suite, r, strict, suite_out);
        if (strict) {
            suite.append_child("system-out").append_child(pugi::node_pcdata).set_value(xml_safe(suite_out).c_str());
            suite.append_child("system-err");
        }
    }
    std::ostringstream os;
    doc.save(os, "  ", pugi::format_default | pugi::format_no_declaration, pugi::encoding_utf8);
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + os.str();
}

} // namespace compuerta::core::report
