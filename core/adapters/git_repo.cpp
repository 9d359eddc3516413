// libgit2 adapter: opening, references, tags and ancestry.
#include "core/messages/catalog.hpp"
#include "core/adapters/git_libgit2.hpp"

#include <git2/sys/odb_backend.h>
#include <git2/sys/repository.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace compuerta::core {

namespace git2 {

namespace {

struct Init {
    Init() {
        git_libgit2_init();
        // Reads are not re-hashed (git itself checks hashes in fsck, not on
        // every read): on a 30,000-commit history, re-hashing every tree was a
        // third of the release gate's time.
        git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    }
    ~Init() { git_libgit2_shutdown(); } // frees libgit2's global and thread state at exit
};

void ensure_init() { static Init once; }

using Guard = std::lock_guard<std::recursive_mutex>;

// Commits listed in GITDIR/shallow: libgit2 1.5 has no grafts, so their
// parents are simply missing.
std::set<std::string> read_shallow(git_repository* repo) {
    std::set<std::string> out;
    std::ifstream in(std::filesystem::path(git_repository_commondir(repo)) / "shallow");
    std::string line;
    while (std::getline(in, line))
        if (line.size() >= 40) out.insert(line.substr(0, 40));
    return out;
}

// libgit2 1.5 reports a repository owned by another user as "not found"
// when safe.directory is unset: look for the repository ourselves.
std::optional<std::string> foreign_owner(const std::string& dir) {
    std::error_code ec;
    for (auto p = std::filesystem::absolute(dir, ec); !ec && !p.empty(); p = p.parent_path()) {
        std::filesystem::path candidates[] = {p / ".git", p};
        for (const auto& c : candidates) {
            struct stat st {};
            bool repo = std::filesystem::exists(c / "HEAD", ec) && std::filesystem::exists(c / "objects", ec);
            if (repo && ::stat(c.c_str(), &st) == 0 && st.st_uid != ::geteuid())
                return msg::tr("git.owner", {{"path", c.string()}, {"owner", st.st_uid}, {"me", ::geteuid()}});
            if (repo) return std::nullopt;
        }
        if (p == p.parent_path()) break;
    }
    return std::nullopt;
}

// libgit2 1.5 verifies a commit-graph file on first use (about 50 ms for
// 100,000 commits) and its ancestry walks gain nothing from it (measured:
// scripts/bench/release-gate.sh), so the object database is assembled
// without one: loose and packed objects, plus the alternates.
int use_odb_without_commit_graph(git_repository* repo) {
    std::filesystem::path objects = std::filesystem::path(git_repository_commondir(repo)) / "objects";
    git_odb* raw = nullptr;
    if (int rc = git_odb_new(&raw); rc < 0) return rc;
    Handle<git_odb, git_odb_free> odb(raw);
    git_odb_backend* packed = nullptr;
    git_odb_backend* loose = nullptr;
    if (int rc = git_odb_backend_pack(&packed, objects.c_str()); rc < 0) return rc;
    if (int rc = git_odb_add_backend(odb.get(), packed, 2); rc < 0) return rc;
    if (int rc = git_odb_backend_loose(&loose, objects.c_str(), -1, 0, 0, 0); rc < 0) return rc;
    if (int rc = git_odb_add_backend(odb.get(), loose, 1); rc < 0) return rc;
    std::ifstream in(objects / "info" / "alternates");
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::filesystem::path alt = line;
        if (alt.is_relative()) alt = objects / alt;
        if (int rc = git_odb_add_disk_alternate(odb.get(), alt.c_str()); rc < 0) return rc;
    }
    git_repository_set_odb(repo, odb.get());
    return 0;
}

// An annotated tag whose chain ends at a blob or a tree (git.git's
// junio-gpg-pub names a blob holding a public key).
GitError not_a_commit(git_object* tag_object, const std::string& name) {
    std::string what = msg::tr("git.object.other");
    git_object* target = nullptr;
    if (git_object_type(tag_object) == GIT_OBJECT_TAG &&
        git_tag_peel(&target, reinterpret_cast<git_tag*>(tag_object)) == 0) {
        git_object_t t = git_object_type(target);
        if (t == GIT_OBJECT_BLOB)
            what = msg::tr("git.object.blob", {{"id", hex(*git_object_id(target)).substr(0, 12)}});
        else if (t == GIT_OBJECT_TREE)
            what = msg::tr("git.object.tree", {{"id", hex(*git_object_id(target)).substr(0, 12)}});
        git_object_free(target);
    }
    return GitError{GitErrorKind::not_a_commit, msg::tr("git.tag_not_commit", {{"tag", name}, {"what", what}})};
}

} // namespace

