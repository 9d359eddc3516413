#pragma once
// The `release` section, typed (core/config/section.hpp).
#include "core/config/deferred.hpp"
#include "core/config/section.hpp"

#include <optional>
#include <string>

namespace compuerta::core::config {

struct ReleaseSection {
    std::string repo;
    std::optional<std::string> main_branch; // absent: CI_DEFAULT_BRANCH, else main
    std::string release_branch;             // a pattern: release/v{major}.{minor}
    Deferred tag_pattern;                   // parsed by the release area, which names its place
    bool allow_lightweight = false;
    std::string version_file; // "": not checked
};

const SectionDecl<ReleaseSection>& release_decl();

} // namespace compuerta::core::config
