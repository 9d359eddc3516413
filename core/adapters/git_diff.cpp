// libgit2 adapter: patch ids, tree comparison and file contents.
#include "core/messages/catalog.hpp"
#include "core/adapters/git_libgit2.hpp"

#include <algorithm>
#include <iterator>

namespace compuerta::core::git2 {

namespace {

using Guard = std::lock_guard<std::recursive_mutex>;

bool is_tree(const git_tree_entry* e) { return git_tree_entry_type(e) == GIT_OBJECT_TREE; }

// Appends the paths whose entries differ between trees `a` and `b` (either
// may be null: every path of the other), walking both in git's entry order
// and descending only into subtrees whose ids differ: names only, no file
// contents, no diff machinery, as git cherry screens commits.
// `among` (sorted, may be null: every path) narrows it: a file is listed only
// when it is one of them, a subtree is read only when one lies beneath it.
bool wanted(const std::vector<std::string>* among, const std::string& path, bool as_dir) {
    if (among == nullptr) return true;
    if (!as_dir) return std::binary_search(among->begin(), among->end(), path);
    std::string dir = path + "/";
    auto it = std::lower_bound(among->begin(), among->end(), dir);
    return it != among->end() && it->compare(0, dir.size(), dir) == 0;
}

int tree_paths(Libgit2Repo& repo, const git_tree* a, const git_tree* b, const std::string& prefix,
               std::vector<std::string>& out, const std::vector<std::string>* among = nullptr) {
    std::size_t na = a != nullptr ? git_tree_entrycount(a) : 0;
    std::size_t nb = b != nullptr ? git_tree_entrycount(b) : 0;
    auto subtree = [&](const git_tree_entry* e, TreePtr& holder) -> int {
        if (e == nullptr || !is_tree(e)) return 0;
        return repo.lookup_tree(holder, *git_tree_entry_id(e));
    };
    for (std::size_t i = 0, j = 0; i < na || j < nb;) {
        const git_tree_entry* ea = i < na ? git_tree_entry_byindex(a, i) : nullptr;
        const git_tree_entry* eb = j < nb ? git_tree_entry_byindex(b, j) : nullptr;
        int cmp = ea == nullptr ? 1 : eb == nullptr ? -1 : git_tree_entry_cmp(ea, eb);
        if (cmp < 0) eb = nullptr;
        if (cmp > 0) ea = nullptr;
        i += ea != nullptr ? 1 : 0;
        j += eb != nullptr ? 1 : 0;
        if (ea != nullptr && eb != nullptr && git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)) &&
            git_tree_entry_filemode(ea) == git_tree_entry_filemode(eb))
            continue;
        const git_tree_entry* named = ea != nullptr ? ea : eb;
        std::string path = prefix + git_tree_entry_name(named);
        // A file on either side is one changed path; trees are walked.
        if (((ea != nullptr && !is_tree(ea)) || (eb != nullptr && !is_tree(eb))) && wanted(among, path, false))
            out.push_back(path);
        if (!((ea != nullptr && is_tree(ea)) || (eb != nullptr && is_tree(eb))) || !wanted(among, path, true))
            continue;
        TreePtr ta;
        TreePtr tb;
        if (int rc = subtree(ea, ta); rc < 0) return rc;
        if (int rc = subtree(eb, tb); rc < 0) return rc;
        if (ta || tb)
            if (int rc = tree_paths(repo, ta.get(), tb.get(), path + "/", out, among); rc < 0) return rc;
    }
    return 0;
}

constexpr std::size_t k_recent_trees = 16;

} // namespace

