#include "smoke/checks/http_assert.hpp"

#include "core/config/rules.hpp"
#include "core/errors.hpp"
#include "core/messages/catalog.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

namespace compuerta::smoke::checks {

namespace msg = core::msg;

namespace {

using Subject = Assertion::Subject;
using Op = Assertion::Op;

std::string clip(std::string_view s, std::size_t n = 120) {
    if (s.size() <= n)
        return std::string(s);
    return std::string(s.substr(0, n)) + "...";
}

std::string op_name(Op op) {
    switch (op) {
    case Op::contains:
        return msg::tr("smoke.assert.op.contains");
    case Op::not_contains:
        return msg::tr("smoke.assert.op.not_contains");
    case Op::equals:
        return msg::tr("smoke.assert.op.equals");
    case Op::regex:
        return msg::tr("smoke.assert.op.regex");
    case Op::exists:
        return msg::tr("smoke.assert.op.exists");
    case Op::absent:
        return msg::tr("smoke.assert.op.absent");
    }
    return "";
}

// Compares `actual` (present or not) with the assertion's operator.
std::optional<std::string> compare(const Assertion& a, const std::optional<std::string>& actual) {
    std::string what = a.describe();
    if (a.op == Op::absent) {
        if (!actual)
            return std::nullopt;
        return msg::tr("smoke.assert.present", {{"what", what}, {"actual", clip(*actual)}});
    }
    if (!actual)
        return msg::tr("smoke.assert.missing", {{"what", what}});
    bool ok = false;
    switch (a.op) {
    case Op::exists:
        ok = true;
        break;
    case Op::contains:
        ok = actual->find(a.expected) != std::string::npos;
        break;
    case Op::not_contains:
        ok = actual->find(a.expected) == std::string::npos;
        break;
    case Op::equals:
        ok = *actual == a.expected;
        break;
    case Op::regex:
        ok = a.re->search(*actual);
        break;
    case Op::absent:
        break;
    }
    if (ok)
        return std::nullopt;
    return msg::tr("smoke.assert.got", {{"what", what}, {"actual", clip(*actual)}});
}

} // namespace

std::string Assertion::describe() const {
    std::string subj;
    switch (subject) {
    case Subject::body:
        subj = msg::tr("smoke.assert.subject.body");
        break;
    case Subject::json:
        subj = msg::tr("smoke.assert.subject.json", {{"path", path}});
        break;
    case Subject::xpath:
        subj = msg::tr("smoke.assert.subject.xpath", {{"path", path}});
        break;
    case Subject::header:
        subj = msg::tr("smoke.assert.subject.header", {{"path", path}});
        break;
    }
    if (op == Op::exists || op == Op::absent)
        return msg::tr("smoke.assert.describe.bare", {{"subject", subj}, {"op", op_name(op)}});
    if (op == Op::regex)
        return msg::tr("smoke.assert.describe.regex",
                       {{"subject", subj}, {"op", op_name(op)}, {"expected", expected}});
    return msg::tr("smoke.assert.describe",
                   {{"subject", subj}, {"op", op_name(op)}, {"expected", clip(expected, 60)}});
}

Assertion make_assertion(Subject subject, std::string path, Op op, std::string expected,
                         const std::string& where) {
    Assertion a;
    a.subject = subject;
    a.path = std::move(path);
    a.op = op;
    a.expected = std::move(expected);
    if (op == Op::regex) {
        auto re = Regex::compile(a.expected);
        if (!re)
            throw core::ConfigError(fmt::format("{}: {}", where, re.error().message));
        a.re = *re;
    }
    if (subject == Subject::json) {
        if (auto why = core::config::json_pointer_problem(a.path))
            throw core::ConfigError(fmt::format("{}: {}", where, *why));
    }
    if (subject == Subject::xpath) {
        if (auto why = xpath_problem(a.path))
            throw core::ConfigError(fmt::format("{}: {}", where, *why));
        a.xpath_query = std::make_shared<pugi::xpath_query>(a.path.c_str());
    }
    return a;
}

std::optional<std::string> xpath_problem(const std::string& expression) {
    std::string problem;
    try {
        pugi::xpath_query q(expression.c_str());
        if (!q)
            problem = q.result().description();
    } catch (const pugi::xpath_exception& e) { // pugixml built with exceptions
        problem = e.what();
    }
    if (problem.empty())
        return std::nullopt;
    return msg::tr("smoke.assert.xpath_invalid", {{"expression", expression}, {"reason", problem}});
}

std::optional<std::string>
assertion_shape_problem(const std::function<bool(const std::string&)>& has) {
    static const char* const subjects[] = {
        "body_contains", "body_not_contains", "body_regex", "json", "xpath", "header"};
    std::vector<std::string> found;
    for (const char* k : subjects)
        if (has(k))
            found.emplace_back(k);
    if (found.size() > 1)
        return msg::tr("smoke.assert.shape.two_subjects",
                       {{"first", found[0]}, {"second", found[1]}});
    if (found.empty())
        return msg::tr("smoke.assert.shape.no_subject");
    if (found[0].rfind("body_", 0) == 0)
        return std::nullopt; // the body keys carry their own operator
    std::vector<std::string> ops;
    for (const char* k : {"equals", "contains", "regex", "exists"})
        if (has(k))
            ops.emplace_back(k);
    if (ops.size() > 1)
        return msg::tr("smoke.assert.shape.two_ops", {{"first", ops[0]}, {"second", ops[1]}});
    return std::nullopt;
}

Assertion assertion_from(const AssertConfig& def, const std::string& where) {
    using Text = std::optional<std::string> AssertConfig::*;
    struct Key {
        const char* name;
        Text member;
        Subject subject;
        Op op; // for the body keys; others take it from equals/contains/regex/exists
    };
    static const Key keys[] = {
        {"body_contains", &AssertConfig::body_contains, Subject::body, Op::contains},
        {"body_not_contains", &AssertConfig::body_not_contains, Subject::body, Op::not_contains},
        {"body_regex", &AssertConfig::body_regex, Subject::body, Op::regex},
        {"json", &AssertConfig::json, Subject::json, Op::exists},
        {"xpath", &AssertConfig::xpath, Subject::xpath, Op::exists},
        {"header", &AssertConfig::header, Subject::header, Op::exists}};
    static const std::pair<const char*, Text> ops[] = {{"equals", &AssertConfig::equals},
                                                       {"contains", &AssertConfig::contains},
                                                       {"regex", &AssertConfig::regex}};
    auto has = [&](const std::string& k) {
        for (const auto& key : keys)
            if (k == key.name)
                return (def.*key.member).has_value();
        for (const auto& [name, member] : ops)
            if (k == name)
                return (def.*member).has_value();
        return k == "exists" && def.exists.has_value();
    };
    if (auto why = assertion_shape_problem(has))
        throw core::ConfigError(fmt::format("{}: {}", where, *why));
    const Key* found = nullptr;
    for (const auto& k : keys)
        if (found == nullptr && (def.*k.member))
            found = &k;
    const std::string& subject = *(def.*found->member);
    if (found->subject == Subject::body)
        return make_assertion(Subject::body, "", found->op, subject, where);
    Op op = Op::exists;
    std::string expected;
    if (def.equals)
        op = Op::equals, expected = *def.equals;
    if (def.contains)
        op = Op::contains, expected = *def.contains;
    if (def.regex)
        op = Op::regex, expected = *def.regex;
    if (def.exists)
        op = *def.exists ? Op::exists : Op::absent;
    return make_assertion(found->subject, subject, op, expected, where);
}

struct AnswerView::Parsed {
    bool json_done = false, xml_done = false;
    nlohmann::json json;
    std::string json_error;
    pugi::xml_document xml;
    std::string xml_error;
};

AnswerView::AnswerView(const core::HttpResponse& resp)
    : m_resp(resp), m_parsed(std::make_unique<Parsed>()) {}
AnswerView::~AnswerView() = default;

const void* AnswerView::json(std::string& error) {
    Parsed& p = *m_parsed;
    if (!p.json_done) {
        p.json_done = true;
        if (m_resp.truncated)
            p.json_error = msg::tr("smoke.assert.json.truncated");
        else {
            try {
                p.json = nlohmann::json::parse(m_resp.body);
            } catch (const nlohmann::json::parse_error& e) {
                p.json_error = msg::tr("smoke.assert.json.invalid", {{"byte", e.byte}});
            } catch (const nlohmann::json::exception& e) {
                // A number too large for a double (1e400) is out_of_range, not a parse error.
                p.json_error = msg::tr("smoke.assert.json.unusable", {{"reason", e.what()}});
            }
        }
    }
    error = p.json_error;
    return error.empty() ? &p.json : nullptr;
}

const void* AnswerView::xml(std::string& error) {
    Parsed& p = *m_parsed;
    if (!p.xml_done) {
        p.xml_done = true;
        if (m_resp.truncated)
            p.xml_error = msg::tr("smoke.assert.xml.truncated");
        else if (auto r = p.xml.load_buffer(m_resp.body.data(), m_resp.body.size()); !r)
            p.xml_error = msg::tr("smoke.assert.xml.invalid",
                                  {{"reason", r.description()}, {"byte", r.offset}});
    }
    error = p.xml_error;
    return error.empty() ? &p.xml : nullptr;
}

std::optional<std::string> evaluate(const Assertion& a, AnswerView& answer) {
    const core::HttpResponse& resp = answer.response();
    std::string error;
    switch (a.subject) {
    case Subject::body:
        return compare(a, resp.body);
    case Subject::header:
        return compare(a, resp.header(a.path));
    case Subject::json: {
        const auto* j = static_cast<const nlohmann::json*>(answer.json(error));
        if (j == nullptr)
            return error;
        nlohmann::json::json_pointer ptr(a.path);
        const nlohmann::json* v = nullptr;
        try {
            if (j->contains(ptr))
                v = &j->at(ptr);
        } catch (const nlohmann::json::exception&) {
            // A token the answer's shape cannot resolve ("/list/" on an
            // array, found by assertion_fuzz): the value is not there.
            v = nullptr;
        }
        if (v == nullptr)
            return compare(a, std::nullopt);
        return compare(a, v->is_string() ? v->get<std::string>() : v->dump());
    }
    case Subject::xpath: {
        const auto* doc = static_cast<const pugi::xml_document*>(answer.xml(error));
        if (doc == nullptr)
            return error;
        const auto& q = *static_cast<const pugi::xpath_query*>(a.xpath_query.get());
        std::optional<std::string> actual;
        if (q.return_type() == pugi::xpath_type_node_set) {
            pugi::xpath_node_set nodes = q.evaluate_node_set(*doc);
            if (!nodes.empty())
                actual = nodes.first().attribute() ? nodes.first().attribute().value()
                                                   : nodes.first().node().text().as_string();
        } else {
            actual = q.evaluate_string(*doc);
        }
        return compare(a, actual);
    }
    }
    return std::nullopt;
}

} // namespace compuerta::smoke::checks
