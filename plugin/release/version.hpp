#pragma once
// Release versions (semantic versioning 2.0.0) and the tag pattern that
// spells them ("vMAJOR.MINOR.PATCH" by default).
#include <optional>
#include <string>
#include <vector>

namespace compuerta::plugin::release {

struct Version {
    long major = 0;
    long minor = 0;
    long patch = 0;
    std::vector<std::string> pre; // pre-release identifiers: {"rc", "1"}
    std::string build;            // build metadata (ignored for precedence)

    std::string core() const;   // "2.3.0"
    std::string str() const;    // "2.3.0-rc.1+build"
    std::string line() const;   // "2.3"
    bool same_line(const Version& o) const { return major == o.major && minor == o.minor; }
};

// Semantic-versioning precedence: <0, 0, >0 (`2.0.0-rc.1` < `2.0.0`).
int compare(const Version& a, const Version& b);
inline bool operator<(const Version& a, const Version& b) { return compare(a, b) < 0; }

// "2.3.0", "2.3.0-rc.1", "2.3.0+b5"; nullopt when not a semantic version.
std::optional<Version> parse_version(const std::string& text);

// A tag spelling: literal text around the placeholders MAJOR, MINOR and
// PATCH (each exactly once, in that order); a pre-release (`-rc.1`) and
// build metadata (`+b5`) may follow.
class TagPattern {
  public:
    // Throws core::ConfigError naming `origin` when a placeholder is missing.
    static TagPattern parse(const std::string& pattern, const std::string& origin);
    std::optional<Version> match(const std::string& tag) const;
    std::string format(const Version& v) const;
    const std::string& text() const { return m_text; }

  private:
    std::string m_text;
    std::vector<std::string> m_literals; // 4 pieces: before MAJOR, between..., after PATCH
};

// "release/v{major}.{minor}" with {major}, {minor}, {patch}, {version} filled in.
std::string format_branch(const std::string& pattern, const Version& v);

} // namespace compuerta::plugin::release
