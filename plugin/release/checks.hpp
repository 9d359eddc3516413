#pragma once
// The release gate's checks (plan items 3.3 and 3.4). Each sees the
// repository through core::GitRepo, so unit tests use a fake.
#include "core/model.hpp"
#include "core/ports/git.hpp"
#include "plugin/release/settings.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::plugin::release {

struct Context {
    core::GitRepo& git;
    Settings settings;
    std::optional<Version> version; // the tag read through the pattern
    // Keeps the repository alive while a check the runner gave up on still runs.
    std::shared_ptr<core::GitRepo> keep_alive;
};

// A failed git call as an outcome: `error` with what to do next (fetch more
// history for a shallow clone, git fsck for damaged objects).
core::Outcome git_error_outcome(const core::GitError& e, const std::string& what);
// The main branch, or an `error` outcome saying how to fetch or name it.
core::GitResult<core::GitBranch> resolve_main(const Context& ctx);
std::string short_id(const std::string& oid);
// A gate.release check spec.
core::CheckSpec release_spec(std::string id, std::string item, std::string name, std::vector<std::string> deps = {});

// Check ids: tag-exists, tag-pattern, tag-annotated, tag-newer, tag-on-main,
// branch-merged, version-file (only with a version file).
std::vector<std::shared_ptr<core::Check>> gate_checks(const std::shared_ptr<Context>& ctx, core::Millis timeout);

// The individual checks (also used by `compuerta tag`).
std::shared_ptr<core::Check> make_tag_exists(const std::shared_ptr<Context>& ctx);
std::shared_ptr<core::Check> make_tag_pattern(const std::shared_ptr<Context>& ctx);
std::shared_ptr<core::Check> make_tag_annotated(const std::shared_ptr<Context>& ctx);
std::shared_ptr<core::Check> make_tag_newer(const std::shared_ptr<Context>& ctx, bool tag_must_exist);
std::shared_ptr<core::Check> make_tag_on_main(const std::shared_ptr<Context>& ctx);
std::shared_ptr<core::Check> make_branch_merged(const std::shared_ptr<Context>& ctx);
std::shared_ptr<core::Check> make_version_file(const std::shared_ptr<Context>& ctx);

} // namespace compuerta::plugin::release
