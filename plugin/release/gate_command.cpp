#include "plugin/release/gate_command.hpp"

#include "core/errors.hpp"
#include "core/util/keep_until_exit.hpp"
#include "plugin/release/checks.hpp"
#include "plugin/release/open_repo.hpp"

#include "core/messages/catalog.hpp"

#include <fmt/format.h>

namespace compuerta::plugin::release {

namespace msg = core::msg;

namespace po = boost::program_options;

namespace {

constexpr core::Millis k_default_timeout{120'000};

void gate_options(po::options_description& d) {
    d.add_options()("tag", po::value<std::string>(), msg::tr("release.opt.tag").c_str());
    add_repo_options(d, true);
}

int run_gate(core::cli::Invocation& inv) {
    Settings s = read_settings(inv);
    if (s.tag.empty())
        throw core::UsageError(msg::tr("release.gate.no_tag"));
    std::shared_ptr<core::GitRepo> git = open_repo(inv.adapters(), s.repo);
    if (git->shallow())
        inv.info(msg::tr("release.gate.shallow_note", {{"repo", git->path()}}));
    std::optional<Version> v = s.pattern.match(s.tag);
    auto ctx = std::make_shared<Context>(Context{*git, std::move(s), v, git});
    core::keep_until_exit(ctx); // the repository's caches: exit frees them faster than we do
    core::RunnerOptions opt;
    opt.concurrency = 1; // one repository handle; the checks are quick
    auto checks = gate_checks(ctx, inv.common().timeout.value_or(k_default_timeout));
    return inv.run_checks("compuerta.gate.release", checks, opt);
}

} // namespace

const core::cli::Command& gate_release_command() {
    static const core::cli::Command cmd{
        "gate release",
        "release.gate.summary",
        "compuerta gate release [--tag TAG] [--repo DIR] [--main BRANCH] [--release-branch BRANCH] [OPTIONS]",
        "release.gate.description",
        true,
        true,
        gate_options,
        {},
        run_gate,
    };
    return cmd;
}

} // namespace compuerta::plugin::release
