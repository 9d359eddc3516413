#include "smoke/logs/matcher.hpp"

#include <cstring>
#include <stdexcept>

namespace compuerta::smoke::logs {

std::size_t line_begin(std::string_view data, std::size_t pos) {
    if (pos == 0) return 0;
    const void* nl = memrchr(data.data(), '\n', pos);
    return nl == nullptr ? 0 : static_cast<std::size_t>(static_cast<const char*>(nl) - data.data()) + 1;
}

std::size_t line_end(std::string_view data, std::size_t pos) {
    if (pos >= data.size()) return data.size();
    const void* nl = std::memchr(data.data() + pos, '\n', data.size() - pos);
    return nl == nullptr ? data.size() : static_cast<std::size_t>(static_cast<const char*>(nl) - data.data());
}

std::unique_ptr<LineMatcher> make_matcher(const std::vector<std::string>& patterns, const MatcherOptions& opts) {
    switch (opts.engine) {
    case Engine::hyperscan: return make_hyperscan_matcher(patterns, opts.ignore_case);
    case Engine::pcre2: return make_pcre2_matcher(patterns, opts.ignore_case);
    case Engine::automatic: break;
    }
    try {
        return make_hyperscan_matcher(patterns, opts.ignore_case);
    } catch (const std::invalid_argument&) {
        return make_pcre2_matcher(patterns, opts.ignore_case);
    }
}

} // namespace compuerta::smoke::logs