int Libgit2Repo::lookup_tree(TreePtr& out, const git_oid& id) {
    for (auto& [oid, tree] : m_recent_trees) {
        if (!git_oid_equal(&oid, &id)) continue;
        git_object* dup = nullptr;
        int rc = git_object_dup(&dup, reinterpret_cast<git_object*>(tree.get()));
        out.reset(reinterpret_cast<git_tree*>(dup));
        return rc;
    }
    git_tree* t = nullptr;
    if (int rc = git_tree_lookup(&t, m_repo.get(), &id); rc < 0) return rc;
    out.reset(t);
    git_object* dup = nullptr;
    if (git_object_dup(&dup, reinterpret_cast<git_object*>(t)) < 0) return 0; // not kept; the caller has it
    std::pair<git_oid, TreePtr> entry{id, TreePtr(reinterpret_cast<git_tree*>(dup))};
    if (m_recent_trees.size() < k_recent_trees) m_recent_trees.push_back(std::move(entry));
    else m_recent_trees[m_recent_next] = std::move(entry);
    m_recent_next = (m_recent_next + 1) % k_recent_trees;
    return 0;
}

GitResult<std::pair<TreePtr, TreePtr>> Libgit2Repo::first_parent_trees(git_commit* c, const std::string& commit) {
    std::pair<TreePtr, TreePtr> out;
    if (int rc = lookup_tree(out.second, *git_commit_tree_id(c)); rc < 0)
        return history_error(rc, msg::tr("git.ctx.tree_of", {{"commit", commit.substr(0, 12)}}));
    if (git_commit_parentcount(c) >= 1) {
        if (is_shallow_root(*git_commit_id(c)))
            return GitError{GitErrorKind::shallow,
                            msg::tr("git.shallow_parent", {{"commit", commit.substr(0, 12)}})};
        git_commit* p = nullptr;
        if (int rc = git_commit_parent(&p, c, 0); rc < 0) return history_error(rc, msg::tr("git.ctx.parent"));
        CommitPtr parent(p);
        if (int rc = lookup_tree(out.first, *git_commit_tree_id(parent.get())); rc < 0)
            return history_error(rc, msg::tr("git.ctx.parent_tree"));
    }
    return out;
}

GitResult<std::string> Libgit2Repo::patch_id(const std::string& commit) {
    Guard g(mutex);
    if (auto it = m_patch_ids.find(commit); it != m_patch_ids.end()) return it->second;
    auto c = lookup_commit(commit);
    if (!c) return c.error();
    if (git_commit_parentcount(c->get()) > 1) return std::string();
    auto trees = first_parent_trees(c->get(), commit);
    if (!trees) return trees.error();
    // The diff is limited to the paths the commit touched (known from the
    // cheap tree comparison): libgit2 then skips every other subtree instead
    // of walking the whole tree, which on a real history was most of the cost.
    auto touched = touched_paths(commit);
    if (!touched) return touched.error();
    std::vector<char*> paths;
    for (auto& p : *touched) paths.push_back(p.data());
    git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
    opts.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
    opts.pathspec.strings = paths.data();
    opts.pathspec.count = paths.size();
    git_diff* d = nullptr;
    if (int rc = git_diff_tree_to_tree(&d, m_repo.get(), trees->first.get(), trees->second.get(), &opts); rc < 0)
        return history_error(rc, "diffing " + commit.substr(0, 12));
    DiffPtr diff(d);
    git_oid id;
    if (int rc = git_diff_patchid(&id, diff.get(), nullptr); rc < 0)
        return history_error(rc, msg::tr("git.ctx.patch_id", {{"commit", commit.substr(0, 12)}}));
    return m_patch_ids[commit] = hex(id);
}

GitResult<std::vector<std::string>> Libgit2Repo::touched_paths(const std::string& commit) {
    Guard g(mutex);
    if (auto it = m_touched.find(commit); it != m_touched.end()) return it->second;
    auto c = lookup_commit(commit);
    if (!c) return c.error();
    auto trees = first_parent_trees(c->get(), commit);
    if (!trees) return trees.error();
    std::vector<std::string> out;
    if (int rc = tree_paths(*this, trees->first.get(), trees->second.get(), "", out); rc < 0)
        return history_error(rc, msg::tr("git.ctx.comparing", {{"commit", commit.substr(0, 12)}}));
    std::sort(out.begin(), out.end());
    return m_touched[commit] = std::move(out);
}

