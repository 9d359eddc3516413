#include "plugin/release/open_repo.hpp"

#include "core/errors.hpp"

#include <filesystem>
#include <fmt/format.h>

namespace compuerta::plugin::release {

std::unique_ptr<core::GitRepo> open_repo(const std::string& dir) {
    auto r = core::open_git_repo(dir);
    if (r) return std::move(r.value());
    const core::GitError& e = r.error();
    switch (e.kind) {
    case core::GitErrorKind::not_a_repository:
        throw core::UsageError(fmt::format("{}; pass --repo DIR (or release.repo) naming the checkout to check",
                                           e.message));
    case core::GitErrorKind::owner: {
        std::error_code ec;
        auto abs = std::filesystem::absolute(dir, ec);
        throw core::CannotEvaluate(fmt::format(
            "{}: the repository is owned by another user, so git refuses it (safe.directory). If you trust it, run "
            "`git config --global --add safe.directory {}` as this user, or run compuerta as the owner",
            e.message, abs.string()));
    }
    default:
        throw core::CannotEvaluate(fmt::format("cannot open the repository {}: {}", dir, e.message));
    }
}

} // namespace compuerta::plugin::release