std::string hex(const git_oid& oid) {
    char buf[GIT_OID_HEXSZ + 1];
    git_oid_tostr(buf, sizeof buf, &oid);
    return buf;
}

bool parse_oid(const std::string& text, git_oid& out) {
    return text.size() == GIT_OID_HEXSZ && git_oid_fromstr(&out, text.c_str()) == 0;
}

GitError error_from(int rc, const std::string& context) {
    const git_error* e = git_error_last();
    std::string msg = e != nullptr && e->message != nullptr ? e->message : msg::tr("git.libgit2_error", {{"code", rc}});
    GitError err{GitErrorKind::other, context + ": " + msg};
    if (rc == GIT_ENOTFOUND) err.kind = GitErrorKind::not_found;
    else if (rc == GIT_EOWNER) err.kind = GitErrorKind::owner;
    else if (e != nullptr && (e->klass == GIT_ERROR_ZLIB || e->klass == GIT_ERROR_ODB || e->klass == GIT_ERROR_OBJECT))
        err.kind = GitErrorKind::corrupt;
    return err;
}

Libgit2Repo::Libgit2Repo(RepoPtr repo, std::set<std::string> shallow_roots)
    : m_repo(std::move(repo)), m_shallow(std::move(shallow_roots)) {}

std::string Libgit2Repo::path() const { return git_repository_path(m_repo.get()); }
bool Libgit2Repo::bare() const { return git_repository_is_bare(m_repo.get()) == 1; }

GitError Libgit2Repo::history_error(int rc, const std::string& context) const {
    GitError e = error_from(rc, context);
    if (shallow() && (e.kind == GitErrorKind::not_found || e.kind == GitErrorKind::corrupt))
        e.kind = GitErrorKind::shallow;
    else if (e.kind == GitErrorKind::not_found)
        e.kind = GitErrorKind::corrupt; // a missing object in a complete clone
    return e;
}

GitResult<CommitPtr> Libgit2Repo::lookup_commit(const std::string& oid) {
    git_oid id;
    if (!parse_oid(oid, id)) return GitError{GitErrorKind::not_found, msg::tr("git.not_commit_id", {{"id", oid}})};
    git_commit* c = nullptr;
    if (int rc = git_commit_lookup(&c, m_repo.get(), &id); rc < 0)
        return history_error(rc, msg::tr("git.ctx.reading_commit", {{"commit", oid.substr(0, 12)}}));
    return CommitPtr(c);
}

GitResult<std::vector<std::string>> Libgit2Repo::tag_names() {
    Guard g(mutex);
    // Names only: git_tag_list would look every reference up again.
    git_reference_iterator* it = nullptr;
    if (int rc = git_reference_iterator_glob_new(&it, m_repo.get(), "refs/tags/*"); rc < 0)
        return error_from(rc, msg::tr("git.ctx.listing_tags"));
    std::vector<std::string> out;
    const char* name = nullptr;
    int rc = 0;
    while ((rc = git_reference_next_name(&name, it)) == 0) out.emplace_back(name + 10); // past "refs/tags/"
    git_reference_iterator_free(it);
    if (rc != GIT_ITEROVER) return error_from(rc, msg::tr("git.ctx.listing_tags"));
    return out;
}

