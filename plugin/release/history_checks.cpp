// 3.4 the tagged commit is in main; 3.3 the release branch is merged into main.
#include "plugin/release/checks.hpp"
#include "plugin/release/merge.hpp"

#include "core/messages/catalog.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::release {

namespace msg = core::msg;

namespace {

class TagOnMain final : public core::Check {
  public:
    explicit TagOnMain(std::shared_ptr<Context> ctx)
        : core::Check(release_spec("tag-on-main", "3.4",
                                      msg::tr("release.check.tag_on_main",
                                              {{"tag", ctx->settings.tag}, {"main", ctx->settings.main_branch}}),
                                      {"tag-exists"})),
          m_ctx(std::move(ctx)) {}
    core::Outcome run(const core::Deadline&) override {
        const auto& s = m_ctx->settings;
        auto t = m_ctx->git.tag(s.tag);
        if (!t) return git_error_outcome(t.error(), msg::tr("release.reading_tag", {{"tag", s.tag}}));
        auto main = resolve_main(*m_ctx);
        if (!main) return git_error_outcome(main.error(), msg::tr("release.resolving_main"));
        core::Evidence ev = {{"commit", t->commit}, {"main", main->ref}, {"main_commit", main->commit}};
        auto in = m_ctx->git.is_ancestor(t->commit, main->commit);
        if (!in)
            return git_error_outcome(in.error(),
                                     msg::tr("release.asking_in", {{"commit", short_id(t->commit)}, {"ref", main->ref}}));
        if (*in)
            return core::Outcome::make(core::Status::pass,
                                       msg::tr("release.tag.on_main", {{"commit", short_id(t->commit)},
                                                                       {"tag", s.tag},
                                                                       {"ref", main->ref},
                                                                       {"at", short_id(main->commit)}}),
                                       ev);
        return core::Outcome::make(
            core::Status::fail,
            msg::tr("release.tag.not_on_main", {{"commit", short_id(t->commit)},
                                                {"tag", s.tag},
                                                {"ref", main->ref},
                                                {"at", short_id(main->commit)},
                                                {"main", s.main_branch}}),
            ev);
    }

  private:
    std::shared_ptr<Context> m_ctx;
};

std::string list_commits(const std::vector<core::GitCommit>& cs, std::size_t max) {
    std::string out;
    for (std::size_t i = 0; i < cs.size() && i < max; ++i)
        out += fmt::format("{}{} {}", i == 0 ? "" : "; ", short_id(cs[i].oid), cs[i].summary);
    if (cs.size() > max) out += msg::trn("release.and_more", static_cast<long long>(cs.size() - max));
    return out;
}

class BranchMerged final : public core::Check {
  public:
    explicit BranchMerged(std::shared_ptr<Context> ctx)
        : core::Check(release_spec("branch-merged", "3.3",
                                      msg::tr("release.check.branch_merged",
                                              {{"branch", ctx->settings.branch_for(ctx->version)},
                                               {"main", ctx->settings.main_branch}}),
                                      {})),
          m_ctx(std::move(ctx)) {}
    core::Outcome run(const core::Deadline&) override {
        const auto& s = m_ctx->settings;
        std::string name = s.branch_for(m_ctx->version);
        if (name.empty())
            return core::Outcome::make(core::Status::error,
                                       msg::tr("release.branch.none", {{"tag", s.tag}, {"pattern", s.pattern.text()}}));
        auto main = resolve_main(*m_ctx);
        if (!main) return git_error_outcome(main.error(), msg::tr("release.resolving_main"));
        auto br = m_ctx->git.branch(name);
        if (!br && br.error().kind == core::GitErrorKind::not_found) {
            if (!s.release_branch.empty())
                return core::Outcome::make(
                    core::Status::error,
                    msg::tr("release.branch.not_found", {{"branch", name}, {"repo", m_ctx->git.path()}}));
            return core::Outcome::make(
                core::Status::skip,
                msg::tr("release.branch.gone", {{"branch", name}, {"main", s.main_branch}}));
        }
        if (!br) return git_error_outcome(br.error(), msg::tr("release.resolving", {{"ref", name}}));
        core::Evidence ev = {{"branch", br->ref}, {"branch_commit", br->commit}, {"main", main->ref},
                             {"main_commit", main->commit}};
        auto v = analyse_merge(m_ctx->git, main->commit, br->commit);
        if (!v)
            return git_error_outcome(v.error(), msg::tr("release.asking_merged", {{"branch", br->ref}, {"ref", main->ref}}));
        if (v->merged) {
            ev.emplace_back("method", v->method);
            std::string how;
            if (v->method == "ancestor")
                how = msg::tr("release.merged.ancestor", {{"tip", short_id(br->commit)}, {"ref", main->ref}});
            else if (v->method == "patch-id")
                how = msg::trn("release.merged.patch_id", static_cast<long long>(v->branch_commits), {{"ref", main->ref}});
            else
                how = msg::tr("release.merged.tree", {{"ref", main->ref}, {"commit", short_id(v->merged_by)}});
            if (!v->merged_by.empty()) ev.emplace_back("merged_by", v->merged_by);
            return core::Outcome::make(core::Status::pass,
                                       msg::tr("release.merged", {{"branch", br->ref}, {"ref", main->ref}, {"how", how}}), ev);
        }
        std::size_t n = v->missing.empty() ? v->branch_commits : v->missing.size();
        core::Outcome o = core::Outcome::make(
            core::Status::fail,
            msg::trn("release.not_merged", static_cast<long long>(v->branch_commits),
                     {{"missing", n},
                      {"branch", br->ref},
                      {"ref", main->ref},
                      {"commits", list_commits(v->missing, 5)},
                      {"name", name},
                      {"main", s.main_branch}}),
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
