#pragma once
// A git repository as the release gate and `compuerta tag` see it. Adapter:
// core/adapters/git_*.cpp (libgit2); unit tests use a fake. Object ids are
// 40-hex strings. Every method returns its failure as a GitError value; none
// throws for repository problems.
#include "core/ports/env.hpp"
#include "core/result.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace compuerta::core {

enum class GitErrorKind {
    not_found,        // the tag, branch, revision or path does not exist
    not_a_repository, // the directory is not (inside) a git repository
    owner,            // owned by another user (libgit2's safe.directory validation)
    corrupt,          // an object cannot be read or parsed
    shallow,          // the answer lies beyond a shallow clone's cut
    rejected,         // the remote refused a pushed reference
    not_a_commit,     // an annotated tag names a blob or a tree, not a commit
    other             // anything else (I/O, network, authentication)
};

struct GitError {
    GitErrorKind kind = GitErrorKind::other;
    std::string message; // what failed and where; the caller adds what to do
};

template <class T> using GitResult = Result<T, GitError>;

struct GitTag {
    std::string name;   // "v2.3.0"
    std::string object; // the tag object (annotated) or the commit (lightweight)
    std::string commit; // the commit it peels to
    bool annotated = false;
    std::string message; // annotated only
    std::string tagger;  // "Name <email>", annotated only
};

struct GitBranch {
    std::string name;   // as asked: "main"
    std::string ref;    // what it resolved to: "refs/heads/main", "refs/remotes/origin/main"
    std::string commit;
};

struct GitCommit {
    std::string oid;
    std::string summary;    // first line of the message
    std::size_t parents = 0;
};

struct PathChange {
    std::string path;
    std::string blob; // id on the new side, "" when the path was deleted
};

struct PushReport {
    bool ok = false;
    std::string message; // the remote's status for the ref, or the error
};

class GitRepo {
  public:
    virtual ~GitRepo() = default;

    virtual std::string path() const = 0; // the repository's git directory
    virtual bool bare() const = 0;
    virtual bool shallow() const = 0;

    // Names of every tag (without refs/tags/).
    virtual GitResult<std::vector<std::string>> tag_names() = 0;
    // The tag `name`; not_found when it does not exist, not_a_commit (with a
    // sentence naming what it points at) when it names a blob or a tree.
    virtual GitResult<GitTag> tag(const std::string& name) = 0;
    // A branch by name: refs/heads/NAME, else refs/remotes/origin/NAME, else
    // any refs/remotes/*/NAME, else a full ref name; not_found lists nothing.
    virtual GitResult<GitBranch> branch(const std::string& name) = 0;
    // Any revision (`git rev-parse REV^{commit}`).
    virtual GitResult<std::string> resolve_commit(const std::string& rev) = 0;
    // True when `ancestor` is `descendant` or reachable from it. In a shallow
    // clone the history that is there decides when it can: found = true, walk
    // ended without meeting the cut = false; shallow only when the cut hides it.
    virtual GitResult<bool> is_ancestor(const std::string& ancestor, const std::string& descendant) = 0;
    // The best common ancestors (`git merge-base --all`), the one git
    // merge-base names first; not_found when there is none, shallow when cut.
    // Every commit both reach is reachable from one of them, so hiding them
    // is hiding the other side (and a walk needs not go down that side).
    virtual GitResult<std::vector<std::string>> merge_bases(const std::string& a, const std::string& b) = 0;
    // Commits reachable from `tip` and from none of `hide` (`git log ^H.. tip`),
    // newest first, at most `limit`; `hide` empty: all of tip's history.
    virtual GitResult<std::vector<GitCommit>> commits_between(const std::vector<std::string>& hide,
                                                              const std::string& tip, std::size_t limit) = 0;
    // `tip` and its first parents, newest first, at most `limit`, ending with
    // `stop_at` when met ("" = never); stops early at the cut of a shallow
    // clone (check shallow()).
    virtual GitResult<std::vector<std::string>> first_parents(const std::string& tip, std::size_t limit,
                                                              const std::string& stop_at) = 0;
    // The stable patch id of a commit's change against its first parent
    // (`git patch-id --stable`); "" for merges and root commits.
    virtual GitResult<std::string> patch_id(const std::string& commit) = 0;
    // Paths a commit changes against its first parent (every path for a root
    // commit; a merge against its first parent too), sorted. Cheap next to
    // patch_id(): it compares trees only, the way git cherry screens commits
    // before a full patch id.
    virtual GitResult<std::vector<std::string>> touched_paths(const std::string& commit) = 0;
    // Which of `among` (sorted) a commit changes against its first parent:
    // touched_paths() narrowed to those paths, reading only the subtrees on
    // the way to them (a merge's whole change is never listed). Sorted.
    virtual GitResult<std::vector<std::string>> touched_among(const std::string& commit,
                                                              const std::vector<std::string>& among) = 0;
    // Paths that differ between two commits' trees, with the blob on `to`'s side.
    virtual GitResult<std::vector<PathChange>> changed_paths(const std::string& from, const std::string& to) = 0;
    // Blob id of `path` in `commit`'s tree, "" when absent.
    virtual GitResult<std::string> blob_id(const std::string& commit, const std::string& path) = 0;
    // Contents of `path` in `commit`'s tree; not_found when absent.
    virtual GitResult<std::string> read_file(const std::string& commit, const std::string& path) = 0;

    // Creates the annotated tag `name` on `commit`; the tagger is git's
    // configured identity, else GIT_COMMITTER_NAME/EMAIL from `env`, else
    // `fallback_name` <fallback_name@localhost>. Returns the tag object id;
    // fails when the tag exists.
    virtual GitResult<std::string> create_tag(const std::string& name, const std::string& commit,
                                              const std::string& message, const Env& env,
                                              const std::string& fallback_name) = 0;
    // Pushes `refspec` to `remote` (a configured remote name or a URL/path).
    // Credentials: ssh-agent, or COMPUERTA_GIT_USERNAME/COMPUERTA_GIT_PASSWORD
    // (CI_JOB_TOKEN as gitlab-ci-token) from `env`. A refused ref is ok=false.
    virtual GitResult<PushReport> push(const std::string& remote, const std::string& refspec, const Env& env) = 0;
};

// Opens the repository at or above `dir` (bare or not). Errors:
// not_a_repository, owner (with safe.directory advice), other.
GitResult<std::unique_ptr<GitRepo>> open_git_repo(const std::string& dir);

} // namespace compuerta::core