GitResult<GitTag> Libgit2Repo::tag(const std::string& name) {
    Guard g(mutex);
    git_reference* r = nullptr;
    if (int rc = git_reference_lookup(&r, m_repo.get(), ("refs/tags/" + name).c_str()); rc < 0) {
        GitError e = error_from(rc, msg::tr("git.ctx.tag", {{"tag", name}}));
        if (rc == GIT_EINVALIDSPEC) e.kind = GitErrorKind::not_found;
        return e;
    }
    RefPtr ref(r);
    git_reference* resolved = nullptr;
    if (int rc = git_reference_resolve(&resolved, ref.get()); rc < 0)
        return history_error(rc, msg::tr("git.ctx.resolving_tag", {{"tag", name}}));
    RefPtr direct(resolved);
    GitTag t;
    t.name = name;
    const git_oid* target = git_reference_target(direct.get());
    t.object = hex(*target);
    git_object* o = nullptr;
    if (int rc = git_object_lookup(&o, m_repo.get(), target, GIT_OBJECT_ANY); rc < 0)
        return history_error(rc, msg::tr("git.ctx.reading_tag", {{"tag", name}}));
    ObjectPtr obj(o);
    if (git_object_type(obj.get()) == GIT_OBJECT_TAG) {
        auto* tg = reinterpret_cast<git_tag*>(obj.get());
        t.annotated = true;
        t.message = git_tag_message(tg) != nullptr ? git_tag_message(tg) : "";
        if (const git_signature* s = git_tag_tagger(tg))
            t.tagger = std::string(s->name) + " <" + s->email + ">";
    }
    git_object* peeled = nullptr;
    if (int rc = git_object_peel(&peeled, obj.get(), GIT_OBJECT_COMMIT); rc < 0) {
        if (rc == GIT_EINVALIDSPEC || rc == GIT_EPEEL) return not_a_commit(obj.get(), name);
        return history_error(rc, msg::tr("git.ctx.tag_not_commit", {{"tag", name}}));
    }
    t.commit = hex(*git_object_id(peeled));
    git_object_free(peeled);
    return t;
}

GitResult<GitBranch> Libgit2Repo::branch(const std::string& name) {
    Guard g(mutex);
    std::vector<std::string> candidates = {"refs/heads/" + name, "refs/remotes/origin/" + name};
    git_reference_iterator* it = nullptr;
    if (git_reference_iterator_glob_new(&it, m_repo.get(), ("refs/remotes/*/" + name).c_str()) == 0) {
        const char* ref_name = nullptr;
        while (git_reference_next_name(&ref_name, it) == 0) candidates.emplace_back(ref_name);
        git_reference_iterator_free(it);
    }
    candidates.push_back("refs/remotes/" + name);
    candidates.push_back(name);
    for (const auto& c : candidates) {
        git_reference* r = nullptr;
        if (git_reference_lookup(&r, m_repo.get(), c.c_str()) < 0) continue;
        RefPtr ref(r);
        git_object* peeled = nullptr;
        if (int rc = git_reference_peel(&peeled, ref.get(), GIT_OBJECT_COMMIT); rc < 0)
            return history_error(rc, msg::tr("git.ctx.resolving", {{"ref", c}}));
        GitBranch b{name, c, hex(*git_object_id(peeled))};
        git_object_free(peeled);
        return b;
    }
    return GitError{GitErrorKind::not_found, msg::tr("git.branch_not_found", {{"branch", name}})};
}

GitResult<std::string> Libgit2Repo::resolve_commit(const std::string& rev) {
    Guard g(mutex);
    git_object* o = nullptr;
    if (int rc = git_revparse_single(&o, m_repo.get(), (rev + "^{commit}").c_str()); rc < 0) {
        GitError e = error_from(rc, msg::tr("git.ctx.revision", {{"rev", rev}}));
        if (rc == GIT_EINVALIDSPEC || rc == GIT_EAMBIGUOUS || rc == GIT_EPEEL) e.kind = GitErrorKind::not_found;
        return e;
    }
    std::string out = hex(*git_object_id(o));
    git_object_free(o);
    return out;
}

