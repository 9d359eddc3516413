#pragma once
// An in-memory git history for unit tests of the release checks.
#include "core/ports/git.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace compuerta::test::release {

// Ids padded to 40 characters so short_id() works: id("a") = "a000...".
inline std::string id(const std::string& s) { return s + std::string(40 - s.size(), '0'); }

class FakeGit final : public core::GitRepo {
  public:
    struct Commit {
        std::vector<std::string> parents;
        std::string summary;
        std::string patch;                        // patch id ("" for merges)
        std::map<std::string, std::string> files; // path -> blob
    };
    std::map<std::string, Commit> commits;
    std::map<std::string, core::GitTag> tags;
    std::map<std::string, std::string> refs; // full ref -> commit
    bool is_shallow = false;
    std::set<std::string> cut; // commits whose parents are "missing"
    std::set<std::string> touched_asked; // commits touched_paths() was asked about

    // Adds commit `name` with `parents`; files inherit from the first parent.
    void add(const std::string& name, std::vector<std::string> parents, std::map<std::string, std::string> change = {},
             std::string patch = "") {
        Commit c;
        for (auto& p : parents) p = id(p);
        if (!parents.empty()) c.files = commits.at(parents[0]).files;
        for (const auto& [k, v] : change) c.files[k] = v;
        c.parents = std::move(parents);
        c.summary = "commit " + name;
        c.patch = c.parents.size() > 1 ? "" : (patch.empty() ? "p-" + name : patch);
        commits[id(name)] = std::move(c);
    }
    void ref(const std::string& full, const std::string& commit) { refs[full] = id(commit); }
    void add_tag(const std::string& name, const std::string& commit, bool annotated = true) {
        tags[name] = core::GitTag{name, id("t" + name), id(commit), annotated, "msg", annotated ? "Lead <l@x>" : ""};
    }

