#include "plugin/release/open_repo.hpp"

#include "core/errors.hpp"

#include "core/messages/catalog.hpp"

#include <filesystem>
#include <fmt/format.h>

namespace compuerta::plugin::release {

namespace msg = core::msg;

std::unique_ptr<core::GitRepo> open_repo(const core::Adapters& adapters, const std::string& dir) {
    auto r = adapters.git(dir);
    if (r) return std::move(r.value());
    const core::GitError& e = r.error();
    switch (e.kind) {
    case core::GitErrorKind::not_a_repository:
        throw core::UsageError(msg::tr("release.repo.not_a_repository", {{"problem", e.message}}));
    case core::GitErrorKind::owner: {
        std::error_code ec;
        auto abs = std::filesystem::absolute(dir, ec);
        throw core::CannotEvaluate(msg::tr("release.repo.owner", {{"problem", e.message}, {"dir", abs.string()}}));
    }
    default:
        throw core::CannotEvaluate(msg::tr("release.repo.cannot_open", {{"dir", dir}, {"problem", e.message}}));
    }
}

} // namespace compuerta::plugin::release
