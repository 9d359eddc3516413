#pragma once
// Is a release branch in main? By ancestry, else — for teams that squash or
// rebase — by patch ids (like `git cherry`) or by comparing trees.
#include "core/ports/git.hpp"

#include <optional>
#include <string>
#include <vector>

namespace compuerta::plugin::release {

struct MergeVerdict {
    bool merged = false;
    std::string method;     // "ancestor", "patch-id", "tree"; "" when not merged
    std::string merged_by;  // tree method: the oldest main commit holding every change
    std::string merge_base; // "" when the histories share no commit
    std::size_t branch_commits = 0;       // non-merge commits of the branch not in main
    std::vector<core::GitCommit> missing; // those whose change main lacks (not merged)
};

// Decides whether every change of `branch_commit` is in `main_commit`.
// shallow errors mean the clone is too shallow to decide.
core::GitResult<MergeVerdict> analyse_merge(core::GitRepo& git, const std::string& main_commit,
                                            const std::string& branch_commit);

// The first-parent commit of main where `branch_commit` became part of main
// (the merge commit, or the branch tip itself after a fast-forward); nullopt
// when main does not contain it within `limit` first parents.
core::GitResult<std::optional<std::string>> find_merge_commit(core::GitRepo& git, const std::string& main_commit,
                                                              const std::string& branch_commit, std::size_t limit);

} // namespace compuerta::plugin::release
