// libgit2 adapter: creating annotated tags and pushing them.
#include "core/messages/catalog.hpp"
#include "core/adapters/git_libgit2.hpp"
#include "core/secrets.hpp"

#include <optional>

namespace compuerta::core::git2 {

namespace {

using Guard = std::lock_guard<std::recursive_mutex>;

struct PushState {
    const Env* env = nullptr;
    int attempts = 0;
    std::string refname;
    std::optional<std::string> status; // set by the remote for our ref: nullopt ok, text refused
    bool reported = false;
};

int credentials(git_credential** out, const char* /*url*/, const char* user_from_url, unsigned int allowed,
                void* payload) {
    auto* st = static_cast<PushState*>(payload);
    if (++st->attempts > 3) return GIT_EAUTH; // stop libgit2 from asking forever
    if ((allowed & GIT_CREDENTIAL_SSH_KEY) != 0U)
        return git_credential_ssh_key_from_agent(out, user_from_url != nullptr ? user_from_url : "git");
    if ((allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) != 0U) {
        std::string user = st->env->get_or("COMPUERTA_GIT_USERNAME", "");
        std::string pass = st->env->get_or("COMPUERTA_GIT_PASSWORD", "");
        if (pass.empty()) {
            pass = st->env->get_or("CI_JOB_TOKEN", "");
            if (!pass.empty() && user.empty()) user = "gitlab-ci-token";
        }
        if (pass.empty()) return GIT_PASSTHROUGH;
        SecretRegistry::global().add(pass, "git push password");
        if (user.empty()) user = user_from_url != nullptr ? user_from_url : "git";
        return git_credential_userpass_plaintext_new(out, user.c_str(), pass.c_str());
    }
    return GIT_PASSTHROUGH;
}

int update_reference(const char* refname, const char* status, void* payload) {
    auto* st = static_cast<PushState*>(payload);
    if (st->refname == refname) {
        st->reported = true;
        if (status != nullptr) st->status = status;
    }
    return 0;
}

} // namespace

GitResult<std::string> Libgit2Repo::create_tag(const std::string& name, const std::string& commit,
                                               const std::string& message, const Env& env,
                                               const std::string& fallback_name) {
    Guard g(mutex);
    git_oid target;
    if (!parse_oid(commit, target)) return GitError{GitErrorKind::other, msg::tr("git.malformed_id", {{"function", "create_tag"}})};
    git_object* o = nullptr;
    if (int rc = git_object_lookup(&o, m_repo.get(), &target, GIT_OBJECT_COMMIT); rc < 0)
        return history_error(rc, msg::tr("git.ctx.reading_commit", {{"commit", commit.substr(0, 12)}}));
    ObjectPtr obj(o);
    git_signature* s = nullptr;
    if (git_signature_default(&s, m_repo.get()) < 0) {
        std::string who = env.get_or("GIT_COMMITTER_NAME", env.get_or("GIT_AUTHOR_NAME", fallback_name));
        std::string mail = env.get_or("GIT_COMMITTER_EMAIL", env.get_or("GIT_AUTHOR_EMAIL", fallback_name + "@localhost"));
        if (int rc = git_signature_now(&s, who.c_str(), mail.c_str()); rc < 0) return error_from(rc, msg::tr("git.ctx.tagger"));
    }
    SigPtr sig(s);
    git_oid out;
    int rc = git_tag_create(&out, m_repo.get(), name.c_str(), obj.get(), sig.get(), message.c_str(), 0);
    if (rc == GIT_EEXISTS) return GitError{GitErrorKind::other, msg::tr("git.tag_exists", {{"tag", name}})};
    if (rc < 0) return error_from(rc, msg::tr("git.ctx.creating_tag", {{"tag", name}}));
    return hex(out);
}

GitResult<PushReport> Libgit2Repo::push(const std::string& remote, const std::string& refspec, const Env& env) {
    Guard g(mutex);
    git_remote* r = nullptr;
    int rc = git_remote_lookup(&r, m_repo.get(), remote.c_str());
    if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC) rc = git_remote_create_anonymous(&r, m_repo.get(), remote.c_str());
    if (rc < 0) return error_from(rc, "remote " + remote);
    RemotePtr rem(r);
    PushState st;
    st.env = &env;
    auto colon = refspec.find(':');
    st.refname = colon == std::string::npos ? refspec : refspec.substr(colon + 1);
    git_push_options opts;
    git_push_options_init(&opts, GIT_PUSH_OPTIONS_VERSION);
    opts.callbacks.credentials = credentials;
    opts.callbacks.push_update_reference = update_reference;
    opts.callbacks.payload = &st;
    std::string spec = refspec;
    char* specs[] = {spec.data()};
    git_strarray arr{specs, 1};
    rc = git_remote_push(rem.get(), &arr, &opts);
    if (rc < 0) {
        GitError e = error_from(rc, msg::tr("git.ctx.pushing", {{"refspec", refspec}, {"remote", remote}}));
        if (rc == GIT_ENONFASTFORWARD || e.message.find("rejected") != std::string::npos ||
            e.message.find("non-fast") != std::string::npos)
            return PushReport{false, e.message};
        return e;
    }
    if (st.status) return PushReport{false, msg::tr("git.push_refused", {{"ref", st.refname}, {"status", *st.status}})};
    return PushReport{true, st.reported ? "accepted" : "pushed"};
}

} // namespace compuerta::core::git2
