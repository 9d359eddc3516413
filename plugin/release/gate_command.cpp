#include "plugin/release/gate_command.hpp"

#include "core/errors.hpp"
#include "plugin/release/checks.hpp"
#include "plugin/release/open_repo.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::release {

namespace po = boost::program_options;

namespace {

constexpr core::Millis k_default_timeout{120'000};

void options(po::options_description& d) {
    d.add_options()("tag", po::value<std::string>(), "release tag to check (default CI_COMMIT_TAG, else TAG_NAME)");
    add_repo_options(d, true);
}

int run(core::cli::Invocation& inv) {
    Settings s = read_settings(inv);
    if (s.tag.empty())
        throw core::UsageError("no tag to check: pass --tag TAG, or run in a tag pipeline (GitLab CI_COMMIT_TAG, "
                               "Jenkins TAG_NAME)");
    std::shared_ptr<core::GitRepo> git = open_repo(s.repo);
    if (git->shallow())
        inv.info(fmt::format("note: {} is a shallow clone; a question its history cannot answer is reported as an "
                             "error (exit 3), never guessed",
                             git->path()));
    std::optional<Version> v = s.pattern.match(s.tag);
    auto ctx = std::make_shared<Context>(Context{*git, std::move(s), v, git});
    core::RunnerOptions opt;
    opt.concurrency = 1; // one repository handle; the checks are quick
    auto checks = gate_checks(ctx, inv.common().timeout.value_or(k_default_timeout));
    return inv.run_checks("compuerta.gate.release", checks, opt);
}

} // namespace

const core::cli::Command& gate_release_command() {
    static const core::cli::Command cmd{
        "gate release",
        "Release gate (plan 3.3, 3.4): the tag is right and its release branch is merged into main.",
        "compuerta gate release [--tag TAG] [--repo DIR] [--main BRANCH] [--release-branch BRANCH] [OPTIONS]",
        "Checks, each a JUnit testcase (classname gate.release):\n"
        "  3.4 tag-exists     the tag exists\n"
        "  3.4 tag-pattern    it follows the pattern (default vMAJOR.MINOR.PATCH, pre-releases allowed)\n"
        "  3.4 tag-annotated  it is annotated (lightweight fails unless release.allow_lightweight)\n"
        "  3.4 tag-newer      it is newer than every earlier tag of its MAJOR.MINOR line\n"
        "                     (older than another line's newest: warn, a hotfix)\n"
        "  3.4 tag-on-main    the tagged commit is reachable from main\n"
        "  3.3 branch-merged  release/vMAJOR.MINOR is merged into main: by ancestry, else every\n"
        "                     change is in main (patch ids as git cherry, or trees after a squash)\n"
        "  3.4 version-file   with --version-file: the file in the tagged tree says the tag's version\n"
        "Works without compuerta.yml; on detached HEAD, with only remote branches (origin/main), and on\n"
        "shallow clones: when history is too shallow to decide, the check is an error (exit 3) asking to\n"
        "fetch more history (GitLab GIT_DEPTH: 0). Exit: 0 open, 1 closed, 2 usage, 3 cannot evaluate.",
        true,
        true,
        options,
        {},
        run,
    };
    return cmd;
}

} // namespace compuerta::plugin::release
