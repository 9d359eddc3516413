#include "plugin/release/tag_command.hpp"

#include "core/errors.hpp"
#include "core/report/terminal.hpp"
#include "plugin/release/changelog.hpp"
#include "plugin/release/checks.hpp"
#include "plugin/release/merge.hpp"
#include "plugin/release/open_repo.hpp"
#include "core/util/keep_until_exit.hpp"
#include "core/events.hpp"
#include "core/messages/catalog.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::release {

namespace po = boost::program_options;
namespace msg = core::msg;

namespace {

constexpr std::size_t k_first_parent_limit = 100'000;

void tag_options(po::options_description& d) {
    d.add_options()("commit", po::value<std::string>(), msg::tr("release.tag_cmd.opt.commit").c_str())(
        "push", po::value<std::string>(), msg::tr("release.tag_cmd.opt.push").c_str());
    add_repo_options(d, false);
}

// "2.3.0" or "v2.3.0" (the pattern's spelling) into a version.
Version parse_requested(const std::string& text, const TagPattern& pattern) {
    if (auto v = parse_version(text)) return *v;
    if (auto v = pattern.match(text)) return *v;
    throw core::UsageError(msg::tr("release.tag_cmd.version_invalid", {{"text", text}, {"pattern", pattern.text()}}));
}

// A check that refuses to tag over an existing tag.
class TagAbsent final : public core::Check {
  public:
    explicit TagAbsent(std::shared_ptr<Context> ctx)
        : core::Check(release_spec("tag-absent", "3.4", msg::tr("release.tag_cmd.absent.name", {{"tag", ctx->settings.tag}}))),
          m_ctx(std::move(ctx)) {}
    core::Outcome run(const core::Deadline&) override {
        auto t = m_ctx->git.tag(m_ctx->settings.tag);
        if (!t && t.error().kind == core::GitErrorKind::not_found)
            return core::Outcome::make(core::Status::pass,
                                       msg::tr("release.tag_cmd.absent.pass", {{"tag", m_ctx->settings.tag}}));
        if (!t && t.error().kind == core::GitErrorKind::not_a_commit)
            return core::Outcome::make(core::Status::fail,
                                       msg::tr("release.tag_cmd.absent.not_a_commit",
                                               {{"tag", m_ctx->settings.tag}, {"problem", t.error().message}}));
        if (!t)
            return git_error_outcome(t.error(), msg::tr("release.tag_cmd.reading_tag", {{"tag", m_ctx->settings.tag}}));
        return core::Outcome::make(core::Status::fail,
                                   msg::tr("release.tag_cmd.absent.exists",
                                           {{"tag", m_ctx->settings.tag}, {"commit", short_id(t->commit)}}));
    }

