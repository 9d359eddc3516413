#pragma once
// Internal to the libgit2 adapter (core/adapters/git_*.cpp): owning handles,
// error mapping and the GitRepo implementation's declaration.
#include "core/ports/git.hpp"

#include <git2.h>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace compuerta::core::git2 {

template <class T, void (*Free)(T*)> struct Deleter {
    void operator()(T* p) const noexcept { Free(p); }
};
template <class T, void (*Free)(T*)> using Handle = std::unique_ptr<T, Deleter<T, Free>>;

using RepoPtr = Handle<git_repository, git_repository_free>;
using RefPtr = Handle<git_reference, git_reference_free>;
using ObjectPtr = Handle<git_object, git_object_free>;
using CommitPtr = Handle<git_commit, git_commit_free>;
using TreePtr = Handle<git_tree, git_tree_free>;
using DiffPtr = Handle<git_diff, git_diff_free>;
using WalkPtr = Handle<git_revwalk, git_revwalk_free>;
using SigPtr = Handle<git_signature, git_signature_free>;
using RemotePtr = Handle<git_remote, git_remote_free>;
using EntryPtr = Handle<git_tree_entry, git_tree_entry_free>;
using BlobPtr = Handle<git_blob, git_blob_free>;

// The last libgit2 error for return code `rc`, prefixed by `context`.
GitError error_from(int rc, const std::string& context);
std::string hex(const git_oid& oid);
// Parses a 40-hex id; false when malformed.
bool parse_oid(const std::string& text, git_oid& out);

class Libgit2Repo final : public GitRepo {
  public:
    Libgit2Repo(RepoPtr repo, std::set<std::string> shallow_roots);

    std::string path() const override;
    bool bare() const override;
    bool shallow() const override { return !m_shallow.empty(); }

    GitResult<std::vector<std::string>> tag_names() override;
    GitResult<GitTag> tag(const std::string& name) override;
    GitResult<GitBranch> branch(const std::string& name) override;
    GitResult<std::string> resolve_commit(const std::string& rev) override;
    GitResult<bool> is_ancestor(const std::string& ancestor, const std::string& descendant) override;
    GitResult<std::vector<std::string>> merge_bases(const std::string& a, const std::string& b) override;
    GitResult<std::vector<GitCommit>> commits_between(const std::vector<std::string>& hide, const std::string& tip,
                                                      std::size_t limit) override;
    GitResult<std::vector<std::string>> first_parents(const std::string& tip, std::size_t limit,
                                                      const std::string& stop_at) override;
    GitResult<std::string> patch_id(const std::string& commit) override;
    GitResult<std::vector<std::string>> touched_paths(const std::string& commit) override;
    GitResult<std::vector<std::string>> touched_among(const std::string& commit,
                                                      const std::vector<std::string>& among) override;
    GitResult<std::vector<PathChange>> changed_paths(const std::string& from, const std::string& to) override;
    GitResult<std::string> blob_id(const std::string& commit, const std::string& path) override;
    GitResult<std::string> read_file(const std::string& commit, const std::string& path) override;
    GitResult<std::string> create_tag(const std::string& name, const std::string& commit, const std::string& message,
                                      const Env& env, const std::string& fallback_name) override;
    GitResult<PushReport> push(const std::string& remote, const std::string& refspec, const Env& env) override;

    git_repository* raw() { return m_repo.get(); }
    // An error reading history: `shallow` in a shallow clone, `corrupt` for a
    // missing object elsewhere, else as libgit2 said.
    GitError history_error(int rc, const std::string& context) const;
    GitResult<CommitPtr> lookup_commit(const std::string& oid);
    // Tree `id`, from the last trees read when it is one of them: walking
    // main's history, a commit's trees are its child's parent trees, and
    // libgit2 does not cache trees over 4 KiB (a directory of ~100 files).
    int lookup_tree(TreePtr& out, const git_oid& id);
    bool is_shallow_root(const git_oid& oid) const { return m_shallow.count(hex(oid)) > 0; }

  private:
    // is_ancestor() in a shallow clone: a walk of the history that is there.
    GitResult<bool> shallow_is_ancestor(const git_oid& ancestor, const git_oid& descendant);
    // The trees of a non-merge commit's first parent (null for a root) and of the commit.
    GitResult<std::pair<TreePtr, TreePtr>> first_parent_trees(git_commit* c, const std::string& commit);

    RepoPtr m_repo;
    std::set<std::string> m_shallow; // commits whose parents a shallow clone cut off
    std::unordered_map<std::string, std::string> m_patch_ids; // commit -> patch id, computed once per run
    std::unordered_map<std::string, std::vector<std::string>> m_touched; // commit -> touched_paths()
    std::vector<std::pair<git_oid, TreePtr>> m_recent_trees;              // ring of the last trees read
    std::size_t m_recent_next = 0;

  public:
    // libgit2 repositories are not for concurrent use: every method holds it.
    std::recursive_mutex mutex;
};

} // namespace compuerta::core::git2