GitResult<bool> Libgit2Repo::is_ancestor(const std::string& ancestor, const std::string& descendant) {
    Guard g(mutex);
    if (ancestor == descendant) return true;
    git_oid a;
    git_oid d;
    if (!parse_oid(ancestor, a) || !parse_oid(descendant, d))
        return GitError{GitErrorKind::other, msg::tr("git.malformed_id", {{"function", "is_ancestor"}})};
    if (shallow()) return shallow_is_ancestor(a, d);
    int rc = git_graph_descendant_of(m_repo.get(), &d, &a);
    if (rc < 0) return history_error(rc, msg::tr("git.ctx.walking_from", {{"commit", descendant.substr(0, 12)}}));
    return rc == 1;
}

GitResult<bool> Libgit2Repo::shallow_is_ancestor(const git_oid& a, const git_oid& d) {
    // libgit2 1.5 knows no grafts: its own walks fail on the parents a shallow
    // clone left out. Walk what is there; the cut only matters when the
    // answer is "no".
    std::set<std::string> seen;
    std::vector<git_oid> todo = {d};
    std::string cut;
    while (!todo.empty()) {
        git_oid cur = todo.back();
        todo.pop_back();
        if (git_oid_equal(&cur, &a)) return true;
        if (!seen.insert(hex(cur)).second) continue;
        if (is_shallow_root(cur)) {
            if (cut.empty()) cut = hex(cur);
            continue;
        }
        git_commit* c = nullptr;
        if (int rc = git_commit_lookup(&c, m_repo.get(), &cur); rc < 0) {
            if (rc != GIT_ENOTFOUND) return history_error(rc, msg::tr("git.ctx.walking_from", {{"commit", hex(d).substr(0, 12)}}));
            if (cut.empty()) cut = hex(cur); // a parent the clone does not have
            continue;
        }
        CommitPtr commit(c);
        for (unsigned i = 0, n = git_commit_parentcount(c); i < n; ++i) todo.push_back(*git_commit_parent_id(c, i));
    }
    if (cut.empty()) return false;
    return GitError{GitErrorKind::shallow, msg::tr("git.shallow_ancestor", {{"descendant", hex(d).substr(0, 12)},
                                                                            {"ancestor", hex(a).substr(0, 12)},
                                                                            {"cut", cut.substr(0, 12)}})};
}

GitResult<std::vector<std::string>> Libgit2Repo::merge_bases(const std::string& a, const std::string& b) {
    Guard g(mutex);
    git_oid x;
    git_oid y;
    if (!parse_oid(a, x) || !parse_oid(b, y)) return GitError{GitErrorKind::other, msg::tr("git.malformed_id", {{"function", "merge_bases"}})};
    git_oidarray found{};
    int rc = git_merge_bases(&found, m_repo.get(), &x, &y);
    if (rc == GIT_ENOTFOUND) {
        if (shallow())
            return GitError{GitErrorKind::shallow,
                            msg::tr("git.no_common_shallow", {{"a", a.substr(0, 12)}, {"b", b.substr(0, 12)}})};
        return GitError{GitErrorKind::not_found,
                        msg::tr("git.no_common", {{"a", a.substr(0, 12)}, {"b", b.substr(0, 12)}})};
    }
    if (rc < 0) return history_error(rc, msg::tr("git.ctx.merge_base"));
    std::vector<std::string> out;
    for (std::size_t i = 0; i < found.count; ++i) out.push_back(hex(found.ids[i]));
    git_oidarray_dispose(&found);
    return out;
}

