#include "plugin/release/merge.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace compuerta::plugin::release {

namespace {

constexpr std::size_t k_branch_limit = 5'000;
constexpr std::size_t k_main_limit = 200'000;
constexpr std::size_t k_tree_scan_limit = 5'000;

// The oldest commit of main's first-parent `chain` (newest first, ending at
// the merge base) from which on main holds every path of `changes` exactly as
// the branch has it; "" when none does. The paths are looked up once at the
// newest commit; going down the chain, each commit's trees are compared only
// along those paths (touched_among: a merge's whole change, most of main's
// first parents on a real project, is never listed), and only the paths it
// touched are looked up again.
core::GitResult<std::string> squashed_by(core::GitRepo& git, const std::vector<std::string>& chain,
                                         const std::string& merge_base,
                                         const std::vector<core::PathChange>& changes) {
    if (chain.empty()) return std::string();
    std::map<std::string, std::size_t> index; // path -> position in changes
    std::vector<bool> differs(changes.size());
    std::size_t differing = 0;
    std::vector<std::string> paths; // sorted: the only ones the scan reads
    for (const auto& c : changes) paths.push_back(c.path);
    std::sort(paths.begin(), paths.end());
    for (std::size_t i = 0; i < changes.size(); ++i) {
        index.emplace(changes[i].path, i);
        auto blob = git.blob_id(chain[0], changes[i].path);
        if (!blob) return blob.error();
        differs[i] = *blob != changes[i].blob;
        differing += differs[i] ? 1 : 0;
    }
    std::string oldest;
    for (std::size_t k = 0; k < chain.size() && chain[k] != merge_base; ++k) {
        if (differing == 0) oldest = chain[k]; // keep walking: the oldest such commit merged it
        else if (!oldest.empty()) break;
        if (k + 1 == chain.size()) break;
        auto touched = git.touched_among(chain[k], paths);
        if (!touched) return touched.error();
        for (const auto& path : *touched) {
            auto it = index.find(path);
            if (it == index.end()) continue;
            auto blob = git.blob_id(chain[k + 1], path);
            if (!blob) return blob.error();
            bool now = *blob != changes[it->second].blob;
            if (now && !differs[it->second]) ++differing;
            if (!now && differs[it->second]) --differing;
            differs[it->second] = now;
        }
    }
    return oldest;
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
    // In a full history the branch tip is on main's history exactly when it
    // is the merge base: one walk answers both questions. A shallow clone
    // asks is_ancestor, which knows where the cut hides the answer.
    if (git.shallow()) {
        auto anc = git.is_ancestor(branch_commit, main_commit);
        if (!anc) return anc.error();
        if (*anc) {
            v.merged = true;
            v.method = "ancestor";
            return v;
        }
    }
    auto bases = git.merge_bases(main_commit, branch_commit);
    if (!bases && bases.error().kind != core::GitErrorKind::not_found) return bases.error();
    std::vector<std::string> hide; // every commit both sides reach lies below these
    if (bases) hide = *bases;
    if (!hide.empty() && hide.front() == branch_commit) {
        v.merged = true;
        v.method = "ancestor";
        return v;
    }
    if (!hide.empty()) v.merge_base = hide.front();

    // Squash merges (and most rebases): some main commit holds every file as
    // the branch tip has it. Cheap, so it goes before the patch ids.
    if (!v.merge_base.empty()) {
        auto changes = git.changed_paths(v.merge_base, branch_commit);
        if (!changes) return changes.error();
        auto chain = git.first_parents(main_commit, k_tree_scan_limit, v.merge_base);
        if (!chain) return chain.error();
        auto by = squashed_by(git, *chain, v.merge_base, *changes);
        if (!by) return by.error();
        v.merged_by = *by;
        if (!v.merged_by.empty()) {
            v.merged = true;
            v.method = "tree";
            return v;
        }
    }
    // The branch's own commits, each found on main by an equal patch id (git
    // cherry main branch). Equal patches touch equal paths, so commits are
    // screened by the set of paths they touch, and a full patch id is taken
    // only for a main commit whose set is some branch commit's, and for that
    // branch commit (once), as git cherry does.
    // Both walks stop at the merge bases: the branch's walk never goes down
    // main's side (on a long-diverged branch, most of the history).
    auto branch_only = git.commits_between(hide, branch_commit, k_branch_limit);
    if (!branch_only) return branch_only.error();
    struct Own {
        core::GitCommit commit;
        std::string patch_id; // "" until a main commit with the same paths asks
        bool found = false;
    };
    std::vector<Own> own;                                     // newest first
    std::map<std::string, std::vector<std::size_t>> by_paths; // path set -> own commits
    for (const auto& c : *branch_only) {
        if (c.parents > 1) continue;
        auto paths = git.touched_paths(c.oid);
        if (!paths) return paths.error();
        by_paths[path_set_key(*paths)].push_back(own.size());
        own.push_back(Own{c, std::string(), false});
    }
    v.branch_commits = own.size();
    std::size_t open = own.size();
    if (!v.merge_base.empty()) {
        auto main_only = git.commits_between(hide, main_commit, k_main_limit);
        if (!main_only) return main_only.error();
        for (const auto& c : *main_only) {
            if (open == 0) break;
            if (c.parents > 1) continue;
            auto paths = git.touched_paths(c.oid);
            if (!paths) return paths.error();
            auto same = by_paths.find(path_set_key(*paths));
            if (same == by_paths.end()) continue;
            auto id = git.patch_id(c.oid);
            if (!id) return id.error();
            for (std::size_t i : same->second) {
                Own& o = own[i];
                if (o.found) continue;
                if (o.patch_id.empty()) {
                    auto mine = git.patch_id(o.commit.oid);
                    if (!mine) return mine.error();
                    o.patch_id = *mine;
                }
                if (o.patch_id == *id) {
                    o.found = true;
                    --open;
                }
            }
        }
    }
    if (open == 0 && v.branch_commits > 0) {
        v.merged = true;
        v.method = "patch-id";
        return v;
    }
    // Oldest first, as git cherry lists them.
    for (auto it = own.rbegin(); it != own.rend(); ++it)
        if (!it->found) v.missing.push_back(it->commit);
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