  private:
    std::shared_ptr<Context> m_ctx;
};

struct Target {
    std::string commit;
    std::string how;
    bool warn = false;
};

// Where the tag goes: --commit, else the merge of the release branch into main.
Target choose_target(core::cli::Invocation& inv, Context& ctx) {
    auto main = resolve_main(ctx);
    if (!main) throw core::CannotEvaluate(main.error().message);
    if (auto rev = inv.arg<std::string>("commit")) {
        auto c = ctx.git.resolve_commit(*rev);
        if (!c) throw core::UsageError(fmt::format("--commit {}: {}", *rev, c.error().message));
        return {*c, "--commit " + *rev, false};
    }
    auto br = ctx.git.branch(ctx.settings.branch_for(ctx.version));
    if (br) {
        auto v = analyse_merge(ctx.git, main->commit, br->commit);
        if (v && v->method == "ancestor") {
            auto m = find_merge_commit(ctx.git, main->commit, br->commit, k_first_parent_limit);
            if (m && *m)
                return {**m, msg::tr("release.tag_cmd.target.merge", {{"main", main->ref}, {"branch", br->ref}}), false};
        }
        if (v && v->method == "tree")
            return {v->merged_by, msg::tr("release.tag_cmd.target.squash", {{"main", main->ref}}), false};
    }
    return {main->commit, msg::tr("release.tag_cmd.target.tip", {{"main", main->ref}}), true};
}

core::CheckResult action_result(const std::string& id, const std::string& name, core::Outcome o,
                                std::chrono::steady_clock::time_point t0) {
    core::CheckResult r = core::CheckResult::from(release_spec(id, "3.4", name), std::move(o));
    r.classname = "release.tag";
    r.duration = std::chrono::duration_cast<core::Millis>(std::chrono::steady_clock::now() - t0);
    return r;
}

void journal_tag(core::cli::Invocation& inv, bool ok, const std::string& tag, const std::string& commit, bool pushed,
                 const std::string& summary) {
    inv.journal().append(core::events::make(core::events::ReleaseTag{tag, commit, pushed}, ok ? "ok" : "fail", summary));
}

int run_tag(core::cli::Invocation& inv) {
    Settings s = read_settings(inv);
    auto requested = inv.arg<std::string>("VERSION");
    if (!requested) throw core::UsageError(msg::tr("release.tag_cmd.version_required"));
    Version v = parse_requested(*requested, s.pattern);
    s.tag = s.pattern.format(v);
    std::shared_ptr<core::GitRepo> git = open_repo(inv.adapters(), s.repo);
    auto ctx = std::make_shared<Context>(Context{*git, s, v, git});
    core::keep_until_exit(ctx); // the repository's caches: exit frees them faster than we do

    core::report::Suite suite = inv.make_suite("compuerta.tag");
    core::report::TerminalStyle style{inv.common().color, inv.common().verbosity};
    core::RunnerOptions opt = inv.runner_options({});
    opt.concurrency = 1;
    opt.until_pass = false;
    opt.on_result = [&](const core::CheckResult& r) { core::report::print_result(inv.out(), r, style); };
    std::vector<std::shared_ptr<core::Check>> checks = {std::make_shared<TagAbsent>(ctx), make_tag_newer(ctx, false),
                                                        make_branch_merged(ctx)};
    for (auto& c : checks) c->spec().timeout = inv.common().timeout.value_or(core::Millis(120'000));
    core::RunReport rr = core::run_checks(checks, opt);
    for (const auto& r : rr.results) inv.journal_result(r, 1);
    suite.results = rr.results;
    if (!core::round_passed(rr.results)) {
        journal_tag(inv, false, s.tag, "", false, msg::tr("release.tag_cmd.not_created.checks", {{"tag", s.tag}}));
        inv.warn(msg::tr("release.tag_cmd.not_created.advice", {{"tag", s.tag}, {"version", v.str()}}));
        return inv.report(std::move(suite));
    }

    auto t0 = std::chrono::steady_clock::now();
    Target target = choose_target(inv, *ctx);
    if (target.warn) inv.warn(msg::tr("release.tag_cmd.tagging", {{"how", target.how}}));
    auto on_main = resolve_main(*ctx);
    if (!on_main) throw core::CannotEvaluate(on_main.error().message);
    auto in_main = git->is_ancestor(target.commit, on_main->commit);
    if (!in_main)
        throw core::CannotEvaluate(msg::tr("release.tag_cmd.cannot_tell", {{"commit", short_id(target.commit)},
                                                                           {"main", on_main->ref},
                                                                           {"problem", in_main.error().message}}));
    if (!*in_main) {
        suite.results.push_back(action_result(
            "tag-created", msg::tr("release.tag_cmd.created.name", {{"tag", s.tag}}),
            core::Outcome::make(core::Status::fail,
                                msg::tr("release.tag_cmd.not_in_main", {{"commit", short_id(target.commit)},
                                                                        {"main", on_main->ref},
                                                                        {"branch", s.main_branch}})),
            t0));
        core::report::print_result(inv.out(), suite.results.back(), style);
        journal_tag(inv, false, s.tag, target.commit, false,
                    msg::tr("release.tag_cmd.not_created.not_in_main", {{"tag", s.tag}}));
        return inv.report(std::move(suite));
    }
    auto prev = previous_tag(*git, s.pattern, v);
    std::string message = tag_message(*git, s.tag, prev ? *prev : std::nullopt, target.commit);
    auto created = git->create_tag(s.tag, target.commit, message, inv.env(), inv.identity().actor.empty()
                                                                                 ? std::string("compuerta")
                                                                                 : inv.identity().actor);
    core::Outcome made = created
        ? core::Outcome::make(core::Status::pass,
                              msg::tr("release.tag_cmd.created",
                                      {{"tag", s.tag}, {"commit", short_id(target.commit)}, {"how", target.how}}),
                              {{"tag", s.tag}, {"commit", target.commit}, {"object", *created}})
        : core::Outcome::make(core::Status::fail,
                              msg::tr("release.tag_cmd.create_failed", {{"tag", s.tag}, {"problem", created.error().message}}));
    if (created && target.warn) made.status = core::Status::warn;
    made.output = created ? message : "";
    suite.results.push_back(
        action_result("tag-created", msg::tr("release.tag_cmd.created.name", {{"tag", s.tag}}), made, t0));
    core::report::print_result(inv.out(), suite.results.back(), style);
    if (!created) {
        journal_tag(inv, false, s.tag, target.commit, false, suite.results.back().message);
        return inv.report(std::move(suite));
    }

    bool pushed = false;
    if (auto remote = inv.arg<std::string>("push")) {
        auto t1 = std::chrono::steady_clock::now();
        std::string ref = "refs/tags/" + s.tag;
        auto p = git->push(*remote, ref + ":" + ref, inv.env());
        core::Outcome po_ = p && p->ok
            ? core::Outcome::make(core::Status::pass, msg::tr("release.tag_cmd.pushed", {{"tag", s.tag}, {"remote", *remote}}))
            : core::Outcome::make(core::Status::fail,
                                  msg::tr("release.tag_cmd.push_rejected",
                                          {{"tag", s.tag},
                                           {"remote", *remote},
                                           {"problem", p ? p->message : p.error().message},
                                           {"ref", ref}}));
        pushed = p && p->ok;
        suite.results.push_back(
            action_result("tag-pushed", msg::tr("release.tag_cmd.pushed.name", {{"tag", s.tag}}), po_, t1));
        core::report::print_result(inv.out(), suite.results.back(), style);
    }
    journal_tag(inv, !inv.arg<std::string>("push") || pushed, s.tag, target.commit, pushed,
                suite.results.back().title() + ": " + suite.results.back().message);
    return inv.report(std::move(suite));
}

} // namespace

const core::cli::Command& tag_command() {
    static const core::cli::Command cmd{
        "tag",
        "release.tag_cmd.summary",
        "compuerta tag VERSION [--repo DIR] [--commit REV] [--push REMOTE] [OPTIONS]",
        "release.tag_cmd.description",
        true,
        false,
        tag_options,
        {{"VERSION", 1}},
        run_tag,
    };
    return cmd;
}

} // namespace compuerta::plugin::release
