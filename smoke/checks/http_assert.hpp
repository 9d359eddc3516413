#pragma once
#include <functional>
#include <optional>
// Assertions of the `http` check on an answer: body substring and regex,
// JSON pointer (nlohmann), XPath (pugixml, for SOAP/XML answers) and headers.
#include "core/config/config.hpp"
#include "core/ports/http.hpp"
#include "smoke/checks/http_options.hpp"
#include "smoke/checks/http_regex.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::smoke::checks {

struct Assertion {
    enum class Subject { body, json, xpath, header };
    enum class Op { contains, not_contains, equals, regex, exists, absent };
    Subject subject = Subject::body;
    std::string path; // JSON pointer, XPath expression or header name
    Op op = Op::contains;
    std::string expected;
    std::shared_ptr<const Regex> re;         // Op::regex
    std::shared_ptr<const void> xpath_query; // compiled pugi::xpath_query (Subject::xpath)

    // "JSON /estado equals \"ok\"": for messages.
    std::string describe() const;
};

// Builders; throw ConfigError naming `where` for an invalid regex, JSON
// pointer or XPath expression.
Assertion make_assertion(Assertion::Subject subject, std::string path, Assertion::Op op,
                         std::string expected, const std::string& where);

// Builds one `assert:` entry of an http check (see docs/smoke.md); `where`
// ("c.yml:9:11: smoke.checks[0].assert[1]") names it in errors.
Assertion assertion_from(const AssertConfig& def, const std::string& where);

// The rules of an `assert:` entry, also run when compuerta.yml loads
// (smoke/config_rules.cpp): what is wrong, or nullopt. `has(key)`: the entry
// sets that key.
std::optional<std::string>
assertion_shape_problem(const std::function<bool(const std::string&)>& has);
std::optional<std::string> xpath_problem(const std::string& expression);

// The answer, parsed lazily once for all assertions.
class AnswerView {
  public:
    explicit AnswerView(const core::HttpResponse& resp);
    ~AnswerView();
    const core::HttpResponse& response() const { return m_resp; }
    // Parsed body, or nullptr with `error` set ("the body is not JSON (...)").
    const void* json(std::string& error);
    const void* xml(std::string& error);

  private:
    const core::HttpResponse& m_resp;
    struct Parsed;
    std::unique_ptr<Parsed> m_parsed;
};

// nullopt when the assertion holds, else why not (one sentence, unmasked).
std::optional<std::string> evaluate(const Assertion& a, AnswerView& answer);

} // namespace compuerta::smoke::checks