GitResult<std::vector<std::string>> Libgit2Repo::touched_among(const std::string& commit,
                                                              const std::vector<std::string>& among) {
    Guard g(mutex);
    if (auto it = m_touched.find(commit); it != m_touched.end()) {
        std::vector<std::string> out;
        std::set_intersection(it->second.begin(), it->second.end(), among.begin(), among.end(),
                              std::back_inserter(out));
        return out;
    }
    auto c = lookup_commit(commit);
    if (!c) return c.error();
    auto trees = first_parent_trees(c->get(), commit);
    if (!trees) return trees.error();
    std::vector<std::string> out;
    if (int rc = tree_paths(*this, trees->first.get(), trees->second.get(), "", out, &among); rc < 0)
        return history_error(rc, msg::tr("git.ctx.comparing", {{"commit", commit.substr(0, 12)}}));
    std::sort(out.begin(), out.end());
    return out;
}

GitResult<std::vector<PathChange>> Libgit2Repo::changed_paths(const std::string& from, const std::string& to) {
    Guard g(mutex);
    auto a = lookup_commit(from);
    if (!a) return a.error();
    auto b = lookup_commit(to);
    if (!b) return b.error();
    git_tree* ta = nullptr;
    git_tree* tb = nullptr;
    if (int rc = git_commit_tree(&ta, a->get()); rc < 0) return history_error(rc, msg::tr("git.ctx.tree"));
    TreePtr tree_a(ta);
    if (int rc = git_commit_tree(&tb, b->get()); rc < 0) return history_error(rc, msg::tr("git.ctx.tree"));
    TreePtr tree_b(tb);
    git_diff* d = nullptr;
    if (int rc = git_diff_tree_to_tree(&d, m_repo.get(), tree_a.get(), tree_b.get(), nullptr); rc < 0)
        return history_error(rc, msg::tr("git.ctx.diffing"));
    DiffPtr diff(d);
    std::vector<PathChange> out;
    for (std::size_t i = 0, n = git_diff_num_deltas(diff.get()); i < n; ++i) {
        const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
        if (delta->status == GIT_DELTA_DELETED) out.push_back({delta->old_file.path, ""});
        else out.push_back({delta->new_file.path, hex(delta->new_file.id)});
    }
    return out;
}

GitResult<std::string> Libgit2Repo::blob_id(const std::string& commit, const std::string& path) {
    Guard g(mutex);
    auto c = lookup_commit(commit);
    if (!c) return c.error();
    git_tree* t = nullptr;
    if (int rc = git_commit_tree(&t, c->get()); rc < 0) return history_error(rc, msg::tr("git.ctx.tree"));
    TreePtr tree(t);
    git_tree_entry* e = nullptr;
    int rc = git_tree_entry_bypath(&e, tree.get(), path.c_str());
    if (rc == GIT_ENOTFOUND) return std::string();
    if (rc < 0) return history_error(rc, msg::tr("git.ctx.reading_path", {{"path", path}}));
    EntryPtr entry(e);
    return hex(*git_tree_entry_id(entry.get()));
}

GitResult<std::string> Libgit2Repo::read_file(const std::string& commit, const std::string& path) {
    Guard g(mutex);
    auto id = blob_id(commit, path);
    if (!id) return id.error();
    if (id->empty()) return GitError{GitErrorKind::not_found, msg::tr("git.path_not_found", {{"path", path}, {"commit", commit.substr(0, 12)}})};
    git_oid oid;
    parse_oid(*id, oid);
    git_blob* b = nullptr;
    if (int rc = git_blob_lookup(&b, m_repo.get(), &oid); rc < 0)
        return history_error(rc, msg::tr("git.ctx.not_a_file", {{"path", path}, {"commit", commit.substr(0, 12)}}));
    BlobPtr blob(b);
    const char* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
    return std::string(data, static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

} // namespace compuerta::core::git2
