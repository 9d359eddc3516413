#include "plugin/release/checks.hpp"

#include "core/messages/catalog.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::release {

namespace msg = core::msg;

std::string short_id(const std::string& oid) { return oid.substr(0, 12); }

core::CheckSpec release_spec(std::string id, std::string item, std::string name, std::vector<std::string> deps) {
    core::CheckSpec s;
    s.id = std::move(id);
    s.item = std::move(item);
    s.name = std::move(name);
    s.classname = "gate.release";
    s.depends_on = std::move(deps);
    return s;
}

core::Outcome git_error_outcome(const core::GitError& e, const std::string& what) {
    switch (e.kind) {
    case core::GitErrorKind::shallow:
        return core::Outcome::make(
            core::Status::error,
            msg::tr("release.git.shallow", {{"what", what}, {"problem", e.message}}),
            {{"shallow", "yes"}});
    case core::GitErrorKind::corrupt:
        return core::Outcome::make(
            core::Status::error,
            msg::tr("release.git.corrupt", {{"what", what}, {"problem", e.message}}));
    default:
        return core::Outcome::make(core::Status::error, fmt::format("{}: {}", what, e.message));
    }
}

core::GitResult<core::GitBranch> resolve_main(const Context& ctx) {
    auto b = ctx.git.branch(ctx.settings.main_branch);
    if (!b && b.error().kind == core::GitErrorKind::not_found) {
        const std::string& m = ctx.settings.main_branch;
        return core::GitError{core::GitErrorKind::not_found,
                              msg::tr("release.main.not_found", {{"main", m}, {"repo", ctx.git.path()}})};
    }
    return b;
}

std::vector<std::shared_ptr<core::Check>> gate_checks(const std::shared_ptr<Context>& ctx, core::Millis timeout) {
    std::vector<std::shared_ptr<core::Check>> out = {make_tag_exists(ctx),      make_tag_pattern(ctx),
                                                     make_tag_annotated(ctx),   make_tag_newer(ctx, true),
                                                     make_tag_on_main(ctx),     make_branch_merged(ctx)};
    if (!ctx->settings.version_file.empty()) out.push_back(make_version_file(ctx));
    for (auto& c : out) {
        c->spec().timeout = timeout;
        c->spec().on_timeout = core::Status::error;
    }
    return out;
}

} // namespace compuerta::plugin::release