GitResult<std::vector<GitCommit>> Libgit2Repo::commits_between(const std::vector<std::string>& hide,
                                                               const std::string& tip, std::size_t limit) {
    Guard g(mutex);
    git_oid t;
    if (!parse_oid(tip, t)) return GitError{GitErrorKind::other, msg::tr("git.malformed_id", {{"function", "commits_between"}})};
    git_revwalk* w = nullptr;
    if (int e = git_revwalk_new(&w, m_repo.get()); e < 0) return error_from(e, msg::tr("git.ctx.walking"));
    WalkPtr walk(w);
    git_revwalk_sorting(walk.get(), GIT_SORT_TIME);
    if (int e = git_revwalk_push(walk.get(), &t); e < 0) return history_error(e, msg::tr("git.ctx.walking"));
    for (const auto& h : hide) {
        git_oid b;
        if (!parse_oid(h, b)) return GitError{GitErrorKind::other, msg::tr("git.malformed_id", {{"function", "commits_between"}})};
        if (int e = git_revwalk_hide(walk.get(), &b); e < 0) return history_error(e, msg::tr("git.ctx.walking"));
    }
    std::vector<GitCommit> out;
    git_oid next;
    int rc = 0;
    while (out.size() < limit && (rc = git_revwalk_next(&next, walk.get())) == 0) {
        if (!hide.empty() && is_shallow_root(next))
            return GitError{GitErrorKind::shallow, msg::tr("git.shallow_between", {{"from", hide.front().substr(0, 12)},
                                                                               {"to", tip.substr(0, 12)},
                                                                               {"cut", hex(next).substr(0, 12)}})};
        git_commit* c = nullptr;
        if (int e = git_commit_lookup(&c, m_repo.get(), &next); e < 0) return history_error(e, msg::tr("git.ctx.reading_commit_any"));
        CommitPtr commit(c);
        const char* summary = git_commit_summary(c);
        out.push_back({hex(next), summary != nullptr ? summary : "", git_commit_parentcount(c)});
    }
    if (rc < 0 && rc != GIT_ITEROVER) return history_error(rc, msg::tr("git.ctx.walking"));
    return out;
}

GitResult<std::vector<std::string>> Libgit2Repo::first_parents(const std::string& tip, std::size_t limit,
                                                              const std::string& stop_at) {
    Guard g(mutex);
    std::vector<std::string> out;
    std::string cur = tip;
    while (out.size() < limit) {
        auto c = lookup_commit(cur);
        if (!c) return c.error();
        out.push_back(cur);
        if (cur == stop_at || git_commit_parentcount(c->get()) == 0 || m_shallow.count(cur) > 0) break;
        cur = hex(*git_commit_parent_id(c->get(), 0));
    }
    return out;
}

} // namespace git2

GitResult<std::unique_ptr<GitRepo>> open_git_repo(const std::string& dir) {
    git2::ensure_init();
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        return GitError{GitErrorKind::not_a_repository, msg::tr("git.not_a_directory", {{"dir", dir}})};
    git_repository* r = nullptr;
    int rc = git_repository_open_ext(&r, dir.c_str(), 0, nullptr);
    if (rc == GIT_ENOTFOUND)
        if (auto who = git2::foreign_owner(dir)) return GitError{GitErrorKind::owner, *who};
    if (rc == GIT_ENOTFOUND)
        return GitError{GitErrorKind::not_a_repository,
                        msg::tr("git.not_a_repository", {{"dir", dir}})};
    if (rc == GIT_EOWNER) {
        GitError e = git2::error_from(rc, dir);
        e.kind = GitErrorKind::owner;
        return e;
    }
    if (rc < 0) return git2::error_from(rc, msg::tr("git.ctx.opening", {{"dir", dir}}));
    git2::RepoPtr repo(r);
    if (int e = git2::use_odb_without_commit_graph(repo.get()); e < 0)
        return git2::error_from(e, msg::tr("git.ctx.opening_objects", {{"dir", dir}}));
    auto shallow = git2::read_shallow(repo.get());
    return std::unique_ptr<GitRepo>(std::make_unique<git2::Libgit2Repo>(std::move(repo), std::move(shallow)));
}

} // namespace compuerta::core
