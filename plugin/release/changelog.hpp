#pragma once
// The annotated tag's message: the changes since the previous release tag.
#include "core/ports/git.hpp"
#include "plugin/release/version.hpp"

#include <optional>
#include <string>

namespace compuerta::plugin::release {

struct PreviousTag {
    std::string name;
    std::string commit;
};

// The highest tag matching `pattern` below `v`, if any.
core::GitResult<std::optional<PreviousTag>> previous_tag(core::GitRepo& git, const TagPattern& pattern,
                                                         const Version& v);

// "Release v2.3.0\n\nChanges since v2.2.0:\n- summary (abc123def456)\n...".
// A shallow clone that cannot list them says so instead.
std::string tag_message(core::GitRepo& git, const std::string& tag, const std::optional<PreviousTag>& prev,
                        const std::string& commit);

} // namespace compuerta::plugin::release
