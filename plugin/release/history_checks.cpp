// 3.4 the tagged commit is in main; 3.3 the release branch is merged into main.
#include "plugin/release/checks.hpp"
#include "plugin/release/merge.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::release {

namespace {

class TagOnMain final : public core::Check {
  public:
    explicit TagOnMain(std::shared_ptr<Context> ctx)
        : core::Check(release_spec("tag-on-main", "3.4",
                                      fmt::format("El commit de {} está en {}", ctx->settings.tag,
                                                  ctx->settings.main_branch),
                                      {"tag-exists"})),
          m_ctx(std::move(ctx)) {}
    core::Outcome run(const core::Deadline&) override {
        const auto& s = m_ctx->settings;
        auto t = m_ctx->git.tag(s.tag);
        if (!t) return git_error_outcome(t.error(), "reading tag " + s.tag);
        auto main = resolve_main(*m_ctx);
        if (!main) return git_error_outcome(main.error(), "resolving the main branch");
        core::Evidence ev = {{"commit", t->commit}, {"main", main->ref}, {"main_commit", main->commit}};
        auto in = m_ctx->git.is_ancestor(t->commit, main->commit);
        if (!in) return git_error_outcome(in.error(), fmt::format("is {} in {}", short_id(t->commit), main->ref));
        if (*in)
            return core::Outcome::make(core::Status::pass,
                                       fmt::format("commit {} of {} is in {} (at {})", short_id(t->commit), s.tag,
                                                   main->ref, short_id(main->commit)),
                                       ev);
        return core::Outcome::make(
            core::Status::fail,
            fmt::format("commit {} of {} is not reachable from {} (at {}); merge the release into {} and tag the "
                        "merge commit on {} instead",
                        short_id(t->commit), s.tag, main->ref, short_id(main->commit), s.main_branch, s.main_branch),
            ev);
    }

  private:
    std::shared_ptr<Context> m_ctx;
};

std::string list_commits(const std::vector<core::GitCommit>& cs, std::size_t max) {
    std::string out;
    for (std::size_t i = 0; i < cs.size() && i < max; ++i)
        out += fmt::format("{}{} {}", i == 0 ? "" : "; ", short_id(cs[i].oid), cs[i].summary);
    if (cs.size() > max) out += fmt::format("; and {} more", cs.size() - max);
    return out;
}

class BranchMerged final : public core::Check {
  public:
    explicit BranchMerged(std::shared_ptr<Context> ctx)
        : core::Check(release_spec("branch-merged", "3.3",
                                      fmt::format("Rama {} fusionada a {}", ctx->settings.branch_for(ctx->version),
                                                  ctx->settings.main_branch),
                                      {})),
          m_ctx(std::move(ctx)) {}
    core::Outcome run(const core::Deadline&) override {
        const auto& s = m_ctx->settings;
        std::string name = s.branch_for(m_ctx->version);
        if (name.empty())
            return core::Outcome::make(core::Status::error,
                                       fmt::format("no release branch: {} does not follow {} so none can be derived; "
                                                   "name it with --release-branch",
                                                   s.tag, s.pattern.text()));
        auto main = resolve_main(*m_ctx);
        if (!main) return git_error_outcome(main.error(), "resolving the main branch");
        auto br = m_ctx->git.branch(name);
        if (!br && br.error().kind == core::GitErrorKind::not_found) {
            if (!s.release_branch.empty())
                return core::Outcome::make(
                    core::Status::error,
                    fmt::format("release branch \"{0}\" not found in {1} (no refs/heads/{0} nor refs/remotes/*/{0}); "
                                "fetch it (`git fetch origin {0}`) or correct --release-branch",
                                name, m_ctx->git.path()));
            return core::Outcome::make(
                core::Status::skip,
                fmt::format("release branch {} not found (deleted after merging, or not fetched); only the tag's place "
                            "in {} was checked. Fetch it or name it with --release-branch to check it",
                            name, s.main_branch));
        }
        if (!br) return git_error_outcome(br.error(), "resolving " + name);
        core::Evidence ev = {{"branch", br->ref}, {"branch_commit", br->commit}, {"main", main->ref},
                             {"main_commit", main->commit}};
        auto v = analyse_merge(m_ctx->git, main->commit, br->commit);
        if (!v) return git_error_outcome(v.error(), fmt::format("is {} merged into {}", br->ref, main->ref));
        if (v->merged) {
            ev.emplace_back("method", v->method);
            std::string how;
            if (v->method == "ancestor")
                how = fmt::format("its tip {} is an ancestor of {} (method: ancestor)", short_id(br->commit), main->ref);
            else if (v->method == "patch-id")
                how = fmt::format("each of its {} commits has an identical patch in {} (method: patch-id, as git "
                                  "cherry; rebased or cherry-picked)",
                                  v->branch_commits, main->ref);
            else
                how = fmt::format("{} commit {} holds every file as on the branch tip (method: tree comparison; "
                                  "squash merge)",
                                  main->ref, short_id(v->merged_by));
            if (!v->merged_by.empty()) ev.emplace_back("merged_by", v->merged_by);
            return core::Outcome::make(core::Status::pass, fmt::format("{} is merged into {}: {}", br->ref, main->ref, how),
                                       ev);
        }
        std::size_t n = v->missing.empty() ? v->branch_commits : v->missing.size();
        core::Outcome o = core::Outcome::make(
            core::Status::fail,
            fmt::format("{} of {} commits of {} are not in {} (checked by ancestry, patch id and tree): {}; merge {} "
                        "into {} and run the gate again",
                        n, v->branch_commits, br->ref, main->ref, list_commits(v->missing, 5), name, s.main_branch),
            ev);
        for (const auto& c : v->missing) o.detail += short_id(c.oid) + " " + c.summary + "\n";
        return o;
    }

  private:
    std::shared_ptr<Context> m_ctx;
};

} // namespace

std::shared_ptr<core::Check> make_tag_on_main(const std::shared_ptr<Context>& ctx) {
    return std::make_shared<TagOnMain>(ctx);
}
std::shared_ptr<core::Check> make_branch_merged(const std::shared_ptr<Context>& ctx) {
    return std::make_shared<BranchMerged>(ctx);
}

} // namespace compuerta::plugin::release
