// The Hyperscan engine: every pattern in one block-mode database. A scan
// stops at the first match, reports its line, and resumes at the next line,
// so a line is reported once however many patterns match it.
#include "core/messages/catalog.hpp"
#include "smoke/logs/matcher.hpp"

#include <hs/hs.h>
#include <stdexcept>

namespace compuerta::smoke::logs {

namespace {

struct DbDeleter {
    void operator()(hs_database_t* d) const noexcept { hs_free_database(d); }
};
struct ScratchDeleter {
    void operator()(hs_scratch_t* s) const noexcept { hs_free_scratch(s); }
};

struct FirstMatch {
    unsigned long long to = 0;
    unsigned int id = 0;
    bool found = false;
};

int on_match(unsigned int id, unsigned long long /*from*/, unsigned long long to, unsigned int /*flags*/,
             void* ctx) {
    auto* m = static_cast<FirstMatch*>(ctx);
    m->to = to;
    m->id = id;
    m->found = true;
    return 1; // stop: the caller resumes after this line
}

class HyperscanMatcher final : public LineMatcher {
  public:
    HyperscanMatcher(const std::vector<std::string>& patterns, bool ignore_case) {
        if (hs_valid_platform() != HS_SUCCESS)
            throw std::invalid_argument(core::msg::tr("smoke.logs.hyperscan_cpu"));
        if (patterns.empty()) throw std::invalid_argument("no patterns");
        std::vector<const char*> exprs;
        std::vector<unsigned int> flags;
        std::vector<unsigned int> ids;
        for (std::size_t i = 0; i < patterns.size(); ++i) {
            exprs.push_back(patterns[i].c_str());
            flags.push_back(HS_FLAG_MULTILINE | (ignore_case ? HS_FLAG_CASELESS : 0u));
            ids.push_back(static_cast<unsigned int>(i));
        }
        hs_database_t* db = nullptr;
        hs_compile_error_t* err = nullptr;
        if (hs_compile_multi(exprs.data(), flags.data(), ids.data(), static_cast<unsigned int>(exprs.size()),
                             HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
            std::string msg = err != nullptr && err->message != nullptr ? err->message : "compile error";
            int which = err != nullptr ? err->expression : -1;
            hs_free_compile_error(err);
            throw std::invalid_argument(
                which >= 0 ? core::msg::tr("smoke.logs.pattern_error",
                                           {{"number", which + 1},
                                            {"pattern", patterns[static_cast<std::size_t>(which)]},
                                            {"reason", msg}})
                           : msg);
        }
        m_db.reset(db);
        hs_scratch_t* scratch = nullptr;
        if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS)
            throw std::runtime_error(core::msg::tr("smoke.logs.hyperscan_scratch"));
        m_scratch.reset(scratch);
    }

    void scan(std::string_view data, const LineCallback& on_line) override {
        std::size_t pos = 0;
        while (pos < data.size()) {
            FirstMatch m;
            hs_scan(m_db.get(), data.data() + pos, static_cast<unsigned int>(data.size() - pos), 0, m_scratch.get(),
                    on_match, &m);
            if (!m.found) return;
            std::size_t last = pos + static_cast<std::size_t>(m.to) - 1; // last matched byte
            std::size_t b = line_begin(data, last);
            std::size_t e = line_end(data, last);
            if (b < pos) b = pos;
            if (!on_line(b, e, m.id)) return;
            pos = e + 1;
        }
    }

    bool matches(std::string_view line) override {
        FirstMatch m;
        hs_scan(m_db.get(), line.data(), static_cast<unsigned int>(line.size()), 0, m_scratch.get(), on_match, &m);
        return m.found;
    }

    std::string_view engine() const override { return "hyperscan"; }

  private:
    std::unique_ptr<hs_database_t, DbDeleter> m_db;
    std::unique_ptr<hs_scratch_t, ScratchDeleter> m_scratch;
};

} // namespace

std::unique_ptr<LineMatcher> make_hyperscan_matcher(const std::vector<std::string>& patterns, bool ignore_case) {
    return std::make_unique<HyperscanMatcher>(patterns, ignore_case);
}

} // namespace compuerta::smoke::logs
