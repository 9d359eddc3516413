#include "plugin/release/tag_command.hpp"

#include "core/errors.hpp"
#include "core/report/terminal.hpp"
#include "plugin/release/changelog.hpp"
#include "plugin/release/checks.hpp"
#include "plugin/release/merge.hpp"
#include "plugin/release/open_repo.hpp"
#include "core/util/keep_until_exit.hpp"
#include "core/events.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::release {

namespace po = boost::program_options;

namespace {

constexpr std::size_t k_first_parent_limit = 100'000;

void options(po::options_description& d) {
    d.add_options()("commit", po::value<std::string>(), "commit to tag (default: the main commit that merged the release)")
        ("push", po::value<std::string>(), "push the new tag to this remote (name or URL) with libgit2");
    add_repo_options(d, false);
}

// "2.3.0" or "v2.3.0" (the pattern's spelling) into a version.
Version parse_requested(const std::string& text, const TagPattern& pattern) {
    if (auto v = parse_version(text)) return *v;
    if (auto v = pattern.match(text)) return *v;
    throw core::UsageError(fmt::format("VERSION \"{}\" is not a semantic version such as 2.3.0 or 2.3.0-rc.1 (nor a "
                                       "tag spelled {})",
                                       text, pattern.text()));
}

// A check that refuses to tag over an existing tag.
class TagAbsent final : public core::Check {
  public:
    explicit TagAbsent(std::shared_ptr<Context> ctx)
        : core::Check(release_spec("tag-absent", "3.4", fmt::format("La etiqueta {} aún no existe", ctx->settings.tag))),
          m_ctx(std::move(ctx)) {}
    core::Outcome run(const core::Deadline&) override {
        auto t = m_ctx->git.tag(m_ctx->settings.tag);
        if (!t && t.error().kind == core::GitErrorKind::not_found)
            return core::Outcome::make(core::Status::pass, m_ctx->settings.tag + " does not exist yet");
        if (!t && t.error().kind == core::GitErrorKind::not_a_commit)
            return core::Outcome::make(core::Status::fail,
                                       fmt::format("{} already exists ({}); refusing to move a release tag",
                                                   m_ctx->settings.tag, t.error().message));
        if (!t) return git_error_outcome(t.error(), "reading tag " + m_ctx->settings.tag);
        return core::Outcome::make(core::Status::fail,
                                   fmt::format("{0} already exists (commit {1}); refusing to move a release tag. Check it "
                                               "with `compuerta gate release --tag {0}`",
                                               m_ctx->settings.tag, short_id(t->commit)));
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
            if (m && *m) return {**m, fmt::format("the commit of {} that merged {}", main->ref, br->ref), false};
        }
        if (v && v->method == "tree")
            return {v->merged_by, fmt::format("the squash commit of {} found by tree comparison", main->ref), false};
    }
    return {main->commit,
            fmt::format("the tip of {}: the merge of the release branch was not found (squash, rebase or branch gone)",
                        main->ref),
            true};
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

int run(core::cli::Invocation& inv) {
    Settings s = read_settings(inv);
    auto requested = inv.arg<std::string>("VERSION");
    if (!requested) throw core::UsageError("VERSION is required, e.g. `compuerta tag 2.3.0`");
    Version v = parse_requested(*requested, s.pattern);
    s.tag = s.pattern.format(v);
    std::shared_ptr<core::GitRepo> git = open_repo(s.repo);
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
        journal_tag(inv, false, s.tag, "", false, fmt::format("{} not created: the checks before tagging did not pass", s.tag));
        inv.warn(fmt::format("{} was not created: fix what failed above and run `compuerta tag {}` again", s.tag,
                             v.str()));
        return inv.report(std::move(suite));
    }

    auto t0 = std::chrono::steady_clock::now();
    Target target = choose_target(inv, *ctx);
    if (target.warn) inv.warn(fmt::format("tagging {}", target.how));
    auto on_main = resolve_main(*ctx);
    if (!on_main) throw core::CannotEvaluate(on_main.error().message);
    auto in_main = git->is_ancestor(target.commit, on_main->commit);
    if (!in_main)
        throw core::CannotEvaluate(fmt::format("cannot tell whether {} is in {}: {}", short_id(target.commit),
                                               on_main->ref, in_main.error().message));
    if (!*in_main) {
        suite.results.push_back(action_result(
            "tag-created", fmt::format("Etiqueta {} creada", s.tag),
            core::Outcome::make(core::Status::fail,
                                fmt::format("{} is not in {}: the release gate would refuse a tag there; tag a commit "
                                            "of {}",
                                            short_id(target.commit), on_main->ref, s.main_branch)),
            t0));
        core::report::print_result(inv.out(), suite.results.back(), style);
        journal_tag(inv, false, s.tag, target.commit, false, s.tag + " not created: the commit is not in main");
        return inv.report(std::move(suite));
    }
    auto prev = previous_tag(*git, s.pattern, v);
    std::string message = tag_message(*git, s.tag, prev ? *prev : std::nullopt, target.commit);
    auto created = git->create_tag(s.tag, target.commit, message, inv.env(), inv.identity().actor.empty()
                                                                                 ? std::string("compuerta")
                                                                                 : inv.identity().actor);
    core::Outcome made = created
        ? core::Outcome::make(core::Status::pass,
                              fmt::format("{} created on {} ({})", s.tag, short_id(target.commit), target.how),
                              {{"tag", s.tag}, {"commit", target.commit}, {"object", *created}})
        : core::Outcome::make(core::Status::fail, fmt::format("creating {}: {}", s.tag, created.error().message));
    if (created && target.warn) made.status = core::Status::warn;
    made.output = created ? message : "";
    suite.results.push_back(action_result("tag-created", fmt::format("Etiqueta {} creada", s.tag), made, t0));
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
            ? core::Outcome::make(core::Status::pass, fmt::format("{} pushed to {}", s.tag, *remote))
            : core::Outcome::make(core::Status::fail,
                                  fmt::format("pushing {} to {} was rejected: {}; the tag exists locally — fix the "
                                              "remote side, then `git push {} {}`",
                                              s.tag, *remote, p ? p->message : p.error().message, *remote, ref));
        pushed = p && p->ok;
        suite.results.push_back(action_result("tag-pushed", fmt::format("Etiqueta {} publicada", s.tag), po_, t1));
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
        "Create the release tag (plan 3.4) after checking the release branch is merged (3.3).",
        "compuerta tag VERSION [--repo DIR] [--commit REV] [--push REMOTE] [OPTIONS]",
        "VERSION is a semantic version (2.3.0, 2.3.0-rc.1); the tag is spelled by the pattern\n"
        "(default v2.3.0). Refuses when the tag exists, when the version is not newer than its\n"
        "line's earlier tags, or when release/vMAJOR.MINOR is not merged into main. The annotated\n"
        "tag goes on the main commit that merged the release branch (or --commit); after a squash\n"
        "or rebase, where no merge can be found, on main's tip with a warning. Its message lists\n"
        "the changes since the previous release tag. --push REMOTE pushes it with libgit2\n"
        "(credentials: ssh-agent, or COMPUERTA_GIT_USERNAME/COMPUERTA_GIT_PASSWORD, or CI_JOB_TOKEN);\n"
        "a rejected push is exit 1 with the remote's reason.",
        true,
        false,
        options,
        {{"VERSION", 1}},
        run,
    };
    return cmd;
}

} // namespace compuerta::plugin::release
