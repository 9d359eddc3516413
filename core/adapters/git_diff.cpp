// libgit2 adapter: patch ids, tree comparison and file contents.
#include "core/adapters/git_libgit2.hpp"

#include <algorithm>

namespace compuerta::core::git2 {

namespace {

using Guard = std::lock_guard<std::recursive_mutex>;

} // namespace

GitResult<DiffPtr> Libgit2Repo::first_parent_diff(git_commit* c, const std::string& commit) {
    git_tree* t = nullptr;
    if (int rc = git_commit_tree(&t, c); rc < 0) return history_error(rc, "reading tree of " + commit.substr(0, 12));
    TreePtr tree(t);
    TreePtr parent_tree;
    if (git_commit_parentcount(c) == 1) {
        if (is_shallow_root(*git_commit_id(c)))
            return GitError{GitErrorKind::shallow, "parent of " + commit.substr(0, 12) + " is cut by the shallow clone"};
        git_commit* p = nullptr;
        if (int rc = git_commit_parent(&p, c, 0); rc < 0) return history_error(rc, "reading parent");
        CommitPtr parent(p);
        git_tree* pt = nullptr;
        if (int rc = git_commit_tree(&pt, parent.get()); rc < 0) return history_error(rc, "reading parent tree");
        parent_tree.reset(pt);
    }
    git_diff* d = nullptr;
    if (int rc = git_diff_tree_to_tree(&d, m_repo.get(), parent_tree.get(), tree.get(), nullptr); rc < 0)
        return history_error(rc, "diffing " + commit.substr(0, 12));
    return DiffPtr(d);
}

GitResult<std::string> Libgit2Repo::patch_id(const std::string& commit) {
    Guard g(mutex);
    if (auto it = m_patch_ids.find(commit); it != m_patch_ids.end()) return it->second;
    auto c = lookup_commit(commit);
    if (!c) return c.error();
    if (git_commit_parentcount(c->get()) > 1) return std::string();
    auto diff = first_parent_diff(c->get(), commit);
    if (!diff) return diff.error();
    git_oid id;
    if (int rc = git_diff_patchid(&id, diff->get(), nullptr); rc < 0)
        return history_error(rc, "patch id of " + commit.substr(0, 12));
    return m_patch_ids[commit] = hex(id);
}

GitResult<std::vector<std::string>> Libgit2Repo::touched_paths(const std::string& commit) {
    Guard g(mutex);
    auto c = lookup_commit(commit);
    if (!c) return c.error();
    if (git_commit_parentcount(c->get()) > 1) return std::vector<std::string>();
    auto diff = first_parent_diff(c->get(), commit);
    if (!diff) return diff.error();
    std::vector<std::string> out;
    for (std::size_t i = 0, n = git_diff_num_deltas(diff->get()); i < n; ++i) {
        const git_diff_delta* delta = git_diff_get_delta(diff->get(), i);
        out.emplace_back(delta->status == GIT_DELTA_DELETED ? delta->old_file.path : delta->new_file.path);
    }
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
    if (int rc = git_commit_tree(&ta, a->get()); rc < 0) return history_error(rc, "reading tree");
    TreePtr tree_a(ta);
    if (int rc = git_commit_tree(&tb, b->get()); rc < 0) return history_error(rc, "reading tree");
    TreePtr tree_b(tb);
    git_diff* d = nullptr;
    if (int rc = git_diff_tree_to_tree(&d, m_repo.get(), tree_a.get(), tree_b.get(), nullptr); rc < 0)
        return history_error(rc, "diffing trees");
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
    if (int rc = git_commit_tree(&t, c->get()); rc < 0) return history_error(rc, "reading tree");
    TreePtr tree(t);
    git_tree_entry* e = nullptr;
    int rc = git_tree_entry_bypath(&e, tree.get(), path.c_str());
    if (rc == GIT_ENOTFOUND) return std::string();
    if (rc < 0) return history_error(rc, "reading " + path);
    EntryPtr entry(e);
    return hex(*git_tree_entry_id(entry.get()));
}

GitResult<std::string> Libgit2Repo::read_file(const std::string& commit, const std::string& path) {
    Guard g(mutex);
    auto id = blob_id(commit, path);
    if (!id) return id.error();
    if (id->empty()) return GitError{GitErrorKind::not_found, path + " not found in commit " + commit.substr(0, 12)};
    git_oid oid;
    parse_oid(*id, oid);
    git_blob* b = nullptr;
    if (int rc = git_blob_lookup(&b, m_repo.get(), &oid); rc < 0)
        return history_error(rc, path + " in " + commit.substr(0, 12) + " is not a file");
    BlobPtr blob(b);
    const char* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
    return std::string(data, static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

} // namespace compuerta::core::git2