    std::string path() const override { return "/fake/.git/"; }
    bool bare() const override { return false; }
    bool shallow() const override { return is_shallow; }
    core::GitResult<std::vector<std::string>> tag_names() override {
        std::vector<std::string> out;
        for (const auto& [k, v] : tags) out.push_back(k);
        for (const auto& [k, v] : tags_of_blobs) out.push_back(k);
        return out;
    }
    std::map<std::string, std::string> tags_of_blobs; // annotated tags naming a blob: name -> blob
    core::GitResult<core::GitTag> tag(const std::string& name) override {
        if (auto b = tags_of_blobs.find(name); b != tags_of_blobs.end())
            return core::GitError{core::GitErrorKind::not_a_commit,
                                  "tag " + name + " names a blob (the contents of a file), " + b->second.substr(0, 12) +
                                      ", not a commit"};
        auto it = tags.find(name);
        if (it == tags.end()) return core::GitError{core::GitErrorKind::not_found, "no tag " + name};
        return it->second;
    }
    core::GitResult<core::GitBranch> branch(const std::string& name) override {
        for (const auto& full : {"refs/heads/" + name, "refs/remotes/origin/" + name})
            if (refs.count(full)) return core::GitBranch{name, full, refs[full]};
        return core::GitError{core::GitErrorKind::not_found, "no branch " + name};
    }
    core::GitResult<std::string> resolve_commit(const std::string& rev) override {
        if (commits.count(rev)) return rev;
        return core::GitError{core::GitErrorKind::not_found, "no rev " + rev};
    }
    // All ancestors (inclusive); shallow error when the walk needs a cut parent.
    core::GitResult<std::set<std::string>> ancestors(const std::string& tip, const std::string& stop = "") {
        std::set<std::string> seen;
        std::vector<std::string> todo = {tip};
        while (!todo.empty()) {
            std::string c = todo.back();
            todo.pop_back();
            if (!seen.insert(c).second || c == stop) continue;
            if (cut.count(c)) return core::GitError{core::GitErrorKind::shallow, "cut at " + c.substr(0, 12)};
            for (const auto& p : commits.at(c).parents) todo.push_back(p);
        }
        return seen;
    }
    // As the adapter: found within the history there = true; the cut only
    // matters for "no".
    core::GitResult<bool> is_ancestor(const std::string& a, const std::string& d) override {
        std::set<std::string> seen;
        std::vector<std::string> todo = {d};
        bool cut_met = false;
        while (!todo.empty()) {
            std::string c = todo.back();
            todo.pop_back();
            if (c == a) return true;
            if (!seen.insert(c).second) continue;
            if (cut.count(c)) {
                cut_met = true;
                continue;
            }
            for (const auto& p : commits.at(c).parents) todo.push_back(p);
        }
        if (cut_met) return core::GitError{core::GitErrorKind::shallow, "cut"};
        return false;
    }
    // Common ancestors no other common ancestor reaches (git merge-base --all).
    core::GitResult<std::vector<std::string>> merge_bases(const std::string& a, const std::string& b) override {
        auto sa = ancestors(a);
        if (!sa) return sa.error();
        auto sb = ancestors(b);
        if (!sb) return sb.error();
        std::vector<std::string> common;
        for (const auto& c : *sa)
            if (sb->count(c)) common.push_back(c);
        std::vector<std::string> best;
        for (const auto& c : common) {
            bool below = false;
            for (const auto& o : common)
                if (o != c && ancestors(o)->count(c)) below = true;
            if (!below) best.push_back(c);
        }
        if (best.empty()) return core::GitError{core::GitErrorKind::not_found, "no merge base"};
        return best;
    }
    std::size_t depth(const std::string& c) {
        std::size_t d = 0;
        for (const auto& p : commits[c].parents)
            if (!cut.count(c)) d = std::max(d, depth(p) + 1);
        return d;
    }
    core::GitResult<std::vector<core::GitCommit>> commits_between(const std::vector<std::string>& hide,
                                                                  const std::string& tip, std::size_t limit) override {
        auto st = ancestors(tip);
        if (!st) return st.error();
        std::set<std::string> sb;
        for (const auto& base : hide) {
            auto b = ancestors(base);
            if (!b) return b.error();
            sb.insert(b->begin(), b->end());
        }
        // Newest first, as the libgit2 walk gives them: by depth from the root.
        std::vector<std::string> order;
        for (const auto& c : *st)
            if (!sb.count(c)) order.push_back(c);
        std::stable_sort(order.begin(), order.end(),
                         [&](const std::string& a, const std::string& b) { return depth(a) > depth(b); });
        std::vector<core::GitCommit> out;
        for (const auto& c : order)
            if (out.size() < limit) out.push_back({c, commits[c].summary, commits[c].parents.size()});
        return out;
    }
    core::GitResult<std::vector<std::string>> first_parents(const std::string& tip, std::size_t limit,
                                                            const std::string& stop_at) override {
        std::vector<std::string> out;
        for (std::string c = tip; out.size() < limit;) {
            out.push_back(c);
            if (c == stop_at || commits[c].parents.empty() || cut.count(c)) break;
            c = commits[c].parents[0];
        }
        return out;
    }
    std::set<std::string> patch_ids_asked; // commits whose full patch id was computed
    core::GitResult<std::string> patch_id(const std::string& c) override {
        patch_ids_asked.insert(c);
        return commits.at(c).patch;
    }
    core::GitResult<std::vector<std::string>> touched_among(const std::string& c,
                                                            const std::vector<std::string>& among) override {
        touched_asked.insert(c);
        auto all = touched_paths(c);
        if (!all) return all.error();
        std::vector<std::string> out;
        for (const auto& p : *all)
            if (std::binary_search(among.begin(), among.end(), p)) out.push_back(p);
        return out;
    }
    core::GitResult<std::vector<std::string>> touched_paths(const std::string& c) override {
        const Commit& cm = commits.at(c);
        touched_asked.insert(c);
        std::map<std::string, std::string> before;
        if (!cm.parents.empty()) before = commits.at(cm.parents[0]).files;
        std::vector<std::string> out;
        for (const auto& [k, v] : cm.files)
            if (!before.count(k) || before.at(k) != v) out.push_back(k);
        for (const auto& [k, v] : before)
            if (!cm.files.count(k)) out.push_back(k);
        std::sort(out.begin(), out.end());
        return out;
    }
    core::GitResult<std::vector<core::PathChange>> changed_paths(const std::string& from, const std::string& to) override {
        std::vector<core::PathChange> out;
        auto& a = commits.at(from).files;
        auto& b = commits.at(to).files;
        for (const auto& [k, v] : b)
            if (!a.count(k) || a.at(k) != v) out.push_back({k, v});
        for (const auto& [k, v] : a)
            if (!b.count(k)) out.push_back({k, ""});
        return out;
    }
    core::GitResult<std::string> blob_id(const std::string& c, const std::string& p) override {
        auto& f = commits.at(c).files;
        return f.count(p) ? f.at(p) : std::string();
    }
    core::GitResult<std::string> read_file(const std::string& c, const std::string& p) override {
        auto& f = commits.at(c).files;
        if (!f.count(p)) return core::GitError{core::GitErrorKind::not_found, p};
        return f.at(p);
    }
    core::GitResult<std::string> create_tag(const std::string& name, const std::string& c, const std::string&,
                                            const core::Env&, const std::string&) override {
        add_tag(name, c);
        return tags[name].object;
    }
    core::GitResult<core::PushReport> push(const std::string&, const std::string&, const core::Env&) override {
        return core::PushReport{true, "ok"};
    }
};

} // namespace compuerta::test::release
