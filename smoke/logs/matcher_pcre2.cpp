// The PCRE2 engine (JIT): one pass per pattern over the buffer, the hits
// merged by line. Slower with many patterns, but accepts backreferences and
// lookaround, which Hyperscan refuses. No PCRE2_UCP: `\b` and `\w` stay
// ASCII, like the Hyperscan engine.
#define PCRE2_CODE_UNIT_WIDTH 8
#include "core/messages/catalog.hpp"
#include "smoke/logs/matcher.hpp"

#include <algorithm>
#include <map>
#include <pcre2.h>
#include <stdexcept>

namespace compuerta::smoke::logs {

namespace {

struct CodeDeleter {
    void operator()(pcre2_code* c) const noexcept { pcre2_code_free(c); }
};
struct DataDeleter {
    void operator()(pcre2_match_data* d) const noexcept { pcre2_match_data_free(d); }
};
using CodePtr = std::unique_ptr<pcre2_code, CodeDeleter>;

// Compiles one pattern; the error message when it fails.
CodePtr compile(const std::string& pattern, bool ignore_case, std::string& error) {
    int code = 0;
    PCRE2_SIZE offset = 0;
    std::uint32_t opts = PCRE2_MULTILINE | (ignore_case ? PCRE2_CASELESS : 0u);
    pcre2_code* re = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), opts, &code,
                                   &offset, nullptr);
    if (re == nullptr) {
        PCRE2_UCHAR buf[256];
        pcre2_get_error_message(code, buf, sizeof buf);
        error = core::msg::tr("smoke.logs.regex_error",
                              {{"reason", reinterpret_cast<const char*>(buf)}, {"offset", offset}});
        return nullptr;
    }
    pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); // best effort: the interpreter works too
    return CodePtr(re);
}

class Pcre2Matcher final : public LineMatcher {
  public:
    Pcre2Matcher(const std::vector<std::string>& patterns, bool ignore_case) {
        if (patterns.empty()) throw std::invalid_argument("no patterns");
        for (std::size_t i = 0; i < patterns.size(); ++i) {
            std::string err;
            auto re = compile(patterns[i], ignore_case, err);
            if (!re)
                throw std::invalid_argument(
                    core::msg::tr("smoke.logs.pattern_error",
                                  {{"number", i + 1}, {"pattern", patterns[i]}, {"reason", err}}));
            m_codes.push_back(std::move(re));
        }
        m_data.reset(pcre2_match_data_create(2, nullptr));
    }

    void scan(std::string_view data, const LineCallback& on_line) override {
        // line begin -> (end, first pattern), ordered by position
        std::map<std::size_t, std::pair<std::size_t, std::size_t>> hits;
        for (std::size_t p = 0; p < m_codes.size(); ++p) {
            std::size_t pos = 0;
            while (pos < data.size()) {
                auto r = find(m_codes[p].get(), data, pos);
                if (!r) break;
                std::size_t b = line_begin(data, *r);
                std::size_t e = line_end(data, *r);
                hits.try_emplace(b, e, p);
                pos = e + 1;
            }
        }
        for (const auto& [b, v] : hits)
            if (!on_line(b, v.first, v.second)) return;
    }

    bool matches(std::string_view line) override {
        return std::any_of(m_codes.begin(), m_codes.end(),
                           [&](const CodePtr& c) { return find(c.get(), line, 0).has_value(); });
    }

    std::string_view engine() const override { return "pcre2"; }

  private:
    // Offset of the last byte of the first match at or after `start`.
    std::optional<std::size_t> find(pcre2_code* re, std::string_view data, std::size_t start) {
        int rc = pcre2_match(re, reinterpret_cast<PCRE2_SPTR>(data.data()), data.size(), start, 0, m_data.get(),
                             nullptr);
        if (rc < 0) return std::nullopt;
        PCRE2_SIZE* ov = pcre2_get_ovector_pointer(m_data.get());
        std::size_t end = ov[1] > ov[0] ? ov[1] - 1 : ov[0];
        return std::min(end, data.size() - (data.empty() ? 0 : 1));
    }

    std::vector<CodePtr> m_codes;
    std::unique_ptr<pcre2_match_data, DataDeleter> m_data;
};

} // namespace

std::unique_ptr<LineMatcher> make_pcre2_matcher(const std::vector<std::string>& patterns, bool ignore_case) {
    return std::make_unique<Pcre2Matcher>(patterns, ignore_case);
}

std::optional<PatternError> validate_patterns(const std::vector<std::string>& patterns, bool ignore_case) {
    pcre2_match_data* md = pcre2_match_data_create(2, nullptr);
    std::unique_ptr<pcre2_match_data, DataDeleter> guard(md);
    for (std::size_t i = 0; i < patterns.size(); ++i) {
        std::string err;
        auto re = compile(patterns[i], ignore_case, err);
        if (!re) return PatternError{i, err};
        const char* empty = "";
        if (pcre2_match(re.get(), reinterpret_cast<PCRE2_SPTR>(empty), 0, 0, 0, md, nullptr) >= 0)
            return PatternError{i, core::msg::tr("smoke.logs.pattern_empty")};
    }
    return std::nullopt;
}

} // namespace compuerta::smoke::logs
