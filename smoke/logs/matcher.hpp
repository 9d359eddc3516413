#pragma once
// Multi-pattern line matching for the `logs` check. Two engines behind one
// interface: Hyperscan (all patterns in one database, one pass over the
// buffer) and PCRE2 with JIT (one pass per pattern; supports what Hyperscan
// refuses: backreferences, lookaround). Both treat the input as bytes with
// ASCII word boundaries and classes, so Spanish (UTF-8) text has no
// Unicode-`\b` slow path.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace compuerta::smoke::logs {

enum class Engine { automatic, hyperscan, pcre2 };

struct MatcherOptions {
    bool ignore_case = false;
    Engine engine = Engine::automatic;
};

// A problem with one pattern: which one (0-based) and why.
struct PatternError {
    std::size_t index = 0;
    std::string message;
};

// Called once per matching line with the line's [begin, end) offsets (end
// excludes the newline) and the index of a pattern that matched it. Return
// false to stop the scan.
using LineCallback = std::function<bool(std::size_t begin, std::size_t end, std::size_t pattern)>;

class LineMatcher {
  public:
    virtual ~LineMatcher() = default;
    // Reports each line of `data` that any pattern matches, in order, once.
    virtual void scan(std::string_view data, const LineCallback& on_line) = 0;
    // Whether any pattern matches somewhere in `line`.
    virtual bool matches(std::string_view line) = 0;
    virtual std::string_view engine() const = 0;
};

// Validates patterns with PCRE2 (the more permissive dialect): syntax, and
// that none matches the empty string. Returns the first problem, if any.
std::optional<PatternError> validate_patterns(const std::vector<std::string>& patterns, bool ignore_case);

// Builds a matcher. `automatic` uses Hyperscan when it accepts every
// pattern and the CPU supports it, else PCRE2. Throws std::invalid_argument
// (message names the pattern) when the chosen engine refuses a pattern.
std::unique_ptr<LineMatcher> make_matcher(const std::vector<std::string>& patterns, const MatcherOptions& opts);

// Each engine alone (make_matcher picks between them).
std::unique_ptr<LineMatcher> make_hyperscan_matcher(const std::vector<std::string>& patterns, bool ignore_case);
std::unique_ptr<LineMatcher> make_pcre2_matcher(const std::vector<std::string>& patterns, bool ignore_case);

// Line boundaries around offset `pos` of `data`.
std::size_t line_begin(std::string_view data, std::size_t pos);
std::size_t line_end(std::string_view data, std::size_t pos);

} // namespace compuerta::smoke::logs
