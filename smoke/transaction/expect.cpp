// Assertions and captures over step results.
#define PCRE2_CODE_UNIT_WIDTH 8
#include "core/messages/catalog.hpp"
#include "smoke/transaction/executor.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <pcre2.h>

namespace compuerta::smoke::transaction {

namespace {

std::optional<std::string> json_at(const std::string& body, const std::string& pointer, std::string& why) {
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_discarded()) {
        why = core::msg::tr("smoke.tx.expect.not_json");
        return std::nullopt;
    }
    try {
        const auto& v = j.at(nlohmann::json::json_pointer(pointer));
        return v.is_string() ? v.get<std::string>() : v.dump();
    } catch (const nlohmann::json::exception&) {
        why = core::msg::tr("smoke.tx.expect.no_value", {{"pointer", pointer}});
        return std::nullopt;
    }
}

std::optional<std::string> regex_first(const std::string& re_text, const std::string& subject, std::string& why) {
    int code = 0;
    PCRE2_SIZE off = 0;
    pcre2_code* re = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(re_text.data()), re_text.size(), 0, &code, &off, nullptr);
    if (re == nullptr) {
        why = core::msg::tr("smoke.tx.expect.bad_regex", {{"regex", re_text}});
        return std::nullopt;
    }
    pcre2_match_data* md = pcre2_match_data_create_from_pattern(re, nullptr);
    int rc = pcre2_match(re, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), 0, 0, md, nullptr);
    std::optional<std::string> out;
    if (rc > 0) {
        PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md);
        int g = rc > 1 ? 1 : 0;
        if (ov[2 * g] != PCRE2_UNSET) out = subject.substr(ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
    } else {
        why = core::msg::tr("smoke.tx.expect.regex_nothing", {{"regex", re_text}});
    }
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    return out;
}

std::string cut(const std::string& s, std::size_t n = 200) { return s.size() > n ? s.substr(0, n) + "..." : s; }

} // namespace

std::string check_http(const Expect& e, const core::HttpResponse& r) {
    std::vector<long> ok = e.status.empty() ? std::vector<long>{} : e.status;
    if (ok.empty() ? (r.status < 200 || r.status > 299) : std::find(ok.begin(), ok.end(), r.status) == ok.end())
        return core::msg::tr(
            "smoke.tx.expect.status",
            {{"status", r.status},
             {"expected", ok.empty()
                              ? std::string("2xx")
                              : fmt::format("{}", fmt::join(ok, core::msg::tr("smoke.http.or")))},
             {"body", cut(r.body)}});
    for (const auto& s : e.body_contains)
        if (r.body.find(s) == std::string::npos)
            return core::msg::tr("smoke.tx.expect.body_lacks",
                                 {{"text", s}, {"body", cut(r.body)}});
    for (const auto& [ptr, want] : e.json) {
        std::string why;
        auto got = json_at(r.body, ptr, why);
        if (!got)
            return core::msg::tr("smoke.tx.expect.json_missing",
                                 {{"reason", why}, {"body", cut(r.body)}});
        if (*got != want)
            return core::msg::tr("smoke.tx.expect.value",
                                 {{"what", ptr}, {"got", *got}, {"expected", want}});
    }
    for (const auto& [name, want] : e.headers) {
        auto got = r.header(name);
        if (!got || got->find(want) == std::string::npos)
            return core::msg::tr("smoke.tx.expect.header",
                                 {{"header", name}, {"got", got.value_or("")}, {"expected", want}});
    }
    return {};
}

std::string check_sql(const Expect& e, const core::SqlRows& r) {
    if (e.rows && r.rows.size() != *e.rows)
        return core::msg::trn("smoke.tx.expect.rows", static_cast<long long>(r.rows.size()),
                              {{"expected", *e.rows}});
    if (e.affected && r.affected != *e.affected)
        return core::msg::trn("smoke.tx.expect.affected", static_cast<long long>(r.affected),
                              {{"expected", *e.affected}});
    for (const auto& [col, want] : e.row) {
        auto it = std::find(r.columns.begin(), r.columns.end(), col);
        if (it == r.columns.end())
            return core::msg::tr("smoke.tx.expect.no_column", {{"column", col}});
        if (r.rows.empty())
            return core::msg::tr("smoke.tx.expect.no_row", {{"column", col}});
        const auto& v = r.rows.front()[static_cast<std::size_t>(it - r.columns.begin())];
        if (v.value_or("NULL") != want)
            return core::msg::tr("smoke.tx.expect.value",
                                 {{"what", col}, {"got", v.value_or("NULL")}, {"expected", want}});
    }
    return {};
}

core::Result<Vars> capture_http(const std::vector<Capture>& caps, const core::HttpResponse& r) {
    Vars out;
    for (const auto& c : caps) {
        std::string why;
        std::optional<std::string> v;
        if (c.from == Capture::From::json) v = json_at(r.body, c.expr, why);
        else if (c.from == Capture::From::regex) v = regex_first(c.expr, r.body, why);
        else if (c.from == Capture::From::header) {
            v = r.header(c.expr);
            if (!v)
                why = core::msg::tr("smoke.tx.capture.no_header", {{"header", c.expr}});
        }
        if (!v)
            return core::Error{
                core::msg::tr("smoke.tx.capture.failed", {{"name", c.name}, {"reason", why}})};
        out[c.name] = *v;
    }
    return out;
}

core::Result<Vars> capture_sql(const std::vector<Capture>& caps, const core::SqlRows& r) {
    Vars out;
    for (const auto& c : caps) {
        auto it = std::find(r.columns.begin(), r.columns.end(), c.expr);
        if (it == r.columns.end())
            return core::Error{core::msg::tr("smoke.tx.capture.no_column",
                                             {{"name", c.name}, {"column", c.expr}})};
        if (r.rows.empty())
            return core::Error{core::msg::tr("smoke.tx.capture.no_row", {{"name", c.name}})};
        const auto& v = r.rows.front()[static_cast<std::size_t>(it - r.columns.begin())];
        if (!v)
            return core::Error{
                core::msg::tr("smoke.tx.capture.null", {{"name", c.name}, {"column", c.expr}})};
        out[c.name] = *v;
    }
    return out;
}

} // namespace compuerta::smoke::transaction
