#include "core/config/schema.hpp"

namespace compuerta::core::config {

NodePtr section_release() {
    return s::map({
        {"repo", s::str("Path of the git repository (default: current directory)."), false, ""},
        {"main_branch", s::str("Main branch (default: CI_DEFAULT_BRANCH or main)."), false, ""},
        {"release_branch", s::str("Release branch pattern (default release/v{major}.{minor})."), false, ""},
        {"tag_pattern", s::str("Tag pattern (default vMAJOR.MINOR.PATCH)."), false, ""},
        {"allow_lightweight", s::boolean("Accept lightweight tags."), false, ""},
        {"version_file", s::str("File in the tagged tree whose version must match the tag."), false, ""},
    });
}

} // namespace compuerta::core::config
