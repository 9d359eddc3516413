#pragma once
// What `gate release` and `tag` work on, from flags over compuerta.yml over
// the CI's variables over defaults.
#include "core/cli/command.hpp"
#include "plugin/release/version.hpp"

#include <optional>
#include <string>

namespace compuerta::plugin::release {

struct Settings {
    std::string repo = ".";
    std::string tag;        // "" when none was given
    std::string tag_source; // "--tag", "CI_COMMIT_TAG", "TAG_NAME"
    std::string main_branch = "main";
    std::string release_branch;   // a name given by --release-branch ("" = derive from the tag)
    std::string release_pattern = "release/v{major}.{minor}";
    TagPattern pattern = TagPattern::parse("vMAJOR.MINOR.PATCH", "default");
    bool allow_lightweight = false;
    std::string version_file; // "" = no version-file check

    // The release branch for `v`: the named one, else the pattern filled in.
    std::string branch_for(const std::optional<Version>& v) const;
};

// Adds --repo, --main, --release-branch, --tag-pattern; with `gate_flags`
// also --allow-lightweight and --version-file.
void add_repo_options(core::cli::po::options_description& d, bool gate_flags);
// Reads them (throws UsageError/ConfigError for bad values).
Settings read_settings(const core::cli::Invocation& inv);

} // namespace compuerta::plugin::release
