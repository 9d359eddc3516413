#include "plugin/release/merge.hpp"

#include <map>
#include <set>

namespace compuerta::plugin::release {

namespace {

constexpr std::size_t k_branch_limit = 5'000;
constexpr std::size_t k_main_limit = 200'000;
constexpr std::size_t k_tree_scan_limit = 5'000;

// True when `commit` has every path of `changes` exactly as the branch has it.
// `hint`: the path that differed last time, tried first (consecutive commits
// of main usually differ from the branch in the same file, so a branch that
// changed hundreds of files costs one lookup per commit, not hundreds).
core::GitResult<bool> holds_changes(core::GitRepo& git, const std::string& commit,
                                    const std::vector<core::PathChange>& changes, std::size_t& hint) {
    for (std::size_t k = 0; k <= changes.size(); ++k) {
        std::size_t i = k == 0 ? hint : k - 1;
        if (i >= changes.size() || (k > 0 && i == hint)) continue;
        auto blob = git.blob_id(commit, changes[i].path);
        if (!blob) return blob.error();
        if (*blob != changes[i].blob) {
            hint = i;
            return false;
        }
    }
    return true;
}

// One string for a sorted set of paths (paths hold no NUL).
std::string path_set_key(const std::vector<std::string>& paths) {
    std::string key;
    for (const auto& p : paths) key.append(p).push_back('\0');
    return key;
}

} // namespace

core::GitResult<MergeVerdict> analyse_merge(core::GitRepo& git, const std::string& main_commit,
                                            const std::string& branch_commit) {
    MergeVerdict v;
    auto anc = git.is_ancestor(branch_commit, main_commit);
    if (!anc) return anc.error();
    if (*anc) {
        v.merged = true;
        v.method = "ancestor";
        return v;
    }
    auto mb = git.merge_base(main_commit, branch_commit);
    if (!mb && mb.error().kind != core::GitErrorKind::not_found) return mb.error();
    if (mb) v.merge_base = *mb;

    // Squash merges (and most rebases): some main commit holds every file as
    // the branch tip has it. Cheap, so it goes before the patch ids.
    if (!v.merge_base.empty()) {
        auto changes = git.changed_paths(v.merge_base, branch_commit);
        if (!changes) return changes.error();
        auto chain = git.first_parents(main_commit, k_tree_scan_limit, v.merge_base);
        if (!chain) return chain.error();
        std::size_t hint = 0;
        for (const auto& c : *chain) {
            if (c == v.merge_base) break;
            auto holds = holds_changes(git, c, *changes, hint);
            if (!holds) return holds.error();
            if (*holds) v.merged_by = c; // keep walking: the oldest such commit merged it
            else if (!v.merged_by.empty()) break;
        }
        if (!v.merged_by.empty()) {
            v.merged = true;
            v.method = "tree";
            return v;
        }
    }
    // Patch ids of the branch's own commits (git cherry main branch).
    auto branch_only = git.commits_between(main_commit, branch_commit, k_branch_limit);
    if (!branch_only) return branch_only.error();
    std::map<std::string, core::GitCommit> pending; // patch id -> commit
    std::vector<std::string> order;                  // patch ids, newest branch commit first
    std::set<std::string> branch_path_sets;          // what those commits touch
    for (const auto& c : *branch_only) {
        if (c.parents > 1) continue;
        auto id = git.patch_id(c.oid);
        if (!id) return id.error();
        if (!id->empty() && pending.emplace(*id, c).second) order.push_back(*id);
        auto paths = git.touched_paths(c.oid);
        if (!paths) return paths.error();
        branch_path_sets.insert(path_set_key(*paths));
        ++v.branch_commits;
    }
    if (!v.merge_base.empty()) {
        auto main_only = git.commits_between(branch_commit, main_commit, k_main_limit);
        if (!main_only) return main_only.error();
        for (const auto& c : *main_only) {
            if (pending.empty()) break;
            if (c.parents > 1) continue;
            // Equal patches touch equal paths: only a commit that touches the
            // same set as some branch commit needs its full patch id.
            auto paths = git.touched_paths(c.oid);
            if (!paths) return paths.error();
            if (branch_path_sets.count(path_set_key(*paths)) == 0) continue;
            auto id = git.patch_id(c.oid);
            if (!id) return id.error();
            pending.erase(*id);
        }
    }
    if (pending.empty() && v.branch_commits > 0) {
        v.merged = true;
        v.method = "patch-id";
        return v;
    }

    // Oldest first, as git cherry lists them.
    for (auto it = order.rbegin(); it != order.rend(); ++it)
        if (auto p = pending.find(*it); p != pending.end()) v.missing.push_back(p->second);
    return v;
}

core::GitResult<std::optional<std::string>> find_merge_commit(core::GitRepo& git, const std::string& main_commit,
                                                              const std::string& branch_commit, std::size_t limit) {
    auto chain = git.first_parents(main_commit, limit, "");
    if (!chain) return chain.error();
    const auto& fp = *chain;
    auto contains = [&](std::size_t i) { return git.is_ancestor(branch_commit, fp[i]); };
    auto newest = contains(0);
    if (!newest) return newest.error();
    if (!*newest) return std::optional<std::string>();
    // Containment holds from the newest first parent down to the merge: find
    // the oldest index that still contains the branch tip.
    std::size_t lo = 0;          // contains
    std::size_t hi = fp.size();  // first index known not to contain (or end)
    while (hi - lo > 1) {
        std::size_t mid = lo + (hi - lo) / 2;
        auto c = contains(mid);
        if (!c) return c.error();
        if (*c) lo = mid;
        else hi = mid;
    }
    return std::optional<std::string>(fp[lo]);
}

} // namespace compuerta::plugin::release
