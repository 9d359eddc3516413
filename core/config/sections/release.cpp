#include "core/config/schema.hpp"

namespace compuerta::core::config {

NodePtr section_release() {
    return s::map({
        {"repo", s::str("config.release.repo"), false, ""},
        {"main_branch", s::str("config.release.main_branch"), false, ""},
        {"release_branch", s::str("config.release.release_branch"), false, ""},
        {"tag_pattern", s::str("config.release.tag_pattern"), false, ""},
        {"allow_lightweight", s::boolean("config.release.allow_lightweight"), false, ""},
        {"version_file", s::str("config.release.version_file"), false, ""},
    });
}

} // namespace compuerta::core::config
