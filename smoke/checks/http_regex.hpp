#pragma once
// A compiled PCRE2 pattern for body and header assertions: no recursion
// limit on large bodies (std::regex overflows the stack there), shareable
// between threads (match data is per call).
#include "core/result.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace compuerta::smoke::checks {

class Regex {
  public:
    // Error: PCRE2's message and the offset of the problem in `pattern`.
    static core::Result<std::shared_ptr<const Regex>> compile(const std::string& pattern);
    ~Regex();
    Regex(const Regex&) = delete;
    Regex& operator=(const Regex&) = delete;

    // True when the pattern matches somewhere in `text`. A match that runs
    // into PCRE2's limits counts as no match.
    bool search(std::string_view text) const;
    const std::string& pattern() const { return m_pattern; }

  private:
    Regex(std::string pattern, void* code) : m_pattern(std::move(pattern)), m_code(code) {}
    std::string m_pattern;
    void* m_code; // pcre2_code_8*
};

} // namespace compuerta::smoke::checks
